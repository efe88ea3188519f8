"""Employer downloads: their vacancies and the residents referred to one of them. Only their
own company's rows, only what residents agreed to share (exactly what the page shows), formulas
neutralised, XLSX readable, an unknown format refused, the export audited."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app.core import uploads
from app.extensions import db
from app.models import AuditLog, ExperienceEntry, Match
from app.seekers.services import set_consent
from app.core.timeutil import utcnow
from tests.export_checks import audited_export, csv_rows, norm, page_table, same_rows, xlsx_rows


def test_vacancies_export_is_the_home_table(client, auth, world, make):
    make.vacancy(world.company, title="=Operator Forklift", status="review")
    db.session.add(Match(seeker=world.seeker, vacancy=world.vacancy, status="referred", reasons=[], referred_at=utcnow()))
    db.session.commit()
    auth.login("hrd@test.id")
    header, shown = page_table(client.get("/employer/").get_data(as_text=True))
    rows = csv_rows(client.get("/employer/vacancies/export"))
    assert rows[0] == header == ["Posisi", "Status", "Rujukan menunggu jawaban", "Batas lamaran"]
    assert rows[1][:3] == [world.vacancy.title, "Dibuka", "1"] and rows[2][0] == "'=Operator Forklift"
    assert same_rows([rows[1], [rows[2][0][1:]] + rows[2][1:]], shown)
    assert "Staf Gudang" not in str(rows)  # another company's vacancy
    assert xlsx_rows(client.get("/employer/vacancies/export?format=xlsx"))[1] == rows[1]
    assert client.get("/employer/vacancies/export?format=json").status_code == 404
    log = audited_export("vacancies")
    assert log.actor_id == world.hrd.id and log.detail == "xlsx; 2 rows"


def test_referrals_export_shows_only_what_residents_share(client, auth, world, make):
    world.seeker.phone = "+6281234567890"
    world.seeker.skills = ["@las", "bubut"]
    db.session.add(ExperienceEntry(seeker=world.seeker, title="Operator", employer="PT Lama", years=1.0))
    uploads.save_document(world.seeker, "cv-budi.pdf", b"%PDF-1.4 test")
    private = make.seeker(world.nj, name="Rina Tertutup", sex="P", birth=dt.date(1999, 9, 9), phone="081299990000")
    set_consent(private, "sharing", False, None)
    suggested = make.seeker(world.nj, name="Dedi Disarankan", birth=dt.date(1997, 7, 7))
    refused = make.seeker(world.nj, name="Sari Ditolak", sex="P", birth=dt.date(1996, 6, 6))
    now = utcnow()
    hired = Match(seeker=world.seeker, vacancy=world.vacancy, status="hired", reasons=[], referred_at=now - dt.timedelta(days=9),
                  interview_at=now - dt.timedelta(days=5), start_date=dt.date(2025, 3, 1), contract_type="pkwt",
                  contract_end_date=dt.date(2026, 2, 28))
    db.session.add_all([hired,
                        Match(seeker=private, vacancy=world.vacancy, status="referred", reasons=[], referred_at=now),
                        Match(seeker=suggested, vacancy=world.vacancy, status="suggested", reasons=[]),
                        Match(seeker=refused, vacancy=world.vacancy, status="refused", reasons=[],
                              referred_at=now - dt.timedelta(days=20), reason_code="skills"),
                        Match(seeker=world.other_seeker, vacancy=world.other_vacancy, status="referred", reasons=[],
                              referred_at=now)])
    db.session.commit()
    auth.login("hrd@test.id")
    page = norm(client.get(f"/employer/vacancies/{world.vacancy.id}").get_data(as_text=True))
    rows = csv_rows(client.get(f"/employer/vacancies/{world.vacancy.id}/referrals/export"))
    header = rows[0]
    assert header == ["Nama", "Status", "Pendidikan", "Keterampilan", "Sertifikat", "Pengalaman", "No. HP", "CV",
                      "Dirujuk", "Wawancara", "Mulai bekerja", "Alasan"]
    for label in header[2:]:
        assert f"<dt>{label}</dt>" in page  # the facts the page lists, one column each
    assert [r[0] for r in rows[1:]] == ["Rina Tertutup", "Budi Santoso", "Sari Ditolak"]  # latest first, as on the page
    rina, budi, sari = rows[1:]
    assert rina == ["Rina Tertutup", "Dirujuk"] + [""] * 10  # no consent: name and status only
    assert "081299990000" not in str(rows) and private.nik not in str(rows) and world.seeker.nik not in str(rows)
    assert budi[:8] == ["Budi Santoso", "Diterima", "SMK/MAK Teknik Mesin", "'@las, bubut", "K3 Umum", "Operator (PT Lama)",
                        "'+6281234567890", "cv-budi.pdf"]
    assert budi[10] == "1 Maret 2025 · PKWT (kontrak) · sampai 28 Februari 2026" and budi[11] == ""
    assert sari[1] == "Tidak diterima" and sari[7] == sari[9] == sari[10] == "" and sari[11] == "Keterampilan belum sesuai"
    for cell in budi[2:11]:
        assert norm(cell.removeprefix("'")) in page
    assert "Dedi Disarankan" not in str(rows) and "Siti Aminah" not in str(rows)  # a suggestion; another company
    assert xlsx_rows(client.get(f"/employer/vacancies/{world.vacancy.id}/referrals/export?format=xlsx")) == rows
    assert client.get(f"/employer/vacancies/{world.vacancy.id}/referrals/export?format=pdf").status_code == 404
    log = db.session.scalar(select(AuditLog).where(AuditLog.action == "export", AuditLog.object_type == "referrals"))
    assert log.object_id == str(world.vacancy.id) and log.actor_id == world.hrd.id


def test_another_company_gets_nothing(client, auth, world):
    db.session.add(Match(seeker=world.seeker, vacancy=world.vacancy, status="referred", reasons=[], referred_at=utcnow()))
    db.session.commit()
    auth.login("hrd.lain@test.id")
    assert client.get(f"/employer/vacancies/{world.vacancy.id}/referrals/export").status_code == 404
    rows = csv_rows(client.get("/employer/vacancies/export"))
    assert [r[0] for r in rows[1:]] == ["Staf Gudang"]
    auth.logout()
    auth.login("petugas@test.id")
    assert client.get(f"/employer/vacancies/{world.vacancy.id}/referrals/export").status_code == 403
