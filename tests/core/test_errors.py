"""Error pages in Swedish for every status the app returns; never a traceback."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from app.extensions import db
from app.pages.models import AccessibilityReport
from tests.conftest import csrf_token, post


def _no_traceback(html: str) -> None:
    assert "Traceback" not in html and 'File "' not in html and "sqlalchemy" not in html.lower()


def test_404_is_swedish(client):
    response = client.get("/finns-inte")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert "Sidan finns inte" in html and 'lang="sv"' in html


def test_405_is_swedish(client):
    response = client.get("/logout")
    assert response.status_code == 405
    assert "Otillåten metod" in response.get_data(as_text=True)


def test_403_is_swedish(client, login, make_user, unit):
    login(make_user("organiser", unit))
    response = client.get("/admin/")
    assert response.status_code == 403
    assert "Åtkomst nekad" in response.get_data(as_text=True)


def test_413_is_swedish_and_stores_nothing(app, client):
    token = csrf_token(client, "/accessibility")
    big = "x" * (app.config["MAX_CONTENT_LENGTH"] + 1)
    response = client.post("/accessibility", data={"csrf_token": token, "description": big})
    assert response.status_code == 413
    assert "För stor begäran" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count(AccessibilityReport.id))) == 0


def test_429_is_swedish(client):
    token = csrf_token(client, "/login")
    for i in range(25):
        response = client.post(
            "/login", data={"email": f"a{i}@example.org", "password": "x", "csrf_token": token}
        )
    assert response.status_code == 429
    assert "Du har gjort för många försök" in response.get_data(as_text=True)
    assert 0 < int(response.headers["Retry-After"]) <= 600  # when to try again


def test_a_view_that_raises_gives_a_swedish_500_without_traceback(app, client, monkeypatch):
    def broken():
        raise RuntimeError("secret internals")

    monkeypatch.setitem(app.view_functions, "pages.privacy", broken)
    response = client.get("/privacy")
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert "Något gick fel" in html
    assert "secret internals" not in html
    _no_traceback(html)


def test_database_down_gives_a_swedish_503(app, client, monkeypatch):
    def unreachable():
        raise OperationalError(
            "SELECT 1", {}, Exception('connection to server at "db" failed: Connection refused')
        )

    monkeypatch.setitem(app.view_functions, "pages.privacy", unreachable)
    response = client.get("/privacy")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    html = response.get_data(as_text=True)
    assert "Tjänsten är tillfälligt otillgänglig" in html
    assert "Connection refused" not in html
    _no_traceback(html)


def test_database_down_during_a_form_post_gives_503(app, client, monkeypatch):
    def unreachable(*args, **kwargs):
        raise OperationalError("INSERT", {}, Exception("disk I/O error"))

    monkeypatch.setattr("app.pages.services.report_problem", unreachable)
    response = post(
        client, "/accessibility", {"description": "Knappen går inte att nå."}, "/accessibility"
    )
    assert response.status_code == 503
    assert "Försök igen om en stund" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/admin/users/99999999999999999999", 404),
        ("/admin/users/2147483648", 404),
        ("/admin/users/-1", 404),
        ("/admin/users/abc", 404),
        ("/admin/users/2147483647", 404),
        # A control character matches no route (PostgreSQL cannot compare it): 404.
        ("/password/reset/%00", 404),
        ("/password/reset/" + "x" * 5000, 302),
        ("/..%2f..%2fetc%2fpasswd", 404),
        ("/static/..%2f..%2fwsgi.py", 404),
    ],
)
def test_odd_paths_give_404_not_500(client, login, make_user, unit, path, status):
    login(make_user("admin", unit, is_site_admin=True))
    response = client.get(path)
    assert response.status_code == status
    _no_traceback(response.get_data(as_text=True))
