"""Fixtures shared by every test: the app on SQLite or PostgreSQL, clients, factories.

The suite runs once per database: `TEST_DATABASE=sqlite` (the default) or
`TEST_DATABASE=postgresql` with `TEST_DATABASE_URL` (default: the local server,
database `test`), in a schema of its own that is dropped afterwards.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import tempfile
from contextlib import contextmanager
from itertools import count
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from sqlalchemy import create_engine, event, text

from app import create_app
from app.accounts import services as accounts
from app.accounts.models import Role
from app.extensions import db, limiter
from app.units.models import Unit, UnitKind

IN_CI = os.environ.get("CI", "").lower() == "true"
BACKEND = os.environ.get("TEST_DATABASE", "sqlite")
PG_URL = os.environ.get("TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
PASSWORD = "correct horse battery staple"


def terminate_backend(pid: int) -> None:
    """End one PostgreSQL connection, as a server restart would (only that one: other
    runs share the server)."""
    admin = create_engine(PG_URL)
    try:
        with admin.begin() as conn:
            assert conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}).scalar()
    finally:
        admin.dispose()


def require(condition: bool, what: str) -> None:
    """Skip locally when a service is missing; in CI a missing service fails the run."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{what} is required in CI but is not available", pytrace=False)
    pytest.skip(f"{what} is not available")  # outside CI only; with CI=true it failed above


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    """A fresh database for this run: an SQLite file, or a new PostgreSQL schema."""
    if BACKEND == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite'}"
        return
    schema = f"test_{os.getpid()}_{secrets.token_hex(4)}"
    admin = create_engine(PG_URL.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as error:
        admin.dispose()
        require(False, f"PostgreSQL at {PG_URL} ({error.__class__.__name__})")
    sep = "&" if "?" in PG_URL else "?"
    yield f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(scope="session")
def outbox_dir():
    path = Path(tempfile.mkdtemp(prefix="torget-outbox-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


def compile_catalogues() -> None:
    """Compile each .po into its .mo when missing or older (`make translations` does the same)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po in Path(__file__).parent.parent.glob("app/translations/*/LC_MESSAGES/messages.po"):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as source:
            catalog = read_po(source)
        partial = mo.with_suffix(f".{os.getpid()}.tmp")
        with partial.open("wb") as target:
            write_mo(target, catalog)
        partial.replace(mo)  # atomic: parallel runs never read half a file


class FinishingClient(FlaskClient):
    """A test client whose responses are read to the end and closed, as a server does:
    work deferred until a response is closed (`app.core.deferred`) has run on return."""

    def open(self, *args, buffered: bool = True, **kwargs):
        return super().open(*args, buffered=buffered, **kwargs)


@pytest.fixture(scope="session")
def app(database_url, outbox_dir, tmp_path_factory):
    """One application for the session; every test starts from empty tables."""
    compile_catalogues()
    app = create_app(
        {
            "ENV_NAME": "testing",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "MAIL_OUTBOX": str(outbox_dir),
        }
    )
    app.instance_path = str(tmp_path_factory.mktemp("instance"))
    app.test_client_class = FinishingClient
    with app.app_context():
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(autouse=True)
def _clean(request, outbox_dir):
    """Empty every table, the rate limiter and the outbox before each test."""
    if "nodb" in request.keywords:
        yield
        return
    app = request.getfixturevalue("app")
    with app.app_context():
        tables = [t.name for t in reversed(db.metadata.sorted_tables)]
        with db.engine.begin() as conn:
            # DELETE, children first: on PostgreSQL a TRUNCATE of every table costs
            # about a second per test, a DELETE of a few rows next to nothing.
            for name in tables:
                conn.execute(text(f'DELETE FROM "{name}"'))
    limiter.reset()
    for path in outbox_dir.glob("*.eml"):
        path.unlink()
    # No app context stays pushed during a test: requests made by the test client
    # must each get their own, as in production (g, the session, the current user).
    yield


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def outbox(outbox_dir):
    """The messages written so far, oldest first, parsed."""
    from email import message_from_bytes, policy

    def read():
        paths = sorted(outbox_dir.glob("*.eml"), key=lambda p: p.stat().st_mtime_ns)
        return [message_from_bytes(p.read_bytes(), policy=policy.default) for p in paths]

    return read


_seq = count(1)


def saved(*objects):
    """Commit, then hand the objects back detached with their columns loaded."""
    db.session.commit()
    for obj in objects:
        db.session.refresh(obj)
        db.session.expunge(obj)
    return objects[0] if len(objects) == 1 else objects


@pytest.fixture
def make_unit(app):
    def make(**overrides) -> Unit:
        n = next(_seq)
        values = {
            "name": f"Enhet {n} stadsdelsnämnd",
            "short_name": f"Enhet {n}",
            "slug": f"enhet-{n}",
            "kind": UnitKind.COUNCIL,
        }
        values.update(overrides)
        with app.app_context():
            unit = Unit(**values)
            db.session.add(unit)
            return saved(unit)

    return make


@pytest.fixture
def unit(make_unit):
    return make_unit(
        name="Hägersten-Älvsjö stadsdelsnämnd",
        short_name="Hägersten-Älvsjö",
        slug="hagersten-alvsjo",
    )


@pytest.fixture
def other_unit(make_unit):
    return make_unit(name="Bromma stadsdelsnämnd", short_name="Bromma", slug="bromma")


@pytest.fixture
def make_user(app):
    def make(role: Role | str | None = None, unit: Unit | None = None, **overrides):
        n = next(_seq)
        email = overrides.pop("email", f"user{n}@example.org")
        name = overrides.pop("name", f"Användare {n}")
        password = overrides.pop("password", PASSWORD)
        organisation_id = overrides.pop("organisation_id", None)
        if unit is not None:
            # As if the unit's admin had made it: the unit owns the account.
            overrides.setdefault("owner_unit_id", unit.id)
        with app.app_context():
            user = accounts.create_user(None, email, name, password, **overrides)
            if role is not None:
                accounts.add_membership(None, user, unit.id, Role(role), organisation_id)
            return saved(user)

    return make


CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


#: A page with a form for everyone, signed in or not (the accessibility report).
FORM_PAGE = "/accessibility"


def csrf_token(client, path: str = "/") -> str:
    """The session's CSRF token, read from a page's form (any form's, if `path` has none)."""
    html = client.get(path).get_data(as_text=True)
    match = CSRF_RE.search(html)
    if match is None and path != FORM_PAGE:
        # A public page without a form of its own carries no token (and sets no session).
        return csrf_token(client, FORM_PAGE)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def post(client, path: str, data: dict | None = None, token_from: str = "/", **kwargs):
    """POST with the session's CSRF token, as a browser would."""
    payload = dict(data or {})
    payload.setdefault("csrf_token", csrf_token(client, token_from))
    return client.post(path, data=payload, **kwargs)


@pytest.fixture
def login(client):
    """Sign `user` in on `client` (or another client) through the login form."""

    def do(user, password: str = PASSWORD, on=None):
        target = on or client
        response = post(
            target, "/login", {"email": user.email, "password": password}, token_from="/login"
        )
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return target

    return do


@contextmanager
def count_queries(app):
    """Count the SQL statements run inside the block: `with count_queries(app) as n: ...; n()`."""
    statements: list[str] = []

    def before(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    statements.clear()
    event.listen(engine, "before_cursor_execute", before)
    try:
        yield lambda: len(statements)
    finally:
        event.remove(engine, "before_cursor_execute", before)


@pytest.fixture
def make_event(app):
    """Create an event (published one-off by default) with its occurrences; returns it detached.

    Overrides: any Event column, plus `changes` (a list of OccurrenceChange kwargs).
    Times default to tomorrow 08:00–10:00 Stockholm time.
    """
    from datetime import datetime, timedelta

    from app.core.swedish import STOCKHOLM
    from app.events.models import Event, EventKind, EventStatus, OccurrenceChange
    from app.events.occurrences import rebuild_occurrences

    def make(unit, **overrides):
        n = next(_seq)
        tomorrow = (datetime.now(STOCKHOLM) + timedelta(days=1)).replace(
            hour=8, minute=0, second=0, microsecond=0
        )
        changes = overrides.pop("changes", [])
        values = {
            "unit_id": unit.id,
            "title": f"Frukostmöte {n}",
            "kind": EventKind.BREAKFAST_MEETING,
            "status": EventStatus.PUBLISHED,
            "starts_at": tomorrow,
            "ends_at": tomorrow + timedelta(hours=2),
            "uid": f"test-{n}@torget.test",
        }
        values.update(overrides)
        if values["status"] != EventStatus.DRAFT:
            values.setdefault("published_at", values["starts_at"] - timedelta(days=30))
        with app.app_context():
            event = Event(**values)
            db.session.add(event)
            db.session.flush()
            for change in changes:
                db.session.add(OccurrenceChange(event_id=event.id, **change))
            db.session.flush()
            db.session.refresh(event)
            rebuild_occurrences(event)
            return saved(event)

    return make


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` belong to the PostgreSQL run; the SQLite run leaves them out."""
    if BACKEND == "postgresql":
        return
    kept = [item for item in items if "postgres" not in item.keywords]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[i for i in items if "postgres" in i.keywords])
        items[:] = kept
