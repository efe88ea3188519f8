"""The scripted cases of the demo accounts: the demo resident (warga@demo.test) and the
referrals of the HRD demo company, on fixed days with fixed decisions."""
from __future__ import annotations

import datetime as dt

from app.core.timeutil import WIB

from .builder import Builder
from .catalogue import DEMO_RESIDENT_NAME, KELURAHAN
from .people import make_resident, new_nik
from .positions import POSITION
from .records import Plan, Resident, VacancySpec


def scripted_case(b: Builder, r: Resident, v: VacancySpec, *, interest: int | None = None,
                  refer: int | None = None, dismiss: tuple[int, str] | None = None,
                  answer: tuple[int, str, str | None] | None = None, interview: int | None = None,
                  result: tuple[int, str, str | None] | None = None) -> Plan:
    """A case with fixed days (relative to the reference date) and fixed decisions; it still runs
    through the event loop, so the same consistency rules apply."""
    first = min(x for x in (interest, refer, dismiss[0] if dismiss else None) if x is not None)
    plan = Plan(r, v, max(v.posted + dt.timedelta(hours=1), b.day(first - 1, 8)), script={})
    r.plans.append(plan)
    v.plans.append(plan)
    never = b.now + dt.timedelta(days=365)
    if interest is not None:
        b.push(b.day(interest, 19, 30), "interest", plan)
    if dismiss is not None:
        plan.script["staff"] = ("dismissed", dismiss[1])
        b.push(b.workday(dismiss[0], 10), "staff", plan)
    if refer is not None:
        plan.script["staff"] = ("referred", None)
        plan.script["employer_at"] = b.workday(answer[0], 11) if answer else never
        b.push(b.workday(refer, 9, 30), "staff", plan)
    if answer is not None:
        plan.script["employer"] = (answer[1], answer[2])
        if interview is not None:
            plan.script["interview_at"] = b.workday(interview, 10)
            plan.script["result_at"] = b.workday(result[0], 14) if result else never
            if result is not None:
                plan.script["result"] = (result[1], result[2])
    return plan


def build_scripts(b: Builder) -> Resident:
    """The demo resident (warga@demo.test) and the referrals of the HRD demo company."""
    rng = b.rng
    nj = KELURAHAN[0]
    warga = make_resident(b, len(b.residents), nj, family="manufaktur", position="operator_cnc",
                          created_day=-200)
    b.niks.discard(warga.nik)
    b.names.discard(warga.name)
    warga.sex, warga.name = "L", DEMO_RESIDENT_NAME
    warga.birth = dt.date(b.today.year - 23, 3, 14)
    warga.nik = new_nik(b, warga.birth, "L")
    warga.education, warga.major = "SMK", "Teknik Mesin"
    warga.skills = ["las listrik", "bubut", "membaca gambar teknik", "alat ukur (jangka sorong, mikrometer)",
                    "Microsoft Excel"]
    warga.certificates = ["SIM C", "K3 Umum"]
    warga.experience = [
        (POSITION["operator_cnc"], "PT Indo Presisi Komponen", 0.5),
        (POSITION["welder"], "Bengkel Las Berkah Jaya", 1.5),
    ]
    warga.desired = [POSITION["operator_cnc"], POSITION["welder"], POSITION["operator_produksi"]]
    warga.shifts, warga.contracts = ["pagi", "bergilir"], ["pkwtt", "pkwt"]
    warga.expected_wage = 5_500_000
    warga.rt, warga.rw = "003", "04"
    warga.address = "Jl. Kenanga No. 27, RT 003 / RW 04"
    warga.about = ("Lulusan SMK jurusan Teknik Mesin, pernah PKL di bagian bubut dan 1,5 tahun jadi "
                   "helper las. Siap kerja shift.")
    warga.consent_sharing = warga.consent_ranking = True
    warga.ranking_withdrawn_at = None
    warga.disability = None
    warga.has_login = True
    warga.reserved = True
    b.residents.append(warga)

    # Residents for the HRD company's open vacancies: Nusa Jaya and neighbours, factory work.
    picks = []
    for n in range(15):
        kel = KELURAHAN[0] if n % 3 else KELURAHAN[1 + (n // 3) % 2]
        key = ("operator_cnc", "welder", "qc", "operator_produksi", "mekanik")[n % 5]
        r = make_resident(b, len(b.residents), kel, family="manufaktur", position=key,
                          created_day=-rng.uniform(40, 300))
        r.reserved = True
        r.consent_sharing = r.consent_ranking = True
        r.ranking_withdrawn_at = None
        if r.education not in ("SMK", "D3"):
            r.education, r.major = "SMK", rng.choice(r.position.majors)
        b.residents.append(r)
        picks.append(r)

    cnc, welder, qc, produksi = (v for v in b.vacancies if v.company == 0 and v.phase == "open")
    past = next(v for v in b.vacancies if v.company == 2 and v.phase == "history")
    p = picks
    # Operator Mesin CNC (3 openings)
    scripted_case(b, p[0], cnc, refer=-11)                                        # no answer for 11 days
    scripted_case(b, p[1], cnc, refer=-9)                                         # no answer for 9 days
    scripted_case(b, p[2], cnc, refer=-2)                                         # recent
    scripted_case(b, p[3], cnc, refer=-12, answer=(-6, "interview", None), interview=2)
    scripted_case(b, p[4], cnc, refer=-20, answer=(-15, "interview", None), interview=-12,
                  result=(-10, "hired", None))
    scripted_case(b, p[5], cnc, refer=-18, answer=(-14, "refused", "skills"))
    scripted_case(b, p[6], cnc, interest=-4)
    # Juru Las (Welder) (2 openings): the demo resident is invited to an interview, with its packet.
    invited = scripted_case(b, warga, welder, interest=-7, refer=-5, answer=(-2, "interview", None), interview=2)
    invited.script["details"] = {
        "interview_place": "Gedung Produksi 2 (pos satpam gerbang timur), Jl. Industri Raya 8, Jatiuwung",
        "interview_contact": "Ibu Ratna (HRD), 0812 7788 1020",
        "interview_bring": "Surat pengantar kelurahan, KTP asli, CV, sertifikat las bila ada, sepatu tertutup",
        "interview_notes": "Ada tes praktik las SMAW sekitar 30 menit. Datang 15 menit sebelum jadwal.",
    }
    scripted_case(b, p[7], welder, refer=-10)
    scripted_case(b, p[8], welder, refer=-16, answer=(-13, "interview", None), interview=-10,
                  result=(-8, "refused", "no_show"))
    scripted_case(b, p[9], welder, dismiss=(-13, "unreachable"))
    # QC Inspector (1 opening)
    scripted_case(b, p[10], qc, refer=-10)
    scripted_case(b, p[11], qc, refer=-1)
    # Operator Produksi (5 openings)
    scripted_case(b, p[12], produksi, refer=-6, answer=(-3, "interview", None), interview=1)
    scripted_case(b, p[13], produksi, refer=-3)
    scripted_case(b, p[14], produksi, refer=-14, answer=(-10, "interview", None), interview=-7,
                  result=(-5, "refused", "declined"))
    # The demo resident's past: interviewed and refused at another factory, early in that vacancy.
    posted = (past.posted.astimezone(WIB).date() - b.today).days
    b.warga = warga
    scripted_case(b, warga, past, refer=posted + 1, answer=(posted + 3, "interview", None), interview=posted + 5,
                  result=(posted + 6, "refused", "experience"))
    # And a suggestion elsewhere they said "saya berminat" to.
    other = next((v for v in b.vacancies if v.phase == "open" and not v.scripted_only
                  and v.position.key in ("operator_cnc", "welder", "mekanik")), None)
    if other is not None:
        scripted_case(b, warga, other, interest=-3)
    return warga
