"""Every authentication and account event is in the audit log, by id or keyed hash."""
from __future__ import annotations

import pyotp
from sqlalchemy import select

from app.auth.security import new_recovery_codes
from app.core import audit
from app.extensions import db
from app.models import AuditLog, Outbox, User
from tests.web.test_bad_input import SEEKER


def _events(**where) -> list[tuple[str, str, str]]:
    db.session.expire_all()
    query = select(AuditLog).order_by(AuditLog.id)
    for name, value in where.items():
        query = query.where(getattr(AuditLog, name) == value)
    return [(row.action, row.object_type, row.object_id) for row in db.session.scalars(query)]


def test_log_in_success_failure_and_log_out(client, world):
    uid = str(world.seeker.user.id)
    client.post("/login", data={"login": "warga@test.id", "password": "salah-sekali"})
    client.post("/login", data={"login": "orang.asing@test.id", "password": "salah-sekali"})
    client.post("/login", data={"login": "warga@test.id", "password": "rahasia123"})
    client.post("/logout")
    events = _events()
    assert events[0] == ("login_failed", "user", uid)
    assert events[1][:2] == ("login_failed", "login") and "asing" not in events[1][2]
    assert events[2:] == [("login", "user", uid), ("logout", "user", uid)]


def test_second_factor_enrolment_failure_and_recovery_code(client, world, make):
    staff = make.user("staff", "baru@test.id", kelurahan=world.nj, totp_secret=None)
    db.session.commit()
    client.post("/login", data={"login": "baru@test.id", "password": "rahasia123"})
    client.get("/login/2fa/setup")
    with client.session_transaction() as session:
        secret = session.get("pending_secret") or db.session.get(User, staff.id).totp_pending_secret
    client.post("/login/2fa/setup", data={"code": pyotp.TOTP(secret).now()})
    client.post("/logout")
    assert [e[0] for e in _events(object_id=str(staff.id))] == ["login_password", "2fa_enrol", "login", "logout"]

    codes = new_recovery_codes(world.admin)
    db.session.commit()
    client.post("/login", data={"login": "admin@test.id", "password": "rahasia123"})
    client.post("/login/2fa", data={"code": "000000"})
    client.post("/login/2fa", data={"recovery_code": codes[0]})
    actions = [e[0] for e in _events(object_id=str(world.admin.id))]
    assert actions == ["login_password", "2fa_failed", "recovery_code", "login"]


def test_password_reset_and_change(client, auth, world):
    uid = str(world.hrd.id)
    client.post("/reset", data={"login": "hrd@test.id"})
    link = db.session.scalar(select(Outbox)).body.split("http://localhost")[1].split()[0]
    client.post(link, data={"password": "GantiBaru77", "password_confirm": "GantiBaru77"})
    auth.login("hrd@test.id", "GantiBaru77")
    client.post("/account/password", data={"current_password": "salah", "password": "LagiBaru88",
                                           "password_confirm": "LagiBaru88"})
    client.post("/account/password", data={"current_password": "GantiBaru77", "password": "LagiBaru88",
                                           "password_confirm": "LagiBaru88"})
    assert [e[0] for e in _events(object_id=uid)] == [
        "reset_request", "password_reset", "login", "password_change_failed", "password_change"]


def test_accounts_created_and_companies_verified(client, auth, world, make):
    client.post(f"/register/{world.nj.id}", data=SEEKER)
    resident = db.session.scalar(select(User).where(User.phone == "081311112222"))
    assert ("create", "user", str(resident.id)) in _events()
    client.post("/logout")
    auth.login("admin@test.id")
    client.post("/admin/staff", data={"name": "Petugas Baru", "email": "petugas.baru@test.id", "role": "staff",
                                      "kelurahan_id": world.nj.id, "password": "Kelurahan#2026"})
    created = db.session.scalar(select(User).where(User.email == "petugas.baru@test.id"))
    assert ("create", "user", str(created.id)) in _events(actor_id=world.admin.id)
    client.post("/logout")
    pending = make.company("PT Menunggu", status="pending", kelurahan=world.nj)
    db.session.commit()
    auth.login("petugas@test.id")
    client.post(f"/staff/companies/{pending.id}/verify")
    assert ("verify", "company", str(pending.id)) in _events(actor_id=world.staff.id)
    assert audit.verify()[1] == []
