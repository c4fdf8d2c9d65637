"""HTTP for `faultline watch`: one httpx client with a timeout, a size limit, bounded redirects, a
clear User-Agent, robots.txt respected, and conditional requests (ETag / Last-Modified).

    fetcher = Fetcher(timeout=20, max_bytes=20_000_000)
    page = fetcher.get(url, etag=..., last_modified=...)   # Page, or FetchError with the reason
"""

from __future__ import annotations

import urllib.robotparser
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from .. import __version__

USER_AGENT = f"faultline-watch/{__version__} (+https://github.com/faultline; conflict news reader)"
MAX_REDIRECTS = 5
# Content types read as text; anything else (images, PDF, archives, octet-stream) is refused.
_TEXT_TYPES = ("text/", "application/xhtml", "application/xml", "application/rss",
               "application/atom", "application/rdf", "application/json")  # fmt: skip


class FetchError(Exception):
    """A URL that could not be fetched; `reason` says why in words."""

    def __init__(self, url: str, reason: str, *, transient: bool = False) -> None:
        super().__init__(f"{url}: {reason}")
        self.url, self.reason, self.transient = url, reason, transient


@dataclass(frozen=True, slots=True)
class Page:
    url: str  # after redirects
    status: int  # 200, or 304 (not modified: `body` is empty)
    body: bytes
    content_type: str
    etag: str | None
    last_modified: str | None


class Fetcher:
    """GETs URLs politely. Close it (or use `with`) when done."""

    def __init__(self, *, timeout: float, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.client = httpx.Client(
            timeout=httpx.Timeout(timeout),
            follow_redirects=True,
            max_redirects=MAX_REDIRECTS,
            headers={"User-Agent": USER_AGENT},
        )
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.client.close()

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Page:
        """The page at `url`; FetchError when it is unreachable, refused by robots.txt, an HTTP
        error, over the size limit or binary."""
        if urlsplit(url).scheme not in ("http", "https"):
            raise FetchError(url, "not an http(s) URL")
        if not self.allowed(url):
            raise FetchError(url, "robots.txt disallows fetching it")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                if response.status_code == 304:
                    return Page(url, 304, b"", "", etag, last_modified)
                if response.status_code >= 400:
                    raise FetchError(url, f"HTTP {response.status_code} {response.reason_phrase}",
                                     transient=response.status_code >= 500 or
                                     response.status_code == 429)  # fmt: skip
                content_type = response.headers.get("content-type", "").split(";")[0].strip()
                if content_type and not content_type.lower().startswith(_TEXT_TYPES):
                    raise FetchError(url, f"binary response ({content_type}), not a text page")
                body = self._read_limited(url, response)
                return Page(
                    str(response.url), response.status_code, body, content_type.lower(),
                    response.headers.get("etag"), response.headers.get("last-modified"),
                )  # fmt: skip
        except httpx.TooManyRedirects:
            raise FetchError(url, f"more than {MAX_REDIRECTS} redirects") from None
        except httpx.TimeoutException:
            raise FetchError(url, "timed out", transient=True) from None
        except httpx.HTTPError as error:
            reason = " ".join(str(error).split()) or type(error).__name__
            raise FetchError(url, f"unreachable: {reason}", transient=True) from None

    def _read_limited(self, url: str, response: httpx.Response) -> bytes:
        limit = f"the limit of {self.max_bytes / 1_000_000:.1f} MB (setting max_input_bytes)"
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(url, f"response of {int(declared):,} bytes is over {limit}")
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(url, f"response is over {limit}")
            chunks.append(chunk)
        return b"".join(chunks)

    def forget_robots(self) -> None:
        """Read each site's robots.txt again at its next request (a watch does so every poll)."""
        self._robots.clear()

    def allowed(self, url: str) -> bool:
        """Whether robots.txt of the URL's site lets this User-Agent fetch it (read once per
        site until `forget_robots`; a site without one, or whose robots.txt cannot be read,
        allows all)."""
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        if site not in self._robots:
            self._robots[site] = self._read_robots(site)
        robots = self._robots[site]
        return robots is None or robots.can_fetch(USER_AGENT, url)

    def _read_robots(self, site: str) -> urllib.robotparser.RobotFileParser | None:
        parser = urllib.robotparser.RobotFileParser(site + "/robots.txt")
        try:
            response = self.client.get(site + "/robots.txt")
        except httpx.HTTPError:
            return None
        if response.status_code in (401, 403):
            parser.disallow_all = True  # as urllib.robotparser reads these
        elif response.status_code < 400:
            parser.parse(response.text[: self.max_bytes].splitlines())
        else:
            return None
        return parser
