"""The award's verbs, split by audience: `nomination` (the public), `screening`, `setup`,
`jury` and `decisions`, with `common` holding their errors and the readings of a cycle's
state. Each verb takes the actor, flushes, logs and never commits.

Callers use `services.<verb>` whichever module holds it; the list below is the package's
whole public surface.
"""

from __future__ import annotations

from app.awards.services.common import (
    AwardError,
    NeedsConfirmation,
    ceremony_guard,
    ceremony_protected_by,
    ceremony_start,
    early_close_preview,
    embargo_moment,
    is_decided,
    nomination_deadline,
    phase_of,
    winners_public,
)
from app.awards.services.decisions import decide, lift_embargo, reopen_decision
from app.awards.services.jury import DECIDED, declare_conflict, save_score
from app.awards.services.nomination import submit_nomination
from app.awards.services.screening import (
    SIMILAR_NAMES,
    duplicate_pairs,
    merge_candidates,
    rule_conflict,
    screen_candidate,
    split_nomination,
)
from app.awards.services.setup import (
    SCORING_COLUMNS,
    add_category,
    add_criterion,
    advance_by_dates,
    assign_juror,
    category_values,
    create_cycle,
    criterion_values,
    cycle_values,
    delete_category,
    delete_criterion,
    local_midnight,
    remove_juror,
    set_phase,
    update_category,
    update_criterion,
    update_cycle,
)

__all__ = [
    "AwardError",
    "NeedsConfirmation",
    "ceremony_start",
    "phase_of",
    "is_decided",
    "nomination_deadline",
    "early_close_preview",
    "winners_public",
    "embargo_moment",
    "ceremony_protected_by",
    "ceremony_guard",
    "submit_nomination",
    "SIMILAR_NAMES",
    "duplicate_pairs",
    "merge_candidates",
    "split_nomination",
    "screen_candidate",
    "rule_conflict",
    "assign_juror",
    "set_phase",
    "advance_by_dates",
    "local_midnight",
    "cycle_values",
    "category_values",
    "criterion_values",
    "create_cycle",
    "update_cycle",
    "add_category",
    "add_criterion",
    "update_category",
    "delete_category",
    "SCORING_COLUMNS",
    "update_criterion",
    "delete_criterion",
    "remove_juror",
    "DECIDED",
    "declare_conflict",
    "save_score",
    "decide",
    "reopen_decision",
    "lift_embargo",
]
