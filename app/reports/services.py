"""Changing reports: open a period, draft, edit, take the draft, submit, reopen; templates.

Every verb takes the actor, flushes, audit-logs and leaves the commit to the caller.
"""

from __future__ import annotations

import logging
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm.exc import StaleDataError

from app.audit.services import record
from app.db import utcnow
from app.extensions import db
from app.policy.models import ReportQuestion
from app.reports import evidence as evidence_module
from app.reports import queries
from app.reports.models import (
    Answer,
    AnswerRevision,
    AnswerStatus,
    EvidenceChoice,
    PeriodStatus,
    ReportPeriod,
)
from app.reports.periods import PREVIOUS, PeriodKind
from app.units.models import Unit

logger = logging.getLogger(__name__)
#: The longest answer kept; the form says so before anything is lost.
MAX_ANSWER = 50_000


class ReportError(Exception):
    """A rule about reports was broken; the message is shown to the person."""


class StaleAnswer(ReportError):
    """Someone else saved the answer after this person loaded it."""


def load_evidence(period: ReportPeriod, question_ids: list[int]) -> evidence_module.Evidence:
    """The period's evidence for these questions as of now."""
    return evidence_module.collect(period.unit_id, period.year, period.kind, question_ids, utcnow())


def excluded_keys(answer: Answer) -> set[str]:
    return {c.key for c in answer.choices if not c.included}


def open_period(actor, unit: Unit, year: int, kind: PeriodKind, deadline: date | None):
    """Open a period with an answer per question, drafted; T2 and VB start from the final text before."""
    exists = db.session.scalar(
        select(ReportPeriod.id).filter_by(unit_id=unit.id, year=year, kind=kind)
    )
    if exists:
        raise ReportError(_l("Perioden är redan öppnad."))
    questions = db.session.scalars(queries.questions_for(unit.id, year)).all()
    if not questions:
        raise ReportError(_l("Det finns inga frågor för året. Lägg in frågorna först."))
    period = new_period(unit, year, kind, deadline)
    carried = previous_final_texts(unit.id, year, kind)
    evidence = load_evidence(period, [q.id for q in questions])
    now = utcnow()
    for question in questions:
        answer = Answer(period=period, question_id=question.id, text=carried.get(question.id, ""))
        answer.draft = evidence.draft(question.id)
        answer.draft_generated_at = now
        db.session.add(answer)
        db.session.flush()
        add_revision(actor, answer, "start")
    record(actor, "report.open", period, year=year, kind=str(kind))
    return period


def new_period(unit: Unit, year: int, kind: PeriodKind, deadline: date | None) -> ReportPeriod:
    """An open period whose contact person defaults to the unit's."""
    period = ReportPeriod(
        unit_id=unit.id,
        year=year,
        kind=kind,
        deadline=deadline,
        contact_name=unit.contact_name,
        contact_phone=unit.contact_phone,
        contact_email=unit.contact_email,
        status=PeriodStatus.OPEN,
    )
    db.session.add(period)
    db.session.flush()
    return period


def previous_final_texts(unit_id: int, year: int, kind: PeriodKind) -> dict[int, str]:
    """Question id → final text of the period this one starts from (T1 for T2, T2 for VB)."""
    before = PREVIOUS.get(kind)
    if before is None:
        return {}
    rows = db.session.execute(
        select(Answer.question_id, Answer.text)
        .join(ReportPeriod, Answer.period_id == ReportPeriod.id)
        .where(
            ReportPeriod.unit_id == unit_id,
            ReportPeriod.year == year,
            ReportPeriod.kind == before,
            Answer.status == AnswerStatus.FINAL,
        )
    )
    return dict(rows.tuples().all())


def add_revision(actor, answer: Answer, action: str) -> AnswerRevision:
    """Keep the answer's current text as its next revision."""
    number = (
        db.session.scalar(
            select(func.max(AnswerRevision.number)).where(AnswerRevision.answer_id == answer.id)
        )
        or 0
    ) + 1
    revision = AnswerRevision(
        answer_id=answer.id,
        number=number,
        text=answer.text,
        status=answer.status,
        action=action,
        created_by_id=actor.id if actor is not None else None,
    )
    db.session.add(revision)
    return revision


def regenerate(actor, period: ReportPeriod) -> int:
    """Refresh every answer's draft from the evidence now; the officers' texts stay as they are."""
    answers = db.session.scalars(queries.answers_for(period.id)).unique().all()
    evidence = load_evidence(period, [a.question_id for a in answers])
    now = utcnow()
    changed = 0
    for answer in answers:
        draft = evidence.draft(answer.question_id, excluded_keys(answer))
        if draft != answer.draft:
            changed += 1
        # The draft is not the officer's text: this does not raise the answer's version.
        db.session.execute(
            Answer.__table__.update()
            .where(Answer.id == answer.id)
            .values(draft=draft, draft_generated_at=now)
        )
    db.session.expire_all()
    record(actor, "report.regenerate", period, changed=changed)
    return changed


def ensure_editable(period: ReportPeriod) -> None:
    if not period.is_editable:
        raise ReportError(_l("Rapporten är inlämnad. Öppna den igen för att ändra svaren."))


def save_answer(
    actor,
    answer: Answer,
    *,
    text: str,
    version: int,
    included: set[str],
    evidence: evidence_module.Evidence,
    final: bool,
    action: str = "edit",
) -> Answer:
    """Save the officer's text and evidence choices; refused when `version` is not the latest."""
    ensure_editable(answer.period)
    if version != answer.version:
        raise StaleAnswer(_l("Svaret har ändrats av någon annan sedan du öppnade det."))
    items = evidence.for_question(answer.question_id)
    set_choices(actor, answer, {i.key for i in items}, included)
    answer.text = text
    answer.status = AnswerStatus.FINAL if final else AnswerStatus.DRAFT
    answer.finalised_at = utcnow() if final else None
    answer.edited_at = utcnow()
    answer.edited_by_id = actor.id
    answer.evidence_seen = [i.fingerprint for i in items]
    answer.draft = evidence.draft(answer.question_id, excluded_keys(answer))
    answer.draft_generated_at = utcnow()
    try:
        db.session.flush()
    except StaleDataError as error:
        # Another request saved between our read and this write.
        raise StaleAnswer(_l("Svaret har ändrats av någon annan sedan du öppnade det.")) from error
    add_revision(actor, answer, action)
    answer.period.updated_at = utcnow()
    record(
        actor, f"answer.{action}", answer, unit_id=answer.period.unit_id, status=str(answer.status)
    )
    return answer


def set_choices(actor, answer: Answer, keys: set[str], included: set[str]) -> None:
    """Record include/leave out for each shown piece of evidence."""
    existing = {c.key: c for c in answer.choices}
    for key in sorted(keys):
        wanted = key in included
        choice = existing.get(key)
        if choice is None:
            answer.choices.append(EvidenceChoice(key=key, included=wanted, decided_by_id=actor.id))
        elif choice.included != wanted:
            choice.included = wanted
            choice.decided_at = utcnow()
            choice.decided_by_id = actor.id


def take_draft(actor, answer: Answer, version: int, fingerprints: list[str]) -> Answer:
    """Replace the officer's text with the current draft (kept as a revision, so nothing is lost)."""
    ensure_editable(answer.period)
    if version != answer.version:
        raise StaleAnswer(_l("Svaret har ändrats av någon annan sedan du öppnade det."))
    answer.text = answer.draft
    answer.status = AnswerStatus.DRAFT
    answer.finalised_at = None
    answer.edited_at = utcnow()
    answer.edited_by_id = actor.id
    # The officer took the draft with this evidence in front of them.
    answer.evidence_seen = fingerprints
    try:
        db.session.flush()
    except StaleDataError as error:
        raise StaleAnswer(_l("Svaret har ändrats av någon annan sedan du öppnade det.")) from error
    add_revision(actor, answer, "take_draft")
    record(actor, "answer.take_draft", answer, unit_id=answer.period.unit_id)
    return answer


def update_period(actor, period: ReportPeriod, **values) -> ReportPeriod:
    """Change the deadline and the contact person."""
    for key in ("deadline", "contact_name", "contact_phone", "contact_email"):
        setattr(period, key, values[key])
    period.updated_at = utcnow()
    db.session.flush()
    record(actor, "report.update", period, **{k: str(v) for k, v in values.items()})
    return period


def submit_period(actor, period: ReportPeriod) -> ReportPeriod:
    """Hand the report in: every answer becomes final and the period read-only."""
    ensure_editable(period)
    now = utcnow()
    for answer in db.session.scalars(queries.answers_for(period.id)).unique():
        if answer.status != AnswerStatus.FINAL:
            answer.status = AnswerStatus.FINAL
            answer.finalised_at = now
            db.session.flush()
            add_revision(actor, answer, "submit")
    period.status = PeriodStatus.SUBMITTED
    period.submitted_at = now
    period.submitted_by_id = actor.id if actor is not None else None
    period.updated_at = now
    db.session.flush()
    record(actor, "report.submit", period)
    return period


def reopen_period(actor, period: ReportPeriod, reason: str) -> ReportPeriod:
    """Open a submitted report again; the reason is kept and logged."""
    if period.status != PeriodStatus.SUBMITTED:
        raise ReportError(_l("Rapporten är inte inlämnad."))
    reason = reason.strip()
    if not reason:
        raise ReportError(_l("Skriv varför rapporten öppnas igen."))
    period.status = PeriodStatus.REOPENED
    period.reopen_reason = reason
    period.updated_at = utcnow()
    db.session.flush()
    record(actor, "report.reopen", period, reason=reason)
    return period


def save_question(actor, question: ReportQuestion | None, unit: Unit, year: int, **values):
    """Add a question to a unit's form for a year, or change one."""
    if question is None:
        last = db.session.scalar(
            select(func.max(ReportQuestion.position)).filter_by(unit_id=unit.id, year=year)
        )
        question = ReportQuestion(unit_id=unit.id, year=year, position=(last or 0) + 1)
        db.session.add(question)
    question.focus_area_id = values["focus_area_id"]
    question.text = values["text"].strip()
    db.session.flush()
    record(actor, "question.save", question, year=year)
    return question


def delete_question(actor, question: ReportQuestion) -> None:
    """Remove a question that no report has answered yet."""
    used = db.session.scalar(select(func.count(Answer.id)).filter_by(question_id=question.id))
    if used:
        raise ReportError(_l("Frågan har redan svar i en rapport och kan inte tas bort."))
    record(actor, "question.delete", question, text=question.text[:200])
    db.session.delete(question)
    db.session.flush()


def copy_questions(actor, unit: Unit, from_year: int, to_year: int) -> int:
    """Copy a year's questions to another year that has none yet."""
    if db.session.scalar(
        select(func.count(ReportQuestion.id)).filter_by(unit_id=unit.id, year=to_year)
    ):
        raise ReportError(_l("Året har redan frågor. Ta bort dem först eller ändra dem en och en."))
    source = db.session.scalars(queries.questions_for(unit.id, from_year)).all()
    if not source:
        raise ReportError(_l("Det finns inga frågor att kopiera från förra året."))
    for q in source:
        db.session.add(
            ReportQuestion(
                unit_id=unit.id,
                year=to_year,
                focus_area_id=q.focus_area_id,
                position=q.position,
                text=q.text,
            )
        )
    db.session.flush()
    record(actor, "question.copy", unit, unit_id=unit.id, from_year=from_year, to_year=to_year)
    return len(source)


def is_flagged(answer: Answer, fingerprints: list[str]) -> bool:
    """True when evidence arrived or changed after the officer's last edit."""
    if answer.edited_at is None:
        return False
    return bool(set(fingerprints) - set(answer.evidence_seen or ()))
