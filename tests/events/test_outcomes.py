"""Outcomes of held dates: recorded, edited, refused for dates not held."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import quote

import pytest
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.events.models import EventPartner, EventStatus, Outcome, PartnerRole
from app.extensions import db
from tests.conftest import post
from tests.events.conftest import errors

PAST = datetime(2022, 6, 7, 6, 0, tzinfo=UTC)


@pytest.fixture
def held(app, make_event, unit, citycon):
    event = make_event(unit, starts_at=PAST, ends_at=PAST + timedelta(hours=2),
                       rrule="FREQ=WEEKLY;COUNT=2")  # fmt: skip
    with app.app_context():
        db.session.add(EventPartner(event_id=event.id, organisation_id=citycon.id,
                                    role=PartnerRole.HOST))  # fmt: skip
        db.session.commit()
    return event


def _url(event) -> str:
    return f"/manage/events/{event.id}/outcome"


def test_record_then_edit_an_outcome(app, client, login, organiser, held, citycon):
    login(organiser)
    key = PAST.isoformat()
    form = client.get(f"{_url(held)}?date={quote(key)}").get_data(as_text=True)
    assert "Citycon" in form and "Kompetensförsörjning" in form
    data = {"date": key, "attendance": "42", "companies": "17", "summary": "Bra samtal.",
            "needs": ["skills_supply", "permits"], "needs_note": "Svårt att rekrytera.",
            "follow_ups": "Bjuda in Jobbtorget.", "follow_up_unit": "Arbetsmarknadsförvaltningen",
            "partners": [str(citycon.id)]}  # fmt: skip
    response = post(client, _url(held), data, token_from=f"{_url(held)}?date={quote(key)}")
    assert response.status_code == 302, errors(response)
    assert response.headers["Location"] == f"/manage/events/{held.id}#utfall"
    with app.app_context():
        outcome = db.session.scalars(select(Outcome)).one()
        assert (outcome.attendance, outcome.companies) == (42, 17)
        assert sorted(outcome.needs) == ["permits", "skills_supply"]
        assert [p.slug for p in outcome.partners] == ["citycon"]
        assert outcome.recorded_by_id == organiser.id
    page = client.get(f"/manage/events/{held.id}").get_data(as_text=True)
    assert "Tillstånd, Kompetensförsörjning" in page and "Bra samtal." in page
    form = client.get(f"{_url(held)}?date={quote(key)}").get_data(as_text=True)
    assert 'value="42"' in form
    data.update(attendance="40", needs=["safety"])
    response = post(client, _url(held), data, token_from=f"{_url(held)}?date={quote(key)}")
    assert response.status_code == 302
    with app.app_context():
        outcome = db.session.scalars(select(Outcome)).one()
        assert outcome.attendance == 40 and outcome.needs == ["safety"]
        actions = db.session.scalars(
            select(AuditEntry.action)
            .where(AuditEntry.action.like("outcome.%"))
            .order_by(AuditEntry.id)
        ).all()
        assert actions == ["outcome.record", "outcome.update"]


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"attendance": "-1"}, "attendance", "Ange ett tal mellan 0 och 100000."),
    ({"attendance": "många"}, "attendance", "Skriv ett heltal."),
    ({"companies": "1" * 50}, "companies", "Ange ett tal mellan 0 och 100000."),
    ({"needs": ["unicorns"]}, "needs", "Välj bland alternativen i listan."),
    ({"partners": ["98765"]}, "partners", "Välj bland alternativen i listan."),
    ({"summary": "x" * 10_000}, "summary", "Högst 5000 tecken."),
])  # fmt: skip
def test_bad_outcome_input(app, client, login, organiser, held, change, field, message):
    login(organiser)
    data = {"date": PAST.isoformat(), "summary": "Kvar", "attendance": "3"}
    data.update(change)
    response = post(client, _url(held), data, token_from="/")
    assert response.status_code == 200
    assert (field, message) in errors(response)
    with app.app_context():
        assert db.session.scalars(select(Outcome)).all() == []


def test_only_held_dates_take_outcomes(app, client, login, organiser, unit, make_event):
    upcoming = make_event(unit)
    called_off = make_event(unit, starts_at=PAST, ends_at=PAST + timedelta(hours=1),
                            status=EventStatus.CANCELLED)  # fmt: skip
    cancelled = make_event(unit, starts_at=PAST, ends_at=PAST + timedelta(hours=1),
                           rrule="FREQ=WEEKLY;COUNT=2",
                           changes=[{"original_start": PAST, "is_cancelled": True, "reason": "Regn"}])  # fmt: skip
    login(organiser)
    for event in (upcoming, called_off, cancelled):
        data = {"date": event.starts_at.isoformat(), "attendance": "5"}
        response = post(client, _url(event), data, token_from="/")
        assert ("date", "Utfall kan bara registreras för datum som har genomförts.") in errors(
            response
        )
    with app.app_context():
        assert db.session.scalars(select(Outcome)).all() == []


def test_dates_with_outcomes_are_not_dropped(app, client, login, organiser, held):
    second = PAST + timedelta(days=7)
    with app.app_context():
        db.session.add(Outcome(event_id=held.id, occurrence_start=second, attendance=9))
        db.session.commit()
    login(organiser)
    page = f"/manage/events/{held.id}"
    from tests.events.conftest import form_data

    # Moving the whole series one hour would leave the outcome without its date.
    data = form_data(start_date="2022-06-07", start_time="09:00", end_time="11:00",
                     repeat="weekly", repeat_count="2")  # fmt: skip
    response = post(client, page, data, token_from=page)
    assert response.status_code == 200
    assert any(f == "start_date" and "utfall eller anmälningar" in m for f, m in errors(response))
    response = post(client, f"{page}/end-series", {"last_day": "2022-06-07"}, token_from="/")
    assert any(f == "last_day" and "utfall eller anmälningar" in m for f, m in errors(response))
    with app.app_context():
        from app.events.models import Event

        event = db.session.get(Event, held.id)
        assert event.rrule == "FREQ=WEEKLY;COUNT=2" and event.starts_at == PAST
        assert len(event.occurrences) == 2
    # The same times are fine.
    data.update(start_time="08:00", end_time="10:00")
    assert post(client, page, data, token_from=page).status_code == 302


def test_a_held_date_of_a_draft_takes_an_outcome(app, client, login, organiser, unit, make_event):
    draft = make_event(unit, starts_at=PAST, ends_at=PAST + timedelta(hours=1),
                       status=EventStatus.DRAFT)  # fmt: skip
    login(organiser)
    page = client.get(f"/manage/events/{draft.id}").get_data(as_text=True)
    assert "Registrera utfall" in page
    listed = client.get("/manage/events/?needs_outcome=y").get_data(as_text=True)
    assert f"/manage/events/{draft.id}" in listed
    data = {"date": draft.starts_at.isoformat(), "attendance": "5", "companies": "3"}
    response = post(
        client, _url(draft), data, token_from=f"{_url(draft)}?date={quote(data['date'])}"
    )
    assert response.status_code == 302, errors(response)
    with app.app_context():
        assert db.session.scalars(select(Outcome.attendance)).all() == [5]
