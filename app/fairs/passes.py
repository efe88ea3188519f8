"""A resident's pass as people see it: the QR code of the short code (nothing else is in it), on
the resident's page and on a printable card."""
from __future__ import annotations

from flask_babel import gettext as _
from markupsafe import Markup

from ..board.qr import qr_svg
from ..core.web import render
from ..models import FairPass
from .services import display_code


def pass_qr(fair_pass: FairPass) -> Markup:
    # The code alone: a booth looks the pass up by it; a stranger who reads it learns nothing.
    return qr_svg(fair_pass.code, _("Kode QR kartu peserta %(code)s", code=display_code(fair_pass.code)))


def pass_card(fair_pass: FairPass, back: str):
    return render("fairs/pass_card.html", fair=fair_pass.fair, fair_pass=fair_pass, qr=pass_qr(fair_pass),
                  code=display_code(fair_pass.code), back=back)
