"""Wages against the UMK (upah minimum kota/kabupaten) of the year a vacancy was created.

A vacancy's UMK is that of the year (WIB) it was created: the offer is made then, and staff see
the flag while reviewing, before any publication date exists; a vacancy keeps the same UMK for
its whole life. When the table has no figure for that year yet (the governor sets next year's
UMK in November), the latest known year before it is used and the flag says so."""
from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from flask import current_app

from ..core.timeutil import to_wib, today_wib

FULL_TIME = {"pkwtt", "pkwt", "alih_daya"}


class UmkFlag(NamedTuple):
    umk: float  # the UMK compared with
    year: int  # the year whose UMK it is
    vacancy_year: int  # the vacancy's year; differs from ``year`` when that year's UMK is not set
    offered: int  # the lowest wage offered

    @property
    def fallback(self) -> bool:
        return self.year != self.vacancy_year


def _umk_table() -> dict[int, float]:
    table = {}
    for key, value in (current_app.config.get("UMK") or {}).items():
        try:
            table[int(str(key).strip())] = float(value)
        except (TypeError, ValueError):
            continue
    return table


def umk_of_year(year: int) -> tuple[float, int] | None:
    """(UMK, the year it is of) for ``year``: that year's, else the latest one before it, else
    the earliest one known; None when the table is empty."""
    table = _umk_table()
    if not table:
        return None
    if year in table:
        return table[year], year
    earlier = [y for y in table if y < year]
    used = max(earlier) if earlier else min(table)
    return table[used], used


def umk_for(year: int) -> float | None:
    found = umk_of_year(year)
    return found[0] if found else None


def vacancy_year(vacancy) -> int:
    created = getattr(vacancy, "created_at", None)
    return to_wib(created).year if isinstance(created, dt.datetime) else today_wib().year


def below_umk(vacancy) -> UmkFlag | None:
    """The UMK a full-time vacancy's lowest offer (wage_min, or wage_max when only that is
    given) is below, or None."""
    if vacancy.contract_type not in FULL_TIME:
        return None
    offered = vacancy.wage_min or vacancy.wage_max
    if not offered:
        return None
    year = vacancy_year(vacancy)
    found = umk_of_year(year)
    if found is None or offered >= found[0]:
        return None
    return UmkFlag(found[0], found[1], year, offered)
