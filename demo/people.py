"""Residents: identities (NIK, phone number, name) unique across the demo, and profiles drawn
to fit a position (schooling, experience, skills, wishes, consent)."""
from __future__ import annotations

import datetime as dt

from app.core import labels

from .builder import HISTORY_DAYS, Builder
from .catalogue import (
    FEMALE_FIRST,
    FEMALE_LAST,
    FEMALE_MONONYMS,
    KELURAHAN,
    MALE_FIRST,
    MALE_LAST,
    MALE_MONONYMS,
    NIK_REGIONS,
    PAST_EMPLOYERS,
    PHONE_PREFIXES,
    KelurahanSpec,
)
from .positions import BY_FAMILY, FAMILIES, FAMILY_WEIGHTS, GENERAL_SKILLS, POSITION, POSITIONS, SMA_MAJORS, Position
from .records import Resident

# Plus 16 scripted residents (11 in Nusa Jaya) and three registered twice (six records, back office):
# about 870 in all, two thirds in Nusa Jaya.
# A year of a busy desk: enough decisions that the model card's intervals are narrow (a smaller
# history left the learned engine's lead over TF-IDF inside the bootstrap interval).
RESIDENTS_PER_KELURAHAN = {"NJ": 570, "CM": 144, "KB": 138}


def new_nik(b: Builder, birth: dt.date, sex: str) -> str:
    """A NIK not given out yet: region of first issue, birth date (+40 for women), serial."""
    rng = b.rng
    prefixes = [p for p, _w in NIK_REGIONS]
    group = rng.choices(prefixes, weights=[w for _p, w in NIK_REGIONS])[0]
    region = rng.choice(group)
    day = birth.day + (40 if sex == "P" else 0)
    while True:
        nik = f"{region}{day:02d}{birth.month:02d}{birth.year % 100:02d}{rng.randint(1, 2999):04d}"
        if nik not in b.niks:
            b.niks.add(nik)
            return nik


def new_phone(b: Builder) -> str:
    """A mobile number not given out yet."""
    while True:
        phone = b.rng.choice(PHONE_PREFIXES) + f"{b.rng.randint(0, 99_999_999):08d}"
        if phone not in b.phones:
            b.phones.add(phone)
            return phone


def person_name(b: Builder, sex: str, age: int) -> str:
    """A name not given out yet: first and last name, a longer one, or (older people) a single name."""
    rng = b.rng
    first, last = (MALE_FIRST, MALE_LAST) if sex == "L" else (FEMALE_FIRST, FEMALE_LAST)
    mono = MALE_MONONYMS if sex == "L" else FEMALE_MONONYMS
    while True:
        roll = rng.random()
        if age >= 38 and roll < 0.25:
            name = rng.choice(mono)
        elif roll < 0.72:
            name = f"{rng.choice(first)} {rng.choice(last)}"
        else:
            middle = rng.choice([n for n in first if n not in ("Muhammad", "Siti")])
            lead = rng.choice(("Muhammad", "Ahmad") if sex == "L" else ("Siti", "Nur", "Dewi"))
            name = f"{lead} {middle} {rng.choice(last)}"
        if name not in b.names and len(set(name.split())) == len(name.split()):
            b.names.add(name)
            return name


def make_resident(b: Builder, idx: int, kel: KelurahanSpec, *, family: str | None = None,
                  position: str | None = None, created_day: float | None = None) -> Resident:
    """A resident of `kel` who fits a position (drawn, or given by key): schooling, experience,
    skills and wishes to match, an address, consent choices, registered `created_day` days from
    the reference date (drawn when not given) and verified soon after."""
    rng = b.rng
    sex = rng.choice("LP")
    age = min(50, max(17, int(rng.triangular(17, 50, 23))))
    # Birth dates are anchored on the reference year so that NIKs stay stable within a year.
    birth = dt.date(b.today.year - age - 1, 1, 1) + dt.timedelta(days=rng.randrange(365))
    name = person_name(b, sex, age)
    nik = new_nik(b, birth, sex)
    fam = family or rng.choices(FAMILIES, weights=FAMILY_WEIGHTS)[0]
    options = BY_FAMILY[fam]
    pos = POSITION[position] if position else rng.choices(options, weights=[p.weight for p in options])[0]
    education = rng.choices([e for e, _w in pos.seeker_education], weights=[w for _e, w in pos.seeker_education])[0]
    if age < 21 and education in ("D3", "S1"):
        education = "SMK"
    if education == "SMK":
        major = rng.choice(pos.majors or labels.SMK_MAJORS)
    elif education == "SMA":
        major = rng.choice(SMA_MAJORS)
    elif education in ("D3", "S1"):
        major = rng.choice(pos.degrees or ("Manajemen", "Administrasi Bisnis"))
    else:
        major = ""
    school_end = {"SD": 13, "SMP": 16, "SMA": 19, "SMK": 19, "D3": 22, "S1": 23}[education]
    working_years = max(0.0, age - school_end)
    # Experience: most have some; pick titles mostly inside the family.
    experience: list[tuple[Position, str, float]] = []
    budget = round(rng.uniform(0.0, working_years * 0.8) * 2) / 2
    if education == "SMK" and rng.random() < 0.35:
        experience.append((pos, rng.choice(PAST_EMPLOYERS[fam]), 0.5))  # PKL / magang
    while budget >= 0.5 and len(experience) < 3:
        in_family = rng.random() < 0.75
        xpos = rng.choice(BY_FAMILY[fam]) if in_family else rng.choice(POSITIONS)
        years = min(budget, round(rng.uniform(0.5, 4.0) * 2) / 2)
        experience.append((xpos, rng.choice(PAST_EMPLOYERS[xpos.family]), years))
        budget -= years
    # Skills: most of the position's, some of the family's, a general one.
    skills = rng.sample(pos.skills, k=rng.randint(2, min(5, len(pos.skills))))
    sibling = rng.choice(options)
    for s in rng.sample(sibling.skills, k=rng.randint(0, 2)):
        if s not in skills:
            skills.append(s)
    for s in rng.sample(GENERAL_SKILLS, k=rng.randint(0, 2)):
        if s not in skills:
            skills.append(s)
    certificates: list[str] = []
    if rng.random() < 0.55:
        certificates.append("SIM C")
    for c in pos.certificates:
        if c not in certificates and rng.random() < (0.75 if c == pos.required_certificate else 0.4):
            certificates.append(c)
    if rng.random() < 0.12 and "SIM A" not in certificates:
        certificates.append("SIM A")
    # Wishes: the position, sometimes a sibling in the family or one elsewhere that suits the schooling.
    desired = [pos]
    extra = rng.sample(options, k=min(len(options), rng.randint(0, 2)))
    if rng.random() < 0.25:
        extra.append(rng.choice(POSITIONS))
    for other in extra:
        if other not in desired and education in dict(other.seeker_education):
            desired.append(other)
    shifts = sorted(set(rng.sample(pos.shifts, k=1) + rng.sample(list(labels.SHIFT), k=rng.randint(0, 2))),
                    key=list(labels.SHIFT).index)
    contracts = ["pkwtt", "pkwt"] if rng.random() < 0.8 else ["pkwt"]
    for extra in ("alih_daya", "harian", "magang", "paruh_waktu"):
        if rng.random() < {"alih_daya": 0.3, "harian": 0.15, "magang": 0.2 if age < 21 else 0.02,
                           "paruh_waktu": 0.08}[extra]:
            contracts.append(extra)
    base = {"SD": 4_600_000, "SMP": 4_800_000, "SMA": 5_100_000, "SMK": 5_200_000, "D3": 5_600_000,
            "S1": 5_900_000}[education]
    wage = base + 120_000 * min(5.0, sum(y for _p, _e, y in experience)) + rng.gauss(0, 250_000)
    expected_wage = int(min(6_500_000, max(4_500_000, round(wage / 100_000) * 100_000)))
    rw = f"{rng.randint(1, kel.rws):02d}"
    rt = f"{rng.randint(1, 8):03d}"
    street = rng.choice(kel.streets)
    address = f"{street} No. {rng.randint(1, 120)}, RT {rt} / RW {rw}"
    if created_day is None:
        created_day = -rng.uniform(HISTORY_DAYS - 20, HISTORY_DAYS + 45) if rng.random() < 0.45 \
            else -rng.uniform(25, HISTORY_DAYS - 20)
    created_at = b.day(created_day, rng.randint(8, 20), rng.randrange(0, 60, 5))
    verified_at = b.office(created_at, rng.uniform(0, 2.5))
    sharing = rng.random() < 0.93
    ranking = rng.random() < 0.95
    withdrawn_at = None
    if not ranking and rng.random() < 0.5:
        withdrawn_at = b.day(min(-1, created_day + rng.uniform(10, 90)), rng.randint(9, 21))
    disability = True if rng.random() < 0.02 else (False if rng.random() < 0.1 else None)
    about = about_text(pos, education, major, experience, shifts)
    return Resident(
        idx=idx, kel=kel, sex=sex, name=name, birth=birth, nik=nik, family=fam, position=pos,
        education=education, major=major, skills=skills, certificates=certificates, experience=experience,
        desired=desired, shifts=shifts, contracts=contracts, expected_wage=expected_wage,
        rt=rt, rw=rw, address=address, phone=new_phone(b),
        created_at=created_at, verified_at=verified_at, consent_sharing=sharing, consent_ranking=ranking,
        ranking_withdrawn_at=withdrawn_at, has_login=rng.random() < 0.45, disability=disability, about=about,
    )


def about_text(pos: Position, education: str, major: str, experience, shifts) -> str:
    """The "about me" line of a profile, as a resident would write it."""
    school = {"SD": "Lulusan SD", "SMP": "Lulusan SMP", "SMA": f"Lulusan SMA jurusan {major}",
              "SMK": f"Lulusan SMK jurusan {major}", "D3": f"Lulusan D3 {major}",
              "S1": f"Lulusan S1 {major}"}[education]
    years = sum(y for _p, _e, y in experience)
    exp = f"pengalaman kerja sekitar {years:g} tahun" if years >= 1 else "siap belajar hal baru"
    shift = " Siap kerja shift." if "bergilir" in shifts or "malam" in shifts else ""
    return f"{school}, {exp}. Mencari pekerjaan sebagai {pos.title.lower()}.{shift}"


def build_residents(b: Builder) -> None:
    """The drawn residents of every kelurahan; a few recent ones wait for verification."""
    idx = 0
    for kel in KELURAHAN:
        for _ in range(max(15, round(b.scale * RESIDENTS_PER_KELURAHAN[kel.key]))):
            b.residents.append(make_resident(b, idx, kel))
            idx += 1
    # About 15 recent registrations still waiting for verification by staff.
    recent = sorted(b.residents, key=lambda r: r.created_at)[-40:]
    for r in b.rng.sample(recent, 15):
        r.created_at = b.day(-b.rng.uniform(1, 18), b.rng.randint(8, 20))
        r.verified_at = None
        r.ranking_withdrawn_at = None
