"""Domain model. Plain typed SQLAlchemy 2.0 classes; nothing here reads the request."""
from __future__ import annotations

import datetime as dt
from typing import Any

from flask_login import UserMixin
from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
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

from ..extensions import db
from ..core.timeutil import utcnow


class UTCDateTime(db.TypeDecorator):
    """Stores naive UTC, returns aware UTC, on SQLite and PostgreSQL alike."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is not None:
            value = value.astimezone(dt.timezone.utc).replace(tzinfo=None)
        return value

    def process_result_value(self, value, dialect):
        if value is not None:
            value = value.replace(tzinfo=dt.timezone.utc)
        return value


class Role:
    SEEKER = "seeker"
    EMPLOYER = "employer"
    STAFF = "staff"
    ADMIN = "admin"
    CITY = "city"
    ALL = (SEEKER, EMPLOYER, STAFF, ADMIN, CITY)


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
        from ..core.crypto import decrypt_nik

        return decrypt_nik(self.nik_ciphertext)

    @nik.setter
    def nik(self, value: str) -> None:
        from ..core.crypto import encrypt_nik, nik_hash

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


class Vacancy(db.Model):
    __table_args__ = (Index("ix_vacancy_status", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id"))
    title: Mapped[str] = mapped_column(String(160))
    description: Mapped[str] = mapped_column(Text, default="")
    skills: Mapped[list[str]] = mapped_column(JSON, default=list)
    certificates: Mapped[list[str]] = mapped_column(JSON, default=list)
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
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    contract_type: Mapped[str | None] = mapped_column(String(12))
    contract_end_date: Mapped[dt.date | None] = mapped_column(Date)  # of a hire with a fixed-term contract
    reason_code: Mapped[str | None] = mapped_column(String(24))
    referred_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
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


class AuditLog(db.Model):
    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    action: Mapped[str] = mapped_column(String(40))
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[str] = mapped_column(String(40), default="")
    ip: Mapped[str] = mapped_column(String(45), default="")
    detail: Mapped[str] = mapped_column(String(255), default="")


class RateLimit(db.Model):
    """Failures or attempts per key in a fixed window, shared by every server process."""

    __tablename__ = "rate_limit"
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)
    window_ends_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class DataRequest(db.Model):
    """A resident's request under UU PDP: access, correction or deletion, due in 3×24 hours."""

    __tablename__ = "data_request"
    id: Mapped[int] = mapped_column(primary_key=True)
    seeker_id: Mapped[int | None] = mapped_column(ForeignKey("seeker_profile.id", ondelete="SET NULL"))
    kelurahan_id: Mapped[int] = mapped_column(ForeignKey("kelurahan.id"))
    kind: Mapped[str] = mapped_column(String(12))  # correction, deletion
    detail: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(12), default="open")  # open, done, refused
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    due_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    handled_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    handled_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    response: Mapped[str] = mapped_column(Text, default="")

    seeker: Mapped[SeekerProfile | None] = relationship()


class Breach(db.Model):
    """Register of personal data breaches; people and the authority are told within 3×24 hours."""

    id: Mapped[int] = mapped_column(primary_key=True)
    discovered_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    description: Mapped[str] = mapped_column(Text)
    data_affected: Mapped[str] = mapped_column(Text, default="")
    people_affected: Mapped[int] = mapped_column(Integer, default=0)
    notify_by: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    notified_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


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


class ImportRun(db.Model):
    """A staged import whose rows were saved, written in the same transaction as the rows: a job
    that runs again for the same file (its worker stopped after the commit, before the staged
    file was updated) finds it and saves nothing twice."""

    __tablename__ = "import_run"

    token: Mapped[str] = mapped_column(String(32), primary_key=True)
    kind: Mapped[str] = mapped_column(String(12))
    result: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class Outbox(db.Model):
    """Every message the app sends (email; WhatsApp links are opened by staff). In development
    messages stay here; with SMTP configured a sender delivers them and sets sent_at."""

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(12), default="email")
    recipient: Mapped[str] = mapped_column(String(160))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


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
    `tick` job (app/reminders.py), once per `key`; staff mark it done, with a note."""

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


class DuplicateDismissal(db.Model):
    """Staff said two residents are not the same person: the pair stops being suggested.
    Stored with the smaller id first."""

    __tablename__ = "duplicate_dismissal"
    __table_args__ = (UniqueConstraint("seeker_a_id", "seeker_b_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    seeker_a_id: Mapped[int] = mapped_column(ForeignKey("seeker_profile.id", ondelete="CASCADE"))
    seeker_b_id: Mapped[int] = mapped_column(ForeignKey("seeker_profile.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class SeekerMerge(db.Model):
    """A duplicate record merged into this resident: what moved, who merged it and when. The
    merged record itself is deleted (its NIK with it); only its former id is kept here."""

    __tablename__ = "seeker_merge"
    id: Mapped[int] = mapped_column(primary_key=True)
    kept_id: Mapped[int] = mapped_column(ForeignKey("seeker_profile.id", ondelete="CASCADE"), index=True)
    merged_seeker_id: Mapped[int] = mapped_column(Integer)
    moved: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    actor: Mapped[User | None] = relationship()
