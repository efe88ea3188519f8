"""Vacancies: the HRD demo company's, and past, open and draft ones spread over the other
companies, each written up as an employer would; a few offers below the UMK."""
from __future__ import annotations

import datetime as dt
import math

from app.core.timeutil import WIB

from .builder import HISTORY_DAYS, Builder
from .catalogue import COMPANIES, UMK, round50k, umk_for
from .positions import EDUCATION_TEXT, POSITION, Position
from .records import VacancySpec

PAST_VACANCIES = 150  # besides the HRD demo company's; posted evenly over the year, about 8 per company
OPEN_VACANCIES = 40


# Licences as the vacancy form marks them, for a tour to show: drivers must hold SIM B1 and are
# preferred with SIM B1 Umum; a warehouse asks for SIO Forklift, required when its certificates
# list it (the engine reads that as required anyway), else preferred. No random draw: the
# history stays as it is.
LICENCE_TEXT = {"SIM_B1_UMUM": "SIM B1 Umum", "SIO_FORKLIFT": "SIO Forklift"}


def explicit_licences(pos: Position, certificates: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if pos.key == "sopir":
        return ("SIM_B1",), ("SIM_B1_UMUM",)
    if pos.key == "staf_gudang":
        return (("SIO_FORKLIFT",), ()) if "SIO Forklift" in certificates else ((), ("SIO_FORKLIFT",))
    return (), ()


def make_vacancy(b: Builder, company: int, pos: Position, phase: str, posted_day: float,
                 openings: int | None = None, *, deadline_day: int | None = None) -> VacancySpec:
    """A vacancy of `company` for `pos`, posted `posted_day` days from the reference date: wage
    range from the UMK of that year, requirements drawn from the position, and a description
    written from them."""
    rng = b.rng
    spec = COMPANIES[company]
    title = pos.title
    if spec.title_suffix and pos.key == "operator_produksi":
        title = f"{pos.title} {spec.title_suffix}"
    posted = b.office(b.day(posted_day, 7), 0)
    if deadline_day is None:
        deadline_day = (math.floor(posted_day) + rng.randint(21, 42) if phase == "history"
                        else rng.randint(6, 40))
    deadline = b.today + dt.timedelta(days=deadline_day)
    umk = umk_for(posted.astimezone(WIB).year)
    scale = umk / UMK[2026]
    lo, hi = pos.wage
    wage_min = max(umk, round50k(lo * scale)) if rng.random() < 0.5 else umk
    wage_max = max(round50k(wage_min + 250_000), round50k((hi + rng.randint(0, 6) * 100_000) * scale))
    skills = rng.sample(pos.skills, k=min(len(pos.skills), rng.randint(3, 4)))
    certificates = [pos.required_certificate] if pos.required_certificate else []
    if not certificates and pos.certificates and rng.random() < 0.25:
        certificates = [rng.choice(pos.certificates)]
    education_min = rng.choice(pos.vacancy_education)
    experience_min = float(rng.choice(pos.experience_min))
    contract = rng.choice(pos.contracts)
    shift = rng.choice(pos.shifts)
    if openings is None:
        big = pos.family in ("manufaktur", "logistik")
        if phase == "history":
            openings = rng.choice((1, 1, 2, 2, 3, 3, 4, 5) if big else (1, 1, 2, 2, 3))
        else:  # current recruitments are mostly still running
            openings = rng.choice((2, 3, 3, 4, 5) if big else (1, 2, 2, 3, 3))
    place = spec.address.split(", ", 1)[1] if ", " in spec.address else spec.address
    requirements = [f"Pendidikan minimal {EDUCATION_TEXT[education_min]}"]
    if experience_min:
        requirements.append(f"pengalaman minimal {experience_min:g} tahun di bidang yang sama")
    else:
        requirements.append("lulusan baru dipersilakan melamar")
    if certificates:
        requirements.append("memiliki " + ", ".join(certificates))
    required, preferred = explicit_licences(pos, certificates)
    if preferred:
        requirements.append(", ".join(LICENCE_TEXT[c] for c in preferred) + " diutamakan")
    requirements.append("menguasai " + ", ".join(skills[:3]))
    if shift in ("bergilir", "malam"):
        requirements.append("bersedia bekerja shift")
    description = (
        f"{spec.name} membuka lowongan {title} untuk penempatan di {place}. "
        f"Tugas utama: {pos.duties}. "
        f"Persyaratan: {'; '.join(requirements)}. "
        f"Kami menawarkan gaji sesuai ketentuan, BPJS Ketenagakerjaan dan BPJS Kesehatan, serta lembur "
        f"sesuai aturan. Domisili dekat lokasi kerja diutamakan."
    )
    v = VacancySpec(
        idx=len(b.vacancies), company=company, position=pos, title=title, phase=phase, posted=posted,
        deadline=deadline, skills=skills, certificates=certificates, education_min=education_min,
        experience_min=experience_min, contract=contract, wage_min=wage_min, wage_max=wage_max, shift=shift,
        openings=openings, description=description, required_licences=required, preferred_licences=preferred,
    )
    b.vacancies.append(v)
    return v


def build_vacancies(b: Builder) -> None:
    """The HRD demo company's vacancies, the past one the demo resident was refused at, drafts of
    the companies not verified yet, then past, open and draft vacancies across the others."""
    rng = b.rng
    hrd = 0
    # The HRD demo company: four open vacancies handled by script, two past ones, one draft.
    for key, openings in (("operator_cnc", 3), ("welder", 2), ("qc", 1), ("operator_produksi", 5)):
        v = make_vacancy(b, hrd, POSITION[key], "open", -rng.randint(22, 30), openings,
                         deadline_day=rng.randint(10, 28))
        v.scripted_only = True
    make_vacancy(b, hrd, POSITION["operator_produksi"], "history", -300, 4)
    make_vacancy(b, hrd, POSITION["mekanik"], "history", -130, 1)
    make_vacancy(b, hrd, POSITION["teknisi_listrik"], "draft", -2, 1)
    # The past vacancy where the demo resident was interviewed and refused.
    make_vacancy(b, 2, POSITION["operator_cnc"], "history", -150, 2)
    # Pending companies only have drafts until staff verify them.
    others = [i for i, c in enumerate(COMPANIES) if i not in (hrd,) and c.status == "verified"]
    for i, c in enumerate(COMPANIES):
        if c.status == "pending":
            make_vacancy(b, i, POSITION[c.hires[0]], "draft", -rng.randint(1, 6))
    phases = (["history"] * max(5, round(b.scale * PAST_VACANCIES))
              + ["open"] * max(5, round(b.scale * OPEN_VACANCIES)) + ["draft"] * 1)
    rng.shuffle(phases)
    # Past vacancies spread evenly over the year (stratified), oldest popped first.
    n_history = phases.count("history")
    step = (HISTORY_DAYS - 45) / n_history
    history_days = [45 + (i + rng.random()) * step for i in range(n_history)]
    for n, phase in enumerate(phases):
        company = others[n % len(others)]
        pos = POSITION[rng.choice(COMPANIES[company].hires)]
        if phase == "history":
            posted_day = -history_days.pop()
        elif phase == "open":
            posted_day = -rng.uniform(2, 40)
        else:
            posted_day = -rng.uniform(1, 5)
        make_vacancy(b, company, pos, phase, posted_day)
    # One open retail vacancy carries the kind of wording staff should be warned about.
    spg = next((v for v in b.vacancies if v.phase == "open" and v.position.key == "spg"), None)
    if spg is not None:
        spg.description += " Usia maksimal 25 tahun, berpenampilan menarik."


def underpay(b: Builder) -> None:
    """A few offers below the UMK (two still open, one past) so that staff see the warning.
    Done after the simulation, which only looks at the top of the wage range."""
    cheap = [v for v in b.vacancies if v.position.wage[0] < UMK[2026] and not v.scripted_only
             and v.filled_at is None]
    for phase, n in (("open", 2), ("history", 1)):
        candidates = [v for v in cheap if v.phase == phase]
        for v in b.rng.sample(candidates, min(n, len(candidates))):
            scale = umk_for(v.posted.astimezone(WIB).year) / UMK[2026]
            v.wage_min = round50k(v.position.wage[0] * scale)
