"""The cycle's effective phase from its stored phase and its dates; no Flask, no database.

The award administrator moves a cycle between phases; the dates move it too:
an open call becomes screening when the window closes, and a decided cycle is
announced when the ceremony starts. Reads compute this; `flask awards advance`
stores it and logs the change.
"""

from __future__ import annotations

from datetime import datetime

from app.awards.models import PHASE_ORDER, Phase


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
