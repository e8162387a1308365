"""`flask db backup PATH`: consistent while writes go on, checked, and restorable."""

from __future__ import annotations

import os
import secrets
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text

from app import create_app
from app.core.backup import BackupError, backup, backup_command, backup_postgresql, backup_sqlite
from app.extensions import db
from app.units.models import Unit, UnitKind
from tests.conftest import PG_URL, require

ROOT = Path(__file__).resolve().parents[2]


def _app_on(url: str, tmp_path: Path):
    app = create_app(
        {"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": url, "MAIL_OUTBOX": str(tmp_path)}
    )
    app.instance_path = str(tmp_path)
    return app


def _add_units(app, count: int, prefix: str = "enhet") -> None:
    with app.app_context():
        db.create_all()
        for n in range(count):
            slug = f"{prefix}-{n}"
            db.session.add(Unit(name=slug, short_name=slug, slug=slug, kind=UnitKind.COUNCIL))
        db.session.commit()


def _unit_count(app) -> int:
    with app.app_context():
        count = db.session.scalar(select(func.count()).select_from(Unit))
        db.engine.dispose()
        return count


def _sqlite_units(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT count(*) FROM unit").fetchone()[0]


@pytest.mark.nodb
def test_backup_is_consistent_while_another_connection_writes(tmp_path):
    live = tmp_path / "live.sqlite"
    app = _app_on(f"sqlite:///{live}", tmp_path)
    _add_units(app, 10)
    with app.app_context():
        db.engine.dispose()
    with sqlite3.connect(live) as conn:  # about 4 MB, so the copy takes many steps
        conn.execute("CREATE TABLE ballast (data BLOB)")
        conn.executemany("INSERT INTO ballast VALUES (?)", [(os.urandom(4096),)] * 1000)
    errors: list[Exception] = []
    written = []
    stop = threading.Event()

    def write() -> None:
        conn = sqlite3.connect(live, timeout=15, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        deadline = time.monotonic() + 20
        for n in range(10_000):
            if stop.is_set() or time.monotonic() > deadline:
                break
            try:
                conn.execute("BEGIN IMMEDIATE")
                conn.execute(
                    "INSERT INTO unit (name, short_name, slug, kind, contact_name, "
                    "contact_phone, contact_email) VALUES (?, ?, ?, 'council', '', '', '')",
                    (f"ny-{n}", f"ny-{n}", f"ny-{n}"),
                )
                conn.execute("COMMIT")
                written.append(n)
            except sqlite3.Error as error:
                errors.append(error)
                break
        conn.close()

    writer = threading.Thread(target=write)
    writer.start()
    time.sleep(0.05)
    before = 10 + len(written)
    size = backup_sqlite(live, tmp_path / "copy.sqlite", pages=8)
    after = 10 + len(written)
    stop.set()
    writer.join(timeout=30)

    assert errors == []  # the writer was never locked out
    assert size > 4_000_000
    with sqlite3.connect(tmp_path / "copy.sqlite") as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert before <= _sqlite_units(tmp_path / "copy.sqlite") <= after
    assert not (tmp_path / "copy.sqlite.part").exists()


def _flask(database: Path, *args: str) -> subprocess.CompletedProcess:
    """Run a real `flask` command against the SQLite file `database`."""
    env = {**os.environ, "FLASK_APP": "wsgi", "TORGET_ENV": "development"}
    env["DATABASE_URL"] = f"sqlite:///{database}"
    return subprocess.run(
        [sys.executable, "-m", "flask", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.nodb
def test_a_backup_is_restored_by_the_documented_steps(tmp_path):
    """Back up with the real command, restore as docs/operations.md says, read the data."""
    live = tmp_path / "torget.sqlite"
    assert _flask(live, "db", "upgrade", "heads").returncode == 0
    _add_units(_app_on(f"sqlite:///{live}", tmp_path), 3)
    copy = tmp_path / "backup" / "torget-2026-11-27.sqlite"
    copy.parent.mkdir()
    made = _flask(live, "db", "backup", str(copy))
    assert made.returncode == 0, made.stderr
    assert "Säkerhetskopia sparad" in made.stdout

    restored = tmp_path / "restored" / "torget.sqlite"
    restored.parent.mkdir()
    shutil.copy(copy, restored)
    upgraded = _flask(restored, "db", "upgrade", "heads")
    assert upgraded.returncode == 0, upgraded.stderr
    assert _unit_count(_app_on(f"sqlite:///{restored}", tmp_path)) == 3


@pytest.mark.nodb
def test_the_command_refuses_to_overwrite_and_says_why(tmp_path):
    live = tmp_path / "live.sqlite"
    app = _app_on(f"sqlite:///{live}", tmp_path)
    _add_units(app, 1)
    target = tmp_path / "copy.sqlite"
    target.write_text("an earlier backup")
    runner = app.test_cli_runner()

    refused = runner.invoke(backup_command, [str(target)])
    assert refused.exit_code != 0
    assert "finns redan" in refused.output
    assert target.read_text() == "an earlier backup"

    missing_dir = runner.invoke(backup_command, [str(tmp_path / "nej" / "copy.sqlite")])
    assert missing_dir.exit_code != 0 and "finns inte" in missing_dir.output

    forced = runner.invoke(backup_command, [str(target), "--force"])
    assert forced.exit_code == 0, forced.output
    assert _sqlite_units(target) == 1


@pytest.mark.nodb
def test_databases_that_cannot_be_backed_up_are_refused(tmp_path):
    with pytest.raises(BackupError):
        backup("sqlite://", tmp_path / "x.sqlite")
    with pytest.raises(BackupError):
        backup_sqlite(tmp_path / "finns-inte.sqlite", tmp_path / "x.sqlite")
    with pytest.raises(BackupError):
        backup("mysql://localhost/torget", tmp_path / "x.sql")
    assert not (tmp_path / "x.sqlite").exists()


@pytest.mark.postgres
def test_postgresql_backup_restores_with_pg_restore(tmp_path):
    require(shutil.which("pg_dump") and shutil.which("pg_restore"), "pg_dump and pg_restore")
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    source, target = (f"torget_backup_{secrets.token_hex(4)}_{n}" for n in (1, 2))
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{source}"'))
        conn.execute(text(f'CREATE DATABASE "{target}"'))
    base = PG_URL.rsplit("/", 1)[0]
    try:
        app = _app_on(f"{base}/{source}", tmp_path)
        _add_units(app, 4)
        with app.app_context():
            db.engine.dispose()
        dump = tmp_path / "torget.dump"
        assert backup_postgresql(f"{base}/{source}", dump) > 0
        libpq = f"{base}/{target}".replace("postgresql+psycopg://", "postgresql://")
        subprocess.run(
            ["pg_restore", "--no-owner", f"--dbname={libpq}", str(dump)],
            check=True,
            capture_output=True,
            timeout=120,
        )
        assert _unit_count(_app_on(f"{base}/{target}", tmp_path)) == 4
    finally:
        with admin.connect() as conn:
            for name in (source, target):
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
