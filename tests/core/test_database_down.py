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


def _token(client) -> str:
    from tests.conftest import CSRF_RE

    return CSRF_RE.search(client.get("/login").get_data(as_text=True)).group(1)


def test_signing_in_answers_503_with_the_address_kept(down_client):
    response = down_client.post(
        "/login",
        data={"email": "a@example.org", "password": "hemligt", "csrf_token": _token(down_client)},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 503
    assert "Inget sparades" in html and "Försök igen om en stund" in html
    assert 'value="a@example.org"' in html
    assert "hemligt" not in html


def test_a_form_sent_while_the_database_is_down_is_handed_back(down_client):
    """The event cannot even be loaded: the page lists what was sent and can send it again."""
    data = {"name": "Åsa <Öberg>", "email": "asa@example.org", "website": "", "date": ""}
    response = down_client.post(
        "/events/1/register", data={**data, "csrf_token": _token(down_client)}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 503
    assert response.headers["Retry-After"]
    assert "<dd>Åsa &lt;Öberg&gt;</dd>" in html
    assert '<input type="hidden" name="name" value="Åsa &lt;Öberg&gt;">' in html
    assert 'action="/events/1/register"' in html and "Skicka igen" in html
    assert "<dt>website</dt>" not in html  # empty fields are sent again, not listed


@pytest.fixture
def full_disk(tmp_path):
    """An app on its own SQLite file; `fill()` caps the file at its size, as a full disk does."""
    from sqlalchemy import event

    from app.extensions import db
    from tests.conftest import compile_catalogues

    compile_catalogues()
    app = create_app(
        {
            "ENV_NAME": "testing",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'full.sqlite'}",
            "MAIL_OUTBOX": str(tmp_path / "outbox"),
        }
    )
    app.instance_path = str(tmp_path)
    with app.app_context():
        db.create_all()
        engine = db.engine

    def cap(dbapi_connection, record):
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    def fill() -> None:
        event.listen(engine, "connect", cap)
        engine.dispose()  # every connection from now on is capped

    def free() -> None:
        event.remove(engine, "connect", cap)
        engine.dispose()

    yield app, fill, free
    with app.app_context():
        db.session.remove()
        engine.dispose()


def test_a_full_sqlite_disk_keeps_the_report_and_the_database_intact(full_disk):
    """A genuine SQLITE_FULL: 503 with the text typed, nothing half-written, integrity ok."""
    from sqlalchemy import func, select, text

    from app.extensions import db
    from app.pages.models import AccessibilityReport
    from tests.conftest import CSRF_RE

    app, fill, free = full_disk
    client = app.test_client()
    token = CSRF_RE.search(client.get("/accessibility").get_data(as_text=True)).group(1)
    description = ("Kontrasten <är> för låg. " * 200)[:4999]  # over 5 kB: a page of its own
    fill()
    data = {"description": description, "csrf_token": token}
    response = client.post("/accessibility", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 503, html[:300]
    assert "Inget sparades" in html
    assert "Kontrasten &lt;är&gt; för låg." in html
    free()
    with app.app_context():
        assert db.session.scalar(text("PRAGMA integrity_check")) == "ok"
        assert db.session.scalar(select(func.count()).select_from(AccessibilityReport)) == 0
    token = CSRF_RE.search(html).group(1)
    again = client.post("/accessibility", data={**data, "csrf_token": token})
    assert again.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(AccessibilityReport.description)) == description
