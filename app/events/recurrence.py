"""RFC 5545 recurrence rules expanded in Stockholm wall-clock time; pure, no Flask.

A weekly 08:00 breakfast stays at 08:00 across daylight-saving changes because the
rule is expanded over naive local times and each date is localised afterwards.
Only bounded rules (UNTIL or COUNT) are accepted: a feed must be finite.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from dateutil import rrule as du

STOCKHOLM = ZoneInfo("Europe/Stockholm")
#: No series in Torget has more dates than this (a daily rule for almost three years).
MAX_OCCURRENCES = 1000

FREQUENCIES = {"DAILY": du.DAILY, "WEEKLY": du.WEEKLY, "MONTHLY": du.MONTHLY, "YEARLY": du.YEARLY}
WEEKDAYS = {
    "MO": du.MO,
    "TU": du.TU,
    "WE": du.WE,
    "TH": du.TH,
    "FR": du.FR,
    "SA": du.SA,
    "SU": du.SU,
}
SUPPORTED = {
    "FREQ",
    "INTERVAL",
    "BYDAY",
    "BYMONTHDAY",
    "BYMONTH",
    "BYSETPOS",
    "UNTIL",
    "COUNT",
    "WKST",
}


class RecurrenceError(ValueError):
    """The rule cannot be used; the message says why, in Swedish."""


def parse_rule(text: str) -> dict[str, str]:
    """The rule's parts, upper-cased and checked; raises RecurrenceError."""
    body = (text or "").strip()
    if body.upper().startswith("RRULE:"):
        body = body[6:]
    if not body:
        raise RecurrenceError("Regeln är tom.")
    if len(body) > 400 or any(c in body for c in "\r\n\x00"):
        raise RecurrenceError("Regeln är för lång eller innehåller otillåtna tecken.")
    parts: dict[str, str] = {}
    for piece in body.split(";"):
        key, sep, value = piece.partition("=")
        key, value = key.strip().upper(), value.strip().upper()
        if not sep or not key or not value:
            raise RecurrenceError(f"Delen ”{piece}” är inte på formen NAMN=VÄRDE.")
        if key not in SUPPORTED:
            raise RecurrenceError(f"{key} stöds inte i en upprepningsregel här.")
        if key in parts:
            raise RecurrenceError(f"{key} förekommer två gånger.")
        parts[key] = value
    _check(parts)
    return parts


def _check(parts: dict[str, str]) -> None:
    if parts.get("FREQ") not in FREQUENCIES:
        raise RecurrenceError("FREQ måste vara DAILY, WEEKLY, MONTHLY eller YEARLY.")
    if "UNTIL" not in parts and "COUNT" not in parts:
        raise RecurrenceError(
            "Regeln saknar slut: ange UNTIL (sista datum) eller COUNT (antal gånger)."
        )
    if "UNTIL" in parts and "COUNT" in parts:
        raise RecurrenceError("Ange antingen UNTIL eller COUNT, inte båda.")
    _positive(parts, "INTERVAL", 1, 366)
    _positive(parts, "COUNT", 1, MAX_OCCURRENCES)
    if "UNTIL" in parts:
        parse_until(parts["UNTIL"])
    for day in _list(parts, "BYDAY"):
        if _byday(day) is None:
            raise RecurrenceError(
                f"BYDAY-värdet {day} är ingen veckodag (MO, TU, WE, TH, FR, SA, SU)."
            )
    for name, low, high in (("BYMONTHDAY", -31, 31), ("BYMONTH", 1, 12), ("BYSETPOS", -366, 366)):
        for value in _list(parts, name):
            if not _is_int(value) or not low <= int(value) <= high or int(value) == 0:
                raise RecurrenceError(f"{name}={value} är inte tillåtet.")
    if "WKST" in parts and parts["WKST"] not in WEEKDAYS:
        raise RecurrenceError("WKST måste vara en veckodag.")


def _positive(parts: dict[str, str], name: str, low: int, high: int) -> None:
    if name in parts and (not _is_int(parts[name]) or not low <= int(parts[name]) <= high):
        raise RecurrenceError(f"{name} måste vara ett heltal mellan {low} och {high}.")


def _is_int(value: str) -> bool:
    return value.lstrip("+-").isdigit() and len(value) <= 6


def _list(parts: dict[str, str], name: str) -> list[str]:
    return [v for v in parts.get(name, "").split(",") if v] if name in parts else []


def _byday(value: str):
    code, number = value[-2:], value[:-2]
    if code not in WEEKDAYS or (
        number and (not _is_int(number) or not 1 <= abs(int(number)) <= 53)
    ):
        return None
    return WEEKDAYS[code](int(number)) if number else WEEKDAYS[code]


def parse_until(value: str, tz: ZoneInfo = STOCKHOLM) -> datetime:
    """UNTIL as naive local wall-clock time (a date means the end of that day)."""
    try:
        if len(value) == 8:
            day = datetime.strptime(value, "%Y%m%d")
            return day.replace(hour=23, minute=59, second=59)
        if value.endswith("Z"):
            moment = datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
            return moment.astimezone(tz).replace(tzinfo=None)
        return datetime.strptime(value, "%Y%m%dT%H%M%S")
    except ValueError:
        raise RecurrenceError(f"UNTIL={value} är inget giltigt datum (ÅÅÅÅMMDD).") from None


def normalise_rule(text: str) -> str:
    """The rule in canonical form (upper case, fixed key order), after checking it."""
    parts = parse_rule(text)
    order = [
        "FREQ",
        "INTERVAL",
        "BYMONTH",
        "BYMONTHDAY",
        "BYDAY",
        "BYSETPOS",
        "WKST",
        "UNTIL",
        "COUNT",
    ]
    return ";".join(f"{key}={parts[key]}" for key in order if key in parts)


def localise(local: datetime, tz: ZoneInfo = STOCKHOLM) -> datetime:
    """A naive wall-clock time in `tz` as an aware UTC datetime.

    A time that does not exist (the hour skipped in spring) moves forward by the gap;
    an ambiguous time (the hour repeated in autumn) is read as the first, summer time.
    """
    aware = local.replace(tzinfo=tz, fold=0)
    return aware.astimezone(UTC)


def expand(
    rule: str | None,
    first_start: datetime,
    tz: ZoneInfo = STOCKHOLM,
    rdates: tuple[datetime, ...] | list[datetime] = (),
    limit: int = MAX_OCCURRENCES,
) -> list[datetime]:
    """Every start of the series, UTC, sorted; the first start always included.

    `first_start` is an aware datetime; the rule repeats its local wall-clock time.
    """
    starts = {first_start.astimezone(UTC)}
    if rule:
        parts = parse_rule(rule)
        local_start = first_start.astimezone(tz).replace(tzinfo=None)
        for local in _rrule(parts, local_start, tz).xafter(local_start, count=limit + 1, inc=True):
            starts.add(localise(local, tz))
    starts.update(d.astimezone(UTC) for d in rdates)
    if len(starts) > limit:
        raise RecurrenceError(f"Serien får högst {limit} datum.")
    return sorted(starts)


def _rrule(parts: dict[str, str], local_start: datetime, tz: ZoneInfo) -> du.rrule:
    byday = [_byday(d) for d in _list(parts, "BYDAY")] or None
    return du.rrule(
        FREQUENCIES[parts["FREQ"]],
        dtstart=local_start,
        interval=int(parts.get("INTERVAL", 1)),
        wkst=WEEKDAYS[parts["WKST"]] if "WKST" in parts else du.MO,
        count=int(parts["COUNT"]) if "COUNT" in parts else None,
        until=parse_until(parts["UNTIL"], tz) if "UNTIL" in parts else None,
        byweekday=byday,
        bymonthday=[int(v) for v in _list(parts, "BYMONTHDAY")] or None,
        bymonth=[int(v) for v in _list(parts, "BYMONTH")] or None,
        bysetpos=[int(v) for v in _list(parts, "BYSETPOS")] or None,
        cache=False,
    )


def with_until(rule: str, last_day: date) -> str:
    """The rule ended after `last_day` (ending a series early); COUNT is replaced by UNTIL."""
    parts = parse_rule(rule)
    parts.pop("COUNT", None)
    parts["UNTIL"] = last_day.strftime("%Y%m%d")
    return normalise_rule(";".join(f"{k}={v}" for k, v in parts.items()))


def local_day_bounds(day: date, tz: ZoneInfo = STOCKHOLM) -> tuple[datetime, datetime]:
    """The UTC start and (exclusive) end of a local calendar day."""
    start = datetime(day.year, day.month, day.day)
    return localise(start, tz), localise(start + timedelta(days=1), tz)
