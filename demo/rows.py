"""Writing the drawn demo as rows: kelurahan, accounts, companies, residents, vacancies, referrals
and their status history, then the vacancy reviews and today's reminders."""
from __future__ import annotations

import datetime as dt

from argon2 import PasswordHasher

from app.core import labels
from app.core.timeutil import WIB
from app.extensions import db
from app.models import (
    Company,
    ConsentRecord,
    ExperienceEntry,
    Kelurahan,
    Match,
    MatchEvent,
    Role,
    SeekerProfile,
    User,
    Vacancy,
)
from app.referrals.reminders import sync_reminders

from .backoffice import Duplicate, write_reviews
from .builder import DEMO_SEED, HISTORY_DAYS, UTC, Builder
from .catalogue import COMPANIES, HRD_COMPANY, KELURAHAN
from .fairs import add_fairs
from .records import Plan

DEMO_PASSWORD = "demo12345"
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP"


def write_rows(b: Builder, *, duplicates: list[Duplicate], cards: dict[int, tuple[str, dt.date, dt.date | None]],
               ending: list[Plan], seed: int = DEMO_SEED) -> dict[str, int]:
    """Add everything drawn to the session and flush; the caller commits. `duplicates`, `cards`
    and `ending` are the back office's draws (the AK/I cards are written here). Returns row counts."""
    warga = b.warga
    session = db.session
    password = PasswordHasher().hash(DEMO_PASSWORD)
    start = b.day(-HISTORY_DAYS - 60, 9)

    kel_rows = {
        k.key: Kelurahan(code=k.code, name=k.name, kecamatan="Karawaci", kota="Kota Tangerang", provinsi="Banten",
                         rw_list=[f"{n:02d}" for n in range(1, k.rws + 1)], letter_code=k.letter_code,
                         address=k.address, lurah_name=k.lurah, lurah_nip=k.lurah_nip, created_at=start)
        for k in KELURAHAN
    }
    session.add_all(kel_rows.values())
    session.flush()

    def user(email, name, role, kel=None, company=None, phone=None, created=start):
        # Demo staff and admin are enrolled in two-factor authentication with the secret printed
        # in the README, so that a newcomer can log in with any authenticator app.
        totp = DEMO_TOTP_SECRET if role in (Role.STAFF, Role.ADMIN) else None
        return User(email=email, phone=phone, name=name, password_hash=password, role=role, totp_secret=totp,
                    kelurahan_id=kel_rows[kel].id if kel else None, company_id=company, created_at=created)

    admin = user("admin@demo.test", "Dewi Anggraini", Role.ADMIN, "NJ")
    staff = {
        "NJ": user("petugas@demo.test", "Siti Rahmawati", Role.STAFF, "NJ"),
        "CM": user("petugas.cimone@demo.test", "Ahmad Fauzi", Role.STAFF, "CM"),
        "KB": user("petugas.karawacibaru@demo.test", "Rina Marlina", Role.STAFF, "KB"),
    }
    city = user("kota@demo.test", "Bambang Suryadi", Role.CITY)
    session.add_all([admin, *staff.values(), city])
    session.flush()

    companies = []
    for i, spec in enumerate(COMPANIES):
        created = b.day(-HISTORY_DAYS - 30 + i * 3, 10)
        verifier = staff.get(spec.zone, staff["NJ"])  # Jatiuwung and Cikokol: verified at Nusa Jaya
        slug = "".join(ch for ch in spec.name.lower().removeprefix("pt ").removeprefix("cv ") if ch.isalnum())
        companies.append(Company(
            name=spec.name, kbli_code=spec.kbli, kbli_version="2020",
            address=f"{spec.address}, Kota Tangerang, Banten",
            kelurahan_id=kel_rows[spec.zone].id if spec.zone in kel_rows else None,
            contact_name=spec.contact, contact_phone=f"021-55{b.rng.randint(10_000, 99_999)}",
            contact_email=f"rekrutmen@{slug}.test", status=spec.status,
            verified_at=b.office(created, 1) if spec.status == "verified" else None,
            verified_by_id=verifier.id if spec.status == "verified" else None,
            created_at=created if spec.status == "verified" else b.day(-b.rng.randint(2, 9), 10),
        ))
    session.add_all(companies)
    session.flush()
    employers = {}
    for i, (spec, company) in enumerate(zip(COMPANIES, companies)):
        email = "hrd@demo.test" if spec.name == HRD_COMPANY else f"hrd{i:02d}@demo.test"
        employers[i] = user(email, spec.contact, Role.EMPLOYER, company=company.id, created=company.created_at)
    session.add_all(employers.values())
    session.flush()

    # Residents, their logins, experience and consent history.
    resident_users = {}
    for r in b.residents:
        if r.has_login:
            email = "warga@demo.test" if r is warga else None
            resident_users[r.idx] = user(email, r.name, Role.SEEKER, r.kel.key, phone=r.phone, created=r.created_at)
    session.add_all(resident_users.values())
    session.flush()

    profiles = {}
    for r in b.residents:
        last_change = max([r.created_at] + [e.at for p in r.plans for e in p.events])
        registrar = None if r.has_login else staff[r.kel.key].id
        profile = SeekerProfile(
            user_id=resident_users[r.idx].id if r.idx in resident_users else None,
            kelurahan_id=kel_rows[r.kel.key].id, nik=r.nik, full_name=r.name, birth_date=r.birth, sex=r.sex,
            address=r.address, rt=r.rt, rw=r.rw, phone=r.phone, education=r.education, major=r.major,
            skills=list(r.skills), certificates=list(r.certificates),
            desired_positions=[p.title for p in r.desired], shifts=list(r.shifts),
            contract_wishes=list(r.contracts), expected_wage=r.expected_wage, about=r.about,
            disability=r.disability, status="working" if r.working else "looking",
            consent_registration=True, consent_sharing=r.consent_sharing, consent_ranking=r.consent_ranking,
            verified_at=r.verified_at, verified_by_id=staff[r.kel.key].id if r.verified_at else None,
            registered_by_id=registrar, created_at=r.created_at, updated_at=last_change,
        )
        if r.idx in cards:
            profile.ak1_number, profile.ak1_valid_until, profile.ak1_last_report = cards[r.idx]
        for pos, employer, years in r.experience:
            profile.experiences.append(ExperienceEntry(
                title=pos.title, employer=employer, years=years,
                description=pos.duties[0].upper() + pos.duties[1:] + "."))
        actor = resident_users[r.idx].id if r.idx in resident_users else staff[r.kel.key].id
        for purpose, granted in (("registration", True), ("sharing", r.consent_sharing),
                                 ("ranking", r.consent_ranking or r.ranking_withdrawn_at is not None)):
            profile.consents.append(ConsentRecord(purpose=purpose, granted=granted,
                                                  text_version=labels.CONSENT_TEXT_VERSION, actor_id=actor,
                                                  at=r.created_at))
        if r.ranking_withdrawn_at is not None:
            profile.consents.append(ConsentRecord(purpose="ranking", granted=False,
                                                  text_version=labels.CONSENT_TEXT_VERSION, actor_id=actor,
                                                  at=r.ranking_withdrawn_at))
        profiles[r.idx] = profile
    session.add_all(profiles.values())
    session.flush()

    vacancy_rows = {}
    for v in b.vacancies:
        if v.phase == "draft":
            status = "draft"
        elif v.filled_at is not None:
            status = "filled"
        elif v.phase == "history":
            status = "closed"
        else:
            status = "open"
        spec = COMPANIES[v.company]
        vacancy_rows[v.idx] = Vacancy(
            company_id=companies[v.company].id, title=v.title, description=v.description, skills=list(v.skills),
            certificates=list(v.certificates), required_licences=list(v.required_licences),
            preferred_licences=list(v.preferred_licences), education_min=v.education_min,
            experience_years_min=v.experience_min, contract_type=v.contract, wage_min=v.wage_min,
            wage_max=v.wage_max, shift=v.shift, location=f"{spec.address}, Kota Tangerang",
            kelurahan_id=kel_rows[spec.zone].id if spec.zone in kel_rows else None, openings=v.openings,
            deadline=v.deadline, status=status, created_at=v.posted,
            updated_at=v.filled_at or (v.posted if status != "closed"
                                       else dt.datetime.combine(v.deadline, dt.time(17), WIB).astimezone(UTC)),
        )
    session.add_all(vacancy_rows.values())
    session.flush()

    def actor_id(actor) -> int:
        kind, key = actor
        if kind == "staff":
            return staff[key].id
        if kind == "admin":
            return admin.id
        if kind == "employer":
            return employers[key].id
        return resident_users[key].id

    plans = [p for v in b.vacancies for p in v.plans if p.events]
    matches = []
    for p in plans:
        last = p.events[-1]
        matches.append(Match(
            seeker_id=profiles[p.resident.idx].id, vacancy_id=vacancy_rows[p.vacancy.idx].id, status=p.status,
            score=None, model_version="", reasons=[], interested=p.interested, interview_at=p.interview_at,
            start_date=p.start_date, contract_type=p.contract, contract_end_date=p.contract_end,
            reason_code=last.reason,
            referred_at=p.referred_at, created_at=p.suggested_at, updated_at=last.at,
            **(p.script or {}).get("details", {}),  # an interview's place, contact, what to bring
        ))
    session.add_all(matches)
    session.flush()
    events = sorted(
        ((e, m.id) for p, m in zip(plans, matches) for e in p.events),
        key=lambda item: (item[0].at, item[1]),
    )
    session.add_all([
        MatchEvent(match_id=match_id, from_status=e.from_status, to_status=e.to_status, outcome=e.outcome,
                   reason_code=e.reason, actor_id=actor_id(e.actor), at=e.at)
        for e, match_id in events
    ])
    session.flush()

    reviews = write_reviews(b, companies, employers, staff["NJ"], {k: row.id for k, row in kel_rows.items()})
    # Job fairs: one past with its results, one coming (their referrals go through the app's services).
    fair_matches, fair_events = add_fairs(b, seed)
    # What the hourly `tick` would make today: the staff queues show their reminders right away.
    reminders_made = sync_reminders(today=b.today)

    return {
        "kelurahan": len(kel_rows),
        "users": 5 + len(employers) + len(resident_users),
        "residents": len(profiles),
        "experiences": sum(len(r.experience) for r in b.residents),
        "consents": sum(3 + (r.ranking_withdrawn_at is not None) for r in b.residents),
        "companies": len(companies),
        "vacancies": len(vacancy_rows) + len(reviews),
        "matches": len(matches) + fair_matches,
        "events": len(events) + fair_events,
        "hires": sum(1 for p in plans if p.status == "hired"),
        "reviews": len(reviews),
        "duplicates": len(duplicates),
        "ak1_cards": len(cards),
        "contract_ends": sum(1 for p in plans if p.contract_end is not None),
        "contracts_ending": len(ending),
        "reminders": reminders_made,
    }
