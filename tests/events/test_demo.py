"""The demo events: every 2022 activity of the seed, held, with outcomes; idempotent."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select, text

from app.core.swedish import STOCKHOLM
from app.demo import events as demo_events
from app.demo import foundation
from app.events.models import Event, EventKind, EventStatus, Occurrence, Outcome, SupportKind
from app.extensions import db

TABLES = ("event", "event_partner", "event_focus_area", "event_question", "occurrence_change",
          "occurrence", "outcome", "outcome_partner", "registration")  # fmt: skip


def _load(app) -> None:
    with app.app_context():
        foundation.load(password="demo", echo=lambda *a: None)
        demo_events.load(password="demo", echo=lambda *a: None)
        db.session.commit()


def _snapshot(app) -> dict:
    with app.app_context():
        return {
            table: sorted(
                tuple(str(v) for v in row)
                for row in db.session.execute(text(f'SELECT * FROM "{table}"'))
            )
            for table in TABLES
        }


@pytest.fixture
def demo(app):
    _load(app)
    return app


def test_loading_twice_changes_nothing(demo):
    first = _snapshot(demo)
    _load(demo)
    assert _snapshot(demo) == first
    assert len(first["event"]) == len(demo_events.EVENTS_2022) + len(
        demo_events.upcoming(date.today())
    )


def _event(uid: str) -> Event:
    return db.session.scalars(select(Event).where(Event.uid == uid)).one()


def test_the_company_dialogue(demo):
    with demo.app_context():
        event = _event("foretagsdialog-2022@hagersten-alvsjo.torget")
        assert event.title == "Företagsdialog med mingelmässa" and event.kind == EventKind.FAIR
        assert event.venue.slug == "liljeholmstorgets-galleria"
        assert event.starts_at == datetime(2022, 12, 9, 8, 0, tzinfo=UTC)
        assert event.ends_at == datetime(2022, 12, 9, 14, 30, tzinfo=UTC)
        assert [q.position for q in event.questions] == [7, 8]
        outcome = db.session.scalars(select(Outcome).where(Outcome.event_id == event.id)).one()
        assert outcome.companies > 0 and outcome.partners


def test_every_2022_activity_is_held_with_outcomes(demo):
    with demo.app_context():
        events = db.session.scalars(select(Event).where(Event.uid.like("%-2022@%"))).all()
        assert len(events) == len(demo_events.EVENTS_2022)
        for event in events:
            assert event.status == EventStatus.PUBLISHED and event.uid.endswith(
                "@hagersten-alvsjo.torget"
            )
            held = [o for o in event.occurrences if not o.is_cancelled]
            assert held and all(o.ends_at.year == 2022 for o in held)
            outcomes = db.session.scalars(select(Outcome).where(Outcome.event_id == event.id)).all()
            assert len(outcomes) == len(held), event.title
            assert event.questions and event.focus_areas, event.title
        breakfasts = [e for e in events if e.kind == EventKind.BREAKFAST_MEETING]
        assert len(breakfasts) == 3 and min(e.starts_at for e in breakfasts).month < 5
        assert {e.theme for e in breakfasts} >= {"Kompetensförsörjning", "Trygghet", "Tillstånd"}
        grants = {e.support_kind for e in events if e.support_kind}
        assert grants == {SupportKind.OPERATING_GRANT, SupportKind.ORGANISER_GRANT}


@pytest.mark.parametrize("square", ["alvsjo-torg", "liljeholmstorget"])
def test_summer_on_the_square(demo, square):
    with demo.app_context():
        event = _event(
            f"sommar-{'alvsjo' if square == 'alvsjo-torg' else 'liljeholmen'}-2022@hagersten-alvsjo.torget"
        )
        assert event.venue.slug == square and event.rrule.startswith("FREQ=WEEKLY")
        dates: list[Occurrence] = event.occurrences
        assert dates[0].starts_at.month == 6 and dates[-1].starts_at.astimezone(
            STOCKHOLM
        ).date() >= date(2022, 8, 20)
        assert sum(o.is_cancelled for o in dates) == 1
        assert sum(o.is_moved for o in dates) == 1
        assert "regn" in next(o for o in dates if o.is_cancelled).reason
        starts = {o.starts_at.astimezone(STOCKHOLM).time() for o in dates}
        assert len(starts) == 1  # the same wall-clock time all summer


def test_upcoming_breakfast_takes_registrations(demo):
    with demo.app_context():
        event = _event("frukost-kommande@hagersten-alvsjo.torget")
        assert event.status == EventStatus.PUBLISHED and event.registration_enabled
        assert event.capacity == 30 and event.starts_at > datetime.now(UTC)
        assert event.registration_closes_at < event.starts_at


def test_the_demo_lives_relative_to_the_day_it_is_loaded(demo, client):
    """An anonymous visitor finds next summer on both squares and a full breakfast with a
    queue, whatever today is; 2022 stays as the seed tells it."""
    now = datetime.now(UTC)
    summer = demo_events.summer_year(date.today())
    with demo.app_context():
        for square in ("alvsjo", "liljeholmen"):
            event = _event(f"sommar-{square}-{summer}@hagersten-alvsjo.torget")
            assert event.status == EventStatus.PUBLISHED and event.starts_at > now
            months = {o.starts_at.astimezone(STOCKHOLM).month for o in event.occurrences}
            assert months == {6, 7, 8}
        full = _event("frukost-fullbokad-kommande@hagersten-alvsjo.torget")
        assert full.starts_at > now and full.capacity == demo_events.FULL_BREAKFAST_SEATS
        full_id = full.id
    page = client.get(f"/events/{full_id}").get_data(as_text=True)
    assert "Fullbokat" in page and "väntelistan" in page
    listing = client.get("/events/?kind=square_event").get_data(as_text=True)
    assert "Sommar på torget – Älvsjö torg" in listing
    assert "Sommar på torget – Liljeholmstorget" in listing


@pytest.mark.parametrize("today", [date(2027, 1, 15), date(2027, 6, 1), date(2027, 12, 31)])
def test_next_summer_is_always_ahead(today):
    summer = demo_events.summer_year(today)
    specs = [s for s in demo_events.upcoming(today) if s.uid.startswith("sommar-")]
    assert len(specs) == 2 and all(s.day > today and s.day.year == summer for s in specs)
