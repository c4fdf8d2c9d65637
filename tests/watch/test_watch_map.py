"""The map refreshes itself: an article ingested while the page is open (as `faultline watch`
ingests) appears on it without a reload. Headless Chromium, as tests/web/test_web_browser.py."""

from __future__ import annotations

import json

import pytest

from faultline.store import open_store
from faultline.store.ingest import ingest_articles
from faultline.text.read import read_inputs
from tests.web import test_web
from tests.web.test_web_browser import CHROMIUM_ARGS, chromium, shown, wait_shown  # noqa: F401

pytestmark = [pytest.mark.model, pytest.mark.browser]


def test_the_map_shows_new_events_without_a_reload(chromium, tmp_path, resources) -> None:  # noqa: F811
    import socket
    import threading
    import time

    import uvicorn
    from playwright.sync_api import sync_playwright

    from faultline.web import create_app, open_readonly

    first, last = test_web.ARTICLES[:-1], test_web.ARTICLES[-1:]
    db = tmp_path / "live.db"
    ingest(first, tmp_path / "first.jsonl", db, resources)
    store = open_readonly(str(db))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    running = uvicorn.Server(uvicorn.Config(create_app(store), host="127.0.0.1", port=port,
                                            log_level="warning"))  # fmt: skip
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    url = f"http://127.0.0.1:{port}"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
            page = browser.new_context(viewport={"width": 1100, "height": 640}).new_page()
            page.add_init_script("window.faultlineRefreshMs = 500;")
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(url + "/")
            before = shown(page)
            assert before == len(page.request.get(url + "/api/events").json()["events"])
            ingest(last, tmp_path / "last.jsonl", db, resources)
            after = len(page.request.get(url + "/api/events").json()["events"])
            assert after > before
            wait_shown(page, after)  # the page asked again by itself
            assert errors == []
            browser.close()
    finally:
        running.should_exit = True
        thread.join(timeout=10)
        store.close()


def ingest(articles: list[dict], feed, db, resources) -> None:  # noqa: ANN001
    feed.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    items = read_inputs([str(feed)], published=None, url=None, source=None, max_bytes=1_000_000)
    with open_store(str(db)) as store:
        outcomes = list(ingest_articles(items, store, resources=lambda: resources))
    assert [o.status for o in outcomes] == ["stored"] * len(articles)
