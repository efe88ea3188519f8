"""The demo's job fairs: one held three weeks before the reference date in Nusa Jaya, with its
results (passes, booth visits, applications, interviews on the spot, answers since), and one two
weeks ahead for the whole kecamatan, with companies, vacancies, residents invited and passes given.

The rows go through the app's own services (app/fairs) so that the referrals they make follow the
state machine; every time is then set from the reference date, so two loads give the same data.
The fairs draw from a random stream of their own: no draw of the history moves. Pass codes are
random (`secrets`), as in the app; nothing else depends on them."""
from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import delete, func, select

from app.extensions import db
from app.fairs import booth
from app.fairs.services import new_code, set_fair_vacancies
from app.models import (
    Company,
    Fair,
    FairCompany,
    FairInvitation,
    FairPass,
    Kelurahan,
    Match,
    MatchEvent,
    Outbox,
    Role,
    SeekerProfile,
    User,
    Vacancy,
)
from app.referrals import services as referrals

from .builder import Builder

FAIR_STREAM = 7_321  # added to the demo seed: the fairs' own random stream
PAST_DAY, COMING_DAY = -21, 14


def add_fairs(b: Builder, seed: int) -> tuple[int, int]:
    """Add both fairs; returns the referrals (matches) and their moves (events) they added."""
    rng = random.Random(seed + FAIR_STREAM)
    matches_before = db.session.scalar(select(func.count()).select_from(Match))
    events_before = db.session.scalar(select(func.count()).select_from(MatchEvent))
    outbox_before = db.session.scalar(select(func.max(Outbox.id))) or 0
    nusa_jaya = db.session.scalar(select(Kelurahan).where(Kelurahan.name == "Nusa Jaya"))
    staff = db.session.scalar(select(User).where(User.email == "petugas@demo.test"))
    booths = _booths()
    residents = list(db.session.scalars(
        select(SeekerProfile).where(SeekerProfile.kelurahan_id == nusa_jaya.id, SeekerProfile.status == "looking",
                                    SeekerProfile.verified_at.is_not(None), SeekerProfile.consent_sharing.is_(True))
        .order_by(SeekerProfile.id)))
    warga = db.session.scalar(select(SeekerProfile).join(User, User.id == SeekerProfile.user_id)
                              .where(User.email == "warga@demo.test"))
    if len(booths) >= 2:  # a reduced demo may lack companies for a fair
        _past_fair(b, rng, nusa_jaya, staff, booths[:4], [r for r in residents if r.id != warga.id])
        _coming_fair(b, rng, nusa_jaya, staff, booths[:6], residents, warga)
    # The demo sends nothing: the notices the services wrote are not part of it.
    db.session.execute(delete(Outbox).where(Outbox.id > outbox_before))
    db.session.flush()
    return (db.session.scalar(select(func.count()).select_from(Match)) - matches_before,
            db.session.scalar(select(func.count()).select_from(MatchEvent)) - events_before)


def _booths() -> list[tuple[Company, User]]:
    """Verified companies with an HRD account and two open vacancies at least, the demo HRD's first."""
    rows = db.session.execute(
        select(Company, User).join(User, (User.company_id == Company.id) & (User.role == Role.EMPLOYER))
        .where(Company.status == "verified").order_by(User.email != "hrd@demo.test", Company.id)).all()
    seen, result = set(), []
    for company, user in rows:
        if company.id in seen or len(_open_vacancies(company)) < 2:
            continue
        seen.add(company.id)
        result.append((company, user))
    return result


def _open_vacancies(company: Company) -> list[Vacancy]:
    return list(db.session.scalars(select(Vacancy).where(Vacancy.company_id == company.id, Vacancy.status == "open")
                                   .order_by(Vacancy.id)))


def _fair(b: Builder, nusa_jaya: Kelurahan, staff: User, day: int, **fields) -> Fair:
    fair = Fair(kelurahan_id=nusa_jaya.id, starts_at=b.day(day, 8), ends_at=b.day(day, 14), created_by_id=staff.id,
                created_at=b.day(day - 30, 10), updated_at=b.day(day - 30, 10), **fields)
    db.session.add(fair)
    db.session.flush()
    return fair


def _join(b: Builder, fair: Fair, staff: User, booths, day: int) -> dict[int, list[Vacancy]]:
    brought = {}
    for company, hrd in booths:
        row = FairCompany(fair_id=fair.id, company_id=company.id, invited_by_id=staff.id, invited_at=b.day(day - 28, 10))
        db.session.add(row)
        db.session.flush()
        brought[company.id] = set_fair_vacancies(fair, row, {v.id for v in _open_vacancies(company)[:2]}, hrd)
        row.joined_at = b.day(day - 20, 11)
    return brought


def _stamp(since: int, at: dt.datetime) -> int:
    """Give the moves made since event id `since` their times (a second apart, in order)."""
    db.session.flush()
    moves = db.session.scalars(select(MatchEvent).where(MatchEvent.id > since).order_by(MatchEvent.id)).all()
    for n, event in enumerate(moves):
        event.at = at + dt.timedelta(seconds=n)
        event.match.updated_at = event.at
        if event.to_status == "applied":
            event.match.referred_at = event.at
            if event.from_status == "suggested":  # made at the booth
                event.match.created_at = event.at
    return moves[-1].id if moves else since


def _past_fair(b, rng, nusa_jaya, staff, booths, residents) -> None:
    fair = _fair(b, nusa_jaya, staff, PAST_DAY, name="Bursa Kerja Kelurahan Nusa Jaya",
                 place="Aula Kantor Kelurahan Nusa Jaya, Jl. Imam Bonjol", scope="kelurahan", capacity=250,
                 description="Bawa KTP, CV dan ijazah terakhir. Gratis, tanpa pungutan biaya apa pun.")
    brought = _join(b, fair, staff, booths, PAST_DAY)
    taken = set(db.session.execute(select(Match.seeker_id, Match.vacancy_id)).tuples().all())
    visitors = rng.sample(residents, min(len(residents), max(12, round(60 * b.scale))))
    last = db.session.scalar(select(func.max(MatchEvent.id))) or 0
    answered = []
    for i, seeker in enumerate(visitors):
        at = fair.starts_at + dt.timedelta(minutes=15 + 4 * i)
        fair_pass = FairPass(fair_id=fair.id, seeker_id=seeker.id, code=new_code(), channel="door" if i % 3 == 0 else "online",
                             registered_by_id=staff.id if i % 3 == 0 else seeker.user_id,
                             registered_at=at - dt.timedelta(minutes=10) if i % 3 == 0 else b.day(PAST_DAY - 3, 19))
        db.session.add(fair_pass)
        db.session.flush()
        for company, hrd in rng.sample(booths, rng.choice((1, 1, 2))):
            visit = booth.show_pass(fair_pass, company, hrd)
            visit.at = at
            free = [v for v in brought[company.id] if (seeker.id, v.id) not in taken]
            if not free:
                continue
            vacancy = rng.choice(free)
            outcome = rng.choices(("applied", "interview", "shortlisted"), (6, 3, 1))[0]
            record, _changed = booth.record(visit, vacancy, outcome, hrd)
            record.created_at = record.updated_at = at
            taken.add((seeker.id, vacancy.id))
            last = _stamp(last, at)
            if record.match.status == "interview":  # held at the booth
                record.match.interview_at = at
            if record.match.status in ("applied", "interview"):
                answered.append((record.match, hrd))
    # Since the fair the companies answered most of them; a few still wait (the staff queue's reminders).
    for n, (match, hrd) in enumerate(answered):
        answer_at = b.day(PAST_DAY + 4 + n % 9, 10, n % 50)
        draw = rng.random()
        if match.status == "interview" and draw < 0.4 and _may_hire(match, answer_at):
            referrals.hire(match, hrd, (answer_at + dt.timedelta(days=7)).date(), "pkwtt")
        elif draw < 0.55:
            referrals.refuse(match, hrd, rng.choice(("skills", "experience")))
        elif match.status == "applied" and draw < 0.9:
            referrals.invite_interview(match, hrd, answer_at + dt.timedelta(days=3), place=match.vacancy.company.address)
        else:
            continue
        last = _stamp(last, answer_at)


def _may_hire(match: Match, at: dt.datetime) -> bool:
    """A hire the demo's checks accept: the vacancy keeps an opening and the resident has no other
    referral under way and no move after it, and holds no AK/I card (cards are for those looking)."""
    if match.seeker.ak1_number is not None or referrals.hires_count(match.vacancy) + 1 >= match.vacancy.openings:
        return False
    others = select(Match.id).where(Match.seeker_id == match.seeker_id, Match.id != match.id)
    if db.session.scalar(select(func.count()).select_from(Match).where(
            Match.id.in_(others), Match.status.in_(referrals.OPEN_REFERRAL))):
        return False
    latest = db.session.scalar(select(func.max(MatchEvent.at)).where(MatchEvent.match_id.in_(others)))
    return latest is None or latest < at


def _coming_fair(b, rng, nusa_jaya, staff, booths, residents, warga) -> None:
    fair = _fair(b, nusa_jaya, staff, COMING_DAY, name="Bursa Kerja Kecamatan Karawaci",
                 place="GOR Kecamatan Karawaci, Jl. Benteng Betawi", scope="kecamatan", capacity=600,
                 description="Untuk warga se-Kecamatan Karawaci. Daftar lewat LokerWarga untuk kartu peserta, "
                             "atau datang langsung: petugas membantu di pintu masuk.")
    brought = _join(b, fair, staff, booths[:-1], COMING_DAY)
    # The last company is invited and has not chosen its vacancies yet.
    company, _hrd = booths[-1]
    db.session.add(FairCompany(fair_id=fair.id, company_id=company.id, invited_by_id=staff.id,
                               invited_at=b.day(-3, 9)))
    vacancies = [v for chosen in brought.values() for v in chosen]
    invited = rng.sample(residents, min(len(residents), max(10, round(40 * b.scale))))
    for n, seeker in enumerate(invited):
        email = seeker.user is not None and seeker.user.email
        db.session.add(FairInvitation(fair_id=fair.id, seeker_id=seeker.id, vacancy_id=vacancies[n % len(vacancies)].id,
                                      channel="email" if email else "whatsapp", sent_by_id=staff.id,
                                      sent_at=b.day(-4, 10, n % 60)))
    for n, seeker in enumerate([warga] + [s for s in invited[::3] if s.id != warga.id]):
        db.session.add(FairPass(fair_id=fair.id, seeker_id=seeker.id, code=new_code(), channel="online",
                                registered_by_id=seeker.user_id, registered_at=b.day(-2, 19, n % 60)))
    db.session.flush()
