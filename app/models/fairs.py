"""Job fairs (bursa kerja kelurahan): the event, the companies invited, the vacancies they bring,
residents' invitations and passes, and what each booth records about a pass."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.timeutil import utcnow
from ..extensions import db
from .types import UTCDateTime

if TYPE_CHECKING:  # names used only in annotations; SQLAlchemy resolves them by name
    from .people import Company, Kelurahan, SeekerProfile, User
    from .work import Match, Vacancy


class Fair(db.Model):
    """One fair, organised by a kelurahan's desk for its kelurahan or its whole kecamatan."""

    __table_args__ = (Index("ix_fair_starts_at", "starts_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kelurahan_id: Mapped[int] = mapped_column(ForeignKey("kelurahan.id"))
    name: Mapped[str] = mapped_column(String(160))
    place: Mapped[str] = mapped_column(String(255))
    starts_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    scope: Mapped[str] = mapped_column(String(12), default="kelurahan")  # kelurahan, kecamatan
    capacity: Mapped[int] = mapped_column(Integer, default=0)  # passes given at most (0: no limit)
    description: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    kelurahan: Mapped[Kelurahan] = relationship()
    companies: Mapped[list[FairCompany]] = relationship(
        back_populates="fair", cascade="all, delete-orphan", order_by="FairCompany.id")


class FairCompany(db.Model):
    """A verified company invited to a fair; `joined_at` once it says it comes."""

    __tablename__ = "fair_company"
    __table_args__ = (UniqueConstraint("fair_id", "company_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    fair_id: Mapped[int] = mapped_column(ForeignKey("fair.id", ondelete="CASCADE"))
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"), index=True)
    invited_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    joined_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    fair: Mapped[Fair] = relationship(back_populates="companies")
    company: Mapped[Company] = relationship()


class FairVacancy(db.Model):
    """A vacancy a participating company brings to the fair."""

    __tablename__ = "fair_vacancy"
    __table_args__ = (UniqueConstraint("fair_id", "vacancy_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    fair_id: Mapped[int] = mapped_column(ForeignKey("fair.id", ondelete="CASCADE"))
    vacancy_id: Mapped[int] = mapped_column(ForeignKey("vacancy.id", ondelete="CASCADE"), index=True)
    added_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))

    vacancy: Mapped[Vacancy] = relationship()


class FairInvitation(db.Model):
    """A resident invited to a fair by staff (for the vacancy they rank best on), once."""

    __tablename__ = "fair_invitation"
    __table_args__ = (UniqueConstraint("fair_id", "seeker_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    fair_id: Mapped[int] = mapped_column(ForeignKey("fair.id", ondelete="CASCADE"))
    seeker_id: Mapped[int] = mapped_column(ForeignKey("seeker_profile.id", ondelete="CASCADE"), index=True)
    vacancy_id: Mapped[int | None] = mapped_column(ForeignKey("vacancy.id", ondelete="SET NULL"))
    channel: Mapped[str] = mapped_column(String(12), default="email")  # email, whatsapp
    sent_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))


class FairPass(db.Model):
    """A resident's pass to a fair. The code is random and carries nothing about the person."""

    __tablename__ = "fair_pass"
    __table_args__ = (UniqueConstraint("fair_id", "seeker_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    fair_id: Mapped[int] = mapped_column(ForeignKey("fair.id", ondelete="CASCADE"))
    seeker_id: Mapped[int] = mapped_column(ForeignKey("seeker_profile.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(12), unique=True)
    channel: Mapped[str] = mapped_column(String(8), default="online")  # online, door
    registered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    registered_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    fair: Mapped[Fair] = relationship()
    seeker: Mapped[SeekerProfile] = relationship()


class FairVisit(db.Model):
    """A pass shown at a company's booth: the resident's consent to share their profile with that
    company, recorded once per pass and company."""

    __tablename__ = "fair_visit"
    __table_args__ = (UniqueConstraint("pass_id", "company_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pass_id: Mapped[int] = mapped_column(ForeignKey("fair_pass.id", ondelete="CASCADE"))
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    fair_pass: Mapped[FairPass] = relationship()
    actor: Mapped[User | None] = relationship()


class FairRecord(db.Model):
    """What a booth recorded for a pass and one of its vacancies: applied, interview (held on the
    spot) or shortlisted. One row per pass and vacancy, whatever the number of taps."""

    __tablename__ = "fair_record"
    __table_args__ = (UniqueConstraint("pass_id", "vacancy_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pass_id: Mapped[int] = mapped_column(ForeignKey("fair_pass.id", ondelete="CASCADE"))
    vacancy_id: Mapped[int] = mapped_column(ForeignKey("vacancy.id", ondelete="CASCADE"), index=True)
    match_id: Mapped[int | None] = mapped_column(ForeignKey("match.id", ondelete="SET NULL"), index=True)
    outcome: Mapped[str] = mapped_column(String(12))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    fair_pass: Mapped[FairPass] = relationship()
    vacancy: Mapped[Vacancy] = relationship()
    match: Mapped[Match | None] = relationship()
