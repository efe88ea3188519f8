"""Messages the app sends. Each is written to the outbox table in the same transaction as the
change that caused it; with SMTP configured, `flask --app app send-outbox` delivers them.

Delivery is once per message: each message is marked sent in its own commit right after the
server accepted it, before the next is tried, so a connection lost mid-batch never sends the
earlier ones again. A message the server refuses for good (5xx) is set aside with the server's
answer and the rest go on; a temporary refusal (4xx, a dropped connection) waits and is tried
again later, each wait twice the last."""
from __future__ import annotations

import datetime as dt
import logging
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import make_msgid

from flask import current_app
from sqlalchemy import or_, select

from ..extensions import db
from ..models import Outbox
from .timeutil import utcnow

log = logging.getLogger("lokerwarga.outbox")
LONGEST_WAIT = dt.timedelta(hours=6)


def queue_email(recipient: str, subject: str, body: str) -> Outbox:
    message = Outbox(channel="email", recipient=recipient, subject=subject[:200], body=body)
    db.session.add(message)
    db.session.flush()
    return message


def _connect(config) -> smtplib.SMTP:
    """An SMTP session as configured; TLS checks the server's certificate and name."""
    host, port, timeout = config["SMTP_HOST"], int(config.get("SMTP_PORT") or 587), config.get("SMTP_TIMEOUT", 30)
    context = ssl.create_default_context()
    if config.get("SMTP_SSL"):
        smtp = smtplib.SMTP_SSL(host, port, timeout=timeout, context=context)
    else:
        smtp = smtplib.SMTP(host, port, timeout=timeout)
    try:
        if not config.get("SMTP_SSL") and config.get("SMTP_STARTTLS", True):
            smtp.starttls(context=context)
        if config.get("SMTP_USER"):
            smtp.login(config["SMTP_USER"], config.get("SMTP_PASSWORD") or "")
    except BaseException:
        smtp.close()
        raise
    return smtp


def _email(message: Outbox, sender: str) -> EmailMessage:
    email = EmailMessage()
    email["From"] = sender
    email["To"] = message.recipient
    email["Subject"] = message.subject
    # The same id on every attempt lets a mail system recognise a message it already has.
    email["Message-ID"] = make_msgid(idstring=f"outbox.{message.id}", domain=sender.rpartition("@")[2] or None)
    email.set_content(message.body)
    return email


def _refusal_code(exc: Exception) -> int | None:
    """The SMTP reply code of a refusal, or None when there was no answer (a lost connection)."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _text in exc.recipients.values()]
        return min(codes) if codes else None
    return getattr(exc, "smtp_code", None)


def _set_aside(message: Outbox, reason: str) -> None:
    message.failed_at = utcnow()
    message.next_attempt_at = None
    message.error = reason[:2000]


def _later(message: Outbox, reason: str, config) -> None:
    """A temporary failure: try again after a wait that doubles each time, up to MAIL_MAX_ATTEMPTS."""
    message.attempts = (message.attempts or 0) + 1
    message.error = reason[:2000]
    if message.attempts >= int(config.get("MAIL_MAX_ATTEMPTS") or 8):
        _set_aside(message, f"{reason} (after {message.attempts} attempts)")
        return
    first = dt.timedelta(seconds=float(config.get("MAIL_RETRY_SECONDS") or 0))
    message.next_attempt_at = utcnow() + min(first * 2 ** (message.attempts - 1), LONGEST_WAIT)


def pending_ids(limit: int) -> list[int]:
    now = utcnow()
    return list(db.session.scalars(
        select(Outbox.id).where(Outbox.sent_at.is_(None), Outbox.failed_at.is_(None), Outbox.channel == "email",
                                or_(Outbox.next_attempt_at.is_(None), Outbox.next_attempt_at <= now))
        .order_by(Outbox.id).limit(limit)))


def send_pending(limit: int = 100) -> int:
    """Deliver up to ``limit`` due messages; returns how many the server accepted. Commits after
    every message (this runs from the command line or a job, never inside a request)."""
    config = current_app.config
    if not config.get("SMTP_HOST"):
        return 0  # development: messages stay in the outbox to be read there
    ids = pending_ids(limit)
    db.session.commit()
    if not ids:
        return 0
    try:
        smtp = _connect(config)
    except (OSError, smtplib.SMTPException) as exc:  # the server is away: everything waits for the next run
        log.warning("mail server %s unreachable: %s", config["SMTP_HOST"], exc)
        return 0
    sent = 0
    try:
        for message_id in ids:
            message = db.session.get(Outbox, message_id)
            if message is None or message.sent_at is not None or message.failed_at is not None:
                db.session.commit()
                continue
            try:
                smtp.send_message(_email(message, config.get("MAIL_FROM") or "lokerwarga@localhost"))
            except (OSError, smtplib.SMTPException) as exc:
                code = _refusal_code(exc)
                reason = f"{code} {exc}" if code else f"{type(exc).__name__}: {exc}"
                if code is not None and 500 <= code < 600:
                    _set_aside(message, reason)
                else:
                    _later(message, reason, config)
                db.session.commit()
                if code is None or isinstance(exc, smtplib.SMTPServerDisconnected):
                    log.warning("mail server connection lost at message %s: %s", message_id, exc)
                    break  # the connection is gone; the rest wait for the next run
                continue  # smtplib has reset the session after the refusal
            message.sent_at = utcnow()
            message.error = ""
            db.session.commit()
            sent += 1
    finally:
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()
    return sent
