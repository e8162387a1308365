"""A database that cannot be reached gives the Swedish 503 page on every page, never a 500."""

from __future__ import annotations

import pytest

from app import create_app

pytestmark = pytest.mark.nodb

UNREACHABLE = {
    # Nothing listens on port 1; the connection is refused at once.
    "postgresql": "postgresql+psycopg://postgres@127.0.0.1:1/test?connect_timeout=2",
    "sqlite": "sqlite:////nonexistent-directory/torget.sqlite",
}


@pytest.fixture(params=sorted(UNREACHABLE))
def down_client(request, tmp_path):
    app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": UNREACHABLE[request.param]})
    app.instance_path = str(tmp_path)
    client = app.test_client()
    yield client
    with app.app_context():
        from app.extensions import db

        db.engine.dispose()


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/", 503),  # upcoming events and open award calls come from the database
        ("/login", 200),  # pages that need no database keep working
        ("/privacy", 200),
        ("/admin/", 302),  # anonymous: sent to log in, no query needed
    ],
)
def test_pages_needing_the_database_answer_503_in_swedish(down_client, path, status):
    response = down_client.get(path)
    html = response.get_data(as_text=True)
    assert response.status_code == status, html[:300]
    assert "Traceback" not in html
    if status != 503:
        return
    assert response.headers["Retry-After"] == "30"
    assert "Tjänsten är tillfälligt otillgänglig" in html
    assert "Traceback" not in html and "psycopg" not in html and "sqlite3" not in html


def test_signing_in_answers_503_not_500(down_client):
    from tests.conftest import CSRF_RE

    token = CSRF_RE.search(down_client.get("/login").get_data(as_text=True)).group(1)
    response = down_client.post(
        "/login", data={"email": "a@example.org", "password": "x", "csrf_token": token}
    )
    assert response.status_code == 503
    assert "Försök igen om en stund" in response.get_data(as_text=True)
