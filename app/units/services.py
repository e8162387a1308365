"""Creating units (councils and company boards)."""

from __future__ import annotations

import re

from sqlalchemy import select

from app.audit.services import record
from app.extensions import db
from app.units.models import Unit, UnitKind

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class UnitError(Exception):
    """A rule about units was broken; the message is shown to the person."""


def create_unit(actor, slug: str, name: str, short_name: str, kind: UnitKind) -> Unit:
    """Add a unit; its slug is part of public addresses, so it must be clean and unique."""
    if not SLUG_RE.fullmatch(slug) or len(slug) > 100:
        raise UnitError(f"'{slug[:100]}' är ingen giltig kortadress (a–z, 0–9 och bindestreck).")
    if not name.strip() or len(name) > 200 or len(short_name) > 100:
        raise UnitError("Namnet måste finnas och vara högst 200 tecken (kortnamnet högst 100).")
    if db.session.scalar(select(Unit.id).where(Unit.slug == slug)) is not None:
        raise UnitError(f"Det finns redan en enhet med kortadressen '{slug}'.")
    unit = Unit(slug=slug, name=name.strip(), short_name=(short_name or name).strip(), kind=kind)
    db.session.add(unit)
    db.session.flush()
    record(actor, "unit.create", unit, unit_id=unit.id, slug=slug)
    return unit
