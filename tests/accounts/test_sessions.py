"""Login sessions live on the server: a copied cookie dies with logout, deactivation or reset."""

from __future__ import annotations

from sqlalchemy import select

from app.accounts.models import LoginSession
from app.extensions import db
from tests.conftest import PASSWORD, post


def _cookie(response, name: str) -> str:
    header = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith(name + "="))
    return header.split(";", 1)[0].split("=", 1)[1]


def test_a_copied_remember_me_cookie_dies_with_logout(app, client, make_user, unit):
    user = make_user("organiser", unit)
    response = post(
        client,
        "/login",
        {"email": user.email, "password": PASSWORD, "remember": "y"},
        "/login",
    )
    remember = _cookie(response, "remember_token")
    thief = app.test_client()
    thief.set_cookie("remember_token", remember)
    assert thief.get("/profile").status_code == 200  # the cookie alone signs in ...
    post(client, "/logout", {}, "/profile")
    other = app.test_client()
    other.set_cookie("remember_token", remember)
    assert other.get("/profile").status_code == 302  # ... until the session is revoked
    with app.app_context():
        assert db.session.scalars(select(LoginSession.revoked_at)).one() is not None


def test_each_login_is_its_own_session(app, make_user, unit, login):
    user = make_user("organiser", unit)
    laptop, phone = login(user, on=app.test_client()), login(user, on=app.test_client())
    post(laptop, "/logout", {}, "/profile")
    assert laptop.get("/profile").status_code == 302
    assert phone.get("/profile").status_code == 200  # logging out one device keeps the other


def test_a_forged_session_key_is_refused(app, make_user, unit):
    make_user("organiser", unit)
    client = app.test_client()
    client.set_cookie("remember_token", "1|" + "a" * 64)
    assert client.get("/profile").status_code == 302
