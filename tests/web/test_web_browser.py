"""The map in Debian's headless Chromium, driven by playwright, against `faultline serve`'s app on
loopback over a store built by the real pipeline: the markers of the store are drawn, a filter
changes them, the timeline filters them, and a click opens the event page with its evidence marked.

Skipped only when /usr/bin/chromium is absent and FAULTLINE_REQUIRE_BROWSER is unset; `make test`
sets it (and installs chromium), so there it always runs. With FAULTLINE_SCREENSHOTS=DIR set, the
screenshots of the map and of an event page are written to DIR (docs/screenshots for the README).
"""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn

from faultline.web import create_app, open_readonly
from tests.web.test_web import build_store

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]  # fmt: skip

pytestmark = [pytest.mark.model, pytest.mark.browser]


@pytest.fixture(scope="module")
def chromium() -> Path:
    if not CHROMIUM.exists():
        if os.environ.get("FAULTLINE_REQUIRE_BROWSER"):
            pytest.fail(f"{CHROMIUM} is missing; `make chromium` installs Debian's package")
        pytest.skip(f"{CHROMIUM} is absent (Debian's chromium; `make test` installs it)")
    return CHROMIUM


@pytest.fixture(scope="module")
def server(tmp_path_factory, resources):
    """The app over a test store, served by uvicorn on a free loopback port, in a thread."""
    store = open_readonly(str(build_store(tmp_path_factory.mktemp("browser"), resources)))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture(scope="module")
def page(chromium, server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1100, "height": 640})
        page = context.new_page()
        page.errors = []  # type: ignore[attr-defined]
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.on("requestfailed", lambda request: page.errors.append(request.url))
        yield page
        browser.close()


def shown(page) -> int:
    page.wait_for_selector('body[data-loaded="true"]', state="attached")
    return int(page.evaluate("document.body.dataset.shown"))


def wait_shown(page, count: int) -> None:
    """Wait until the page shows `count` events (polling: the page's CSP forbids the string
    evaluation that playwright's wait_for_function uses)."""
    deadline = time.monotonic() + 10
    while shown(page) != count:
        assert time.monotonic() < deadline, f"the page shows {shown(page)} events, not {count}"
        page.wait_for_timeout(50)


def drawn(page) -> int:
    """Markers drawn on their own plus the markers counted inside clusters."""
    single = page.locator("path.event-marker").count()
    clustered = sum(int(text) for text in page.locator(".marker-cluster span").all_inner_texts())
    return single + clustered


def save(page, name: str, top: str | None = None) -> None:
    """A screenshot into $FAULTLINE_SCREENSHOTS, scrolled so that `top` (a selector) is at the
    top of the window."""
    folder = os.environ.get("FAULTLINE_SCREENSHOTS")
    if folder:
        if top:
            page.set_viewport_size({"width": 1100, "height": 1150})
            page.locator(top).first.evaluate("element => element.scrollIntoView()")
        page.screenshot(path=str(Path(folder) / name), type="png")


def test_the_map_draws_filters_and_opens_the_evidence(page, server) -> None:
    events = page.request.get(f"{server}/api/events").json()["events"]
    located = [e for e in events if e["latitude"] is not None]
    page.goto(server + "/")
    assert shown(page) == len(events)
    page.wait_for_timeout(300)  # the cluster layer draws after the data arrives
    assert drawn(page) == len(located) >= 3
    assert page.locator("#event-list li").count() == len(events)
    save(page, "map.png")

    page.select_option("#f-type", "Protests")
    protests = [e for e in located if e["event_type"] == "Protests"]
    wait_shown(page, len(protests))
    assert drawn(page) == len(protests) == 1

    page.click("#f-reset")
    wait_shown(page, len(events))
    day = page.locator("#timeline rect.day").first
    picked = day.get_attribute("data-day")
    day.click()
    # the API's date filter: events on that day, ranges that overlap it included
    on_day = page.request.get(f"{server}/api/events?since={picked}&until={picked}").json()
    assert any(e["event_date"] == picked for e in on_day["events"])
    wait_shown(page, len(on_day["events"]))
    assert page.input_value("#f-since") == picked == page.input_value("#f-until")

    page.locator("path.event-marker").first.click()
    page.wait_for_url("**/events/**")
    evidence = page.locator("mark.evidence")
    assert evidence.count() >= 1 and evidence.first.is_visible()
    assert page.locator(".claim").count() >= 1
    save(page, "event.png", top="#claims")
    assert page.errors == []  # type: ignore[attr-defined]
