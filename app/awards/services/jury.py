"""The juror's work: the declaration of jäv, then a score per criterion."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.audit.services import record
from app.awards import permissions
from app.awards.models import (
    Candidate,
    ConflictDeclaration,
    ConflictGround,
    ConflictRuling,
    Criterion,
    Phase,
    Score,
)
from app.awards.services.common import AwardError, is_decided, phase_of
from app.extensions import db

#: Why nothing of a decided cycle's jury work changes any more.
DECIDED = "Omgången är avgjord. Juryarbetet går att läsa men inte ändra."


def declare_conflict(
    juror,
    candidate: Candidate,
    has_conflict: bool,
    ground: ConflictGround | None,
    note: str,
    now: datetime,
) -> ConflictDeclaration:
    """A juror's declaration on a candidate, made once (changes go through the administrator)."""
    if is_decided(candidate.category.cycle):
        raise AwardError(DECIDED, 409)
    if has_conflict and ground is None:
        raise AwardError(_l("Välj vilken jävsgrund som gäller."), 400)
    exists = db.session.scalar(
        select(ConflictDeclaration).where(
            ConflictDeclaration.candidate_id == candidate.id,
            ConflictDeclaration.juror_id == juror.id,
        )
    )
    if exists is not None:
        raise AwardError(_l("Du har redan lämnat en jävsdeklaration för kandidaten."), 409)
    declaration = ConflictDeclaration(
        candidate_id=candidate.id,
        juror_id=juror.id,
        has_conflict=has_conflict,
        ground=ground if has_conflict else None,
        note=note.strip(),
        declared_at=now,
        ruling=ConflictRuling.PENDING if has_conflict else None,
    )
    db.session.add(declaration)
    db.session.flush()
    record(
        juror,
        "awards.conflict_declared",
        declaration,
        unit_id=candidate.category.cycle.unit_id,
        has_conflict=has_conflict,
        ground=str(ground or ""),
    )
    return declaration


def _insert_for(dialect: str):
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert


def _upsert_score(juror_id, candidate_id, criterion_id, value, comment, now) -> None:
    """INSERT … ON CONFLICT DO UPDATE on the unique (juror, candidate, criterion)."""
    insert = _insert_for(db.session.get_bind().dialect.name)
    statement = insert(Score).values(
        juror_id=juror_id,
        candidate_id=candidate_id,
        criterion_id=criterion_id,
        value=value,
        comment=comment,
        updated_at=now,
    )
    excluded = statement.excluded
    db.session.execute(
        statement.on_conflict_do_update(
            index_elements=["juror_id", "candidate_id", "criterion_id"],
            set_={"value": excluded.value, "comment": excluded.comment, "updated_at": now},
        )
    )


def save_score(
    juror,
    candidate: Candidate,
    criterion: Criterion,
    value: int,
    comment: str,
    now: datetime,
    declaration: ConflictDeclaration | None,
) -> None:
    """Save one score; the same score saved twice at once still leaves one row."""
    cycle = candidate.category.cycle
    if is_decided(cycle):
        raise AwardError(DECIDED, 409)
    if phase_of(cycle, now) != Phase.JUDGING or (
        cycle.judging_deadline_at and now >= cycle.judging_deadline_at
    ):
        raise AwardError(_l("Bedömningen är stängd."), 409)
    if not permissions.is_cleared(declaration):
        raise AwardError(
            _l(
                "Du kan inte bedöma kandidaten: jäv är anmält eller ingen jävsdeklaration är lämnad."
            ),
            403,
        )
    if not criterion.scale_min <= value <= criterion.scale_max:
        raise AwardError(
            _l(
                "Poängen ska vara mellan %(low)s och %(high)s.",
                low=criterion.scale_min,
                high=criterion.scale_max,
            ),
            400,
        )
    _upsert_score(juror.id, candidate.id, criterion.id, value, comment, now)
    record(
        juror,
        "awards.score_saved",
        candidate,
        unit_id=cycle.unit_id,
        criterion=criterion.id,
        value=value,
    )
