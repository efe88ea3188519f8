"""Figures for the dashboards and the monthly report: one kelurahan for staff, every kelurahan
(or one chosen) for admin and the city viewer.

What each figure is scoped by:
- residents (looking for work by RW, education, age band and sex; stalled residents; the skills
  they have): the resident's kelurahan;
- the referral funnel and placements: matches of those residents;
- open vacancies by sector and the skills vacancies ask for: every open vacancy of a verified
  company in the deployment, because a resident may be referred to any of them;
- per employer: companies located in the kelurahan (every company for the city), counting every
  hire they made through LokerWarga, whoever the resident.

Every figure is an aggregate query; Python only finishes the work over small grouped sets
(medians over the referral timestamps, month buckets of hires, the vacancies' skill lists).
Nothing here uses SQL functions of one database only: the same code runs on SQLite and PostgreSQL.
Services never commit."""
from __future__ import annotations

import datetime as dt
import json
import statistics

from sqlalchemy import String, and_, case, cast, exists, func, or_, select

from ..core.labels import EDUCATION_RANK
from ..core.timeutil import to_wib, today_wib, utcnow
from ..extensions import db
from ..models import Company, Kelurahan, Match, MatchEvent, SeekerProfile, Vacancy
from ..vacancies.wages import FULL_TIME, below_umk
from .groups import AGE_BANDS, UNDER_AGE, age_band_expression, sector_of, topic_index, training_topic
from .periods import Period, recent_period

STALLED_DAYS = 90
DISABILITY_QUOTA = 0.01  # UU 8/2016 Pasal 53: private companies employ at least 1% persons with disabilities
STALLED_LISTED = 50  # names listed to staff; the count covers them all
SKILLS_COMPARED = 15  # the skills most asked by open vacancies that are compared with residents'
TOPICS_SHOWN = 8

FUNNEL = ("suggested", "referred", "interview", "hired")
# Put forward to an employer: referred by staff, or applied at a job fair's booth (app/fairs). Both
# are the funnel's "referred" stage.
PUT_FORWARD = ("referred", "applied")

# --- small helpers -----------------------------------------------------------------------

def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _median_days(values: list[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None


def scoped(query, kelurahan_id: int | None):
    return query.where(SeekerProfile.kelurahan_id == kelurahan_id) if kelurahan_id is not None else query


def _looking(kelurahan_id: int | None):
    return scoped(select(func.count(SeekerProfile.id)).where(SeekerProfile.status == "looking"), kelurahan_id)


# --- figures -----------------------------------------------------------------------------

def count_looking(kelurahan_id: int | None) -> int:
    return db.session.scalar(_looking(kelurahan_id)) or 0


def residents_by(kelurahan_id: int | None, dimension: str, today: dt.date | None = None) -> list[tuple[str, int]]:
    """Residents looking for work grouped by ``rw``, ``education``, ``age`` or ``sex``."""
    if dimension == "age":
        # Grouped over a subquery: PostgreSQL does not see two renderings of a CASE with bound
        # dates as the same expression, so the band is computed once, then grouped.
        bands = scoped(select(age_band_expression(today or today_wib()).label("band"))
                        .where(SeekerProfile.status == "looking"), kelurahan_id).subquery()
        rows = db.session.execute(select(bands.c.band, func.count()).group_by(bands.c.band)).all()
    else:
        column = {"rw": SeekerProfile.rw, "education": SeekerProfile.education, "sex": SeekerProfile.sex}[dimension]
        rows = db.session.execute(scoped(
            select(column, func.count(SeekerProfile.id)).where(SeekerProfile.status == "looking")
            .group_by(column), kelurahan_id)).all()
    counts = {key if key is not None else "": n for key, n in rows}
    if dimension == "age":
        order = [UNDER_AGE] * (UNDER_AGE in counts) + [label for label, *_ in AGE_BANDS]
        return [(label, counts.get(label, 0)) for label in order]
    if dimension == "education":
        return sorted(counts.items(), key=lambda kv: (EDUCATION_RANK.get(kv[0], 99), kv[0]))
    if dimension == "sex":
        return [(key, counts.get(key, 0)) for key in ("L", "P")] + [(k, n) for k, n in counts.items() if k not in ("L", "P")]
    return sorted(counts.items(), key=lambda kv: (kv[0] == "", kv[0].zfill(3)))


def residents_by_kelurahan() -> list[dict]:
    """Looking, working and stalled residents of every kelurahan (the city view)."""
    cutoff = utcnow() - dt.timedelta(days=STALLED_DAYS)
    rows = db.session.execute(
        select(Kelurahan.id, Kelurahan.name,
               func.sum(case((SeekerProfile.status == "looking", 1), else_=0)),
               func.sum(case((SeekerProfile.status == "working", 1), else_=0)),
               func.sum(case((_stalled_condition(cutoff), 1), else_=0)))
        .join(SeekerProfile, SeekerProfile.kelurahan_id == Kelurahan.id, isouter=True)
        .group_by(Kelurahan.id, Kelurahan.name).order_by(Kelurahan.name)).all()
    return [{"id": kid, "name": name, "looking": looking or 0, "working": working or 0, "stalled": stalled or 0}
            for kid, name, looking, working, stalled in rows]


def _open_vacancies():
    return (select(Vacancy).join(Company, Company.id == Vacancy.company_id)
            .where(Vacancy.status == "open", Company.status == "verified"))


def vacancies_by_sector() -> list[dict]:
    """Open vacancies of verified companies by KBLI 2020 section: vacancies and openings."""
    rows = db.session.execute(
        select(Company.kbli_code, func.count(Vacancy.id), func.coalesce(func.sum(Vacancy.openings), 0))
        .join(Company, Company.id == Vacancy.company_id)
        .where(Vacancy.status == "open", Company.status == "verified").group_by(Company.kbli_code)).all()
    sections: dict[str, dict] = {}
    for code, vacancies, openings in rows:
        letter, name = sector_of(code)
        entry = sections.setdefault(letter, {"letter": letter, "name": name, "vacancies": 0, "openings": 0})
        entry["vacancies"] += vacancies
        entry["openings"] += int(openings)
    return sorted(sections.values(), key=lambda e: (-e["openings"], e["letter"]))


def funnel(kelurahan_id: int | None, period: Period) -> list[dict]:
    """suggested → referred → interview → hired within the period, with the conversion from the
    previous stage and the median days spent getting there.

    A stage counts each match once, when it entered the stage within the period: interview
    counts matches invited to an interview, or hired straight from a referral (they passed the
    stage without a recorded interview). Suggested is the match's creation; an application at a
    job fair's booth counts as a referral."""
    in_period = and_(MatchEvent.at >= period.start, MatchEvent.at < period.end)

    def reached(condition):
        return db.session.scalar(scoped(
            select(func.count(func.distinct(MatchEvent.match_id))).select_from(MatchEvent)
            .join(Match, Match.id == MatchEvent.match_id).join(SeekerProfile, SeekerProfile.id == Match.seeker_id)
            .where(in_period, condition), kelurahan_id)) or 0

    counts = {
        "suggested": db.session.scalar(scoped(
            select(func.count(Match.id)).join(SeekerProfile, SeekerProfile.id == Match.seeker_id)
            .where(Match.created_at >= period.start, Match.created_at < period.end), kelurahan_id)) or 0,
        "referred": reached(MatchEvent.to_status.in_(PUT_FORWARD)),
        "interview": reached(or_(MatchEvent.to_status == "interview",
                                 and_(MatchEvent.to_status == "hired", MatchEvent.from_status.in_(PUT_FORWARD)))),
        "hired": reached(MatchEvent.to_status == "hired"),
    }
    days = _stage_days(kelurahan_id, period)
    stages, previous = [], None
    for stage in FUNNEL:
        stages.append({"stage": stage, "count": counts[stage],
                       "conversion": _share(counts[stage], previous) if previous is not None else None,
                       "median_days": _median_days(days.get(stage, [])), "n_days": len(days.get(stage, []))})
        previous = counts[stage]
    return stages


def _stage_days(kelurahan_id: int | None, period: Period) -> dict[str, list[float]]:
    """Days from the previous stage to each stage, for moves that happened in the period.
    One query: the referral timestamps of every match that moved in the period."""
    moved = (select(MatchEvent.match_id).where(
        MatchEvent.at >= period.start, MatchEvent.at < period.end,
        MatchEvent.to_status.in_((*PUT_FORWARD, "interview", "hired"))))
    rows = db.session.execute(scoped(
        select(Match.id, Match.created_at, MatchEvent.to_status, MatchEvent.at)
        .join(MatchEvent, MatchEvent.match_id == Match.id).join(SeekerProfile, SeekerProfile.id == Match.seeker_id)
        .where(Match.id.in_(moved), MatchEvent.to_status.in_((*PUT_FORWARD, "interview", "hired"))), kelurahan_id)).all()
    first: dict[int, dict] = {}
    for match_id, created_at, to_status, at in rows:
        entry = first.setdefault(match_id, {"suggested": created_at})
        to_status = "referred" if to_status in PUT_FORWARD else to_status
        if to_status not in entry or at < entry[to_status]:
            entry[to_status] = at
    out: dict[str, list[float]] = {"referred": [], "interview": [], "hired": []}

    def add(stage: str, start, end) -> None:
        if start is not None and end is not None and period.start <= end < period.end:
            out[stage].append(max(0.0, (end - start).total_seconds() / 86400))

    for entry in first.values():
        referred, interview, hired = entry.get("referred"), entry.get("interview"), entry.get("hired")
        add("referred", entry["suggested"], referred)
        add("interview", referred, interview or hired)
        if interview is not None:
            add("hired", interview, hired)
        elif hired is not None:
            add("hired", referred, hired)
    return out


def placements_per_month(kelurahan_id: int | None, period: Period) -> list[tuple[str, int]]:
    """Hires per WIB month of the period, every month listed (zero when none)."""
    hires = db.session.scalars(scoped(
        select(MatchEvent.at).join(Match, Match.id == MatchEvent.match_id)
        .join(SeekerProfile, SeekerProfile.id == Match.seeker_id)
        .where(MatchEvent.to_status == "hired", MatchEvent.at >= period.start, MatchEvent.at < period.end),
        kelurahan_id)).all()
    per_month = dict.fromkeys(period.months, 0)
    for at in hires:
        key = to_wib(at).strftime("%Y-%m")
        if key in per_month:
            per_month[key] += 1
    return list(per_month.items())


def _stalled_condition(cutoff: dt.datetime):
    """Looking for work, registered before ``cutoff`` and not referred anywhere since."""
    referred_since = exists().where(Match.seeker_id == SeekerProfile.id, Match.referred_at >= cutoff)
    return and_(SeekerProfile.status == "looking", SeekerProfile.created_at < cutoff, ~referred_since)


def stalled_residents(kelurahan_id: int | None, *, list_names: bool = False, limit: int = STALLED_LISTED) -> dict:
    """Residents looking for work for STALLED_DAYS days or more with no referral in that time:
    the count, by RW (one kelurahan) or by kelurahan (the city), and for staff the oldest ``limit``."""
    cutoff = utcnow() - dt.timedelta(days=STALLED_DAYS)
    condition = _stalled_condition(cutoff)
    if kelurahan_id is not None:
        rows = db.session.execute(scoped(
            select(SeekerProfile.rw, func.count(SeekerProfile.id)).where(condition)
            .group_by(SeekerProfile.rw), kelurahan_id)).all()
        groups = sorted(((rw or "", n) for rw, n in rows), key=lambda kv: kv[0].zfill(3))
    else:
        groups = [(name, n) for name, n in db.session.execute(
            select(Kelurahan.name, func.count(SeekerProfile.id)).join(SeekerProfile, SeekerProfile.kelurahan_id == Kelurahan.id)
            .where(condition).group_by(Kelurahan.name).order_by(Kelurahan.name)).all()]
    listed = []
    if list_names and kelurahan_id is not None:
        last_referral = (select(func.max(Match.referred_at)).where(Match.seeker_id == SeekerProfile.id)
                         .correlate(SeekerProfile).scalar_subquery())
        listed = db.session.execute(scoped(
            select(SeekerProfile.id, SeekerProfile.full_name, SeekerProfile.rw, SeekerProfile.created_at,
                   last_referral.label("last_referral"))
            .where(condition).order_by(SeekerProfile.created_at, SeekerProfile.id).limit(limit),
            kelurahan_id)).all()
    return {"count": sum(n for _k, n in groups), "groups": groups, "listed": listed, "days": STALLED_DAYS}


def skills_gap(kelurahan_id: int | None, top: int = SKILLS_COMPARED) -> dict:
    """The skills most asked by open vacancies against the share of residents looking for work
    who have them, and the training topics that would close the largest gaps.

    Skill lists are JSON, which SQLite and PostgreSQL cannot unnest with the same SQL: the open
    vacancies' lists (hundreds or a few thousand rows) are read and counted here, and the
    residents are counted in the database, one conditional count per compared skill over the
    JSON text (the skill as a quoted JSON string, case-insensitively)."""
    demand: dict[str, dict] = {}
    vacancies = 0
    for skills, openings in db.session.execute(
            select(Vacancy.skills, Vacancy.openings).join(Company, Company.id == Vacancy.company_id)
            .where(Vacancy.status == "open", Company.status == "verified")):
        vacancies += 1
        for skill in {s.strip().lower(): s.strip() for s in (skills or []) if s and s.strip()}.items():
            entry = demand.setdefault(skill[0], {"skill": skill[1], "vacancies": 0, "openings": 0})
            entry["vacancies"] += 1
            entry["openings"] += openings or 1
    asked = sorted(demand.items(), key=lambda kv: (-kv[1]["vacancies"], -kv[1]["openings"], kv[0]))[:top]
    looking = count_looking(kelurahan_id)
    have: list[int] = []
    if asked:
        text = func.lower(cast(SeekerProfile.skills, String))
        columns = [func.sum(case((text.contains(json.dumps(key), autoescape=True), 1), else_=0)) for key, _ in asked]
        have = [int(n or 0) for n in db.session.execute(scoped(
            select(*columns).where(SeekerProfile.status == "looking"), kelurahan_id)).one()]
    rows = []
    for (key, entry), n_have in zip(asked, have):
        demand_share = _share(entry["vacancies"], vacancies) or 0.0
        supply_share = _share(n_have, looking) or 0.0
        rows.append({"skill": entry["skill"], "vacancies": entry["vacancies"], "openings": entry["openings"],
                     "demand_share": demand_share, "residents": n_have, "supply_share": supply_share,
                     "gap": demand_share - supply_share, "topic": training_topic(entry["skill"])})
    topics: dict[str, dict] = {}
    for row in sorted(rows, key=lambda r: -r["gap"]):
        if row["gap"] <= 0:
            continue
        index = topic_index(row["skill"])
        key = f"topic-{index}" if index is not None else "skill-" + row["skill"].lower()
        entry = topics.setdefault(key, {"topic": row["topic"], "skills": [], "gap": 0.0, "openings": 0})
        entry["skills"].append(row["skill"])
        entry["gap"] += row["gap"]
        entry["openings"] += row["openings"]
    suggested = sorted(topics.values(), key=lambda t: (-t["gap"], t["skills"][0]))[:TOPICS_SHOWN]
    return {"rows": rows, "topics": suggested, "vacancies": vacancies, "looking": looking}


def employers(kelurahan_id: int | None, period: Period) -> list[dict]:
    """Per company: hires in the period, the share of local residents and of residents with a
    disability (against the 1% of UU 8/2016 — of hires through LokerWarga, not the whole
    workforce), and its open vacancies offering less than the UMK.

    "Local resident": the hired resident lives in the kelurahan where the vacancy is (the
    vacancy's own kelurahan, or else its company's). Every resident of this deployment lives in
    the city, so at city level every hire is local; what a lurah and Perwal 70/2019 care about
    is whether the factory next door hires its neighbours, which the kelurahan match measures."""
    workplace = func.coalesce(Vacancy.kelurahan_id, Company.kelurahan_id)
    hires = (select(Vacancy.company_id.label("company_id"), func.count(Match.id).label("hires"),
                    func.sum(case((SeekerProfile.kelurahan_id == workplace, 1), else_=0)).label("local"),
                    func.sum(case((SeekerProfile.disability.is_(True), 1), else_=0)).label("disability"))
             .select_from(MatchEvent).join(Match, Match.id == MatchEvent.match_id)
             .join(Vacancy, Vacancy.id == Match.vacancy_id).join(Company, Company.id == Vacancy.company_id)
             .join(SeekerProfile, SeekerProfile.id == Match.seeker_id)
             .where(MatchEvent.to_status == "hired", MatchEvent.at >= period.start, MatchEvent.at < period.end)
             .group_by(Vacancy.company_id))
    companies = select(Company.id, Company.name, Company.kbli_code).where(Company.status == "verified")
    if kelurahan_id is not None:
        companies = companies.where(Company.kelurahan_id == kelurahan_id)
    by_company = {cid: {"id": cid, "name": name, "sector": sector_of(code)[0], "hires": 0, "local": 0,
                        "disability": 0, "open": 0, "below_umk": 0}
                  for cid, name, code in db.session.execute(companies)}
    for company_id, n, local, disability in db.session.execute(hires):
        if company_id in by_company:
            by_company[company_id].update(hires=n, local=int(local or 0), disability=int(disability or 0))
    for row in db.session.execute(
            select(Vacancy.company_id, Vacancy.contract_type, Vacancy.wage_min, Vacancy.wage_max, Vacancy.deadline,
                   Vacancy.created_at).where(Vacancy.status == "open", Vacancy.company_id.in_(list(by_company) or [-1]))):
        entry = by_company[row.company_id]
        entry["open"] += 1
        if row.contract_type in FULL_TIME and below_umk(row):
            entry["below_umk"] += 1
    out = []
    for entry in by_company.values():
        if not (entry["hires"] or entry["open"]):
            continue
        entry["local_share"] = _share(entry["local"], entry["hires"])
        entry["disability_share"] = _share(entry["disability"], entry["hires"])
        entry["meets_quota"] = None if not entry["hires"] else entry["disability_share"] >= DISABILITY_QUOTA
        out.append(entry)
    return sorted(out, key=lambda e: (-e["hires"], e["name"]))


def dashboard(kelurahan_id: int | None, period: Period | None = None, *, list_names: bool = False,
              today: dt.date | None = None) -> dict:
    """Every figure of the dashboard (and of the monthly report) for one kelurahan or all."""
    period = period or recent_period()
    today = today or today_wib()
    stages = funnel(kelurahan_id, period)
    return {
        "period": period,
        "looking": count_looking(kelurahan_id),
        "by_rw": residents_by(kelurahan_id, "rw") if kelurahan_id is not None else [],
        "by_education": residents_by(kelurahan_id, "education"),
        "by_age": residents_by(kelurahan_id, "age", today),
        "by_sex": residents_by(kelurahan_id, "sex"),
        "sectors": vacancies_by_sector(),
        "funnel": stages,
        "funnel_counts": {s["stage"]: s["count"] for s in stages},
        "per_month": placements_per_month(kelurahan_id, period),
        "stalled": stalled_residents(kelurahan_id, list_names=list_names),
        "skills": skills_gap(kelurahan_id),
        "employers": employers(kelurahan_id, period),
        "per_kelurahan": residents_by_kelurahan() if kelurahan_id is None else [],
        "open_vacancies": db.session.scalar(
            select(func.coalesce(func.sum(Vacancy.openings), 0)).join(Company, Company.id == Vacancy.company_id)
            .where(Vacancy.status == "open", Company.status == "verified")) or 0,
        "disability_quota": DISABILITY_QUOTA,
    }


def find_kelurahan(text: str) -> Kelurahan | None:
    """A kelurahan by name or code, ignoring case and surrounding spaces."""
    value = (text or "").strip().lower()
    if not value:
        return None
    return db.session.scalar(select(Kelurahan).where(
        or_(func.lower(Kelurahan.name) == value, func.lower(Kelurahan.code) == value)).order_by(Kelurahan.id).limit(1))


def list_kelurahan() -> list[Kelurahan]:
    return db.session.scalars(select(Kelurahan).order_by(Kelurahan.name)).all()


