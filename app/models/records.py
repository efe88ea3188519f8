"""Records the office keeps: audit log, throttles, data requests, breaches, imports, outbox, duplicate decisions."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.timeutil import utcnow
from ..extensions import db
from .types import UTCDateTime

if TYPE_CHECKING:  # names used only in annotations; SQLAlchemy resolves them by name
    from .people import SeekerProfile, User


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
    # HMAC of the previous row's chain_hash and this row (app/core/audit.py): a removed, changed
    # or forged row breaks the chain, and `flask --app app audit verify` says where.
    chain_hash: Mapped[str | None] = mapped_column(String(64))


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

    __table_args__ = (Index("ix_outbox_pending", "sent_at", "failed_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(12), default="email")
    recipient: Mapped[str] = mapped_column(String(160))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # Delivery: a temporary refusal waits until next_attempt_at; a permanent one (or too many
    # temporary ones) sets the message aside (failed_at) with the server's answer in error.
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    failed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    error: Mapped[str] = mapped_column(Text, default="", server_default="")


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


class ProfileCorrection(db.Model):
    """A change staff made to a resident's data, with the reason they gave: the resident reads it
    on their profile. `changes` holds [{"field", "old", "new"}] (a NIK only by its last four
    digits); erased with the resident (app/privacy). The audit log points here by id."""

    __tablename__ = "profile_correction"
    id: Mapped[int] = mapped_column(primary_key=True)
    seeker_id: Mapped[int] = mapped_column(ForeignKey("seeker_profile.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    data_request_id: Mapped[int | None] = mapped_column(ForeignKey("data_request.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(String(500))
    changes: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    identity_checked: Mapped[bool] = mapped_column(default=False)  # staff saw the KTP: counts as verification
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    actor: Mapped[User | None] = relationship()
