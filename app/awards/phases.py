"""The cycle's effective phase from its stored phase and its dates; no Flask, no database.

The award administrator moves a cycle between phases; the dates move it too:
an open call becomes screening when the window closes, and a decided cycle is
announced when the ceremony starts. Reads compute this; `flask awards advance`
stores it and logs the change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from app.awards.models import PHASE_ORDER, Phase
from app.core.formatting import to_local


def effective_phase(
    stored: Phase,
    close_at: datetime,
    ceremony_at: datetime | None,
    now: datetime,
) -> Phase:
    """The phase the cycle is in at `now`."""
    if stored == Phase.NOMINATIONS_OPEN and now >= close_at:
        return Phase.SCREENING
    if stored == Phase.DECIDED and ceremony_at is not None and now >= ceremony_at:
        return Phase.ANNOUNCED
    return stored


def may_show_winners(
    phase: Phase, ceremony_at: datetime | None, lifted_at: datetime | None, now: datetime
) -> bool:
    """The embargo, the one rule every reader follows: a decided cycle's winners are public
    once its ceremony has started as it will actually happen (`ceremony_at`, None while no
    ceremony is to be held), or once the award administrator lifted the embargo."""
    if not at_least(phase, Phase.DECIDED):
        return False
    if lifted_at is not None and now >= lifted_at:
        return True
    return ceremony_at is not None and now >= ceremony_at


def is_window_open(phase: Phase, open_at: datetime, close_at: datetime, now: datetime) -> bool:
    """Nominations are taken while the call is open and the dates allow it."""
    return phase == Phase.NOMINATIONS_OPEN and open_at <= now < close_at


def last_day(close: datetime) -> date:
    """The last day nominations are taken: the Stockholm day of the last moment before the
    close, which is exclusive. A close at midnight ends the day before it (the end of
    23 December is the first moment of the 24th); a close at 14.05 ends its own day."""
    return to_local(close - timedelta(microseconds=1)).date()


@dataclass(frozen=True)
class Deadline:
    """The call's one deadline, which every page, mail and document states."""

    opens_at: datetime
    #: The effective close (exclusive); None when a person closed the call early at a
    #: moment that was not recorded (a cycle closed before this was kept).
    closes_at: datetime | None
    #: Closed by a person before the planned close.
    early: bool
    #: "before", "open" or "closed".
    state: str

    @property
    def last_day(self) -> date | None:
        return last_day(self.closes_at) if self.closes_at is not None else None


def nomination_deadline(
    phase: Phase,
    open_at: datetime,
    close_at: datetime,
    closed_early_at: datetime | None,
    now: datetime,
) -> Deadline:
    """The call's deadline at `now` given the effective `phase`: the moment the administrator
    closed it if that came before the planned close, else the planned close."""
    early = closed_early_at is not None and closed_early_at < close_at
    close: datetime | None = closed_early_at if early else close_at
    if phase == Phase.NOMINATIONS_OPEN and now < open_at:
        state = "before"
    elif phase == Phase.NOMINATIONS_OPEN and now < close:
        state = "open"
    else:
        state = "closed"
        if not early and now < close_at and at_least(phase, Phase.SCREENING):
            early, close = True, None
    return Deadline(opens_at=open_at, closes_at=close, early=early, state=state)


def closes_early(stored: Phase, to: Phase, close_at: datetime, now: datetime) -> bool:
    """Would moving a cycle from `stored` to `to` now close its call before the planned close?"""
    return stored == Phase.NOMINATIONS_OPEN and to != Phase.NOMINATIONS_OPEN and now < close_at


def at_least(phase: Phase, other: Phase) -> bool:
    """True when `phase` comes at or after `other`."""
    return PHASE_ORDER.index(phase) >= PHASE_ORDER.index(other)


def next_phases(phase: Phase) -> list[Phase]:
    """Where the administrator may move a cycle: one step on, or one step back."""
    index = PHASE_ORDER.index(phase)
    steps = []
    if index + 1 < len(PHASE_ORDER):
        steps.append(PHASE_ORDER[index + 1])
    if index > 0:
        steps.append(PHASE_ORDER[index - 1])
    return steps
