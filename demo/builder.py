"""The state the demo is drawn into: the random streams, the reference date and its clock, the
identities already given out, and the queue of decisions still to play."""
from __future__ import annotations

import datetime as dt
import heapq
import math
import random

import numpy as np

from app.core.timeutil import WIB
from evaluation import synthetic

from .catalogue import DEMO_RESIDENT_NAME
from .records import Plan, Resident, VacancySpec

DEMO_SEED = 20241115
HISTORY_DAYS = 360  # the oldest vacancies were posted this many days before the reference date
UTC = dt.timezone.utc


class Builder:
    """Everything drawn so far. The content comes from `rng`, a random.Random that the back office
    swaps for streams of its own; evaluation.synthetic's draws come from `np_rng`. `hidden` and
    `utility` keep the truth the history is drawn from."""

    def __init__(self, rng: random.Random, today: dt.date, seed: int = DEMO_SEED, scale: float = 1.0):
        self.rng = rng
        self.scale = scale  # below 1: a smaller data set with the same stories (for tests)
        self.np_rng = np.random.default_rng(seed)  # the draws of evaluation.synthetic (utility noise, outcomes)
        self.hidden = synthetic.Hidden()
        self.planned: set[tuple[int, int]] = set()
        self.today = today
        # Events happen strictly before the reference date starts (midnight WIB).
        self.now = dt.datetime.combine(today, dt.time(0, 0), WIB).astimezone(UTC)
        self.niks: set[str] = set()
        self.phones: set[str] = set()
        self.names: set[str] = {DEMO_RESIDENT_NAME}
        self.residents: list[Resident] = []
        self.vacancies: list[VacancySpec] = []
        self.queue: list[tuple[dt.datetime, int, str, Plan | VacancySpec]] = []
        self._seq = 0
        self.warga: Resident | None = None  # the demo resident (warga@demo.test), once scripted

    # ---- the clock ------------------------------------------------------------------------
    def day(self, offset: float, hour: int = 9, minute: int = 0) -> dt.datetime:
        """A WIB wall-clock time `offset` days from the reference date, in UTC."""
        base = dt.datetime.combine(self.today + dt.timedelta(days=math.floor(offset)), dt.time(hour, minute), WIB)
        return base.astimezone(UTC)

    def office(self, after: dt.datetime, days: float) -> dt.datetime:
        """An office-hours moment (Mon–Fri, 08:00–16:00 WIB) about `days` after `after`."""
        local = after.astimezone(WIB) + dt.timedelta(days=days)
        if local.hour >= 16:
            local = (local + dt.timedelta(days=1)).replace(hour=8, minute=0)
        while local.weekday() >= 5:
            local = (local + dt.timedelta(days=1)).replace(hour=8, minute=0)
        if local.hour < 8:
            local = local.replace(hour=8, minute=0)
        local = local.replace(hour=self.rng.randint(max(8, local.hour), 15), minute=self.rng.randrange(0, 60, 5),
                              second=0, microsecond=0)
        result = local.astimezone(UTC)
        if result <= after:
            result = after + dt.timedelta(minutes=self.rng.randint(5, 90))
        return result

    def workday(self, offset: int, hour: int, minute: int = 0) -> dt.datetime:
        """Like `day`, moved off the weekend (Saturday to Friday, Sunday to Monday unless that is today)."""
        date = self.today + dt.timedelta(days=offset)
        if date.weekday() == 5:
            offset -= 1
        elif date.weekday() == 6:
            offset += 1 if offset < -1 or offset >= 0 else -2
        return self.day(offset, hour, minute)

    # ---- the queue of decisions ------------------------------------------------------------
    def push(self, at: dt.datetime, kind: str, obj) -> None:
        """Queue a decision; the sequence number keeps equal times in the order they were queued."""
        self._seq += 1
        heapq.heappush(self.queue, (at, self._seq, kind, obj))

    # ---- the truth --------------------------------------------------------------------------
    def utility(self, r: Resident, v: VacancySpec, noise: float = 0.0) -> float:
        """evaluation.synthetic's true utility; with noise, how a person judging the pair sees it."""
        return synthetic.true_utility(self.hidden.seeker_records[r.idx], self.hidden.vacancy_records[v.idx],
                                      self.np_rng if noise else None, self.hidden, noise=noise)
