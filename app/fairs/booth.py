"""A company's booth at a fair. The resident shows their pass: that is their consent to share
their profile with this company (a FairVisit, once per pass and company). The booth then records,
per vacancy it brought, what happened: applied, an interview held on the spot, or shortlisted. The
record is one row per pass and vacancy: a repeated tap returns it, a further step advances it.
It creates or advances the resident's referral with the fair as its source and the employer as
its actor, so answers, hires and reminders follow as for any referral."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from ..core.timeutil import utcnow
from ..extensions import db
from ..models import Company, Fair, FairPass, FairRecord, FairVacancy, FairVisit, Match, User, Vacancy
from ..referrals import services as referrals
from ..referrals.notices import notify_resident
from .services import normalise_code

# The order of a booth's steps: a record only moves forward.
STEPS = {"applied": 1, "interview": 2, "shortlisted": 3}


def find_pass(fair: Fair, code: str) -> FairPass | None:
    code = normalise_code(code)
    if not code:
        return None
    return db.session.scalar(select(FairPass).where(FairPass.fair_id == fair.id, FairPass.code == code))


def show_pass(fair_pass: FairPass, company: Company, actor: User) -> FairVisit:
    """The pass shown at the company's booth: recorded once, as the resident's consent."""
    found = visit_of(fair_pass, company)
    if found is not None:
        return found
    visit = FairVisit(pass_id=fair_pass.id, company_id=company.id, actor_id=actor.id)
    try:
        with db.session.begin_nested():
            db.session.add(visit)
    except IntegrityError:  # two phones of one booth at once: the first stands
        return visit_of(fair_pass, company)
    return visit


def visit_of(fair_pass: FairPass, company: Company) -> FairVisit | None:
    return db.session.scalar(select(FairVisit).where(FairVisit.pass_id == fair_pass.id,
                                                     FairVisit.company_id == company.id))


def booth_vacancies(fair: Fair, company: Company) -> list[Vacancy]:
    """The vacancies the company brought to the fair and still has open (a booth records only these)."""
    return list(db.session.scalars(
        select(Vacancy).join(FairVacancy, FairVacancy.vacancy_id == Vacancy.id)
        .where(FairVacancy.fair_id == fair.id, Vacancy.company_id == company.id, Vacancy.status == "open")
        .order_by(Vacancy.title)))


def records_of(fair_pass: FairPass, company: Company) -> dict[int, FairRecord]:
    """The pass's records at this company's booth only, by vacancy."""
    return {r.vacancy_id: r for r in db.session.scalars(
        select(FairRecord).join(Vacancy).where(FairRecord.pass_id == fair_pass.id, Vacancy.company_id == company.id))}


def record(visit: FairVisit, vacancy: Vacancy, outcome: str, actor: User) -> tuple[FairRecord, bool]:
    """Record a booth step for the visit's pass and a vacancy of the booth's company; returns the
    record and whether anything changed. Never a second record or a second referral."""
    if outcome not in STEPS or vacancy.company_id != visit.company_id:
        raise ValueError("not a step of this booth")
    fair_pass = visit.fair_pass
    found = db.session.scalar(select(FairRecord).where(FairRecord.pass_id == fair_pass.id,
                                                       FairRecord.vacancy_id == vacancy.id))
    if found is not None and STEPS[outcome] <= STEPS[found.outcome]:
        return found, False
    if found is None:
        found = FairRecord(pass_id=fair_pass.id, vacancy_id=vacancy.id, outcome=outcome, actor_id=actor.id)
        try:
            with db.session.begin_nested():
                db.session.add(found)
        except IntegrityError:  # the same tap sent twice at once: the first stands
            found = db.session.scalar(select(FairRecord).where(FairRecord.pass_id == fair_pass.id,
                                                               FairRecord.vacancy_id == vacancy.id))
            return found, False
    found.outcome = outcome
    found.actor_id = actor.id
    found.match = _advance_referral(fair_pass, vacancy, outcome, actor)
    db.session.flush()
    return found, True


def _advance_referral(fair_pass: FairPass, vacancy: Vacancy, outcome: str, actor: User) -> Match:
    """The resident's referral for the vacancy, moved as far as the booth's step says. A closed
    one (hired, refused, withdrawn) stays as it is."""
    fair = fair_pass.fair
    match = db.session.scalar(select(Match).where(Match.seeker_id == fair_pass.seeker_id, Match.vacancy_id == vacancy.id))
    if match is None:
        match = Match(seeker_id=fair_pass.seeker_id, vacancy=vacancy, status="suggested", reasons=[])
        db.session.add(match)
        db.session.flush()
    moved = False
    if match.status in ("suggested", "dismissed"):
        referrals.move(match, "applied", actor, note=fair.name)
        match.fair_id, match.referred_at = fair.id, utcnow()
        moved = True
    if outcome == "interview" and referrals.can_move(match, "interview") and match.status != "interview":
        referrals.invite_interview(match, actor, utcnow(), note=fair.name, place=fair.place)
        moved = True
    db.session.flush()
    if moved:
        notify_resident(match)
    return match


def booth_counts(fair: Fair) -> list[tuple[str, int, int, int]]:
    """Per company at the fair: (name, passes shown, records, interviews held)."""
    visits = dict(db.session.execute(
        select(FairVisit.company_id, func.count()).join(FairPass).where(FairPass.fair_id == fair.id)
        .group_by(FairVisit.company_id)).all())
    rows = db.session.execute(
        select(Vacancy.company_id, func.count(), func.sum((FairRecord.outcome != "applied").cast(db.Integer)))
        .select_from(FairRecord).join(FairPass).join(Vacancy, Vacancy.id == FairRecord.vacancy_id)
        .where(FairPass.fair_id == fair.id).group_by(Vacancy.company_id)).tuples()
    records = {company_id: (count, int(interviews or 0)) for company_id, count, interviews in rows}
    names = dict(db.session.execute(select(Company.id, Company.name).where(
        Company.id.in_(set(visits) | set(records)))).all()) if (visits or records) else {}
    return sorted(((names[c], visits.get(c, 0), *records.get(c, (0, 0))) for c in names), key=lambda r: r[0])
