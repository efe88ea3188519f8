"""Who read or changed personal data, when, from where."""
from __future__ import annotations

from flask import has_request_context, request

from ..extensions import db
from ..models import AuditLog, User


def record(actor: User | None, action: str, object_type: str, object_id: object = "", detail: str = "") -> None:
    ip = request.remote_addr or "" if has_request_context() else ""
    db.session.add(AuditLog(actor_id=actor.id if actor else None, action=action, object_type=object_type,
                            object_id=str(object_id), ip=ip, detail=detail[:255]))
