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
    except Exception as error:
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


def test_a_call_closed_early_before_the_column_keeps_its_moment_from_the_audit_log(
    empty_database_url,
):
    from datetime import UTC, datetime

    from sqlalchemy import MetaData

    app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": empty_database_url})
    planned = datetime(2026, 12, 23, 23, 0, tzinfo=UTC)
    closed = datetime(2026, 12, 2, 13, 5, tzinfo=UTC)
    with app.app_context():
        upgrade(revision="0010_one_registration")
        tables = MetaData()
        tables.reflect(db.engine, only=("unit", "award_cycle", "audit_entry"))
        unit, cycle, audit = (tables.tables[n] for n in ("unit", "award_cycle", "audit_entry"))
        common = {
            "nominations_open_at": datetime(2026, 11, 1, tzinfo=UTC),
            "nominations_close_at": planned,
            "description": "", "aggregation": "mean", "normalise": False,
            "partner_decides": False, "retention_months": 12, "embargo_lift_reason": "",
            "created_at": closed,
        }  # fmt: skip
        with db.engine.begin() as conn:
            conn.execute(unit.insert().values(
                id=1, name="Hägersten-Älvsjö", short_name="HÄ", slug="ha", kind="council",
                contact_name="", contact_phone="", contact_email=""))  # fmt: skip
            conn.execute(cycle.insert(), [
                dict(common, id=1, unit_id=1, year=2026, title="Tidigt stängd", phase="screening"),
                dict(common, id=2, unit_id=1, year=2025, title="Öppen", phase="nominations_open"),
                dict(common, id=3, unit_id=1, year=2024, title="Stängd i tid", phase="judging"),
            ])  # fmt: skip
            conn.execute(audit.insert(), [
                {"at": closed, "action": "awards.phase_changed", "object_type": "AwardCycle",
                 "object_id": "1", "details": {"before": "nominations_open",
                                               "after": "screening", "by": "person"}},
                {"at": planned, "action": "awards.phase_changed", "object_type": "AwardCycle",
                 "object_id": "3", "details": {"before": "nominations_open",
                                               "after": "screening", "by": "clock"}},
            ])  # fmt: skip
        upgrade(revision="heads")
        with db.engine.connect() as conn:
            rows = dict(
                conn.execute(text("SELECT id, nominations_closed_at FROM award_cycle")).all()
            )
        db.engine.dispose()
    assert rows[2] is None and rows[3] is None
    assert rows[1] is not None and str(rows[1]).startswith("2026-12-02 13:05")
