"""The report: each unit's periods and answers with their history (the questions are the
policy's, `app.policy.models`)."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, UTCDateTime, str_enum, utcnow
from app.policy.models import ReportQuestion
from app.reports.periods import PeriodKind

if TYPE_CHECKING:
    from app.accounts.models import User
    from app.units.models import Unit


class PeriodStatus(enum.StrEnum):
    OPEN = "open"
    SUBMITTED = "submitted"
    REOPENED = "reopened"


class AnswerStatus(enum.StrEnum):
    DRAFT = "draft"
    FINAL = "final"


class ReportPeriod(Base):
    """One unit's report for one year and period (T1, T2 or VB)."""

    __tablename__ = "report_period"
    __table_args__ = (
        UniqueConstraint("unit_id", "year", "kind"),
        CheckConstraint(
            "status != 'submitted' OR submitted_at IS NOT NULL", name="submitted_has_time"
        ),
        CheckConstraint("status != 'reopened' OR reopen_reason != ''", name="reopened_has_reason"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    kind: Mapped[PeriodKind] = mapped_column(str_enum(PeriodKind, "period_kind"))
    #: When the city executive office wants the report; set per year.
    deadline: Mapped[date | None] = mapped_column(Date)
    #: The form's "Kontaktperson för eventuella frågor"; defaults from the unit.
    contact_name: Mapped[str] = mapped_column(String(200), default="")
    #: E.164, e.g. +46850821083.
    contact_phone: Mapped[str] = mapped_column(String(20), default="")
    contact_email: Mapped[str] = mapped_column(String(254), default="")
    status: Mapped[PeriodStatus] = mapped_column(
        str_enum(PeriodStatus, "period_status"), default=PeriodStatus.OPEN
    )
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    submitted_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    #: Why a submitted report was opened again (the latest reason; the audit log keeps all).
    reopen_reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    unit: Mapped[Unit] = relationship()
    answers: Mapped[list[Answer]] = relationship(
        back_populates="period", cascade="all, delete-orphan"
    )

    @property
    def is_editable(self) -> bool:
        return self.status != PeriodStatus.SUBMITTED


class Answer(Base):
    """The officer's answer to one question in one period, with the latest machine draft."""

    __tablename__ = "answer"
    __table_args__ = (
        UniqueConstraint("period_id", "question_id"),
        CheckConstraint("version >= 1", name="version_positive"),
        CheckConstraint("status != 'final' OR finalised_at IS NOT NULL", name="final_has_time"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("report_period.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(
        ForeignKey("report_question.id", ondelete="CASCADE"), index=True
    )
    #: What the officer wrote; only the officer's actions change it.
    text: Mapped[str] = mapped_column(Text, default="")
    #: The latest draft written from the evidence; regenerating replaces only this.
    draft: Mapped[str] = mapped_column(Text, default="")
    draft_generated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[AnswerStatus] = mapped_column(
        str_enum(AnswerStatus, "answer_status"), default=AnswerStatus.DRAFT
    )
    finalised_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Raised on every save; a save carrying an older number is refused (optimistic lock).
    version: Mapped[int] = mapped_column(Integer, default=1)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    edited_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    #: Fingerprints of the evidence the officer had in front of them at the last edit;
    #: evidence not among them is new and flags the question.
    evidence_seen: Mapped[list] = mapped_column(JSON, default=list)

    period: Mapped[ReportPeriod] = relationship(back_populates="answers")
    question: Mapped[ReportQuestion] = relationship()
    edited_by: Mapped[User | None] = relationship()
    choices: Mapped[list[EvidenceChoice]] = relationship(
        back_populates="answer", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}


class AnswerRevision(Base):
    """One saved state of an answer: who, when, what."""

    __tablename__ = "answer_revision"
    __table_args__ = (UniqueConstraint("answer_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("answer.id", ondelete="CASCADE"))
    #: 1, 2, 3 … per answer.
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[AnswerStatus] = mapped_column(str_enum(AnswerStatus, "answer_status"))
    #: What made it: "start", "edit", "take_draft", "submit".
    action: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )

    created_by: Mapped[User | None] = relationship()


class EvidenceChoice(Base):
    """The officer's decision to include or leave out one piece of evidence."""

    __tablename__ = "evidence_choice"
    __table_args__ = (UniqueConstraint("answer_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("answer.id", ondelete="CASCADE"))
    #: "occ:<event id>:<original start, UTC ISO>" for a held date, or a Fact.key.
    key: Mapped[str] = mapped_column(String(255))
    included: Mapped[bool] = mapped_column(Boolean, default=True)
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )

    answer: Mapped[Answer] = relationship(back_populates="choices")
