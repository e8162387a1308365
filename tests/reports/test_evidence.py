"""Evidence: held dates inside the period that serve the question, their outcomes, facts."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from app.core import wiring
from app.events.models import EventStatus, OccurrenceChange
from app.extensions import db
from app.policy.facts import Fact
from app.reports import evidence
from app.reports.periods import PeriodKind
from tests.conftest import count_queries
from tests.reports.world import add_outcome, link_event, local, setup_questions

NOW = datetime(2023, 6, 1, tzinfo=UTC)


def collect(app, unit, question_ids, kind=PeriodKind.T1, now=NOW):
    with app.app_context():
        return evidence.collect(unit.id, 2022, kind, question_ids, now)


def event_at(app, make_event, unit, qids, start, **overrides):
    event = make_event(unit, starts_at=start, ends_at=start + timedelta(hours=2), **overrides)
    link_event(app, event.id, qids)
    return event


def test_an_event_on_30_april_is_in_t1_and_one_on_1_may_is_not(app, unit, make_event):
    qids = setup_questions(app, unit)
    april = event_at(app, make_event, unit, qids[:1], local(2022, 4, 30, 21), title="Sista april")
    may = event_at(app, make_event, unit, qids[:1], local(2022, 5, 1, 9), title="Första maj")
    t1 = collect(app, unit, qids, PeriodKind.T1)
    assert [i.event_id for i in t1.for_question(qids[0])] == [april.id]
    t2 = collect(app, unit, qids, PeriodKind.T2)
    assert [i.event_id for i in t2.for_question(qids[0])] == [april.id, may.id]


def test_only_held_published_uncancelled_dates_of_linked_events_count(
    app, unit, other_unit, make_event
):
    qids = setup_questions(app, unit)
    other_qids = setup_questions(app, other_unit)
    start = local(2022, 3, 1, 9)
    held = event_at(app, make_event, unit, qids[:1], start, title="Hölls")
    event_at(app, make_event, unit, qids[:1], start, title="Utkast", status=EventStatus.DRAFT)
    make_event(unit, starts_at=start, ends_at=start + timedelta(hours=1), title="Inte kopplat")
    event_at(app, make_event, other_unit, other_qids[:1], start, title="Annan enhet")
    cancelled = event_at(
        app,
        make_event,
        unit,
        qids[:1],
        start,
        title="Inställt",
        rrule="FREQ=WEEKLY;COUNT=2",
        changes=[{"original_start": start.astimezone(UTC), "is_cancelled": True}],
    )
    found = collect(app, unit, qids).for_question(qids[0])
    assert [(i.event_id, i.on) for i in found] == [
        (held.id, date(2022, 3, 1)),
        (cancelled.id, date(2022, 3, 8)),
    ]
    # Not yet over at `now`: not held.
    assert collect(app, unit, qids, now=local(2022, 3, 1, 10)).for_question(qids[0]) == []


def test_outcomes_and_partners_feed_the_draft(app, unit, make_event):
    qids = setup_questions(app, unit)
    start = local(2022, 6, 11, 12)
    event = event_at(
        app,
        make_event,
        unit,
        qids[:1],
        start,
        title="Sommar på torget",
        rrule="FREQ=WEEKLY;COUNT=3",
    )
    add_outcome(app, event.id, start.astimezone(UTC), attendance=40, companies=5, needs=["safety"])
    add_outcome(app, event.id, (start + timedelta(days=7)).astimezone(UTC), attendance=60)
    found = collect(app, unit, qids, PeriodKind.T2)
    items = found.for_question(qids[0])
    assert [i.attendance for i in items] == [40, 60, None]
    assert items[0].key == f"occ:{event.id}:{start.astimezone(UTC).isoformat()}"
    text = found.draft(qids[0])
    assert text.startswith(
        "Sommar på torget genomfördes vid tre tillfällen mellan den 11 juni och den 25 juni 2022."
    )
    assert (
        "Vid de två tillfällen där deltagandet registrerades deltog totalt 100 personer från 5 företag."
        in text
    )
    assert "Företagen lyfte behov av trygghet." in text
    # Leaving a date out takes it out of the draft.
    assert "vid två tillfällen" in found.draft(qids[0], {items[2].key})


def test_facts_from_registered_sources_for_the_questions_only(app, unit):
    qids = setup_questions(app, unit)

    def source(unit_id, year, start, end):
        return [
            Fact(
                "award:1:nominations", qids[1], "award", "Till utmärkelsen kom 14 nomineringar in."
            ),
            Fact("award:1:other", 999_999, "award", "Hör inte hit."),
        ]

    sources = wiring.of(app).fact_sources
    sources.append(source)
    try:
        found = collect(app, unit, qids)
    finally:
        sources.remove(source)
    assert [i.key for i in found.for_question(qids[1])] == ["award:1:nominations"]
    assert found.draft(qids[1]) == "Till utmärkelsen kom 14 nomineringar in."
    assert found.draft(qids[1], {"award:1:nominations"}) == ""


def test_query_count_does_not_grow_with_the_number_of_events(app, unit, make_event):
    qids = setup_questions(app, unit)

    def measure():
        with count_queries(app) as n, app.app_context():
            evidence.collect(unit.id, 2022, PeriodKind.VB, qids, NOW)
        return n()

    for i in range(2):
        event = event_at(app, make_event, unit, qids, local(2022, 3, 1 + i, 9))
        add_outcome(app, event.id, local(2022, 3, 1 + i, 9).astimezone(UTC), attendance=5)
    few = measure()
    for i in range(8):
        event = event_at(
            app, make_event, unit, qids, local(2022, 5, 1 + i, 9), rrule="FREQ=DAILY;COUNT=3"
        )
        add_outcome(app, event.id, local(2022, 5, 1 + i, 9).astimezone(UTC), attendance=5)
    assert measure() == few


def test_moved_date_counts_where_it_was_held(app, unit, make_event):
    qids = setup_questions(app, unit)
    start = local(2022, 4, 28, 9)
    moved_to = local(2022, 5, 3, 9)
    event_at(
        app,
        make_event,
        unit,
        qids[:1],
        start,
        changes=[
            {
                "original_start": start.astimezone(UTC),
                "starts_at": moved_to.astimezone(UTC),
                "ends_at": (moved_to + timedelta(hours=1)).astimezone(UTC),
            }
        ],
    )
    assert collect(app, unit, qids, PeriodKind.T1).for_question(qids[0]) == []
    assert len(collect(app, unit, qids, PeriodKind.T2).for_question(qids[0])) == 1
    with app.app_context():
        assert len(db.session.scalars(select(OccurrenceChange)).all()) == 1
