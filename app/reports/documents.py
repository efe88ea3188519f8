"""The monthly report as XLSX (openpyxl) and PDF (reportlab), the rows of the vacancy and
hire exports for Karirhub (Perpres 57/2023) and Disnaker, and the PDF of any counts-only report
on the kelurahan's letterhead (pdf_document: the monthly report's, a job fair's).

Strings go through gettext: the caller chooses the language (``force_locale``); the lurah and
Disnaker read Bahasa Indonesia. Every text cell that came from a user is neutralised the way
app/core/exports.py does it, so a spreadsheet never runs it as a formula."""
from __future__ import annotations

import datetime as dt
import io
import time
from pathlib import Path
from typing import NamedTuple
from xml.sax.saxutils import escape

from flask import current_app
from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..core import labels
from ..core.exports import neutralise
from ..core.timeutil import to_wib, today_wib
from ..core.web import datetime_id
from ..vacancies.wages import below_umk
from . import disclosure, groups
from .letterhead import letterhead, signature

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF_MIME = "application/pdf"
FORMATS = {"xlsx": XLSX_MIME, "pdf": PDF_MIME}


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.1f}%".replace(".", ",")


def _days(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}".replace(".", ",")


def _gap(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:+.1f}".replace(".", ",")


def _yes_no(value: bool | None) -> str:
    return "–" if value is None else (_("ya") if value else _("tidak"))


def scope_name(kelurahan) -> str:
    return _("Kelurahan %(name)s", name=kelurahan.name) if kelurahan else _("Seluruh kota (semua kelurahan)")


def filename(report: dict, fmt: str) -> str:
    scope = report["kelurahan"].name.lower().replace(" ", "-") if report["kelurahan"] else "kota"
    return f"laporan-bulanan-{report['month']}-{scope}.{fmt}"


# --- exports: rows for Karirhub and Disnaker ----------------------------------------------

def vacancy_table(vacancies) -> tuple[list[str], list[list]]:
    header = [_("ID lowongan"), _("Nama perusahaan"), _("Kode KBLI"), _("Sektor (KBLI 2020)"), _("Judul lowongan"),
              _("Deskripsi pekerjaan"), _("Keterampilan"), _("Pendidikan minimal"), _("Pengalaman minimal (tahun)"),
              _("Jenis hubungan kerja"), _("Gaji minimal"), _("Gaji maksimal"), _("Di bawah UMK"), _("Shift"),
              _("Jumlah kebutuhan"), _("Provinsi"), _("Kabupaten/kota"), _("Kecamatan"), _("Kelurahan"),
              _("Lokasi kerja"), _("Tanggal tayang"), _("Batas lamaran"), _("Status")]
    rows = []
    for v in vacancies:
        place = v.kelurahan or v.company.kelurahan
        letter, sector = groups.sector_of(v.company.kbli_code)
        rows.append([
            v.id, v.company.name, v.company.kbli_code, f"{letter} – {sector}", v.title, v.description,
            ", ".join(v.skills or []), str(labels.EDUCATION.get(v.education_min, "–")) if v.education_min else "–",
            v.experience_years_min or 0, str(labels.CONTRACT.get(v.contract_type, v.contract_type or "–")),
            v.wage_min, v.wage_max, _yes_no(bool(below_umk(v))), str(labels.SHIFT.get(v.shift, v.shift or "–")),
            v.openings, place.provinsi if place else "", place.kota if place else "",
            place.kecamatan if place else "", place.name if place else "", v.location,
            to_wib(v.created_at).date().isoformat(), v.deadline.isoformat() if v.deadline else "",
            str(labels.VACANCY_STATUS.get(v.status, v.status))])
    return header, rows


def hire_table(hires, kelurahan_names: dict[int, str], today: dt.date | None = None) -> tuple[list[str], list[list]]:
    today = today or today_wib()
    header = [_("ID rujukan"), _("Tanggal diterima"), _("Mulai kerja"), _("Nama perusahaan"), _("Kode KBLI"),
              _("Sektor (KBLI 2020)"), _("Jabatan"), _("Jenis hubungan kerja"), _("Kelurahan domisili"),
              _("Jenis kelamin"), _("Kelompok umur"), _("Pendidikan"), _("Penyandang disabilitas"),
              _("Warga lokal (sekelurahan dengan tempat kerja)")]
    rows = []
    for h in hires:
        letter, sector = groups.sector_of(h.kbli_code)
        workplace = h.kelurahan_id or h.company_kelurahan_id
        rows.append([
            h.id, to_wib(h.at).date().isoformat(), h.start_date.isoformat() if h.start_date else "", h.company,
            h.kbli_code, f"{letter} – {sector}", h.title, str(labels.CONTRACT.get(h.contract_type, h.contract_type or "–")),
            kelurahan_names.get(h.seeker_kelurahan_id, ""), str(labels.SEX.get(h.sex, h.sex)),
            groups.age_band(h.birth_date, today), str(labels.EDUCATION.get(h.education, "–")),
            _yes_no(h.disability) if h.disability is not None else _("tidak menyatakan"),
            _yes_no(workplace is not None and workplace == h.seeker_kelurahan_id)])
    return header, rows


def hire_counts_table(hires, kelurahan_names: dict[int, str]) -> tuple[list[str], list[list]]:
    """The placement report for the city (admin and the city viewer): counts per kelurahan of
    residence and sector, no row per person, small counts hidden (app/reports/disclosure.py).
    The funnels of the city and of each kelurahan give the table's totals, so the rule is applied
    to the whole table, each kelurahan and each sector (suppress_grid)."""
    counts: dict[tuple[str, str], int] = {}
    for h in hires:
        letter, sector = groups.sector_of(h.kbli_code)
        key = (kelurahan_names.get(h.seeker_kelurahan_id, ""), f"{letter} – {sector}")
        counts[key] = counts.get(key, 0) + 1
    header = [_("Kelurahan domisili"), _("Sektor (KBLI 2020)"), _("Diterima kerja")]
    shown = disclosure.suppress_grid(counts)
    return header, [[kelurahan, sector, shown[(kelurahan, sector)]] for kelurahan, sector in sorted(counts)]


# --- the monthly report: sections shared by the XLSX and the PDF -------------------------

class Section(NamedTuple):
    """One table of a document: what an empty one says instead, and the lines printed under it."""
    title: str
    header: list[str]
    rows: list[list]
    empty: str = ""
    notes: tuple[str, ...] = ()


def fair_section(report: dict) -> Section:
    """The job fairs held in the month (organised by the kelurahan's desk, or by any for the
    city), one row per fair: its totals, small counts hidden outside the kelurahan office."""
    windows = report.get("fair_windows", ())
    city = report["kelurahan"] is None
    header = [_("Bursa kerja"), _("Tanggal")] + ([_("Penyelenggara")] if city else []) + [
        _("Peserta terdaftar"), _("Pengunjung stan"), _("Perusahaan ikut"), _("Lowongan"), _("Lamaran dicatat"),
        _("Wawancara")] + [_("Diterima kerja dalam %(days)d hari", days=days) for days in windows]
    rows = [[f["name"], f["date"].isoformat()] + ([f["kelurahan"]] if city else []) + [
        f["registered"], f["visitors"], f["companies"], f["vacancies"], f["applications"], f["interviews"],
        *[n for _days, n in f["hires"]]] for f in report.get("fairs", [])]
    notes = (_("Diterima kerja: rujukan dari bursa yang diterima sampai sekian hari setelah bursa selesai; bila "
               "hari itu belum tiba, sampai laporan ini dibuat."),) if rows else ()
    return Section(_("Bursa kerja"), header, rows, _("Tidak ada bursa kerja pada bulan ini."), notes)


def sections(report: dict) -> list[Section]:
    """Every table of the report, in order."""
    edu = [(str(labels.EDUCATION.get(k, _("Tidak diketahui"))), n) for k, n in report["by_education"]]
    sex = [(str(labels.SEX.get(k, _("Tidak diketahui"))), n) for k, n in report["by_sex"]]
    out = [
        (_("Ringkasan"), [_("Ukuran"), _("Nilai")], [
            [_("Wilayah"), scope_name(report["kelurahan"])],
            [_("Bulan laporan"), report["month"]],
            [_("Warga mencari kerja (saat laporan dibuat)"), report["looking"]],
            [_("Posisi lowongan dibuka (saat laporan dibuat)"), report["open_vacancies"]],
            *[[_("Alur rujukan bulan ini: %(stage)s", stage=str(labels.MATCH_STATUS[s["stage"]])), s["count"]]
              for s in report["funnel"]],
            [_("Warga %(days)d hari tanpa rujukan", days=report["stalled"]["days"]), report["stalled"]["count"]],
        ]),
    ]
    if report["by_rw"]:
        out.append((_("Pencari kerja menurut RW"), ["RW", _("Jumlah")], [[k or "–", n] for k, n in report["by_rw"]]))
    if report["per_kelurahan"]:
        out.append((_("Pencari kerja per kelurahan"), [_("Kelurahan"), _("Mencari kerja"), _("Sudah bekerja"),
                                                       _("Tanpa rujukan 90 hari")],
                    [[k["name"], k["looking"], k["working"], k["stalled"]] for k in report["per_kelurahan"]]))
    out += [
        (_("Pencari kerja menurut pendidikan"), [_("Pendidikan"), _("Jumlah")], [list(r) for r in edu]),
        (_("Pencari kerja menurut kelompok umur"), [_("Umur"), _("Jumlah")], [list(r) for r in report["by_age"]]),
        (_("Pencari kerja menurut jenis kelamin"), [_("Jenis kelamin"), _("Jumlah")], [list(r) for r in sex]),
        (_("Lowongan dibuka menurut sektor"), [_("Seksi KBLI"), _("Sektor"), _("Lowongan"), _("Posisi")],
         [[s["letter"], str(s["name"]), s["vacancies"], s["openings"]] for s in report["sectors"]]),
        (_("Alur rujukan"), [_("Tahap"), _("Jumlah"), _("Konversi dari tahap sebelumnya"), _("Median hari ke tahap ini")],
         [[str(labels.MATCH_STATUS[s["stage"]]), s["count"], _percent(s["conversion"]), _days(s["median_days"])]
          for s in report["funnel"]]),
        (_("Penempatan per bulan"), [_("Bulan"), _("Diterima kerja")], [list(r) for r in report["per_month"]]),
        (_("Warga %(days)d hari tanpa rujukan", days=report["stalled"]["days"]),
         [_("RW") if report["kelurahan"] else _("Kelurahan"), _("Jumlah")],
         [[k or "–", n] for k, n in report["stalled"]["groups"]]),
        (_("Kesenjangan keterampilan"), [_("Keterampilan"), _("Lowongan yang meminta"), _("% lowongan"),
                                         _("Warga yang punya"), _("% warga"), _("Selisih (poin persen)"),
                                         _("Topik pelatihan")],
         [[r["skill"], r["vacancies"], _percent(r["demand_share"]), r["residents"], _percent(r["supply_share"]),
           _gap(r["gap"]), str(r["topic"])] for r in report["skills"]["rows"]]),
        (_("Usulan topik pelatihan"), [_("Topik"), _("Keterampilan"), _("Posisi yang meminta")],
         [[str(t["topic"]), ", ".join(t["skills"]), t["openings"]] for t in report["skills"]["topics"]]),
        (_("Per perusahaan"), [_("Perusahaan"), _("Seksi KBLI"), _("Diterima kerja"), _("Warga lokal"),
                               _("% lokal"), _("Penyandang disabilitas"), _("% disabilitas"), _("Memenuhi 1%"),
                               _("Lowongan dibuka"), _("Di bawah UMK")],
         [[e["name"], e["sector"], e["hires"], e["local"], _percent(e["local_share"]), e["disability"],
           _percent(e["disability_share"]), _yes_no(e["meets_quota"]), e["open"], e["below_umk"]]
          for e in report["employers"]]),
    ]
    return [Section(*part) for part in out] + [fair_section(report)]


def notes(report: dict | None = None) -> list[str]:
    suppressed = [disclosure.footnote(report["suppressed"])] if report and report.get("suppressed") else []
    return suppressed + [
        _("Jumlah warga, lowongan, warga tanpa rujukan dan kesenjangan keterampilan adalah keadaan saat laporan dibuat; "
          "alur rujukan, penempatan dan angka per perusahaan adalah kejadian pada bulan laporan."),
        _("Lowongan dan keterampilan yang diminta mencakup semua lowongan terbuka dari perusahaan terverifikasi, "
          "karena warga dapat dirujuk ke lowongan mana pun."),
        _("Warga lokal: warga yang diterima tinggal di kelurahan tempat lowongan berada. Persentase disabilitas "
          "dihitung dari penerimaan melalui LokerWarga, bukan dari seluruh pekerja perusahaan (UU 8/2016: minimal 1%)."),
    ]


def monthly_xlsx(report: dict) -> bytes:
    book = Workbook()
    bold = Font(bold=True)
    first = True
    used: set[str] = set()

    def sheet_for(title: str):
        nonlocal first
        name = "".join(ch for ch in title if ch not in "[]:*?/\\")[:31]
        while name in used:
            name = name[:28] + f"_{len(used)}"
        used.add(name)
        if first:
            first = False
            sheet = book.active
            sheet.title = name
            return sheet
        return book.create_sheet(name)

    def cell(value):
        return value if isinstance(value, (int, float)) and not isinstance(value, bool) else neutralise(value)

    for title, header, rows, empty, section_notes in sections(report):
        sheet = sheet_for(title)
        sheet.append([neutralise(title)])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append([])
        sheet.append([neutralise(h) for h in header])
        for c in sheet[3]:
            c.font = bold
        for row in rows:
            sheet.append([cell(v) for v in row])
        if not rows and empty:
            sheet.append([neutralise(empty)])
        if section_notes:
            sheet.append([])
            for line in section_notes:
                sheet.append([neutralise(line)])
        if title == _("Ringkasan"):
            sheet.append([])
            for line in notes(report):
                sheet.append([neutralise(line)])
        for index, width in enumerate([max(12, min(60, max((len(str(r[i])) for r in [header, *rows] if i < len(r)),
                                                           default=10) + 2)) for i in range(len(header))]):
            sheet.column_dimensions[get_column_letter(index + 1)].width = width
    for title, (header, rows) in (
            (_("Lowongan (Karirhub)"), vacancy_table(report["vacancy_rows"])),
            (_("Penempatan (Disnaker)"), (hire_table if report.get("per_hire") else hire_counts_table)(
                report["hire_rows"], report["kelurahan_names"]))):
        sheet = sheet_for(title)
        sheet.append([neutralise(h) for h in header])
        for c in sheet[1]:
            c.font = bold
        for row in rows:
            sheet.append([cell(v) for v in row])
        sheet.freeze_panes = "A2"
    book.properties.title = _("Laporan bulanan LokerWarga %(month)s", month=report["month"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def pdf_document(title: str, subtitle: str, notes: list[str], parts: list[Section], kelurahan, signed_at,
                 kota: str = "", compress: bool = True) -> bytes:
    """A report of counts on the kelurahan's letterhead (the city's for kelurahan None), its notes,
    one table per section, signed by the lurah (app/reports/letterhead.py)."""
    buffer = io.BytesIO()
    author = f"Kelurahan {kelurahan.name}" if kelurahan else "LokerWarga"
    doc = SimpleDocTemplate(buffer, pagesize=landscape(A4), leftMargin=1.5 * cm, rightMargin=1.5 * cm,
                            topMargin=1.5 * cm, bottomMargin=1.5 * cm, title=title, author=author,
                            pageCompression=1 if compress else 0)
    styles = getSampleStyleSheet()
    small = styles["BodyText"].clone("small", fontSize=8, leading=10)
    story = letterhead(kelurahan, kota)
    story += [Paragraph(escape(title), styles["Title"]), Paragraph(escape(subtitle), styles["Normal"]),
              Spacer(1, 0.3 * cm)]
    for line in notes:
        story.append(Paragraph(escape(line), small))
    for section in parts:
        story += [Spacer(1, 0.4 * cm), Paragraph(escape(section.title), styles["Heading3"])]
        if not section.rows:
            story.append(Paragraph(escape(section.empty or _("Belum ada data.")), styles["Normal"]))
            continue
        data = [[Paragraph(f"<b>{escape(str(h))}</b>", small) for h in section.header]]
        data += [[Paragraph(escape("" if v is None else str(v)), small) for v in row] for row in section.rows]
        width = doc.width / len(section.header)
        table = Table(data, repeatRows=1, hAlign="LEFT", colWidths=[width] * len(section.header))
        table.setStyle(TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#b0b7c3")),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8f1ed")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]))
        story.append(table)
        story += [Paragraph(escape(line), small) for line in section.notes]
    story += signature(kelurahan, signed_at, kota)
    doc.build(story)
    return buffer.getvalue()


def monthly_pdf(report: dict, compress: bool = True) -> bytes:
    """On the kelurahan's letterhead, signed by the lurah (app/reports/letterhead.py)."""
    title = _("Laporan bulanan LokerWarga %(month)s", month=report["month"])
    subtitle = (f"{scope_name(report['kelurahan'])} · "
                + _("dibuat %(t)s WIB", t=datetime_id(report["generated_at"], zone=False)))
    return pdf_document(title, subtitle, notes(report), sections(report), report["kelurahan"],
                        report["generated_at"], report.get("kota", ""), compress=compress)


def render_monthly(report: dict, fmt: str) -> bytes:
    if fmt == "pdf":
        return monthly_pdf(report)
    if fmt == "xlsx":
        return monthly_xlsx(report)
    raise ValueError(f"unknown format {fmt!r}")


# --- files made by the background job ----------------------------------------------------

def storage_dir():
    return Path(current_app.config.get("REPORTS_DIR") or Path(current_app.instance_path) / "reports")


def stored_path(token: str, fmt: str):
    """Where the job writes the report; the token is random hex made when the job was queued."""
    if not token or not all(ch in "0123456789abcdef" for ch in token) or fmt not in FORMATS:
        raise ValueError("bad report token or format")
    return storage_dir() / f"{token}.{fmt}"


def prune(days: int = 7) -> int:
    """Remove report files older than ``days`` (the tick job calls this)."""
    folder = storage_dir()
    if not folder.is_dir():
        return 0
    limit, removed = time.time() - days * 86400, 0
    for path in folder.iterdir():
        if path.is_file() and path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)
            removed += 1
    return removed
