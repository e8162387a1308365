"""Browser fixtures: the app served on 127.0.0.1 and a headless Debian Chromium.

`live_server` serves the session's `app` (and so the test database) from a
background thread; rows a test creates are visible to the browser. `page` is a
fresh Playwright page per test in a Chromium launched once per session.
"""

from __future__ import annotations

import socket
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.browser import axe, inventory
from tests.conftest import require

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    """Everything under tests/browser/ needs Chromium: mark it so `-m` can select it."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the item: the inventory check runs only after a pass."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(autouse=True)
def axe_inventory(request):
    """Fail a test the inventory credits with an axe visit it did not make."""
    axe.visits.clear()
    yield
    test_id = request.node.nodeid.split("tests/browser/", 1)[-1]
    claimed = inventory.claims(test_id)
    call = getattr(request.node, "report_call", None)
    if not claimed or call is None or not call.passed:
        return
    app = request.getfixturevalue("app")
    seen = set().union(*(inventory.covered(app, visit) for visit in axe.visits))
    missing = sorted(claimed - seen, key=str)
    assert not missing, f"inventory.py credits {test_id} with {missing}; axe passed {axe.visits}"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def live_server(app):
    """The base URL of `app` served from a thread on 127.0.0.1; stopped after the test."""
    server = make_server("127.0.0.1", _free_port(), app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session (Debian's, not a downloaded one)."""
    require(CHROMIUM.exists(), f"Chromium at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser):
    """A new page in a fresh context (no cookies from other tests), Swedish locale."""
    context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()
