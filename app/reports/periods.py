"""Report period boundaries: T1, T2 and VB are cumulative from 1 January; pure, no Flask."""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime, time, timedelta

from app.core.swedish import STOCKHOLM


class PeriodKind(enum.StrEnum):
    T1 = "t1"  #: tertial 1: 1 January–30 April
    T2 = "t2"  #: tertial 2: 1 January–31 August
    VB = "vb"  #: verksamhetsberättelse: the whole year


#: The last month each period covers.
LAST_MONTH = {PeriodKind.T1: 4, PeriodKind.T2: 8, PeriodKind.VB: 12}
#: The period whose final answers a new period starts from.
PREVIOUS = {PeriodKind.T2: PeriodKind.T1, PeriodKind.VB: PeriodKind.T2}
LABELS = {PeriodKind.T1: "T1", PeriodKind.T2: "T2", PeriodKind.VB: "VB"}


def parse_kind(value: str) -> PeriodKind | None:
    """The period kind named in a URL ("t1", "t2", "vb"), or None."""
    try:
        return PeriodKind(value.lower())
    except (ValueError, AttributeError):
        return None


def local_bounds(year: int, kind: PeriodKind) -> tuple[date, date]:
    """First and last day of the period (inclusive), Stockholm local dates."""
    last_month = LAST_MONTH[kind]
    next_month = date(year + 1, 1, 1) if last_month == 12 else date(year, last_month + 1, 1)
    return date(year, 1, 1), next_month - timedelta(days=1)


def utc_bounds(year: int, kind: PeriodKind) -> tuple[datetime, datetime]:
    """The period as a half-open UTC interval [start, end) of local midnights."""
    first, last = local_bounds(year, kind)
    start = datetime.combine(first, time(0), tzinfo=STOCKHOLM)
    end = datetime.combine(last + timedelta(days=1), time(0), tzinfo=STOCKHOLM)
    return start.astimezone(UTC), end.astimezone(UTC)


def contains(year: int, kind: PeriodKind, moment: datetime) -> bool:
    """True when the aware `moment` falls inside the period in Stockholm time."""
    start, end = utc_bounds(year, kind)
    return start <= moment < end
