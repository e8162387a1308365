"""Signing in and out: sessions, cookies, rate limits, redirects."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.accounts.models import LoginSession
from app.audit.models import AuditEntry
from app.extensions import db
from tests.conftest import PASSWORD, csrf_token, post


def test_login_page_has_the_named_fields(client):
    html = client.get("/login").get_data(as_text=True)
    assert 'name="email"' in html and 'name="password"' in html
    assert 'for="email"' in html and 'for="password"' in html


def test_login_and_profile(app, client, make_user, unit):
    user = make_user("organiser", unit, name="Olle Arrangör")
    response = post(
        client, "/login", {"email": user.email.upper(), "password": PASSWORD}, token_from="/login"
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/manage/events/"  # an organiser's work starts there
    page = client.get("/profile").get_data(as_text=True)
    assert "Olle Arrangör" in page and "Arrangör" in page
    with app.app_context():
        assert (
            db.session.scalar(select(AuditEntry.action).where(AuditEntry.actor_id == user.id))
            == "user.login"
        )
        assert db.session.scalars(select(LoginSession)).one().revoked_at is None


def test_wrong_password_keeps_email_and_shows_error(client, make_user, unit):
    user = make_user("organiser", unit)
    response = post(
        client, "/login", {"email": user.email, "password": "wrong"}, token_from="/login"
    )
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Fel e-postadress eller lösenord" in html
    assert f'value="{user.email}"' in html
    assert 'aria-invalid="true"' in html
    assert client.get("/profile").status_code == 302


def test_unknown_email_gives_the_same_message(client):
    response = post(
        client, "/login", {"email": "nobody@example.org", "password": "x"}, token_from="/login"
    )
    assert "Fel e-postadress eller lösenord" in response.get_data(as_text=True)


def test_inactive_user_cannot_log_in(client, make_user, unit):
    user = make_user("organiser", unit, is_active=False)
    response = post(
        client, "/login", {"email": user.email, "password": PASSWORD}, token_from="/login"
    )
    assert response.status_code == 200
    assert client.get("/profile").status_code == 302


def test_empty_fields_are_explained(client):
    response = post(client, "/login", {"email": "", "password": ""}, token_from="/login")
    html = response.get_data(as_text=True)
    assert "Fyll i din e-postadress." in html and "Fyll i ditt lösenord." in html


def test_logout_revokes_the_old_cookie(app, client, login, make_user, unit):
    user = make_user("organiser", unit)
    login(user)
    cookie = client.get_cookie("session").value
    assert client.get("/profile").status_code == 200
    response = post(client, "/logout", {}, token_from="/profile")
    assert response.status_code == 302
    assert client.get("/profile").status_code == 302
    # A copy of the cookie from before the logout no longer works.
    thief = app.test_client()
    thief.set_cookie("session", cookie)
    assert thief.get("/profile").status_code == 302
    with app.app_context():
        assert db.session.scalars(select(LoginSession)).one().revoked_at is not None


def test_logout_by_get_is_not_allowed(client, login, make_user, unit):
    login(make_user("organiser", unit))
    assert client.get("/logout").status_code == 405
    assert client.get("/profile").status_code == 200


def test_login_rotates_the_session(app, client, make_user, unit):
    user = make_user("organiser", unit)
    client.get("/login")
    before = client.get_cookie("session").value
    post(client, "/login", {"email": user.email, "password": PASSWORD}, token_from="/login")
    assert client.get_cookie("session").value != before


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example",
        "javascript:alert(1)",
        "http:/evil.example",
        "\t//evil.example",
    ],
)
def test_next_only_redirects_to_local_paths(client, make_user, unit, target):
    user = make_user("organiser", unit)
    response = client.post(
        f"/login?next={target}",
        data={
            "email": user.email,
            "password": PASSWORD,
            "csrf_token": csrf_token(client, "/login"),
        },
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/manage/events/"  # the organiser's own page


def test_next_local_path_is_followed(client, make_user, unit):
    user = make_user("admin", unit)
    response = client.post(
        "/login?next=/admin/",
        data={
            "email": user.email,
            "password": PASSWORD,
            "csrf_token": csrf_token(client, "/login"),
        },
    )
    assert response.headers["Location"] == "/admin/"


def test_login_is_rate_limited_per_account(client, make_user, unit):
    user = make_user("organiser", unit)
    token = csrf_token(client, "/login")
    statuses = [
        client.post(
            "/login", data={"email": user.email, "password": "wrong", "csrf_token": token}
        ).status_code
        for _ in range(6)
    ]
    assert statuses[:5] == [200] * 5 and statuses[5] == 429
    response = client.post(
        "/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 429
    assert "För många försök" in response.get_data(as_text=True)


def test_guesses_from_other_addresses_never_lock_the_owner_out(app, make_user, unit):
    """Five wrong passwords from each of five addresses: the owner, from a sixth, signs in."""
    user = make_user("organiser", unit)
    for n in range(5):
        attacker = app.test_client()
        environ = {"REMOTE_ADDR": f"198.51.100.{n + 1}"}
        token = csrf_token(attacker, "/login")
        statuses = [
            attacker.post(
                "/login",
                data={"email": user.email, "password": "fel", "csrf_token": token},
                environ_base=environ,
            ).status_code
            for _ in range(6)
        ]
        assert statuses == [200] * 5 + [429]  # each guessing address is slowed
    owner = app.test_client()
    token = csrf_token(owner, "/login")
    response = owner.post(
        "/login",
        data={"email": user.email, "password": PASSWORD, "csrf_token": token},
        environ_base={"REMOTE_ADDR": "192.0.2.44"},
    )
    assert response.status_code == 302


def test_login_is_rate_limited_per_ip(client):
    token = csrf_token(client, "/login")
    statuses = [
        client.post(
            "/login", data={"email": f"n{i}@example.org", "password": "x", "csrf_token": token}
        ).status_code
        for i in range(21)
    ]
    assert statuses[-1] == 429 and set(statuses[:20]) == {200}


def test_cookie_flags(client, make_user, unit):
    user = make_user("organiser", unit)
    response = post(
        client,
        "/login",
        {"email": user.email, "password": PASSWORD, "remember": "y"},
        token_from="/login",
    )
    cookies = response.headers.getlist("Set-Cookie")
    session = next(c for c in cookies if c.startswith("session="))
    assert "HttpOnly" in session and "SameSite=Lax" in session
    remember = next(c for c in cookies if c.startswith("remember_token="))
    assert "HttpOnly" in remember and "SameSite=Lax" in remember


def test_production_cookies_are_secure():
    from app.config import Config, DevelopmentConfig

    assert Config.SESSION_COOKIE_SECURE and Config.REMEMBER_COOKIE_SECURE
    assert not DevelopmentConfig.SESSION_COOKIE_SECURE
    assert Config.REMEMBER_COOKIE_DURATION.days <= 14


@pytest.mark.parametrize(
    ("role", "landing"),
    [
        ("organiser", "/manage/events/"),
        ("juror", "/jury/"),
        ("award_admin", "/manage/awards/"),
        ("officer", "/reports/"),
        (None, "/profile"),
    ],
)
def test_each_role_lands_on_its_own_page_after_signing_in(client, make_user, unit, role, landing):
    user = make_user(role, unit) if role else make_user()
    response = post(
        client, "/login", {"email": user.email, "password": PASSWORD}, token_from="/login"
    )
    assert response.headers["Location"] == landing
