"""Reading what the app stored, straight from the database, after (or before) a run."""

from __future__ import annotations

from datetime import date

from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from loadtest.forms import email_pattern, index_of

UNIT = "hagersten-alvsjo"
#: The demo breakfast: one date, 30 places, a waiting list.
BREAKFAST_UID = "frukost-kommande@%"


def _rows(url: str, sql: str, **params) -> list:
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            return list(connection.execute(text(sql), params))
    finally:
        engine.dispose()


def breakfast(url: str) -> tuple[int, int]:
    """The breakfast's event id and capacity."""
    sql = "SELECT id, capacity FROM event WHERE uid LIKE :uid"
    event_id, capacity = _rows(url, sql, uid=BREAKFAST_UID)[0]
    return event_id, capacity


def nomination_path(url: str) -> str:
    """The public nomination form of this year's open cycle."""
    sql = (
        "SELECT c.year FROM award_cycle c JOIN unit u ON u.id = c.unit_id "
        "WHERE u.slug = :slug AND c.phase = 'nominations_open' AND c.year = :year"
    )
    (year,) = _rows(url, sql, slug=UNIT, year=date.today().year)[0]
    return f"/awards/{UNIT}/{year}/nominate"


def stored_nominations(url: str, tag: str) -> set[int]:
    """The submission numbers of run `tag` found among the nominations."""
    sql = "SELECT nominator_email FROM award_nomination WHERE nominator_email LIKE :p"
    return {index_of(r[0], tag) for r in _rows(url, sql, p=email_pattern(tag))}


def duplicate_candidates(url: str) -> int:
    """Companies gathered into more than one candidate in the same category."""
    sql = (
        "SELECT category_id, org_number FROM award_candidate "
        "WHERE company_name LIKE 'Lasttestföretaget %' "
        "GROUP BY category_id, org_number HAVING count(*) > 1"
    )
    return len(_rows(url, sql))


def stored_registrations(url: str, tag: str) -> dict[int, str]:
    """Submission number → status of run `tag`'s registrations."""
    sql = "SELECT email, status FROM registration WHERE email LIKE :p"
    return {index_of(r[0], tag): r[1] for r in _rows(url, sql, p=email_pattern(tag))}


def most_confirmed(url: str, event_id: int) -> int:
    """The largest number of confirmed registrations on any one date of the event."""
    sql = (
        "SELECT count(*) FROM registration WHERE event_id = :e AND status = 'confirmed' "
        "GROUP BY occurrence_start ORDER BY count(*) DESC"
    )
    rows = _rows(url, sql, e=event_id)
    return rows[0][0] if rows else 0


def integrity(path: str) -> str:
    """SQLite's `PRAGMA integrity_check` answer (`ok` when sound)."""
    rows = _rows(f"sqlite:///{path}", "PRAGMA integrity_check")
    return "; ".join(str(r[0]) for r in rows)


def partial_registrations(url: str) -> int:
    """Registrations without their audit entry: a write that stopped halfway."""
    sql = (
        "SELECT count(*) FROM registration r WHERE r.email LIKE 'lt-%' AND NOT EXISTS "
        "(SELECT 1 FROM audit_entry a WHERE a.action = 'registration.create' "
        "AND a.object_id = CAST(r.id AS VARCHAR(64)))"
    )
    return _rows(url, sql)[0][0]
