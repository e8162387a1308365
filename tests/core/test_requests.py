"""NUL bytes and odd input in forms never reach the database or cause a 500."""

from __future__ import annotations

from sqlalchemy import select

from app.accounts.models import User
from app.extensions import db
from app.pages.models import AccessibilityReport
from tests.conftest import post


def test_nul_bytes_in_login_are_a_wrong_password_not_an_error(client, make_user, unit):
    user = make_user("organiser", unit)
    response = post(
        client, "/login", {"email": user.email + "\x00", "password": "x\x00y"}, "/login"
    )
    assert response.status_code == 200
    assert "Fel e-postadress eller lösenord" in response.get_data(as_text=True)


def test_nul_bytes_are_dropped_from_stored_text(app, client, login, make_user, unit):
    login(make_user("admin", unit, is_site_admin=True))
    response = post(
        client,
        "/admin/users/new",
        {"email": "ny@example.org", "name": "Nils\x00 Nilsson", "password": "p" * 12},
        "/admin/users/new",
    )
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(User.name).where(User.email == "ny@example.org")) == (
            "Nils Nilsson"
        )


def test_nul_in_query_string_and_field_names(app, client):
    assert client.get("/?a%00b=c%00d").status_code == 200
    response = post(
        client,
        "/accessibility",
        {"pa\x00ge": "Startsidan", "description": "Kontrasten\x00 är för låg."},
        "/accessibility",
    )
    assert response.status_code == 302
    with app.app_context():
        stored = db.session.execute(
            select(AccessibilityReport.page, AccessibilityReport.description)
        ).all()
    assert [tuple(row) for row in stored] == [("Startsidan", "Kontrasten är för låg.")]
