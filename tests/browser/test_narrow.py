"""Every page fits a phone: at 390 px and at 1280 px nothing scrolls sideways (WCAG 1.4.10).

Each page in `inventory.PAGES` is opened, as every role the access table lets in, in a
window 390 px wide and in one 1280 px wide; the document may be no wider than the window.
The month calendar turns into a list of days on a phone: a Thursday's event is on screen.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest

from app.core.swedish import STOCKHOLM
from app.events.models import Event, OccurrenceChange
from app.events.occurrences import rebuild_occurrences
from app.extensions import db
from app.registrations.models import Registration, RegistrationStatus
from app.registrations.services import hash_token
from tests.access import ROLES
from tests.browser import inventory
from tests.browser.axe import assert_accessible, browser_login
from tests.browser.test_awards import NOMINATION
from tests.test_access import all_routes
from tests.world import PASSWORD, build_plain_world

pytestmark = pytest.mark.browser

NARROW, WIDE = 390, 1280

#: The document's width, and the scrolling boxes inside it that are wider than they are.
_WIDTHS_JS = """() => ({
  document: document.documentElement.scrollWidth,
  scrollers: [...document.querySelectorAll('main *')]
    .filter(e => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX)
                 && e.scrollWidth > e.clientWidth + 1)
    .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')
              + ' ' + e.scrollWidth + '/' + e.clientWidth),
})"""


def _pages_for(role: str, world) -> list[tuple[str, str]]:
    """(endpoint, URL) of every page in the inventory that `role` may open (a 200)."""
    return [
        (route.endpoint, route.url(world))
        for route in all_routes()
        if route.endpoint in inventory.PAGES
        and route.url is not None
        and not route.post_only
        and route.status_for(role) == 200
    ]


def _widen(world) -> None:
    """What real data has and the world lacks: a long e-mail address with no place to
    break, a long organisation name, a moved date with its reason."""
    series = db.session.get(Event, world.objects["manage_series"].id)
    second = series.occurrences[1]
    db.session.add(
        OccurrenceChange(
            event_id=series.id,
            original_start=second.original_start,
            starts_at=second.starts_at + timedelta(days=1),
            ends_at=second.ends_at + timedelta(days=1),
            reason="Flyttat en dag eftersom lokalen behövs för förtidsröstningen i valet.",
        )
    )
    db.session.flush()
    db.session.refresh(series)
    rebuild_occurrences(series)
    published = world.objects["public_event"]
    db.session.add(
        Registration(
            event_id=published.id,
            occurrence_start=published.starts_at,
            name="Anna-Karin Lindqvist-Öhrström",
            email="anna-karin.lindqvist-ohrstrom@foretagarna-hagersten-liljeholmen.example.org",
            organisation="Liljeholmens Bokföringsbyrå och Redovisningskonsulter Aktiebolag",
            status=RegistrationStatus.CONFIRMED,
            cancel_token_hash=hash_token("narrow-registration-token-0123456789"),
        )
    )
    db.session.commit()


@pytest.fixture
def world(app):
    with app.app_context():
        world = build_plain_world()
        _widen(world)
    return world


def _window(browser, live_server, role, world, width):
    context = browser.new_context(locale="sv-SE", viewport={"width": width, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    if role != "anonymous":
        browser_login(page, live_server, world.users[role].email, PASSWORD)
    return context, page


#: Pages shown only at the end of a form: opened that way, below, not from the table.
AFTER_A_FORM = {"accounts.reset_password", "awards.receipt"}
#: Pages every role of the table passes straight through (one unit of theirs: on to it); a
#: site admin with several units sees them, in their own test (`test_dialogue.py`).
PASSED_THROUGH = {"dialogue.index"}


def test_every_page_is_reached_by_some_role(app):
    """The width tests open what the access table lets a role open, and the pages that only
    follow a form: together, every page of the inventory."""
    with app.app_context():
        world = build_plain_world()
    reached = {endpoint for role in ROLES for endpoint, _ in _pages_for(role, world)}
    assert sorted(inventory.PAGES.keys() - reached - AFTER_A_FORM - PASSED_THROUGH) == []
    assert inventory.PAGES.keys() >= AFTER_A_FORM


def _fits(page, width: int) -> str | None:
    """None if the page is no wider than `width` and hides no sideways scroller; else why."""
    found = page.evaluate(_WIDTHS_JS)
    if found["document"] > width or found["scrollers"]:
        return f"{width} px {page.url}: {found['document']} px {found['scrollers']}"
    return None


@pytest.mark.parametrize("role", ROLES)
def test_no_page_is_wider_than_the_window(browser, live_server, world, role):
    """Every page `role` may open, at 390 px and at 1280 px."""
    pages = _pages_for(role, world)
    assert pages, f"{role} reaches no page"
    failures = []
    for width in (NARROW, WIDE):
        context, page = _window(browser, live_server, role, world, width)
        try:
            for endpoint, url in pages:
                response = page.goto(live_server + url)
                assert response.status == 200, f"{endpoint} {url}: {response.status}"
                failures.append(_fits(page, width))
        finally:
            context.close()
    failures = [f for f in failures if f]
    assert not failures, f"as {role}:\n" + "\n".join(failures)


@pytest.mark.parametrize("width", [NARROW, WIDE])
def test_pages_after_a_form_are_no_wider_than_the_window(browser, live_server, world, width):
    """The new-password page (a link's token) and the nomination receipt (after nominating)."""
    context, page = _window(browser, live_server, "anonymous", world, width)
    try:
        page.goto(f"{live_server}/password/reset/{world.values['reset_token']}")
        assert page.locator("#password").is_visible()
        failures = [_fits(page, width)]
        cycle = world.objects["award_open_cycle"]
        page.goto(f"{live_server}/awards/{world.unit.slug}/{cycle.year}/nominate")
        page.locator("#category").select_option(index=1)
        for field, value in NOMINATION.items():
            page.locator(f"#{field}").fill(value)
        page.locator("#relation").select_option("customer")
        page.locator("main form.stack button[type=submit]").click()
        page.wait_for_load_state()
        assert "Tack för din nominering" in page.locator("h1").inner_text()
        failures.append(_fits(page, width))
    finally:
        context.close()
    failures = [f for f in failures if f]
    assert not failures, "\n".join(failures)


def _thursday_series(unit, make_event):
    """A weekly breakfast on Thursdays; its second date moved to the Friday."""
    start = datetime(2030, 6, 6, 8, 0, tzinfo=STOCKHOLM)  # a Thursday
    assert start.isoweekday() == 4
    return make_event(
        unit,
        title="Torsdagsfrukost med företagarna i Liljeholmen",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        rrule="FREQ=WEEKLY;COUNT=3",
        changes=[
            {
                "original_start": start + timedelta(days=7),
                "starts_at": start + timedelta(days=8),
                "ends_at": start + timedelta(days=8, hours=2),
                "reason": "Flyttat en dag",
            }
        ],
    )


def _inside(locator, width: int) -> bool:
    locator.scroll_into_view_if_needed()
    box = locator.bounding_box()
    return (
        locator.is_visible()
        and box is not None
        and box["width"] > 1
        and box["x"] >= 0
        and box["x"] + box["width"] <= width
    )


def test_the_month_on_a_phone_shows_thursdays_events(page, live_server, unit, make_event):
    """An agenda of the days with events: Thursday's is on screen, not off to the right."""
    _thursday_series(unit, make_event)
    page.set_viewport_size({"width": NARROW, "height": 800})
    page.goto(f"{live_server}/calendar/2030/6")
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW
    links = page.locator("table.month a", has_text="Torsdagsfrukost med företagarna")
    assert links.count() == 3
    for index in range(3):
        assert _inside(links.nth(index), NARROW), f"date {index + 1} is off screen"
    # Each day shows its weekday and full date, so the moved one reads as what it is.
    for day, weekday in (("6 juni", "torsdag"), ("14 juni", "fredag"), ("20 juni", "torsdag")):
        cell = page.locator("table.month td").filter(has_text=re.compile(rf"\b{day} 2030"))
        assert "Torsdagsfrukost" in cell.inner_text()
        assert _inside(cell.get_by_text(f"{day} 2030"), NARROW), day
        shown = cell.evaluate("cell => getComputedStyle(cell, '::before').content")
        assert weekday in shown, (day, shown)
    # Days without events give way to those with them.
    assert page.locator("table.month td:visible").count() == 3


def test_tables_on_a_phone_are_still_tables(page, live_server, unit, make_event):
    """Laid out as lists, the month and a reflowed table (the series' dates) keep their table
    semantics, so a screen reader still names each cell's column and row, and pass axe."""
    series = _thursday_series(unit, make_event)
    page.set_viewport_size({"width": NARROW, "height": 800})
    for path, table in (
        ("/calendar/2030/6", "table.month"),
        (f"/events/{series.id}", "table.reflow"),
    ):
        page.goto(live_server + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= NARROW
        assert page.locator(f"{table} thead").bounding_box()["width"] <= 1  # for screen readers
        tree = page.locator(table).aria_snapshot()
        assert tree.startswith("- table"), tree
        for role in ("columnheader", "rowheader", "cell"):
            assert f"- {role}" in tree, (path, tree)
        assert_accessible(page)


def test_the_month_on_a_wide_screen_is_a_grid(page, live_server, unit, make_event):
    """From 40rem up the month stays the grid of seven weekday columns."""
    _thursday_series(unit, make_event)
    page.goto(f"{live_server}/calendar/2030/6")
    thursday = page.locator("table.month thead th").nth(4)
    assert thursday.inner_text() == "torsdag" and thursday.is_visible()
    assert page.locator("table.month tbody tr").first.locator("td").count() == 7
    assert page.locator("table.month td:visible").count() >= 28
