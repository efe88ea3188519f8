"""Form fields for money and dates as people write them.

Rupiah: "4.500.000", "4,5 juta", "Rp 4.500.000", "Rp4.500.000,-", "4500000", "4.5jt" and the
English "4,500,000" all mean the same whole number of rupiah. Dates: the page shows the browser's
own calendar (input type=date, which sends the ISO date whatever the picker displays); a browser
without one, or a person typing, may also write 07-12-2026, 7/12/2026 or 7 Desember 2026. One hint
and one error message explain this wherever a date is asked."""
from __future__ import annotations

import datetime as dt
import re

from flask_babel import lazy_gettext as _l
from wtforms import DateField, DateTimeLocalField, StringField
from wtforms.validators import StopValidation

from .timeutil import WIB, utcnow

MAX_RUPIAH = 1_000_000_000
UNITS = {"juta": 1_000_000, "jt": 1_000_000, "million": 1_000_000, "ribu": 1_000, "rb": 1_000, "k": 1_000,
         "thousand": 1_000}
_UNIT = re.compile(r"^(?P<number>[\d.,]+)\s*(?P<unit>juta|jt|million|ribu|rb|thousand|k)\.?$")
_DOTTED = re.compile(r"^\d{1,3}(\.\d{3})+(,\d{1,2})?$")   # 4.500.000 or 5.399.405,69
_COMMAS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d{1,2})?$")   # 4,500,000 or 4,500,000.50
_PLAIN = re.compile(r"^\d+([.,]\d{1,2})?$")                 # 4500000 or 4500000,50

RUPIAH_HINT = _l("Contoh: 4.500.000 atau 4,5 juta.")
RUPIAH_ERROR = _l("Tulis jumlah rupiah per bulan, misalnya 4.500.000 atau 4,5 juta.")
RUPIAH_TOO_SMALL = _l("Jumlah ini terlalu kecil untuk gaji sebulan. Tulis lengkap, misalnya 4.500.000 atau 4,5 juta.")
RUPIAH_TOO_LARGE = _l("Jumlah ini terlalu besar. Periksa lagi angka nolnya.")


class RupiahError(ValueError):
    pass


class ReadFirst:
    """Unreadable input gets one message, its own: the field's validators (required, range) do
    not add a second one about the empty value it left."""

    def pre_validate(self, form):
        if self.process_errors:
            raise StopValidation()


def parse_rupiah(text: str | None) -> int | None:
    """The whole rupiah a person wrote, or None for an empty box; RupiahError when unreadable."""
    raw = " ".join((text or "").lower().split())
    raw = re.sub(r"^rp\.?\s*", "", raw)
    raw = re.sub(r"[,.]-$", "", raw).replace(" ", "").rstrip(".")
    if not raw:
        return None
    if found := _UNIT.match(raw):
        number = found["number"]
        if number.count(".") + number.count(",") > 1:
            raise RupiahError(raw)
        try:
            amount = float(number.replace(",", ".")) * UNITS[found["unit"]]
        except ValueError:
            raise RupiahError(raw) from None
    elif _DOTTED.match(raw):
        whole, _sep, cents = raw.partition(",")
        amount = int(whole.replace(".", "")) + (int(cents) / 10 ** len(cents) if cents else 0)
    elif _COMMAS.match(raw):
        whole, _sep, cents = raw.partition(".")
        amount = int(whole.replace(",", "")) + (int(cents) / 10 ** len(cents) if cents else 0)
    elif _PLAIN.match(raw):
        amount = float(raw.replace(",", "."))
    else:
        raise RupiahError(raw)
    return int(round(amount))


def format_rupiah_input(value: int | None) -> str:
    """4500000 → "4.500.000", the way the box shows a saved amount (the parser reads it back)."""
    return "" if value is None else f"{value:,}".replace(",", ".")


class RupiahField(ReadFirst, StringField):
    """A monthly amount in rupiah, as an int. Amounts from 1 to 9.999 are refused as a slip
    (a wage written in thousands or millions without the unit)."""

    def __init__(self, label=None, validators=None, description=RUPIAH_HINT, **kwargs):
        kwargs.setdefault("render_kw", {"inputmode": "text", "autocomplete": "off"})
        super().__init__(label, validators, description=description, **kwargs)

    def process_formdata(self, valuelist):
        self.raw_text = valuelist[0] if valuelist else ""
        try:
            self.data = parse_rupiah(self.raw_text)
        except RupiahError:
            self.data = None
            raise ValueError(RUPIAH_ERROR) from None
        if self.data is not None and 0 < self.data < 10_000:
            self.data = None
            raise ValueError(RUPIAH_TOO_SMALL)
        if self.data is not None and self.data > MAX_RUPIAH:
            self.data = None
            raise ValueError(RUPIAH_TOO_LARGE)

    def _value(self):
        if isinstance(self.data, int):
            return format_rupiah_input(self.data)
        return getattr(self, "raw_text", "")  # what was typed, shown back beside its error


# --- dates ---------------------------------------------------------------------------------------

DATE_HINT = _l("Pilih tanggal dari kalender (contoh: 7 Desember 2026).")
DATE_ERROR = _l("Tanggal tidak terbaca. Pilih tanggal dari kalender (contoh: 7 Desember 2026).")
DATETIME_HINT = _l("Pilih tanggal dan jam dari kalender (contoh: 7 Desember 2026 pukul 09.00 WIB).")
DATETIME_ERROR = _l("Tanggal atau jam tidak terbaca. Pilih dari kalender (contoh: 7 Desember 2026 pukul 09.00 WIB).")
MONTHS = {name: number for number, names in enumerate((
    ("januari", "jan", "january"), ("februari", "feb", "pebruari", "february"), ("maret", "mar", "march"),
    ("april", "apr"), ("mei", "may"), ("juni", "jun", "june"), ("juli", "jul", "july"),
    ("agustus", "agu", "agt", "aug", "august"), ("september", "sep", "sept"),
    ("oktober", "okt", "oct", "october"), ("november", "nov", "nopember"), ("desember", "des", "dec", "december"),
), start=1) for name in names}
_NUMERIC_DAY_FIRST = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_WORDS = re.compile(r"^(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})$")


def parse_date(text: str | None) -> dt.date | None:
    """ISO (what a date picker sends), day-month-year with - / or ., or "7 Desember 2026"."""
    raw = " ".join((text or "").strip().lower().split())
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        pass
    if found := _NUMERIC_DAY_FIRST.match(raw):
        day, month, year = (int(g) for g in found.groups())
    elif (found := _WORDS.match(raw)) and found[2] in MONTHS:
        day, month, year = int(found[1]), MONTHS[found[2]], int(found[3])
    else:
        raise ValueError(raw)
    return dt.date(year, month, day)


def parse_datetime(text: str | None) -> dt.datetime | None:
    """ISO "2026-12-07T09:00" (what the picker sends), or a date as above and a time 09:00 / 09.00."""
    raw = " ".join((text or "").strip().split())
    if not raw:
        return None
    try:
        return dt.datetime.fromisoformat(raw).replace(second=0, microsecond=0, tzinfo=None)
    except ValueError:
        pass
    found = re.match(r"^(.+?)[ T,]+(?:pukul |jam )?(\d{1,2})[:.](\d{2})$", raw, re.IGNORECASE)
    if not found:
        raise ValueError(raw)
    day = parse_date(found[1])
    return dt.datetime.combine(day, dt.time(int(found[2]), int(found[3])))


class CalendarDateField(ReadFirst, DateField):
    """A date from the browser's calendar, explained the same way on every form."""

    def __init__(self, label=None, validators=None, description=DATE_HINT, **kwargs):
        super().__init__(label, validators, description=description, **kwargs)

    def process_formdata(self, valuelist):
        self.raw_text = valuelist[0] if valuelist else ""
        try:
            self.data = parse_date(self.raw_text)
        except ValueError:
            self.data = None
            raise ValueError(DATE_ERROR) from None


class CalendarDateTimeField(ReadFirst, DateTimeLocalField):
    """A date and a time of day in WIB (naive: the form's caller attaches WIB)."""

    def __init__(self, label=None, validators=None, description=DATETIME_HINT, **kwargs):
        super().__init__(label, validators, format="%Y-%m-%dT%H:%M", description=description, **kwargs)

    def _value(self):
        # A datetime-local box holds only a readable value: unreadable text is not sent back into it.
        return self.data.strftime(self.format[0]) if self.data else ""

    def process_formdata(self, valuelist):
        self.raw_text = valuelist[0] if valuelist else ""
        try:
            self.data = parse_datetime(self.raw_text)
        except ValueError:
            self.data = None
            raise ValueError(DATETIME_ERROR) from None


def is_past_wib(value: dt.datetime) -> bool:
    """A naive WIB time from a form that is already over (by the app's clock)."""
    return value.replace(tzinfo=WIB) <= utcnow()


class WholeNumberField(ReadFirst, StringField):
    """A count (people, openings): digits only, with an Indonesian message instead of WTForms' own."""

    def process_formdata(self, valuelist):
        self.raw_text = (valuelist[0] if valuelist else "").strip().replace(".", "").replace(" ", "")
        if not self.raw_text:
            self.data = None
            return
        if not self.raw_text.isdigit() or len(self.raw_text) > 9:
            self.data = None
            raise ValueError(_l("Isi dengan angka bulat, misalnya 3."))
        self.data = int(self.raw_text)

    def _value(self):
        if self.data is None:
            return getattr(self, "raw_text", "")
        return str(self.data)
