"""A resident without email resets a forgotten password with a one-time code from the counter."""
from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.models import AuditLog, Outbox
from tests.web.test_bad_input import SEEKER


def test_resident_without_email_resets_password_with_a_counter_code(app, auth, world):
    resident, other_device = app.test_client(), app.test_client()
    assert resident.post(f"/register/{world.nj.id}", data=SEEKER).status_code == 303  # phone only, no email
    assert other_device.post("/login", data={"login": "081311112222", "password": "rahasia123"}).status_code == 303
    resident.post("/logout")
    # The reset page sends no email (there is none) and points to the counter.
    page = resident.post("/reset", data={"login": "0813 1111 2222"}, follow_redirects=True).get_data(as_text=True)
    assert "kode klaim" in page and db.session.scalar(select(Outbox)) is None

    auth.login("petugas@test.id")
    seeker_id = db.session.scalar(select(AuditLog.detail).where(AuditLog.action == "create")).rsplit(" ", 1)[1]
    page = auth.client.post(f"/staff/seekers/{seeker_id}/claim-code").get_data(as_text=True)
    code = page.split('class="claim-code"><strong>')[1].split("<")[0]
    auth.logout()

    claim = {"login": "081311112222", "code": code, "password": "LupaLagi2026", "password_confirm": "LupaLagi2026"}
    assert resident.post("/claim", data=claim).status_code == 303
    resident.post("/logout")
    assert resident.post("/claim", data=claim).status_code == 422  # once only
    assert resident.post("/login", data={"login": "081311112222", "password": "rahasia123"}).status_code == 422
    assert resident.post("/login", data={"login": "081311112222", "password": "LupaLagi2026"}).status_code == 303
    # Sessions opened with the old password end.
    assert other_device.get("/me/").status_code in (302, 303)
    assert ("password_reset", "claim code") in [(r.action, r.detail) for r in db.session.scalars(select(AuditLog))]
