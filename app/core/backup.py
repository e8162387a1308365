"""`flask db backup PATH`: a consistent copy of the database, safe while Torget serves.

SQLite: SQLite's online backup API copies the live database page by page, in steps, so
writers are held up for one step at a time and never see a lock for the whole copy; a
write during the copy makes SQLite restart it, so the result is always one consistent
moment. The copy is checked with `PRAGMA integrity_check` before the command reports
success. PostgreSQL: `pg_dump --format=custom`, which reads one snapshot (restore with
`pg_restore`, see docs/operations.md).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_migrate.cli import db as db_commands
from sqlalchemy.engine import make_url

from app.core.cli import Failure

#: Pages copied per step of the SQLite backup; between steps writers get their turn.
PAGES_PER_STEP = 1024


class BackupError(Exception):
    """The backup could not be made or did not check out."""


def backup_sqlite(source: Path, target: Path, pages: int = PAGES_PER_STEP) -> int:
    """Copy the SQLite database `source` to `target` online; return its size in bytes."""
    if not source.is_file():
        raise BackupError(f"{source} finns inte")
    partial = target.with_name(target.name + ".part")
    partial.unlink(missing_ok=True)
    live = sqlite3.connect(source, timeout=15)
    copy = sqlite3.connect(partial)
    try:
        live.backup(copy, pages=pages, sleep=0.005)
        copy.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
        verdict = copy.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        copy.close()
        live.close()
    if verdict != "ok":
        partial.unlink(missing_ok=True)
        raise BackupError(f"kopian klarade inte integrity_check: {verdict}")
    os.replace(partial, target)  # the target appears only once it is whole
    return target.stat().st_size


def backup_postgresql(url: str, target: Path) -> int:
    """Dump the PostgreSQL database at `url` to `target` with pg_dump; return its size."""
    if shutil.which("pg_dump") is None:
        raise BackupError("pg_dump saknas (Debian-paketet postgresql-client)")
    parsed = make_url(url)
    libpq = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
    partial = target.with_name(target.name + ".part")
    result = subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", f"--file={partial}", libpq],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        partial.unlink(missing_ok=True)
        raise BackupError(result.stderr.strip() or f"pg_dump avslutades med {result.returncode}")
    os.replace(partial, target)
    return target.stat().st_size


def backup(url: str, target: Path) -> int:
    """Back up the database at `url` to `target`, by its kind; return the size in bytes."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if not parsed.database or parsed.database == ":memory:":
            raise BackupError("en databas i minnet kan inte säkerhetskopieras")
        return backup_sqlite(Path(parsed.database), target)
    if parsed.get_backend_name() == "postgresql":
        return backup_postgresql(url, target)
    raise BackupError(f"okänd databastyp: {parsed.get_backend_name()}")


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Skriv över en befintlig fil.")
@with_appcontext
def backup_command(path: Path, force: bool) -> None:
    """Make a consistent backup of the database to PATH, safe while serving."""
    if path.exists() and not force:
        raise Failure(f"{path} finns redan; välj ett annat namn eller ange --force")
    if not path.parent.is_dir():
        raise Failure(f"mappen {path.parent} finns inte")
    try:
        size = backup(current_app.config["SQLALCHEMY_DATABASE_URI"], path)
    except (BackupError, sqlite3.Error, OSError) as error:
        raise Failure(f"säkerhetskopian misslyckades: {error}") from error
    click.echo(f"Säkerhetskopia sparad: {path} ({size:,} byte)".replace(",", " "))


def init_app() -> None:
    """Add `backup` to Flask-Migrate's `flask db` group (idempotent)."""
    db_commands.add_command(backup_command)
