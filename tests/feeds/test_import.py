"""Importing partners' calendars: real-world files, refusals, re-import, round trip."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select

from app.audit.models import AuditEntry
from app.events.models import Event, EventStatus, Occurrence, OccurrenceChange
from app.extensions import db
from app.feeds import importer
from tests.conftest import post
from tests.feeds.expansion import expanded, parse
from tests.feeds.world import demo_like, make_places

FIXTURES = Path(__file__).parent / "fixtures"


def fixture(name: str) -> str:
    return str(FIXTURES / name)


def counts(app) -> tuple[int, int, int]:
    with app.app_context():
        return (
            db.session.scalar(select(func.count(Event.id))),
            db.session.scalar(select(func.count(OccurrenceChange.id))),
            db.session.scalar(select(func.count(Occurrence.id))),
        )


def events_by_uid(app) -> dict[str, dict]:
    with app.app_context():
        return {
            e.uid: {
                "title": e.title,
                "status": e.status,
                "source": e.source,
                "all_day": e.all_day,
                "starts_at": e.starts_at,
                "rrule": e.rrule,
                "venue": e.venue.slug if e.venue else None,
                "unit_id": e.unit_id,
                "sequence": e.sequence,
                "updated_at": e.updated_at,
                "organiser": e.organiser.slug if e.organiser else None,
                "dates": [
                    (o.starts_at, o.is_cancelled, o.venue.slug if o.venue else None)
                    for o in e.occurrences
                ],
            }
            for e in db.session.scalars(select(Event))
        }


def test_google_export(app, runner, unit):
    make_places(app)
    result = runner.invoke(args=["feeds", "import", fixture("google.ics"), "--unit", unit.slug])
    assert result.exit_code == 0, result.output
    assert "3 nya, 0 uppdaterade, 0 oförändrade, 0 överhoppade" in result.output
    events = events_by_uid(app)
    club = events["7kq1r2m3n4p5s6t7u8v9w0x1y2@google.com"]
    assert club["source"] == "import" and club["status"] == EventStatus.PUBLISHED
    assert club["venue"] == "liljeholmstorget"
    assert club["rrule"] == "FREQ=WEEKLY;BYDAY=TU;WKST=MO;UNTIL=20270427T055959Z"
    assert len(club["dates"]) == 9
    cancelled = [d for d, c, _ in club["dates"] if c]
    assert [d.date().isoformat() for d in cancelled] == ["2027-03-30", "2027-04-20"]
    moved = [d for d, c, _ in club["dates"] if d.astimezone(importer.STOCKHOLM).hour == 8]
    assert [d.date().isoformat() for d in moved] == ["2027-04-14"]
    # 07:30 Stockholm time both before and after the change to summer time.
    assert {
        d.astimezone(importer.STOCKHOLM).strftime("%H:%M")
        for d, c, _ in club["dates"]
        if d != moved[0]
    } == {"07:30"}
    assert events["nationaldagen2027@google.com"]["all_day"] is True
    market = events["3abcdefghij@google.com"]
    assert market["starts_at"] == datetime(2027, 5, 15, 8, tzinfo=UTC)


def test_outlook_export_with_windows_time_zones(app, runner, unit):
    make_places(app)
    result = runner.invoke(
        args=[
            "feeds",
            "import",
            fixture("outlook.ics"),
            "--unit",
            unit.slug,
            "--organisation",
            "liljeholmens-foretagsgrupp",
        ]
    )
    assert result.exit_code == 0, result.output
    assert "2 nya" in result.output and "1 överhoppade" in result.output
    assert "Styrelsemöte" in result.output and "privat evenemang" in result.output
    events = events_by_uid(app)
    (meeting,) = [e for e in events.values() if e["title"] == "Företagarträff i Älvsjö"]
    assert meeting["organiser"] == "liljeholmens-foretagsgrupp"
    assert meeting["venue"] == "alvsjo-bibliotek"
    starts = [d.astimezone(importer.STOCKHOLM) for d, c, _ in meeting["dates"]]
    assert len(starts) == 6
    assert {s.strftime("%H:%M") for s in starts} == {"17:30", "15:00"}
    assert [c for _, c, _ in meeting["dates"]].count(True) == 1


def test_apple_export_with_several_zones_and_floating_times(app, runner, unit):
    make_places(app)
    result = runner.invoke(args=["feeds", "import", fixture("apple.ics"), "--unit", unit.slug])
    assert result.exit_code == 0, result.output
    assert "3 nya" in result.output
    assert "Veckomöte med New York" in result.output and "sommartid" in result.output
    events = events_by_uid(app)
    assert events["5E7F3C2A-1B2C-4D5E-8F90-A1B2C3D4E5F6"]["starts_at"] == datetime(
        2027, 4, 20, 14, tzinfo=UTC
    )
    floating = events["1F2E3D4C-5B6A-7980-8A9B-0C1D2E3F4A5B"]
    assert floating["starts_at"] == datetime(2027, 5, 22, 13, tzinfo=UTC)  # 15:00 in Stockholm
    assert floating["venue"] == "liljeholmstorget"
    summer = events["0A1B2C3D-4E5F-6A7B-8C9D-0E1F2A3B4C5D"]
    assert len(summer["dates"]) == 4  # three weeks and the RDATE in August


def test_reimport_never_duplicates(app, runner, unit):
    make_places(app)
    args = ["feeds", "import", fixture("google.ics"), "--unit", unit.slug]
    runner.invoke(args=args)
    before, rows = counts(app), events_by_uid(app)
    again = runner.invoke(args=args)
    assert again.exit_code == 0
    assert "0 nya, 0 uppdaterade, 3 oförändrade" in again.output
    assert counts(app) == before
    assert events_by_uid(app) == rows  # not even updated_at or SEQUENCE moved


def test_reimport_of_a_changed_file_updates_by_uid(app, runner, unit, tmp_path):
    make_places(app)
    runner.invoke(args=["feeds", "import", fixture("google.ics"), "--unit", unit.slug])
    changed = (
        (FIXTURES / "google.ics")
        .read_text()
        .replace("SUMMARY:Vårmarknad på torget", "SUMMARY:Vårmarknad")
    )
    path = tmp_path / "changed.ics"
    path.write_text(changed)
    result = runner.invoke(args=["feeds", "import", str(path), "--unit", unit.slug])
    assert "0 nya, 1 uppdaterade, 2 oförändrade" in result.output
    market = events_by_uid(app)["3abcdefghij@google.com"]
    assert market["title"] == "Vårmarknad" and market["sequence"] == 1
    with app.app_context():
        assert "event.import_updated" in db.session.scalars(select(AuditEntry.action)).all()


def test_uid_of_another_unit_is_skipped(app, runner, unit, other_unit):
    runner.invoke(args=["feeds", "import", fixture("apple.ics"), "--unit", unit.slug])
    result = runner.invoke(
        args=["feeds", "import", fixture("apple.ics"), "--unit", other_unit.slug]
    )
    assert "0 nya" in result.output and "annan enhet" in result.output
    assert {e["unit_id"] for e in events_by_uid(app).values()} == {unit.id}


def test_torget_events_are_not_overwritten(app, runner, client, make_event, unit, tmp_path):
    demo_like(app, make_event, unit)
    path = tmp_path / "own.ics"
    path.write_bytes(client.get("/feeds/units/hagersten-alvsjo.ics").data)
    before = events_by_uid(app)
    result = runner.invoke(args=["feeds", "import", str(path), "--unit", unit.slug])
    assert result.exit_code == 0
    assert "0 nya, 0 uppdaterade, 0 oförändrade, 6 överhoppade" in result.output
    assert "skapades i Torget" in result.output
    assert events_by_uid(app) == before


def test_dry_run_stores_nothing(app, runner, unit):
    result = runner.invoke(
        args=["feeds", "import", fixture("google.ics"), "--unit", unit.slug, "--dry-run"]
    )
    assert result.exit_code == 0 and "Provläsning" in result.output and "3 nya" in result.output
    assert counts(app) == (0, 0, 0)


def test_draft_option(app, runner, client, unit):
    runner.invoke(args=["feeds", "import", fixture("apple.ics"), "--unit", unit.slug, "--draft"])
    assert {e["status"] for e in events_by_uid(app).values()} == {EventStatus.DRAFT}
    assert "Sommarmingel" not in client.get("/feeds/events.ics").get_data(as_text=True)


BROKEN = {
    "not-ical.ics": b"Hej! Det h\xc3\xa4r \xc3\xa4r ingen kalender.",
    "html.ics": b"<!doctype html><html><body>404</body></html>",
    "broken-lines.ics": b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nthis is not a content line\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    "bad-date.ics": b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\nSUMMARY:x\r\nDTSTART:20271345T250000\r\nDTEND:20270101T100000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    "latin1.ics": "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Möte\r\n".encode("latin-1"),
    "nul.ics": b"BEGIN:VCALENDAR\r\nVERSION:2.0\x00\r\nEND:VCALENDAR\r\n",
    "empty.ics": b"",
    "too-many.ics": b"BEGIN:VCALENDAR\r\n"
    + b"BEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\n" * (importer.MAX_EVENTS + 1)
    + b"END:VCALENDAR\r\n",
    "too-large.ics": b"BEGIN:VCALENDAR\r\nX-PAD:"
    + b"a" * importer.MAX_BYTES
    + b"\r\nEND:VCALENDAR\r\n",
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_unreadable_files_are_refused_with_one_line(app, runner, unit, tmp_path, name):
    path = tmp_path / name
    path.write_bytes(BROKEN[name])
    result = runner.invoke(args=["feeds", "import", str(path), "--unit", unit.slug])
    assert result.exit_code == 1
    assert result.output.startswith("Fel: ") and result.output.count("\n") == 1, result.output
    assert "Traceback" not in result.output
    assert counts(app) == (0, 0, 0)


def test_an_unbounded_rule_skips_its_event_and_the_rest_imports(app, runner, unit):
    result = runner.invoke(
        args=["feeds", "import", fixture("google-unbounded.ics"), "--unit", unit.slug]
    )
    assert result.exit_code == 0, result.output
    [line] = [line for line in result.output.splitlines() if "Hoppade över" in line]
    assert "Lunchpromenad" in line and "never-ending@google.com" in line and "saknar slut" in line
    assert counts(app)[0] == 3  # the three other events of the file


def test_unknown_unit_organisation_or_path(runner, unit):
    assert (
        runner.invoke(args=["feeds", "import", fixture("google.ics"), "--unit", "nope"]).exit_code
        == 1
    )
    result = runner.invoke(
        args=[
            "feeds",
            "import",
            fixture("google.ics"),
            "--unit",
            unit.slug,
            "--organisation",
            "nope",
        ]
    )
    assert result.exit_code == 1 and "nope" in result.output
    result = runner.invoke(args=["feeds", "import", "/no/such/file.ics", "--unit", unit.slug])
    assert result.exit_code == 1 and result.output.startswith("Fel: ")


def test_round_trip(app, client, runner, make_event, unit, other_unit, tmp_path):
    demo_like(app, make_event, unit)
    first = client.get("/feeds/units/hagersten-alvsjo.ics").data
    with app.app_context():
        db.session.execute(delete(Event).where(Event.unit_id == unit.id))
        db.session.commit()
    path = tmp_path / "export.ics"
    path.write_bytes(first)
    result = runner.invoke(args=["feeds", "import", str(path), "--unit", other_unit.slug])
    assert result.exit_code == 0 and "6 nya" in result.output, result.output
    second = client.get("/feeds/units/bromma.ics").data
    assert expanded(second) == expanded(first)
    assert summary(second) == summary(first)


def summary(body: bytes) -> set:
    """Title, place, status and RECURRENCE-ID of every VEVENT."""
    return {
        (
            str(e["UID"]),
            str(e["SUMMARY"]),
            str(e.get("LOCATION", "")),
            str(e["STATUS"]),
            e["RECURRENCE-ID"].dt if "RECURRENCE-ID" in e else None,
            tuple(d.dt for x in ([e["EXDATE"]] if "EXDATE" in e else []) for d in x.dts),
        )
        for e in parse(body).walk("VEVENT")
    }


# The upload form


def upload(client, slug, content: bytes, **fields):
    data = {"file": (io.BytesIO(content), "kalender.ics"), "organisation": ""}
    data.update(fields)
    return post(
        client,
        f"/manage/units/{slug}/import",
        data,
        token_from=f"/manage/units/{slug}/import",
        content_type="multipart/form-data",
    )


def test_organiser_uploads_a_file_twice(app, client, make_user, login, unit):
    make_places(app)
    login(make_user("organiser", unit))
    content = (FIXTURES / "outlook.ics").read_bytes()
    response = upload(client, unit.slug, content)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Nya: 2" in html and "Styrelsemöte" in html and "privat evenemang" in html
    again = upload(client, unit.slug, content).get_data(as_text=True)
    assert "Nya: 0" in again and "Oförändrade: 2" in again
    assert counts(app)[0] == 2
    with app.app_context():
        actions = db.session.scalars(select(AuditEntry.action)).all()
    assert actions.count("feed.imported") == 2 and actions.count("event.imported") == 2


def test_upload_of_a_broken_file_is_a_form_error(app, client, make_user, login, unit):
    login(make_user("organiser", unit))
    response = upload(client, unit.slug, BROKEN["html.ics"])
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "ingen iCalendar-fil" in html and 'aria-invalid="true"' in html
    assert counts(app) == (0, 0, 0)


def test_upload_dry_run_and_draft(app, client, make_user, login, unit):
    login(make_user("organiser", unit))
    content = (FIXTURES / "apple.ics").read_bytes()
    html = upload(client, unit.slug, content, dry_run="y").get_data(as_text=True)
    assert "inget har sparats" in html and "Nya: 3" in html
    assert counts(app) == (0, 0, 0)
    upload(client, unit.slug, content, as_draft="y", organisation="")
    assert {e["status"] for e in events_by_uid(app).values()} == {EventStatus.DRAFT}


def test_upload_without_a_file(client, make_user, login, unit):
    login(make_user("organiser", unit))
    response = post(
        client,
        f"/manage/units/{unit.slug}/import",
        {"organisation": ""},
        token_from=f"/manage/units/{unit.slug}/import",
    )
    assert "Välj en .ics-fil" in response.get_data(as_text=True)


@pytest.mark.parametrize("role", ["officer", "award_admin", "juror"])
def test_other_roles_may_not_import(app, client, make_user, login, unit, role):
    login(make_user(role, unit))
    assert client.get(f"/manage/units/{unit.slug}/import").status_code == 403
    payload = {"file": (io.BytesIO((FIXTURES / "apple.ics").read_bytes()), "k.ics")}
    response = post(
        client, f"/manage/units/{unit.slug}/import", payload, content_type="multipart/form-data"
    )
    assert response.status_code == 403
    assert counts(app) == (0, 0, 0)


def test_another_units_organiser_may_not_import(app, client, make_user, login, unit, other_unit):
    login(make_user("organiser", other_unit))
    assert client.get(f"/manage/units/{unit.slug}/import").status_code == 403
    assert client.get("/manage/units/nowhere/import").status_code == 404


def test_anonymous_is_sent_to_login(client, unit):
    response = client.get(f"/manage/units/{unit.slug}/import")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
