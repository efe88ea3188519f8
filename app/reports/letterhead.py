"""The kop surat (letterhead) and signature block of documents the kelurahan sends out, as
reportlab flowables: the government, kecamatan and kelurahan names over a double rule, and at the
end the place, date, the lurah's title, room for the signature and stamp, name and NIP.

The kelurahan's settings (admin: name, kecamatan, kota, address, lurah's name) fill them in; what
is not set stays a dotted line to be written by hand, as offices do. A city-wide report has no
kelurahan: it carries the city's name and a reporting officer's block."""
from __future__ import annotations

from xml.sax.saxutils import escape

from babel.dates import format_date
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import HRFlowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from ..core.timeutil import to_wib

DOTS = "................................................"
_HEAD = ParagraphStyle("kop", fontName="Helvetica-Bold", fontSize=12, leading=15, alignment=TA_CENTER)
_HEAD_BIG = ParagraphStyle("kop-big", parent=_HEAD, fontSize=15, leading=19)
_HEAD_SMALL = ParagraphStyle("kop-small", fontName="Helvetica", fontSize=9.5, leading=12, alignment=TA_CENTER)
_SIGN = ParagraphStyle("sign", fontName="Helvetica", fontSize=10.5, leading=14)
_SIGN_NAME = ParagraphStyle("sign-name", parent=_SIGN, fontName="Helvetica-Bold")


def place_name(kota: str) -> str:
    """"Kota Tangerang" -> "Tangerang": how a letter names where it was signed."""
    return kota.removeprefix("Kota ").removeprefix("Kabupaten ").strip()


def letterhead(kelurahan, kota: str = "") -> list:
    """The kop surat; `kota` names the city when there is no kelurahan (a city-wide report)."""
    if kelurahan is not None:
        lines = [Paragraph(escape(f"PEMERINTAH {kelurahan.kota.upper()}"), _HEAD),
                 Paragraph(escape(f"KECAMATAN {kelurahan.kecamatan.upper()}"), _HEAD),
                 Paragraph(escape(f"KELURAHAN {kelurahan.name.upper()}"), _HEAD_BIG)]
        if kelurahan.address:
            lines.append(Paragraph(escape(kelurahan.address), _HEAD_SMALL))
    else:
        lines = [Paragraph(escape(f"PEMERINTAH {kota.upper()}" if kota else "PEMERINTAH DAERAH"), _HEAD),
                 Paragraph("LAYANAN LOWONGAN KERJA KELURAHAN (LOKERWARGA)", _HEAD_BIG)]
    return lines + [Spacer(1, 0.15 * cm),
                    HRFlowable(width="100%", thickness=2, color=colors.black, spaceBefore=0, spaceAfter=1.5),
                    HRFlowable(width="100%", thickness=0.6, color=colors.black, spaceBefore=0, spaceAfter=8)]


def signature(kelurahan, signed_at, kota: str = "", width: float = 8 * cm) -> list:
    """Place and date, title, room to sign, name and NIP; kept on one page, at the right."""
    city = kelurahan.kota if kelurahan is not None else kota
    day = format_date(to_wib(signed_at).date() if hasattr(signed_at, "hour") else signed_at, "d MMMM y", locale="id")
    where = f"{place_name(city)}, {day}" if city else day
    if kelurahan is not None:
        title = f"Lurah {kelurahan.name},"
        name = kelurahan.lurah_name or f"({DOTS})"
        nip = kelurahan.lurah_nip or DOTS
    else:
        title, name, nip = "Petugas pelapor,", f"({DOTS})", DOTS
    block = [[Paragraph(escape(where), _SIGN)], [Paragraph(escape(title), _SIGN)], [Spacer(1, 1.9 * cm)],
             [Paragraph(f"<u>{escape(name)}</u>", _SIGN_NAME)], [Paragraph(escape(f"NIP. {nip}"), _SIGN)]]
    table = Table(block, colWidths=[width], hAlign="RIGHT")
    table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 1),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    return [Spacer(1, 0.8 * cm), KeepTogether([table])]
