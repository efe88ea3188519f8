"""Who read or changed personal data, and every authentication and account event: when, from where.

Rows hold ids or keyed hashes (app/core/crypto.keyed_hash), never names, emails, phone numbers
or search terms, so erasing a person needs no change here. The log is append-only (database
triggers refuse UPDATE and DELETE) and tamper-evident: each row's chain_hash is an HMAC, under
AUDIT_KEY, of the previous row's chain_hash and this row's fields. Removing, changing or forging
a row (with the triggers dropped) breaks the chain; `verify` finds where. Removing the newest rows
leaves no break: `flask --app app audit verify` prints the head to keep elsewhere (e.g. the backup log)."""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
from collections.abc import Iterator
from dataclasses import dataclass

import click
from flask import current_app, has_request_context, request
from flask.cli import AppGroup
from sqlalchemy import select, text

from ..extensions import db
from ..models import AuditLog, User
from .timeutil import utcnow

# Any constant: PostgreSQL serialises appends to the chain with this transaction-level lock
# (SQLite writes one transaction at a time already).
_CHAIN_LOCK = 0x4C57_A0D1


def record(actor: User | None, action: str, object_type: str, object_id: object = "", detail: str = "") -> AuditLog:
    ip = request.remote_addr or "" if has_request_context() else ""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _CHAIN_LOCK})
    previous = db.session.scalar(select(AuditLog.chain_hash).order_by(AuditLog.id.desc()).limit(1))
    row = AuditLog(at=utcnow(), actor_id=actor.id if actor else None, action=action, object_type=object_type,
                   object_id=str(object_id)[:40], ip=ip, detail=detail[:255])
    row.chain_hash = chain_hash(previous, row)
    db.session.add(row)
    db.session.flush()  # the next row in this transaction chains from this one
    return row


def _fields(row) -> str:
    at = row.at.astimezone(dt.UTC) if row.at.tzinfo else row.at  # naive values are UTC
    return "\x1f".join([at.strftime("%Y-%m-%dT%H:%M:%S.%f"), str(row.actor_id or ""), row.action, row.object_type,
                        row.object_id or "", row.ip or "", row.detail or ""])


def chain_hash(previous: str | None, row) -> str:
    key = base64.urlsafe_b64decode(current_app.config["AUDIT_KEY"])
    return hmac.new(key, f"{previous or ''}\x1e{_fields(row)}".encode(), hashlib.sha256).hexdigest()


@dataclass
class Break:
    row_id: int
    problem: str


def verify() -> tuple[int, list[Break], str]:
    """Walk the chain: the rows checked, every break, and the head (the newest chain_hash)."""
    previous, count, breaks = None, 0, []
    rows: Iterator[AuditLog] = db.session.scalars(select(AuditLog).order_by(AuditLog.id).execution_options(yield_per=1000))
    for row in rows:
        count += 1
        if not row.chain_hash:
            breaks.append(Break(row.id, "no chain hash"))
        elif not hmac.compare_digest(row.chain_hash, chain_hash(previous, row)):
            breaks.append(Break(row.id, "chain broken: this row or the one before it was changed, removed or forged"))
        previous = row.chain_hash
    return count, breaks, previous or ""


audit_cli = AppGroup("audit", help="The audit log.")


@audit_cli.command("verify")
def verify_command() -> None:
    """Check the audit log's hash chain; exit status 1 when a row was removed, changed or forged."""
    count, breaks, head = verify()
    for item in breaks:
        click.echo(f"row {item.row_id}: {item.problem}")
    click.echo(f"{count} rows checked, {len(breaks)} break(s); head {head}")
    if breaks:
        raise SystemExit(1)
