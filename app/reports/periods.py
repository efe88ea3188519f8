"""Report periods: spans of WIB months, stored as UTC bounds."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..core.timeutil import WIB, today_wib

MONTH_RE = re.compile(r"([0-9]{4})-([0-9]{2})")  # ASCII digits only: "²" or "٢" are digits to str.isdigit()


@dataclass(frozen=True)
class Period:
    """A span of WIB months, stored as UTC bounds: start inclusive, end exclusive."""

    start: dt.datetime
    end: dt.datetime
    months: tuple[str, ...] = field(default=())  # "YYYY-MM" keys, in order

    @property
    def label(self) -> str:
        return self.months[0] if len(self.months) == 1 else f"{self.months[0]} – {self.months[-1]}"


def parse_month(text: str | None) -> tuple[int, int]:
    """"2026-11" → (2026, 11); ValueError for anything else."""
    found = MONTH_RE.fullmatch((text or "").strip())
    if not found:
        raise ValueError("month must look like 2026-11")
    year, month = int(found.group(1)), int(found.group(2))
    if not 1 <= month <= 12 or not 2000 <= year <= 2100:
        raise ValueError("month out of range")
    return year, month


def _month_start(year: int, month: int) -> dt.datetime:
    return dt.datetime(year, month, 1, tzinfo=WIB).astimezone(dt.timezone.utc)


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + n
    return index // 12, index % 12 + 1


def months_period(year: int, month: int, count: int = 1) -> Period:
    """``count`` months ending with (year, month)."""
    first = _add_months(year, month, -(count - 1))
    keys = tuple("%04d-%02d" % _add_months(*first, i) for i in range(count))
    return Period(_month_start(*first), _month_start(*_add_months(year, month, 1)), keys)


def recent_period(count: int = 12, today: dt.date | None = None) -> Period:
    """The last ``count`` months including the current one (WIB)."""
    today = today or today_wib()
    return months_period(today.year, today.month, count)


def previous_month(today: dt.date | None = None) -> str:
    today = today or today_wib()
    return "%04d-%02d" % _add_months(today.year, today.month, -1)
