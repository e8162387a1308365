"""Password reset: a mailed link that expires, works once and ends old sessions."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.accounts import services
from app.accounts.models import AccountToken, LoginSession, User
from app.accounts.passwords import verify_password
from app.audit.models import AuditEntry
from app.db import utcnow
from app.extensions import db
from tests.conftest import PASSWORD, post

NEW_PASSWORD = "ett helt nytt lösenord"
LINK_RE = re.compile(r"http://localhost(/password/reset/\S+)")


def _request_link(client, outbox, email: str, sent_before: int = 0) -> str:
    response = post(client, "/password/reset", {"email": email}, "/password/reset")
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    messages = outbox()
    assert len(messages) == 1 + sent_before
    message = messages[-1]
    assert message["To"] == email
    assert message["Subject"] == "Nytt lösenord till Torget"
    body = message.get_content()
    assert "Länken gäller i en timme" in body
    return LINK_RE.search(body).group(1)


def test_reset_by_mailed_link(app, client, outbox, make_user, unit):
    user = make_user("organiser", unit)
    path = _request_link(client, outbox, user.email)
    assert client.get(path).status_code == 200
    response = post(client, path, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}, path)
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    assert "Lösenordet är bytt" in client.get("/login").get_data(as_text=True)
    with app.app_context():
        stored = db.session.get(User, user.id)
        assert verify_password(stored.password_hash, NEW_PASSWORD)
        actions = db.session.scalars(select(AuditEntry.action)).all()
        assert "user.password" in actions


def test_the_link_works_only_once(client, outbox, make_user, unit):
    user = make_user("organiser", unit)
    path = _request_link(client, outbox, user.email)
    post(client, path, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}, path)
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"] == "/password/reset"
    assert "Länken är ogiltig eller har gått ut" in client.get("/password/reset").get_data(
        as_text=True
    )
    again = post(
        client,
        path,
        {"password": "ännu ett lösenord", "confirm": "ännu ett lösenord"},
        "/password/reset",
    )
    assert again.status_code == 302
    assert again.headers["Location"] == "/password/reset"


def test_the_link_expires_after_an_hour(app, client, outbox, make_user, unit, monkeypatch):
    user = make_user("organiser", unit)
    path = _request_link(client, outbox, user.email)
    issued = utcnow()
    max_age = timedelta(seconds=app.config["PASSWORD_RESET_MAX_AGE"])
    monkeypatch.setattr(services, "utcnow", lambda: issued + max_age - timedelta(seconds=5))
    assert client.get(path).status_code == 200  # still valid just before the hour
    monkeypatch.setattr(services, "utcnow", lambda: issued + max_age + timedelta(seconds=5))
    response = client.get(path)
    assert response.status_code == 302 and response.headers["Location"] == "/password/reset"
    with app.app_context():
        assert verify_password(db.session.get(User, user.id).password_hash, PASSWORD)


def test_reset_ends_every_session(app, client, login, outbox, make_user, unit):
    user = make_user("organiser", unit)
    signed_in = login(user, on=app.test_client())
    assert signed_in.get("/profile").status_code == 200
    path = _request_link(client, outbox, user.email)
    post(client, path, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}, path)
    assert signed_in.get("/profile").status_code == 302
    with app.app_context():
        assert all(s.revoked_at for s in db.session.scalars(select(LoginSession)))


@pytest.mark.parametrize("active", [False, None])
def test_no_mail_for_unknown_or_inactive_accounts(client, outbox, make_user, unit, active):
    email = "nobody@example.org"
    if active is False:
        email = make_user("organiser", unit, is_active=False).email
    response = post(client, "/password/reset", {"email": email}, "/password/reset")
    assert response.status_code == 302  # the same answer as for a real account
    assert outbox() == []


@pytest.mark.parametrize(
    ("password", "confirm", "message"),
    [
        ("kort", "kort", "Lösenordet måste ha minst 12 tecken."),
        (NEW_PASSWORD, "något annat här", "Lösenorden är inte lika."),
        ("", "", "Fyll i ett lösenord."),
    ],
)
def test_bad_new_passwords_are_explained(
    app, client, outbox, make_user, unit, password, confirm, message
):
    user = make_user("organiser", unit)
    path = _request_link(client, outbox, user.email)
    response = post(client, path, {"password": password, "confirm": confirm}, path)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    with app.app_context():
        assert verify_password(db.session.get(User, user.id).password_hash, PASSWORD)


@pytest.mark.parametrize("token", ["x", "a.b.c", "ey" + "A" * 3000])
def test_forged_tokens_are_refused(client, token):
    response = client.get(f"/password/reset/{token}")
    assert response.status_code == 302 and response.headers["Location"] == "/password/reset"


def test_bad_email_is_explained(client, outbox):
    response = post(client, "/password/reset", {"email": "inte en adress"}, "/password/reset")
    assert response.status_code == 200
    assert "Skriv en giltig e-postadress" in response.get_data(as_text=True)
    assert outbox() == []


def test_a_forged_host_never_reaches_the_mailed_link(app, client, outbox, make_user, unit):
    """The link is built from PUBLIC_BASE_URL, whatever Host the request named."""
    user = make_user("organiser", unit)
    token = client.get("/password/reset", headers={"Host": "evil.example"})
    csrf = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', token.get_data(as_text=True))
    response = client.post(
        "/password/reset",
        data={"email": user.email, "csrf_token": csrf.group(1)},
        headers={"Host": "evil.example"},
    )
    assert response.status_code == 302
    body = outbox()[0].get_content()
    assert "evil.example" not in body
    assert LINK_RE.search(body)  # http://localhost is the testing PUBLIC_BASE_URL


def test_the_link_carries_nothing_but_a_random_secret(app, client, outbox, make_user, unit):
    """No user id, no part of the password hash: only the secret's hash is stored."""
    user = make_user("organiser", unit)
    path = _request_link(client, outbox, user.email)
    secret = path.rsplit("/", 1)[1]
    with app.app_context():
        stored = db.session.get(User, user.id)
        token = db.session.scalars(select(AccountToken)).one()
        assert secret not in token.token_hash and token.token_hash != secret
        assert stored.password_hash[-16:] not in secret
    assert "." not in secret and str(user.id) != secret  # not a signed, readable payload


def test_reset_mail_is_sent_after_the_response(app, make_user, unit, outbox):
    """The answer is complete before the address is even looked up: no mail and no link
    exist until the server has closed the response, for a known or an unknown address."""
    user = make_user("organiser", unit)
    client = app.test_client()
    for email in (user.email, "nobody@example.org"):
        with app.app_context():
            tokens_before = db.session.scalars(select(AccountToken)).all()
        mails_before = len(outbox())
        token = re.search(
            r'name="csrf_token"[^>]*value="([^"]+)"',
            client.get("/password/reset").get_data(as_text=True),
        ).group(1)
        response = client.post(
            "/password/reset", data={"email": email, "csrf_token": token}, buffered=False
        )
        assert response.status_code == 302 and response.headers["Location"] == "/login"
        with app.app_context():
            assert len(db.session.scalars(select(AccountToken)).all()) == len(tokens_before)
        assert len(outbox()) == mails_before
        response.close()  # what the server does once the answer is sent
    assert len(outbox()) == 1 and outbox()[0]["To"] == user.email


def test_a_new_password_retires_every_outstanding_link(app, client, outbox, make_user, unit):
    user = make_user("organiser", unit)
    first = _request_link(client, outbox, user.email)
    second = _request_link(client, outbox, user.email, sent_before=1)
    post(client, second, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}, second)
    assert client.get(first).headers["Location"] == "/password/reset"
