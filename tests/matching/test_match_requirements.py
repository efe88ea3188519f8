"""Licences, certificates, experience, education and shifts, case by case, through the engine's
public API: which resident a vacancy may be suggested to, and what the reasons may say."""
import pytest

from matching import Experience, MatchEngine, Seeker, Vacancy
from matching.licences import display_name, find_licences

AREA = ("Banten", "Kota Tangerang", "Karawaci", "Nusa Jaya")


def seeker(title="Driver", certificates=(), skills=(), experience=(), shifts=(), education="SMA", **kw):
    return Seeker("s", education=education, desired_positions=(title,), certificates=certificates, skills=skills,
                  experience=tuple(Experience(*e) for e in experience), shifts=shifts, area=AREA, **kw)


def vacancy(title="Driver", description="", certificates=(), education_min=None, experience_years_min=0,
            shifts=(), **kw):
    return Vacancy("v", title, description=description, certificates=certificates, education_min=education_min,
                   experience_years_min=experience_years_min, shifts=shifts, area=AREA, **kw)


def engine_for(s, v):
    return MatchEngine().fit([s], [v])


def eligible(s, v) -> bool:
    e = engine_for(s, v)
    forward = [x.seeker_id for x in e.rank_seekers("v")] == ["s"]
    backward = [x.vacancy_id for x in e.rank_vacancies("s")] == ["v"]
    assert forward == backward  # the same filters in both directions
    return forward


ELIGIBILITY = [
    # SIM classes: what each one covers (Perpol 5/2021), read from the vacancy text or its fields.
    ("SIM C does not cover SIM B1", seeker(certificates=("SIM C",)), vacancy(description="Wajib SIM B1"), False),
    ("SIM B1 meets SIM B1", seeker(certificates=("SIM B1",)), vacancy(description="Wajib SIM B1"), True),
    ("SIM B1 Umum covers SIM A", seeker(certificates=("SIM B1 Umum",)), vacancy(description="Wajib SIM A"), True),
    ("SIM B1 Umum covers SIM B1", seeker(certificates=("SIM B1 Umum",)), vacancy(description="harus SIM B1"), True),
    ("SIM B1 covers SIM A", seeker(certificates=("SIM B1",)), vacancy(description="Wajib SIM A"), True),
    ("SIM A does not cover SIM B1", seeker(certificates=("SIM A",)), vacancy(description="Wajib SIM B1"), False),
    ("SIM B2 covers SIM B1", seeker(certificates=("SIM B2",)), vacancy(description="Wajib SIM B1"), True),
    ("SIM B2 Umum covers SIM B1 Umum", seeker(certificates=("SIM B2 Umum",)),
     vacancy(description="Wajib SIM B1 Umum"), True),
    ("SIM B1 is not SIM B1 Umum", seeker(certificates=("SIM B1",)), vacancy(description="Wajib SIM B1 Umum"), False),
    ("SIM A does not cover SIM C", seeker(title="Kurir", certificates=("SIM A",)),
     vacancy(title="Kurir", description="Wajib SIM C"), False),
    ("SIM C meets SIM C", seeker(title="Kurir", certificates=("SIM C",)),
     vacancy(title="Kurir", description="Wajib SIM C"), True),
    ("a preferred SIM does not filter", seeker(), vacancy(description="SIM A diutamakan"), True),
    ("SIM C 'diutamakan' does not filter", seeker(title="Kurir"), vacancy(title="Kurir", description="SIM C diutamakan"), True),
    ("alternatives are not a hard filter on both", seeker(certificates=("SIM C",)),
     vacancy(description="Wajib SIM A atau SIM C"), True),
    ("no licence listed, SIM required", seeker(), vacancy(description="Wajib memiliki SIM B1"), False),
    ("a SIM written as a skill is not held", seeker(skills=("SIM B1",)), vacancy(description="Wajib SIM B1"), False),
    ("the required field filters", seeker(certificates=("SIM A",)), vacancy(required_licences=("SIM_B1",)), False),
    ("the required field takes names", seeker(certificates=("SIM B1",)), vacancy(required_licences=("SIM B1",)), True),
    ("the preferred field does not filter", seeker(), vacancy(preferred_licences=("SIM_B1",)), True),
    # SIO, Gada, STR, Brevet.
    ("skill 'forklift' is not the SIO", seeker(title="Operator Forklift", skills=("forklift",)),
     vacancy(title="Operator Forklift", description="Wajib SIO Forklift"), False),
    ("certificate SIO Forklift meets it", seeker(title="Operator Forklift", certificates=("SIO Forklift",)),
     vacancy(title="Operator Forklift", description="Wajib SIO Forklift"), True),
    ("Gada Madya includes Gada Pratama", seeker(title="Satpam", certificates=("Gada Madya",)),
     vacancy(title="Security", description="Wajib sertifikat Gada Pratama"), True),
    ("Gada Pratama is not Gada Madya", seeker(title="Satpam", certificates=("Gada Pratama",)),
     vacancy(title="Security", description="Wajib Gada Madya"), False),
    ("STR required and held", seeker(title="Perawat", certificates=("STR Perawat aktif",), education="D3"),
     vacancy(title="Perawat", description="Wajib STR aktif", education_min="D3"), True),
    ("STR required, not held", seeker(title="Perawat", education="D3"),
     vacancy(title="Perawat", description="Wajib STR aktif", education_min="D3"), False),
    ("Brevet A does not cover Brevet B", seeker(title="Staff Pajak", certificates=("Brevet A",), education="S1"),
     vacancy(title="Staff Pajak", description="Wajib punya Brevet B"), False),
    ("Brevet B covers Brevet A", seeker(title="Staff Pajak", certificates=("Brevet B",), education="S1"),
     vacancy(title="Staff Pajak", description="Wajib Brevet A"), True),
    # Documents and skills named in the text are not licences the resident must list.
    ("an SKCK to hand in does not filter", seeker(title="Satpam"), vacancy(title="Security", description="Melampirkan SKCK"),
     True),
    ("a welding position to master is a skill", seeker(title="Welder"),
     vacancy(title="Welder", description="Menguasai SMAW posisi 3G"), True),
    # Certificates the vacancy lists.
    ("a listed certificate is required", seeker(title="Teknisi Listrik"),
     vacancy(title="Teknisi Listrik", certificates=("K3 Listrik",)), False),
    ("a listed certificate held", seeker(title="Teknisi Listrik", certificates=("Sertifikat K3 Listrik",)),
     vacancy(title="Teknisi Listrik", certificates=("K3 Listrik",)), True),
    ("a listed certificate written as a skill", seeker(title="Teknisi Listrik", skills=("K3 Listrik",)),
     vacancy(title="Teknisi Listrik", certificates=("K3 Listrik",)), False),
    ("a listed certificate marked preferred", seeker(title="Teknisi Listrik"),
     vacancy(title="Teknisi Listrik", certificates=("K3 Listrik (diutamakan)",)), True),
    # Education by level: SMA = SMK, D4 = S1.
    ("SMK meets SMA", seeker(title="Operator Produksi", education="SMK"),
     vacancy(title="Operator Produksi", education_min="SMA"), True),
    ("S1 meets D4", seeker(title="Staff Pajak", education="S1"), vacancy(title="Staff Pajak", education_min="D4"), True),
    ("D3 is below D4", seeker(title="Staff Pajak", education="D3"), vacancy(title="Staff Pajak", education_min="D4"), False),
    ("SMP is below SMA", seeker(title="Operator Produksi", education="SMP"),
     vacancy(title="Operator Produksi", education_min="SMA"), False),
]


@pytest.mark.parametrize("name, s, v, expected", ELIGIBILITY, ids=[c[0] for c in ELIGIBILITY])
def test_hard_requirements(name, s, v, expected):
    assert eligible(s, v) is expected


def reasons(s, v):
    return {r.code: r.params for r in engine_for(s, v).explain("s", "v").reasons}


OPERATOR = vacancy(title="Operator Produksi", experience_years_min=2)
REASONS = [
    # Experience counts only from related occupations, and the reason names the jobs.
    ("unrelated experience is not counted",
     seeker(title="Operator Produksi", experience=[("Security", 10.0), ("Sopir truk", 5.0)]), OPERATOR,
     lambda r: "experience" not in r and r["experience_short"]["years"] == 0.0),
    ("related experience counts, with its job",
     seeker(title="Operator Produksi", experience=[("Operator mesin produksi", 3.0), ("Kurir", 4.0)]), OPERATOR,
     lambda r: r["experience"]["years"] == 3.0 and r["experience"]["jobs"] == ("Operator mesin produksi",)),
    ("years are not summed across unrelated jobs",
     seeker(title="Operator Produksi", experience=[("Operator produksi", 1.0), ("Satpam", 8.0)]), OPERATOR,
     lambda r: r["experience"]["years"] == 1.0 and "experience_short" not in r),
    ("experience only preferred is no concern", seeker(title="Operator Produksi"),
     vacancy(title="Operator Produksi", experience_years_min=2, description="Pengalaman diutamakan"),
     lambda r: "experience_short" not in r),
    ("fresh graduates welcome is no concern", seeker(title="Operator Produksi", experience=[("Kasir", 2.0)]),
     vacancy(title="Operator Produksi", experience_years_min=1, description="Fresh graduate welcome"),
     lambda r: "experience_short" not in r),
    # Shifts (matching/shifts.py has the table).
    ("non-shift vacancy, pagi resident", seeker(shifts=("pagi",)), vacancy(shifts=("non-shift",)),
     lambda r: "shift_fit" in r and "shift_conflict" not in r),
    ("pagi vacancy, non-shift resident", seeker(shifts=("non-shift",)), vacancy(shifts=("pagi",)),
     lambda r: "shift_fit" in r and "shift_conflict" not in r),
    ("malam vacancy, pagi resident", seeker(shifts=("pagi",)), vacancy(shifts=("malam",)),
     lambda r: r["shift_conflict"]["shifts"] == ("malam",)),
    ("rotating resident works every shift", seeker(shifts=("bergilir",)), vacancy(shifts=("pagi", "siang", "malam")),
     lambda r: r["shift_fit"]["n_matched"] == 3 and "shift_conflict" not in r),
    ("every shift covers a rotation", seeker(shifts=("pagi", "siang", "malam")), vacancy(shifts=("bergilir",)),
     lambda r: "shift_fit" in r and "shift_conflict" not in r),
    ("a partial fit is less credit, not a conflict", seeker(shifts=("pagi",)), vacancy(shifts=("pagi", "siang", "malam")),
     lambda r: r["shift_fit"]["n_matched"] == 1 and "shift_conflict" not in r),
    ("no stated shifts is no conflict", seeker(), vacancy(shifts=("malam",)), lambda r: "shift_conflict" not in r),
    ("sore is siang", seeker(shifts=("sore",)), vacancy(shifts=("siang",)), lambda r: "shift_fit" in r),
    # Occupations and licences in reasons.
    ("the occupation is named", seeker(title="SPG"), vacancy(title="Pramuniaga"),
     lambda r: any(c.startswith("occupation") and p["code"] == "5223" and p["occupation"] == "Pramuniaga"
                   for c, p in r.items() if c.startswith("occupation"))),
    ("the same occupation from a past job", seeker(title="", experience=[("Shop assistant", 2.0)]),
     vacancy(title="Pramuniaga"),
     lambda r: r["occupation_same"]["source"] == "experience" and r["occupation_same"]["matched"] == "Shop assistant"),
    ("a covering licence is named as held", seeker(certificates=("SIM B1 Umum",)), vacancy(description="Wajib SIM A"),
     lambda r: r["licences"]["held"] == ("SIM B1 Umum",) and r["licences"]["matched"] == ("SIM A",)),
    ("no licence, no licence reason", seeker(skills=("SIM A",)), vacancy(description="SIM A diutamakan"),
     lambda r: "licences" not in r),
]


@pytest.mark.parametrize("name, s, v, check", REASONS, ids=[c[0] for c in REASONS])
def test_reasons_per_case(name, s, v, check):
    assert check(reasons(s, v))


def test_the_table_has_forty_cases_or_more():
    assert len(ELIGIBILITY) + len(REASONS) >= 40


def test_no_reason_claims_what_the_resident_does_not_have():
    """Every pair of every case above, in one engine: licences, certificates, experience and
    occupations named in a reason are the resident's own."""
    seekers = [Seeker(f"s{i}", **{f: getattr(c[1], f) for f in ("education", "certificates", "skills", "experience",
                                                                 "desired_positions", "shifts", "area")})
               for i, c in enumerate(ELIGIBILITY + REASONS)]
    vacancies = [Vacancy(f"v{i}", c[2].title, description=c[2].description, certificates=c[2].certificates,
                         education_min=c[2].education_min, experience_years_min=c[2].experience_years_min,
                         shifts=c[2].shifts, area=AREA, required_licences=c[2].required_licences,
                         preferred_licences=c[2].preferred_licences)
                 for i, c in enumerate(ELIGIBILITY + REASONS)]
    engine = MatchEngine().fit(seekers, vacancies)
    checked = set()
    for s in seekers:
        jobs = {e.title: e.years for e in s.experience}
        titles = set(s.desired_positions) | set(jobs)
        for v in vacancies:
            for r in engine.explain(s.id, v.id).reasons:
                p = r.params
                checked.add(r.code)
                if r.code == "licences":
                    listed = {display_name(code) for c in s.certificates for code in find_licences(c, listed=True)}
                    assert p["held"] and set(p["held"]) <= listed, (s, v, r)
                if r.code == "certificates":
                    assert s.certificates, (s, v, r)
                if r.code in ("experience", "experience_short"):
                    assert set(p["jobs"]) <= set(jobs) and p["years"] == sum(jobs[j] for j in p["jobs"]), (s, v, r)
                if r.code.startswith("occupation") or r.code in ("title_match", "experience_title"):
                    assert p["matched"] in titles, (s, v, r)
                if r.code == "experience_title":
                    assert p["matched"] in jobs and p["years"] == jobs[p["matched"]]
    assert {"licences", "certificates", "experience", "occupation_same", "experience_short"} <= checked
