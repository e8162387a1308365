"""What people do with the award: verbs that take the actor, flush, log, never commit."""

from __future__ import annotations

import difflib
import logging
from datetime import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.audit.services import record
from app.awards.models import (
    AwardCategory,
    AwardCycle,
    Candidate,
    ConflictDeclaration,
    Decision,
    JurorAssignment,
    Nomination,
    Phase,
    Score,
    Screening,
    ScreeningCheck,
)
from app.awards.permissions import can_administer
from app.awards.phases import (
    Deadline,
    at_least,
    closes_early,
    effective_phase,
    may_show_winners,
)
from app.awards.phases import nomination_deadline as _deadline
from app.events.models import EventStatus
from app.extensions import db

logger = logging.getLogger(__name__)

#: Names this alike (difflib ratio, case-folded, legal form removed) are suggested as duplicates.
SIMILAR_NAMES = 0.85


class AwardError(Exception):
    """A broken award rule; `status` is what the view answers (400, 403, 404, 409)."""

    def __init__(self, message: str, status: int = 409):
        super().__init__(message)
        self.status = status


class NeedsConfirmation(AwardError):
    """The change is allowed, but only once the person has confirmed its consequence."""

    def __init__(self, message: str):
        super().__init__(message, 400)


def ceremony_start(cycle: AwardCycle) -> datetime | None:
    """When the ceremony will actually start, or None while none is to be held.

    The ceremony is the linked event's first date as it stands now: moved if it was
    moved. A draft or cancelled event, a cancelled date or a deleted event is no ceremony,
    and the embargo holds until another is linked or the administrator lifts it.
    Reads `cycle.ceremony.occurrences`: load them with `queries.with_ceremony()`.
    """
    event = cycle.ceremony
    if event is None or event.status != EventStatus.PUBLISHED:
        return None
    for occurrence in event.occurrences:
        if occurrence.original_start == event.starts_at:
            return None if occurrence.is_cancelled else occurrence.starts_at
    return None


def phase_of(cycle: AwardCycle, now: datetime) -> Phase:
    """The cycle's phase at `now`, dates included."""
    if cycle.phase == Phase.DECIDED and winners_public(cycle, now):
        return Phase.ANNOUNCED
    return effective_phase(cycle.phase, cycle.nominations_close_at, None, now)


def is_decided(cycle: AwardCycle) -> bool:
    """A decided cycle (announced and archived too) is the jury's history: read, never
    changed. The dates never move a cycle into it, so the stored phase says it."""
    return at_least(cycle.phase, Phase.DECIDED)


def nomination_deadline(cycle: AwardCycle, now: datetime) -> Deadline:
    """The call's one deadline: the cycle page, the form, the home page, the administrator's
    page and the protocol all state this, in the words of `awards/_deadline.html`."""
    return _deadline(
        phase_of(cycle, now),
        cycle.nominations_open_at,
        cycle.nominations_close_at,
        cycle.nominations_closed_at,
        now,
    )


def early_close_preview(cycle: AwardCycle, now: datetime) -> Deadline | None:
    """The deadline the public will see if the administrator closes the call now; None when
    a phase change now would not close it early."""
    if not closes_early(cycle.phase, Phase.SCREENING, cycle.nominations_close_at, now):
        return None
    return _deadline(
        Phase.SCREENING, cycle.nominations_open_at, cycle.nominations_close_at, now, now
    )


def winners_public(cycle: AwardCycle, now: datetime) -> bool:
    """May the winners be shown now? Pages, feeds, report facts, drafts, exports and the
    city compilation all ask this, and only this."""
    return may_show_winners(cycle.phase, ceremony_start(cycle), cycle.embargo_lifted_at, now)


def embargo_moment(cycle: AwardCycle) -> datetime | None:
    """When the winners become public by the clock alone (for caches), if they will."""
    return cycle.embargo_lifted_at or ceremony_start(cycle)


def lift_embargo(actor, cycle: AwardCycle, reason: str, now: datetime) -> None:
    """Make a decided cycle's winners public without waiting for a ceremony; logged."""
    if cycle.phase not in (Phase.DECIDED, Phase.ANNOUNCED, Phase.ARCHIVED):
        raise AwardError(_l("Embargot gäller bara en avgjord omgång."), 409)
    if cycle.embargo_lifted_at is not None:
        raise AwardError(_l("Embargot är redan hävt."), 409)
    if not reason.strip():
        raise AwardError(_l("Skriv varför embargot hävs."), 400)
    cycle.embargo_lifted_at = now
    cycle.embargo_lift_reason = reason.strip()
    cycle.embargo_lifted_by_id = actor.id
    db.session.flush()
    record(actor, "awards.embargo_lifted", cycle, unit_id=cycle.unit_id, reason=reason.strip())


def ceremony_protected_by(event) -> AwardCycle | None:
    """A decided cycle whose winners wait for this event, if any."""
    return db.session.scalar(
        select(AwardCycle).where(
            AwardCycle.ceremony_event_id == event.id,
            AwardCycle.phase.in_((Phase.DECIDED, Phase.ANNOUNCED, Phase.ARCHIVED)),
        )
    )


def ceremony_guard(actor, event) -> str:
    """Why `actor` may not change when `event` happens: it is a decided cycle's ceremony,
    and moving it moves the winners' embargo, which is the award administrator's call."""
    cycle = ceremony_protected_by(event)
    if cycle is None or can_administer(actor, cycle.unit_id):
        return ""
    return _(
        "Evenemanget är prisutdelning för %(title)s och vinnarna offentliggörs när det "
        "börjar. Bara utmärkelsens administratör kan flytta det, ändra tiden eller ställa in det.",
        title=cycle.title,
    )


def submit_nomination(cycle: AwardCycle, category: AwardCategory, data: dict, now: datetime):
    """Store a public nomination and gather it into its company's candidate."""
    if nomination_deadline(cycle, now).state != "open":
        raise AwardError(_l("Nomineringen är stängd."), 409)
    if category.cycle_id != cycle.id:
        raise AwardError(_l("Kategorin finns inte i den här omgången."), 400)
    candidate = _candidate_for(category, data["org_number"])
    if candidate is None:
        # Two first nominations of one company at the same moment must not make two
        # candidates: the category's row is the lock, and the second looks again once the
        # first has committed. (SQLite writes one transaction at a time anyway.)
        db.session.execute(
            select(AwardCategory.id).where(AwardCategory.id == category.id).with_for_update()
        )
        candidate = _candidate_for(category, data["org_number"])
    if candidate is None:
        candidate = Candidate(
            cycle_id=cycle.id,
            category_id=category.id,
            company_name=data["company_name"],
            org_number=data["org_number"],
        )
        db.session.add(candidate)
        db.session.flush()
    nomination = Nomination(
        cycle_id=cycle.id,
        category_id=category.id,
        candidate_id=candidate.id,
        received_at=now,
        **data,
    )
    db.session.add(nomination)
    db.session.flush()
    record(
        None,
        "awards.nomination_received",
        nomination,
        unit_id=cycle.unit_id,
        category=category.name,
    )
    return nomination


def _candidate_for(category: AwardCategory, org_number: str) -> Candidate | None:
    """The company's candidate in the category, if it has been nominated there before."""
    return db.session.scalars(
        select(Candidate)
        .where(Candidate.category_id == category.id, Candidate.org_number == org_number)
        .order_by(Candidate.id)
        .limit(1)
    ).first()


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


def assign_juror(
    actor, category: AwardCategory, user, substitute_for_id: int | None = None
) -> JurorAssignment:
    """Put a juror (or a substitute) on a category."""
    exists = db.session.scalar(
        select(JurorAssignment).where(
            JurorAssignment.category_id == category.id, JurorAssignment.user_id == user.id
        )
    )
    if exists is not None:
        raise AwardError(_l("Juryledamoten är redan med i kategorin."), 409)
    if substitute_for_id is not None and not _is_assigned(category, substitute_for_id):
        # Only a juror of this category can be stood in for; any other id would record a
        # substitute for someone who never judged here (or for any account at all).
        raise AwardError(_l("Den som ersätts måste vara juryledamot i kategorin."), 400)
    assignment = JurorAssignment(
        category_id=category.id, user_id=user.id, substitute_for_id=substitute_for_id
    )
    db.session.add(assignment)
    db.session.flush()
    record(
        actor,
        "awards.juror_assigned",
        assignment,
        unit_id=category.cycle.unit_id,
        category=category.name,
        juror=user.email,
        substitute_for=substitute_for_id,
    )
    return assignment


def _is_assigned(category: AwardCategory, user_id: int) -> bool:
    return (
        db.session.scalar(
            select(JurorAssignment.id).where(
                JurorAssignment.category_id == category.id, JurorAssignment.user_id == user_id
            )
        )
        is not None
    )


def set_phase(
    actor,
    cycle: AwardCycle,
    phase: Phase,
    now: datetime,
    by: str = "person",
    confirmed_early_close: bool = False,
) -> None:
    """Move the cycle to `phase` and log who (or the clock) did it.

    Leaving an open call before its planned close closes it at once: the person must have
    confirmed that, and the moment is kept as the call's deadline. Opening the call again
    forgets it, so the call runs to its planned close.
    """
    before = cycle.phase if by == "clock" else phase_of(cycle, now)
    if phase == before:
        raise AwardError(_l("Omgången är redan i den fasen."), 409)
    early = closes_early(cycle.phase, phase, cycle.nominations_close_at, now)
    if early and not confirmed_early_close:
        raise NeedsConfirmation(
            _(
                "Kryssa i att du vill stänga nomineringen före sista dagen, "
                "eller vänta med att byta fas."
            )
        )
    if early:
        cycle.nominations_closed_at = now
    elif phase == Phase.NOMINATIONS_OPEN:
        cycle.nominations_closed_at = None
    cycle.phase = phase
    db.session.flush()
    details = {"before": str(before), "after": str(phase), "by": by}
    if early:
        details["closed_early"] = True
    record(actor, "awards.phase_changed", cycle, **details)


def advance_by_dates(now: datetime) -> list[tuple[AwardCycle, Phase, Phase]]:
    """Store the phase the dates give for every cycle whose stored phase lags; logged."""
    changes = []
    for cycle in db.session.scalars(select(AwardCycle).order_by(AwardCycle.id)):
        phase = phase_of(cycle, now)
        if phase != cycle.phase:
            changes.append((cycle, cycle.phase, phase))
            set_phase(None, cycle, phase, now, by="clock")
    return changes
