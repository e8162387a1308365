"""Raising an event's capacity gives the freed places to the people waiting, oldest first."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.events.models import Event
from app.extensions import db
from app.registrations.models import Registration, RegistrationStatus
from tests.conftest import post
from tests.events.conftest import errors, form_data
from tests.registrations.world import in_days

CONFIRMED, WAITING = RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING
#: When each test person registered: the queue's order is by this, not by row id.
EARLY = datetime(2029, 1, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def series(make_event, unit):
    """Three weekly dates from three days ahead, one place each."""
    start = in_days(3)
    return make_event(
        unit, title="Frukostmöte om lokaler", starts_at=start, ends_at=start + timedelta(hours=2),
        rrule="FREQ=WEEKLY;COUNT=3", registration_enabled=True, capacity=1, waiting_list=True,
    )  # fmt: skip


def add(app, event, week: int, name: str, status, minutes: int) -> None:
    """A registration for the series' date `week` (0, 1, 2), made `minutes` after EARLY."""
    with app.app_context():
        db.session.add(Registration(
            event_id=event.id, occurrence_start=event.starts_at + timedelta(weeks=week),
            name=name, email=f"{name.lower()}@example.org", status=status,
            cancel_token_hash=f"{name:0>64}"[-64:], created_at=EARLY + timedelta(minutes=minutes),
        ))  # fmt: skip
        db.session.commit()


def statuses(app, event) -> dict[str, RegistrationStatus]:
    with app.app_context():
        rows = db.session.scalars(select(Registration).where(Registration.event_id == event.id))
        return {row.name: row.status for row in rows}


def edit(client, event, capacity: str):
    """Save the event form unchanged except for the capacity."""
    url = f"/manage/events/{event.id}"
    data = form_data(
        title=event.title, start_date=event.starts_at.date().isoformat(), start_time="08:00",
        end_time="10:00", repeat="weekly", repeat_count="3", registration_enabled="y",
        capacity=capacity,
    )  # fmt: skip
    return post(client, url, data, token_from=url)


@pytest.fixture
def queues(app, series):
    """Week 0: Ada confirmed, then Cesar, Bertil, David waiting (registered in that order of
    rows but Bertil first in time); week 1: Erik confirmed, Fia waiting; week 2: nobody."""
    add(app, series, 0, "Ada", CONFIRMED, 0)
    add(app, series, 0, "Cesar", WAITING, 20)
    add(app, series, 0, "Bertil", WAITING, 10)
    add(app, series, 0, "David", WAITING, 30)
    add(app, series, 1, "Erik", CONFIRMED, 0)
    add(app, series, 1, "Fia", WAITING, 5)
    return series


def test_raising_capacity_promotes_the_oldest_waiting_on_each_date(
    app, client, login, organiser, queues, outbox
):
    login(organiser)
    response = edit(client, queues, "3")
    assert response.status_code == 302, errors(response)
    assert response.headers["Location"] == f"/manage/events/{queues.id}"
    assert statuses(app, queues) == {
        "Ada": CONFIRMED, "Bertil": CONFIRMED, "Cesar": CONFIRMED, "David": WAITING,
        "Erik": CONFIRMED, "Fia": CONFIRMED,
    }  # fmt: skip
    mails = outbox()
    assert sorted(m["To"] for m in mails) == [
        "bertil@example.org",
        "cesar@example.org",
        "fia@example.org",
    ]
    for message in mails:
        assert message["Subject"] == "Du har fått en plats: Frukostmöte om lokaler"
        body = message.get_body(("plain",)).get_content()
        assert "En plats har blivit ledig och du är nu anmäld" in body
        assert [part.get_filename() for part in message.iter_attachments()] == ["evenemang.ics"]
    with app.app_context():
        assert db.session.get(Event, queues.id).capacity == 3
        logged = db.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "registration.promote")
        ).all()
        assert len(logged) == 3 and {e.actor_id for e in logged} == {organiser.id}
        promoted = db.session.scalars(
            select(Registration).where(Registration.promoted_at.is_not(None))
        ).all()
        assert {r.name for r in promoted} == {"Bertil", "Cesar", "Fia"}
    assert "Ändringarna är sparade." in client.get(response.headers["Location"]).get_data(
        as_text=True
    )


def test_removing_the_limit_promotes_everyone_waiting(
    app, client, login, organiser, queues, outbox
):
    login(organiser)
    assert edit(client, queues, "").status_code == 302
    assert set(statuses(app, queues).values()) == {CONFIRMED}
    assert len(outbox()) == 4


@pytest.mark.parametrize("capacity", ["1", "abc", "0"])
def test_no_raise_no_promotion_and_no_mail(app, client, login, organiser, queues, outbox, capacity):
    login(organiser)
    response = edit(client, queues, capacity)
    assert response.status_code == (302 if capacity == "1" else 200)
    assert list(statuses(app, queues).values()).count(WAITING) == 4
    assert outbox() == []
    with app.app_context():
        assert db.session.get(Event, queues.id).capacity == 1


def test_a_cancelled_date_keeps_its_queue(app, client, login, organiser, queues, outbox):
    login(organiser)
    url = f"/manage/events/{queues.id}/cancel-date"
    second = (queues.starts_at + timedelta(weeks=1)).isoformat()
    assert post(client, url, {"date": second, "reason": "Lokalen är upptagen."},
                token_from=url).status_code == 302  # fmt: skip
    sent = len(outbox())
    assert edit(client, queues, "2").status_code == 302
    assert statuses(app, queues)["Fia"] == WAITING
    assert statuses(app, queues)["Bertil"] == CONFIRMED
    assert [m["To"] for m in outbox()[sent:]] == ["bertil@example.org"]


def test_a_past_date_keeps_its_queue(app, client, login, organiser, make_event, unit, outbox):
    start = in_days(-7)
    event = make_event(
        unit, title="Frukostmöte om lokaler", starts_at=start, ends_at=start + timedelta(hours=2),
        rrule="FREQ=WEEKLY;COUNT=3", registration_enabled=True, capacity=1,
    )  # fmt: skip
    add(app, event, 0, "Gammal", WAITING, 0)
    add(app, event, 2, "Ny", WAITING, 0)
    login(organiser)
    assert edit(client, event, "5").status_code == 302
    assert statuses(app, event) == {"Gammal": WAITING, "Ny": CONFIRMED}
    assert [m["To"] for m in outbox()] == ["ny@example.org"]
