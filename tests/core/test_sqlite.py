"""The SQLite recipe: WAL, foreign keys, a busy timeout and writes that BEGIN IMMEDIATE."""

from __future__ import annotations

import multiprocessing
import time

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from app.config import engine_options
from app.db import install_sqlite_recipe, sqlite_begin_mode

pytestmark = pytest.mark.nodb

WORKERS = 4
TRANSACTIONS = 25


def _engine(url: str):
    install_sqlite_recipe()
    return create_engine(url, **engine_options(url))


@pytest.fixture
def url(tmp_path):
    url = f"sqlite:///{tmp_path / 'lock.sqlite'}"
    engine = _engine(url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE counter (id INTEGER PRIMARY KEY, value INTEGER)"))
        conn.execute(text("INSERT INTO counter VALUES (1, 0)"))
    engine.dispose()
    return url


def test_pragmas_are_set_on_every_connection(url):
    engine = _engine(url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    engine.dispose()


def test_deferred_read_then_write_fails_where_immediate_waits(url):
    """The cause, shown deterministically: a deferred reader cannot later write."""
    engine = _engine(url)
    token = sqlite_begin_mode.set("DEFERRED")
    try:
        with engine.connect() as reader, engine.connect() as writer:
            reader.begin()
            reader.execute(text("SELECT value FROM counter")).scalar()
            with writer.begin():
                writer.execute(text("UPDATE counter SET value = value + 1"))
            started = time.monotonic()
            with pytest.raises(OperationalError, match="database is locked"):
                reader.execute(text("UPDATE counter SET value = 10"))
            assert time.monotonic() - started < 5  # the busy timeout cannot help
            reader.rollback()
    finally:
        sqlite_begin_mode.reset(token)
        engine.dispose()


def _read_then_write(url: str, count: int) -> list[str]:
    """Run `count` read-modify-write transactions; return the errors met."""
    engine = _engine(url)
    errors = []
    for _ in range(count):
        try:
            with engine.begin() as conn:
                value = conn.execute(text("SELECT value FROM counter WHERE id = 1")).scalar()
                time.sleep(0.002)  # widen the window between the read and the write
                conn.execute(text("UPDATE counter SET value = :v WHERE id = 1"), {"v": value + 1})
        except OperationalError as error:
            errors.append(str(error.orig))
    engine.dispose()
    return errors


def test_concurrent_processes_never_see_database_is_locked(url):
    context = multiprocessing.get_context("spawn")
    with context.Pool(WORKERS) as pool:
        results = pool.starmap(_read_then_write, [(url, TRANSACTIONS)] * WORKERS, chunksize=1)
        pool.close()
        pool.join()
    errors = [error for result in results for error in result]
    assert errors == []
    engine = _engine(url)
    with engine.connect() as conn:
        # No update was lost either: each transaction saw the one before it.
        assert conn.execute(text("SELECT value FROM counter")).scalar() == WORKERS * TRANSACTIONS
    engine.dispose()
