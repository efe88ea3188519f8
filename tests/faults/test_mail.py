"""Mail through a real SMTP server started here (aiosmtpd) that misbehaves: it drops the
connection at the 4th message of every session and refuses one address for good. Over repeated
sends every message arrives exactly once and the refused one is set aside with the reason."""
from __future__ import annotations

import datetime as dt
import email
import socket
import ssl

import pytest
from aiosmtpd.controller import Controller

from app.config import build_config
from app.core.outbox import queue_email, send_pending
from app.extensions import db
from app.models import Outbox

REFUSED = "tidak.ada@contoh.test"


class FlakyServer:
    """The handler: counts messages per session and cuts the connection at the 4th."""

    def __init__(self, drop_at: int | None = 4) -> None:
        self.drop_at = drop_at
        self.delivered: list[str] = []  # the Subject of every message accepted

    async def handle_MAIL(self, server, session, envelope, address, options):
        session.messages = getattr(session, "messages", 0) + 1
        if self.drop_at is not None and session.messages == self.drop_at:
            server.transport.close()  # the connection is lost, no reply
            return "421 closing"
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == REFUSED:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.delivered.append(email.message_from_bytes(envelope.content)["Subject"])
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(app):
    handler = FlakyServer()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    saved = {k: app.config.get(k) for k in ("SMTP_HOST", "SMTP_PORT", "SMTP_STARTTLS", "MAIL_RETRY_SECONDS")}
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=controller.port, SMTP_STARTTLS=False, MAIL_RETRY_SECONDS=0)
    yield handler
    app.config.update(saved)
    controller.stop()


def _queue(count: int, refused_at: int | None = None) -> None:
    for number in range(1, count + 1):
        queue_email(REFUSED if number == refused_at else f"warga{number}@contoh.test", f"Pesan {number}", "Isi")
    db.session.commit()


def _send_until_done(runs: int = 10) -> int:
    for run in range(runs):
        send_pending()
        if not db.session.scalars(db.select(Outbox).where(Outbox.sent_at.is_(None), Outbox.failed_at.is_(None))).all():
            return run + 1
    return runs


def test_a_connection_lost_mid_batch_sends_nothing_twice_and_loses_nothing(app, smtp_server):
    _queue(10)
    send_pending()
    assert smtp_server.delivered == ["Pesan 1", "Pesan 2", "Pesan 3"]
    assert _send_until_done() <= 4
    assert sorted(smtp_server.delivered, key=lambda s: int(s.split()[1])) == [f"Pesan {n}" for n in range(1, 11)]
    assert len(smtp_server.delivered) == 10  # each once
    assert all(m.sent_at is not None for m in db.session.scalars(db.select(Outbox)))


def test_a_permanently_refused_message_is_set_aside_and_the_rest_go_on(app, smtp_server):
    smtp_server.drop_at = None
    _queue(5, refused_at=2)
    assert send_pending() == 4
    assert smtp_server.delivered == ["Pesan 1", "Pesan 3", "Pesan 4", "Pesan 5"]
    refused = db.session.scalar(db.select(Outbox).where(Outbox.recipient == REFUSED))
    assert refused.sent_at is None and refused.failed_at is not None
    assert "550" in refused.error
    assert send_pending() == 0  # not tried again
    assert len(smtp_server.delivered) == 4


def test_a_temporary_failure_waits_longer_each_time(app, smtp_server):
    app.config["MAIL_RETRY_SECONDS"] = 60
    smtp_server.drop_at = 1
    _queue(1)
    send_pending()
    message = db.session.scalar(db.select(Outbox))
    first_wait = message.next_attempt_at - dt.datetime.now(dt.UTC)
    assert message.attempts == 1 and message.sent_at is None and message.failed_at is None
    assert dt.timedelta(seconds=50) < first_wait <= dt.timedelta(seconds=60)
    assert send_pending() == 0 and message.attempts == 1  # not due yet: not tried
    message.next_attempt_at = None
    db.session.commit()
    send_pending()
    assert message.next_attempt_at - dt.datetime.now(dt.UTC) > dt.timedelta(seconds=110)
    smtp_server.drop_at = None
    message.next_attempt_at = None
    db.session.commit()
    assert send_pending() == 1
    assert smtp_server.delivered == ["Pesan 1"]


def test_every_mail_setting_comes_from_the_environment(tmp_path, monkeypatch):
    values = {"SMTP_HOST": "mail.contoh.test", "SMTP_PORT": "465", "SMTP_USER": "loker", "SMTP_PASSWORD": "rahasia",
              "MAIL_FROM": "loker@contoh.test", "SMTP_STARTTLS": "false", "SMTP_SSL": "true"}
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    config = build_config(tmp_path)
    assert (config["SMTP_HOST"], config["SMTP_PORT"], config["SMTP_USER"], config["SMTP_PASSWORD"], config["MAIL_FROM"]) \
        == ("mail.contoh.test", 465, "loker", "rahasia", "loker@contoh.test")
    assert config["SMTP_STARTTLS"] is False and config["SMTP_SSL"] is True


def test_starttls_checks_the_certificate(app, monkeypatch):
    """A server whose certificate nobody signed is refused; nothing is marked sent."""
    seen = {}

    class FakeSMTP:
        def __init__(self, host, port, timeout):
            pass

        def starttls(self, context=None):
            seen["context"] = context
            raise ssl_error

        def close(self):
            seen["closed"] = True

    ssl_error = ssl.SSLCertVerificationError("self-signed certificate")
    monkeypatch.setattr("app.core.outbox.smtplib.SMTP", FakeSMTP)
    app.config.update(SMTP_HOST="mail.contoh.test", SMTP_STARTTLS=True)
    try:
        _queue(1)
        assert send_pending() == 0
    finally:
        app.config.update(SMTP_HOST=None)
    context = seen["context"]
    assert context is not None and context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
    assert seen["closed"]
    assert db.session.scalar(db.select(Outbox)).sent_at is None
