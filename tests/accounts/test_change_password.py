"""Changing one's own password: the current one first, other devices signed out, a mail."""

from __future__ import annotations

from sqlalchemy import select

from app.accounts.models import User
from app.audit.models import AuditEntry
from app.extensions import db
from tests.conftest import PASSWORD, post

PATH = "/profile/password"
NEW = "en helt annan lång fras"


def _hash(app, user) -> str:
    with app.app_context():
        return db.session.get(User, user.id).password_hash


def _change(client, current=PASSWORD, new=NEW, confirm=None):
    data = {"current": current, "password": new, "confirm": new if confirm is None else confirm}
    return post(client, PATH, data, token_from=PATH)


def test_the_password_is_changed_and_other_devices_are_signed_out(
    app, client, login, make_user, unit, outbox
):
    user = make_user("organiser", unit)
    login(user)
    phone = login(user, on=app.test_client())
    assert "Byt lösenord" in client.get("/profile").get_data(as_text=True)

    response = _change(client)
    assert response.status_code == 302 and response.headers["Location"] == "/profile"
    assert client.get("/profile").status_code == 200  # this device stays signed in
    assert phone.get("/profile").status_code == 302  # the other one is signed out
    login(user, password=NEW, on=app.test_client())
    refused = post(app.test_client(), "/login", {"email": user.email, "password": PASSWORD},
                   token_from="/login")  # fmt: skip
    assert refused.status_code == 200 and "Fel e-postadress" in refused.get_data(as_text=True)
    [mail] = outbox()
    assert mail["To"] == user.email and "lösenord" in mail["Subject"]
    with app.app_context():
        assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "user.password"))


def test_a_wrong_current_password_changes_nothing(app, client, login, make_user, unit, outbox):
    user = make_user("organiser", unit)
    login(user)
    before = _hash(app, user)
    response = _change(client, current="fel lösenord")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Det nuvarande lösenordet stämmer inte." in html
    assert 'value="fel lösenord"' not in html  # a password is never sent back
    assert _hash(app, user) == before and outbox() == []


def test_a_short_or_mistyped_new_password_is_refused_beside_the_field(
    app, client, login, make_user, unit
):
    user = make_user("organiser", unit)
    login(user)
    before = _hash(app, user)
    short = _change(client, new="kort").get_data(as_text=True)
    assert "minst 12 tecken" in short
    mistyped = _change(client, confirm=NEW + "x").get_data(as_text=True)
    assert "Lösenorden är inte lika." in mistyped
    # The current password is asked for first, on the page and in the error summary.
    assert mistyped.index('id="current"') < mistyped.index('id="password"')
    assert _hash(app, user) == before


def test_guessing_the_current_password_is_limited(app, client, login, make_user, unit):
    user = make_user("organiser", unit)
    login(user)
    statuses = [_change(client, current=f"gissning {n}").status_code for n in range(6)]
    assert statuses == [400] * 5 + [429]
    assert _change(client).status_code == 429  # even the right one, until the window ends
    login(user, on=app.test_client())  # the old password still works


def test_signed_out_visitors_are_sent_to_the_login_page(client):
    response = client.get(PATH)
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert (
        post(client, PATH, {"current": PASSWORD, "password": NEW, "confirm": NEW}).status_code
        == 302
    )
