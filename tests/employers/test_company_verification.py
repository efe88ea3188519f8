"""Companies are verified by the staff of the kelurahan of their address; admin verifies those
outside every kelurahan of the deployment."""
import pytest

from app.extensions import db


@pytest.mark.parametrize("action,status", [("verify", "verified"), ("reject", "rejected")])
def test_only_staff_of_the_company_kelurahan_decide(client, auth, world, make, action, status):
    company = make.company(name="PT Nusa Baru", status="pending", kelurahan=world.nj)
    db.session.commit()
    auth.login("petugas.cimone@test.id")
    assert client.post(f"/staff/companies/{company.id}/{action}").status_code == 404
    assert "PT Nusa Baru" in client.get("/staff/companies").get_data(as_text=True)  # listed, without buttons
    assert f"/staff/companies/{company.id}/{action}" not in client.get("/staff/companies").get_data(as_text=True)
    db.session.refresh(company)
    assert company.status == "pending"
    auth.logout()

    auth.login("admin@test.id")
    assert client.post(f"/admin/companies/{company.id}/{action}").status_code == 403
    auth.logout()

    auth.login("petugas@test.id")
    assert f"/staff/companies/{company.id}/{action}" in client.get("/staff/companies").get_data(as_text=True)
    assert client.post(f"/staff/companies/{company.id}/{action}").status_code == 303
    db.session.refresh(company)
    assert company.status == status and company.verified_by_id == world.staff.id


def test_a_company_outside_the_kelurahan_is_verified_by_admin(client, auth, world, make):
    company = make.company(name="PT Luar Kota", status="pending")
    db.session.commit()
    auth.login("petugas@test.id")
    assert client.post(f"/staff/companies/{company.id}/verify").status_code == 403
    auth.logout()

    auth.login("admin@test.id")
    page = client.get("/admin/companies").get_data(as_text=True)
    assert "PT Luar Kota" in page and world.company.name not in page
    assert client.post(f"/admin/companies/{company.id}/verify").status_code == 303
    db.session.refresh(company)
    assert company.status == "verified" and company.verified_by_id == world.admin.id
