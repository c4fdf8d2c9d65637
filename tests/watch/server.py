"""A real HTTP server on loopback for the watch tests: routes written by each test, every request
recorded. Nothing here reaches any other address."""

from __future__ import annotations

import html
import http.server
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import format_datetime


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering
    wait: threading.Event | None = None  # answer only once set (a request "in flight")
    etag: str | None = None  # answer 304 to If-None-Match with it
    chunks: int = 1  # send the body this many times, without Content-Length (a stream)


class Server:
    def __init__(self) -> None:
        self.routes: dict[str, Route | Callable[[], Route]] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                outer.requests.append((self.path, dict(self.headers.items())))
                route = outer.routes.get(self.path)
                if callable(route):
                    route = route()
                if route is None:
                    self.send_error(404, "Not Found")
                    return
                if route.wait is not None:
                    route.wait.wait(120)
                if route.delay:
                    threading.Event().wait(route.delay)
                if route.etag and self.headers.get("If-None-Match") == route.etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                try:
                    self.send_response(route.status)
                    if route.content_type:
                        self.send_header("Content-Type", route.content_type)
                    if route.etag:
                        self.send_header("ETag", route.etag)
                    for name, value in route.headers.items():
                        self.send_header(name, value)
                    if route.chunks == 1:
                        self.send_header("Content-Length", str(len(route.body)))
                    self.end_headers()
                    for _ in range(route.chunks):
                        self.wfile.write(route.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (over its size limit)

            def log_message(self, *_args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def paths(self) -> list[str]:
        """The paths requested, robots.txt left out."""
        return [path for path, _ in self.requests if path != "/robots.txt"]


def page(title: str, text: str) -> bytes:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n"))
    return (f"<!doctype html><html><head><title>{html.escape(title)}</title></head><body>"
            f"<nav><a href='/'>Home</a></nav><article><h1>{html.escape(title)}</h1>"
            f"{paragraphs}</article></body></html>").encode()  # fmt: skip


def rss(title: str, items: list[tuple[str, str, str]], published: str = "2023-06-11") -> bytes:
    """An RSS 2.0 feed of (guid, link, title) items."""
    import datetime as dt

    day = format_datetime(dt.datetime.fromisoformat(published + "T08:00:00+00:00"))
    entries = "".join(
        f"<item><guid>{html.escape(guid)}</guid><link>{html.escape(link)}</link>"
        f"<title>{html.escape(name)}</title><pubDate>{day}</pubDate></item>"
        for guid, link, name in items
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{html.escape(title)}</title><link>http://127.0.0.1/</link>"
            f"<description>test feed</description>{entries}</channel></rss>").encode()  # fmt: skip
