"""Events, their dates and what each held date achieved.

An event is a one-off or a series (an RFC 5545 RRULE over local wall-clock time).
`OccurrenceChange` records what an organiser did to one date of a series (moved,
new venue, cancelled). `Occurrence` is derived from both, one row per date, so that
lists, calendars, clash checks, feeds and the report read dates with plain SQL;
services rebuild it whenever the event or a change is saved. Registrations (in
`app.registrations.models`) and outcomes point at a date by its original start (the
iCalendar RECURRENCE-ID), so rebuilding occurrences never orphans them.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, UTCDateTime, str_enum, utcnow

if TYPE_CHECKING:
    from app.accounts.models import User
    from app.directory.models import Organisation, Venue
    from app.policy.models import FocusArea, ReportQuestion
    from app.units.models import Unit


class EventKind(enum.StrEnum):
    BREAKFAST_MEETING = "breakfast_meeting"
    SQUARE_EVENT = "square_event"
    FAIR = "fair"
    CEREMONY = "ceremony"
    INAUGURATION = "inauguration"
    CULTURE = "culture"
    MEETING = "meeting"
    OTHER = "other"


class EventStatus(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    CANCELLED = "cancelled"


class PartnerRole(enum.StrEnum):
    CO_ORGANISER = "co_organiser"
    HOST = "host"
    VENUE_OWNER = "venue_owner"
    SPONSOR = "sponsor"
    PARTICIPANT = "participant"


class SupportKind(enum.StrEnum):
    OPERATING_GRANT = "operating_grant"  #: verksamhetsbidrag
    ORGANISER_GRANT = "organiser_grant"  #: arrangörsstöd
    OTHER = "other"


class Need(enum.StrEnum):
    """Needs companies raise at a meeting; a controlled list for the report."""

    PERMITS = "permits"
    SAFETY = "safety"
    SKILLS_SUPPLY = "skills_supply"
    PREMISES = "premises"
    ACCESSIBILITY = "accessibility"
    FINANCING = "financing"
    MARKETING = "marketing"
    OTHER = "other"


event_focus_area = Table(
    "event_focus_area",
    Base.metadata,
    Column("event_id", ForeignKey("event.id", ondelete="CASCADE"), primary_key=True),
    Column("focus_area_id", ForeignKey("focus_area.id", ondelete="CASCADE"), primary_key=True),
)

event_question = Table(
    "event_question",
    Base.metadata,
    Column("event_id", ForeignKey("event.id", ondelete="CASCADE"), primary_key=True),
    Column("question_id", ForeignKey("report_question.id", ondelete="CASCADE"), primary_key=True),
)

outcome_partner = Table(
    "outcome_partner",
    Base.metadata,
    Column("outcome_id", ForeignKey("outcome.id", ondelete="CASCADE"), primary_key=True),
    Column("organisation_id", ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True),
)


class Event(Base):
    __tablename__ = "event"
    __table_args__ = (
        # A timed event may end when it starts: RFC 5545 gives an imported event without
        # DTEND or DURATION no length. The organisers' forms still ask for a later end.
        CheckConstraint("ends_at >= starts_at", name="ends_not_before_start"),
        CheckConstraint("capacity IS NULL OR capacity > 0", name="capacity_positive"),
        CheckConstraint("sequence >= 0", name="sequence_not_negative"),
        Index("ix_event_unit_status", "unit_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[EventKind] = mapped_column(str_enum(EventKind, "event_kind"))
    #: The theme of a breakfast meeting or similar, e.g. "Kompetensförsörjning".
    theme: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[EventStatus] = mapped_column(
        str_enum(EventStatus, "event_status"), default=EventStatus.DRAFT
    )
    #: Shown publicly when the whole event is cancelled.
    cancel_reason: Mapped[str] = mapped_column(Text, default="")

    #: All-day events start and end at local midnight; `ends_at` is exclusive.
    all_day: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Start and end of the first date, UTC; a series repeats this local wall-clock time.
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: RFC 5545 RRULE value without the "RRULE:" prefix; always bounded (UNTIL or COUNT).
    rrule: Mapped[str | None] = mapped_column(String(500))
    #: Extra dates of a series (RDATE), UTC ISO strings; from imported calendars.
    rdates: Mapped[list] = mapped_column(JSON, default=list)

    venue_id: Mapped[int | None] = mapped_column(ForeignKey("venue.id"), index=True)
    organiser_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"), index=True)
    #: The council's support to an association's event, if any.
    support_kind: Mapped[SupportKind | None] = mapped_column(str_enum(SupportKind, "support_kind"))
    support_note: Mapped[str] = mapped_column(Text, default="")

    registration_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Places per date; None means no limit.
    capacity: Mapped[int | None] = mapped_column(Integer)
    #: When a date is full, new registrations wait instead of being refused.
    waiting_list: Mapped[bool] = mapped_column(Boolean, default=True)
    registration_closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    #: Stable iCalendar UID; an imported event keeps the UID it came with.
    uid: Mapped[str] = mapped_column(String(255), unique=True)
    #: iCalendar SEQUENCE, raised on every change made after publishing.
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    #: "torget" or "import".
    source: Mapped[str] = mapped_column(String(16), default="torget")

    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    updated_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    unit: Mapped[Unit] = relationship()
    venue: Mapped[Venue | None] = relationship()
    organiser: Mapped[Organisation | None] = relationship()
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])
    partners: Mapped[list[EventPartner]] = relationship(
        back_populates="event", cascade="all, delete-orphan"
    )
    focus_areas: Mapped[list[FocusArea]] = relationship(secondary=event_focus_area)
    questions: Mapped[list[ReportQuestion]] = relationship(secondary=event_question)
    changes: Mapped[list[OccurrenceChange]] = relationship(
        back_populates="event", cascade="all, delete-orphan"
    )
    occurrences: Mapped[list[Occurrence]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="Occurrence.starts_at"
    )

    @property
    def is_series(self) -> bool:
        return bool(self.rrule or self.rdates)

    def __repr__(self) -> str:
        return f"<Event {self.id} {self.title!r}>"


class EventPartner(Base):
    """An organisation taking part in an event, with its role."""

    __tablename__ = "event_partner"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("event.id", ondelete="CASCADE"), primary_key=True
    )
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[PartnerRole] = mapped_column(str_enum(PartnerRole, "partner_role"))

    event: Mapped[Event] = relationship(back_populates="partners")
    organisation: Mapped[Organisation] = relationship()


class OccurrenceChange(Base):
    """What an organiser changed on one date of a series: moved, new venue, or cancelled."""

    __tablename__ = "occurrence_change"
    __table_args__ = (UniqueConstraint("event_id", "original_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    #: The date's start as the rule gives it (iCalendar RECURRENCE-ID), UTC.
    original_start: Mapped[datetime] = mapped_column(UTCDateTime)
    #: New start and end when moved; None keeps the rule's.
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    venue_id: Mapped[int | None] = mapped_column(ForeignKey("venue.id"))
    is_cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Why the date was moved or cancelled; shown publicly.
    reason: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )

    event: Mapped[Event] = relationship(back_populates="changes")
    venue: Mapped[Venue | None] = relationship()


class Occurrence(Base):
    """One date of an event, derived from the event, its rule and its changes."""

    __tablename__ = "occurrence"
    __table_args__ = (
        UniqueConstraint("event_id", "original_start"),
        Index("ix_occurrence_starts_at", "starts_at"),
        Index("ix_occurrence_venue_starts_at", "venue_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    #: Copied from the event so that lists filter by unit without a join.
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"), index=True)
    original_start: Mapped[datetime] = mapped_column(UTCDateTime)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: The venue of this date (a change may move it elsewhere).
    venue_id: Mapped[int | None] = mapped_column(ForeignKey("venue.id"))
    is_moved: Mapped[bool] = mapped_column(Boolean, default=False)
    is_cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
    reason: Mapped[str] = mapped_column(Text, default="")

    event: Mapped[Event] = relationship(back_populates="occurrences")
    venue: Mapped[Venue | None] = relationship()


class Outcome(Base):
    """What one held date achieved, recorded by an organiser."""

    __tablename__ = "outcome"
    __table_args__ = (
        UniqueConstraint("event_id", "occurrence_start"),
        CheckConstraint("attendance IS NULL OR attendance >= 0", name="attendance_not_negative"),
        CheckConstraint("companies IS NULL OR companies >= 0", name="companies_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    #: The date's original start (see Occurrence.original_start).
    occurrence_start: Mapped[datetime] = mapped_column(UTCDateTime)
    attendance: Mapped[int | None] = mapped_column(Integer)
    #: How many companies took part.
    companies: Mapped[int | None] = mapped_column(Integer)
    summary: Mapped[str] = mapped_column(Text, default="")
    #: Values of `Need`.
    needs: Mapped[list] = mapped_column(JSON, default=list)
    needs_note: Mapped[str] = mapped_column(Text, default="")
    follow_ups: Mapped[str] = mapped_column(Text, default="")
    #: The city unit responsible for the follow-ups, e.g. "Trafikkontoret".
    follow_up_unit: Mapped[str] = mapped_column(String(200), default="")
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    recorded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    event: Mapped[Event] = relationship()
    partners: Mapped[list[Organisation]] = relationship(secondary=outcome_partner)
