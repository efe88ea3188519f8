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
import re
import statistics
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import String, and_, case, cast, exists, func, or_, select

from ..extensions import db
from ..core.labels import EDUCATION_RANK
from ..models import Company, Kelurahan, Match, MatchEvent, SeekerProfile, Vacancy
from ..core.timeutil import WIB, to_wib, today_wib, utcnow
from ..core.web import parse_id  # noqa: F401  (request ids, as the routes read them)
from ..vacancies.review import FULL_TIME, below_umk

STALLED_DAYS = 90
DISABILITY_QUOTA = 0.01  # UU 8/2016 Pasal 53: private companies employ at least 1% persons with disabilities
STALLED_LISTED = 50  # names listed to staff; the count covers them all
SKILLS_COMPARED = 15  # the skills most asked by open vacancies that are compared with residents'
TOPICS_SHOWN = 8

# KBLI 2020 sections by the first two digits of the code (the division).
KBLI_SECTIONS: tuple[tuple[str, int, int, object], ...] = (
    ("A", 1, 3, _l("Pertanian, kehutanan dan perikanan")),
    ("B", 5, 9, _l("Pertambangan dan penggalian")),
    ("C", 10, 33, _l("Industri pengolahan")),
    ("D", 35, 35, _l("Pengadaan listrik, gas, uap/air panas dan udara dingin")),
    ("E", 36, 39, _l("Pengadaan air, pengelolaan sampah, limbah dan daur ulang")),
    ("F", 41, 43, _l("Konstruksi")),
    ("G", 45, 47, _l("Perdagangan besar dan eceran; reparasi mobil dan sepeda motor")),
    ("H", 49, 53, _l("Pengangkutan dan pergudangan")),
    ("I", 55, 56, _l("Penyediaan akomodasi dan makan minum")),
    ("J", 58, 63, _l("Informasi dan komunikasi")),
    ("K", 64, 66, _l("Aktivitas keuangan dan asuransi")),
    ("L", 68, 68, _l("Real estat")),
    ("M", 69, 75, _l("Aktivitas profesional, ilmiah dan teknis")),
    ("N", 77, 82, _l("Aktivitas penyewaan, ketenagakerjaan, agen perjalanan dan penunjang usaha")),
    ("O", 84, 84, _l("Administrasi pemerintahan, pertahanan dan jaminan sosial wajib")),
    ("P", 85, 85, _l("Pendidikan")),
    ("Q", 86, 88, _l("Aktivitas kesehatan manusia dan aktivitas sosial")),
    ("R", 90, 93, _l("Kesenian, hiburan dan rekreasi")),
    ("S", 94, 96, _l("Aktivitas jasa lainnya")),
    ("T", 97, 98, _l("Aktivitas rumah tangga sebagai pemberi kerja")),
    ("U", 99, 99, _l("Aktivitas badan internasional dan ekstra internasional")),
)
UNKNOWN_SECTOR = ("?", _l("Sektor belum diisi"))

AGE_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("15–24", 15, 24), ("25–34", 25, 34), ("35–44", 35, 44), ("45–54", 45, 54), ("55+", 55, None),
)
UNDER_AGE = "< 15"

FUNNEL = ("suggested", "referred", "interview", "hired")

# Skills turned into training topics: the first keyword found in a skill names its topic
# (the kind of course a BLK or LPK offers); a skill without a keyword is its own topic.
TRAINING_TOPICS: tuple[tuple[tuple[str, ...], object], ...] = (
    (("las", "welding", "smaw", "gerinda"), _l("Pengelasan (SMAW/MIG/TIG) dan sertifikasi juru las")),
    (("cnc", "bubut", "milling", "pemesinan"), _l("Pemesinan: bubut, milling dan CNC")),
    (("gambar teknik", "alat ukur", "qc", "inspeksi", "mutu"), _l("Gambar teknik, alat ukur dan kendali mutu")),
    (("listrik", "plc", "panel", "elektro"), _l("Instalasi dan perawatan listrik industri")),
    (("mekanik", "troubleshooting", "perawatan mesin", "hidrolik", "pneumatik"), _l("Perawatan mesin industri")),
    (("forklift", "reach truck"), _l("Operator forklift (SIO)")),
    (("gudang", "stok", "inventory", "logistik", "ekspedisi", "packing"), _l("Pergudangan dan logistik")),
    (("excel", "word", "komputer", "microsoft", "office", "mengetik", "administrasi", "arsip", "laporan"),
     _l("Aplikasi perkantoran dan administrasi")),
    (("akuntansi", "pembukuan", "pajak", "keuangan", "kasir"), _l("Akuntansi, pembukuan dan kasir")),
    (("jahit", "garmen", "obras"), _l("Menjahit industri dan garmen")),
    (("masak", "boga", "barista", "dapur", "kuliner", "food"), _l("Tata boga dan pelayanan makanan")),
    (("mengemudi", "sopir", "sim "), _l("Mengemudi dan keselamatan berkendara")),
    (("k3", "keselamatan"), _l("Keselamatan dan kesehatan kerja (K3)")),
    (("pelanggan", "penjualan", "sales", "komunikasi", "pemasaran", "customer"), _l("Pelayanan pelanggan dan penjualan")),
    (("inggris", "english", "mandarin"), _l("Bahasa asing untuk kerja")),
)


# --- periods -----------------------------------------------------------------------------

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


# --- small helpers -----------------------------------------------------------------------

def sector_of(code: str | None) -> tuple[str, object]:
    """KBLI 2020 code → (section letter, section name)."""
    digits = (code or "").strip()[:2]
    if len(digits) == 2 and digits.isascii() and digits.isdigit():
        division = int(digits)
        for letter, first, last, name in KBLI_SECTIONS:
            if first <= division <= last:
                return letter, name
    return UNKNOWN_SECTOR


def age_band(birth: dt.date, today: dt.date) -> str:
    age = today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))
    for label, low, high in AGE_BANDS:
        if age >= low and (high is None or age <= high):
            return label
    return UNDER_AGE


def _birthday_cutoff(today: dt.date, years: int) -> dt.date:
    """The latest birth date of someone who is at least ``years`` old today."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def _age_band_expression(today: dt.date):
    """A CASE expression giving the age band of SeekerProfile.birth_date, in plain SQL."""
    whens = []
    for label, low, _high in reversed(AGE_BANDS):
        whens.append((SeekerProfile.birth_date <= _birthday_cutoff(today, low), label))
    return case(*whens, else_=UNDER_AGE)


def training_topic(skill: str) -> object:
    return TRAINING_TOPICS[_topic_index(skill)][1] if _topic_index(skill) is not None else skill


def _topic_index(skill: str) -> int | None:
    lowered = f"{skill.lower()} "
    for index, (keywords, _topic) in enumerate(TRAINING_TOPICS):
        if any(word in lowered for word in keywords):
            return index
    return None


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _median_days(values: list[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None


def _scoped(query, kelurahan_id: int | None):
    return query.where(SeekerProfile.kelurahan_id == kelurahan_id) if kelurahan_id is not None else query


def _looking(kelurahan_id: int | None):
    return _scoped(select(func.count(SeekerProfile.id)).where(SeekerProfile.status == "looking"), kelurahan_id)


# --- figures -----------------------------------------------------------------------------

def count_looking(kelurahan_id: int | None) -> int:
    return db.session.scalar(_looking(kelurahan_id)) or 0


def residents_by(kelurahan_id: int | None, dimension: str, today: dt.date | None = None) -> list[tuple[str, int]]:
    """Residents looking for work grouped by ``rw``, ``education``, ``age`` or ``sex``."""
    if dimension == "age":
        # Grouped over a subquery: PostgreSQL does not see two renderings of a CASE with bound
        # dates as the same expression, so the band is computed once, then grouped.
        bands = _scoped(select(_age_band_expression(today or today_wib()).label("band"))
                        .where(SeekerProfile.status == "looking"), kelurahan_id).subquery()
        rows = db.session.execute(select(bands.c.band, func.count()).group_by(bands.c.band)).all()
    else:
        column = {"rw": SeekerProfile.rw, "education": SeekerProfile.education, "sex": SeekerProfile.sex}[dimension]
        rows = db.session.execute(_scoped(
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
    stage without a recorded interview). Suggested is the match's creation."""
    in_period = and_(MatchEvent.at >= period.start, MatchEvent.at < period.end)

    def reached(condition):
        return db.session.scalar(_scoped(
            select(func.count(func.distinct(MatchEvent.match_id))).select_from(MatchEvent)
            .join(Match, Match.id == MatchEvent.match_id).join(SeekerProfile, SeekerProfile.id == Match.seeker_id)
            .where(in_period, condition), kelurahan_id)) or 0

    counts = {
        "suggested": db.session.scalar(_scoped(
            select(func.count(Match.id)).join(SeekerProfile, SeekerProfile.id == Match.seeker_id)
            .where(Match.created_at >= period.start, Match.created_at < period.end), kelurahan_id)) or 0,
        "referred": reached(MatchEvent.to_status == "referred"),
        "interview": reached(or_(MatchEvent.to_status == "interview",
                                 and_(MatchEvent.to_status == "hired", MatchEvent.from_status == "referred"))),
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
        MatchEvent.to_status.in_(("referred", "interview", "hired"))))
    rows = db.session.execute(_scoped(
        select(Match.id, Match.created_at, MatchEvent.to_status, MatchEvent.at)
        .join(MatchEvent, MatchEvent.match_id == Match.id).join(SeekerProfile, SeekerProfile.id == Match.seeker_id)
        .where(Match.id.in_(moved), MatchEvent.to_status.in_(("referred", "interview", "hired"))), kelurahan_id)).all()
    first: dict[int, dict] = {}
    for match_id, created_at, to_status, at in rows:
        entry = first.setdefault(match_id, {"suggested": created_at})
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
    hires = db.session.scalars(_scoped(
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
        rows = db.session.execute(_scoped(
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
        listed = db.session.execute(_scoped(
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
        have = [int(n or 0) for n in db.session.execute(_scoped(
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
        index = _topic_index(row["skill"])
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


# --- exports for Karirhub (Perpres 57/2023) and Disnaker ----------------------------------

def vacancies_for_export(period: Period, kelurahan_id: int | None = None) -> list[Vacancy]:
    """Vacancies of verified companies posted in the period or still open at its end: of the
    companies located in the kelurahan, or of every company for the city.

    Scoped by the company's kelurahan, as the per-employer figures of the dashboard are (its
    "Lowongan dibuka" counts the same vacancies): reporting vacancies to Karirhub is the
    employer's duty, and staff follow (verify, review) the companies of their own kelurahan. So
    each vacancy is in exactly one kelurahan's file, whatever kelurahan its workplace or its
    applicants are in, and the kelurahan files add up to the city's (a company with no
    kelurahan recorded is only in the city's)."""
    query = (select(Vacancy).join(Company, Company.id == Vacancy.company_id)
             .where(Company.status == "verified", Vacancy.status.in_(("open", "closed", "filled")),
                    Vacancy.created_at < period.end,
                    or_(Vacancy.created_at >= period.start, Vacancy.status == "open"))
             .order_by(Company.name, Vacancy.created_at, Vacancy.id))
    if kelurahan_id is not None:
        query = query.where(Company.kelurahan_id == kelurahan_id)
    from sqlalchemy.orm import joinedload

    return db.session.scalars(query.options(joinedload(Vacancy.company).joinedload(Company.kelurahan),
                                            joinedload(Vacancy.kelurahan))).unique().all()


def hires_for_export(kelurahan_id: int | None, period: Period) -> list:
    """Hires in the period (residents of the kelurahan, or all), without names or NIKs: what the
    placement report needs (who hired, which position, when, on which contract, and the
    resident's kelurahan, sex, age band, education and self-declared disability)."""
    return db.session.execute(_scoped(
        select(Match.id, MatchEvent.at, Match.start_date, Match.contract_type, Vacancy.title, Vacancy.kelurahan_id,
               Company.name.label("company"), Company.kbli_code, Company.kelurahan_id.label("company_kelurahan_id"),
               SeekerProfile.kelurahan_id.label("seeker_kelurahan_id"), SeekerProfile.sex, SeekerProfile.birth_date,
               SeekerProfile.education, SeekerProfile.disability)
        .select_from(MatchEvent).join(Match, Match.id == MatchEvent.match_id)
        .join(Vacancy, Vacancy.id == Match.vacancy_id).join(Company, Company.id == Vacancy.company_id)
        .join(SeekerProfile, SeekerProfile.id == Match.seeker_id)
        .where(MatchEvent.to_status == "hired", MatchEvent.at >= period.start, MatchEvent.at < period.end)
        .order_by(MatchEvent.at, Match.id), kelurahan_id)).all()


def monthly_report(kelurahan: Kelurahan | None, year: int, month: int, *, progress=None) -> dict:
    """Everything the monthly report holds, for one kelurahan or the whole city.

    Flows (funnel, hires, per employer) are those of the month; placements show the twelve
    months ending with it. Stocks (residents looking, open vacancies, stalled residents, the
    skills gap) are as they stand when the report is made: the app keeps no history of them."""
    step = progress or (lambda *_a, **_k: None)
    kelurahan_id = kelurahan.id if kelurahan else None
    period = months_period(year, month)
    step(10)
    figures = dashboard(kelurahan_id, period)
    step(60)
    figures["per_month"] = placements_per_month(kelurahan_id, months_period(year, month, 12))
    figures["vacancy_rows"] = vacancies_for_export(period, kelurahan_id)
    step(75)
    figures["hire_rows"] = hires_for_export(kelurahan_id, period)
    names = {k.id: k.name for k in list_kelurahan()}
    figures.update(kelurahan=kelurahan, kelurahan_names=names, month="%04d-%02d" % (year, month),
                   generated_at=utcnow())
    step(85)
    return figures
