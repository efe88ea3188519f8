"""The job table: one row per background job, whichever runner executes it.

The row is the single source of truth for progress: the embedded runner claims rows from this
table, and RQ workers (several machines, one PostgreSQL) update the same rows."""
from __future__ import annotations

import datetime as dt
from typing import Any

from flask import has_request_context
from flask_babel import gettext
from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..core.timeutil import utcnow
from ..extensions import db
from ..models import UTCDateTime

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
ACTIVE = (QUEUED, RUNNING)
FINISHED = (DONE, FAILED)


class Job(db.Model):
    __tablename__ = "job"
    __table_args__ = (
        Index("ix_job_status_id", "status", "id"),
        Index("ix_job_name_status", "name", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(10), default=QUEUED)
    progress: Mapped[int] = mapped_column(Integer, default=0)  # 0-100
    # An untranslated message id (marked with N_) and its parameters, rendered in the reader's language.
    message: Mapped[str] = mapped_column(String(255), default="")
    message_params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    result: Mapped[Any | None] = mapped_column(JSON)
    error: Mapped[str] = mapped_column(Text, default="")
    backend: Mapped[str] = mapped_column(String(8), default="db")
    worker: Mapped[str] = mapped_column(String(120), default="")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The running worker's lease: renewed every JOBS_HEARTBEAT_SECONDS; a running job whose
    # heartbeat is older than JOBS_LEASE_SECONDS was abandoned and any worker takes it back.
    heartbeat_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    @property
    def active(self) -> bool:
        return self.status in ACTIVE

    @property
    def display_message(self) -> str:
        """The progress message in the current user's language."""
        if not self.message:
            return ""
        params = self.message_params or {}
        try:
            if not has_request_context():  # the command line: the source language
                return self.message % params if params else self.message
            return gettext(self.message, **params)
        except (KeyError, ValueError, TypeError):  # parameters that no longer fit the message
            return self.message.split("%(")[0]

    def __repr__(self) -> str:
        return f"<Job {self.id} {self.name} {self.status} {self.progress}%>"


class JobWorker(db.Model):
    """A running worker's last sign of life, for /healthz: renewed while idle and while working;
    a worker that stops cleanly removes its row."""

    __tablename__ = "job_worker"

    name: Mapped[str] = mapped_column(String(120), primary_key=True)
    backend: Mapped[str] = mapped_column(String(8), default="db")
    started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    beat_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
