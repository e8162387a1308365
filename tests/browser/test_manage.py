"""The organiser pages in Chromium: a weekly series made, one date moved, one cancelled,
an outcome recorded; axe-core finds no WCAG 2.1 A/AA violation on any of the pages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from app.accounts.models import Role
from app.directory.models import Venue
from app.events.models import Event, Outcome
from app.extensions import db
from tests.browser.axe import assert_accessible, browser_login
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def signed_in(app, live_server, page, unit, make_user):
    with app.app_context():
        db.session.add(Venue(name="Älvsjö torg", slug="alvsjo-torg", postal_code="125 30"))
        db.session.commit()
    organiser = make_user(Role.ORGANISER, unit, email="olle@example.org")
    browser_login(page, live_server, organiser.email, PASSWORD)
    return page


def _submit(page) -> None:
    page.locator("main form.stack button[type=submit]").last.click()
    page.wait_for_load_state()


def test_create_a_series_move_and_cancel_dates(app, live_server, signed_in):
    page = signed_in
    page.goto(f"{live_server}/manage/events/new")
    assert_accessible(page)
    _submit(page)  # empty: the error state
    assert page.locator("#error-summary").is_visible()
    assert page.locator("#title").get_attribute("aria-invalid") == "true"
    assert_accessible(page)
    page.get_by_label("Titel").fill("Sommar på torget")
    page.get_by_label("Typ", exact=True).select_option("square_event")
    page.get_by_label("Startdatum").fill("2030-06-04")
    page.get_by_label("Starttid").fill("15:00")
    page.get_by_label("Sluttid").fill("18:00")
    page.get_by_label("Plats", exact=True).select_option(label="Älvsjö torg")
    page.get_by_label("Upprepning", exact=True).select_option("weekly")
    page.get_by_label("Upprepa till och med").fill("2030-06-25")
    _submit(page)
    assert "Evenemanget är sparat som utkast." in page.content()
    assert_accessible(page)
    page.get_by_role("link", name="Flytta 11 juni 2030").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_label("Nytt datum").fill("2030-06-12")
    page.get_by_label("Ny starttid").fill("15:00")
    page.get_by_label("Ny sluttid").fill("18:00")
    page.get_by_label("Anledning (visas för alla)").fill("Flyttat en dag för valet.")
    _submit(page)
    assert "Datumet är flyttat." in page.content()
    page.get_by_role("link", name="Ställ in 18 juni 2030").click()
    page.wait_for_load_state()
    page.get_by_label("Anledning (visas för alla)").fill("Inställt på grund av regn.")
    _submit(page)
    body = page.locator("main").inner_text()
    assert "Flyttat en dag för valet." in body and "Inställt på grund av regn." in body
    assert "onsdag 12 juni 2030" in body
    with app.app_context():
        event = db.session.scalars(select(Event)).one()
        assert sum(o.is_cancelled for o in event.occurrences) == 1
        assert sum(o.is_moved for o in event.occurrences) == 1
    page.get_by_role("button", name="Publicera").click()
    page.wait_for_load_state()
    assert "Evenemanget är publicerat." in page.content()
    page.get_by_role("link", name="Visa den publika sidan").click()
    page.wait_for_load_state()
    public = page.locator("main").inner_text()
    assert "Flyttat en dag för valet." in public and "Inställt på grund av regn." in public


def test_record_an_outcome(app, live_server, signed_in, unit, make_event):
    page = signed_in
    past = datetime(2022, 3, 24, 6, 30, tzinfo=UTC)
    event = make_event(unit, title="Frukostmöte om kompetens", starts_at=past,
                       ends_at=past + timedelta(hours=1, minutes=30))  # fmt: skip
    page.goto(f"{live_server}/manage/events/{event.id}")
    page.get_by_role("link", name="Registrera utfall 24 mars 2022").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_label("Antal deltagare").fill("-3")
    _submit(page)
    assert page.locator("#attendance").get_attribute("aria-invalid") == "true"
    assert_accessible(page)
    page.get_by_label("Antal deltagare").fill("34")
    page.get_by_label("Antal företag").fill("22")
    page.get_by_label("Kompetensförsörjning").check()
    _submit(page)
    assert "Utfallet är sparat." in page.content()
    with app.app_context():
        outcome = db.session.scalars(select(Outcome)).one()
        assert (outcome.attendance, outcome.needs) == (34, ["skills_supply"])


@pytest.mark.parametrize("path", ["/manage/events/", "/manage/events/?status=x&venue=abc",
                                  "/manage/venues/", "/manage/venues/new",
                                  "/manage/organisations/", "/manage/organisations/new"])  # fmt: skip
def test_list_and_directory_pages_are_accessible(live_server, signed_in, unit, make_event, path):
    make_event(unit, title="Frukostmöte")
    response = signed_in.goto(live_server + path)
    assert response.status == 200
    assert_accessible(signed_in)


def test_directory_error_state_is_accessible(live_server, signed_in):
    signed_in.goto(f"{live_server}/manage/venues/new")
    signed_in.get_by_label("Postnummer").fill("12")
    _submit(signed_in)
    assert signed_in.locator("#error-summary").is_visible()
    assert_accessible(signed_in)
