"""Feed tests see every change at once (no version reuse, empty caches), and the demo-like
events most of them read."""

from __future__ import annotations

import pytest

from app.feeds import cache
from tests.feeds.world import demo_like


@pytest.fixture(autouse=True)
def _fresh_feed_cache(request):
    cache.clear()
    if "nodb" not in request.keywords:
        app = request.getfixturevalue("app")
        previous = app.config.get("FEED_VERSION_TTL")
        app.config["FEED_VERSION_TTL"] = 0
        yield
        app.config["FEED_VERSION_TTL"] = previous if previous is not None else 1.0
    else:
        yield
    cache.clear()


@pytest.fixture
def demo(app, make_event, unit):
    return demo_like(app, make_event, unit)
