"""Referral letters (surat pengantar): numbered once per kelurahan and year, printed as a PDF on
the kelurahan's letterhead, with a QR code that opens a public verification page.

The number follows the setting LETTER_NUMBER_PATTERN (fields: seq, code, year, month), e.g.
"400/{seq:04d}/{code}/{year}" → 400/0123/NJ/2026. The verification page shows only whether the
letter is valid, its number, its date and the resident's initials."""
from __future__ import annotations

import io
import secrets

from babel.dates import format_date
from flask import Blueprint, abort, current_app, flash, redirect, send_file, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen import canvas
from sqlalchemy import func, select

from ..core import audit, labels
from ..core.access import guard, public
from ..core.addresses import format_address
from ..core.database import writes_on_get
from ..core.links import external_url
from ..core.timeutil import to_wib, utcnow
from ..core.web import render
from ..extensions import db
from ..models import Kelurahan, Match, ReferralLetter, Role, User

DEFAULT_PATTERN = "400/{seq:04d}/{code}/{year}"
LETTER_STATUSES = ("referred", "applied", "interview", "hired", "refused")  # referred at some point; not withdrawn

bp = Blueprint("letters", __name__)
guard(bp, {Role.STAFF})


def letter_number(pattern: str, seq: int, code: str, year: int, month: int = 1) -> str:
    return pattern.format(seq=seq, code=code, year=year, month=month)


def initials(name: str) -> str:
    """"Budi Santoso" → "B.S." """
    return "".join(part[0].upper() + "." for part in (name or "").split() if part[:1].isalpha())


def date_indonesian(value) -> str:
    """28 November 2026 (in WIB for a datetime), whatever the language of the page."""
    if hasattr(value, "hour"):
        value = to_wib(value).date()
    return format_date(value, "d MMMM y", locale="id")


def letter_for(match: Match) -> ReferralLetter | None:
    return db.session.scalar(select(ReferralLetter).where(ReferralLetter.match_id == match.id))


def issue(match: Match, actor: User | None) -> ReferralLetter:
    """The letter of a referral; its number is assigned on the first call and never changes."""
    existing = letter_for(match)
    if existing is not None:
        return existing
    # Numbers are per kelurahan and year: lock the kelurahan row so that two staff referring at
    # the same moment wait for each other instead of taking the same number (PostgreSQL; SQLite
    # writers already hold the database lock from the start of the transaction).
    kelurahan = db.session.scalar(select(Kelurahan).where(Kelurahan.id == match.seeker.kelurahan_id)
                                  .with_for_update())
    now = utcnow()
    local = to_wib(now)
    seq = (db.session.scalar(select(func.max(ReferralLetter.seq)).where(
        ReferralLetter.kelurahan_id == kelurahan.id, ReferralLetter.year == local.year)) or 0) + 1
    pattern = current_app.config.get("LETTER_NUMBER_PATTERN") or DEFAULT_PATTERN
    number = letter_number(pattern, seq, kelurahan.letter_code or kelurahan.code, local.year, local.month)
    if db.session.scalar(select(ReferralLetter.id).where(ReferralLetter.number == number)) is not None:
        # Two kelurahan sharing a letter code (set before the admin form refused it), or a pattern
        # without {code}: the area code, unique by definition, keeps the number unique.
        number = f"{number}/{kelurahan.code}"
    letter = ReferralLetter(
        match_id=match.id, kelurahan_id=kelurahan.id, year=local.year, seq=seq, number=number,
        token=secrets.token_urlsafe(24), issued_at=now, issued_by_id=actor.id if actor else None)
    db.session.add(letter)
    db.session.flush()
    return letter


def verify_url(letter: ReferralLetter) -> str:
    return external_url("letters.verify", token=letter.token)


def render_pdf(letter: ReferralLetter, compress: bool = True) -> bytes:
    """The letter as an A4 PDF (reportlab, built-in fonts, vector QR code)."""
    match = letter.match
    seeker, vacancy, kelurahan = match.seeker, match.vacancy, letter.kelurahan
    company = vacancy.company
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True, pageCompression=1 if compress else 0)
    pdf.setTitle(f"Surat Pengantar {letter.number}")
    pdf.setAuthor(f"Kelurahan {kelurahan.name}")
    width, height = A4
    left, right = 2.5 * cm, width - 2.5 * cm
    centre = width / 2

    # Letterhead
    y = height - 2.2 * cm
    pdf.setFont("Helvetica-Bold", 12)
    pdf.drawCentredString(centre, y, f"PEMERINTAH {kelurahan.kota.upper()}")
    y -= 16
    pdf.drawCentredString(centre, y, f"KECAMATAN {kelurahan.kecamatan.upper()}")
    y -= 20
    pdf.setFont("Helvetica-Bold", 15)
    pdf.drawCentredString(centre, y, f"KELURAHAN {kelurahan.name.upper()}")
    pdf.setFont("Helvetica", 9.5)
    for line in simpleSplit(kelurahan.address or "", "Helvetica", 9.5, right - left):
        y -= 13
        pdf.drawCentredString(centre, y, line)
    y -= 9
    pdf.setLineWidth(2)
    pdf.line(left, y, right, y)
    pdf.setLineWidth(0.6)
    pdf.line(left, y - 3, right, y - 3)

    # Title and number
    y -= 36
    pdf.setFont("Helvetica-Bold", 13)
    pdf.drawCentredString(centre, y, "SURAT PENGANTAR")
    title_width = pdf.stringWidth("SURAT PENGANTAR", "Helvetica-Bold", 13)
    pdf.setLineWidth(0.8)
    pdf.line(centre - title_width / 2, y - 2, centre + title_width / 2, y - 2)
    y -= 16
    pdf.setFont("Helvetica", 11)
    pdf.drawCentredString(centre, y, f"Nomor: {letter.number}")

    def paragraph(text: str, y: float, font: str = "Helvetica", size: float = 11) -> float:
        pdf.setFont(font, size)
        for line in simpleSplit(text, font, size, right - left):
            pdf.drawString(left, y, line)
            y -= size * 1.45
        return y

    lurah = f"Lurah {kelurahan.name}"
    y -= 32
    y = paragraph(f"Yang bertanda tangan di bawah ini, {lurah}, Kecamatan {kelurahan.kecamatan}, "
                  f"{kelurahan.kota}, dengan ini menerangkan bahwa:", y)
    y -= 6

    address = format_address(seeker.address, seeker.rt, seeker.rw, kelurahan.name)
    with force_locale("id"):
        education = str(labels.EDUCATION.get(seeker.education, seeker.education or "–"))
    if seeker.major:
        education = f"{education} ({seeker.major})"
    rows = [("Nama", seeker.full_name), ("Alamat", address), ("Pendidikan", education or "–")]
    for label, value in rows:
        pdf.setFont("Helvetica", 11)
        pdf.drawString(left + 0.8 * cm, y, label)
        pdf.drawString(left + 4.2 * cm, y, ":")
        lines = simpleSplit(str(value), "Helvetica", 11, right - left - 4.6 * cm) or [""]
        for line in lines:
            pdf.drawString(left + 4.6 * cm, y, line)
            y -= 16
    y -= 8
    y = paragraph(f"adalah benar warga Kelurahan {kelurahan.name} yang terdaftar sebagai pencari kerja di layanan "
                  f"LokerWarga, dan dengan surat ini kami rujuk untuk melamar pekerjaan sebagai {vacancy.title} "
                  f"di {company.name}.", y)
    y -= 6
    y = paragraph("Demikian surat pengantar ini dibuat untuk dapat dipergunakan sebagaimana mestinya.", y)

    # Place, date and signature
    place = kelurahan.kota.removeprefix("Kota ").removeprefix("Kabupaten ")
    sign_x = width - 8.5 * cm
    y -= 26
    pdf.setFont("Helvetica", 11)
    pdf.drawString(sign_x, y, f"{place}, {date_indonesian(letter.issued_at)}")
    y -= 16
    pdf.drawString(sign_x, y, f"{lurah},")
    y -= 70
    pdf.setFont("Helvetica-Bold", 11)
    pdf.drawString(sign_x, y, kelurahan.lurah_name or "(.................................)")
    y -= 14
    pdf.setFont("Helvetica", 11)
    pdf.drawString(sign_x, y, f"NIP. {kelurahan.lurah_nip or '..............................'}")

    # Verification QR code
    size = 3.2 * cm
    widget = QrCodeWidget(verify_url(letter))
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, pdf, left, 2.2 * cm)
    pdf.setFont("Helvetica", 8)
    pdf.drawString(left + size + 0.3 * cm, 2.2 * cm + size - 20, "Pindai kode QR ini untuk memeriksa keaslian surat:")
    pdf.drawString(left + size + 0.3 * cm, 2.2 * cm + size - 31, verify_url(letter))
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _staff_match(match_id: int) -> Match:
    match = db.session.get(Match, match_id)
    if match is None or current_user.kelurahan_id is None or match.seeker.kelurahan_id != current_user.kelurahan_id:
        abort(404)
    return match


def _refused_unverified(match: Match):
    """The letter says the resident "adalah benar warga": only for a verified identity (one
    changed since verification waits for staff to check it again)."""
    if match.seeker.verified:
        return None
    flash(_("Surat pengantar belum bisa dibuat: data warga ini menunggu verifikasi. Verifikasi dulu dari "
            "halaman warga."), "error")
    return redirect(url_for("staff.match", match_id=match.id), 303)


@bp.post("/staff/matches/<int:match_id>/letter")
def issue_letter(match_id: int):
    match = _staff_match(match_id)
    if (refused := _refused_unverified(match)) is not None:
        return refused
    if match.status not in LETTER_STATUSES:
        flash(_("Surat pengantar hanya dibuat untuk warga yang sudah dirujuk."), "error")
        return redirect(url_for("staff.match", match_id=match.id), 303)
    letter = issue(match, current_user)
    audit.record(current_user, "letter", "match", match.id, letter.number)
    db.session.commit()
    flash(_("Surat pengantar nomor %(number)s siap dicetak.", number=letter.number))
    return redirect(url_for("staff.match", match_id=match.id), 303)


@bp.get("/staff/matches/<int:match_id>/letter.pdf")
@writes_on_get
def letter_pdf(match_id: int):
    match = _staff_match(match_id)
    if (refused := _refused_unverified(match)) is not None:
        return refused
    letter = letter_for(match)
    if letter is None:
        flash(_("Surat pengantar belum dibuat. Buat dulu dari halaman ini."), "error")
        return redirect(url_for("staff.match", match_id=match.id), 303)
    body = render_pdf(letter)
    audit.record(current_user, "print", "letter", letter.id, letter.number)
    db.session.commit()
    filename = "surat-pengantar-" + letter.number.replace("/", "-") + ".pdf"
    return send_file(io.BytesIO(body), mimetype="application/pdf", download_name=filename, as_attachment=False)


@bp.get("/verify/<token>")
@public
def verify(token: str):
    """Public: valid or not, the number, the date and the resident's initials; nothing else."""
    letter = db.session.scalar(select(ReferralLetter).where(ReferralLetter.token == token[:64]))
    valid = letter is not None and letter.match.status in LETTER_STATUSES
    return render("letters/verify.html", letter=letter, valid=valid,
                  initials=initials(letter.match.seeker.full_name) if letter else "",
                  issued_on=date_indonesian(letter.issued_at) if letter else "")
