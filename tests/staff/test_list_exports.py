"""Staff list downloads: companies, data requests, vacancy review, suspected duplicates and the
reminders of the work queue. Each: the page's columns and rows, formulas neutralised, XLSX readable,
another kelurahan's rows never included, an unknown format refused, the export audited."""
from __future__ import annotations

import datetime as dt

import pytest

from app.privacy import services as privacy
from app.extensions import db
from app.models import Match, Reminder
from app.core.timeutil import today_wib, utcnow
from tests.export_checks import audited_export, csv_rows, norm, page_table, same_rows, xlsx_rows

STAFF_EXPORTS = ["/staff/companies/export", "/staff/requests/export", "/staff/vacancies/review/export",
                 "/staff/vacancies/review/export?list=changes", "/staff/duplicates/export", "/staff/reminders/export",
                 "/staff/seekers/export", "/staff/vacancies/export"]


@pytest.mark.parametrize("url", STAFF_EXPORTS)
def test_an_unknown_format_is_not_found(client, auth, world, url):
    auth.login("petugas@test.id")
    joiner = "&" if "?" in url else "?"
    assert client.get(f"{url}{joiner}format=pdf").status_code == 404
    assert client.get(f"{url}{joiner}format=csv").status_code == 200


def test_vacancy_review_export_knows_two_lists_only(client, auth, world):
    auth.login("petugas@test.id")
    assert client.get("/staff/vacancies/review/export?list=all").status_code == 404


def test_companies_export_is_the_page(client, auth, world, make):
    make.company(name="=Pabrik Rumus", status="pending", kelurahan=world.nj, contact_phone="+6281234",
                 contact_email="hrd@rumus.id")
    db.session.commit()
    auth.login("petugas@test.id")
    header, shown = page_table(client.get("/staff/companies").get_data(as_text=True), actions=("Aksi",))
    rows = csv_rows(client.get("/staff/companies/export"))
    assert rows[0] == header == ["Perusahaan", "KBLI", "Kontak", "Status"]
    evil = rows[1]  # waiting for verification: first, as on the page
    assert evil[0] == "'=Pabrik Rumus\nJl. Industri 1" and evil[2] == "Bu HRD\n+6281234 hrd@rumus.id"
    assert same_rows(rows[2:], shown[1:])
    assert same_rows([[evil[0][1:]] + evil[1:]], shown[:1])  # the same, but for the quote
    xlsx = xlsx_rows(client.get("/staff/companies/export?format=xlsx"))
    assert xlsx[0] == header and xlsx[1][0].startswith("'=") and len(xlsx) == len(rows)
    assert audited_export("companies").detail == "xlsx; 3 rows"


def test_data_requests_export_lists_the_kelurahan_requests_only(client, auth, world, make):
    privacy.open_request(world.seeker, "correction", "-RT salah, seharusnya 003")
    late = privacy.open_request(world.seeker, "deletion", "Hapus data saya")
    late.due_at = utcnow() - dt.timedelta(hours=1)
    done = privacy.open_request(world.seeker, "correction", "Nama salah")
    privacy.close_request(done, world.staff, "done", "@sudah diperbaiki")
    privacy.open_request(world.other_seeker, "deletion", "Permintaan warga Cimone")
    db.session.commit()
    auth.login("petugas@test.id")
    page = client.get("/staff/requests").get_data(as_text=True)
    rows = csv_rows(client.get("/staff/requests/export"))
    assert rows[0] == ["Warga", "Jenis permintaan", "Tanggal masuk", "Batas waktu", "Isi permintaan", "Status",
                       "Tanggapan"]
    assert [r[4] for r in rows[1:]] == ["Hapus data saya", "'-RT salah, seharusnya 003", "Nama salah"]  # as listed
    assert [r[5] for r in rows[1:]] == ["lewat batas", "menunggu tanggapan", "selesai"]
    assert rows[3][6] == "'@sudah diperbaiki" and rows[2][1] == "Perbaikan data"
    assert "Permintaan warga Cimone" not in page and all("Cimone" not in cell for r in rows for cell in r)
    for row in rows[1:]:
        assert row[0] in page and row[2] in page and row[3] in page  # name and times as on the page
    assert xlsx_rows(client.get("/staff/requests/export?format=xlsx"))[0] == rows[0]
    assert audited_export("data_requests") is not None
    auth.logout()
    auth.login("petugas.cimone@test.id")
    other = csv_rows(client.get("/staff/requests/export"))
    assert [r[4] for r in other[1:]] == ["Permintaan warga Cimone"]  # the Nusa Jaya ones stay there


def test_vacancy_review_exports_both_lists_in_scope(client, auth, world, make):
    make.vacancy(world.company, title="+Admin Gudang", status="review")
    unverified = make.company(name="CV Baru", status="pending", kelurahan=world.nj)
    make.vacancy(unverified, title="Kasir", status="review")
    make.vacancy(world.company, title="Teknisi", status="changes")
    make.vacancy(world.other_company, title="Sopir Cimone", status="review")
    db.session.commit()
    auth.login("petugas@test.id")
    html = client.get("/staff/vacancies/review").get_data(as_text=True)
    header, shown = page_table(html)
    rows = csv_rows(client.get("/staff/vacancies/review/export"))
    assert rows[0] == header == ["Posisi", "Perusahaan", "Diajukan"]
    assert [r[0] for r in rows[1:]] == ["'+Admin Gudang", "Kasir"]
    assert rows[1][1:] == shown[0][1:] and norm(rows[1][0][1:]) == shown[0][0]
    assert rows[2][1] == "CV Baru (belum diverifikasi)" and shown[1][1] == "CV Baru belum diverifikasi"
    changes = csv_rows(client.get("/staff/vacancies/review/export?list=changes"))
    assert changes == [["Posisi", "Perusahaan"], ["Teknisi", world.company.name]]
    assert "Teknisi</a> · " + world.company.name in html
    assert xlsx_rows(client.get("/staff/vacancies/review/export?list=changes&format=xlsx")) == changes
    assert "list=changes" in audited_export("vacancy_reviews").detail
    auth.logout()
    auth.login("petugas.cimone@test.id")
    assert [r[0] for r in csv_rows(client.get("/staff/vacancies/review/export"))[1:]] == ["Sopir Cimone"]
    auth.logout()
    auth.login("admin@test.id")  # admin reviews every kelurahan, like the page
    assert len(csv_rows(client.get("/staff/vacancies/review/export"))) == 4


def test_duplicates_export_has_every_pair_of_the_kelurahan(app, client, auth, world, make, monkeypatch):
    twin = make.seeker(world.nj, name="Budi Santosa", birth=world.seeker.birth_date)
    make.seeker(world.nj, name="=Ujang", birth=dt.date(1985, 4, 4), phone="081234567890")
    make.seeker(world.nj, name="=Ujang Sobari", birth=dt.date(1985, 4, 4), phone="+62 812-3456-7890")
    cm_twin = make.seeker(world.cm, name="Siti Aminah", sex="P", birth=world.other_seeker.birth_date)
    db.session.commit()
    auth.login("petugas@test.id")
    header, shown = page_table(client.get("/staff/duplicates").get_data(as_text=True))
    rows = csv_rows(client.get("/staff/duplicates/export"))
    assert rows[0] == header == ["Warga", "Kemungkinan sama dengan", "Tanggal lahir", "Alasan"]
    assert len(rows) == 3 and len(shown) == 2
    budi = next(r for r in rows[1:] if r[0].startswith("Budi"))
    assert budi == next(s for s in shown if s[0].startswith("Budi"))
    assert budi[1] == f"Budi Santosa #{twin.id}" and budi[3].startswith("nama mirip")
    ujang = next(r for r in rows[1:] if "Ujang" in r[0])
    assert ujang[0].startswith("'=Ujang") and "No. HP sama" in ujang[3]
    assert all(f"#{cm_twin.id}" not in cell for r in rows for cell in r)
    monkeypatch.setitem(app.config, "PER_PAGE", 1)  # every page in the export, one on screen
    assert len(page_table(client.get("/staff/duplicates").get_data(as_text=True))[1]) == 1
    assert len(csv_rows(client.get("/staff/duplicates/export"))) == 3
    assert xlsx_rows(client.get("/staff/duplicates/export?format=xlsx"))[0] == header
    assert audited_export("duplicates") is not None
    auth.logout()
    auth.login("admin@test.id")  # all kelurahan, each resident's kelurahan named, as on the page
    header, shown = page_table(client.get("/staff/duplicates?page=1").get_data(as_text=True))
    rows = csv_rows(client.get("/staff/duplicates/export"))
    assert len(rows) == 4 and f"Siti Aminah #{cm_twin.id} · Cimone" in {r[1] for r in rows}
    assert [cell.removeprefix("'") for cell in rows[1]] == shown[0]  # same order, page 1 of 3


def test_reminders_export_is_the_queue_list(client, auth, world, make):
    match = Match(seeker=world.seeker, vacancy=world.vacancy, status="hired", reasons=[],
                  referred_at=utcnow() - dt.timedelta(days=40), start_date=today_wib() - dt.timedelta(days=31),
                  contract_type="pkwt", contract_end_date=today_wib() + dt.timedelta(days=20))
    world.seeker.full_name = "@Budi Santoso"
    world.seeker.ak1_number = "3671-07-000123"
    world.seeker.ak1_valid_until = today_wib()
    other = Match(seeker=world.other_seeker, vacancy=world.other_vacancy, status="referred", reasons=[],
                  referred_at=utcnow() - dt.timedelta(days=8))
    db.session.add_all([match, other])
    db.session.flush()
    today = today_wib()
    db.session.add_all([
        Reminder(key="follow_up_1:x", kind="follow_up_1", kelurahan_id=world.nj.id, match=match, due_on=today, note=""),
        Reminder(key="contract_end:x", kind="contract_end", kelurahan_id=world.nj.id, match=match,
                 due_on=today - dt.timedelta(days=1), note=""),
        Reminder(key="ak1_expiry:x", kind="ak1_expiry", kelurahan_id=world.nj.id, seeker=world.seeker,
                 due_on=today - dt.timedelta(days=2), note=""),
        Reminder(key="follow_up_3:x", kind="follow_up_3", kelurahan_id=world.nj.id, match=match,
                 due_on=today + dt.timedelta(days=60), note=""),  # not due yet: not on the queue
        Reminder(key="no_answer:x", kind="no_answer", kelurahan_id=world.cm.id, match=other, due_on=today, note=""),
    ])
    db.session.commit()
    auth.login("petugas@test.id")
    page = norm(client.get("/staff/?tab=reminders").get_data(as_text=True))
    rows = csv_rows(client.get("/staff/reminders/export"))
    assert rows[0] == ["Pengingat", "Jatuh tempo", "Warga", "Lowongan", "Keterangan"]
    assert [r[0] for r in rows[1:]] == ["Kartu AK/I habis masa berlakunya", "Kontrak kerja akan berakhir",
                                       "Tindak lanjut 1 bulan setelah mulai bekerja"]
    ak1, contract, follow_up = rows[1:]
    assert ak1[2] == "'@Budi Santoso" and ak1[3] == "–" and ak1[4].startswith("kartu AK/I 3671-07-000123, berlaku sampai")
    assert contract[3] == f"{world.vacancy.title}, {world.company.name}" and contract[4].startswith("PKWT (kontrak), berakhir")
    assert follow_up[4].startswith("mulai bekerja")
    for row in rows[1:]:  # the queue's compact line: what is due, since when, who (the download adds the detail)
        assert row[0] in page and f"sejak {row[1]}" in page and row[2].removeprefix("'") in page
    assert "Siti Aminah" not in str(rows)  # the Cimone reminder stays with Cimone
    assert xlsx_rows(client.get("/staff/reminders/export?format=xlsx"))[1][2] == "'@Budi Santoso"
    assert "3 rows" in audited_export("reminders").detail


def test_list_exports_are_not_for_employers_or_residents(client, auth, world):
    for login in ("hrd@test.id", "warga@test.id"):
        auth.login(login)
        for url in STAFF_EXPORTS:
            assert client.get(url).status_code == 403, (login, url)
        auth.logout()
