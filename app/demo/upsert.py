"""Idempotent create-or-update for demo loaders."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import select

from app.extensions import db

T = TypeVar("T")


def upsert(model: type[T], lookup: dict[str, Any], **values: Any) -> T:
    """The row matching `lookup`, created or updated to carry `values`; unchanged rows stay unchanged."""
    query = select(model).filter_by(**lookup)
    row = db.session.scalars(query).one_or_none()
    if row is None:
        row = model(**lookup, **values)
        db.session.add(row)
        db.session.flush()
        return row
    for key, value in values.items():
        if getattr(row, key) != value:
            setattr(row, key, value)
    return row
