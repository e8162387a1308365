"""The public event pages in Chromium: axe-core finds no WCAG 2.1 A/AA violation."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from app.core.swedish import STOCKHOLM
from tests.browser.axe import assert_accessible, browser_login
from tests.conftest import PASSWORD
from tests.public_events.world import make_venue

pytestmark = pytest.mark.browser


@pytest.fixture
def series(app, unit, make_event):
    """A weekly breakfast series taking registrations, one date moved and one cancelled."""
    venue = make_venue(
        app,
        name="Liljeholmstorgets galleria",
        slug="liljeholmstorgets-galleria",
        address="Liljeholmstorget 7",
    )
    start = (datetime.now(STOCKHOLM) + timedelta(days=2)).replace(
        hour=8, minute=0, second=0, microsecond=0
    )
    return make_event(
        unit,
        title="Frukostmöte med företagarna",
        description="Tema: kompetensförsörjning.",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        rrule="FREQ=WEEKLY;COUNT=4",
        venue_id=venue.id,
        registration_enabled=True,
        capacity=1,
        changes=[
            {
                "original_start": start + timedelta(days=7),
                "starts_at": start + timedelta(days=8),
                "ends_at": start + timedelta(days=8, hours=2),
                "reason": "Flyttat en dag",
            },
            {
                "original_start": start + timedelta(days=14),
                "is_cancelled": True,
                "reason": "Inställt på grund av sjukdom",
            },
        ],
    )


def test_event_list_is_accessible(live_server, page, series):
    response = page.goto(f"{live_server}/events/")
    assert response.status == 200
    assert page.locator("h3 a", has_text="Frukostmöte med företagarna").count() == 4
    assert_accessible(page)


def test_event_list_with_bad_filters_is_accessible(live_server, page, series):
    page.goto(f"{live_server}/events/?from=inte-ett-datum&venue=okand")
    assert page.locator("#error-summary").is_visible()
    assert page.locator("input[name=from]").get_attribute("aria-invalid") == "true"
    assert_accessible(page)


def test_event_page_with_form_is_accessible(live_server, page, series):
    response = page.goto(f"{live_server}/events/{series.id}")
    assert response.status == 200
    assert page.locator("select[name=date] option").count() == 3
    assert_accessible(page)


def test_registration_errors_and_success_in_the_browser(live_server, page, series):
    page.goto(f"{live_server}/events/{series.id}")
    page.locator("input[name=name]").fill("Anna Andersson")
    page.locator("input[name=email]").fill("inte-en-adress")
    page.locator("#registration button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#error-summary").is_visible()
    assert page.locator("input[name=email]").get_attribute("aria-invalid") == "true"
    assert page.locator("input[name=name]").input_value() == "Anna Andersson"
    assert_accessible(page)
    page.locator("input[name=email]").fill("anna@example.org")
    page.locator("#registration button[type=submit]").click()
    page.wait_for_load_state()
    assert "Du är anmäld" in page.locator(".flashes").inner_text()
    # The first date is now full: the page says so before the next person submits.
    assert "väntelistan" in page.locator("select[name=date]").inner_text()
    assert_accessible(page)


@pytest.mark.parametrize(
    "path", ["/calendar/", "/calendar/2026/12", "/calendar/2026/week/53", "/calendar/list"]
)
def test_calendar_views_are_accessible(live_server, page, series, path):
    response = page.goto(live_server + path)
    assert response.status == 200
    assert_accessible(page)


def test_month_view_is_keyboard_navigable(live_server, page, series):
    day = series.starts_at.astimezone(STOCKHOLM)
    page.goto(f"{live_server}/calendar/{day.year}/{day.month}")
    link = page.locator("table.month a", has_text="Frukostmöte med företagarna").first
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/events/{series.id}")
    assert page.locator("h1").inner_text() == "Frukostmöte med företagarna"


def test_manage_registrations_is_accessible(
    live_server, page, app, unit, make_user, series, client
):
    from tests.registrations.world import register

    register(client, series, date=series.starts_at.isoformat())
    organiser = make_user("organiser", unit)
    browser_login(page, live_server, organiser.email, PASSWORD)
    response = page.goto(f"{live_server}/manage/events/{series.id}/registrations")
    assert response.status == 200
    assert_accessible(page)
