"""Staff correct a resident's data: their kelurahan only, a reason each time, audited, shown to
the resident; identity changes follow the verification rule; a "Perbaikan data" request opens
the editor and is closed by it."""
from sqlalchemy import select

from app.extensions import db
from app.models import AuditLog, DataRequest, ProfileCorrection
from app.privacy import services as privacy
from tests.factories import make_nik


def _form(seeker, **changes) -> dict:
    data = {"full_name": seeker.full_name, "nik": seeker.nik, "birth_date": seeker.birth_date.isoformat(),
            "sex": seeker.sex, "rw": seeker.rw, "rt": seeker.rt, "address": seeker.address, "phone": seeker.phone,
            "education": seeker.education, "major": seeker.major, "skills": ", ".join(seeker.skills),
            "certificates": ", ".join(seeker.certificates), "desired_positions": ", ".join(seeker.desired_positions),
            "shifts": list(seeker.shifts), "contract_wishes": list(seeker.contract_wishes),
            "expected_wage": str(seeker.expected_wage or ""), "about": seeker.about, "status": seeker.status,
            "reason": "Salah ketik saat pendaftaran di loket."}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_staff_correct_an_address_with_a_reason_the_resident_reads(client, auth, world):
    auth.login("petugas@test.id")
    assert client.get(f"/staff/seekers/{world.seeker.id}/edit").status_code == 200
    response = client.post(f"/staff/seekers/{world.seeker.id}/edit", data=_form(world.seeker, address="Jl. Kenanga 7"))
    assert response.status_code == 303
    db.session.refresh(world.seeker)
    assert world.seeker.address == "Jl. Kenanga 7" and world.seeker.verified  # not an identity field
    correction = db.session.scalar(select(ProfileCorrection).where(ProfileCorrection.seeker_id == world.seeker.id))
    assert correction.changes == [{"field": "address", "old": "Jl. Melati 3", "new": "Jl. Kenanga 7"}]
    audit = db.session.scalar(select(AuditLog).where(AuditLog.action == "correct"))
    assert audit.object_id == str(world.seeker.id) and audit.detail == f"correction {correction.id}"
    assert "Kenanga" not in audit.detail  # the audit row points at the correction; it holds no data
    auth.logout()
    auth.login("warga@test.id")
    page = client.get("/me/profile").get_data(as_text=True)
    assert "Perubahan data oleh petugas" in page and "Salah ketik saat pendaftaran di loket." in page
    assert "Jl. Melati 3 → <strong>Jl. Kenanga 7</strong>" in page


def test_a_reason_is_required_and_nothing_changes_without_it(client, auth, world):
    auth.login("petugas@test.id")
    response = client.post(f"/staff/seekers/{world.seeker.id}/edit", data=_form(world.seeker, address="X", reason=""))
    assert response.status_code == 422
    assert "Tulis alasan perubahan" in response.get_data(as_text=True)
    db.session.refresh(world.seeker)
    assert world.seeker.address == "Jl. Melati 3"
    unchanged = client.post(f"/staff/seekers/{world.seeker.id}/edit", data=_form(world.seeker))
    assert unchanged.status_code == 422 and "Tidak ada data yang berubah." in unchanged.get_data(as_text=True)


def test_staff_of_another_kelurahan_cannot_open_or_send_the_editor(client, auth, world):
    auth.login("petugas.cimone@test.id")
    assert client.get(f"/staff/seekers/{world.seeker.id}/edit").status_code == 404
    assert client.post(f"/staff/seekers/{world.seeker.id}/edit", data=_form(world.seeker, address="X")).status_code == 404
    db.session.refresh(world.seeker)
    assert world.seeker.address == "Jl. Melati 3"


def test_an_identity_change_waits_for_verification_unless_staff_checked_the_ktp(client, auth, world):
    auth.login("petugas@test.id")
    response = client.post(f"/staff/seekers/{world.seeker.id}/edit", data=_form(world.seeker, full_name="Budi Santosa"))
    assert response.status_code == 303
    db.session.refresh(world.seeker)
    assert world.seeker.full_name == "Budi Santosa" and not world.seeker.verified

    new_nik = make_nik(world.seeker.birth_date, "L", serial=77)
    response = client.post(f"/staff/seekers/{world.seeker.id}/edit",
                           data=_form(world.seeker, nik=new_nik, identity_checked="y"))
    assert response.status_code == 303
    db.session.refresh(world.seeker)
    assert world.seeker.nik == new_nik and world.seeker.verified and world.seeker.verified_by_id == world.staff.id
    latest = db.session.scalars(select(ProfileCorrection).order_by(ProfileCorrection.id.desc())).first()
    assert latest.identity_checked
    assert new_nik not in str(latest.changes) and new_nik[-4:] in str(latest.changes)  # the NIK only by its tail


def test_staff_set_a_resident_working_and_they_leave_the_lists(client, auth, world):
    from app.ranking import refresh_all

    refresh_all()
    db.session.commit()
    auth.login("petugas@test.id")
    response = client.post(f"/staff/seekers/{world.seeker.id}/edit",
                           data=_form(world.seeker, status="working", reason="Sudah bekerja di bengkel tetangga."))
    assert response.status_code == 303
    page = client.get(f"/staff/vacancies/{world.vacancy.id}/suggestions").get_data(as_text=True)
    assert "Budi Santoso" not in page.split("Sudah diproses")[0]


def test_a_correction_request_opens_the_editor_and_is_closed_by_it(client, auth, world):
    data_request = privacy.open_request(world.seeker, "correction", "RT saya 005, bukan 002.")
    db.session.commit()
    auth.login("petugas@test.id")
    requests_page = client.get("/staff/requests").get_data(as_text=True)
    link = f"/staff/seekers/{world.seeker.id}/edit?request={data_request.id}"
    assert link in requests_page and link in client.get("/staff/").get_data(as_text=True)
    editor = client.get(link).get_data(as_text=True)
    assert "RT saya 005, bukan 002." in editor
    response = client.post(f"/staff/seekers/{world.seeker.id}/edit",
                           data={**_form(world.seeker, rt="005", reason="RT diperbaiki sesuai KK."),
                                 "request": str(data_request.id)})
    assert response.status_code == 303
    db.session.refresh(data_request)
    assert data_request.status == "done" and data_request.response == "RT diperbaiki sesuai KK."
    assert world.seeker.rt == "005"


def test_marking_a_correction_request_done_by_hand_still_works(client, auth, world):
    data_request = privacy.open_request(world.seeker, "correction", "Nomor HP saya ganti.")
    db.session.commit()
    auth.login("petugas@test.id")
    response = client.post(f"/staff/requests/{data_request.id}",
                           data={f"r{data_request.id}-decision": "done", f"r{data_request.id}-response": "Sudah."})
    assert response.status_code == 303
    assert db.session.get(DataRequest, data_request.id).status == "done"


def test_erasure_removes_the_corrections(client, auth, world):
    auth.login("petugas@test.id")
    client.post(f"/staff/seekers/{world.seeker.id}/edit", data=_form(world.seeker, address="Jl. Kenanga 7"))
    privacy.anonymise_seeker(world.seeker)
    db.session.commit()
    assert db.session.scalar(select(ProfileCorrection.id).where(ProfileCorrection.seeker_id == world.seeker.id)) is None
