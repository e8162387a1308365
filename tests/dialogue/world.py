"""Builders of the dialogue's rows: contacts and needs of a unit."""

from __future__ import annotations

from datetime import date

from app.dialogue.flow import NeedStatus
from app.dialogue.models import Contact, ContactKind, Need, NeedCategory
from app.extensions import db

HELD_ON = date(2026, 11, 12)


def make_contact(unit_id: int, **values) -> Contact:
    values = {
        "kind": ContactKind.VISIT,
        "held_on": HELD_ON,
        "topic": "Besök hos Alfabageriet",
        **values,
    }
    contact = Contact(unit_id=unit_id, **values)
    db.session.add(contact)
    db.session.flush()
    return contact


def make_need(unit_id: int, **values) -> Need:
    values = {
        "category": NeedCategory.PREMISES,
        "description": "Bageriet behöver en större lokal i Västberga.",
        "raised_on": HELD_ON,
        "status": NeedStatus.NEW,
        **values,
    }
    need = Need(unit_id=unit_id, **values)
    db.session.add(need)
    db.session.flush()
    return need


def extend(world) -> None:
    """A contact and a need in the unit, and a contact of the other unit that no one in the
    unit may see."""
    contact = make_contact(world.unit.id, organisations=[world.objects["sbr"]])
    need = make_need(world.unit.id, contact_id=contact.id, owner_id=world.users["officer"].id)
    other = make_contact(world.other_unit.id, topic="Brommas hemliga möte")
    world.objects.update(contact=contact, need=need, other_contact=other)
