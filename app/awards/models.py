"""The award "Årets lokala företag": cycles, categories, nominations, jury work, decisions.

A cycle belongs to a unit and a year. Public nominations of one company in one
category are gathered into a `Candidate`, which the award administrator screens;
jurors assigned to a category declare conflicts of interest (jäv) per candidate,
then score each criterion. A `Decision` names one winner per category.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Float,
    ForeignKey,
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
    from app.directory.models import Organisation
    from app.events.models import Event
    from app.policy.models import ReportQuestion
    from app.units.models import Unit


class Phase(enum.StrEnum):
    DRAFT = "draft"
    NOMINATIONS_OPEN = "nominations_open"
    SCREENING = "screening"
    JUDGING = "judging"
    DECIDED = "decided"
    ANNOUNCED = "announced"
    ARCHIVED = "archived"


PHASE_ORDER = tuple(Phase)


class Aggregation(enum.StrEnum):
    MEAN = "mean"
    MEDIAN = "median"


class Relation(enum.StrEnum):
    """The nominator's relation to the company."""

    SELF = "self"  #: egen nominering
    CUSTOMER = "customer"
    EMPLOYEE = "employee"
    BUSINESS_PARTNER = "business_partner"
    NEIGHBOUR = "neighbour"
    OTHER = "other"


class ConflictGround(enum.StrEnum):
    """The grounds for jäv in förvaltningslagen (2017:900) 16 § first paragraph."""

    OWN_INTEREST = "own_interest"  #: 1. saken angår juryledamoten själv eller en närstående
    SIGNIFICANT_EFFECT = "significant_effect"  #: 2. påverkas i betydande mån av beslutet
    REPRESENTATIVE = "representative"  #: 3. ställföreträdare eller ombud
    OTHER_AUTHORITY = "other_authority"  #: 4. medverkat hos en annan myndighet
    SPECIAL_CIRCUMSTANCE = "special_circumstance"  #: 5. annan särskild omständighet


class ConflictRuling(enum.StrEnum):
    PENDING = "pending"
    CONFIRMED = "confirmed"  #: the juror stays out of the candidate and the decision
    REJECTED = "rejected"  #: no conflict after all; the juror may take part


award_cycle_question = Table(
    "award_cycle_question",
    Base.metadata,
    Column("cycle_id", ForeignKey("award_cycle.id", ondelete="CASCADE"), primary_key=True),
    Column("question_id", ForeignKey("report_question.id", ondelete="CASCADE"), primary_key=True),
)


class AwardCycle(Base):
    __tablename__ = "award_cycle"
    __table_args__ = (
        UniqueConstraint("unit_id", "year"),
        CheckConstraint("nominations_close_at > nominations_open_at", name="window_ordered"),
        CheckConstraint("retention_months > 0", name="retention_positive"),
        CheckConstraint(
            "embargo_lifted_at IS NULL OR embargo_lift_reason != ''", name="lift_has_reason"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    nominations_open_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: The planned close, exclusive: the first moment after the last day to nominate.
    nominations_close_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: When the administrator closed the call before `nominations_close_at` by changing the
    #: phase; None while the call keeps its planned close. `phases.nomination_deadline`
    #: makes the two one deadline.
    nominations_closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    judging_deadline_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: The event where winners are presented; winners stay embargoed until it starts.
    ceremony_event_id: Mapped[int | None] = mapped_column(
        ForeignKey("event.id", ondelete="SET NULL")
    )
    #: The phase last set by a person or the clock command; `effective_phase` adds the dates.
    phase: Mapped[Phase] = mapped_column(str_enum(Phase, "award_phase"), default=Phase.DRAFT)
    aggregation: Mapped[Aggregation] = mapped_column(
        str_enum(Aggregation, "award_aggregation"), default=Aggregation.MEAN
    )
    #: Rescale each juror's scores by z-score before aggregating (harsh or kind jurors).
    normalise: Mapped[bool] = mapped_column(Boolean, default=False)
    #: When true the category's partner jurors decide; otherwise the award administrator.
    partner_decides: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Months after the ceremony before contact e-mail and phone are removed.
    retention_months: Mapped[int] = mapped_column(Integer, default=12)
    #: When retention removed the contact details.
    retained_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Set when the award administrator made the winners public without waiting for a
    #: ceremony (e.g. it was cancelled); logged with the reason.
    embargo_lifted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    embargo_lift_reason: Mapped[str] = mapped_column(Text, default="")
    embargo_lifted_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    unit: Mapped[Unit] = relationship()
    ceremony: Mapped[Event | None] = relationship()
    categories: Mapped[list[AwardCategory]] = relationship(
        back_populates="cycle", cascade="all, delete-orphan", order_by="AwardCategory.position"
    )
    criteria: Mapped[list[Criterion]] = relationship(
        back_populates="cycle", cascade="all, delete-orphan", order_by="Criterion.position"
    )
    questions: Mapped[list[ReportQuestion]] = relationship(secondary=award_cycle_question)

    @property
    def general_criteria(self) -> list[Criterion]:
        return [c for c in self.criteria if c.category_id is None]


class AwardCategory(Base):
    __tablename__ = "award_category"
    __table_args__ = (UniqueConstraint("cycle_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("award_cycle.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    #: The partner who owns and judges the category.
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))
    #: Eligibility rules in words, e.g. "Verksamt i högst tre år".
    eligibility: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)

    cycle: Mapped[AwardCycle] = relationship(back_populates="categories")
    partner: Mapped[Organisation | None] = relationship()
    criteria: Mapped[list[Criterion]] = relationship(
        back_populates="category", order_by="Criterion.position"
    )
    assignments: Mapped[list[JurorAssignment]] = relationship(
        back_populates="category", cascade="all, delete-orphan"
    )


class Criterion(Base):
    """A criterion jurors score; general (no category) or the category's own."""

    __tablename__ = "award_criterion"
    __table_args__ = (
        CheckConstraint("weight > 0", name="weight_positive"),
        CheckConstraint("scale_max > scale_min", name="scale_ordered"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("award_cycle.id", ondelete="CASCADE"))
    category_id: Mapped[int | None] = mapped_column(
        ForeignKey("award_category.id", ondelete="CASCADE")
    )
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    weight: Mapped[float] = mapped_column(Float, default=1.0)
    scale_min: Mapped[int] = mapped_column(Integer, default=1)
    scale_max: Mapped[int] = mapped_column(Integer, default=5)
    #: A yes/no check during screening (e.g. payment remarks) rather than a scored criterion.
    screening_only: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)

    cycle: Mapped[AwardCycle] = relationship(back_populates="criteria")
    category: Mapped[AwardCategory | None] = relationship(back_populates="criteria")


class Candidate(Base):
    """One company in one category, gathering all its nominations there."""

    __tablename__ = "award_candidate"

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(
        ForeignKey("award_cycle.id", ondelete="CASCADE"), index=True
    )
    category_id: Mapped[int] = mapped_column(
        ForeignKey("award_category.id", ondelete="CASCADE"), index=True
    )
    company_name: Mapped[str] = mapped_column(String(200))
    #: Normalised NNNNNN-NNNN; a sole trader's is a personal identity number (masked in public).
    org_number: Mapped[str] = mapped_column(String(11), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    category: Mapped[AwardCategory] = relationship()
    nominations: Mapped[list[Nomination]] = relationship(
        back_populates="candidate", order_by="Nomination.received_at"
    )
    screening: Mapped[Screening | None] = relationship(
        back_populates="candidate", cascade="all, delete-orphan"
    )


class Nomination(Base):
    """A nomination as received; the public never changes it afterwards."""

    __tablename__ = "award_nomination"
    __table_args__ = (CheckConstraint("length(motivation) >= 50", name="motivation_long_enough"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(
        ForeignKey("award_cycle.id", ondelete="CASCADE"), index=True
    )
    category_id: Mapped[int] = mapped_column(ForeignKey("award_category.id", ondelete="CASCADE"))
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("award_candidate.id", ondelete="CASCADE"), index=True
    )
    company_name: Mapped[str] = mapped_column(String(200))
    org_number: Mapped[str] = mapped_column(String(11))
    address: Mapped[str] = mapped_column(String(300))
    #: Written "NNN NN".
    postal_code: Mapped[str] = mapped_column(String(6))
    website: Mapped[str] = mapped_column(String(300), default="")
    contact_name: Mapped[str] = mapped_column(String(200))
    #: Contact details are None once retention has removed them.
    contact_email: Mapped[str | None] = mapped_column(String(254))
    #: E.164.
    contact_phone: Mapped[str | None] = mapped_column(String(20))
    motivation: Mapped[str] = mapped_column(Text)
    nominator_name: Mapped[str] = mapped_column(String(200))
    nominator_email: Mapped[str | None] = mapped_column(String(254))
    nominator_phone: Mapped[str | None] = mapped_column(String(20))
    relation: Mapped[Relation] = mapped_column(str_enum(Relation, "nomination_relation"))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    candidate: Mapped[Candidate] = relationship(back_populates="nominations")
    category: Mapped[AwardCategory] = relationship()


class Screening(Base):
    """The administrator's check of a candidate against the general criteria."""

    __tablename__ = "award_screening"
    __table_args__ = (
        CheckConstraint("eligible OR length(reason) > 0", name="ineligible_has_reason"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("award_candidate.id", ondelete="CASCADE"), unique=True
    )
    eligible: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str] = mapped_column(Text, default="")
    screened_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    screened_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    candidate: Mapped[Candidate] = relationship(back_populates="screening")
    screened_by: Mapped[User | None] = relationship()
    checks: Mapped[list[ScreeningCheck]] = relationship(
        back_populates="screening", cascade="all, delete-orphan"
    )


class ScreeningCheck(Base):
    """One criterion checked during screening, with a note."""

    __tablename__ = "award_screening_check"
    __table_args__ = (UniqueConstraint("screening_id", "criterion_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    screening_id: Mapped[int] = mapped_column(ForeignKey("award_screening.id", ondelete="CASCADE"))
    criterion_id: Mapped[int] = mapped_column(ForeignKey("award_criterion.id", ondelete="CASCADE"))
    met: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str] = mapped_column(Text, default="")

    screening: Mapped[Screening] = relationship(back_populates="checks")
    criterion: Mapped[Criterion] = relationship()


class JurorAssignment(Base):
    __tablename__ = "award_juror_assignment"
    __table_args__ = (UniqueConstraint("category_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("award_category.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    #: The juror this one stands in for after a confirmed conflict, if any.
    substitute_for_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    assigned_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    category: Mapped[AwardCategory] = relationship(back_populates="assignments")
    user: Mapped[User] = relationship(foreign_keys=[user_id])
    substitute_for: Mapped[User | None] = relationship(foreign_keys=[substitute_for_id])


class ConflictDeclaration(Base):
    """A juror's statement on one candidate: a conflict of interest or none."""

    __tablename__ = "award_conflict"
    __table_args__ = (
        UniqueConstraint("candidate_id", "juror_id"),
        CheckConstraint(
            "(has_conflict AND ground IS NOT NULL) OR (NOT has_conflict AND ground IS NULL)",
            name="ground_iff_conflict",
        ),
        CheckConstraint("has_conflict OR ruling IS NULL", name="ruling_only_for_conflicts"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("award_candidate.id", ondelete="CASCADE"))
    juror_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    has_conflict: Mapped[bool] = mapped_column(Boolean)
    ground: Mapped[ConflictGround | None] = mapped_column(
        str_enum(ConflictGround, "conflict_ground")
    )
    note: Mapped[str] = mapped_column(Text, default="")
    declared_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: The award administrator's decision; None when no conflict was declared.
    ruling: Mapped[ConflictRuling | None] = mapped_column(
        str_enum(ConflictRuling, "conflict_ruling")
    )
    ruling_note: Mapped[str] = mapped_column(Text, default="")
    ruled_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    ruled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    candidate: Mapped[Candidate] = relationship()
    juror: Mapped[User] = relationship(foreign_keys=[juror_id])
    ruled_by: Mapped[User | None] = relationship(foreign_keys=[ruled_by_id])


class Score(Base):
    """One juror's score of one candidate on one criterion."""

    __tablename__ = "award_score"
    __table_args__ = (UniqueConstraint("juror_id", "candidate_id", "criterion_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    juror_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("award_candidate.id", ondelete="CASCADE"), index=True
    )
    criterion_id: Mapped[int] = mapped_column(ForeignKey("award_criterion.id", ondelete="CASCADE"))
    value: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Decision(Base):
    """The winner of one category with the jury's citation; locked once made."""

    __tablename__ = "award_decision"
    __table_args__ = (
        CheckConstraint("locked OR length(reopen_reason) > 0", name="unlocked_has_reason"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    category_id: Mapped[int] = mapped_column(
        ForeignKey("award_category.id", ondelete="CASCADE"), unique=True
    )
    candidate_id: Mapped[int] = mapped_column(ForeignKey("award_candidate.id"))
    #: The jury's motivation, published with the winner.
    citation: Mapped[str] = mapped_column(Text)
    decided_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    locked: Mapped[bool] = mapped_column(Boolean, default=True)
    #: Why the decision was reopened (the last time); kept for the protocol.
    reopen_reason: Mapped[str] = mapped_column(Text, default="")

    category: Mapped[AwardCategory] = relationship()
    candidate: Mapped[Candidate] = relationship()
    decided_by: Mapped[User | None] = relationship()
