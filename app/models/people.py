"""Places and people: kelurahan, companies, user accounts, residents and what they hold."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from flask_login import UserMixin
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
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.crypto import decrypt_nik, encrypt_nik, nik_hash
from ..core.timeutil import utcnow
from ..extensions import db
from .types import UTCDateTime

if TYPE_CHECKING:  # names used only in annotations; SQLAlchemy resolves them by name
    from .work import Vacancy


class Kelurahan(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    kecamatan: Mapped[str] = mapped_column(String(80))
    kota: Mapped[str] = mapped_column(String(80))
    provinsi: Mapped[str] = mapped_column(String(80))
    rw_list: Mapped[list[str]] = mapped_column(JSON, default=list)
    letter_code: Mapped[str] = mapped_column(String(12), default="")
    address: Mapped[str] = mapped_column(String(255), default="")
    lurah_name: Mapped[str] = mapped_column(String(120), default="")
    lurah_nip: Mapped[str] = mapped_column(String(18), default="", server_default="")  # printed under the signature
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def area(self) -> tuple[str, ...]:
        return (self.provinsi, self.kota, self.kecamatan, self.name)


class Company(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160))
    kbli_code: Mapped[str] = mapped_column(String(10), default="")
    kbli_version: Mapped[str] = mapped_column(String(8), default="2020")
    address: Mapped[str] = mapped_column(String(255), default="")
    kelurahan_id: Mapped[int | None] = mapped_column(ForeignKey("kelurahan.id"))
    contact_name: Mapped[str] = mapped_column(String(120), default="")
    contact_phone: Mapped[str] = mapped_column(String(20), default="")
    contact_email: Mapped[str] = mapped_column(String(160), default="")
    status: Mapped[str] = mapped_column(String(12), default="pending")  # pending, verified, rejected
    verified_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    verified_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", use_alter=True))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    kelurahan: Mapped[Kelurahan | None] = relationship()
    vacancies: Mapped[list[Vacancy]] = relationship(back_populates="company")

    @property
    def verified(self) -> bool:
        return self.status == "verified"


class User(UserMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str | None] = mapped_column(String(160), unique=True)
    phone: Mapped[str | None] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(120), default="")
    password_hash: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(12))
    kelurahan_id: Mapped[int | None] = mapped_column(ForeignKey("kelurahan.id"))
    company_id: Mapped[int | None] = mapped_column(ForeignKey("company.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Bumped at logout and password change so that old session cookies stop working.
    session_version: Mapped[int] = mapped_column(Integer, default=0)
    claim_code_hash: Mapped[str | None] = mapped_column(String(255))
    claim_expires_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # Two-factor authentication (required for staff and admin).
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_last_step: Mapped[int] = mapped_column(Integer, default=0)  # a code is accepted once
    recovery_codes: Mapped[list[str]] = mapped_column(JSON, default=list)  # argon2 hashes
    # The secret shown while an authenticator app is being enrolled: on the server, never in the cookie.
    totp_pending_secret: Mapped[str | None] = mapped_column(String(64))
    # An account admin created (or whose password admin set) chooses its own at the first log-in.
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    kelurahan: Mapped[Kelurahan | None] = relationship()
    company: Mapped[Company | None] = relationship(foreign_keys=[company_id])
    seeker: Mapped[SeekerProfile | None] = relationship(
        back_populates="user", uselist=False, foreign_keys="SeekerProfile.user_id"
    )

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive accounts
        return self.active

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"


class SeekerProfile(db.Model):
    __tablename__ = "seeker_profile"
    __table_args__ = (Index("ix_seeker_kelurahan_status", "kelurahan_id", "status"),
                      Index("ix_seeker_kelurahan_birth", "kelurahan_id", "birth_date"))  # duplicate check

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), unique=True)
    kelurahan_id: Mapped[int] = mapped_column(ForeignKey("kelurahan.id"))
    # The NIK is stored encrypted; nik_hash (an HMAC) finds duplicates without decrypting.
    nik_ciphertext: Mapped[bytes] = mapped_column(LargeBinary)
    nik_hash: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    birth_date: Mapped[dt.date] = mapped_column(Date)
    sex: Mapped[str] = mapped_column(String(1))  # L or P
    address: Mapped[str] = mapped_column(String(255), default="")
    rt: Mapped[str] = mapped_column(String(3), default="")
    rw: Mapped[str] = mapped_column(String(3), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    education: Mapped[str | None] = mapped_column(String(4))
    major: Mapped[str] = mapped_column(String(120), default="")
    skills: Mapped[list[str]] = mapped_column(JSON, default=list)
    certificates: Mapped[list[str]] = mapped_column(JSON, default=list)
    desired_positions: Mapped[list[str]] = mapped_column(JSON, default=list)
    shifts: Mapped[list[str]] = mapped_column(JSON, default=list)
    contract_wishes: Mapped[list[str]] = mapped_column(JSON, default=list)
    expected_wage: Mapped[int | None] = mapped_column(Integer)
    about: Mapped[str] = mapped_column(Text, default="")
    disability: Mapped[bool | None] = mapped_column(Boolean)
    status: Mapped[str] = mapped_column(String(12), default="looking")  # looking, working, inactive
    # The AK/I card (kartu pencari kerja, "kartu kuning") issued by Disnaker: valid 2 years, the holder
    # reports back every 6 months while still looking. Recorded by staff.
    ak1_number: Mapped[str | None] = mapped_column(String(30))
    ak1_valid_until: Mapped[dt.date | None] = mapped_column(Date)
    ak1_last_report: Mapped[dt.date | None] = mapped_column(Date)
    consent_registration: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_sharing: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_ranking: Mapped[bool] = mapped_column(Boolean, default=False)
    verified_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    verified_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    registered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    user: Mapped[User | None] = relationship(back_populates="seeker", foreign_keys=[user_id])
    kelurahan: Mapped[Kelurahan] = relationship()
    experiences: Mapped[list[ExperienceEntry]] = relationship(
        back_populates="seeker", cascade="all, delete-orphan", order_by="ExperienceEntry.id"
    )
    consents: Mapped[list[ConsentRecord]] = relationship(
        back_populates="seeker", cascade="all, delete-orphan", order_by="ConsentRecord.id"
    )
    documents: Mapped[list[SeekerDocument]] = relationship(order_by="SeekerDocument.id", viewonly=True)

    @property
    def nik(self) -> str:
        return decrypt_nik(self.nik_ciphertext)

    @nik.setter
    def nik(self, value: str) -> None:
        self.nik_ciphertext = encrypt_nik(value)
        self.nik_hash = nik_hash(value)

    @property
    def area(self) -> tuple[str, ...]:
        area = self.kelurahan.area
        return area + (f"RW {self.rw}",) if self.rw else area

    @property
    def verified(self) -> bool:
        return self.verified_at is not None


class ExperienceEntry(db.Model):
    __tablename__ = "experience"
    id: Mapped[int] = mapped_column(primary_key=True)
    seeker_id: Mapped[int] = mapped_column(ForeignKey("seeker_profile.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(120))
    employer: Mapped[str] = mapped_column(String(160), default="")
    years: Mapped[float] = mapped_column(Float, default=0.0)
    description: Mapped[str] = mapped_column(Text, default="")

    seeker: Mapped[SeekerProfile] = relationship(back_populates="experiences")


class ConsentRecord(db.Model):
    """Every grant or withdrawal of consent, per purpose, with the text version shown."""

    __tablename__ = "consent_record"
    id: Mapped[int] = mapped_column(primary_key=True)
    seeker_id: Mapped[int] = mapped_column(ForeignKey("seeker_profile.id", ondelete="CASCADE"))
    purpose: Mapped[str] = mapped_column(String(20))  # registration, sharing, ranking
    granted: Mapped[bool] = mapped_column(Boolean)
    text_version: Mapped[str] = mapped_column(String(20))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    seeker: Mapped[SeekerProfile] = relationship(back_populates="consents")


class SeekerDocument(db.Model):
    """A CV: stored outside static/ under a random name, served only to those allowed."""

    __tablename__ = "seeker_document"
    id: Mapped[int] = mapped_column(primary_key=True)
    seeker_id: Mapped[int] = mapped_column(ForeignKey("seeker_profile.id", ondelete="CASCADE"), index=True)
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    original_name: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    uploaded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
