"""`faultline watch` against a real HTTP server on loopback (tests/watch/server.py): feeds and
pages written here; slow, failing, malformed, enormous and binary responses among them."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text

from faultline.errors import FaultlineError
from faultline.store import open_store
from faultline.store.ingest import ingest_articles
from faultline.watch import USER_AGENT, Fetcher, expand, parse_interval, poll, state
from tests.store.test_store_robustness import ARTICLES
from tests.watch.server import Route, Server, page, rss

PG_URL = os.environ.get("FAULTLINE_TEST_PG_URL")
BACKENDS = [
    "sqlite",
    pytest.param("postgresql", marks=pytest.mark.skipif(
        not PG_URL, reason="FAULTLINE_TEST_PG_URL is unset (start one with scripts/pg.sh start)")),
]  # fmt: skip


@pytest.fixture
def server() -> Iterator[Server]:
    served = Server()
    yield served
    served.close()


@pytest.fixture(params=BACKENDS)
def db(request, tmp_path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "watch.db")
    name = f"faultline_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL.replace("postgresql://", "postgresql+psycopg://", 1),
                          isolation_level="AUTOCOMMIT")  # fmt: skip
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    request.addfinalizer(drop)
    return PG_URL.rsplit("/", 1)[0] + "/" + name


def serve_articles(server: Server, articles: list[dict], feed: str = "/feed.xml") -> str:
    """Each article as a page /p/ID and all of them in one RSS feed; the feed's URL."""
    for article in articles:
        server.routes[f"/p/{article['id']}"] = Route(page(article["id"], article["text"]))
    items = [(a["id"], f"{server.url}/p/{a['id']}", a["id"]) for a in articles]
    server.routes[feed] = Route(rss("Wire", items), content_type="application/rss+xml",
                                etag='"v1"')  # fmt: skip
    return server.url + feed


def watch_once(sources: list[str], db: str, resources, **limits):
    with (
        open_store(db) as store,
        Fetcher(
            timeout=limits.get("timeout", 5), max_bytes=limits.get("max_bytes", 1_000_000)
        ) as fetcher,
    ):
        summary = poll(
            sources,
            store,
            fetcher,
            lambda items: ingest_articles(items, store, resources=lambda: resources),
        )
        return summary, state.sources(store), state.items(store), store.failures()


def test_the_interval_reads_units() -> None:
    assert [parse_interval(x) for x in ("15m", "30s", "1h", "90", "1d")] == [900, 30, 3600, 90,
                                                                             86400]  # fmt: skip
    with pytest.raises(FaultlineError, match="--every"):
        parse_interval("soon")


def test_a_list_of_sources_is_read_from_a_file(tmp_path) -> None:
    listing = tmp_path / "sources.txt"
    listing.write_text("# agencies\nhttp://127.0.0.1:9/a.xml\n\n  drops/  # the scraper\n")
    assert expand([str(listing), "http://127.0.0.1:9/a.xml"]) == ["http://127.0.0.1:9/a.xml",
                                                                   "drops/"]  # fmt: skip
    page_file = tmp_path / "page.html"
    page_file.write_text("<p>http://127.0.0.1:9/not-a-list</p>")
    assert expand([str(page_file)]) == [str(page_file)]  # fails as a source, with its reason


@pytest.mark.model
def test_a_feed_is_ingested_once_then_asked_conditionally(server, db, resources) -> None:
    feed = serve_articles(server, ARTICLES[:3])
    summary, sources, items, _ = watch_once([feed], db, resources)
    assert (summary.items, summary.new, summary.counts["stored"]) == (3, 3, 3)
    assert "3 stored" in summary.line() and "1 sources" in summary.line()
    assert [i["status"] for i in items] == ["stored"] * 3 and all(
        i["record"] is None for i in items
    )
    assert sources[0]["etag"] == '"v1"' and sources[0]["status"] == "ok"
    assert all(h.get("User-Agent") == USER_AGENT for _, h in server.requests)
    with open_store(db) as store:
        stored = [store.article(i) for i in store.article_ids()]
    assert {a["article"]["url"] for a in stored} == {
        f"{server.url}/p/{a['id']}" for a in ARTICLES[:3]
    }
    assert {a["article"]["published"] for a in stored} == {"2023-06-11"}
    assert {a["article"]["source"] for a in stored} == {"Wire"}

    server.requests.clear()
    summary, sources, _, _ = watch_once([feed], db, resources)
    assert server.paths() == ["/feed.xml"]  # answered 304: no page fetched again
    assert [h.get("If-None-Match") for p, h in server.requests if p == "/feed.xml"] == ['"v1"']
    assert (summary.new, summary.counts["stored"]) == (0, 0) and sources[0][
        "message"
    ] == "not modified"

    # the feed changes: only the new item is fetched
    serve_articles(server, ARTICLES[:4])
    server.routes["/feed.xml"].etag = '"v2"'
    server.requests.clear()
    summary, *_ = watch_once([feed], db, resources)
    assert server.paths() == ["/feed.xml", "/p/a04"] and summary.counts["stored"] == 1


@pytest.mark.model
def test_every_bad_source_gets_its_reason_and_the_others_go_on(server, tmp_path, resources) -> None:
    good = serve_articles(server, ARTICLES[:2], feed="/good.xml")
    server.routes["/broken.xml"] = Route(b"<rss><channel><item><title>cut", content_type="text/xml")
    server.routes["/notfeed.xml"] = Route(b"<html><body><p>Hello</p></body></html>")
    server.routes["/slowfeed.xml"] = Route(b"<rss/>", delay=3, content_type="text/xml")
    server.routes["/robots.txt"] = Route(
        b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"
    )
    bad_pages = {
        "menu": Route(b"<html><body><nav><a href='/'>Home</a></nav></body></html>"),
        "huge": Route(b"<p>" + b"word " * 20_000 + b"</p>", chunks=20),  # streamed, no length
        "declared": Route(b"x" * 2_000_000),
        "png": Route(b"\x89PNG\r\n\x1a\n" + bytes(200), content_type="image/png"),
        "nul": Route(b"<html>\x00\x01\x02" * 100),  # binary served as text/html
        "slow": Route(page("slow", ARTICLES[2]["text"]), delay=3),
        "gone": Route(b"gone", status=410, content_type="text/plain"),
        "loop": Route(status=302, headers={"Location": "/p/loop"}),
    }
    for name, route in bad_pages.items():
        server.routes[f"/p/{name}"] = route
    items = [(n, f"{server.url}/p/{n}", n) for n in bad_pages]
    items.append(("private", f"{server.url}/private/a", "private"))
    server.routes["/pages.xml"] = Route(rss("Bad pages", items), content_type="application/rss+xml")
    sources = [server.url + path for path in ("/broken.xml", "/notfeed.xml", "/slowfeed.xml")]
    sources += ["http://127.0.0.1:9/unreachable.xml", str(tmp_path / "missing")]
    sources += [server.url + "/pages.xml", good]
    summary, states, items_seen, failures = watch_once(
        sources, str(tmp_path / "w.db"), resources, timeout=1, max_bytes=1_000_000
    )
    reasons = {
        s["source"].rsplit("/", 1)[-1]: s["message"] for s in states if s["status"] == "failed"
    }
    assert "invalid XML" in reasons["broken.xml"]
    assert "not" in reasons["notfeed.xml"] and "feed" in reasons["notfeed.xml"]
    assert reasons["slowfeed.xml"] == "timed out"
    assert reasons["unreachable.xml"].startswith("unreachable")
    assert "no such feed list or folder" in reasons["missing"]
    assert len(summary.failed_sources) == 5
    by_item = {i["item"].rsplit("/", 1)[-1]: (i["status"], i["message"]) for i in items_seen}
    assert by_item["menu"] == ("failed", "no article text found in the HTML")
    assert by_item["huge"][0] == "failed" and "over the limit" in by_item["huge"][1]
    assert by_item["declared"][0] == "failed" and "2,000,000 bytes" in by_item["declared"][1]
    assert by_item["png"] == ("failed", "binary response (image/png), not a text page")
    assert by_item["nul"][0] == "failed" and "binary" in by_item["nul"][1]
    assert by_item["slow"] == ("retry", "timed out")  # transient: asked again next poll
    assert by_item["gone"] == ("failed", "HTTP 410 Gone")
    assert by_item["loop"] == ("failed", "more than 5 redirects")
    assert by_item["a"] == ("failed", "robots.txt disallows fetching it")
    assert "/private/a" not in server.paths()
    assert by_item["a01"][0] == by_item["a02"][0] == "stored"  # the good feed went on
    assert {f["input_name"].rsplit("/", 1)[-1] for f in failures} == {
        "menu", "huge", "declared", "png", "nul", "gone", "loop", "a"}  # fmt: skip

    # the slow page answers in time at the next poll and is stored; nothing else is fetched
    server.routes["/p/slow"].delay = 0
    server.requests.clear()
    summary, _, items_seen, _ = watch_once(sources, str(tmp_path / "w.db"), resources, timeout=1)
    pages = [p for p in server.paths() if p.startswith(("/p/", "/private/"))]
    assert pages == ["/p/slow"] and summary.counts["stored"] == 1


@pytest.mark.model
def test_a_folder_is_followed_file_by_file(tmp_path, resources) -> None:
    folder = tmp_path / "drops"
    folder.mkdir()
    (folder / "one.html").write_bytes(page("one", ARTICLES[0]["text"]))
    (folder / "two.txt").write_text(ARTICLES[1]["text"])
    (folder / "more.jsonl").write_text("".join(json.dumps(a) + "\n" for a in ARTICLES[2:4]))
    (folder / "notes.md").write_text("not watched")
    db = str(tmp_path / "f.db")
    summary, *_ = watch_once([str(folder)], db, resources)
    assert (summary.items, summary.new, summary.counts["stored"]) == (3, 3, 4)
    summary, *_ = watch_once([str(folder)], db, resources)
    assert (summary.new, summary.counts["stored"]) == (0, 0)
    (folder / "three.txt").write_text(ARTICLES[4]["text"])
    (folder / "empty.txt").write_text("")
    summary, _, items, failures = watch_once([str(folder)], db, resources)
    assert (summary.new, summary.counts["stored"], summary.counts["failed"]) == (2, 1, 1)
    assert failures[-1]["message"] == "empty input"


def test_a_source_that_is_no_source_says_why(tmp_path) -> None:
    single = tmp_path / "page.html"
    single.write_text("<p>one page</p>")
    with open_store(str(tmp_path / "s.db")) as store, Fetcher(timeout=1, max_bytes=1000) as fetcher:
        ingest = lambda items: ingest_articles(items, store, resources=pytest.fail)  # noqa: E731
        summary = poll([str(single), str(tmp_path / "nowhere"), "ftp://127.0.0.1:9/feed"],
                       store, fetcher, ingest)  # fmt: skip
        reasons = {s["source"]: s["message"] for s in state.sources(store)}
    assert len(summary.failed_sources) == 3 and "3 sources (3 failed)" in summary.line()
    assert reasons[str(single)].startswith("a single file is not a source")
    assert reasons[str(tmp_path / "nowhere")].startswith("no such feed list or folder")
    assert "a feed must be an http(s) URL" in reasons["ftp://127.0.0.1:9/feed"]
