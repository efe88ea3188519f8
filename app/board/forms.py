"""The board's filters: a plain GET form (no CSRF: it changes nothing)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import Form, SelectField
from wtforms.validators import Optional

from ..core import labels
from ..core.formfields import RupiahField


def _choices(mapping: dict, empty) -> list[tuple[str, str]]:
    return [("", empty)] + [(code, label) for code, label in mapping.items()]


class BoardFilterForm(Form):
    kecamatan = SelectField(_l("Kecamatan"), choices=[], default="")
    kelurahan = SelectField(_l("Kelurahan"), choices=[], default="")
    education = SelectField(_l("Pendidikan terakhir Anda"), default="",
                            choices=_choices(labels.EDUCATION, _l("Semua")))
    contract = SelectField(_l("Jenis kontrak"), default="", choices=_choices(labels.CONTRACT, _l("Semua")))
    shift = SelectField(_l("Shift"), default="", choices=_choices(labels.SHIFT, _l("Semua")))
    # Written as people write money ("4.500.000", "4,5 juta"), like every wage field.
    wage = RupiahField(_l("Gaji minimal (Rp per bulan)"), validators=[Optional()])

    def set_places(self, places) -> None:
        """Choices from the deployment's kelurahan (rows of Kelurahan.id, name, kecamatan)."""
        self.kecamatan.choices = [("", _l("Semua"))] + [(k, k) for k in sorted({p.kecamatan for p in places})]
        self.kelurahan.choices = [("", _l("Semua"))] + [
            (str(p.id), f"{p.name} ({p.kecamatan})") for p in sorted(places, key=lambda p: (p.name, p.kecamatan))]

    def filters(self) -> dict:
        """The valid filters as plain values for the service (call after validate())."""
        return {
            "kecamatan": self.kecamatan.data or None,
            "kelurahan_id": int(self.kelurahan.data) if self.kelurahan.data else None,
            "education": self.education.data or None,
            "contract": self.contract.data or None,
            "shift": self.shift.data or None,
            "wage": self.wage.data,
        }

    def args(self) -> dict:
        """The filters as they go back into links (pagination), without the empty ones."""
        values = {name: self[name].data for name in ("kecamatan", "kelurahan", "education", "contract", "shift", "wage")}
        return {name: value for name, value in values.items() if value not in (None, "")}
