"""The feed pages in Chromium: axe-core finds no WCAG 2.1 A/AA violation."""

from __future__ import annotations

import pytest

from tests.browser.axe import assert_accessible, browser_login
from tests.conftest import PASSWORD
from tests.feeds.world import demo_like

pytestmark = pytest.mark.browser


def test_feed_list(app, make_event, unit, live_server, page):
    demo_like(app, make_event, unit)
    page.goto(f"{live_server}/feeds/")
    assert page.locator("h1").inner_text() == "Kalenderflöden"
    page.locator("summary").first.click()
    assert_accessible(page)


def test_profile_token_and_import_pages(make_user, unit, live_server, page):
    user = make_user("organiser", unit)
    browser_login(page, live_server, user.email, PASSWORD)
    page.goto(f"{live_server}/profile")
    assert_accessible(page)
    page.get_by_role("button", name="Skapa privat kalenderadress").click()
    page.wait_for_load_state()
    assert "/feeds/private/" in page.locator("#feed-url").input_value()
    assert_accessible(page)
    page.goto(f"{live_server}/manage/units/{unit.slug}/import")
    assert_accessible(page)
    page.get_by_role("button", name="Läs in").click()
    page.wait_for_load_state()
    assert "Välj en .ics-fil" in page.content()
    assert_accessible(page)
