"""Reading the dialogue: statements the views and the report's figures run."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from app.dialogue import flow
from app.dialogue.models import Contact, Need, contact_organisation
from app.policy.models import ReportQuestion


def contacts(unit_id: int) -> Select:
    """The unit's contacts, latest first, with their organisations."""
    return (
        select(Contact)
        .where(Contact.unit_id == unit_id)
        .options(selectinload(Contact.organisations))
        .order_by(Contact.held_on.desc(), Contact.id.desc())
    )


def needs(unit_id: int, status: flow.NeedStatus | None = None, owner_id: int | None = None):
    """The unit's needs, oldest raised first, with organisations and owner."""
    statement = (
        select(Need)
        .where(Need.unit_id == unit_id)
        .options(selectinload(Need.organisations), selectinload(Need.owner))
        .order_by(Need.raised_on, Need.id)
    )
    if status is not None:
        statement = statement.where(Need.status == status)
    if owner_id is not None:
        statement = statement.where(Need.owner_id == owner_id)
    return statement


def waiting_needs_of(user_id: int) -> Select:
    """The needs a person owns whose business has not yet heard back, oldest first."""
    return (
        select(Need)
        .where(Need.owner_id == user_id, Need.status.in_(flow.WAITING))
        .order_by(Need.raised_on, Need.id)
    )


def contacts_between(unit_id: int, start: date, end: date) -> Select:
    """The unit's contacts held in a period, with their organisations and questions."""
    return (
        select(Contact)
        .where(Contact.unit_id == unit_id, Contact.held_on.between(start, end))
        .options(selectinload(Contact.organisations), selectinload(Contact.questions))
        .order_by(Contact.held_on, Contact.id)
    )


def organisations_met(unit_id: int, start: date, before: date) -> Select:
    """The ids of the organisations the unit had a contact with from `start` until the day
    before `before`."""
    return (
        select(contact_organisation.c.organisation_id)
        .join(Contact, Contact.id == contact_organisation.c.contact_id)
        .where(Contact.unit_id == unit_id, Contact.held_on >= start, Contact.held_on < before)
        .distinct()
    )


def needs_raised_between(unit_id: int, start: date, end: date) -> Select:
    """The unit's needs raised in a period, with their questions."""
    return (
        select(Need)
        .where(Need.unit_id == unit_id, Need.raised_on.between(start, end))
        .options(selectinload(Need.questions))
        .order_by(Need.raised_on, Need.id)
    )


def questions_for(unit_id: int, years: set[int]) -> Select:
    """The unit's report questions of these years, in the form's order."""
    return (
        select(ReportQuestion)
        .where(ReportQuestion.unit_id == unit_id, ReportQuestion.year.in_(years))
        .order_by(ReportQuestion.year.desc(), ReportQuestion.position)
    )
