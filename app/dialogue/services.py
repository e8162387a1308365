"""What staff do with the dialogue: verbs that take the actor, check it, flush and log, never
commit. A refused value raises `DialogueError` naming the field it belongs beside."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.accounts.models import Membership
from app.audit.services import record
from app.dialogue import flow
from app.dialogue.models import Contact, ContactKind, Need, NeedCategory
from app.dialogue.permissions import DIALOGUE_ROLES, can_keep_dialogue
from app.directory.models import Organisation
from app.extensions import db
from app.policy.models import ReportQuestion


class DialogueError(ValueError):
    """A broken rule; `field` names the form field the message stands beside."""

    def __init__(self, message, field: str | None = None, status: int = 400):
        super().__init__(message)
        self.message, self.field, self.status = message, field, status


@dataclass
class ContactValues:
    kind: ContactKind
    held_on: date
    topic: str
    staff: str = ""
    notes: str = ""
    authority: str = ""
    answered_on: date | None = None
    organisation_ids: list[int] = field(default_factory=list)
    question_ids: list[int] = field(default_factory=list)


@dataclass
class NeedValues:
    category: NeedCategory
    description: str
    raised_on: date
    owner_id: int | None = None
    forwarded_to: str = ""
    contact_id: int | None = None
    organisation_ids: list[int] = field(default_factory=list)
    question_ids: list[int] = field(default_factory=list)


def _allowed(actor, unit_id: int) -> None:
    if not can_keep_dialogue(actor, unit_id):
        raise DialogueError(_l("Du får inte ändra den här enhetens dialog."), status=403)


def _organisations(ids: list[int]) -> list[Organisation]:
    found = db.session.scalars(select(Organisation).where(Organisation.id.in_(ids))).all()
    if len(found) != len(set(ids)):
        raise DialogueError(_l("Välj organisationer ur registret."), "organisations")
    return list(found)


def _questions(unit_id: int, year: int, ids: list[int]) -> list[ReportQuestion]:
    found = db.session.scalars(select(ReportQuestion).where(ReportQuestion.id.in_(ids))).all()
    if len(found) != len(set(ids)) or any(q.unit_id != unit_id or q.year != year for q in found):
        raise DialogueError(
            _l("Välj frågor ur enhetens rapport för %(year)s.", year=year), "questions"
        )
    return list(found)


def save_contact(actor, unit_id: int, contact: Contact | None, values: ContactValues) -> Contact:
    """Log a new contact, or change one."""
    _allowed(actor, unit_id)
    if contact is not None and contact.unit_id != unit_id:
        raise DialogueError(_l("Kontakten hör till en annan enhet."), status=404)
    if values.kind is ContactKind.ROUTED_QUESTION and not values.authority.strip():
        raise DialogueError(_l("Skriv vart frågan lotsades."), "authority")
    if values.answered_on is not None and values.answered_on < values.held_on:
        raise DialogueError(_l("Svaret kan inte komma före kontakten."), "answered_on")
    organisations = _organisations(values.organisation_ids)
    questions = _questions(unit_id, values.held_on.year, values.question_ids)
    created = contact is None
    if created:
        contact = Contact(unit_id=unit_id)
        db.session.add(contact)
    contact.kind, contact.held_on, contact.topic = values.kind, values.held_on, values.topic.strip()
    contact.staff, contact.notes = values.staff.strip(), values.notes.strip()
    routed = values.kind is ContactKind.ROUTED_QUESTION
    contact.authority = values.authority.strip() if routed else ""
    contact.answered_on = values.answered_on if routed else None
    contact.organisations, contact.questions = organisations, questions
    db.session.flush()
    record(actor, "contact.create" if created else "contact.update", contact, kind=str(values.kind))
    return contact


def delete_contact(actor, contact: Contact) -> None:
    """Remove a contact; needs raised there keep their own record."""
    _allowed(actor, contact.unit_id)
    record(actor, "contact.delete", contact, topic=contact.topic)
    db.session.delete(contact)
    db.session.flush()


def _owner_ok(unit_id: int, owner_id: int | None) -> None:
    if owner_id is None:
        return
    member = db.session.scalar(
        select(Membership.id).where(
            Membership.unit_id == unit_id,
            Membership.user_id == owner_id,
            Membership.role.in_(DIALOGUE_ROLES),
        )
    )
    if member is None:
        raise DialogueError(_l("Välj en ansvarig ur enhetens personal."), "owner")


def save_need(actor, unit_id: int, need: Need | None, values: NeedValues) -> Need:
    """Record a new need, or change its description, owner and links."""
    _allowed(actor, unit_id)
    if need is not None and need.unit_id != unit_id:
        raise DialogueError(_l("Behovet hör till en annan enhet."), status=404)
    _owner_ok(unit_id, values.owner_id)
    if values.contact_id is not None:
        contact = db.session.get(Contact, values.contact_id)
        if contact is None or contact.unit_id != unit_id:
            raise DialogueError(_l("Välj en kontakt ur enhetens lista."), "contact")
    organisations = _organisations(values.organisation_ids)
    questions = _questions(unit_id, values.raised_on.year, values.question_ids)
    created = need is None
    if created:
        need = Need(unit_id=unit_id, status=flow.NeedStatus.NEW)
        db.session.add(need)
    elif any(day is not None and day < values.raised_on for day in _step_days(need)):
        raise DialogueError(
            _l("Behovet kan inte tas upp efter ett steg det redan nått."), "raised_on"
        )
    need.category, need.description = values.category, values.description.strip()
    need.raised_on, need.owner_id = values.raised_on, values.owner_id
    need.forwarded_to, need.contact_id = values.forwarded_to.strip(), values.contact_id
    need.organisations, need.questions = organisations, questions
    db.session.flush()
    record(actor, "need.create" if created else "need.update", need, category=str(need.category))
    return need


def _step_days(need: Need) -> list[date | None]:
    return [getattr(need, column) for column in flow.STEP_DATES.values()]


def move_need(actor, need: Need, target: flow.NeedStatus, on: date, feedback: str = "") -> None:
    """Take the need to a later step on `on`; feedback is required from återkopplad on."""
    _allowed(actor, need.unit_id)
    if not flow.may_move(need.status, target):
        raise DialogueError(_l("Ett behov går bara framåt, till ett senare steg."), "status")
    if on < need.raised_on:
        raise DialogueError(_l("Steget kan inte ligga före dagen behovet togs upp."), "on")
    feedback = feedback.strip() or need.feedback
    if flow.ORDER.index(target) >= flow.ORDER.index(flow.NeedStatus.FED_BACK) and not feedback:
        raise DialogueError(_l("Skriv vad företaget fick för återkoppling."), "feedback")
    known = {column: getattr(need, column) for column in flow.STEP_DATES.values()}
    for column, day in flow.step_dates(need.status, target, on, known).items():
        setattr(need, column, day)
    previous, need.status, need.feedback = need.status, target, feedback
    db.session.flush()
    record(actor, "need.move", need, before=str(previous), after=str(target))
