"""Reading partners' .ics files into plain records; pure, no Flask or database.

A file either reads whole or is refused with one Swedish line (`UnreadableCalendar`):
not iCalendar, broken lines, unreadable dates, too large, too many events. Single events
that Torget cannot represent faithfully are skipped with one line saying why instead of
guessed: no start, a private event, a date outside 1900–2200, a rule that is unbounded,
gives no date or takes too long to work out, a series whose time zone changes to summer
time on other days than Sweden's, RDATE periods. A series' moved dates are told on the
series' own line.

What RFC 5545 allows is read as calendar programs read it: an all-day event whose DTEND
equals its DTSTART, or that has no DTEND or DURATION, lasts one day; a timed event
without either ends when it starts (§3.6.1); an event without SUMMARY gets a placeholder
title the organiser sees flagged.

Expanding rules is bounded per rule (`recurrence.EXPANSION_SECONDS`) and per file
(`IMPORT_SECONDS`): once a file has used its time, its remaining series are refused.

Times: a TZID is read by `icalendar`, which knows IANA names, Outlook's Windows
names ("W. Europe Standard Time") and the file's own VTIMEZONE blocks; floating
times are read in the calendar's X-WR-TIMEZONE, else in Stockholm time; all-day
dates start at Stockholm midnight.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar

from app.core import window
from app.core.markup import without_control
from app.core.swedish import STOCKHOLM
from app.events import titles
from app.events.recurrence import RecurrenceError, expand, normalise_rule
from app.feeds.ical import KIND_LABELS

MAX_BYTES = 2 * 1024 * 1024
MAX_EVENTS = 2000
#: Wall-clock seconds one file may spend working out its series' dates.
IMPORT_SECONDS = 20.0
UTC_ZONE = ZoneInfo("UTC")
#: The title of an event that came without one (SUMMARY is optional in RFC 5545).
UNTITLED = titles.UNTITLED
_KINDS = {label.lower(): kind for kind, label in KIND_LABELS.items()}


class UnreadableCalendar(ValueError):
    """The whole file is refused; the message is one Swedish line."""


class Skip(Exception):
    """One event is left out; the message says why."""


@dataclass
class ImportedChange:
    original_start: datetime
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    is_cancelled: bool = False
    location: str = ""


@dataclass
class ImportedEvent:
    uid: str
    title: str
    starts_at: datetime
    ends_at: datetime
    all_day: bool = False
    description: str = ""
    location: str = ""
    rrule: str | None = None
    rdates: list[datetime] = field(default_factory=list)
    cancelled: bool = False
    kind: str = "other"
    changes: list[ImportedChange] = field(default_factory=list)
    #: The file gave no SUMMARY; the title is `UNTITLED`.
    untitled: bool = False


@dataclass
class Skipped:
    uid: str
    title: str
    reason: str


@dataclass
class ParsedCalendar:
    events: list[ImportedEvent] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


class Budget:
    """The time a file has left for working out its series' dates."""

    def __init__(self, seconds: float = IMPORT_SECONDS):
        self.left = seconds

    def expand(self, *args, **kwargs) -> list[datetime]:
        """`recurrence.expand`, counted against the file's time; Skip once it is used up."""
        if self.left <= 0:
            raise Skip(
                "filen har redan använt sin tid för upprepningsregler; importera resten "
                "av serierna i en egen fil"
            )
        started = time.perf_counter()
        try:
            return expand(*args, **kwargs)
        finally:
            self.left -= time.perf_counter() - started


def parse(data: bytes, budget: Budget | None = None) -> ParsedCalendar:
    """Every VEVENT of the file as an ImportedEvent, or UnreadableCalendar."""
    calendar = read_calendar(data)
    zone = default_zone(calendar)
    budget = budget or Budget()
    masters, overrides, result = {}, [], ParsedCalendar()
    for component in calendar.walk("VEVENT"):
        check_dates(component)
        uid, title = text(component, "UID", "").strip(), text(component, "SUMMARY", "")
        if not uid:
            result.skipped.append(Skipped("", title, "saknar UID"))
        elif component.get("RECURRENCE-ID") is not None:
            overrides.append(component)
        elif uid in masters:
            result.skipped.append(Skipped(uid, title, "UID förekommer två gånger i filen"))
        else:
            masters[uid] = component
    for uid, component in masters.items():
        try:
            result.events.append(read_event(uid, component, zone, budget))
        except Skip as skip:
            result.skipped.append(Skipped(uid, text(component, "SUMMARY", ""), str(skip)))
    attach_overrides(result, overrides, zone)
    return result


def text(component, name: str, default: str = "") -> str:
    """A text property; the first one when a program wrote it twice. Control characters
    (which a partner's program may pass through) are dropped here, as the forms refuse them,
    so no title or description can break a mail, a feed or a Word document later."""
    value = component.get(name, default)
    if isinstance(value, list):
        value = value[0] if value else default
    return without_control(str(value), "\n\t")


def one(component, name: str):
    """A date property that must appear at most once; Skip when it repeats."""
    value = component.get(name)
    if isinstance(value, list):
        raise Skip(f"{name} förekommer flera gånger")
    return value


def read_calendar(data: bytes) -> Calendar:
    """The parsed calendar, or a refusal naming what is wrong."""
    if len(data) > MAX_BYTES:
        raise UnreadableCalendar("Filen är för stor: högst 2 MB tas emot.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableCalendar("Filen är inte UTF-8-kodad text.") from None
    if "\x00" in text or not text.lstrip().upper().startswith("BEGIN:VCALENDAR"):
        raise UnreadableCalendar(
            "Filen är ingen iCalendar-fil (den börjar inte med BEGIN:VCALENDAR)."
        )
    if text.upper().count("BEGIN:VEVENT") > MAX_EVENTS:
        raise UnreadableCalendar(f"Filen har fler än {MAX_EVENTS} evenemang.")
    try:
        calendar = Calendar.from_ical(text)
    except Exception as error:
        detail = " ".join(str(error).split())[:120] or type(error).__name__
        raise UnreadableCalendar(
            f"Filen har trasiga rader och kan inte läsas ({detail})."
        ) from None
    if not isinstance(calendar, Calendar) or calendar.name != "VCALENDAR":
        raise UnreadableCalendar("Filen innehåller ingen VCALENDAR.")
    for component in calendar.walk():
        for name, message in getattr(component, "errors", []) or []:
            if name is None:  # a line that is no "NAME;PARAMS:VALUE" content line
                raise UnreadableCalendar(
                    f"Filen har trasiga rader och kan inte läsas ({' '.join(str(message).split())[:120]})."
                )
    return calendar


def check_dates(component) -> None:
    """Refuse the file when a date or time of an event cannot be read."""
    for name, _message in getattr(component, "errors", []) or []:
        if name in {"DTSTART", "DTEND", "RECURRENCE-ID", "EXDATE", "RDATE", "DURATION", "RRULE"}:
            title = text(component, "SUMMARY") or text(component, "UID")[:80]
            raise UnreadableCalendar(f"Evenemanget ”{title}” har ett ogiltigt värde i {name}.")


def default_zone(calendar: Calendar) -> ZoneInfo:
    """The zone of floating times: X-WR-TIMEZONE when it names one, else Stockholm."""
    name = str(calendar.get("X-WR-TIMEZONE", "")).strip()
    try:
        return ZoneInfo(name) if name else STOCKHOLM
    except (ZoneInfoNotFoundError, ValueError):
        return STOCKHOLM


def moment(prop, zone: ZoneInfo) -> tuple[datetime, bool, ZoneInfo | None]:
    """(UTC start, is all-day, the zone the time was written in) of a DTSTART-like value.

    Skip for a date outside Torget's years (1900–2200): it could never be shown or
    published again, and near year 1 or 9999 Python cannot even convert it.
    """
    value = prop.dt
    if not isinstance(value, date):
        # VALUE=TIME or a duration where a date belongs (RFC 5545 allows neither in DTSTART,
        # RDATE or EXDATE); one event is refused, never the whole import.
        raise Skip(f"ett värde av typen {type(value).__name__} där ett datum ska stå stöds inte")
    if not window.year_ok(value.year):
        raise Skip(f"datumet {value.isoformat()[:10]} ligger utanför {window.YEARS}")
    if isinstance(value, date) and not isinstance(value, datetime):
        local = datetime(value.year, value.month, value.day, tzinfo=STOCKHOLM)
        return local.astimezone(UTC), True, STOCKHOLM
    if value.tzinfo is None:
        if "TZID" in prop.params:
            raise Skip(f"okänd tidszon {str(prop.params['TZID'])[:60]}")
        value = value.replace(tzinfo=zone)
    tz = value.tzinfo if isinstance(value.tzinfo, ZoneInfo) else None
    if value.utcoffset() == timedelta(0) and tz is None:
        tz = UTC_ZONE
    return value.astimezone(UTC), False, tz


def read_event(uid: str, component, zone: ZoneInfo, budget: Budget) -> ImportedEvent:
    """One master VEVENT; Skip when it cannot be represented."""
    if len(uid) > 255:
        raise Skip("UID är längre än 255 tecken")
    if text(component, "CLASS", "PUBLIC").upper() in {"PRIVATE", "CONFIDENTIAL"}:
        raise Skip("privat evenemang publiceras inte")
    title = " ".join(text(component, "SUMMARY", "").split())
    if one(component, "DTSTART") is None:
        raise Skip("saknar starttid (DTSTART)")
    starts_at, all_day, tz = moment(one(component, "DTSTART"), zone)
    ends_at = end_of(component, starts_at, all_day, zone)
    event = ImportedEvent(
        uid=uid,
        title=title[:200] or UNTITLED,
        untitled=not title,
        starts_at=starts_at,
        ends_at=ends_at,
        all_day=all_day,
        description=text(component, "DESCRIPTION", "").strip(),
        location=" ".join(text(component, "LOCATION", "").split())[:300],
        cancelled=text(component, "STATUS", "").upper() == "CANCELLED",
        kind=kind_of(component),
    )
    event.rrule = rule_of(component)
    event.rdates = [d for d, _, _ in dates_of(component.get("RDATE"), zone, "RDATE")]
    check_series(event, tz, budget)
    event.changes = [
        ImportedChange(original_start=d, is_cancelled=True)
        for d, _, _ in dates_of(component.get("EXDATE"), zone, "EXDATE")
    ]
    return event


def end_of(component, starts_at: datetime, all_day: bool, zone: ZoneInfo) -> datetime:
    """DTEND, or DTSTART plus DURATION; without either, RFC 5545 §3.6.1: an all-day event
    lasts the day, a timed one ends when it starts. An all-day DTEND on its DTSTART's own
    day (as holiday calendars write it) is read as that one day, as calendar programs do."""
    if one(component, "DTEND") is not None:
        ends_at, _, _ = moment(one(component, "DTEND"), zone)
    elif one(component, "DURATION") is not None:
        try:
            ends_at = starts_at + one(component, "DURATION").dt
        except OverflowError:
            raise Skip(f"varaktigheten (DURATION) når utanför {window.YEARS}") from None
    else:
        ends_at = starts_at + timedelta(days=1) if all_day else starts_at
    if all_day and ends_at == starts_at:
        ends_at = starts_at + timedelta(days=1)
    if ends_at < starts_at:
        raise Skip("slutar innan den börjar (DTEND före DTSTART)")
    if not window.contains(ends_at):
        raise Skip(f"slutet ligger utanför {window.YEARS}")
    return ends_at


def rule_of(component) -> str | None:
    """The RRULE in Torget's form; Skip (this event only) when it cannot be used."""
    rules = component.get("RRULE")
    if rules is None:
        return None
    if isinstance(rules, list):
        if len(rules) > 1:
            raise Skip("har flera RRULE")
        rules = rules[0]
    text = rules.to_ical().decode("utf-8")
    if not text.strip():
        # "RRULE:" with nothing after it, as some published holiday calendars write it:
        # calendar programs show the event once, and so does Torget.
        return None
    try:
        return normalise_rule(text)
    except RecurrenceError as error:
        raise Skip(f"upprepningsregeln kan inte användas: {_lower(error)}") from None


def _lower(error: Exception) -> str:
    message = str(error).rstrip(".")
    return message[:1].lower() + message[1:] if message[:2] != message[:2].upper() else message


def dates_of(props, zone: ZoneInfo, name: str) -> Iterable[tuple[datetime, bool, ZoneInfo | None]]:
    """The values of RDATE or EXDATE lines as UTC datetimes."""
    for prop in props if isinstance(props, list) else [props] if props is not None else []:
        for value in prop.dts:
            if isinstance(value.dt, tuple):
                raise Skip(f"{name} med perioder stöds inte")
            value.params = value.params or prop.params
            yield moment(value, zone)


def check_series(event: ImportedEvent, tz: ZoneInfo | None, budget: Budget) -> None:
    """A series must give its dates in bounded time, inside Torget's years, and repeat at
    the same instants in its own zone as in Stockholm's."""
    if not (event.rrule or event.rdates):
        return
    try:
        ours = budget.expand(event.rrule, event.starts_at, rdates=event.rdates)
        zoned = not event.all_day and tz not in (None, STOCKHOLM)
        theirs = (
            budget.expand(event.rrule, event.starts_at, tz=tz, rdates=event.rdates)
            if zoned
            else ours
        )
    except RecurrenceError as error:
        raise Skip(f"serien kan inte användas: {_lower(error)}") from None
    if theirs != ours:
        raise Skip(f"serien följer tidszonen {tz}, som byter sommartid andra dagar än Sverige")


def kind_of(component) -> str:
    """The event kind named in CATEGORIES (as Torget writes it), else "other"."""
    categories = component.get("CATEGORIES")
    for prop in categories if isinstance(categories, list) else [categories] if categories else []:
        for name in getattr(prop, "cats", []):
            kind = _KINDS.get(str(name).strip().lower())
            if kind:
                return kind
    return "other"


def attach_overrides(result: ParsedCalendar, overrides: list, zone: ZoneInfo) -> None:
    """Fold RECURRENCE-ID overrides into their series as changes of one date.

    The dates of a series that was refused are counted on the series' own line, not
    each given a line of its own.
    """
    series = {event.uid: event for event in result.events}
    refused = {skipped.uid: skipped for skipped in result.skipped if skipped.uid}
    moved_of_refused: dict[str, int] = {}
    for component in overrides:
        uid, title = text(component, "UID", "").strip(), text(component, "SUMMARY", "")
        event = series.get(uid)
        if event is None and uid in refused:
            moved_of_refused[uid] = moved_of_refused.get(uid, 0) + 1
            continue
        try:
            if event is None:
                raise Skip("ändrar ett datum i en serie som inte finns i filen")
            change = read_change(component, zone)
        except Skip as skip:
            result.skipped.append(Skipped(uid, title, f"ändrat datum: {skip}"))
            continue
        event.changes = [c for c in event.changes if c.original_start != change.original_start]
        event.changes.append(change)
    for uid, count in moved_of_refused.items():
        dates = "1 ändrat datum" if count == 1 else f"{count} ändrade datum"
        refused[uid].reason += f" (seriens {dates} importerades inte heller)"


def read_change(component, zone: ZoneInfo) -> ImportedChange:
    """One overridden date: cancelled, or moved (time and/or place)."""
    if str(one(component, "RECURRENCE-ID").params.get("RANGE", "")).upper() == "THISANDFUTURE":
        raise Skip("RANGE=THISANDFUTURE stöds inte")
    original, _, _ = moment(one(component, "RECURRENCE-ID"), zone)
    if text(component, "STATUS", "").upper() == "CANCELLED":
        return ImportedChange(original_start=original, is_cancelled=True)
    if one(component, "DTSTART") is None:
        raise Skip("saknar starttid (DTSTART)")
    starts_at, all_day, _ = moment(one(component, "DTSTART"), zone)
    ends_at = end_of(component, starts_at, all_day, zone)
    location = " ".join(text(component, "LOCATION", "").split())[:300]
    return ImportedChange(original, starts_at, ends_at, False, location)
