"""The monthly report (XLSX, PDF), its command line, its background job and download, and the
exports for Karirhub and Disnaker."""
from __future__ import annotations

import io
import re

import pytest
from flask_babel import force_locale
from babel.dates import format_date
from openpyxl import load_workbook

from app.extensions import db
from app.jobs import DONE
from app.jobs.models import Job
from app.jobs.runner import execute
from app.reports import documents, monthly
from app.core.timeutil import today_wib

from .conftest import ReportMonth

pytestmark = pytest.mark.date_sensitive


@pytest.fixture(autouse=True)
def reports_dir(app, tmp_path):
    app.config["REPORTS_DIR"] = str(tmp_path / "reports")
    yield tmp_path / "reports"
    app.config.pop("REPORTS_DIR", None)


def _report(kelurahan=None, per_hire=False):
    month = ReportMonth.of(today_wib())
    with force_locale("id"):
        # per_hire: as staff of the kelurahan get it (the job's parameter): exact figures, a row per hire
        report = monthly.monthly_report(kelurahan, month.year, month.month, exact=per_hire)
        return report, documents.monthly_xlsx(report), documents.monthly_pdf(report)


def _sheet_rows(sheet) -> list[list]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _find(rows, first):
    return next(row for row in rows if row and row[0] == first)


def test_monthly_xlsx_holds_the_figures(app, figures_world):
    _report_data, body, _pdf = _report(per_hire=True)
    book = load_workbook(io.BytesIO(body))
    assert book.sheetnames[0] == "Ringkasan"
    assert {"Alur rujukan", "Per perusahaan", "Lowongan (Karirhub)", "Penempatan (Disnaker)"} <= set(book.sheetnames)
    summary = _sheet_rows(book["Ringkasan"])
    assert _find(summary, "Bulan laporan")[1] == figures_world.month.label
    assert _find(summary, "Warga mencari kerja (saat laporan dibuat)")[1] == 3  # Budi, Ani, Siti
    funnel = _sheet_rows(book["Alur rujukan"])
    assert _find(funnel, "Dirujuk")[1:] == [4, "100,0%", "2,5"]
    assert _find(funnel, "Diterima")[1] == 3
    employers = _sheet_rows(book["Per perusahaan"])
    assert _find(employers, "PT Sinar Logam")[2:8] == [2, 2, "100,0%", 1, "50,0%", "ya"]
    assert _find(employers, "Toko Maju")[-1] == 1  # one vacancy below the UMK
    vacancies = _sheet_rows(book["Lowongan (Karirhub)"])
    assert vacancies[0][:5] == ["ID lowongan", "Nama perusahaan", "Kode KBLI", "Sektor (KBLI 2020)", "Judul lowongan"]
    kasir = next(r for r in vacancies if r[4] == "Kasir")
    assert kasir[12] == "ya" and kasir[18] == "Cimone" and kasir[3].startswith("G")
    hires = _sheet_rows(load_workbook(io.BytesIO(_report()[1]))["Penempatan (Disnaker)"])
    # The city's report: counts per kelurahan and sector (2 in Nusa Jaya, 1 in Cimone), suppressed.
    assert hires[0] == ["Kelurahan domisili", "Sektor (KBLI 2020)", "Diterima kerja"]
    assert [(r[0], r[2]) for r in hires[1:]] == [("Cimone", "–"), ("Nusa Jaya", "–")]


def test_monthly_report_for_staff_lists_each_hire(app, figures_world):
    _report_data, body, _pdf = _report(per_hire=True)
    hires = _sheet_rows(load_workbook(io.BytesIO(body))["Penempatan (Disnaker)"])
    assert len(hires) == 4  # header and the three hires of the month
    text = repr(hires)
    assert "Ani Lestari" not in text and "Budi Santoso" not in text  # no names
    assert sorted(r[8] for r in hires[1:]) == ["Cimone", "Nusa Jaya", "Nusa Jaya"]


def test_monthly_report_of_one_kelurahan(app, figures_world):
    report, body, _pdf = _report(figures_world.nj, per_hire=True)
    book = load_workbook(io.BytesIO(body))
    assert "Pencari kerja menurut RW" in book.sheetnames
    assert _find(_sheet_rows(book["Ringkasan"]), "Wilayah")[1] == "Kelurahan Nusa Jaya"
    assert len(_sheet_rows(book["Penempatan (Disnaker)"])) == 3  # Siti of Cimone is not in it
    assert documents.filename(report, "xlsx") == f"laporan-bulanan-{figures_world.month.label}-nusa-jaya.xlsx"


def test_monthly_pdf(app, figures_world):
    _report_data, _xlsx, body = _report()
    assert body.startswith(b"%PDF") and body.rstrip().endswith(b"%%EOF")
    assert len(body) > 3000 and body.count(b"/Type /Page") >= 2


def test_user_text_is_neutralised_in_the_xlsx(app, world, make):
    make.vacancy(world.company, title="+SUM(A1:A2)")
    db.session.commit()
    _report_data, body, _pdf = _report()
    rows = _sheet_rows(load_workbook(io.BytesIO(body))["Lowongan (Karirhub)"])
    assert "'+SUM(A1:A2)" in [r[4] for r in rows]


# --- command line ---------------------------------------------------------------------

def test_cli_writes_xlsx_and_pdf(app, figures_world, tmp_path):
    month = figures_world.month.label
    runner = app.test_cli_runner()
    target = tmp_path / "kota.xlsx"
    result = runner.invoke(args=["report", "monthly", "--month", month, "--format", "xlsx", "--output", str(target)])
    assert result.exit_code == 0, result.output
    assert month in result.output
    book = load_workbook(target)
    assert _find(_sheet_rows(book["Ringkasan"]), "Wilayah")[1] == "Seluruh kota (semua kelurahan)"
    pdf = tmp_path / "nj.pdf"
    result = runner.invoke(args=["report", "monthly", "--month", month, "--format", "pdf", "--output", str(pdf),
                                 "--kelurahan", "nusa jaya"])
    assert result.exit_code == 0, result.output
    assert pdf.read_bytes().startswith(b"%PDF")
    result = runner.invoke(args=["report", "monthly", "--month", month, "--output", str(tmp_path / "c.xlsx"),
                                 "--kelurahan", figures_world.cm.code])
    assert result.exit_code == 0, result.output
    assert "Cimone" in result.output


@pytest.mark.parametrize("args", [
    ["--month", "2026-13"], ["--month", "November"], ["--month", "2026/11"], ["--month", ""],
    ["--month", "2026-11", "--kelurahan", "Atlantis"], ["--month", "2026-11", "--format", "docx"],
])
def test_cli_refuses_bad_input_without_a_traceback(app, world, tmp_path, args):
    target = tmp_path / "out.xlsx"
    result = app.test_cli_runner().invoke(args=["report", "monthly", *args, "--output", str(target)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Error" in result.output
    assert not target.exists()


def test_cli_unwritable_output_exits_1(app, world, tmp_path):
    result = app.test_cli_runner().invoke(args=["report", "monthly", "--month", "2026-11", "--output",
                                                str(tmp_path / "missing" / "dir" / "r.xlsx")])
    assert result.exit_code in (1, 2) and "Traceback" not in result.output


# --- the web: a background job, its progress, the download ----------------------------

def test_monthly_report_as_a_background_job(app, client, auth, figures_world):
    month = figures_world.month.label
    auth.login("kota@test.id")
    page = client.get("/reports/monthly")
    assert page.status_code == 200 and 'type="month"' in page.get_data(as_text=True)
    response = client.post("/reports/monthly", data={"month": month, "kelurahan": "", "format": "xlsx"})
    assert response.status_code == 303
    job_id = int(re.search(r"/reports/monthly/(\d+)$", response.headers["Location"]).group(1))
    waiting = client.get(f"/reports/monthly/{job_id}").get_data(as_text=True)
    assert "data-hx-trigger" in waiting and "Menunggu giliran" in waiting
    assert execute(job_id).status == DONE
    page = client.get(f"/reports/monthly/{job_id}").get_data(as_text=True)
    assert f"laporan-bulanan-{month}-kota.xlsx" in page and "data-hx-trigger" not in page
    fragment = client.get(f"/reports/monthly/{job_id}", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "<html" not in fragment and "Unduh" in fragment
    download = client.get(f"/reports/monthly/{job_id}/download")
    assert download.status_code == 200
    assert download.headers["Content-Disposition"].startswith("attachment")
    assert download.mimetype == documents.XLSX_MIME
    book = load_workbook(io.BytesIO(download.data))
    download.close()
    assert _find(_sheet_rows(book["Alur rujukan"]), "Diterima")[1] == 3
    assert str(job_id) in client.get("/reports/monthly").get_data(as_text=True)  # listed among own reports
    # Another user does not see it.
    auth.logout()
    auth.login("admin@test.id")
    assert client.get(f"/reports/monthly/{job_id}").status_code == 404
    assert client.get(f"/reports/monthly/{job_id}/download").status_code == 404


def test_staff_report_is_of_their_own_kelurahan(app, client, auth, figures_world):
    month = figures_world.month.label
    nj_id, cm_id = figures_world.nj.id, figures_world.cm.id
    auth.login("petugas@test.id")
    response = client.post("/reports/monthly", data={"month": month, "kelurahan": str(nj_id),
                                                     "format": "pdf"})
    assert response.status_code == 303
    job = db.session.scalar(db.select(Job).order_by(Job.id.desc()))
    job_id = job.id
    assert job.params["kelurahan_id"] == nj_id and job.params["format"] == "pdf"
    assert execute(job_id).status == DONE
    body = client.get(f"/reports/monthly/{job_id}/download")
    assert body.data.startswith(b"%PDF") and body.mimetype == "application/pdf"
    body.close()
    # Asking for another kelurahan still makes the report of their own.
    other = client.post("/reports/monthly", data={"month": month, "kelurahan": str(cm_id), "format": "xlsx"})
    assert other.status_code == 303
    assert db.session.scalar(db.select(Job).order_by(Job.id.desc())).params["kelurahan_id"] == nj_id


@pytest.mark.parametrize("month", ["2026-13", "bulan lalu", ""])
def test_bad_month_in_the_form_is_422(app, client, auth, world, month):
    auth.login("kota@test.id")
    response = client.post("/reports/monthly", data={"month": month, "kelurahan": "", "format": "xlsx"})
    assert response.status_code == 422
    assert "2026-11" in response.get_data(as_text=True)  # the hint says how to write it
    assert db.session.scalar(db.select(db.func.count(Job.id))) == 0


def test_download_before_the_job_is_done_goes_back_to_its_page(app, client, auth, world):
    auth.login("kota@test.id")
    response = client.post("/reports/monthly", data={"month": "2026-11", "kelurahan": "", "format": "xlsx"})
    location = response.headers["Location"]
    assert client.get(location + "/download").status_code == 303


# --- exports for Karirhub and Disnaker --------------------------------------------------

def test_export_vacancies_for_karirhub(app, client, auth, figures_world):
    month = figures_world.month.label
    auth.login("petugas@test.id")
    response = client.get(f"/reports/export/vacancies?month={month}&format=csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    text = response.data.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("ID lowongan,Nama perusahaan,Kode KBLI")
    assert "Operator Mesin CNC" in text
    xlsx = client.get(f"/reports/export/vacancies?month={month}&format=xlsx")
    rows = _sheet_rows(load_workbook(io.BytesIO(xlsx.data)).active)
    assert len(rows) == 2  # header and the vacancy of the one company of Nusa Jaya


def _vacancy_titles(client, month, query=""):
    response = client.get(f"/reports/export/vacancies?month={month}&format=csv" + query)
    assert response.status_code == 200
    return sorted(line.split(",")[4] for line in response.data.decode("utf-8-sig").strip().splitlines()[1:])


def test_karirhub_export_is_scoped_by_the_companies_of_the_kelurahan(app, client, auth, figures_world):
    """Nusa Jaya: PT Sinar Logam (Operator Mesin CNC). Cimone: PT Lain Jaya (Staf Gudang) and
    Toko Maju (Kasir). Staff get their own kelurahan's, whatever they ask; the city everything,
    or one kelurahan; the kelurahan files add up to the city's."""
    month = figures_world.month.label
    cm_id, nj_id = figures_world.cm.id, figures_world.nj.id
    auth.login("petugas@test.id")
    assert _vacancy_titles(client, month) == _vacancy_titles(client, month, f"&kelurahan={cm_id}") == ["Operator Mesin CNC"]
    auth.logout()
    auth.login("petugas.cimone@test.id")
    assert _vacancy_titles(client, month) == ["Kasir", "Staf Gudang"]
    auth.logout()
    auth.login("kota@test.id")
    city = _vacancy_titles(client, month)
    assert city == ["Kasir", "Operator Mesin CNC", "Staf Gudang"]
    assert _vacancy_titles(client, month, f"&kelurahan={cm_id}") == ["Kasir", "Staf Gudang"]
    assert sorted(_vacancy_titles(client, month, f"&kelurahan={nj_id}") + _vacancy_titles(client, month, f"&kelurahan={cm_id}")) == city
    response = client.get(f"/reports/export/vacancies?month={month}&kelurahan={cm_id}")
    assert f"lowongan-karirhub-{month}-cimone-" in response.headers["Content-Disposition"]
    # The dashboard links the export of the kelurahan shown.
    page = client.get(f"/reports/?kelurahan={cm_id}").get_data(as_text=True)
    assert f"/reports/export/vacancies?month=" in page and f"kelurahan={cm_id}" in page.split("/reports/export/vacancies")[1][:80]


def test_monthly_report_of_one_kelurahan_lists_its_companies_vacancies(app, figures_world):
    _report_data, body, _pdf = _report(figures_world.cm)
    rows = _sheet_rows(load_workbook(io.BytesIO(body))["Lowongan (Karirhub)"])
    assert sorted(r[4] for r in rows[1:]) == ["Kasir", "Staf Gudang"]


def test_export_hires_for_disnaker_is_scoped_and_without_names(app, client, auth, figures_world):
    month = figures_world.month.label
    auth.login("petugas@test.id")
    text = client.get(f"/reports/export/hires?month={month}&kelurahan=" + str(figures_world.cm.id)).data.decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert len(lines) == 3  # staff: their own residents only, whatever is asked
    assert "Budi" not in text and "Ani" not in text and "Perempuan" in text and "45–54" in text
    auth.logout()
    auth.login("kota@test.id")
    city = client.get(f"/reports/export/hires?month={month}").data.decode("utf-8-sig").strip().splitlines()
    # the city: counts per kelurahan and sector (Nusa Jaya 2, Cimone 1), not one row per hire;
    # both small, so hidden, and the footnote that says so
    assert len(city) == 4 and "disembunyikan" in city[-1]
    cimone = client.get(f"/reports/export/hires?month={month}&kelurahan={figures_world.cm.id}").data.decode("utf-8-sig")
    assert len(cimone.strip().splitlines()) == 3
    assert client.get(f"/reports/export/hires?month={figures_world.month.previous.label}").data.decode("utf-8-sig").strip().count("\n") == 0


@pytest.mark.parametrize("path", ["/reports/export/hires?month=2026-99", "/reports/export/vacancies?month=x"])
def test_export_with_a_bad_month_is_422(app, client, auth, world, path):
    auth.login("kota@test.id")
    assert client.get(path).status_code == 422


def _pdf_text(body: bytes) -> str:
    """The strings drawn on uncompressed pages (Tj operators)."""
    return " ".join(m.replace("\\(", "(").replace("\\)", ")")
                    for m in re.findall(r"\((.*?)\) Tj", body.decode("latin-1")))


def test_monthly_pdf_of_a_kelurahan_has_letterhead_and_signature(app, figures_world):
    nj = figures_world.nj
    nj.address, nj.lurah_name = "Jl. Nusa Jaya Raya No. 1, Karawaci", "Hj. Siti Rahmah, S.Sos."
    nj.lurah_nip = "197803122006042007"
    db.session.commit()
    month = ReportMonth.of(today_wib())
    with force_locale("id"):
        report = monthly.monthly_report(nj, month.year, month.month)
        text = _pdf_text(documents.monthly_pdf(report, compress=False))
    signed = "Tangerang, " + format_date(today_wib(), "d MMMM y", locale="id")  # the day it was made, WIB
    for expected in ("PEMERINTAH KOTA TANGERANG", "KECAMATAN KARAWACI", "KELURAHAN NUSA JAYA",
                     "Jl. Nusa Jaya Raya No. 1, Karawaci", "Lurah Nusa Jaya,", "Hj. Siti Rahmah, S.Sos.",
                     "NIP. 197803122006042007", signed):
        assert expected in text, expected
    assert text.index("KELURAHAN NUSA JAYA") < text.index("Laporan bulanan") < text.index("Lurah Nusa Jaya,")


def test_monthly_pdf_without_lurah_name_leaves_a_line_to_write_on(app, figures_world):
    month = ReportMonth.of(today_wib())
    with force_locale("id"):
        text = _pdf_text(documents.monthly_pdf(monthly.monthly_report(figures_world.nj, month.year, month.month),
                                               compress=False))
        city = _pdf_text(documents.monthly_pdf(monthly.monthly_report(None, month.year, month.month),
                                               compress=False))
    assert "Lurah Nusa Jaya," in text and "(......" in text and "NIP. ......" in text
    assert "PEMERINTAH KOTA TANGERANG" in city and "Petugas pelapor," in city and "KELURAHAN NUSA JAYA" not in city
