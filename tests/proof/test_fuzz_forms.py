"""Fuzzing the public forms: never a 5xx, nothing stored on a refusal, stored text escaped.

Registration, nomination, accessibility report and login each get hostile submissions
(NUL bytes, 100,000 characters, right-to-left text, emoji, markup, bytes that are not
UTF-8, fields missing or repeated). A submission that is accepted stores exactly one row,
and the staff page that shows that row shows it escaped.
"""

from __future__ import annotations

from datetime import timedelta
from itertools import count

from hypothesis import example, given
from markupsafe import escape
from sqlalchemy import func, select

from app.accounts.models import LoginSession, Role
from app.awards.models import Candidate, Nomination
from app.db import utcnow
from app.extensions import db, limiter
from app.pages.models import AccessibilityReport
from app.registrations.models import Registration
from tests.awards.world import make_cycle
from tests.proof.fuzz import FUZZ, send, submission, token_on, unescaped_markup
from tests.registrations.world import open_event

REGISTRATION = {
    "name": "Anna Andersson",
    "email": "anna@example.org",
    "organisation": "Annas Bageri",
    "website": "",
}
REPORT = {
    "page": "/calendar/",
    "description": "Veckovyn går inte att läsa med skärmläsare.",
    "contact_email": "anna@example.org",
    "website": "",
}
LOGIN = {"email": "anna@example.org", "password": "not the password at all", "remember": "y"}


def _valid(form: dict) -> list[tuple[str, bytes]]:
    return [(k, v.encode()) for k, v in form.items()]


def _rows(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def _latest(app, model):
    with app.app_context():
        row = db.session.scalars(select(model).order_by(model.id.desc()).limit(1)).one()
        db.session.expunge(row)
        return row


def _unique_emails(pairs, n: int):
    """A fresh address per example, so an accepted one is never refused as a duplicate."""
    return [(k, v.replace(b"anna@", f"anna{n}@".encode())) for k, v in pairs]


def _check(response, before: int, after: int) -> bool:
    """Never a 5xx; at most one row; none unless the form was accepted. True if stored."""
    assert response.status_code < 500, response.status_code
    assert after - before in (0, 1)
    if response.status_code != 302:
        assert after == before, "a refused submission stored a row"
    return after > before


def _shown_escaped(page: str, *values: str) -> None:
    assert unescaped_markup(page) == []
    for text in values:
        if text:
            assert str(escape(text)) in page


def test_registration_form(app, client, unit, make_event, make_user, login, monkeypatch):
    monkeypatch.setitem(app.config, "FORM_LIMIT_PER_IP", "100000 per minute")
    event = open_event(make_event, unit, capacity=10_000)
    staff = login(make_user(Role.ORGANISER, unit), on=app.test_client())
    url, token, n, stored = (
        f"/events/{event.id}/register",
        token_on(client, f"/events/{event.id}"),
        count(),
        [],
    )

    @FUZZ
    @given(submission(REGISTRATION))
    @example(_valid(REGISTRATION))
    def run(pairs):
        limiter.reset()
        before = _rows(app, Registration)
        response = send(client, url, _unique_emails(pairs, next(n)), token)
        if _check(response, before, _rows(app, Registration)):
            row = _latest(app, Registration)
            page = staff.get(f"/manage/events/{event.id}/registrations").get_data(as_text=True)
            _shown_escaped(page, row.name, row.organisation)
            stored.append(row.id)

    run()
    assert stored, "no submission was accepted: the valid example must be"


def test_nomination_form(app, client, unit, make_user, login, monkeypatch):
    monkeypatch.setitem(app.config, "FORM_LIMIT_PER_IP", "100000 per minute")
    with app.app_context():
        now = utcnow()
        cycle = make_cycle(
            unit, year=2031, open_at=now - timedelta(days=1), close_at=now + timedelta(days=30),
            ceremony_at=now + timedelta(days=60),
        )  # fmt: skip
        cycle_id, category = cycle.id, cycle.categories[0].id
        db.session.commit()
    staff = login(make_user(Role.AWARD_ADMIN, unit), on=app.test_client())
    url = f"/awards/{unit.slug}/2031/nominate"
    token, stored = token_on(client, url), []
    valid = {
        "category": str(category),
        "company_name": "Torgkaféet AB",
        "org_number": "556036-0793",
        "address": "Hägerstensvägen 100",
        "postal_code": "126 49",
        "website": "https://torgkafeet.example.se",
        "contact_name": "Karin Kafé",
        "contact_email": "karin@example.se",
        "contact_phone": "08-508 210 83",
        "motivation": "Kaféet har blivit torgets vardagsrum och anställt fyra unga i år.",
        "nominator_name": "Nils Nominerare",
        "nominator_email": "nils@example.se",
        "nominator_phone": "",
        "relation": "customer",
        "fax": "",
    }

    @FUZZ
    @given(submission(valid))
    @example(_valid(valid))
    def run(pairs):
        limiter.reset()
        before = _rows(app, Nomination)
        response = send(client, url, pairs, token)
        if _check(response, before, _rows(app, Nomination)):
            row = _latest(app, Nomination)
            listing = staff.get(f"/manage/awards/{cycle_id}/candidates").get_data(as_text=True)
            _shown_escaped(listing)
            page = staff.get(f"/manage/awards/candidates/{row.candidate_id}")
            _shown_escaped(
                page.get_data(as_text=True), row.company_name, row.motivation, row.nominator_name
            )
            stored.append(row.id)

    run()
    assert stored, "no submission was accepted: the valid example must be"
    assert _rows(app, Candidate) <= len(stored)


def test_accessibility_report_form(app, client, unit, make_user, login, monkeypatch):
    monkeypatch.setitem(app.config, "FORM_LIMIT_PER_IP", "100000 per minute")
    staff = login(make_user(Role.ADMIN, unit), on=app.test_client())
    token, stored = token_on(client, "/accessibility"), []

    @FUZZ
    @given(submission(REPORT))
    @example(_valid(REPORT))
    def run(pairs):
        limiter.reset()
        before = _rows(app, AccessibilityReport)
        response = send(client, "/accessibility", pairs, token)
        if _check(response, before, _rows(app, AccessibilityReport)):
            row = _latest(app, AccessibilityReport)
            page = staff.get("/admin/").get_data(as_text=True)
            _shown_escaped(page, row.page, row.description[:200], row.contact_email)
            stored.append(row.id)

    run()
    assert stored, "no submission was accepted: the valid example must be"


def test_login_form(app, client, make_user, monkeypatch):
    monkeypatch.setitem(app.config, "LOGIN_LIMIT_PER_IP", "100000 per minute")
    monkeypatch.setitem(app.config, "LOGIN_LIMIT_PER_ACCOUNT", "100000 per minute")
    make_user(email="anna@example.org")
    token = token_on(client, "/login")

    @FUZZ
    @given(submission(LOGIN))
    def run(pairs):
        limiter.reset()
        before = _rows(app, LoginSession)
        response = send(client, "/login", pairs, token)
        assert response.status_code < 500
        # No fuzzed password is the real one: nobody is signed in, no session is opened.
        # 413: Werkzeug refuses form fields over 500 kB in memory (two 100,000-emoji values).
        assert response.status_code in (200, 400, 413)
        assert _rows(app, LoginSession) == before
        assert unescaped_markup(response.get_data(as_text=True)) == []

    run()
