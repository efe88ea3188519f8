"""Vacancies, suggestions and referrals with their history, letters, reminders and ranking models."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    desc,
    nulls_last,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.timeutil import utcnow
from ..extensions import db
from .types import UTCDateTime

if TYPE_CHECKING:  # names used only in annotations; SQLAlchemy resolves them by name
    from .people import Company, Kelurahan, SeekerProfile, User


class Vacancy(db.Model):
    __table_args__ = (Index("ix_vacancy_status", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id"))
    title: Mapped[str] = mapped_column(String(160))
    description: Mapped[str] = mapped_column(Text, default="")
    skills: Mapped[list[str]] = mapped_column(JSON, default=list)
    certificates: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Licence codes of matching/data/licences.tsv ("SIM_B1_UMUM"): required ones are a hard filter
    # of the suggestions, preferred ones rank higher (app/vacancies/licences.py lists them).
    required_licences: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    preferred_licences: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    education_min: Mapped[str | None] = mapped_column(String(4))
    experience_years_min: Mapped[float] = mapped_column(Float, default=0.0)
    contract_type: Mapped[str] = mapped_column(String(12), default="pkwt")
    wage_min: Mapped[int | None] = mapped_column(Integer)
    wage_max: Mapped[int | None] = mapped_column(Integer)
    shift: Mapped[str] = mapped_column(String(12), default="")
    location: Mapped[str] = mapped_column(String(255), default="")
    kelurahan_id: Mapped[int | None] = mapped_column(ForeignKey("kelurahan.id"))
    openings: Mapped[int] = mapped_column(Integer, default=1)
    deadline: Mapped[dt.date | None] = mapped_column(Date)
    # draft, review (waiting for staff), changes (staff asked the employer), refused, open, closed, filled
    status: Mapped[str] = mapped_column(String(10), default="open")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    suggestions_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    company: Mapped[Company] = relationship(back_populates="vacancies")
    kelurahan: Mapped[Kelurahan | None] = relationship()

    @property
    def area(self) -> tuple[str, ...]:
        kelurahan = self.kelurahan or self.company.kelurahan
        return kelurahan.area if kelurahan else ()


class Match(db.Model):
    """A resident and a vacancy: a suggestion that may become a referral and a hire."""

    __table_args__ = (
        UniqueConstraint("seeker_id", "vacancy_id"),
        # The order of a vacancy's suggestions page (migration 5d2a9c7e41b3). SQLite refuses NULLS
        # LAST in an index, and its DESC already sorts NULL last.
        Index("ix_match_vacancy_rank", "vacancy_id", "status", desc("interested"),
              nulls_last(desc("score"))).ddl_if(dialect="postgresql"),
        Index("ix_match_vacancy_rank", "vacancy_id", "status", desc("interested"),
              desc("score")).ddl_if(dialect="sqlite"),
        Index("ix_match_seeker_status", "seeker_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    seeker_id: Mapped[int] = mapped_column(ForeignKey("seeker_profile.id", ondelete="CASCADE"))
    vacancy_id: Mapped[int] = mapped_column(ForeignKey("vacancy.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(12), default="suggested")
    score: Mapped[float | None] = mapped_column(Float)
    model_version: Mapped[str] = mapped_column(String(40), default="")
    reasons: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    interested: Mapped[bool] = mapped_column(Boolean, default=False)
    interview_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # The interview invitation's packet for the resident (app/referrals/packet.py).
    interview_place: Mapped[str] = mapped_column(String(255), default="", server_default="")
    interview_contact: Mapped[str] = mapped_column(String(160), default="", server_default="")
    interview_bring: Mapped[str] = mapped_column(String(500), default="", server_default="")
    interview_notes: Mapped[str] = mapped_column(String(1000), default="", server_default="")
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    contract_type: Mapped[str | None] = mapped_column(String(12))
    contract_end_date: Mapped[dt.date | None] = mapped_column(Date)  # of a hire with a fixed-term contract
    reason_code: Mapped[str | None] = mapped_column(String(24))
    referred_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # Where the referral came from: a job fair's booth (the employer recorded it), else the desk.
    fair_id: Mapped[int | None] = mapped_column(ForeignKey("fair.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    seeker: Mapped[SeekerProfile] = relationship()
    vacancy: Mapped[Vacancy] = relationship()
    events: Mapped[list[MatchEvent]] = relationship(
        back_populates="match", cascade="all, delete-orphan", order_by="MatchEvent.id"
    )


class MatchEvent(db.Model):
    """One move of a match: who, when, why. These rows are the ranker's training labels."""

    __tablename__ = "match_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    match_id: Mapped[int] = mapped_column(ForeignKey("match.id", ondelete="CASCADE"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(12))
    to_status: Mapped[str] = mapped_column(String(12))
    outcome: Mapped[str] = mapped_column(String(12))  # the Feedback outcome this move stands for
    reason_code: Mapped[str | None] = mapped_column(String(24))
    note: Mapped[str] = mapped_column(String(500), default="")
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    match: Mapped[Match] = relationship(back_populates="events")
    actor: Mapped[User | None] = relationship()


class RankingModel(db.Model):
    __tablename__ = "ranking_model"
    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[str] = mapped_column(String(40), unique=True)
    trained_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    n_feedback: Mapped[int] = mapped_column(Integer, default=0)
    metrics: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    artifact: Mapped[bytes | None] = mapped_column(LargeBinary)
    active: Mapped[bool] = mapped_column(Boolean, default=False)


class ReferralLetter(db.Model):
    """A referral letter (surat pengantar): numbered once per kelurahan and year, verifiable
    through a random token printed as a QR code."""

    __tablename__ = "referral_letter"
    __table_args__ = (UniqueConstraint("kelurahan_id", "year", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    match_id: Mapped[int] = mapped_column(ForeignKey("match.id", ondelete="CASCADE"), unique=True)
    kelurahan_id: Mapped[int] = mapped_column(ForeignKey("kelurahan.id"))
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(80), unique=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    issued_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))

    match: Mapped[Match] = relationship()
    kelurahan: Mapped[Kelurahan] = relationship()


class Reminder(db.Model):
    """Work for staff that falls due on a day: a referral without an answer, a follow-up after a
    hire, a contract that ends, an AK/I card that expires or is due for its report. Created by the
    `tick` job (app/referrals/reminders.py), once per `key`; staff mark it done, with a note."""

    __tablename__ = "reminder"
    __table_args__ = (Index("ix_reminder_kelurahan_open", "kelurahan_id", "done_at", "due_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)  # e.g. "follow_up_3:m12": what makes it one
    kind: Mapped[str] = mapped_column(String(20))
    kelurahan_id: Mapped[int] = mapped_column(ForeignKey("kelurahan.id"))
    match_id: Mapped[int | None] = mapped_column(ForeignKey("match.id", ondelete="CASCADE"), index=True)
    seeker_id: Mapped[int | None] = mapped_column(ForeignKey("seeker_profile.id", ondelete="CASCADE"), index=True)
    due_on: Mapped[dt.date] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    done_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    outcome: Mapped[str | None] = mapped_column(String(12))  # follow-ups: working, not_working
    note: Mapped[str] = mapped_column(String(500), default="")

    match: Mapped[Match | None] = relationship()
    seeker: Mapped[SeekerProfile | None] = relationship()
    done_by: Mapped[User | None] = relationship()


class UsedAnswerLink(db.Model):
    """Nonces of employer answer links (sent by email) that have been used: each link works once."""

    __tablename__ = "used_answer_link"

    nonce: Mapped[str] = mapped_column(String(64), primary_key=True)
    match_id: Mapped[int] = mapped_column(ForeignKey("match.id", ondelete="CASCADE"), index=True)
    used_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class VacancyReviewEvent(db.Model):
    """One step of a vacancy's review before it is published: submitted (new or edited),
    resubmitted, published, changes (asked of the employer) or refused, with the staff note."""

    __tablename__ = "vacancy_review_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    vacancy_id: Mapped[int] = mapped_column(ForeignKey("vacancy.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(12))
    note: Mapped[str] = mapped_column(String(1000), default="")
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    actor: Mapped[User | None] = relationship()
