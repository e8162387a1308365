"""RFC 5545 recurrence rules expanded in Stockholm wall-clock time; pure, no Flask.

A weekly 08:00 breakfast stays at 08:00 across daylight-saving changes because the
rule is expanded over naive local times and each date is localised afterwards.
Only bounded rules (UNTIL or COUNT) are accepted: a feed must be finite.

A rule must also be cheap to expand. dateutil searches for the next date until it finds
one or reaches year 9999, so a rule whose dates never exist (30 February, the 366th day of
a one-day period) costs half a minute. `parse_rule` refuses the rules that are empty for a
reason it can name, `expand` refuses a rule that gives no date, and whatever else runs
away is stopped by a wall-clock ceiling (`app.core.deadline`).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from dateutil import rrule as du

from app.core import deadline, window
from app.core.swedish import STOCKHOLM

#: No series in Torget has more dates than this (a daily rule for almost three years).
MAX_OCCURRENCES = 1000
#: Wall-clock seconds one rule may take to expand; a sane rule takes milliseconds.
EXPANSION_SECONDS = 1.0
#: The longest a month can be, by month (February in a leap year).
MONTH_LENGTHS = {
    1: 31,
    2: 29,
    3: 31,
    4: 30,
    5: 31,
    6: 30,
    7: 31,
    8: 31,
    9: 30,
    10: 31,
    11: 30,
    12: 31,
}

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
    _check_ordinals(parts)
    _check_month_days(parts)
    _check_set_positions(parts)


def _ordinal(value: str) -> int:
    """The number of a BYDAY value ("2MO" -> 2, "-1SU" -> -1, "MO" -> 0)."""
    return int(value[:-2]) if value[:-2] else 0


def _check_ordinals(parts: dict[str, str]) -> None:
    """A numbered weekday (2MO) belongs to a month or a year (RFC 5545 3.3.10)."""
    numbered = [v for v in _list(parts, "BYDAY") if _ordinal(v)]
    if not numbered:
        return
    if parts["FREQ"] not in ("MONTHLY", "YEARLY"):
        raise RecurrenceError("En numrerad veckodag (t.ex. 2MO) kräver FREQ=MONTHLY eller YEARLY.")
    highest = 53 if parts["FREQ"] == "YEARLY" and "BYMONTH" not in parts else 5
    for value in numbered:
        if abs(_ordinal(value)) > highest:
            raise RecurrenceError(f"BYDAY={value}: det finns högst {highest} sådana dagar.")


def _months(parts: dict[str, str]) -> list[int]:
    return [int(v) for v in _list(parts, "BYMONTH")] or list(range(1, 13))


def _check_month_days(parts: dict[str, str]) -> None:
    """BYMONTHDAY must name a day that exists in one of the months, and agree with a
    numbered weekday if there is one; otherwise the rule never gives a date."""
    days = [int(v) for v in _list(parts, "BYMONTHDAY")]
    if not days:
        return
    lengths = {length for m in _months(parts) for length in _lengths(m)}
    if not any(abs(d) <= length for d in days for length in lengths):
        raise RecurrenceError("Datumen i regeln finns inte (till exempel den 30 februari).")
    numbered = [_ordinal(v) for v in _list(parts, "BYDAY") if _ordinal(v)]
    # A numbered weekday counts within the month (MONTHLY, or YEARLY with BYMONTH).
    within_month = parts["FREQ"] == "MONTHLY" or "BYMONTH" in parts
    if (
        numbered
        and within_month
        and not any(
            _nth_weekday_can_fall_on(n, d, length)
            for n in numbered
            for d in days
            for length in lengths
        )
    ):
        raise RecurrenceError("Veckodagen och datumet i regeln sammanfaller aldrig.")


def _lengths(month: int) -> tuple[int, ...]:
    return (28, 29) if month == 2 else (MONTH_LENGTHS[month],)


def _nth_weekday_can_fall_on(n: int, monthday: int, length: int) -> bool:
    """Whether the n:th weekday of a month of `length` days can be day `monthday`."""
    day = monthday if monthday > 0 else length + monthday + 1
    if not 1 <= day <= length:
        return False
    from_start, from_end = (day - 1) // 7 + 1, (length - day) // 7 + 1
    return from_start == n if n > 0 else from_end == -n


def _set_size(parts: dict[str, str]) -> int:
    """The most dates one period of the rule can hold, for BYSETPOS to choose among."""
    days = len(_list(parts, "BYMONTHDAY"))
    weekdays = sum(1 if _ordinal(v) else 5 for v in _list(parts, "BYDAY"))
    months = len(_list(parts, "BYMONTH"))
    freq = parts["FREQ"]
    if freq == "DAILY":
        return 1
    if freq == "WEEKLY":
        return len(_list(parts, "BYDAY")) or 1
    if freq == "MONTHLY":
        return days or weekdays or 1
    if days:
        return days * (months or 12)
    if weekdays:
        plain = sum(1 for v in _list(parts, "BYDAY") if not _ordinal(v))
        per_month = weekdays if months else weekdays - 5 * plain + 53 * plain
        return per_month * (months or 1)
    return months or 1


def _check_set_positions(parts: dict[str, str]) -> None:
    size = _set_size(parts)
    for value in _list(parts, "BYSETPOS"):
        if abs(int(value)) > size:
            raise RecurrenceError(
                f"BYSETPOS={value} väljer bland högst {size} datum per period och ger inga datum."
            )


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
            until = datetime.strptime(value, "%Y%m%d").replace(hour=23, minute=59, second=59)
        else:
            until = datetime.strptime(value.removesuffix("Z"), "%Y%m%dT%H%M%S")
    except ValueError:
        raise RecurrenceError(f"UNTIL={value} är inget giltigt datum (ÅÅÅÅMMDD).") from None
    if not window.contains(until):  # before converting: year 9999 in UTC overflows locally
        raise RecurrenceError(f"UNTIL={value}: datumet måste ligga {window.IN_WORDS}.")
    if value.endswith("Z"):
        until = until.replace(tzinfo=UTC).astimezone(tz).replace(tzinfo=None)
    return until


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
    Raises RecurrenceError for a rule that gives no date, takes too long to work out,
    or reaches outside Torget's years.
    """
    if not window.contains(first_start):
        raise RecurrenceError(f"Seriens start måste ligga {window.IN_WORDS}.")
    starts = {first_start.astimezone(UTC)}
    if rule:
        parts = parse_rule(rule)
        local_start = first_start.astimezone(tz).replace(tzinfo=None)
        try:
            found = deadline.within(EXPANSION_SECONDS, _local_dates, parts, local_start, tz, limit)
        except deadline.Overrun:
            raise RecurrenceError("Regeln tar för lång tid att räkna ut. Förenkla den.") from None
        if not found:
            raise RecurrenceError("Regeln ger inga datum.")
        starts.update(localise(local, tz) for local in found)
    starts.update(d.astimezone(UTC) for d in rdates)
    if len(starts) > limit:
        raise RecurrenceError(f"Serien får högst {limit} datum.")
    if not all(window.contains(start) for start in starts):
        raise RecurrenceError(f"Seriens datum måste ligga {window.IN_WORDS}.")
    return sorted(starts)


def _local_dates(parts: dict[str, str], local_start: datetime, tz: ZoneInfo, limit: int):
    rule = _rrule(parts, local_start, tz)
    return list(rule.xafter(local_start, count=limit + 1, inc=True))


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
