"""Fuzzing the staff's iCalendar import: never a 5xx, nothing stored from a refused file,
and what is stored comes back escaped on the organiser's pages and the public page."""

from __future__ import annotations

from io import BytesIO
from itertools import count

from hypothesis import example, given
from hypothesis import strategies as st
from markupsafe import escape
from sqlalchemy import func, select

from app.accounts.models import Role
from app.events.models import Event
from app.extensions import db
from tests.proof.fuzz import BROKEN, FUZZ, text, token_on, unescaped_markup

PROPERTIES = ("SUMMARY", "DESCRIPTION", "LOCATION", "URL", "CATEGORIES")
DATES = [
    "DTSTART:20310304T070000Z",
    "DTSTART;TZID=Europe/Stockholm:20310304T080000",
    "DTSTART;VALUE=DATE:20310304",
    "DTSTART:99999999T999999Z",
    "DTSTART:",
    "DTSTART:20310304T070000Z\r\nDTSTART:20310305T070000Z",
    "",
]


def _line(name: str, value: str) -> str:
    # Escape as RFC 5545 asks for some values, leave others raw: both arrive in the wild.
    return f"{name}:{value}"


@st.composite
def calendar(draw, uid: str) -> bytes:
    """A VCALENDAR with one hostile VEVENT, sometimes broken on purpose."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Fuzz//SV", "BEGIN:VEVENT"]
    lines.append(f"UID:{uid}")
    lines.append("DTSTAMP:20260101T120000Z")
    lines.append(draw(st.sampled_from(DATES)))
    lines.append(draw(st.sampled_from(["DTEND:20310304T090000Z", "DURATION:PT2H", ""])))
    for name in draw(st.lists(st.sampled_from(PROPERTIES), max_size=6)):
        lines.append(_line(name, draw(text)))
    lines += ["END:VEVENT", "END:VCALENDAR"]
    if draw(st.booleans()):
        lines = lines[: draw(st.integers(0, len(lines)))]  # cut short
    raw = "\r\n".join(line for line in lines if line).encode("utf-8", "surrogatepass")
    return raw + draw(st.sampled_from([b"", b"\r\n", *BROKEN]))


VALID = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Fuzz//SV\r\nBEGIN:VEVENT\r\n"
    b"UID:fuzz-valid@example.org\r\nDTSTAMP:20260101T120000Z\r\n"
    b"DTSTART:20310304T070000Z\r\nDTEND:20310304T090000Z\r\n"
    b"SUMMARY:<script>alert(1)</script> Frukost\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def _events(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Event))


def _latest(app) -> Event:
    with app.app_context():
        event = db.session.scalars(select(Event).order_by(Event.id.desc()).limit(1)).one()
        db.session.expunge(event)
        return event


def test_import_never_fails_and_escapes_what_it_stores(app, unit, make_user, login):
    staff = login(make_user(Role.ORGANISER, unit), on=app.test_client())
    url = f"/manage/units/{unit.slug}/import"
    token, uids, stored = token_on(staff, url), count(), []

    @FUZZ
    @given(st.data(), st.sampled_from(["", "y"]), st.sampled_from(["", "y"]))
    @example(None, "", "")
    def run(data, as_draft, dry_run):
        body = VALID if data is None else data.draw(calendar(f"fuzz-{next(uids)}@example.org"))
        form = {"csrf_token": token, "file": (BytesIO(body), "kalender.ics"), "organisation": ""}
        form.update({k: v for k, v in (("as_draft", as_draft), ("dry_run", dry_run)) if v})
        before = _events(app)
        response = staff.post(url, data=form, content_type="multipart/form-data")
        page = response.get_data(as_text=True)
        assert response.status_code < 500
        assert unescaped_markup(page) == []
        after = _events(app)
        assert after - before in (0, 1)
        if dry_run or 'aria-invalid="true"' in page:
            assert after == before, "a dry run or a refused file stored an event"
        if after > before:
            _check_shown(staff, _latest(app))
            stored.append(body)

    run()
    assert stored, "no file was imported: the valid example must be"


def _check_shown(staff, event: Event) -> None:
    for path in (f"/manage/events/{event.id}", "/manage/events/", f"/events/{event.id}"):
        response = staff.get(path)
        assert response.status_code == 200, path
        page = response.get_data(as_text=True)
        assert unescaped_markup(page) == [], path
        if path != "/manage/events/":
            assert str(escape(event.title)) in page, path
