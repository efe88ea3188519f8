"""Bulk import: broken files, problems per row, skip/update, all-or-nothing, the page and the CLI."""
from __future__ import annotations

import datetime as dt
import io
import time

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.imports import services
from app.imports.parse import ImportFileError, read_table
from app.jobs.models import DONE, FAILED, Job
from app.jobs.runner import execute
from app.models import ConsentRecord, SeekerProfile, Vacancy, VacancyReviewEvent
from tests.factories import make_nik

HEADER = "Nama;NIK;Tanggal Lahir;Jenis Kelamin;Alamat;RT;RW;No HP;Pendidikan;Jurusan;Keterampilan;Setuju Dibagikan"


def nik(day, month, year, sex, serial):
    return make_nik(dt.date(year, month, day), sex, serial=serial)


def row(name="Rina Wati", n=None, birth="17/08/1995", sex="P", rw="03", phone="+62 812-3456-7890",
        edu="SLTA", major="", skills="las, bubut", share="ya"):
    n = n or nik(17, 8, 1995, "P", 9001)
    return f"{name};{n};{birth};{sex};Jl. Melati 3;2;{rw};{phone};{edu};{major};{skills};{share}"


def csv_bytes(*rows, header=HEADER, encoding="utf-8"):
    return ("\n".join([header, *rows]) + "\n").encode(encoding)


def count(model):
    return db.session.scalar(select(func.count()).select_from(model))


# ------------------------------------------------------------------ reading and checking


def test_reads_semicolons_bom_and_windows_1252(app, world):
    data = "\ufeff".encode() + csv_bytes(row(name="Nur’aini Sé"))[0:]
    report = services.check(data, "warga.csv", "seekers", kelurahan=world.nj)
    assert not report["problems"] and len(report["rows"]) == 1
    cp = csv_bytes(row(name="Nur’aini Sé"), encoding="cp1252")
    report = services.check(cp, "warga.csv", "seekers", kelurahan=world.nj)
    assert report["rows"][0]["data"]["full_name"] == "Nur’aini Sé"
    comma = csv_bytes(row().replace(";", ",").replace("las, bubut", '"las, bubut"'), header=HEADER.replace(";", ","))
    assert len(services.check(comma, "w.csv", "seekers", kelurahan=world.nj)["rows"]) == 1


def test_normalises_dates_sex_phone_and_old_school_names(app, world):
    rows = [
        row(name="A", n=nik(17, 8, 1995, "L", 9101), birth="17-08-1995", sex="Laki-laki", edu="STM", major="Teknik Mesin"),
        row(name="B", n=nik(17, 8, 1995, "P", 9102), birth="1995-08-17", sex="Wanita", edu="SLTP", phone="0812 3456 7890"),
        row(name="C", n=nik(1, 2, 1990, "L", 9103), birth="01/02/1990", sex="Pria", edu="SMU"),
        row(name="D", n=nik(1, 2, 1990, "P", 9104), birth="01/02/1990", sex="p", edu="MI", share="tidak"),
    ]
    report = services.check(csv_bytes(*rows), "w.csv", "seekers", kelurahan=world.nj)
    assert not report["problems"], report["problems"]
    data = [r["data"] for r in report["rows"]]
    assert [d["sex"] for d in data] == ["L", "P", "L", "P"]
    assert [d["education"] for d in data] == ["SMK", "SMP", "SMA", "SD"]
    assert data[0]["birth_date"] == data[1]["birth_date"] == "1995-08-17"
    assert data[0]["phone"] == "081234567890" and data[1]["phone"] == "081234567890"
    assert data[0]["rt"] == "002" and data[0]["skills"] == ["las", "bubut"]
    assert data[0]["consent_sharing"] is True and data[3]["consent_sharing"] is False


def test_each_rejected_row_says_where_and_why(app, world):
    rows = [
        row(name="Baik", n=nik(17, 8, 1995, "P", 9201)),
        row(name="NIK pendek", n="123"),
        row(name="Tanggal beda", n=nik(18, 8, 1995, "P", 9202)),
        row(name="Kelamin beda", n=nik(17, 8, 1995, "P", 9203), sex="L"),
        row(name="Tanggal mustahil", n=nik(17, 8, 1995, "P", 9204), birth="31/02/1995"),
        row(name="Pendidikan aneh", n=nik(17, 8, 1995, "P", 9205), edu="Pesantren kilat"),
        row(name="", n=nik(17, 8, 1995, "P", 9206)),
        row(name="Kembar", n=nik(17, 8, 1995, "P", 9201)),
    ]
    report = services.check(csv_bytes(*rows), "w.csv", "seekers", kelurahan=world.nj)
    by_row = {p["row"]: p for p in report["problems"]}
    assert [r["row"] for r in report["rows"]] == [2]
    assert set(by_row) == {3, 4, 5, 6, 7, 8, 9}
    assert by_row[3]["column"] == "NIK" and "16 angka" in by_row[3]["message"]
    assert "tidak sama dengan tanggal lahir" in by_row[4]["message"]
    assert "milik perempuan" in by_row[5]["message"]
    assert by_row[6]["column"] == "Tanggal Lahir" and by_row[6]["value"] == "31/02/1995"
    assert "tidak ada di kalender" in by_row[6]["message"]
    assert by_row[7]["column"] == "Pendidikan" and "tidak dikenal" in by_row[7]["message"]
    assert by_row[8]["column"] == "Nama"
    assert "baris 2" in by_row[9]["message"]  # the later of the two rows with the same NIK


@pytest.mark.parametrize("data, name", [
    (b"", "kosong.csv"),
    (b"   \n\n", "kosong.csv"),
    (HEADER.encode() + b"\n", "judul-saja.csv"),
    ("Nama;NIK\nRina;3671075708950001\n".encode("utf-16"), "utf16.csv"),
    (b"PK\x03\x04 not really a workbook", "rusak.xlsx"),
])
def test_broken_files_are_refused_whole(app, data, name):
    with pytest.raises(ImportFileError):
        read_table(data, name)


def test_missing_and_extra_columns(app, world):
    report = services.check(b"Nama;Tanggal Lahir\nRina;17/08/1995\n", "w.csv", "seekers", kelurahan=world.nj)
    assert set(report["missing"]) == {"nik", "sex"} and not report["rows"]
    extra = csv_bytes(row() + ";voli", header=HEADER + ";Hobi")
    report = services.check(extra, "w.csv", "seekers", kelurahan=world.nj)
    assert report["unknown"] == ["Hobi"] and len(report["rows"]) == 1
    renamed = csv_bytes(row(), header=HEADER.replace("NIK", "Nomor KTP Warga"))
    report = services.check(renamed, "w.csv", "seekers", kelurahan=world.nj)
    assert report["missing"] == ["nik"] and report["unknown"] == ["Nomor KTP Warga"]
    report = services.check(renamed, "w.csv", "seekers", kelurahan=world.nj, chosen={"Nomor KTP Warga": "nik"})
    assert not report["missing"] and len(report["rows"]) == 1


def test_xlsx_with_real_dates_and_numbers(app, world):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Nama", "NIK", "Tanggal Lahir", "Jenis Kelamin", "No HP", "Pendidikan"])
    sheet.append(["Rina", "3671075708950003", dt.datetime(1995, 8, 17), "Perempuan", "0812-3456-7890", "SMK"])
    sheet.append([None, None, None, None, None, None])
    sheet.append(["Budi", 3671071708950004, dt.date(1995, 8, 17), "L", 6281234567891, "S1"])
    buffer = io.BytesIO()
    book.save(buffer)
    report = services.check(buffer.getvalue(), "warga.xlsx", "seekers", kelurahan=world.nj)
    assert not report["problems"], report["problems"]
    assert [r["row"] for r in report["rows"]] == [2, 4]
    assert report["rows"][1]["data"]["nik"] == "3671071708950004"
    assert report["rows"][1]["data"]["phone"] == "081234567891"


def test_xlsx_phone_numbers_serial_dates_and_long_texts(app, world):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Nama", "NIK", "Tanggal Lahir", "Jenis Kelamin", "No HP", "Alamat"])
    born = dt.date(1995, 10, 28)  # Excel serial 35000
    sheet.append(["Rina", make_nik(born, "P", serial=9951), 35000, "P", 8123456789, "Jl. Melati"])
    sheet.append(["Budi", make_nik(born, "L", serial=9952), "35000", "L", "812345678901", "Jl. Mawar"])
    sheet.append(["Sari", make_nik(born, "P", serial=9953), born, "P", 81234, "x" * 256])
    sheet.append(["Tahun saja", make_nik(born, "P", serial=9954), 1995, "P", "", ""])
    buffer = io.BytesIO()
    book.save(buffer)
    report = services.check(buffer.getvalue(), "warga.xlsx", "seekers", kelurahan=world.nj)
    data = {r["row"]: r["data"] for r in report["rows"]}
    assert set(data) == {2, 3}
    assert data[2]["phone"] == "08123456789" and data[3]["phone"] == "0812345678901"
    assert data[2]["birth_date"] == data[3]["birth_date"] == "1995-10-28"
    problems = {(p["row"], p["column"]): p["message"] for p in report["problems"]}
    assert set(problems) == {(4, "No HP"), (4, "Alamat"), (5, "Tanggal Lahir")}
    assert "terlalu panjang" in problems[(4, "Alamat")] and "255" in problems[(4, "Alamat")]
    assert "Format tanggal" in problems[(5, "Tanggal Lahir")]


# ------------------------------------------------------------------ writing


def _write(report, world):
    report.update(kelurahan_id=world.nj.id, company_id=None)
    result = services.write(report, actor=world.staff)
    db.session.commit()
    return result


def test_existing_nik_is_skipped_or_updated(app, world):
    existing = world.seeker  # Budi Santoso, NJ
    data = csv_bytes(row(name="Budi Baru", n=existing.nik, birth="17/05/1998", sex="L", edu="D3"),
                     row(name="Rina", n=nik(17, 8, 1995, "P", 9301)))
    report = services.check(data, "w.csv", "seekers", kelurahan=world.nj)
    assert report["skipped"] == [2] and len(report["rows"]) == 1
    assert _write(report, world) == {"created": 1, "updated": 0, "skipped": 1}
    assert db.session.get(SeekerProfile, existing.id).full_name == "Budi Santoso"

    report = services.check(data, "w.csv", "seekers", kelurahan=world.nj, update=True)
    assert [r["action"] for r in report["rows"]] == ["update", "update"]  # Rina was created just above
    result = _write(report, world)
    assert result["updated"] == 2
    db.session.expire_all()
    assert db.session.get(SeekerProfile, existing.id).full_name == "Budi Baru"
    assert db.session.get(SeekerProfile, existing.id).education == "D3"

    # a resident of another kelurahan is not this kelurahan's to change
    other = csv_bytes(row(name="Siti", n=world.other_seeker.nik, birth="03/02/2000", sex="P"))
    report = services.check(other, "w.csv", "seekers", kelurahan=world.nj, update=True)
    assert "kelurahan lain" in report["problems"][0]["message"]


def test_imported_residents_get_the_paper_consent(app, world):
    report = services.check(csv_bytes(row(n=nik(17, 8, 1995, "P", 9401), share="ya")), "w.csv", "seekers",
                            kelurahan=world.nj)
    _write(report, world)
    seeker = db.session.scalar(select(SeekerProfile).where(SeekerProfile.full_name == "Rina Wati"))
    assert seeker.consent_registration and seeker.consent_sharing and not seeker.consent_ranking
    records = {c.purpose: c for c in db.session.scalars(select(ConsentRecord).where(ConsentRecord.seeker_id == seeker.id))}
    assert set(records) == {"registration", "sharing", "ranking"}
    assert {c.text_version for c in records.values()} == {"import"}
    assert seeker.nik == nik(17, 8, 1995, "P", 9401) and seeker.rt == "002" and seeker.education == "SMA"


NEXT_YEAR = dt.date.today().year + 1


def test_vacancies_wait_for_staff_review(app, client, auth, world):
    data = ("Judul,Deskripsi,Pendidikan Minimal,Jenis Kontrak,Gaji Minimal,Jumlah,Batas Lamaran,Shift\n"
            f"Operator Produksi,,SLTA,Kontrak,Rp 5.400.000,3,31/12/{NEXT_YEAR},Bergilir\n"
            ",,SMP,,,,,\n"
            f"Admin Gudang,Wanita berpenampilan menarik,D3,tetap,5400000,1,{NEXT_YEAR}-12-31,pagi\n").encode()
    report = services.check(data, "l.csv", "vacancies")
    assert [p["row"] for p in report["problems"]] == [3]
    report.update(company_id=world.company.id, filename="l.csv")
    before = count(Vacancy)
    services.write(report, actor=world.staff)
    db.session.commit()
    assert count(Vacancy) == before + 2
    v = db.session.scalar(select(Vacancy).where(Vacancy.title == "Operator Produksi"))
    assert (v.education_min, v.contract_type, v.wage_min, v.openings, v.shift) == ("SMA", "pkwt", 5_400_000, 3, "bergilir")
    # Not published: each goes through the review screen, where its flags are shown.
    assert v.deadline == dt.date(NEXT_YEAR, 12, 31) and v.status == "review"
    flagged = db.session.scalar(select(Vacancy).where(Vacancy.title == "Admin Gudang"))
    assert flagged.status == "review"
    events = db.session.scalars(select(VacancyReviewEvent).where(VacancyReviewEvent.vacancy_id.in_((v.id, flagged.id)))).all()
    assert [(e.action, e.actor_id) for e in events] == [("submitted", world.staff.id)] * 2
    assert "l.csv" in events[0].note
    auth.login("petugas@test.id")
    queue = client.get("/staff/vacancies/review").get_data(as_text=True)
    assert "Operator Produksi" in queue and "Admin Gudang" in queue
    assert "meminta penampilan menarik" in client.get(f"/staff/vacancies/{flagged.id}/review").get_data(as_text=True)


def test_imported_vacancy_job_queues_no_suggestions(app, world):
    from app import jobs

    token = services.stage(f"Judul,Batas Lamaran\nTeknisi,31/12/{NEXT_YEAR}\n".encode(), "l.csv", "vacancies",
                           user=world.staff, kelurahan=world.nj, company=world.company, update=False)
    job = jobs.enqueue("imports.run", params={"token": token}, user=world.staff)
    db.session.commit()
    done = execute(job.id)
    assert done.status == DONE and "menunggu tinjauan" in done.display_message
    assert db.session.scalar(select(Vacancy.status).where(Vacancy.title == "Teknisi")) == "review"
    assert not db.session.scalar(select(func.count()).select_from(Job).where(Job.name == "ranking.refresh_all"))


def test_an_import_run_again_after_its_commit_saves_nothing_twice(app, world, monkeypatch):
    """The worker stopped after the rows were committed and before the staged file said so: the
    job runs again (the runner retries it, or staff press the button on a copy of the page)."""
    from app import jobs

    token = services.stage(f"Judul,Batas Lamaran\nOperator CNC,31/12/{NEXT_YEAR}\nQC Inspector,31/12/{NEXT_YEAR}\n"
                           .encode(), "l.csv", "vacancies", user=world.staff, kelurahan=world.nj,
                           company=world.company, update=False)
    staged, company_id, staff = services.load(token), world.company.id, world.staff
    saving = services.save

    def stop_after_the_commit(saved_token, report):
        if report.get("result"):
            raise SystemExit("worker stopped")  # the staged file never learns of the result
        saving(saved_token, report)

    monkeypatch.setattr(services, "save", stop_after_the_commit)
    first = jobs.enqueue("imports.run", params={"token": token}, user=world.staff)
    db.session.commit()
    with pytest.raises(SystemExit):
        execute(first.id)
    monkeypatch.undo()
    assert services.load(token) == staged  # as if nothing had been saved

    def titles():
        return db.session.scalars(select(Vacancy.title).where(Vacancy.company_id == company_id)
                                  .where(Vacancy.title.in_(["Operator CNC", "QC Inspector"]))).all()

    assert sorted(titles()) == ["Operator CNC", "QC Inspector"]
    again = jobs.enqueue("imports.run", params={"token": token}, user=db.session.merge(staff))
    db.session.commit()
    done = execute(again.id)
    assert done.status == DONE and "2 lowongan" in done.display_message
    assert sorted(titles()) == ["Operator CNC", "QC Inspector"]  # not four


def test_vacancy_numbers_and_texts_are_bounded(app, world):
    data = ("Judul;Deskripsi;Gaji Minimal;Gaji Maksimal;Jumlah;Pengalaman Minimal (tahun);Lokasi;Batas Lamaran\n"
            "Baik;;5400000;1000000000;500;40;Karawaci;\n"
            "Gaji raksasa;;99999999999999999999;;1;0;;\n"
            "Gaji maks raksasa;;1;1000000001;1;0;;\n"
            "Terlalu banyak;;;;501;0;;\n"
            "Pengalaman;;;;1;41;;\n"
            f"{'J' * 161};{'d' * 5001};;;1;0;{'L' * 256};\n"
            "Lewat;;;;1;0;;01/01/2020\n"
            "Tak terhingga;;;;1;inf;;\n").encode()
    report = services.check(data, "l.csv", "vacancies")
    by_row = {}
    for p in report["problems"]:
        by_row.setdefault(p["row"], []).append(p)
    assert [r["row"] for r in report["rows"]] == [2]
    assert set(by_row) == {3, 4, 5, 6, 7, 8, 9}
    assert by_row[3][0]["column"] == "Gaji Minimal" and "1.000.000.000" in by_row[3][0]["message"]
    assert by_row[4][0]["column"] == "Gaji Maksimal"
    assert by_row[5][0]["column"] == "Jumlah" and "1–500" in by_row[5][0]["message"]
    assert by_row[6][0]["column"] == "Pengalaman Minimal (tahun)" and "0–40" in by_row[6][0]["message"]
    assert {p["column"] for p in by_row[7]} == {"Judul", "Deskripsi", "Lokasi"}
    assert all("terlalu panjang" in p["message"] for p in by_row[7])
    assert by_row[8][0]["column"] == "Batas Lamaran"
    # the rows that are kept fit the database (PostgreSQL INTEGER too)
    report.update(company_id=world.company.id)
    services.write(report, actor=world.staff)
    db.session.commit()
    assert db.session.scalar(select(Vacancy.wage_max).where(Vacancy.title == "Baik")) == 1_000_000_000


def test_vacancy_licences_by_name_or_code(app, world):
    data = (b"Judul;Izin Wajib;Izin Diutamakan\n"
            b"Sopir;SIM B1 Umum, SKCK;sio forklift\n"
            b"Satpam;GADA_PRATAMA;\n"
            b"Ragu;SIM B1 Umum;SIM B1 Umum\n"
            b"Salah;SIM Z;\n")
    report = services.check(data, "l.csv", "vacancies")
    problems = {p["row"]: p for p in report["problems"]}
    assert set(problems) == {4, 5}
    assert problems[4]["column"] == "Izin Diutamakan" and "wajib sekaligus diutamakan" in problems[4]["message"]
    assert problems[5]["column"] == "Izin Wajib" and "Izin tidak dikenal: SIM Z" in problems[5]["message"]
    report.update(company_id=world.company.id)
    services.write(report, actor=world.staff)
    db.session.commit()
    sopir = db.session.scalar(select(Vacancy).where(Vacancy.title == "Sopir"))
    assert sopir.required_licences == ["SIM_B1_UMUM", "SKCK"] and sopir.preferred_licences == ["SIO_FORKLIFT"]
    satpam = db.session.scalar(select(Vacancy).where(Vacancy.title == "Satpam"))
    assert satpam.required_licences == ["GADA_PRATAMA"] and satpam.preferred_licences == []


def test_oversized_expected_wage_is_a_row_error(app, world):
    header = HEADER + ";Gaji Diharapkan"
    data = csv_bytes(row(n=nik(17, 8, 1995, "P", 9801)) + ";1000000000",
                     row(name="Sultan", n=nik(17, 8, 1995, "P", 9802)) + ";9223372036854775808000", header=header)
    report = services.check(data, "w.csv", "seekers", kelurahan=world.nj)
    assert [r["row"] for r in report["rows"]] == [2]
    assert [(p["row"], p["column"]) for p in report["problems"]] == [(3, "Gaji Diharapkan")]
    _write(report, world)  # no OverflowError at write time
    assert db.session.scalar(select(SeekerProfile.expected_wage).where(SeekerProfile.full_name == "Rina Wati")) == 1_000_000_000


def test_every_check_runs_for_every_row(app, world):
    repeated = nik(17, 8, 1995, "P", 9901)
    rows = [
        row(name="", n=repeated, edu="Pesantren kilat"),  # two problems, but its NIK itself is valid
        row(name="Kedua", n=repeated),  # repeats it: an error on this later row
        row(name="Banyak salah", n="0071075708950002", sex="X", edu="??", phone="123"),
        row(name="Beda dan kembar", n=repeated, birth="18/08/1995"),
    ]
    report = services.check(csv_bytes(*rows), "w.csv", "seekers", kelurahan=world.nj)
    assert not report["rows"]
    by_row = {}
    for p in report["problems"]:
        by_row.setdefault(p["row"], []).append((p["column"], p["message"]))
    assert {c for c, _m in by_row[2]} == {"Nama", "Pendidikan"}
    assert by_row[3] == [("NIK", "NIK sama dengan baris 2 di berkas ini.")]
    assert {c for c, _m in by_row[4]} == {"Jenis Kelamin", "Pendidikan", "No HP", "NIK"}
    assert any("provinsi" in m for c, m in by_row[4] if c == "NIK")
    messages = [m for c, m in by_row[5] if c == "NIK"]
    assert len(messages) == 2 and "baris 2" in messages[0] and "tidak sama dengan tanggal lahir" in messages[1]


def test_impossible_region_and_age_are_row_errors(app, world):
    rows = [
        row(name="Provinsi 00", n="0071075708950001"),
        row(name="Kakek buyut", n=nik(17, 8, 1995, "P", 9902), birth="17/08/1895"),
        row(name="Anak", n=nik(17, 8, 2020, "P", 9903), birth="17/08/2020"),
    ]
    report = services.check(csv_bytes(*rows), "w.csv", "seekers", kelurahan=world.nj)
    by_row = {p["row"]: p for p in report["problems"]}
    assert set(by_row) == {2, 3, 4} and not report["rows"]
    assert by_row[2]["column"] == "NIK" and "provinsi" in by_row[2]["message"]
    assert by_row[3]["column"] == "Tanggal Lahir" and "14–80 tahun" in by_row[3]["message"]
    assert by_row[4]["column"] == "Tanggal Lahir" and "14–80 tahun" in by_row[4]["message"]


def _letters(i: int) -> str:
    """A number as letters (0 → "A", 26 → "BA"): names hold no digits."""
    word = ""
    while True:
        i, digit = divmod(i, 26)
        word = chr(65 + digit) + word
        if not i:
            return word


def _big_file(n):
    lines = []
    for i in range(n):
        birth = dt.date(1980, 1, 1) + dt.timedelta(days=i % 9000)
        sex = "L" if i % 2 else "P"
        lines.append(f"Warga {_letters(i)};{make_nik(birth, sex, serial=1 + i % 9999)};{birth:%d/%m/%Y};{sex};Jl. Mawar {i};1;02;"
                     f"08123{i:07d};SMK;Teknik Mesin;las, bubut;ya")
    return csv_bytes(*lines)


def test_ten_thousand_rows_in_under_a_minute(app, world):
    data = _big_file(10_000)
    started = time.monotonic()
    report = services.check(data, "besar.csv", "seekers", kelurahan=world.nj)
    checked = time.monotonic()
    assert not report["problems"] and len(report["rows"]) == 10_000
    _write(report, world)
    done = time.monotonic()
    print(f"\n10,000 rows: check {checked - started:.1f} s, write {done - checked:.1f} s, total {done - started:.1f} s")
    assert done - started < 60
    assert count(SeekerProfile) == 10_000 + 2


def test_a_failing_import_leaves_nothing_behind(app, world, monkeypatch):
    report = services.check(_big_file(30), "w.csv", "seekers", kelurahan=world.nj)
    token = "a" * 32
    report.update(token=token, user_id=world.staff.id, kelurahan_id=world.nj.id, company_id=None, job_id=None)
    services.save(token, report)
    monkeypatch.setattr(services, "CHUNK", 10)
    calls = []

    def boom(*args, **kwargs):  # the third chunk fails after two were flushed
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("disk full")

    original = services.db.session.flush
    monkeypatch.setattr(services.db.session, "flush", lambda *a, **k: (boom(), original(*a, **k)))
    from app import jobs

    job = jobs.enqueue("imports.run", params={"token": token}, user=world.staff)
    db.session.commit()
    failed = execute(job.id)
    assert failed.status == FAILED and "disk full" in failed.error and len(calls) == 3
    monkeypatch.undo()
    assert count(SeekerProfile) == 2
    assert not db.session.scalar(select(func.count()).select_from(Job).where(Job.name == "ranking.refresh_all"))


# ------------------------------------------------------------------ the staff pages


def _upload(client, data, name="warga.csv", **form):
    return client.post("/staff/import", data={"file": (io.BytesIO(data), name), "kind": "seekers", **form},
                       content_type="multipart/form-data")


def test_staff_upload_preview_map_run_done(app, client, auth, world):
    nj_id = world.nj.id
    auth.login("petugas@test.id")
    assert client.get("/staff/").status_code == 200 and "/staff/import" in client.get("/staff/").get_data(as_text=True)
    assert client.get("/staff/import").status_code == 200
    assert _upload(client, b"").status_code == 422
    header = HEADER.replace("NIK", "No KTP Warga") + ";Hobi"
    data = csv_bytes(row(n=nik(17, 8, 1995, "P", 9501)) + ";voli", row(name="Salah", n="12") + ";", header=header)
    response = _upload(client, data)
    assert response.status_code == 303
    preview_url = response.headers["Location"]
    page = client.get(preview_url).get_data(as_text=True)
    assert "No KTP Warga" in page and "Hobi" in page and "Impor 0 baris" not in page
    token = preview_url.rstrip("/").rsplit("/", 1)[1]
    headers = services.load(token)["headers"]
    response = client.post(f"/staff/import/{token}/mapping", data={f"kolom-{headers.index('No KTP Warga')}": "nik"})
    assert response.status_code == 303
    page = client.get(preview_url).get_data(as_text=True)
    assert "Impor 1 baris" in page and "16 angka" in page and "<td>3</td>" in page
    # another staff member cannot see or run it
    auth.logout()
    auth.login("petugas.cimone@test.id")
    assert client.post(f"/staff/import/{token}/run").status_code == 303
    assert services.load(token)["job_id"] is None
    auth.logout()
    auth.login("petugas@test.id")
    assert client.post(f"/staff/import/{token}/run").status_code == 303
    job_id = services.load(token)["job_id"]
    page = client.get(preview_url).get_data(as_text=True)
    assert f"/jobs/{job_id}" in page  # the polled status fragment
    assert execute(job_id).status == DONE
    page = client.get(preview_url).get_data(as_text=True)
    assert "Impor selesai: 1 baru" in page
    assert db.session.scalar(select(SeekerProfile).where(SeekerProfile.full_name == "Rina Wati")).kelurahan_id == nj_id
    assert db.session.scalar(select(Job).where(Job.name == "ranking.refresh_all")) is not None


def test_staff_import_vacancies_only_for_companies_of_their_kelurahan(app, client, auth, world, make):
    unplaced = make.company(name="PT Tanpa Kelurahan", kelurahan=None)
    other_id, own_id, unplaced_id = world.other_company.id, world.company.id, unplaced.id
    db.session.commit()
    auth.login("petugas@test.id")  # Nusa Jaya; PT Lain Jaya is of Cimone
    page = client.get("/staff/import").get_data(as_text=True)
    assert f'value="{own_id}"' in page and f'value="{unplaced_id}"' in page
    assert f'value="{other_id}"' not in page
    data = b"Judul\nTeknisi Listrik\n"
    response = _upload(client, data, name="l.csv", kind="vacancies", company=str(other_id))
    assert response.status_code == 422 and "Pilih perusahaan pemilik lowongan" in response.get_data(as_text=True)
    assert not any(services.folder().glob("*.json"))
    for company_id in (own_id, unplaced_id):  # like the review screen: no kelurahan, any staff member
        response = _upload(client, data, name="l.csv", kind="vacancies", company=str(company_id))
        assert response.status_code == 303


def test_a_double_submit_queues_one_job(app, client, auth, world, monkeypatch):
    from app import jobs
    from app.imports import routes

    auth.login("petugas@test.id")
    response = _upload(client, csv_bytes(row(n=nik(17, 8, 1995, "P", 9511))))
    token = response.headers["Location"].rstrip("/").rsplit("/", 1)[1]
    run_url = f"/staff/import/{token}/run"
    original, pressed = jobs.enqueue, []

    def enqueue_while_pressed_again(*args, **kwargs):
        # The second press arrives while the first request is between its check and its save.
        if not pressed:
            pressed.append("again")
            pressed.append(client.post(run_url).status_code)
        return original(*args, **kwargs)

    monkeypatch.setattr(routes.jobs, "enqueue", enqueue_while_pressed_again)
    assert client.post(run_url).status_code == 303
    assert pressed == ["again", 303]
    assert client.post(run_url).status_code == 303  # pressed again later: the job is already there
    queued = db.session.scalars(select(Job).where(Job.name == "imports.run")).all()
    assert len(queued) == 1 and services.load(token)["job_id"] == queued[0].id
    with services.locked(token) as mine:  # another request holds the import: this one does not wait
        assert mine
        with services.locked(token) as again:
            assert not again


def test_run_refuses_a_company_that_lost_its_verification(app, client, auth, world):
    auth.login("petugas@test.id")
    response = _upload(client, b"Judul\nTeknisi Listrik\n", name="l.csv", kind="vacancies", company=str(world.company.id))
    token = response.headers["Location"].rstrip("/").rsplit("/", 1)[1]
    world.company.status = "rejected"
    db.session.commit()
    assert client.post(f"/staff/import/{token}/run").status_code == 303
    assert services.load(token)["job_id"] is None
    assert not db.session.scalar(select(func.count()).select_from(Job).where(Job.name == "imports.run"))


def test_progress_of_the_import_is_seen_while_it_runs(app, world, monkeypatch):
    """The page polls the job row from another connection: on SQLite too, the preparation's
    progress must be committed while the job runs, and the rows saved in one transaction."""
    from sqlalchemy import create_engine

    from app import jobs
    from app.jobs import runner

    report = services.check(_big_file(30), "w.csv", "seekers", kelurahan=world.nj)
    token = "c" * 32
    report.update(token=token, user_id=world.staff.id, kelurahan_id=world.nj.id, company_id=None, job_id=None)
    services.save(token, report)
    job = jobs.enqueue("imports.run", params={"token": token}, user=world.staff)
    db.session.commit()
    job_id = job.id
    monkeypatch.setattr(services, "CHUNK", 10)
    monkeypatch.setattr(runner.Progress, "MIN_INTERVAL", 0)
    page = create_engine(app.config["SQLALCHEMY_DATABASE_URI"])  # another process's connection, reading only
    seen = []
    original = services.encrypt_nik

    def encrypt_and_look(value):
        if len(seen) < 60:
            with page.connect() as conn:
                seen.append(tuple(conn.execute(select(Job.status, Job.progress, Job.message, Job.message_params)
                                               .where(Job.id == job_id)).one()))
                seen.append(conn.execute(select(func.count()).select_from(SeekerProfile)).scalar())
        return original(value)

    monkeypatch.setattr(services, "encrypt_nik", encrypt_and_look)
    try:
        done = execute(job_id)
    finally:
        page.dispose()
    assert done.status == DONE, done.error
    states, counts = seen[0::2], seen[1::2]
    assert {s[0] for s in states} == {"running"}
    assert states[15][1] > 1 and states[15][3] == {"done": 10, "total": 30}  # mid-run, after the first chunk
    assert states[25][3] == {"done": 20, "total": 30} and "Menyiapkan" in states[25][2]
    assert set(counts) == {2}  # nothing saved before the one final transaction
    assert count(SeekerProfile) == 32


def test_only_staff_may_import(client, auth, world):
    auth.login("hrd@test.id")
    assert client.get("/staff/import").status_code == 403
    assert _upload(client, csv_bytes(row())).status_code == 403


# ------------------------------------------------------------------ the command line


@pytest.fixture
def cli(app, tmp_path):
    runner = app.test_cli_runner()

    def run(*args, content=None):
        path = tmp_path / "data.csv"
        path.write_bytes(content)
        return runner.invoke(args=["import", *[str(path) if a == "FILE" else a for a in args]])

    return run


def test_cli_all_or_nothing_and_exit_codes(app, world, cli):
    company_id = world.company.id
    good, bad = row(n=nik(17, 8, 1995, "P", 9601)), row(name="Salah", n="12")
    data = csv_bytes(good, bad)
    result = cli("seekers", "FILE", "--kelurahan", "Nusa Jaya", content=data)
    assert result.exit_code == 1 and "Baris 3, kolom NIK" in result.output
    assert count(SeekerProfile) == 2
    result = cli("seekers", "FILE", "--kelurahan", "Nusa Jaya", "--dry-run", content=csv_bytes(good))
    assert result.exit_code == 0 and count(SeekerProfile) == 2
    result = cli("seekers", "FILE", "--kelurahan", "Nusa Jaya", "--skip-invalid", content=data)
    assert result.exit_code == 0, result.output
    db.session.remove()
    assert count(SeekerProfile) == 3
    result = cli("seekers", "FILE", "--kelurahan", "Nusa Jaya", content=csv_bytes(good.replace("Rina Wati", "Rina W.")))
    assert result.exit_code == 0 and "1 dilewati" in result.output
    result = cli("seekers", "FILE", "--kelurahan", "Nusa Jaya", "--update", content=csv_bytes(good.replace("Rina Wati", "Rina W.")))
    assert result.exit_code == 0 and "1 diperbarui" in result.output
    db.session.remove()
    assert db.session.scalar(select(SeekerProfile.full_name).where(SeekerProfile.full_name == "Rina W.")) == "Rina W."
    assert cli("seekers", "FILE", "--kelurahan", "Nusa Jaya", content=b"").exit_code == 1
    assert cli("seekers", "FILE", "--kelurahan", "Tidak Ada", content=data).exit_code == 2
    result = cli("vacancies", "FILE", "--company", str(company_id), content=b"Judul\nTeknisi Listrik\n")
    assert result.exit_code == 0, result.output


def test_cli_refuses_an_unverified_company_and_names_columns_as_on_screen(app, world, make, cli):
    pending = make.company(name="PT Belum Diperiksa", status="pending", kelurahan=world.nj)
    before = count(Vacancy)
    result = cli("vacancies", "FILE", "--company", str(pending.id), content=b"Judul\nTeknisi Listrik\n")
    assert result.exit_code == 1 and "belum diverifikasi" in result.output
    assert count(Vacancy) == before
    result = cli("seekers", "FILE", "--kelurahan", "Nusa Jaya", content=b"Nama;Tanggal Lahir\nRina;17/08/1995\n")
    assert result.exit_code == 1 and "Kolom wajib tidak ada: NIK, Jenis Kelamin" in result.output
    assert "birth_date" not in result.output and "sex" not in result.output
    result = cli("vacancies", "FILE", "--company", str(world.company.id), content=b"Judul\nTeknisi Listrik\n")
    assert result.exit_code == 0 and "menunggu tinjauan" in result.output
    db.session.remove()
    assert db.session.scalar(select(Vacancy.status).where(Vacancy.title == "Teknisi Listrik")) == "review"


def test_staged_files_are_encrypted_and_pruned(app, world):
    import os

    token = services.stage(csv_bytes(row(n=nik(17, 8, 1995, "P", 9701))), "w.csv", "seekers", user=world.staff,
                           kelurahan=world.nj, company=None, update=False)
    folder = services.folder()
    assert b"Rina" not in (folder / f"{token}.json").read_bytes()
    assert nik(17, 8, 1995, "P", 9701).encode() not in (folder / f"{token}.src").read_bytes()
    assert services.load(token)["rows"][0]["data"]["full_name"] == "Rina Wati"
    assert b"Rina Wati" in services.source(token)
    assert services.load("../../secrets") is None and services.load("b" * 32) is None
    old = time.time() - 2 * 86400
    for suffix in (".json", ".src"):
        os.utime(folder / f"{token}{suffix}", (old, old))
    assert services.prune() >= 2 and services.load(token) is None


def test_wages_are_read_as_people_write_them(app, world):
    data = ("Judul;Gaji Minimal;Gaji Maksimal;Jumlah;Lokasi\n"
            "Titik;Rp 4.500.000;4,5 juta;1;Karawaci\n"
            "UMK;Rp5.399.405,69;6jt;1;Karawaci\n"
            "Kata;empat juta;;1;Karawaci\n").encode()
    report = services.check(data, "w.csv", "vacancies")
    wages = {r["data"]["title"]: (r["data"]["wage_min"], r["data"]["wage_max"]) for r in report["rows"]}
    assert wages == {"Titik": (4_500_000, 4_500_000), "UMK": (5_399_406, 6_000_000)}
    [problem] = report["problems"]
    assert problem["row"] == 4 and problem["column"] == "Gaji Minimal" and "4,5 juta" in problem["message"]
