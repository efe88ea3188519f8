"""Per-record state of the engine kept as column arrays: ids, activity, opt-out, education,
wages and area codes, so hard filters and area features are vectorised over all rows."""
from __future__ import annotations

from typing import Any, Hashable, Iterable, Sequence

import numpy as np

from . import licences as lic
from .knowledge import seeker_facts, vacancy_facts
from .types import Seeker, Vacancy, education_level
from .vectors import seeker_titles


def check_unique(records: Sequence[Any], kind: str) -> None:
    seen: set = set()
    for r in records:
        if r.id in seen:
            raise ValueError(f"duplicate {kind} id {r.id!r}")
        seen.add(r.id)



class RecordStore:
    """Mixin of ``MatchEngine``: row bookkeeping for seekers and vacancies (``*_`` attributes)."""

    # ------------------------------------------------------------------ occupations and licences
    def _init_knowledge(self) -> None:
        self.code_index_: dict[str, int] = {}
        self.lic_index_: dict[str, int] = {c: i for i, c in enumerate(sorted(lic.table()))}
        self.s_facts_: list = []
        self.v_facts_: list = []
        self.title_code_ = np.zeros(0, dtype=np.int32)
        self.title_minor_ = np.zeros(0, dtype=np.int32)
        self.title_owner_ = np.zeros(0, dtype=np.int64)
        self.s_licences_ = np.zeros((0, len(self.lic_index_)), dtype=bool)
        self.v_code_ = np.zeros(0, dtype=np.int32)
        self.v_minor_ = np.zeros(0, dtype=np.int32)
        self.v_required_ = np.zeros((0, len(self.lic_index_)), dtype=bool)  # licences that filter

    def _code_id(self, code: str | None) -> int:
        if not code:
            return -1
        return self.code_index_.setdefault(code, len(self.code_index_))

    def _append_seeker_knowledge(self, seekers: list[Seeker], base: int) -> None:
        """Occupation codes of every title row and the licences each seeker holds (memoised per text)."""
        codes, owners = [], []
        lic_rows = np.zeros((len(seekers), len(self.lic_index_)), dtype=bool)
        for i, s in enumerate(seekers):
            facts = seeker_facts(s, [t for t, _, _ in seeker_titles(s)])
            self.s_facts_.append(facts)
            codes.extend(facts.codes)
            owners.extend([base + i] * len(facts.codes))
            lic_rows[i, [self.lic_index_[c] for c in facts.covered if c in self.lic_index_]] = True
        self.title_code_ = np.concatenate([self.title_code_, np.array([self._code_id(c) for c in codes], dtype=np.int32)])
        self.title_minor_ = np.concatenate([self.title_minor_, np.array(
            [self._code_id(c and "m" + c[:3]) for c in codes], dtype=np.int32)])
        self.title_owner_ = np.concatenate([self.title_owner_, np.array(owners, dtype=np.int64)])
        self.s_licences_ = np.concatenate([self.s_licences_, lic_rows])

    def _area_row(self, area: tuple[str, ...]) -> list[int]:
        codes = []
        for d in range(len(area)):
            prefix = area[: d + 1]
            code = self.area_codes_.get(prefix)
            if code is None:
                code = self.area_codes_[prefix] = len(self.area_codes_)
            codes.append(code)
        return codes

    def _area_matrix(self, areas: list[tuple[str, ...]]) -> np.ndarray:
        depth = max([len(a) for a in areas] + [1])
        if depth > self.area_depth_:
            pad = depth - self.area_depth_
            self.s_area_ = np.pad(self.s_area_, ((0, 0), (0, pad)), constant_values=-1)
            if hasattr(self, "v_area_"):
                self.v_area_ = np.pad(self.v_area_, ((0, 0), (0, pad)), constant_values=-1)
            self.area_depth_ = depth
        out = np.full((len(areas), self.area_depth_), -1, dtype=np.int32)
        for i, a in enumerate(areas):
            codes = self._area_row(a)
            out[i, : len(codes)] = codes
        return out

    # ------------------------------------------------------------------ record metadata
    def _append_seeker_meta(self, seekers: list[Seeker]) -> None:
        base = len(self.seekers_)
        for i, s in enumerate(seekers):
            old = self.seeker_index_.get(s.id)
            if old is not None:
                self.s_active_[old] = False
            self.seeker_index_[s.id] = base + i
        self.seekers_.extend(seekers)
        area = self._area_matrix([s.area for s in seekers])
        self.s_active_ = np.concatenate([self.s_active_, np.ones(len(seekers), dtype=bool)])
        self.s_opt_out_ = np.concatenate([self.s_opt_out_, np.array([s.ranking_opt_out for s in seekers], dtype=bool)])
        edu = [education_level(s.education) for s in seekers]
        self.s_edu_ = np.concatenate([self.s_edu_, np.array([-1 if e is None else e for e in edu], dtype=np.int8)])
        wage = [np.nan if s.expected_wage is None else float(s.expected_wage) for s in seekers]
        self.s_wage_ = np.concatenate([self.s_wage_, np.array(wage, dtype=np.float64)])
        self.s_area_ = np.concatenate([self.s_area_, area])
        self._append_seeker_knowledge(seekers, base)

    def _append_vacancy_meta(self, vacancies: list[Vacancy]) -> None:
        base = len(self.vacancies_)
        for i, v in enumerate(vacancies):
            old = self.vacancy_index_.get(v.id)
            if old is not None:
                self.v_active_[old] = False
            self.vacancy_index_[v.id] = base + i
        self.vacancies_.extend(vacancies)
        area = self._area_matrix([v.area for v in vacancies])
        self.v_active_ = np.concatenate([self.v_active_, np.ones(len(vacancies), dtype=bool)])
        self.v_open_ = np.concatenate([self.v_open_, np.array([v.open for v in vacancies], dtype=bool)])
        edu = [education_level(v.education_min) for v in vacancies]
        self.v_edu_ = np.concatenate([self.v_edu_, np.array([-1 if e is None else e for e in edu], dtype=np.int8)])
        lo = [np.nan if v.wage_min is None else float(v.wage_min) for v in vacancies]
        hi = [np.nan if v.wage_max is None else float(v.wage_max) for v in vacancies]
        self.v_wage_min_ = np.concatenate([self.v_wage_min_, np.array(lo, dtype=np.float64)])
        self.v_wage_max_ = np.concatenate([self.v_wage_max_, np.array(hi, dtype=np.float64)])
        self.v_area_ = np.concatenate([self.v_area_, area])
        facts = [vacancy_facts(v) for v in vacancies]
        self.v_facts_.extend(facts)
        self.v_code_ = np.concatenate([self.v_code_, np.array([self._code_id(f.code) for f in facts], dtype=np.int32)])
        self.v_minor_ = np.concatenate([self.v_minor_, np.array(
            [self._code_id(f.code and "m" + f.code[:3]) for f in facts], dtype=np.int32)])
        req = np.zeros((len(facts), len(self.lic_index_)), dtype=bool)
        for i, f in enumerate(facts):
            req[i, [self.lic_index_[c] for c in f.required if c in self.lic_index_]] = True
        self.v_required_ = np.concatenate([self.v_required_, req])


    def _exclude_rows(self, exclude: Iterable[Hashable], index: dict[Hashable, int]) -> list[int]:
        if isinstance(exclude, (str, bytes)) or not isinstance(exclude, Iterable):
            exclude = (exclude,)
        rows = []
        for x in exclude:
            r = index.get(x)
            if r is not None:
                rows.append(r)
        return rows


    @staticmethod
    def _area_share(s_area: np.ndarray, v_area: np.ndarray) -> np.ndarray:
        """Shared area depth over the finer of the two areas: a vacancy whose area is only the city
        shares half of a kelurahan address, never all of it, so being "everywhere" is not being near."""
        known = v_area >= 0
        depth = np.maximum(known.sum(axis=1), (s_area >= 0).sum(axis=1))
        shared = ((s_area == v_area) & known).sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(known.any(axis=1), shared / np.maximum(depth, 1), 0.0)
