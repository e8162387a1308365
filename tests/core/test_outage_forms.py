"""The database fails while a form is saved: 503, the form again as typed, nothing stored.

The failure is simulated in two places: at the first write (as SQLite does when the disk is
full) and at the commit after a successful flush. From the failure on, every statement fails,
as with a server that went away: a page that still needed the database would show the plain
503 page, not the typed values, so these tests also prove the pages are built without it.
"""

from __future__ import annotations

import html as htmllib
import re

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from app.accounts.models import LoginSession, Role
from app.awards import clock
from app.awards.models import Candidate, Nomination
from app.core import outage
from app.events.models import Event
from app.extensions import db
from app.pages.models import AccessibilityReport
from tests.awards.conftest import Award
from tests.awards.world import NOW, make_cycle
from tests.conftest import PASSWORD, post
from tests.events.conftest import form_data
from tests.registrations.world import open_event, register, registrations

WRITES = ("INSERT", "UPDATE", "DELETE")
NAME = "Åsa <b>Öberg</b> 🎉 شركة"
SCRIPT = "Bröd & <script>alert(1)</script>"
HIDDEN_RE = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')


@pytest.fixture
def database_fails(app, monkeypatch):
    """`database_fails("write" | "commit")`: the database fails there and stays down;
    `"after-commit"`: it goes down just after a commit; `"now"`: it is down already;
    `None`: it is back."""
    with app.app_context():
        engine = db.engine
    dbapi_error = engine.dialect.loaded_dbapi.OperationalError
    state = {"down": False, "at": None}

    def execute(cursor, statement, parameters, context):
        is_write = statement.lstrip().upper().startswith(WRITES)
        if state["down"] or (state["at"] == "write" and is_write):
            state["down"] = True
            raise dbapi_error("database or disk is full")

    real_commit = Session.commit

    def commit(session):
        if state["at"] == "after-commit":
            real_commit(session)
            state["down"] = True
            return None
        if state["at"] != "commit":
            return real_commit(session)
        session.flush()
        state["down"] = True
        raise OperationalError("COMMIT", {}, dbapi_error("database or disk is full"))

    def fail(at: str | None) -> None:
        state.update(down=at == "now", at=at)

    event.listen(engine, "do_execute", execute)
    event.listen(engine, "do_executemany", execute)
    monkeypatch.setattr(Session, "commit", commit)
    yield fail
    event.remove(engine, "do_execute", execute)
    event.remove(engine, "do_executemany", execute)


@pytest.fixture
def award(app, unit, monkeypatch) -> Award:
    """A cycle taking nominations, with the clock inside its window."""
    monkeypatch.setattr(clock, "now", lambda: NOW)
    with app.app_context():
        cycle = make_cycle(unit)
        award = Award(unit, cycle.id, cycle.categories[0].id, cycle.categories[1].id)
        db.session.commit()
    return award


@pytest.fixture
def organiser(make_user, unit):
    return make_user(Role.ORGANISER, unit)


def rows(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def assert_outage_page(response) -> str:
    html = response.get_data(as_text=True)
    assert response.status_code == 503, html[:500]
    # 30 s, or later: on rate-limited forms Flask-Limiter raises it to the end of the window.
    assert int(response.headers["Retry-After"]) >= 30
    assert '<html lang="sv">' in html
    assert "Inget sparades" in html and "Försök igen om en stund" in html
    assert 'class="error-summary" role="alert"' in html
    assert "<script>alert(1)" not in html and "Traceback" not in html
    assert 'name="csrf_token"' in html
    return html


def resend(client, html: str, action: str):
    """Send the page's form again, as the person does once the database is back."""
    form = html[html.index(f'action="{action}') :]
    form = form[: form.index("</form>")]
    data = {}
    for name, value in HIDDEN_RE.findall(form):
        data[name] = htmllib.unescape(value)
    for name, value in re.findall(r'name="([^"]+)"[^>]*value="([^"]*)"', form):
        data.setdefault(name, htmllib.unescape(value))
    for name, text in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>\s*([^<]*)</textarea>', form):
        data[name] = htmllib.unescape(text)
    for name, value in re.findall(
        r'<select[^>]*name="([^"]+)".*?<option selected value="([^"]*)"', form, re.S
    ):
        data[name] = htmllib.unescape(value)
    return client.post(action, data=data)


MODES = pytest.mark.parametrize("at", ["write", "commit"])


@MODES
def test_registration_comes_back_as_typed_and_nothing_is_stored(
    app, client, unit, make_event, outbox, database_fails, at
):
    event = open_event(make_event, unit, title="Frukost <i>på</i> torget")
    client.get(f"/events/{event.id}")  # the CSRF token, before the database fails
    database_fails(at)
    response = register(client, event, name=NAME, organisation=SCRIPT)
    database_fails(None)
    html = assert_outage_page(response)
    assert "Anmälan till Frukost &lt;i&gt;på&lt;/i&gt; torget" in html
    assert 'value="Åsa &lt;b&gt;Öberg&lt;/b&gt; 🎉 شركة"' in html
    assert 'value="Bröd &amp; &lt;script&gt;alert(1)&lt;/script&gt;"' in html
    assert 'value="anna@example.org"' in html
    assert 'name="website"' not in html  # the honeypot is not handed back
    assert registrations(app) == []
    assert outbox() == []


@MODES
def test_nomination_comes_back_as_typed_and_nothing_is_stored(
    app, client, award, outbox, database_fails, at
):
    from tests.awards.test_nomination import valid

    path = f"{award.public}/nominate"
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', client.get(path).text).group(1)
    database_fails(at)
    data = valid(award, company_name=SCRIPT, nominator_name=NAME, csrf_token=token)
    response = client.post(path, data=data)
    database_fails(None)
    html = assert_outage_page(response)
    assert "Nominera ett företag till" in html
    assert 'value="Bröd &amp; &lt;script&gt;alert(1)&lt;/script&gt;"' in html
    assert 'value="Åsa &lt;b&gt;Öberg&lt;/b&gt; 🎉 شركة"' in html
    assert data["motivation"] in html
    assert 'name="fax"' not in html
    assert f'<option selected value="{award.category_a}"' in html
    assert rows(app, Nomination) == 0 and rows(app, Candidate) == 0
    assert outbox() == []


@MODES
def test_accessibility_report_comes_back_as_typed_and_nothing_is_stored(
    app, client, outbox, database_fails, at
):
    client.get("/accessibility")
    database_fails(at)
    data = {"page": "/events/", "description": SCRIPT, "contact_email": "asa@example.org"}
    response = post(client, "/accessibility", data, token_from="/accessibility")
    database_fails(None)
    html = assert_outage_page(response)
    assert "Bröd &amp; &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'value="asa@example.org"' in html
    assert 'name="website"' not in html
    assert rows(app, AccessibilityReport) == 0
    assert outbox() == []


@MODES
def test_signing_in_comes_back_with_the_address_but_never_the_password(
    app, client, make_user, database_fails, at
):
    user = make_user(email="asa@example.org")
    client.get("/login")
    database_fails(at)
    response = post(
        client, "/login?next=/profile", {"email": user.email, "password": PASSWORD}, "/login"
    )
    database_fails(None)
    html = assert_outage_page(response)
    assert 'value="asa@example.org"' in html
    assert PASSWORD not in html
    assert re.search(
        r'<input autocomplete="current-password" id="password"[^>]* type="password" value="">', html
    )
    assert 'autocomplete="username"' in html
    assert "Skriv lösenordet igen" in html
    assert 'action="/login?next=/profile"' in html
    assert rows(app, LoginSession) == 0
    assert client.get("/profile").status_code == 302  # not signed in


def test_the_form_sent_again_is_stored_once_the_database_is_back(
    app, client, unit, make_event, outbox, database_fails
):
    event = open_event(make_event, unit)
    client.get(f"/events/{event.id}")
    database_fails("write")
    response = register(client, event, name=NAME)
    database_fails(None)
    html = assert_outage_page(response)
    response = resend(client, html, f"/events/{event.id}/register")
    assert response.status_code == 302, response.text[:500]
    [row] = registrations(app)
    assert row.name == NAME
    assert len(outbox()) == 1


def test_a_staff_form_without_its_own_page_gets_what_was_sent_back(
    app, client, login, organiser, make_event, unit, database_fails
):
    event = make_event(unit, title="Gammal titel")
    login(organiser)
    url = f"/manage/events/{event.id}"
    client.get(url)
    database_fails("write")
    data = form_data(title=SCRIPT, description="Rad ett\nRad två")
    response = post(client, url, data, token_from=url)
    database_fails(None)
    html = assert_outage_page(response)
    assert "<dt>title</dt>" in html
    assert "<dd>Bröd &amp; &lt;script&gt;alert(1)&lt;/script&gt;</dd>" in html
    assert "Skicka igen" in html
    sent = dict(HIDDEN_RE.findall(html))
    assert htmllib.unescape(sent["title"]) == SCRIPT
    assert htmllib.unescape(sent["description"]) == "Rad ett\nRad två"
    assert len(re.findall(r'name="csrf_token"', html)) == 1  # the form sent again
    with app.app_context():
        assert db.session.get(Event, event.id).title == "Gammal titel"
    response = resend(client, html, url)
    assert response.status_code == 302, response.text[:500]
    with app.app_context():
        assert db.session.get(Event, event.id).title == SCRIPT


def test_a_signed_in_person_gets_the_form_back_without_the_menu_querying(
    app, client, login, organiser, database_fails
):
    login(organiser)
    client.get("/accessibility")
    database_fails("write")
    data = {"description": "Knappen syns inte i mörkt läge."}
    response = post(client, "/accessibility", data, "/accessibility")
    database_fails(None)
    html = assert_outage_page(response)
    assert "Knappen syns inte i mörkt läge." in html
    assert rows(app, AccessibilityReport) == 0


def test_a_failing_form_page_falls_back_to_the_plain_503(app, client, monkeypatch, database_fails):
    def broken(*args, **kwargs):
        raise RuntimeError("template broke")

    monkeypatch.setattr(outage, "render_template", broken)
    client.get("/accessibility")
    database_fails("write")
    response = post(client, "/accessibility", {"description": SCRIPT}, "/accessibility")
    database_fails(None)
    assert response.status_code == 503
    assert int(response.headers["Retry-After"]) >= 30
    assert "Tjänsten är tillfälligt otillgänglig" in response.text
    assert "<script>" not in response.text
    assert rows(app, AccessibilityReport) == 0


def test_a_signed_in_person_gets_the_503_page_not_a_500(
    app, client, login, organiser, database_fails
):
    """The page template would load the signed-in user: the 503 page is built as for a visitor."""
    login(organiser)
    database_fails("now")
    response = client.get("/privacy")
    database_fails(None)
    assert response.status_code == 503
    assert "Tjänsten är tillfälligt otillgänglig" in response.text
    assert '<html lang="sv">' in response.text  # the real page, not the last-resort one


@MODES
def test_a_new_password_is_not_half_set_and_never_handed_back(
    app, client, make_user, database_fails, at
):
    from app.accounts import services as accounts
    from app.accounts.models import TokenPurpose, User
    from app.accounts.passwords import verify_password

    user = make_user(email="asa@example.org")
    with app.app_context():
        secret = accounts.issue_token(db.session.get(User, user.id), TokenPurpose.RESET)
        db.session.commit()
        path = f"/password/reset/{secret}"
    client.get(path)
    database_fails(at)
    new = "ett helt nytt lösenord"
    response = post(client, path, {"password": new, "confirm": new}, token_from=path)
    database_fails(None)
    html = assert_outage_page(response)
    assert "Välj nytt lösenord" in html and new not in html
    assert html.count('type="password" value=""') == 2
    assert html.count('autocomplete="new-password"') == 2
    with app.app_context():
        assert verify_password(db.session.get(User, user.id).password_hash, PASSWORD)


def test_a_nomination_stored_is_acknowledged_even_if_the_database_goes_down_after(
    app, client, award, outbox, database_fails
):
    """Nothing is read after the commit: the receipt is composed inside the transaction."""
    from tests.awards.test_nomination import valid

    path = f"{award.public}/nominate"
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', client.get(path).text).group(1)
    database_fails("after-commit")
    response = client.post(path, data=valid(award, csrf_token=token))
    database_fails(None)
    assert response.status_code == 302, response.text[:500]
    assert response.headers["Location"] == f"{path}/receipt"
    assert rows(app, Nomination) == 1
    [receipt] = outbox()
    assert receipt["To"] == "nils@example.org"


def test_a_registration_stored_is_acknowledged_even_if_the_database_goes_down_after(
    app, client, unit, make_event, outbox, database_fails
):
    event = open_event(make_event, unit)
    client.get(f"/events/{event.id}")
    database_fails("after-commit")
    response = register(client, event)
    database_fails(None)
    assert response.status_code == 302
    assert len(registrations(app)) == 1 and len(outbox()) == 1


def test_after_a_commit_the_503_never_says_that_nothing_was_saved(
    app, client, make_user, database_fails
):
    """Signing in reads the user again after its commit; the session row is stored by then."""
    user = make_user(email="asa@example.org")
    client.get("/login")
    database_fails("after-commit")
    response = post(client, "/login", {"email": user.email, "password": PASSWORD}, "/login")
    database_fails(None)
    assert response.status_code == 503
    assert "Tjänsten är tillfälligt otillgänglig" in response.text
    assert "Inget sparades" not in response.text
    assert rows(app, LoginSession) == 1
