"""Admin manages staff, admin and city accounts (edit, deactivate, reactivate, reset the second
factor) with a step-up of its own authenticator code; accounts admin creates choose their own
password first; common passwords are refused; the pending TOTP secret stays on the server."""
from __future__ import annotations

import pyotp
from sqlalchemy import select

from app.extensions import db
from app.models import AuditLog, User
from tests.factories import totp_code


def _admin(app, world):
    client = app.test_client()
    client.post("/login", data={"login": "admin@test.id", "password": "rahasia123"})
    assert client.post("/login/2fa", data={"code": totp_code(world.admin)}).status_code == 303
    return client


def _staff_session(app, world):
    client = app.test_client()
    client.post("/login", data={"login": "petugas@test.id", "password": "rahasia123"})
    client.post("/login/2fa", data={"code": totp_code(world.staff)})
    assert client.get("/staff/").status_code == 200
    return client


def _code(user) -> str:
    return totp_code(db.session.get(User, user.id))


def test_admin_edits_a_staff_account_with_its_own_code(app, world):
    admin, staff = _admin(app, world), _staff_session(app, world)
    url = f"/admin/staff/{world.staff.id}"
    assert world.staff.name in admin.get(url).get_data(as_text=True)
    data = {"name": "Petugas Pindah", "email": "petugas@test.id", "role": "staff", "kelurahan_id": world.cm.id}
    assert admin.post(url, data=data).status_code == 422  # no code
    assert admin.post(url, data=data | {"code": "000000"}).status_code == 422
    db.session.refresh(world.staff)
    assert world.staff.kelurahan_id == world.nj.id
    assert admin.post(url, data=data | {"code": _code(world.admin)}).status_code == 303
    db.session.refresh(world.staff)
    assert (world.staff.name, world.staff.kelurahan_id) == ("Petugas Pindah", world.cm.id)
    assert staff.get("/staff/").status_code == 302  # a new kelurahan: the old session ended
    actions = [(r.action, r.object_id) for r in db.session.scalars(select(AuditLog).where(AuditLog.actor_id == world.admin.id))]
    assert ("update", str(world.staff.id)) in actions and ("step_up_failed", str(world.admin.id)) in actions


def test_admin_deactivates_and_reactivates_an_account(app, world):
    admin, staff = _admin(app, world), _staff_session(app, world)
    url = f"/admin/staff/{world.staff.id}"
    assert admin.post(f"{url}/deactivate", data={"step-code": "000000"}).status_code == 422
    assert admin.post(f"{url}/deactivate", data={"step-code": _code(world.admin)}).status_code == 303
    assert staff.get("/staff/").status_code == 302
    again = app.test_client()
    assert again.post("/login", data={"login": "petugas@test.id", "password": "rahasia123"}).status_code == 422
    assert admin.post(f"{url}/reactivate", data={"step-code": _code(world.admin)}).status_code == 303
    assert again.post("/login", data={"login": "petugas@test.id", "password": "rahasia123"}).status_code == 303
    # Admin cannot lock itself out.
    admin.post(f"/admin/staff/{world.admin.id}/deactivate", data={"step-code": _code(world.admin)})
    db.session.refresh(world.admin)
    assert world.admin.active
    assert [r.action for r in db.session.scalars(select(AuditLog).where(AuditLog.object_id == str(world.staff.id),
                                                                       AuditLog.actor_id == world.admin.id))] == [
        "deactivate", "reactivate"]


def test_admin_resets_a_second_factor(app, world):
    admin = _admin(app, world)
    assert admin.post(f"/admin/staff/{world.staff.id}/reset-2fa", data={"step-code": _code(world.admin)}).status_code == 303
    db.session.refresh(world.staff)
    assert world.staff.totp_secret is None and world.staff.recovery_codes == []
    response = app.test_client().post("/login", data={"login": "petugas@test.id", "password": "rahasia123"})
    assert response.headers["Location"].endswith("/login/2fa/setup")


def test_only_staff_admin_and_city_accounts_are_managed_here(app, world):
    admin = _admin(app, world)
    for user in (world.seeker.user, world.hrd):
        assert admin.get(f"/admin/staff/{user.id}").status_code == 404
        assert admin.post(f"/admin/staff/{user.id}/deactivate", data={"step-code": _code(world.admin)}).status_code == 404
    assert admin.get(f"/admin/staff/{world.city.id}").status_code == 200


def test_admin_cannot_give_a_common_password(app, world):
    admin = _admin(app, world)
    response = admin.post("/admin/staff", data={"name": "Baru", "email": "baru@test.id", "role": "city",
                                                "kelurahan_id": "0", "password": "password123"})
    assert response.status_code == 422 and "terlalu umum" in response.get_data(as_text=True)
    assert db.session.scalar(select(User).where(User.email == "baru@test.id")) is None


def test_the_pending_totp_secret_stays_on_the_server(app, world, make):
    make.user("staff", "baru@test.id", kelurahan=world.nj, totp_secret=None)
    db.session.commit()
    client = app.test_client()
    client.post("/login", data={"login": "baru@test.id", "password": "rahasia123"})
    page = client.get("/login/2fa/setup").get_data(as_text=True)
    secret = page.split('<code class="secret">')[1].split("<")[0]
    cookie = client.get_cookie("session").value
    session = app.session_interface.get_signing_serializer(app).loads(cookie)
    assert secret not in cookie and secret not in repr(session)
    assert client.get("/login/2fa/setup").get_data(as_text=True).count(secret) >= 1  # the same secret again
    assert client.post("/login/2fa/setup", data={"code": pyotp.TOTP(secret).now()}).status_code == 200
    user = db.session.scalar(select(User).where(User.email == "baru@test.id"))
    db.session.refresh(user)
    assert user.totp_secret == secret and user.totp_pending_secret is None


def test_admin_sets_the_lurahs_nip_as_written_and_a_wrong_one_comes_back_at_the_field(client, auth, world):
    from app.extensions import db
    from app.models import Kelurahan

    auth.login("admin@test.id")
    data = {"code": "3671071009", "name": "Karawaci Baru", "kecamatan": "Karawaci", "kota": "Kota Tangerang",
            "provinsi": "Banten", "rw_list": "01,02", "letter_code": "KB", "lurah_name": "H. Ahmad",
            "lurah_nip": "19780312 200604 1 007"}  # as printed on a decree: groups of digits
    wrong = client.post("/admin/kelurahan/new", data=dict(data, lurah_nip="1978031220060410"))
    assert wrong.status_code == 422 and "NIP terdiri dari 18 angka." in wrong.get_data(as_text=True)
    assert client.post("/admin/kelurahan/new", data=data).status_code == 303
    saved = db.session.scalar(db.select(Kelurahan).where(Kelurahan.code == "3671071009"))
    assert saved.lurah_nip == "197803122006041007"
