"""Every row of every table, to prove a refused request changed nothing, and to undo one that did."""

from __future__ import annotations

from sqlalchemy import Table, delete, insert, select, tuple_, update

from app.extensions import db

Snapshot = dict[str, dict[tuple, dict]]


def take() -> Snapshot:
    """Each table's rows keyed by primary key, in primary-key order (inside an app context).

    No column is left out: none changes on a mere authenticated request (a login session
    has no last-seen time, `last_login_at` moves only when someone signs in), so a refused
    request must leave every row exactly as it was.
    """
    state: Snapshot = {}
    with db.engine.connect() as conn:
        for table in db.metadata.sorted_tables:
            key = list(table.primary_key.columns)
            rows = conn.execute(select(table).order_by(*key)).mappings()
            state[table.name] = {tuple(row[c.name] for c in key): dict(row) for row in rows}
    return state


def differences(before: Snapshot, after: Snapshot) -> list[str]:
    """One line per table whose rows were added, removed or changed."""
    lines = []
    for name, rows in before.items():
        now = after[name]
        added = now.keys() - rows.keys()
        removed = rows.keys() - now.keys()
        changed = sorted(
            (k, col)
            for k in rows.keys() & now.keys()
            for col in rows[k]
            if rows[k][col] != now[k][col]
        )
        if added or removed or changed:
            lines.append(f"{name}: +{sorted(added)} -{sorted(removed)} ~{changed}")
    return lines


def restore(before: Snapshot, after: Snapshot) -> None:
    """Put the database back from `after` to `before`: drop new rows, re-insert lost ones,
    undo edits."""
    tables = {t.name: t for t in db.metadata.sorted_tables}
    with db.engine.begin() as conn:
        # Children first when deleting, parents first when inserting.
        for name in reversed(list(before)):
            extra = after[name].keys() - before[name].keys()
            if extra:
                conn.execute(delete(tables[name]).where(_pk_in(tables[name], extra)))
        for name, rows in before.items():
            current = take_table(conn, tables[name])
            missing = [rows[k] for k in rows.keys() - current.keys()]
            if missing:
                conn.execute(insert(tables[name]), missing)
            for k in rows.keys() & current.keys():
                if rows[k] != current[k]:
                    conn.execute(
                        update(tables[name]).where(_pk_is(tables[name], k)).values(**rows[k])
                    )


def take_table(conn, table: Table) -> dict[tuple, dict]:
    key = list(table.primary_key.columns)
    rows = conn.execute(select(table)).mappings()
    return {tuple(row[c.name] for c in key): dict(row) for row in rows}


def _pk_in(table: Table, keys) -> object:
    return tuple_(*table.primary_key.columns).in_([tuple(k) for k in keys])


def _pk_is(table: Table, key: tuple) -> object:
    return tuple_(*table.primary_key.columns) == tuple(key)
