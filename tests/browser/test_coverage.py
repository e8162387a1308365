"""The pages, form error states and error pages no feature's browser test reached: axe on each.

`inventory.py` credits these tests with what they visit; each form is sent empty or invalid
and the page shown again must pass axe with its error summary and the field marked invalid.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event, select
from sqlalchemy.exc import OperationalError

from app.accounts import services as accounts
from app.accounts.models import Role, TokenPurpose, User
from app.awards.models import ConflictDeclaration, Criterion, Phase
from app.directory.models import Organisation, OrganisationKind, Venue
from app.events.models import Event
from app.extensions import db
from app.registrations import services as registrations
from tests.awards.world import assign, make_cycle, nominate
from tests.browser.axe import assert_accessible, browser_login
from tests.conftest import PASSWORD
from tests.registrations.world import in_days, open_event
from tests.reports.world import open_period, setup_questions

pytestmark = pytest.mark.browser


def send(page, button: str) -> None:
    """Press the named button in the main content and wait for the page that comes back."""
    page.locator("main").get_by_role("button", name=button, exact=True).click()
    page.wait_for_load_state()


def assert_shown_with_errors(page, field_id: str) -> None:
    """The form came back with its summary and the field marked, and axe finds nothing."""
    assert page.locator("#error-summary").is_visible(), page.url
    assert page.locator(f"#{field_id}").get_attribute("aria-invalid") == "true", field_id
    assert_accessible(page)


def test_password_reset_pages_and_errors(app, live_server, page, make_user):
    user = make_user(email="glomsk@example.org")
    page.goto(f"{live_server}/password/reset")
    send(page, "Skicka länk")
    assert_shown_with_errors(page, "email")
    with app.app_context():
        token = accounts.issue_token(db.session.get(User, user.id), TokenPurpose.RESET)
        db.session.commit()
    assert page.goto(f"{live_server}/password/reset/{token}").status == 200
    assert_accessible(page)
    page.locator("#password").fill("ett långt nytt lösenord")
    page.locator("#confirm").fill("ett annat långt lösenord")
    send(page, "Spara lösenordet")
    assert_shown_with_errors(page, "confirm")


def test_registration_cancel_page(app, live_server, page, unit, make_event):
    event = open_event(make_event, unit)
    with app.app_context():
        done = registrations.register(
            db.session.get(Event, event.id), event.starts_at, "Anna Andersson", "anna@example.org"
        )
        db.session.commit()
    assert page.goto(f"{live_server}/registrations/cancel/{done.token}").status == 200
    assert page.locator("main").get_by_role("button", name="Ja, avboka min anmälan").is_visible()
    assert_accessible(page)


def test_forbidden_and_unavailable_pages(app, live_server, page, unit, make_user, monkeypatch):
    organiser = make_user(Role.ORGANISER, unit)
    browser_login(page, live_server, organiser.email, PASSWORD)
    assert page.goto(f"{live_server}/admin/").status == 403
    assert "Åtkomst nekad" in page.locator("h1").inner_text()
    assert_accessible(page)

    def database_down():
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    monkeypatch.setitem(app.view_functions, "pages.privacy", database_down)
    assert page.goto(f"{live_server}/privacy").status == 503
    assert "tillfälligt otillgänglig" in page.locator("h1").inner_text()
    assert_accessible(page)

    page.goto(f"{live_server}/accessibility")
    page.locator("#description").fill("Knappen går inte att nå med tangentbordet.")
    with writes_fail(app):
        send(page, "Skicka rapporten")
    assert page.locator("#error-summary").is_visible()
    assert page.locator("#description").input_value().startswith("Knappen går inte")
    assert_accessible(page)  # the 503 page with the form as typed


@contextmanager
def writes_fail(app):
    """Every INSERT, UPDATE or DELETE fails as on a full disk while the block runs."""
    with app.app_context():
        engine = db.engine
    dbapi_error = engine.dialect.loaded_dbapi.OperationalError

    def execute(cursor, statement, parameters, context):
        if statement.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            raise dbapi_error("database or disk is full")

    event.listen(engine, "do_execute", execute)
    try:
        yield
    finally:
        event.remove(engine, "do_execute", execute)


def test_directory_and_admin_forms_with_errors(app, live_server, page, unit, make_user):
    admin = make_user(Role.ADMIN, unit, email="chef@example.org", is_site_admin=True)
    with app.app_context():
        venue = Venue(name="Älvsjö torg", slug="alvsjo-torg", postal_code="125 30")
        org = Organisation(name="ALMI", slug="almi", kind=OrganisationKind.PARTNER)
        db.session.add_all([venue, org])
        db.session.commit()
        ids = venue.id, org.id
    browser_login(page, live_server, admin.email, PASSWORD)
    page.goto(f"{live_server}/admin/users/new")
    send(page, "Skapa och skicka inbjudan")
    assert_shown_with_errors(page, "email")
    page.goto(f"{live_server}/admin/users/{admin.id}")
    page.locator("#email").fill("inte en adress")
    send(page, "Spara")
    assert_shown_with_errors(page, "email")
    page.goto(f"{live_server}/manage/organisations/new")
    send(page, "Spara")
    assert_shown_with_errors(page, "name")
    for path, field_id, value in (
        (f"/manage/venues/{ids[0]}", "postal_code", "12"),
        (f"/manage/organisations/{ids[1]}", "name", ""),
    ):
        assert page.goto(live_server + path).status == 200, path
        assert_accessible(page)
        page.locator(f"#{field_id}").fill(value)
        send(page, "Spara")
        assert_shown_with_errors(page, field_id)


def test_organiser_date_and_event_forms_with_errors(live_server, page, unit, make_user, make_event):
    start = in_days(3, hour=15)
    event = make_event(unit, title="Sommar på torget", starts_at=start,
                       ends_at=start + timedelta(hours=3), rrule="FREQ=WEEKLY;COUNT=4")  # fmt: skip
    organiser = make_user(Role.ORGANISER, unit)
    browser_login(page, live_server, organiser.email, PASSWORD)
    base = f"{live_server}/manage/events/{event.id}"
    page.goto(base)
    page.locator("#title").fill("")
    send(page, "Spara")
    assert_shown_with_errors(page, "title")
    for path, button, field_id in (
        ("/cancel", "Ställ in", "reason"),
        ("/move-date", "Flytta datumet", "reason"),  # day and times start filled in
        ("/cancel-date", "Ställ in datumet", "reason"),
        ("/end-series", "Avsluta serien", "last_day"),
    ):
        assert page.goto(base + path).status == 200, path
        assert_accessible(page)
        send(page, button)
        assert_shown_with_errors(page, field_id)


@pytest.fixture
def award_admin(app, live_server, page, unit, make_user):
    """An award administrator signed in; a cycle in judging with a candidate, a juror and
    a conflict declared and not yet ruled on. Returns the cycle, category and criterion ids."""
    admin = make_user(Role.AWARD_ADMIN, unit, email="prisadmin@example.org")
    juror = make_user(Role.JUROR, unit, email="jury@example.org")
    now = datetime.now(UTC)
    with app.app_context():
        cycle = make_cycle(unit, year=2031, phase=Phase.JUDGING, open_at=now - timedelta(days=40),
                           close_at=now - timedelta(days=10), ceremony_at=now + timedelta(days=30))  # fmt: skip
        candidate, _ = nominate(cycle, cycle.categories[0], "Exempelbageriet i Älvsjö AB",
                                "556036-0793", eligible=True)  # fmt: skip
        assign(cycle.categories[0], juror)
        db.session.add(ConflictDeclaration(candidate_id=candidate.id, juror_id=juror.id,
                                           has_conflict=True, ground="own_interest",
                                           ruling="pending"))  # fmt: skip
        db.session.commit()
        criterion = db.session.scalars(select(Criterion).filter_by(cycle_id=cycle.id)).first()
        ids = cycle.id, cycle.categories[0].id, criterion.id
    browser_login(page, live_server, admin.email, PASSWORD)
    return ids


def test_award_settings_forms_with_errors(live_server, page, award_admin):
    cycle_id, category_id, criterion_id = award_admin
    assert page.goto(f"{live_server}/manage/awards/new").status == 200
    assert_accessible(page)
    send(page, "Spara")
    assert_shown_with_errors(page, "title")
    for button, field_id in (
        ("Spara", "title"),
        ("Lägg till kategorin", "category-name"),
        ("Lägg till kriteriet", "criterion-name"),
    ):
        page.goto(f"{live_server}/manage/awards/{cycle_id}/settings")
        page.locator(f"#{field_id}").fill("")
        send(page, button)
        assert_shown_with_errors(page, field_id)
    for path in (
        f"/manage/awards/categories/{category_id}",
        f"/manage/awards/criteria/{criterion_id}",
    ):
        assert page.goto(live_server + path).status == 200, path
        assert_accessible(page)
        page.locator("#name").fill("")
        send(page, "Spara")
        assert_shown_with_errors(page, "name")


def test_award_decision_errors_and_refusal_page(live_server, page, award_admin):
    cycle_id, category_id, _ = award_admin
    page.goto(f"{live_server}/manage/awards/categories/{category_id}/decision")
    send(page, "Fatta och lås beslutet")
    assert_shown_with_errors(page, "citation")
    page.goto(f"{live_server}/manage/awards/{cycle_id}/")
    send(page, "Spara beslutet")  # a conflict ruled on without choosing: refused
    assert "Välj ett beslut." in page.locator("main").inner_text()
    assert_accessible(page)


def test_report_forms_with_errors(app, live_server, page, unit, make_user):
    question_ids = setup_questions(app, unit)
    open_period(app, unit)
    admin = make_user(Role.ADMIN, unit)
    browser_login(page, live_server, admin.email, PASSWORD)
    report = f"{live_server}/reports/hagersten-alvsjo/2022/t2"
    questions = f"{live_server}/reports/hagersten-alvsjo/questions/2022"
    for url, button, field_id, value in (
        (f"{report}/settings", "Spara", "contact_email", "inte en adress"),
        (f"{questions}/{question_ids[0]}", "Spara", "text", ""),
        (f"{questions}/", "Lägg till", "text", ""),
    ):
        page.goto(url)
        page.locator(f"#{field_id}").fill(value)
        send(page, button)
        assert_shown_with_errors(page, field_id)
    page.goto(f"{live_server}/reports/")
    page.locator("#year").fill("1999")
    send(page, "Öppna perioden")
    assert_shown_with_errors(page, "year")
    page.goto(f"{report}/")
    send(page, "Lämna in rapporten")
    assert page.goto(f"{report}/reopen").status == 200
    assert_accessible(page)
    send(page, "Öppna igen")
    assert_shown_with_errors(page, "reason")


def test_key_forms_with_errors_reflow_at_375_px(app, browser, live_server, unit, make_event):
    """A phone's width: the registration and nomination forms with their errors, no sideways
    scrolling and the error summary on screen."""
    event = open_event(make_event, unit, title="Frukostmöte om kompetensförsörjning i Hägersten")
    now = datetime.now(UTC)
    with app.app_context():
        make_cycle(unit, year=now.year, open_at=now - timedelta(days=3),
                   close_at=now + timedelta(days=10), ceremony_at=now + timedelta(days=40))  # fmt: skip
        db.session.commit()
    context = browser.new_context(locale="sv-SE", viewport={"width": 375, "height": 800})
    try:
        page = context.new_page()
        for path, button in (
            (f"/events/{event.id}", "Anmäl mig"),
            (f"/awards/{unit.slug}/{now.year}/nominate", "Skicka nomineringen"),
        ):
            page.goto(live_server + path)
            send(page, button)
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 375px"
            assert page.locator("#error-summary").is_visible()
            assert page.evaluate("document.activeElement.id") == "error-summary"
            top = page.locator("#error-summary").evaluate("e => e.getBoundingClientRect().top")
            assert 0 <= top < 800, f"the error summary is off screen ({top}px) on {path}"
    finally:
        context.close()
