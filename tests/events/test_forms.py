"""Creating and editing events through the form, and every kind of bad input."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from app.events.models import Event, EventStatus, Occurrence
from app.extensions import db
from app.registrations.models import Registration, RegistrationStatus
from tests.conftest import post
from tests.events.conftest import errors, form_data

NEW = "/manage/events/new"


def _count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_create_a_weekly_series(app, client, login, organiser, unit, venue, citycon):
    login(organiser)
    data = form_data(
        repeat="weekly", repeat_until="2030-04-02", venue=str(venue.id),
        **{"partners-0-organisation": str(citycon.id), "partners-0-role": "host"},
    )  # fmt: skip
    response = post(client, NEW, data, token_from=NEW)
    assert response.status_code == 302, errors(response)
    with app.app_context():
        event = db.session.scalars(select(Event)).one()
        assert response.headers["Location"] == f"/manage/events/{event.id}"
        assert event.status == EventStatus.DRAFT and event.unit_id == unit.id
        assert event.rrule == "FREQ=WEEKLY;UNTIL=20300402"
        assert event.starts_at == datetime(2030, 3, 5, 7, 0, tzinfo=UTC)  # 8.00 CET
        assert [(p.organisation_id, p.role.value) for p in event.partners] == [(citycon.id, "host")]
        starts = [o.starts_at for o in event.occurrences]
    # 2 April is after the change to summer time (31 March): still 8.00 local, 6.00 UTC.
    assert starts[-1] == datetime(2030, 4, 2, 6, 0, tzinfo=UTC)
    assert len(starts) == 5
    page = client.get(f"/manage/events/{event.id}").get_data(as_text=True)
    assert "Evenemanget är sparat som utkast." in page
    assert "tisdag 2 april 2030, kl. 8.00–9.30" in page


def test_edit_keeps_builder_and_raises_sequence_once_published(
    app, client, login, organiser, make_event, unit
):
    event = make_event(unit, rrule="FREQ=WEEKLY;COUNT=3")
    login(organiser)
    url = f"/manage/events/{event.id}"
    page = client.get(url).get_data(as_text=True)
    assert 'value="weekly" selected' in page or 'selected value="weekly"' in page
    data = form_data(
        title="Nytt namn", start_date=event.starts_at.date().isoformat(),
        repeat="weekly", repeat_count="2",
    )  # fmt: skip
    response = post(client, url, data, token_from=url)
    assert response.status_code == 302, errors(response)
    with app.app_context():
        saved = db.session.get(Event, event.id)
        assert saved.title == "Nytt namn" and saved.sequence == event.sequence + 1
        assert saved.rrule == "FREQ=WEEKLY;COUNT=2"
        assert len(saved.occurrences) == 2


BAD = [
    ({"end_time": "07:00"}, "end_time", "Slutet måste komma efter starten."),
    ({"repeat": "weekly"}, "repeat", "En serie måste sluta"),
    ({"repeat": "advanced", "rrule": "FREQ=WEEKLY"}, "rrule", "Regeln saknar slut"),
    ({"repeat": "advanced", "rrule": "FREQ=SOMETIMES;COUNT=2"}, "rrule", "FREQ måste vara"),
    ({"repeat": "advanced", "rrule": "BLAH"}, "rrule", "inte på formen NAMN=VÄRDE"),
    ({"venue": "999999"}, "venue", "Platsen finns inte."),
    ({"venue": "abc"}, "venue", "Platsen finns inte."),
    ({"title": "x" * 10_000}, "title", "Högst 200 tecken."),
    ({"description": "x" * 10_000}, "description", "Högst 5000 tecken."),
    ({"start_date": "2030-02-30"}, "start_date", "Skriv datumet som ÅÅÅÅ-MM-DD"),
    ({"start_time": "25:99"}, "start_time", "Skriv tiden som TT:MM"),
    ({"capacity": "9" * 40}, "capacity", "Ange ett tal mellan 1 och 100000."),
    ({"capacity": "0"}, "capacity", "Ange ett tal mellan 1 och 100000."),
    ({"kind": "party"}, "kind", "Välj en typ i listan."),
    ({"partners-0-organisation": "77777", "partners-0-role": "host"}, "partners-0-organisation",
     "Välj en organisation i listan."),
    ({"focus_areas": "123456"}, "focus_areas", "Välj bland alternativen i listan."),
    ({"title": ""}, "title", "Fyll i fältet."),
]  # fmt: skip


@pytest.mark.parametrize(("change", "field", "message"), BAD)
def test_bad_input_is_refused_beside_the_field(
    app, client, login, organiser, unit, change, field, message
):
    login(organiser)
    data = form_data(**change)
    response = post(client, NEW, data, token_from=NEW)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert f'id="{field}-error"' in page
    error = page.split(f'id="{field}-error"', 1)[1].split("</p>", 1)[0]
    assert message in error
    assert "Något behöver rättas" in page
    typed = data.get("theme")
    assert f'value="{typed}"' in page  # what was typed is kept
    assert _count(app, Event) == 0 and _count(app, Occurrence) == 0


def test_capacity_cannot_go_below_confirmed_registrations(
    app, client, login, organiser, unit, make_event
):
    event = make_event(unit, capacity=10, registration_enabled=True)
    with app.app_context():
        for n in range(3):
            db.session.add(Registration(
                event_id=event.id, occurrence_start=event.starts_at, name=f"P{n}",
                email=f"p{n}@example.org", status=RegistrationStatus.CONFIRMED,
                cancel_token_hash=f"{n:064d}",
            ))  # fmt: skip
        db.session.commit()
    login(organiser)
    url = f"/manage/events/{event.id}"
    local = event.starts_at.astimezone(__import__("zoneinfo").ZoneInfo("Europe/Stockholm"))
    data = form_data(
        start_date=local.date().isoformat(), start_time="08:00", end_time="10:00",
        registration_enabled="y", capacity="2",
    )  # fmt: skip
    response = post(client, url, data, token_from=url)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "lägre än de 3 bekräftade" in page.split('id="capacity-error"', 1)[1]
    assert 'value="2"' in page
    with app.app_context():
        assert db.session.get(Event, event.id).capacity == 10
    data["capacity"] = "3"
    assert post(client, url, data, token_from=url).status_code == 302
    with app.app_context():
        assert db.session.get(Event, event.id).capacity == 3


def test_all_day_event_over_two_days(app, client, login, organiser, unit):
    login(organiser)
    data = form_data(all_day="y", start_time="", end_time="", end_date="2030-03-06")
    assert post(client, NEW, data, token_from=NEW).status_code == 302
    with app.app_context():
        event = db.session.scalars(select(Event)).one()
        assert event.all_day
        assert event.starts_at == datetime(2030, 3, 4, 23, 0, tzinfo=UTC)
        assert event.ends_at == datetime(2030, 3, 6, 23, 0, tzinfo=UTC)


def test_nul_bytes_never_reach_the_database(app, client, login, organiser, unit):
    login(organiser)
    response = post(client, NEW, form_data(title="Frukost\x00möte"), token_from=NEW)
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalars(select(Event.title)).one() == "Frukostmöte"


def test_creating_an_event_in_the_past_warns(client, login, organiser):
    login(organiser)
    response = post(client, NEW, form_data(start_date="2022-03-01"), token_from=NEW)
    assert response.status_code == 302, errors(response)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "1 datum har redan varit" in page
    response = post(client, NEW, form_data(), token_from=NEW)
    assert "har redan varit" not in client.get(response.headers["Location"]).get_data(as_text=True)
