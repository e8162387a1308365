"""Contacts with businesses and the needs they raise.

Neither is ever public: they are a unit's working notes and the report's evidence, like the
events it held. A contact is a visit, a meeting, a call or a question routed to the right
authority (lotsning); a need is an item followed from the day it was raised to the feedback
the business got (återkoppling), with the date of each step.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Column, Date, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User
from app.db import Base, UTCDateTime, str_enum, utcnow
from app.dialogue.flow import NeedStatus
from app.directory.models import Organisation
from app.policy.models import ReportQuestion


class ContactKind(enum.StrEnum):
    VISIT = "visit"
    MEETING = "meeting"
    CALL = "call"
    ROUTED_QUESTION = "routed_question"


class NeedCategory(enum.StrEnum):
    """One fixed list, in the words of the city's business policy."""

    SKILLS = "skills"
    PREMISES = "premises"
    PERMITS = "permits"
    SAFETY = "safety"
    TRAFFIC = "traffic"
    PLACE = "place"
    PROCUREMENT = "procurement"
    FINANCING = "financing"
    OTHER = "other"


def _link(name: str, left: str) -> tuple[Table, Table]:
    organisations = Table(
        f"{name}_organisation",
        Base.metadata,
        Column(f"{name}_id", ForeignKey(f"{left}.id", ondelete="CASCADE"), primary_key=True),
        Column(
            "organisation_id", ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True
        ),
    )
    questions = Table(
        f"{name}_question",
        Base.metadata,
        Column(f"{name}_id", ForeignKey(f"{left}.id", ondelete="CASCADE"), primary_key=True),
        Column(
            "question_id", ForeignKey("report_question.id", ondelete="CASCADE"), primary_key=True
        ),
    )
    return organisations, questions


contact_organisation, contact_question = _link("contact", "dialogue_contact")
need_organisation, need_question = _link("need", "dialogue_need")


class Contact(Base):
    __tablename__ = "dialogue_contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"), index=True)
    kind: Mapped[ContactKind] = mapped_column(str_enum(ContactKind, "contact_kind"))
    held_on: Mapped[date] = mapped_column(Date, index=True)
    topic: Mapped[str] = mapped_column(String(200))
    #: The council's people who were there, as written ("Anna Berg, Omar Said").
    staff: Mapped[str] = mapped_column(String(300), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    #: A routed question: the authority it went to, and the day the business got its answer.
    authority: Mapped[str] = mapped_column(String(200), default="")
    answered_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    organisations: Mapped[list[Organisation]] = relationship(
        secondary=contact_organisation, order_by=Organisation.name
    )
    questions: Mapped[list[ReportQuestion]] = relationship(secondary=contact_question)


class Need(Base):
    __tablename__ = "dialogue_need"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"), index=True)
    #: The contact where it was raised, if any.
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("dialogue_contact.id", ondelete="SET NULL"), index=True
    )
    category: Mapped[NeedCategory] = mapped_column(str_enum(NeedCategory, "need_category"))
    description: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    #: To whom it was passed on ("Trafikkontoret").
    forwarded_to: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[NeedStatus] = mapped_column(
        str_enum(NeedStatus, "need_status"), default=NeedStatus.NEW
    )
    raised_on: Mapped[date] = mapped_column(Date, index=True)
    routed_on: Mapped[date | None] = mapped_column(Date)
    answered_on: Mapped[date | None] = mapped_column(Date)
    fed_back_on: Mapped[date | None] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)
    #: What the business was told (återkoppling).
    feedback: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    owner: Mapped[User | None] = relationship()
    contact: Mapped[Contact | None] = relationship()
    organisations: Mapped[list[Organisation]] = relationship(
        secondary=need_organisation, order_by=Organisation.name
    )
    questions: Mapped[list[ReportQuestion]] = relationship(secondary=need_question)
