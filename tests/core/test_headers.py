"""Security headers on every kind of response; staff pages are never cached."""

from __future__ import annotations

import pytest

from tests.conftest import post


def _assert_security_headers(response) -> None:
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "default-src 'self'" in csp and "object-src 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize(
    ("path", "status", "content_type"),
    [
        ("/", 200, "text/html"),
        ("/login", 200, "text/html"),
        ("/static/css/torget.css", 200, "text/css"),
        ("/finns-inte", 404, "text/html"),
        ("/profile", 302, "text/html"),
        ("/logout", 405, "text/html"),
    ],
)
def test_public_responses_carry_security_headers(client, path, status, content_type):
    response = client.get(path)
    assert response.status_code == status
    assert response.content_type.startswith(content_type)
    _assert_security_headers(response)


def test_error_responses_carry_security_headers(client):
    response = client.post("/login", data={})
    assert response.status_code == 400
    _assert_security_headers(response)
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("path", ["/profile", "/admin/", "/admin/users/new"])
def test_staff_pages_are_not_stored(client, login, make_user, unit, path):
    login(make_user("admin", unit, is_site_admin=True))
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    _assert_security_headers(response)


def test_public_pages_may_be_cached_when_signed_out(client):
    assert "no-store" not in client.get("/privacy").headers.get("Cache-Control", "")


def test_public_page_for_a_signed_in_user_is_not_stored(client, login, make_user, unit):
    login(make_user("organiser", unit))
    assert client.get("/").headers["Cache-Control"] == "no-store"


def test_form_answers_are_not_stored(client):
    response = post(client, "/accessibility", {"description": "x"}, "/accessibility")
    assert response.status_code == 200  # re-shown with the error
    assert response.headers["Cache-Control"] == "no-store"


def test_hsts_only_where_served_over_tls(client, monkeypatch):
    assert "Strict-Transport-Security" not in client.get("/").headers  # development, tests
    from app import create_app

    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.setenv("DATABASE_URL", "sqlite://")
    production = create_app("production").test_client()
    response = production.get("/privacy")
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
