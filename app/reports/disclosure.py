"""Small-cell suppression for figures that leave the kelurahan office.

Staff see the exact figures of their own kelurahan. Everything else built from residents'
records (the dashboard and its table downloads for admin and the city viewer, the city's monthly
report, the city's placement export) goes through this module, with one threshold: the setting
SMALL_CELL_THRESHOLD (k, default 5).

The rule (docs/security.md, "Small-cell suppression"):

1. Primary: a count from 1 to k-1 in a breakdown of people (by RW, kelurahan, education, age
   band, sex, skill, employer, disability…) is not shown. 0 is shown: it names nobody.
2. Secondary: when the breakdown's total can be known (it is shown, or another breakdown of the
   same people adds up to it), the smallest other non-zero cells are hidden too, until at least
   two cells are hidden and the hidden cells together hold at least k people. Then the total
   minus the visible cells gives only the sum of the hidden ones, which leaves each hidden cell
   at least two possible values. When even all the non-zero cells hold fewer than k people,
   the zeros are hidden as well (a hidden cell may then be 0).
3. Every hidden cell of a breakdown with a known total shows the same mark, "–": a reader cannot
   tell a small cell from its complement, nor (lists ordered by the count) by its place. A count
   without a known total (an employer's local hires and hires with a disability) shows "< k",
   which is then exactly what is known.

Totals (residents looking for work, stalled residents, funnel stages) stay exact: they describe
no one, and rule 2 keeps them from giving a hidden cell back. A job fair's own totals are the
exception (protect_fairs): one event's visitors, interviews and hires are small groups of people."""
from __future__ import annotations

from collections.abc import Sequence

from flask import current_app
from flask_babel import gettext as _

DEFAULT_THRESHOLD = 5
HIDDEN = "–"  # a hidden cell of a breakdown whose total is known (rule 3)


def threshold() -> int:
    return int(current_app.config.get("SMALL_CELL_THRESHOLD") or DEFAULT_THRESHOLD)


def below_mark(k: int | None = None) -> str:
    """The mark of a small cell in a breakdown without a known total: "< 5"."""
    return f"< {k or threshold()}"


def footnote(k: int | None = None) -> str:
    """The note under every page, table and report that hides counts."""
    k = k or threshold()
    return _("Angka 1 sampai %(last)d orang disembunyikan agar tidak ada warga yang dapat dikenali: "
             "“< %(k)d” berarti kurang dari %(k)d; “–” berarti disembunyikan, bersama angka lain secukupnya, "
             "agar tidak dapat dihitung dari jumlahnya.", last=k - 1, k=k)


def is_hidden(value: object) -> bool:
    return isinstance(value, str)


def small_count(count: int, k: int | None = None):
    """One count with no known total (rule 1 only): the count, or "< k"."""
    k = k or threshold()
    return count if count == 0 or count >= k else below_mark(k)


def suppress(counts: Sequence[int], k: int | None = None) -> list:
    """Rules 1-3 over the cells of one breakdown whose total is known: the counts, with the
    hidden ones replaced by HIDDEN."""
    k = k or threshold()
    hidden = {i for i, n in enumerate(counts) if 0 < n < k}
    if hidden:
        others = sorted((n, i) for i, n in enumerate(counts) if n > 0 and i not in hidden)
        while others and (len(hidden) < 2 or sum(counts[i] for i in hidden) < k):
            hidden.add(others.pop(0)[1])
        if sum(counts[i] for i in hidden) < k:  # the whole breakdown is small: zeros are hidden too
            hidden |= {i for i, n in enumerate(counts) if n == 0}
    return [HIDDEN if i in hidden else n for i, n in enumerate(counts)]


def suppress_grid(cells: dict[tuple[object, object], int], k: int | None = None) -> dict[tuple[object, object], object]:
    """Rules 1-3 over a two-way table, (row, column) → count, whose row totals, column totals
    and grand total can all be known (placements per kelurahan and sector: the funnel of each
    kelurahan and of the city gives them). Rule 2 is applied to every row, every column and the
    whole table, again and again until nothing more is hidden."""
    k = k or threshold()
    hidden = {key for key, n in cells.items() if 0 < n < k}
    groups = [list(cells)]
    for axis in (0, 1):
        by: dict[object, list] = {}
        for key in cells:
            by.setdefault(key[axis], []).append(key)
        groups += by.values()
    changed = bool(hidden)
    while changed:
        changed = False
        for group in groups:
            inside = [key for key in group if key in hidden]
            others = sorted((cells[key], str(key)) for key in group if key not in hidden and cells[key] > 0)
            lookup = {str(key): key for key in group}
            while inside and others and (len(inside) < 2 or sum(cells[key] for key in inside) < k):
                key = lookup[others.pop(0)[1]]
                hidden.add(key)
                inside.append(key)
                changed = True
    return {key: HIDDEN if key in hidden else n for key, n in cells.items()}


def suppress_pairs(pairs: Sequence[tuple[object, int]], k: int | None = None) -> list[tuple[object, object]]:
    """suppress() over (label, count) pairs, keeping the labels."""
    values = suppress([n for _label, n in pairs], k)
    return [(label, value) for (label, _n), value in zip(pairs, values)]


def suppress_column(rows: list[dict], key: str, k: int | None = None) -> None:
    """suppress() over one column of a list of dicts, in place."""
    for row, value in zip(rows, suppress([row[key] for row in rows], k)):
        row[key] = value


# --- the figures of app/reports/services.py, as shown outside the kelurahan office ----------

RESIDENT_BREAKDOWNS = ("by_rw", "by_education", "by_age", "by_sex")  # each adds up to "looking"


def protect_kelurahan_rows(rows: list[dict], k: int | None = None) -> list[dict]:
    """Residents looking, working and stalled per kelurahan: each column is a breakdown whose
    total is known (the city's totals, or the sum over another breakdown)."""
    rows = [dict(row) for row in rows]
    for key in ("looking", "working", "stalled"):
        if rows and key in rows[0]:
            suppress_column(rows, key, k)
    return rows


def protect_skills(skills: dict, k: int | None = None) -> dict:
    """Residents with each asked skill: hidden when they, or the residents without it, are
    1 to k-1 (the number looking is shown); their share and the gap go with them."""
    k = k or threshold()
    looking = skills.get("looking") or 0
    rows = []
    for row in skills["rows"]:
        row = dict(row)
        have = row["residents"]
        if 0 < have < k or 0 < looking - have < k:
            row.update(residents=HIDDEN, supply_share=None, gap=None)
        rows.append(row)
    return {**skills, "rows": rows}


def protect_employers(employers: list[dict], k: int | None = None) -> list[dict]:
    """Hires per company (a breakdown of the month's hires, whose total the funnel shows), and
    of them the local residents and the residents with a disability (rule 1: "< k"). A share
    is shown only when both of its numbers are."""
    k = k or threshold()
    rows = [dict(e) for e in employers]
    suppress_column(rows, "hires", k)
    # Listed by hires, most first: a hidden row must not show by its place which hidden row is
    # larger, so the hidden rows come after the shown ones, by name, and then those without hires.
    rows.sort(key=lambda r: (2, 0, r["name"]) if r["hires"] == 0 else (1, 0, r["name"]) if is_hidden(r["hires"])
              else (0, -r["hires"], r["name"]))
    for row in rows:
        for part in ("local", "disability"):
            row[part] = small_count(row[part], k)
            if is_hidden(row[part]) or is_hidden(row["hires"]):
                row[f"{part}_share"] = None
    return rows


def _within(count: int, outer: int, k: int):
    """A count of people within another count of the same fair's people (visitors among those
    registered, hired by day 30 among those hired by day 90): "< k" when it is small, "–" when
    the rest is and the outer count is shown (it would give the rest back)."""
    if 0 < count < k:
        return below_mark(k)
    return HIDDEN if outer >= k and 0 < outer - count < k else count


def protect_fairs(fairs: list[dict], k: int | None = None) -> list[dict]:
    """The totals of each job fair of the month: counts of people without a known total (rule 1,
    "< k"), a count within another one hidden as well when the rest is small. Companies and
    vacancies are not people: they stay."""
    k = k or threshold()
    rows = []
    for fair in fairs:
        row = dict(fair)
        row["visitors"] = _within(fair["visitors"], fair["registered"], k)
        for key in ("registered", "applications", "interviews"):
            row[key] = small_count(fair[key], k)
        hires = list(fair["hires"])  # (days, count), the windows growing: each count within the next
        row["hires"] = [(days, _within(n, hires[i + 1][1], k) if i + 1 < len(hires) else small_count(n, k))
                        for i, (days, n) in enumerate(hires)]
        rows.append(row)
    return rows


def protect(figures: dict, k: int | None = None) -> dict:
    """The figures of services.dashboard() (or of a monthly report) with every breakdown of
    people suppressed; ``suppressed`` tells the page and the report to print the footnote."""
    k = k or threshold()
    out = dict(figures)
    for key in RESIDENT_BREAKDOWNS:
        out[key] = suppress_pairs(figures[key], k)
    out["per_kelurahan"] = protect_kelurahan_rows(figures["per_kelurahan"], k)
    out["stalled"] = {**figures["stalled"], "groups": suppress_pairs(figures["stalled"]["groups"], k), "listed": []}
    out["skills"] = protect_skills(figures["skills"], k)
    out["employers"] = protect_employers(figures["employers"], k)
    if "fairs" in figures:  # the monthly report's
        out["fairs"] = protect_fairs(figures["fairs"], k)
    out["suppressed"] = k
    return out
