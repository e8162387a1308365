"""`flask db upgrade` builds an empty database, and the models do not drift from it."""

from __future__ import annotations

import os
import secrets

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import create_engine, text

from app import create_app
from app.extensions import db
from tests.conftest import BACKEND, PG_URL, require


@pytest.fixture
def empty_database_url(tmp_path):
    if BACKEND == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.sqlite'}"
        return
    schema = f"migr_{os.getpid()}_{secrets.token_hex(4)}"
    admin = create_engine(PG_URL)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as error:  # noqa: BLE001
        admin.dispose()
        require(False, f"PostgreSQL ({error.__class__.__name__})")
    yield f"{PG_URL}?options=-csearch_path%3D{schema}"
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def test_upgrade_builds_an_empty_database_without_drift(empty_database_url):
    app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": empty_database_url})
    with app.app_context():
        upgrade(revision="heads")
        with db.engine.connect() as conn:
            context = MigrationContext.configure(
                conn, opts={"compare_type": True, "render_as_batch": True}
            )
            diff = compare_metadata(context, db.metadata)
            tables = set(db.inspect(conn).get_table_names())
        db.engine.dispose()
    assert diff == [], f"models and migrations differ: {diff}"
    assert {"unit", "user_account", "event", "occurrence", "registration"} <= tables
