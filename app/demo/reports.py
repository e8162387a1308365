"""Demo reports for Hägersten-Älvsjö: 2022 T1, T2 (the seed's own answers) and VB; this year.

T2 2022 is what the council handed in, word for word, final and submitted. T1 and VB
carry Torget's drafts from the demo events as their answers, not final, so a new user
can set the draft beside what the council wrote. The current year gets an open period
with drafts. Every step looks its rows up first, so loading twice changes nothing.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select

from app.core.swedish import STOCKHOLM
from app.db import utcnow
from app.demo import seed_2022
from app.directory.models import Organisation, Venue
from app.events.models import Event, EventKind, EventStatus, Outcome
from app.events.occurrences import rebuild_occurrences
from app.extensions import db
from app.policy.models import ReportQuestion
from app.reports import queries, services
from app.reports.models import AnswerStatus, PeriodStatus, ReportPeriod
from app.reports.periods import PeriodKind
from app.units.models import Unit

UNIT = "hagersten-alvsjo"
DEADLINES_2022 = {
    PeriodKind.T1: date(2022, 5, 16),
    PeriodKind.T2: date(2022, 9, 12),
    PeriodKind.VB: date(2023, 1, 23),
}
#: When the council handed in T2 2022.
SUBMITTED_T2 = datetime(2022, 9, 9, 10, 0, tzinfo=UTC)


def load(password: str, echo) -> None:
    """Create the demo periods that are missing; existing ones are left as they are."""
    unit = db.session.scalar(select(Unit).where(Unit.slug == UNIT))
    if unit is None:
        echo("Rapporter: enheten saknas, hoppar över.")
        return
    made = []
    for kind in (PeriodKind.T1, PeriodKind.T2, PeriodKind.VB):
        if _period(unit, 2022, kind) is None:
            period = services.open_period(None, unit, 2022, kind, DEADLINES_2022[kind])
            if kind == PeriodKind.T2:
                _seed_answers(period)
            else:
                _take_drafts(period)
            made.append(f"{kind.value.upper()} 2022")
    year = utcnow().year
    copy_questions(unit, 2022, year)
    kind = current_kind(utcnow().month)
    if _period(unit, year, kind) is None:
        held_this_year(unit, datetime.now(STOCKHOLM).date())
        services.open_period(None, unit, year, kind, None)
        made.append(f"{kind.value.upper()} {year}")
    db.session.flush()
    echo(f"Rapporter: {', '.join(made) if made else 'inga nya perioder'}.")


def current_kind(month: int) -> PeriodKind:
    """The period that is being written in a given month."""
    return PeriodKind.T1 if month <= 4 else PeriodKind.T2 if month <= 8 else PeriodKind.VB


def _period(unit: Unit, year: int, kind: PeriodKind) -> ReportPeriod | None:
    return db.session.scalar(select(ReportPeriod).filter_by(unit_id=unit.id, year=year, kind=kind))


def copy_questions(unit: Unit, from_year: int, to_year: int) -> None:
    """Give `to_year` the questions of `from_year` when it has none."""
    if from_year == to_year or db.session.scalar(
        select(ReportQuestion.id).filter_by(unit_id=unit.id, year=to_year).limit(1)
    ):
        return
    services.copy_questions(None, unit, from_year, to_year)


def _answers(period: ReportPeriod):
    return db.session.scalars(queries.answers_for(period.id)).unique().all()


def _seed_answers(period: ReportPeriod) -> None:
    """T2 2022: the council's answers from the seed report, final and submitted."""
    texts = {i + 1: answer for i, (_area, _q, answer) in enumerate(seed_2022.QUESTIONS_2022)}
    for answer in _answers(period):
        answer.text = texts.get(answer.question.position, "")
        answer.status = AnswerStatus.FINAL
        answer.finalised_at = SUBMITTED_T2
        answer.edited_at = SUBMITTED_T2
        db.session.flush()
        services.add_revision(None, answer, "edit")
    period.status = PeriodStatus.SUBMITTED
    period.submitted_at = SUBMITTED_T2


def _take_drafts(period: ReportPeriod) -> None:
    """Take each draft into the answer, as an officer would with "Använd utkastet"."""
    for answer in _answers(period):
        if answer.draft:
            answer.text = answer.draft
            db.session.flush()
            services.add_revision(None, answer, "take_draft")


#: Breakfast meetings held earlier this year, so this year's drafts have something to say:
#: (uid prefix, title, theme, needs, question positions).
THIS_YEAR = (
    ("rapport-frukost-1", "Frukostmöte: Lokaler och etablering", "Lokaler", ["premises"], (1, 8)),
    ("rapport-frukost-2", "Frukostmöte: Trygghet i centrum", "Trygghet", ["safety"], (1, 5, 8)),
)


def held_this_year(unit: Unit, today: date) -> None:
    """Two breakfast meetings between 1 January and yesterday, with outcomes (created once)."""
    first = date(today.year, 1, 1)
    elapsed = (today - first).days
    if elapsed < 3:
        return
    venue = db.session.scalar(select(Venue).where(Venue.slug == "liljeholmstorgets-galleria"))
    citycon = db.session.scalar(select(Organisation).where(Organisation.slug == "citycon"))
    questions = {
        q.position: q
        for q in db.session.scalars(
            select(ReportQuestion).filter_by(unit_id=unit.id, year=today.year)
        )
    }
    for i, (prefix, title, theme, needs, positions) in enumerate(THIS_YEAR, start=1):
        uid = f"{prefix}-{today.year}@hagersten-alvsjo.torget"
        if db.session.scalar(select(Event.id).where(Event.uid == uid)):
            continue
        day = first + timedelta(days=elapsed * i // 3)
        starts = datetime.combine(day, time(7, 30), tzinfo=STOCKHOLM).astimezone(UTC)
        event = Event(
            unit_id=unit.id,
            title=title,
            theme=theme,
            kind=EventKind.BREAKFAST_MEETING,
            status=EventStatus.PUBLISHED,
            starts_at=starts,
            ends_at=starts + timedelta(hours=1, minutes=30),
            published_at=starts - timedelta(days=21),
            uid=uid,
            venue_id=venue.id if venue else None,
            organiser_id=citycon.id if citycon else None,
            questions=[questions[n] for n in positions if n in questions],
        )
        event.focus_areas = list({q.focus_area_id: q.focus_area for q in event.questions}.values())
        db.session.add(event)
        db.session.flush()
        rebuild_occurrences(event)
        db.session.add(
            Outcome(
                event_id=event.id,
                occurrence_start=starts,
                attendance=18 + 4 * i,
                companies=11 + 2 * i,
                needs=needs,
                summary="Företagen och förvaltningen gick igenom läget i centrum.",
            )
        )
    db.session.flush()
