"""Partners' files are read as calendar programs read them (RFC 5545), and what is imported
is exported with the same dates `recurring-ical-events` finds in the original file."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import recurring_ical_events
from icalendar import Calendar
from sqlalchemy import select

from app.events.models import Event
from app.extensions import db
from app.feeds import importer

HEAD = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Partner//Test//SV\r\n"
TAIL = "END:VCALENDAR\r\n"


def vevent(*lines: str) -> str:
    return (
        "BEGIN:VEVENT\r\nDTSTAMP:20261101T100000Z\r\n"
        + "".join(f"{line}\r\n" for line in lines)
        + "END:VEVENT\r\n"
    )


def calendar(*events: str) -> bytes:
    return (HEAD + "".join(events) + TAIL).encode()


def starts(body: bytes, since: datetime, until: datetime) -> set[tuple[str, object]]:
    """(UID, start) of every date an independent reader finds: dates stay dates, times UTC."""
    found = set()
    for component in recurring_ical_events.of(Calendar.from_ical(body)).between(since, until):
        start = component["DTSTART"].dt
        if isinstance(start, datetime):
            start = start.astimezone(UTC)
        found.add((str(component["UID"]), start))
    return found


def run_import(runner, unit, tmp_path, body: bytes):
    """`flask feeds import` of `body` as a partner's file; the command's result."""
    path = tmp_path / "partner.ics"
    path.write_bytes(body)
    return runner.invoke(args=["feeds", "import", str(path), "--unit", unit.slug])


def import_and_export(runner, client, unit, tmp_path, body: bytes, since: str) -> tuple[str, bytes]:
    result = run_import(runner, unit, tmp_path, body)
    assert result.exit_code == 0, result.output
    exported = client.get(f"/feeds/units/{unit.slug}.ics?from={since}")
    assert exported.status_code == 200
    return result.output, exported.data


CASES = {
    "all-day DTEND on its DTSTART": vevent(
        "UID:nyarsdagen@helgdagar.example",
        "SUMMARY:Nyårsdagen",
        "DTSTART;VALUE=DATE:20270101",
        "DTEND;VALUE=DATE:20270101",
    ),
    "all-day without DTEND": vevent(
        "UID:trettondag@helgdagar.example",
        "SUMMARY:Trettondedag jul",
        "DTSTART;VALUE=DATE:20270106",
    ),
    "timed without DTEND or DURATION": vevent(
        "UID:paminnelse@partner.example",
        "SUMMARY:Sista dag att anmäla monter",
        "DTSTART:20270315T090000Z",
    ),
    "holiday with an empty RRULE": vevent(
        "UID:midsommar@helgdagar.example",
        "SUMMARY:Midsommarafton",
        "DTSTART;VALUE=DATE:20270625",
        "DTEND;VALUE=DATE:20270626",
        "RRULE:",
    ),
    "no SUMMARY": vevent(
        "UID:utan-rubrik@partner.example",
        "DTSTART:20270320T080000Z",
        "DTEND:20270320T090000Z",
    ),
    "weekly series, one date moved": vevent(
        "UID:frukost@partner.example",
        "SUMMARY:Frukostklubben",
        "DTSTART;TZID=Europe/Stockholm:20270302T073000",
        "DTEND;TZID=Europe/Stockholm:20270302T090000",
        "RRULE:FREQ=WEEKLY;COUNT=4",
    )
    + vevent(
        "UID:frukost@partner.example",
        "SUMMARY:Frukostklubben",
        "RECURRENCE-ID;TZID=Europe/Stockholm:20270309T073000",
        "DTSTART;TZID=Europe/Stockholm:20270310T073000",
        "DTEND;TZID=Europe/Stockholm:20270310T090000",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_what_rfc_5545_allows_imports_and_exports_the_same_dates(
    app, runner, client, unit, tmp_path, case
):
    body = calendar(CASES[case])
    output, exported = import_and_export(runner, client, unit, tmp_path, body, "2027-01-01")
    assert "0 överhoppade" in output, output
    since, until = datetime(2027, 1, 1, tzinfo=UTC), datetime(2028, 1, 1, tzinfo=UTC)
    original = starts(body, since, until)
    assert original  # the reader sees the event in the file
    assert starts(exported, since, until) == original


def test_a_day_event_written_on_one_day_lasts_that_day(app, runner, client, unit, tmp_path):
    body = calendar(CASES["all-day DTEND on its DTSTART"])
    import_and_export(runner, client, unit, tmp_path, body, "2027-01-01")
    with app.app_context():
        event = db.session.scalar(select(Event))
        assert event.all_day and (event.ends_at - event.starts_at).days == 1


def test_a_timed_event_without_end_ends_when_it_starts(app, runner, client, unit, tmp_path):
    body = calendar(CASES["timed without DTEND or DURATION"])
    _, exported = import_and_export(runner, client, unit, tmp_path, body, "2027-01-01")
    with app.app_context():
        event = db.session.scalar(select(Event))
        assert event.ends_at == event.starts_at == datetime(2027, 3, 15, 9, tzinfo=UTC)
    vevents = [c for c in Calendar.from_ical(exported).walk("VEVENT")]
    assert "DTEND" not in vevents[0] and "DURATION" not in vevents[0]
    page = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "kl. 10.00" in page and "10.00–10.00" not in page


def test_an_event_without_summary_is_flagged_to_the_organiser(
    app, runner, client, unit, tmp_path, login, make_user
):
    body = calendar(CASES["no SUMMARY"])
    import_and_export(runner, client, unit, tmp_path, body, "2027-01-01")
    with app.app_context():
        assert db.session.scalar(select(Event.title)) == importer.UNTITLED
    login(make_user("organiser", unit))
    html = client.get("/manage/events/").get_data(as_text=True)
    assert importer.UNTITLED in html and "Rubrik saknas" in html


def test_dates_of_a_refused_series_are_told_on_its_line(app, runner, unit, tmp_path):
    body = calendar(
        vevent(
            "UID:privat@partner.example",
            "SUMMARY:Styrelsemöte",
            "CLASS:PRIVATE",
            "DTSTART:20270302T070000Z",
            "DTEND:20270302T080000Z",
            "RRULE:FREQ=WEEKLY;COUNT=4",
        ),
        vevent(
            "UID:privat@partner.example",
            "RECURRENCE-ID:20270309T070000Z",
            "DTSTART:20270310T070000Z",
            "DTEND:20270310T080000Z",
        ),
        vevent(
            "UID:privat@partner.example",
            "RECURRENCE-ID:20270316T070000Z",
            "STATUS:CANCELLED",
        ),
    )
    result = run_import(runner, unit, tmp_path, body)
    lines = [line for line in result.output.splitlines() if "Hoppade över" in line]
    assert len(lines) == 1, result.output
    assert "privat" in lines[0] and "2 ändrade datum" in lines[0]


def test_events_from_before_2000_import_and_export_again(app, runner, client, unit, tmp_path):
    body = calendar(
        vevent(
            "UID:jubileum-1995@partner.example",
            "SUMMARY:Föreningens grundande",
            "DTSTART;VALUE=DATE:19950912",
        ),
        vevent(
            "UID:arsmote-1998@partner.example",
            "SUMMARY:Årsmöte",
            "DTSTART:19980310T170000Z",
            "DTEND:19980310T190000Z",
            "RRULE:FREQ=YEARLY;COUNT=3",
        ),
    )
    output, exported = import_and_export(runner, client, unit, tmp_path, body, "1995-01-01")
    assert "2 nya" in output or "2 skapade" in output or "0 överhoppade" in output, output
    since, until = datetime(1995, 1, 1, tzinfo=UTC), datetime(2001, 1, 1, tzinfo=UTC)
    assert starts(exported, since, until) == starts(body, since, until)
    assert (("jubileum-1995@partner.example", date(1995, 9, 12))) in starts(exported, since, until)


@pytest.mark.parametrize(
    ("lines", "reason"),
    [
        (["DTSTART:00010101T003000Z", "DTEND:00010101T013000Z"], "utanför åren 1900–2200"),
        (["DTSTART;VALUE=DATE:99991231"], "utanför åren 1900–2200"),
        (["DTSTART:20270101T100000Z", "DURATION:P999999999D"], "DURATION"),
        (
            [
                "DTSTART:20270101T100000Z",
                "DTEND:20270101T110000Z",
                "RRULE:FREQ=DAILY;UNTIL=99991231T235959Z",
            ],
            "1900 och 2200",
        ),
        (
            [
                "DTSTART:20270101T100000Z",
                "DTEND:20270101T110000Z",
                "RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;COUNT=1",
            ],
            "30 februari",
        ),
        (
            [
                "DTSTART:20270101T100000Z",
                "DTEND:20270101T110000Z",
                "RRULE:FREQ=DAILY;BYSETPOS=366;COUNT=1",
            ],
            "BYSETPOS=366",
        ),
        (
            [
                "DTSTART:20270101T100000Z",
                "DTEND:20270101T100000Z",
                "RDATE;VALUE=PERIOD:20270201T100000Z/PT1H",
            ],
            "perioder stöds inte",
        ),
        (["DTSTART:20270101T110000Z", "DTEND:20270101T100000Z"], "slutar innan den börjar"),
    ],
)
def test_what_torget_cannot_represent_is_refused_on_one_line_and_the_rest_imports(
    app, runner, unit, tmp_path, lines, reason
):
    good = vevent(
        "UID:bra@partner.example",
        "SUMMARY:Bra",
        "DTSTART:20270105T100000Z",
        "DTEND:20270105T110000Z",
    )
    body = calendar(vevent("UID:dalig@partner.example", "SUMMARY:Dålig", *lines), good)
    result = run_import(runner, unit, tmp_path, body)
    assert result.exit_code == 0, result.output
    [line] = [line for line in result.output.splitlines() if "Hoppade över" in line]
    assert "dalig@partner.example" in line and reason in line, line
    with app.app_context():
        assert db.session.scalars(select(Event.uid)).all() == ["bra@partner.example"]


@pytest.mark.nodb
def test_a_file_has_a_time_budget_for_its_rules():
    """Once a file has used its time, its remaining series are refused, one line each."""
    series = [
        vevent(f"UID:s{n}@partner.example", f"SUMMARY:Serie {n}", "DTSTART:20270101T100000Z",
               "DTEND:20270101T110000Z", "RRULE:FREQ=DAILY;COUNT=300")
        for n in range(5)
    ]  # fmt: skip
    parsed = importer.parse(calendar(*series), importer.Budget(seconds=0.0))
    assert parsed.events == [] and len(parsed.skipped) == 5
    assert all("egen fil" in s.reason for s in parsed.skipped)


def test_a_time_where_a_date_belongs_refuses_that_event_only(app, runner, unit, tmp_path):
    body = calendar(
        vevent(
            "UID:tid@partner.example",
            "SUMMARY:Klockslag i RDATE",
            "DTSTART;TZID=Europe/Stockholm:20270302T080000",
            "DTEND;TZID=Europe/Stockholm:20270302T090000",
            "RDATE;VALUE=TIME;TZID=Europe/Stockholm:083000",
        ),
        CASES["all-day without DTEND"],
    )
    result = run_import(runner, unit, tmp_path, body)
    assert result.exit_code == 0, result.output
    assert "1 överhoppade" in result.output and "där ett datum ska stå" in result.output
    with app.app_context():
        assert db.session.scalars(select(Event.title)).all() == ["Trettondedag jul"]


def test_control_characters_from_a_partners_file_never_reach_torget(app, runner, unit, tmp_path):
    """A program may pass control characters through; the forms refuse them, so the import
    drops them, and the report's Word export of a draft built from the title still works."""
    body = calendar(
        vevent(
            "UID:styr@partner.example",
            "SUMMARY:Fru\x01kost\x0bmöte",
            "DESCRIPTION:Rad ett\\nRad\x02 två",
            "DTSTART:20270302T070000Z",
            "DTEND:20270302T080000Z",
        )
    )
    result = run_import(runner, unit, tmp_path, body)
    assert result.exit_code == 0, result.output
    with app.app_context():
        event = db.session.scalar(select(Event))
        assert event.title == "Frukostmöte"
        assert event.description == "Rad ett\nRad två"
    from app.reports.export.document import QuestionAnswer, ReportDocument, Section
    from app.reports.export.docx import build_docx

    document = ReportDocument(
        year=2027, period_label="T1",
        sections=(Section(1, "A", (QuestionAnswer("Fråga?", event.title),)),),
    )  # fmt: skip
    assert build_docx(document).startswith(b"PK")
