"""UU PDP: copy of one's data, correction and deletion requests, CV files, retention."""
import datetime as dt
import io
import json
import zipfile

from werkzeug.test import EnvironBuilder
from sqlalchemy import select

from app.extensions import db
from app.models import AuditLog, DataRequest, Match, SeekerDocument, SeekerProfile
from app.core.timeutil import utcnow


def _docx(extra: bytes = b"") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document>CV Budi</w:document>")
        if extra:
            archive.writestr("word/media/big.bin", extra)
    return buffer.getvalue()


def _upload(client, data: bytes, name: str):
    # The builder spools a large body to a temporary file; close it here, not at garbage collection.
    builder = EnvironBuilder(path="/me/documents", method="POST", data={"cv-file": (io.BytesIO(data), name)},
                             content_type="multipart/form-data")
    environ = builder.get_environ()
    try:
        return client.open(environ)
    finally:
        environ["wsgi.input"].close()
        builder.close()


def test_resident_downloads_everything_held_about_them(client, auth, world):
    auth.login("warga@test.id")
    response = client.get("/me/data.json")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.data)
    assert data["profil"]["nik"] == world.seeker.nik and data["profil"]["nama"] == "Budi Santoso"
    assert {c["tujuan"] for c in data["persetujuan"]} == {"registration", "sharing", "ranking"}
    assert db.session.scalar(select(AuditLog).where(AuditLog.action == "export")) is not None


def test_deletion_request_is_due_in_72_hours_and_anonymises_when_approved(client, auth, world):
    auth.login("warga@test.id")
    assert client.post("/me/data/request", data={"req-kind": "deletion", "req-detail": ""}).status_code == 422
    client.post("/me/data/request", data={"req-kind": "deletion", "req-detail": "Sudah pindah ke Bandung"})
    request = db.session.scalar(select(DataRequest))
    assert abs((request.due_at - request.created_at) - dt.timedelta(hours=72)) < dt.timedelta(seconds=5)
    auth.logout()
    auth.login("petugas@test.id")
    assert "Sudah pindah ke Bandung" in client.get("/staff/requests").get_data(as_text=True)
    assert "Permintaan data warga" in client.get("/staff/").get_data(as_text=True)
    client.post(f"/staff/requests/{request.id}", data={f"r{request.id}-decision": "done",
                                                       f"r{request.id}-response": "Data dihapus."})
    db.session.expire_all()
    seeker = db.session.get(SeekerProfile, world.seeker.id)
    assert seeker.full_name == "Warga (data dihapus)" and seeker.nik == "" and seeker.phone == ""
    assert seeker.kelurahan_id == world.nj.id and seeker.education == "SMK"  # statistics stay
    assert seeker.birth_date == dt.date(1998, 1, 1)
    auth.logout()
    assert client.post("/login", data={"login": "warga@test.id", "password": "rahasia123"}).status_code == 422


def test_staff_of_another_kelurahan_cannot_handle_the_request(client, auth, world):
    from app.privacy import services as privacy

    request = privacy.open_request(world.seeker, "correction", "RT salah")
    db.session.commit()
    auth.login("petugas.cimone@test.id")
    assert client.post(f"/staff/requests/{request.id}", data={f"r{request.id}-decision": "done",
                                                              f"r{request.id}-response": "ok"}).status_code == 404


def test_cv_upload_checks_content_not_name(client, auth, world):
    from app.core import uploads

    auth.login("warga@test.id")
    assert _upload(client, b"%PDF-1.7\n...", "cv saya.pdf").status_code == 303
    assert _upload(client, _docx(), "cv.docx").status_code == 303
    for data, name, message in [
        (b"<html><script>alert(1)</script>", "cv.pdf", "Hanya PDF atau DOCX"),
        (b"MZ\x90\x00 not a pdf", "cv.docx", "Hanya PDF atau DOCX"),
        (b"%PDF-" + b"0" * (2 * 1024 * 1024), "besar.pdf", "lebih dari 2 MB"),
        (_docx(extra=b"\0" * (30 * 1024 * 1024)), "bom.docx", "tidak wajar"),
        (b"", "kosong.pdf", "Berkas kosong"),
    ]:
        response = _upload(client, data, name)
        assert response.status_code == 422 and message in response.get_data(as_text=True), name
    documents = db.session.scalars(select(SeekerDocument)).all()
    assert {d.content_type for d in documents} == {"application/pdf", uploads.DOCX}
    assert all(d.stored_name not in d.original_name for d in documents)
    pdf = next(d for d in documents if d.content_type == "application/pdf")
    download = client.get(f"/me/documents/{pdf.id}")
    assert download.status_code == 200 and download.headers["Content-Disposition"].startswith("attachment")
    assert download.data.startswith(b"%PDF")
    download.close()


def test_cv_is_served_only_to_those_allowed(client, auth, world):
    from app.core import uploads

    document = uploads.save_document(world.seeker, "cv.pdf", b"%PDF-1.4 cv")
    db.session.commit()
    url = f"/employer/documents/{document.id}"
    auth.login("hrd@test.id")
    assert client.get(url).status_code == 404  # not referred to this company
    match = Match(seeker=world.seeker, vacancy=world.vacancy, status="referred", reasons=[], referred_at=utcnow())
    db.session.add(match)
    db.session.commit()
    response = client.get(url)
    assert response.status_code == 200
    response.close()
    world.seeker.consent_sharing = False
    db.session.commit()
    assert client.get(url).status_code == 404  # consent withdrawn: at once
    auth.logout()
    auth.login("hrd.lain@test.id")
    assert client.get(url).status_code == 404
    auth.logout()
    auth.login("warga.cimone@test.id")
    assert client.get(f"/me/documents/{document.id}").status_code == 404
    auth.logout()
    auth.login("petugas.cimone@test.id")
    assert client.get(f"/staff/documents/{document.id}").status_code == 404
    downloads = db.session.scalars(select(AuditLog).where(AuditLog.action == "download")).all()
    assert len(downloads) == 1


def test_retention_command_anonymises_inactive_profiles(app, world, make):
    old = make.seeker(world.nj, name="Lama Sekali", birth=dt.date(1980, 6, 6))
    db.session.commit()
    db.session.execute(SeekerProfile.__table__.update().where(SeekerProfile.id == old.id)
                       .values(updated_at=utcnow() - dt.timedelta(days=800)))
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["retention", "--dry-run"])
    assert "1 profiles inactive for 730 days would be anonymised" in result.output
    db.session.expire_all()
    assert db.session.get(SeekerProfile, old.id).full_name == "Lama Sekali"
    result = app.test_cli_runner().invoke(args=["retention"])
    assert "1 profiles inactive" in result.output
    db.session.expire_all()
    assert db.session.get(SeekerProfile, old.id).full_name == "Warga (data dihapus)"
    assert db.session.get(SeekerProfile, world.seeker.id).full_name == "Budi Santoso"


def test_admin_searches_the_audit_log_and_registers_a_breach(client, auth, world):
    from app.core import audit

    audit.record(world.staff, "view", "seeker", world.seeker.id)
    db.session.commit()
    auth.login("admin@test.id")
    page = client.get("/admin/audit?actor=petugas").get_data(as_text=True)
    assert "petugas@test.id" in page and f"Warga #{world.seeker.id}" in page
    assert "petugas@test.id" not in client.get("/admin/audit?action=export").get_data(as_text=True)
    assert client.post("/admin/breaches", data={"description": ""}).status_code == 422
    response = client.post("/admin/breaches", data={"discovered_at": "2026-11-27T10:00", "description": "Laptop hilang",
                                                    "people_affected": "12"}, follow_redirects=True)
    assert "Laptop hilang" in response.get_data(as_text=True) and "30 November 2026, 10.00 WIB" in response.get_data(as_text=True)
