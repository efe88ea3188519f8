"""Messages the app sends. Each is written to the outbox table in the same transaction as the
change that caused it; with SMTP configured, `flask --app app send-outbox` delivers them."""
from __future__ import annotations

import smtplib
from email.message import EmailMessage

from flask import current_app
from sqlalchemy import select

from ..extensions import db
from ..models import Outbox
from .timeutil import utcnow


def queue_email(recipient: str, subject: str, body: str) -> Outbox:
    message = Outbox(channel="email", recipient=recipient, subject=subject[:200], body=body)
    db.session.add(message)
    db.session.flush()
    return message


def send_pending(limit: int = 100) -> int:
    host = current_app.config.get("SMTP_HOST")
    if not host:
        return 0  # development: messages stay in the outbox to be read there
    sent = 0
    pending = db.session.scalars(select(Outbox).where(Outbox.sent_at.is_(None), Outbox.channel == "email")
                                 .order_by(Outbox.id).limit(limit)).all()
    with smtplib.SMTP(host, current_app.config.get("SMTP_PORT", 587), timeout=30) as smtp:
        if current_app.config.get("SMTP_STARTTLS", True):
            smtp.starttls()
        if current_app.config.get("SMTP_USER"):
            smtp.login(current_app.config["SMTP_USER"], current_app.config["SMTP_PASSWORD"])
        for message in pending:
            email = EmailMessage()
            email["From"] = current_app.config.get("MAIL_FROM", "lokerwarga@localhost")
            email["To"] = message.recipient
            email["Subject"] = message.subject
            email.set_content(message.body)
            smtp.send_message(email)
            message.sent_at = utcnow()
            sent += 1
    db.session.flush()
    return sent
