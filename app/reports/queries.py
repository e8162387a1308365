"""Named queries of the report; each returns a Select that callers may refine."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, select
from sqlalchemy.orm import joinedload, selectinload

from app.directory.models import Organisation, Venue
from app.events.models import Event, EventStatus, Occurrence, event_focus_area, event_question
from app.policy.models import FocusArea, ReportQuestion
from app.reports.models import Answer, AnswerRevision, PeriodStatus, ReportPeriod
from app.units.models import Unit


def held_filter(unit_id: int | None, start: datetime, end: datetime, now: datetime) -> list:
    """Dates held inside [start, end): over by `now`, not cancelled, event published."""
    conditions = [
        Event.status == EventStatus.PUBLISHED,
        Occurrence.is_cancelled.is_(False),
        Occurrence.ends_at < now,
        Occurrence.starts_at >= start,
        Occurrence.starts_at < end,
    ]
    if unit_id is not None:
        conditions.append(Occurrence.unit_id == unit_id)
    return conditions


def held_dates(
    unit_id: int, start: datetime, end: datetime, now: datetime, question_ids: list[int]
) -> Select:
    """One row per held date and question it serves, with the event's and venue's names."""
    return (
        select(
            Occurrence.event_id,
            Occurrence.original_start,
            Occurrence.starts_at,
            event_question.c.question_id,
            Event.title,
            Event.theme,
            Event.support_kind,
            Venue.name.label("venue_name"),
            Organisation.name.label("organiser_name"),
        )
        .join(Event, Occurrence.event_id == Event.id)
        .join(event_question, event_question.c.event_id == Event.id)
        .outerjoin(Venue, Occurrence.venue_id == Venue.id)
        .outerjoin(Organisation, Event.organiser_id == Organisation.id)
        .where(*held_filter(unit_id, start, end, now))
        .where(event_question.c.question_id.in_(question_ids))
        .order_by(Occurrence.starts_at, Occurrence.event_id)
    )


def held_per_focus_area(unit_id: int | None, start: datetime, end: datetime, now: datetime):
    """(focus area number, name, start) for every held date and focus area its event serves."""
    return (
        select(FocusArea.number, FocusArea.name, Occurrence.starts_at)
        .join(Event, Occurrence.event_id == Event.id)
        .join(event_focus_area, event_focus_area.c.event_id == Event.id)
        .join(FocusArea, FocusArea.id == event_focus_area.c.focus_area_id)
        .where(*held_filter(unit_id, start, end, now))
    )


def questions_for(unit_id: int, year: int) -> Select:
    """A unit's questions for a year in form order, with their focus areas."""
    return (
        select(ReportQuestion)
        .where(ReportQuestion.unit_id == unit_id, ReportQuestion.year == year)
        .options(joinedload(ReportQuestion.focus_area))
        .order_by(ReportQuestion.position)
    )


def periods_for(unit_ids: list[int] | None) -> Select:
    """Report periods of the given units (every unit when None), newest first."""
    query = (
        select(ReportPeriod)
        .options(joinedload(ReportPeriod.unit))
        .order_by(ReportPeriod.year.desc(), ReportPeriod.kind.desc(), ReportPeriod.unit_id)
    )
    if unit_ids is not None:
        query = query.where(ReportPeriod.unit_id.in_(unit_ids))
    return query


def answers_for(period_id: int) -> Select:
    """A period's answers in form order, with question and focus area."""
    return (
        select(Answer)
        .join(ReportQuestion, Answer.question_id == ReportQuestion.id)
        .where(Answer.period_id == period_id)
        .options(
            joinedload(Answer.question).joinedload(ReportQuestion.focus_area),
            selectinload(Answer.choices),
            joinedload(Answer.edited_by),
        )
        .order_by(ReportQuestion.position)
    )


def revisions_for(answer_id: int) -> Select:
    """An answer's revisions, oldest first, with their authors."""
    return (
        select(AnswerRevision)
        .where(AnswerRevision.answer_id == answer_id)
        .options(joinedload(AnswerRevision.created_by))
        .order_by(AnswerRevision.number)
    )


def city_periods(year: int, kind: str) -> Select:
    """Every unit with its period for the year and kind, if opened (outer join)."""
    return (
        select(Unit, ReportPeriod)
        .outerjoin(
            ReportPeriod,
            (ReportPeriod.unit_id == Unit.id)
            & (ReportPeriod.year == year)
            & (ReportPeriod.kind == kind),
        )
        .order_by(Unit.name)
    )


def report_years() -> Select:
    """Every year some unit has opened a period for, newest first."""
    return select(ReportPeriod.year).distinct().order_by(ReportPeriod.year.desc())


def city_answers(year: int, kind: str) -> Select:
    """Every unit's answers for the year and kind, with question, focus area and unit."""
    return (
        select(Answer, ReportQuestion, FocusArea, Unit)
        .join(ReportPeriod, Answer.period_id == ReportPeriod.id)
        .join(ReportQuestion, Answer.question_id == ReportQuestion.id)
        .join(FocusArea, ReportQuestion.focus_area_id == FocusArea.id)
        .join(Unit, ReportPeriod.unit_id == Unit.id)
        .where(
            ReportPeriod.year == year,
            ReportPeriod.kind == kind,
            ReportPeriod.status == PeriodStatus.SUBMITTED,
        )
        .order_by(FocusArea.number, ReportQuestion.position, Unit.name)
    )
