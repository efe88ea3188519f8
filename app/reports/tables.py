"""The tables beside the dashboard's charts as rows for a CSV or XLSX download: the columns and
the cell texts shown on screen (templates/reports/dashboard.html), every row (the screen shows
the first 50 employers and stalled residents).

Each table is computed alone, by the same service function and for the same scope and period as
the dashboard, so a download holds the numbers of the page it was taken from."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from flask_babel import gettext as _

from ..core import labels
from ..core.exports import MAX_ROWS
from ..core.timeutil import today_wib
from ..core.web import date_id
from . import disclosure, periods, services


@dataclass(frozen=True)
class Scope:
    kelurahan_id: int | None  # None: the whole city
    period: periods.Period  # flows (funnel, placements, per employer)
    today: dt.date
    exact: bool = True  # False outside the kelurahan office: small counts hidden (disclosure)
    hidden: list = field(default_factory=list)  # what a builder hid: the footnote is added if any

    def pairs(self, rows: list[tuple[object, int]]) -> list[tuple[object, object]]:
        return rows if self.exact else self.seen(disclosure.suppress_pairs(rows), 1)

    def seen(self, rows: list, *keys) -> list:
        """``rows`` as given, noting any hidden value under ``keys`` (indexes or dict keys)."""
        self.hidden.extend(r[key] for r in rows for key in keys if disclosure.is_hidden(r[key]))
        return rows


@dataclass(frozen=True)
class Table:
    build: Callable[[Scope], tuple[list[str], list[list]]]
    where: str = "any"  # "kelurahan": only for one kelurahan; "city": only for the whole city
    staff_only: bool = False  # lists residents by name


def _percent(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value * 100:.{digits}f}%"


def _rw(scope: Scope):
    return ["RW", _("Jumlah")], [[rw or "–", n] for rw, n in scope.pairs(services.residents_by(scope.kelurahan_id, "rw"))]


def _kelurahan(scope: Scope):
    rows = services.residents_by_kelurahan()
    rows = rows if scope.exact else scope.seen(disclosure.protect_kelurahan_rows(rows), "looking", "working")
    return [_("Kelurahan"), _("Mencari kerja"), _("Sudah bekerja")], [[k["name"], k["looking"], k["working"]] for k in rows]


def _education(scope: Scope):
    return ([_("Pendidikan"), _("Jumlah")],
            [[str(labels.EDUCATION.get(edu, _("Tidak diketahui"))), n]
             for edu, n in scope.pairs(services.residents_by(scope.kelurahan_id, "education"))])


def _age(scope: Scope):
    return [_("Umur"), _("Jumlah")], [[band, n] for band, n in
                                      scope.pairs(services.residents_by(scope.kelurahan_id, "age", scope.today))]


def _sex(scope: Scope):
    return ([_("Jenis kelamin"), _("Jumlah")],
            [[str(labels.SEX.get(sex, _("Tidak diketahui"))), n]
             for sex, n in scope.pairs(services.residents_by(scope.kelurahan_id, "sex"))])


def _sectors(scope: Scope):
    return ([_("Sektor"), _("Lowongan"), _("Posisi")],
            [[f"{s['letter']} · {s['name']}", s["vacancies"], s["openings"]] for s in services.vacancies_by_sector()])


def _funnel(scope: Scope):
    rows = [[str(labels.MATCH_STATUS[s["stage"]]), s["count"], _percent(s["conversion"]),
             "–" if s["median_days"] is None else f"{s['median_days']:.1f}"]
            for s in services.funnel(scope.kelurahan_id, scope.period)]
    return [_("Tahap"), _("Jumlah"), _("Dari tahap sebelumnya"), _("Median hari")], rows


def _placements(scope: Scope):
    return ([_("Bulan"), _("Diterima kerja")],
            [[month, n] for month, n in services.placements_per_month(scope.kelurahan_id, scope.period)])


def _stalled(scope: Scope):
    groups = scope.pairs(services.stalled_residents(scope.kelurahan_id)["groups"])
    return ["RW" if scope.kelurahan_id is not None else _("Kelurahan"), _("Jumlah")], [[k or "–", n] for k, n in groups]


def _stalled_names(scope: Scope):
    listed = services.stalled_residents(scope.kelurahan_id, list_names=True, limit=MAX_ROWS)["listed"]
    return ([_("Nama"), "RW", _("Terdaftar"), _("Rujukan terakhir")],
            [[s.full_name, s.rw or "–", date_id(s.created_at), date_id(s.last_referral)] for s in listed])


def _skills(scope: Scope):
    skills = services.skills_gap(scope.kelurahan_id)
    rows = [[r["skill"], f"{r['vacancies']} ({r['demand_share'] * 100:.0f}%)",
             r["residents"] if r["supply_share"] is None else f"{r['residents']} ({r['supply_share'] * 100:.0f}%)",
             "–" if r["gap"] is None else f"{r['gap'] * 100:+.0f}"]
            for r in (skills["rows"] if scope.exact else scope.seen(disclosure.protect_skills(skills)["rows"], "residents"))]
    return [_("Keterampilan"), _("Lowongan"), _("Warga"), _("Selisih")], rows


def _employers(scope: Scope):
    rows = []
    employers = services.employers(scope.kelurahan_id, scope.period)
    for e in employers if scope.exact else scope.seen(disclosure.protect_employers(employers), "hires", "local", "disability"):
        local = (e["local"] if e["local_share"] is None else f"{e['local']} ({e['local_share'] * 100:.0f}%)") if e["hires"] else "–"
        share = "" if e["disability_share"] is None else f" ({e['disability_share'] * 100:.1f}%)"
        disability = (f"{e['disability']}{share} " + ("≥ 1%" if e["meets_quota"] else "< 1%") if e["hires"] else "–")
        rows.append([f"{e['name']} ({e['sector']})", e["hires"], local, disability, e["open"], e["below_umk"]])
    return [_("Perusahaan"), _("Diterima"), _("Lokal"), _("Disabilitas"), _("Lowongan dibuka"), _("Di bawah UMK")], rows


# name (in the URL and the file name): the table. In the order of the page.
TABLES: dict[str, Table] = {
    "rw": Table(_rw, where="kelurahan"),
    "kelurahan": Table(_kelurahan, where="city"),
    "pendidikan": Table(_education),
    "umur": Table(_age),
    "jenis-kelamin": Table(_sex),
    "sektor": Table(_sectors),
    "alur-rujukan": Table(_funnel),
    "penempatan": Table(_placements),
    "tanpa-rujukan": Table(_stalled),
    "tanpa-rujukan-nama": Table(_stalled_names, where="kelurahan", staff_only=True),
    "keterampilan": Table(_skills),
    "perusahaan": Table(_employers),
}


def available(name: str, kelurahan_id: int | None, *, staff: bool) -> bool:
    """Is the table ``name`` on the dashboard of this scope and user?"""
    table = TABLES.get(name)
    if table is None or (table.staff_only and not staff):
        return False
    return {"any": True, "kelurahan": kelurahan_id is not None, "city": kelurahan_id is None}[table.where]


def build(name: str, kelurahan_id: int | None, period: periods.Period | None = None,
          today: dt.date | None = None, *, exact: bool = True) -> tuple[list[str], list[list]]:
    """(header, rows) of the table ``name``; the caller checks ``available`` first. Not
    ``exact`` (outside the kelurahan office): small counts hidden, and when any is, the last
    row is the footnote that explains the marks."""
    scope = Scope(kelurahan_id, period or periods.recent_period(), today or today_wib(), exact)
    header, rows = TABLES[name].build(scope)
    rows = rows[:MAX_ROWS]
    if scope.hidden:
        rows.append([disclosure.footnote()])
    return header, rows
