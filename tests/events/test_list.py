"""The organiser's event list: only their units, filters, paging, a fixed number of queries."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from app.events.models import EventKind, EventStatus, Outcome
from app.extensions import db
from tests.conftest import count_queries

PAST = datetime(2022, 6, 7, 6, 0, tzinfo=UTC)


def test_only_the_users_units(client, login, organiser, unit, other_unit, make_event):
    make_event(unit, title="Vårt frukostmöte")
    make_event(other_unit, title="Brommas möte")
    login(organiser)
    page = client.get("/manage/events/").get_data(as_text=True)
    assert "Vårt frukostmöte" in page and "Brommas möte" not in page


@pytest.mark.parametrize(("query", "shown", "hidden"), [
    ("status=draft", "Utkastet", "Publicerat möte"),
    ("kind=fair", "Mässan", "Utkastet"),
    ("date_from=2022-06-01&date_to=2022-06-30", "Juniserien", "Mässan"),
    ("date_from=2022-06-20", "Juniserien", "Gammalt möte"),
    ("needs_outcome=y", "Juniserien", "Gammalt möte"),
])  # fmt: skip
def test_filters(app, client, login, organiser, unit, venue, make_event, query, shown, hidden):
    make_event(unit, title="Utkastet", status=EventStatus.DRAFT)
    make_event(unit, title="Publicerat möte")
    make_event(unit, title="Mässan", kind=EventKind.FAIR)
    make_event(unit, title="Juniserien", starts_at=PAST, ends_at=PAST + timedelta(hours=1),
               rrule="FREQ=WEEKLY;COUNT=3", venue_id=venue.id)  # fmt: skip
    old = make_event(unit, title="Gammalt möte", starts_at=PAST - timedelta(days=30),
                     ends_at=PAST - timedelta(days=30) + timedelta(hours=1))  # fmt: skip
    with app.app_context():
        db.session.add(Outcome(event_id=old.id, occurrence_start=old.starts_at, attendance=3))
        db.session.commit()
    login(organiser)
    page = client.get(f"/manage/events/?{query}").get_data(as_text=True)
    assert shown in page and hidden not in page


def test_venue_filter_and_bad_values(client, login, organiser, unit, venue, make_event):
    make_event(unit, title="På torget", venue_id=venue.id)
    make_event(unit, title="Någon annanstans")
    login(organiser)
    page = client.get(f"/manage/events/?venue={venue.id}").get_data(as_text=True)
    assert "På torget" in page and "Någon annanstans" not in page
    for query in ("venue=abc", "status=x", "kind=%00", "date_from=2022-99-99", "page=-4",
                  "page=99999999999999999999", f"venue={2**70}"):  # fmt: skip
        assert client.get(f"/manage/events/?{query}").status_code in (200, 404)


def test_paging(client, login, organiser, unit, make_event):
    for n in range(27):
        make_event(unit, title=f"Möte nummer {n:02d}")
    login(organiser)
    first = client.get("/manage/events/").get_data(as_text=True)
    second = client.get("/manage/events/?page=2").get_data(as_text=True)
    assert "Sida 1 av 2" in first and "Sida 2 av 2" in second
    assert first.count("Möte nummer") == 25 and second.count("Möte nummer") == 2


def _queries(app, client, url) -> int:
    with count_queries(app) as n:
        assert client.get(url).status_code == 200
    return n()


def test_list_queries_do_not_grow(app, client, login, organiser, unit, venue, make_event):
    login(organiser)
    make_event(unit, venue_id=venue.id)
    few = _queries(app, client, "/manage/events/?needs_outcome=")
    for _ in range(10):
        make_event(unit, venue_id=venue.id, rrule="FREQ=WEEKLY;COUNT=3")
    assert _queries(app, client, "/manage/events/") == few


def test_event_page_queries_do_not_grow(app, client, login, organiser, unit, venue, make_event):
    login(organiser)
    small = make_event(unit, venue_id=venue.id, starts_at=PAST, ends_at=PAST + timedelta(hours=1))
    big = make_event(unit, venue_id=venue.id, starts_at=PAST, ends_at=PAST + timedelta(hours=1),
                     rrule="FREQ=WEEKLY;COUNT=20")  # fmt: skip
    with app.app_context():
        db.session.add(Outcome(event_id=small.id, occurrence_start=small.starts_at, attendance=1))
        for week in range(5):
            start = big.starts_at + timedelta(weeks=week)
            db.session.add(Outcome(event_id=big.id, occurrence_start=start, attendance=week))
        db.session.commit()
    assert _queries(app, client, f"/manage/events/{big.id}") == _queries(
        app, client, f"/manage/events/{small.id}"
    )


@pytest.mark.parametrize(("role", "shown"), [("organiser", True), ("admin", True),
                                             ("officer", False), ("juror", False)])  # fmt: skip
def test_menu_entry_for_arrangers_only(client, login, make_user, unit, role, shown):
    login(make_user(role, unit))
    page = client.get("/").get_data(as_text=True)
    assert ('href="/manage/events/"' in page) is shown
    assert ("Mina evenemang" in page) is shown


def test_links_to_the_public_page_and_registrations(client, login, organiser, unit, make_event):
    event = make_event(unit, registration_enabled=True, capacity=30)
    login(organiser)
    page = client.get(f"/manage/events/{event.id}").get_data(as_text=True)
    assert f'href="/events/{event.id}"' in page
    assert f'href="/manage/events/{event.id}/registrations"' in page


def test_a_site_admin_without_a_unit_cannot_create_events(client, login, make_user):
    login(make_user(is_site_admin=True))
    assert client.get("/manage/events/").status_code == 200
    assert client.get("/manage/events/new").status_code == 403


def test_an_organiser_of_two_units_chooses_the_unit(
    app, client, login, make_user, unit, other_unit
):
    from app.accounts import services as accounts
    from app.accounts.models import Role, User
    from app.events.models import Event
    from tests.conftest import post
    from tests.events.conftest import errors, form_data

    user = make_user("organiser", unit)
    with app.app_context():
        accounts.add_membership(
            None, db.session.get(User, user.id), other_unit.id, Role.ORGANISER, None
        )
        db.session.commit()
    login(user)
    page = client.get("/manage/events/new").get_data(as_text=True)
    assert "Bromma stadsdelsnämnd" in page
    url = "/manage/events/new"
    response = post(client, url, form_data(unit="99999"), token_from=url)
    assert ("unit", "Välj en enhet i listan.") in errors(response)
    response = post(client, url, form_data(unit=str(other_unit.id)), token_from=url)
    assert response.status_code == 302, errors(response)
    with app.app_context():
        assert db.session.scalars(select(Event.unit_id)).one() == other_unit.id


def test_the_list_shows_seats_taken_waiting_and_outcomes_due_per_event(
    app, client, login, organiser, unit, make_event
):
    from app.registrations.models import Registration, RegistrationStatus

    coming = make_event(unit, title="Kommande frukost", registration_enabled=True, capacity=1)
    held = make_event(unit, title="Hållen serie", starts_at=PAST, ends_at=PAST + timedelta(hours=1),
                      rrule="FREQ=WEEKLY;COUNT=3")  # fmt: skip
    with app.app_context():
        for n, status in enumerate(
            (
                RegistrationStatus.CONFIRMED,
                RegistrationStatus.WAITING,
                RegistrationStatus.WAITING,
                RegistrationStatus.CANCELLED,
            )
        ):
            db.session.add(Registration(event_id=coming.id, occurrence_start=coming.starts_at,
                name="X", email=f"x{n}@example.org", status=status,
                cancel_token_hash=f"{n:064d}"))  # fmt: skip
        db.session.add(Outcome(event_id=held.id, occurrence_start=held.starts_at, attendance=4))
        db.session.commit()
    login(organiser)
    html = client.get("/manage/events/").get_data(as_text=True)
    row = html.split("Kommande frukost")[1].split("</tr>")[0]
    assert re.findall(r"<td[^>]*>(\d+)</td>", row) == ["1", "2"]
    row = html.split("Hållen serie")[1].split("</tr>")[0]
    assert "2 datum</a>" in row  # three held, one recorded
