"""Column types and role names shared by the models."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime

from ..extensions import db


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
