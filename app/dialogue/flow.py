"""How a need moves from raised to closed; pure, no Flask, no database.

ny → lotsad → besvarad → återkopplad → stängd. A need moves forward only, and may skip
steps (a question answered on the spot is answered the day it was raised); each step passed
gets its date once, the day given, and keeps it. A need not yet fed back is overdue when it
was raised more than the allowed days ago.
"""

from __future__ import annotations

import enum
import statistics
from collections.abc import Iterable
from datetime import date


class NeedStatus(enum.StrEnum):
    NEW = "new"
    ROUTED = "routed"
    ANSWERED = "answered"
    FED_BACK = "fed_back"
    CLOSED = "closed"


ORDER = tuple(NeedStatus)
#: The column holding the day each step was reached.
STEP_DATES = {
    NeedStatus.ROUTED: "routed_on",
    NeedStatus.ANSWERED: "answered_on",
    NeedStatus.FED_BACK: "fed_back_on",
    NeedStatus.CLOSED: "closed_on",
}
#: Steps at which the business has not yet heard back.
WAITING = frozenset({NeedStatus.NEW, NeedStatus.ROUTED, NeedStatus.ANSWERED})
#: Days within which a business should hear back, unless the app is configured otherwise.
FEEDBACK_DAYS = 30


def may_move(current: NeedStatus, target: NeedStatus) -> bool:
    """Forward only, skipping allowed; staying where it is is no move."""
    return ORDER.index(target) > ORDER.index(current)


def step_dates(current: NeedStatus, target: NeedStatus, on: date, known: dict) -> dict:
    """The step dates to set when moving `current` → `target` on `on`: every step passed,
    unless `known` (column → date) already has it."""
    passed = ORDER[ORDER.index(current) + 1 : ORDER.index(target) + 1]
    return {STEP_DATES[step]: on for step in passed if known.get(STEP_DATES[step]) is None}


def is_overdue(status: NeedStatus, raised_on: date, today: date, days: int = FEEDBACK_DAYS) -> bool:
    return status in WAITING and (today - raised_on).days > days


def median_days(pairs: Iterable[tuple[date, date | None]]) -> float | None:
    """The median of days from raised to fed back, over the needs that were fed back."""
    days = [(done - raised).days for raised, done in pairs if done is not None]
    return statistics.median(days) if days else None
