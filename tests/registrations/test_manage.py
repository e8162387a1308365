"""The organiser's registration pages: lists per date, CSV, attendance, cancelling for someone."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.extensions import db
from app.registrations.models import RegistrationStatus
from tests.conftest import count_queries, post
from tests.registrations.world import open_event, register, registrations


@pytest.fixture
def filled(client, unit, make_event):
    """An event with capacity 1: one confirmed, one waiting, both via the public form."""
    event = open_event(make_event, unit, capacity=1, rrule="FREQ=WEEKLY;COUNT=2")
    register(
        client, event, name="Först", email="first@example.org", date=event.starts_at.isoformat()
    )
    register(
        client,
        event,
        name='=HYPERLINK("http://evil")',
        email="second@example.org",
        organisation="+46 8 123",
        date=event.starts_at.isoformat(),
    )
    return event


def test_list_per_date(app, client, unit, make_user, login, filled):
    organiser = app.test_client()
    login(make_user("organiser", unit), on=organiser)
    response = organiser.get(f"/manage/events/{filled.id}/registrations")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Bekräftad (1)" in html and "Väntelista (1)" in html and "Avbokad (0)" in html
    assert "first@example.org" in html and "second@example.org" in html
    assert html.count('<h2 id="date-') == 2


def test_csv_is_safe_against_formula_injection(app, client, unit, make_user, login, filled):
    organiser = app.test_client()
    login(make_user("organiser", unit), on=organiser)
    response = organiser.get(f"/manage/events/{filled.id}/registrations.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True).lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["Datum", "Status", "Namn", "E-post", "Organisation", "Anmäld", "Deltog"]
    names = {row[2] for row in rows[1:]}
    assert "Först" in names and '\'=HYPERLINK("http://evil")' in names
    assert any(row[4] == "'+46 8 123" for row in rows[1:])


def test_attendance_is_marked_and_logged(app, client, unit, make_user, login, filled):
    organiser = app.test_client()
    login(make_user("organiser", unit), on=organiser)
    first = registrations(app)[0]
    page = f"/manage/events/{filled.id}/registrations"
    url = f"{page}/{first.id}/attendance"
    response = post(organiser, url, {"attended": "1"}, token_from=page)
    assert response.status_code == 302 and response.headers["Location"] == page
    assert registrations(app)[0].attended is True
    post(organiser, url, {}, token_from=page)
    assert registrations(app)[0].attended is False
    with app.app_context():
        entries = db.session.scalars(
            select(AuditEntry)
            .where(AuditEntry.action == "registration.attendance")
            .order_by(AuditEntry.id)
        ).all()
        assert [e.details["attended"] for e in entries] == [True, False]


def test_cancel_on_behalf_promotes_and_mails(app, client, unit, make_user, login, filled, outbox):
    organiser = app.test_client()
    login(make_user("organiser", unit), on=organiser)
    first, second = registrations(app)
    page = f"/manage/events/{filled.id}/registrations"
    response = post(organiser, f"{page}/{first.id}/cancel", {}, token_from=page)
    assert response.status_code == 302
    first, second = registrations(app)
    assert first.status == RegistrationStatus.CANCELLED
    assert second.status == RegistrationStatus.CONFIRMED
    recipients = [m["To"] for m in outbox()[-2:]]
    assert recipients == ["first@example.org", "second@example.org"]
    with app.app_context():
        entry = db.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "registration.cancel")
        ).one()
        assert entry.actor_id is not None


@pytest.mark.parametrize("role", ["officer", "award_admin", "juror"])
def test_other_roles_of_the_unit_get_403_and_change_nothing(
    app, client, unit, make_user, login, filled, role
):
    other = app.test_client()
    login(make_user(role, unit), on=other)
    page = f"/manage/events/{filled.id}/registrations"
    assert other.get(page).status_code == 403
    first = registrations(app)[0]
    response = post(other, f"{page}/{first.id}/cancel", {}, token_from="/")
    assert response.status_code == 403
    response = post(other, f"{page}/{first.id}/attendance", {"attended": "1"}, token_from="/")
    assert response.status_code == 403
    assert registrations(app)[0].status == RegistrationStatus.CONFIRMED
    assert registrations(app)[0].attended is False


def test_another_units_organiser_gets_404(app, client, other_unit, make_user, login, filled):
    other = app.test_client()
    login(make_user("organiser", other_unit), on=other)
    page = f"/manage/events/{filled.id}/registrations"
    assert other.get(page).status_code == 404
    assert other.get(page.replace("registrations", "registrations.csv")).status_code == 404
    first = registrations(app)[0]
    assert post(other, f"{page}/{first.id}/cancel", {}, token_from="/").status_code == 404
    assert registrations(app)[0].status == RegistrationStatus.CONFIRMED


def test_anonymous_is_sent_to_login(client, filled):
    response = client.get(f"/manage/events/{filled.id}/registrations")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_registration_of_another_event_is_404(
    app, client, unit, make_event, make_user, login, filled
):
    organiser = app.test_client()
    login(make_user("organiser", unit), on=organiser)
    elsewhere = open_event(make_event, unit)
    first = registrations(app)[0]
    page = f"/manage/events/{elsewhere.id}/registrations"
    assert post(organiser, f"{page}/{first.id}/cancel", {}, token_from=page).status_code == 404
    assert post(organiser, f"{page}/999999/attendance", {}, token_from=page).status_code == 404
    assert registrations(app)[0].status == RegistrationStatus.CONFIRMED


def test_manage_query_count_does_not_grow(app, client, unit, make_event, make_user, login):
    organiser = app.test_client()
    login(make_user("organiser", unit), on=organiser)
    event = open_event(make_event, unit, capacity=None, rrule="FREQ=WEEKLY;COUNT=2")
    register(client, event, date=event.starts_at.isoformat())
    page = f"/manage/events/{event.id}/registrations"
    organiser.get(page)
    with count_queries(app) as few:
        organiser.get(page)
    for i in range(8):
        start = event.starts_at + timedelta(days=7 * (i % 2))
        register(client, event, email=f"p{i}@example.org", date=start.isoformat())
    with count_queries(app) as many:
        organiser.get(page)
    assert many() == few()
