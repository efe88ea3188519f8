"""The demo's people, vacancies and referrals while they are drawn, before any row is written."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .catalogue import COMPANIES, KelurahanSpec
from .positions import Position


@dataclass
class Resident:
    """A resident as drawn; `plans` are the vacancies someone looked at for them."""
    idx: int
    kel: KelurahanSpec
    sex: str
    name: str
    birth: dt.date
    nik: str
    family: str
    position: Position
    education: str
    major: str
    skills: list[str]
    certificates: list[str]
    experience: list[tuple[Position, str, float]]  # (position, employer, years)
    desired: list[Position]
    shifts: list[str]
    contracts: list[str]
    expected_wage: int
    rt: str
    rw: str
    address: str
    phone: str
    created_at: dt.datetime
    verified_at: dt.datetime | None
    consent_sharing: bool
    consent_ranking: bool
    ranking_withdrawn_at: dt.datetime | None
    has_login: bool
    disability: bool | None
    reserved: bool = False  # kept out of the random history; used by the scripted cases
    about: str = ""
    working: bool = False
    plans: list[Plan] = field(default_factory=list)

    def years_in(self, family: str) -> float:
        return sum(years for pos, _emp, years in self.experience if pos.family == family)


@dataclass
class VacancySpec:
    """A vacancy as drawn; `phase` says whether it lies in the past, is open now or is a draft."""
    idx: int
    company: int  # index into COMPANIES
    position: Position
    title: str
    phase: str  # history, open, draft
    posted: dt.datetime
    deadline: dt.date
    skills: list[str]
    certificates: list[str]
    education_min: str
    experience_min: float
    contract: str
    wage_min: int
    wage_max: int
    shift: str
    openings: int
    description: str
    # Licence codes the vacancy marks required or preferred (app/vacancies/licences.py).
    required_licences: tuple[str, ...] = ()
    preferred_licences: tuple[str, ...] = ()
    scripted_only: bool = False
    hires: int = 0
    filled_at: dt.datetime | None = None
    closed: bool = False
    plans: list[Plan] = field(default_factory=list)

    @property
    def zone(self) -> str:
        return COMPANIES[self.company].zone

    @property
    def family(self) -> str:
        return self.position.family


@dataclass
class Event:
    """One move of a referral in the status history (a MatchEvent row to be)."""
    at: dt.datetime
    from_status: str | None
    to_status: str
    outcome: str
    reason: str | None
    actor: tuple[str, int | str]  # ("staff", kel key) | ("employer", company idx) | ("resident", idx)


@dataclass
class Plan:
    """A resident and a vacancy someone looked at (a Match row to be): the decisions drawn for
    the pair, and the moves the event loop recorded."""
    resident: Resident
    vacancy: VacancySpec
    suggested_at: dt.datetime
    script: dict[str, tuple] | None = None  # forced steps of a scripted case
    status: str = "suggested"
    events: list[Event] = field(default_factory=list)
    interested: bool = False
    referred_at: dt.datetime | None = None
    interview_at: dt.datetime | None = None
    start_date: dt.date | None = None
    contract: str | None = None
    contract_end: dt.date | None = None  # set after the history for some fixed-term hires (back office)
    via: str = "staff"  # who found the pair: staff shortlisting, or the resident ("interest")
    # step -> (outcome, days after the previous step)
    episode: dict[str, tuple[str, float]] = field(default_factory=dict)

    @property
    def last_at(self) -> dt.datetime:
        return self.events[-1].at if self.events else self.suggested_at
