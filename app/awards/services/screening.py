"""Screening the nominations: duplicates merged or split, the general criteria checked,
and jäv ruled on before the jury sees a candidate."""

from __future__ import annotations

import difflib
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.audit.services import record
from app.awards.models import (
    Candidate,
    ConflictDeclaration,
    ConflictRuling,
    Decision,
    Nomination,
    Score,
    Screening,
    ScreeningCheck,
)
from app.awards.services.common import AwardError
from app.extensions import db

#: Names this alike (difflib ratio, case-folded, legal form removed) are suggested as duplicates.
SIMILAR_NAMES = 0.85


def _name_key(name: str) -> str:
    words = name.casefold().replace(".", " ").split()
    return " ".join(w for w in words if w not in {"ab", "hb", "kb", "aktiebolag", "i"})


def duplicate_pairs(candidates: list[Candidate]) -> list[tuple[Candidate, Candidate, str]]:
    """Pairs in one category that look like the same company: same number or similar names."""
    pairs = []
    for index, a in enumerate(candidates):
        for b in candidates[index + 1 :]:
            if a.category_id != b.category_id:
                continue
            if a.org_number == b.org_number:
                pairs.append((a, b, "org_number"))
            elif (
                difflib.SequenceMatcher(
                    None, _name_key(a.company_name), _name_key(b.company_name)
                ).ratio()
                >= SIMILAR_NAMES
            ):
                pairs.append((a, b, "name"))
    return pairs


def _has_jury_work(candidate: Candidate) -> bool:
    for model in (Score, ConflictDeclaration, Decision):
        if db.session.scalar(select(model.id).where(model.candidate_id == candidate.id).limit(1)):
            return True
    return False


def merge_candidates(actor, target: Candidate, source: Candidate) -> Candidate:
    """Move `source`'s nominations into `target` and remove `source`."""
    if target.id == source.id or target.category_id != source.category_id:
        raise AwardError(_l("Bara två olika kandidater i samma kategori kan slås ihop."), 400)
    if _has_jury_work(source):
        raise AwardError(_l("Kandidaten har redan bedömts av juryn och kan inte slås ihop."), 409)
    moved = [n.id for n in source.nominations]
    for nomination in list(source.nominations):
        nomination.candidate = target
    record(
        actor,
        "awards.candidates_merged",
        target,
        unit_id=target.category.cycle.unit_id,
        merged_id=source.id,
        nominations=moved,
    )
    db.session.delete(source)
    db.session.flush()
    return target


def split_nomination(actor, nomination: Nomination) -> Candidate:
    """Give a nomination its own candidate again."""
    candidate = nomination.candidate
    if len(candidate.nominations) < 2:
        raise AwardError(_l("Nomineringen är redan en egen kandidat."), 409)
    if _has_jury_work(candidate):
        raise AwardError(_l("Kandidaten har redan bedömts av juryn och kan inte delas."), 409)
    new = Candidate(
        cycle_id=candidate.cycle_id,
        category_id=candidate.category_id,
        company_name=nomination.company_name,
        org_number=nomination.org_number,
    )
    db.session.add(new)
    db.session.flush()
    nomination.candidate_id = new.id
    db.session.flush()
    db.session.expire(candidate, ["nominations"])
    record(
        actor,
        "awards.nomination_split",
        new,
        unit_id=new.category.cycle.unit_id,
        nomination_id=nomination.id,
        from_candidate=candidate.id,
    )
    return new


def screen_candidate(
    actor,
    candidate: Candidate,
    checks: dict[int, tuple[bool, str]],
    eligible: bool,
    reason: str,
    now: datetime,
) -> Screening:
    """Record each general criterion's check and whether the candidate is eligible."""
    if not eligible and not reason.strip():
        raise AwardError(_l("Skriv varför kandidaten inte uppfyller kriterierna."), 400)
    screening = candidate.screening or Screening(candidate_id=candidate.id)
    screening.eligible, screening.reason = eligible, reason.strip()
    screening.screened_by_id, screening.screened_at = actor.id, now
    db.session.add(screening)
    db.session.flush()
    existing = {check.criterion_id: check for check in screening.checks}
    for criterion_id, (met, note) in checks.items():
        check = existing.get(criterion_id) or ScreeningCheck(
            screening_id=screening.id, criterion_id=criterion_id
        )
        check.met, check.note = met, note
        db.session.add(check)
    db.session.flush()
    record(
        actor,
        "awards.candidate_screened",
        candidate,
        unit_id=candidate.category.cycle.unit_id,
        eligible=eligible,
        reason=reason,
        checks={str(k): v[0] for k, v in checks.items()},
    )
    return screening


def rule_conflict(
    actor, declaration: ConflictDeclaration, confirmed: bool, note: str, now: datetime
) -> None:
    """The administrator's decision on a declared conflict."""
    if not declaration.has_conflict:
        raise AwardError(_l("Det finns inget anmält jäv att pröva."), 409)
    declaration.ruling = ConflictRuling.CONFIRMED if confirmed else ConflictRuling.REJECTED
    declaration.ruling_note, declaration.ruled_by_id, declaration.ruled_at = (
        note.strip(),
        actor.id,
        now,
    )
    db.session.flush()
    record(
        actor,
        "awards.conflict_ruled",
        declaration,
        unit_id=declaration.candidate.category.cycle.unit_id,
        ruling=str(declaration.ruling),
        note=note,
    )
