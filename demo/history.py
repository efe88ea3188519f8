"""The referral history: the truth about every resident and vacancy declared to
evaluation.synthetic, the pairs staff shortlist and residents pick, the decisions
evaluation.synthetic.sample_outcomes draws for them, and the event loop that plays those decisions
in time order under the rules of the referral state machine."""
from __future__ import annotations

import datetime as dt
import heapq

from app.core import labels
from app.core.timeutil import WIB
from app.ranking import seeker_record, vacancy_record
from evaluation import synthetic

from .builder import UTC, Builder
from .catalogue import area_of
from .positions import POSITIONS, SYNTH_FAMILY, concepts
from .records import Event, Plan, Resident, VacancySpec

SHORTLIST_PAST = 28  # staff look at about this many residents (plus five per opening) for a past vacancy
SHORTLIST_OPEN = 10  # and this many (plus three per opening) for one still open
BROWSE_DAYS = 30.0  # a resident with a login looks at the open vacancies about this often


# ---- the hidden truth -------------------------------------------------------------------

def declare_truth(b: Builder) -> None:
    """Write every resident and vacancy as a record of the ranking engine (made by app/ranking)
    and declare what is true about them to evaluation.synthetic: job families, the concepts
    behind skills and certificates, experience per family, and the hidden traits
    (employability, selectivity) that no record shows."""
    hidden = synthetic.Hidden()
    for r in b.residents:
        record = seeker_record(r.idx, education=r.education, major=r.major,
                               area=area_of(r.kel.key) + (f"RW {r.rw}",), expected_wage=r.expected_wage,
                               shifts=tuple(r.shifts))
        main = SYNTH_FAMILY[r.position.key]
        others = sorted({SYNTH_FAMILY[p.key] for p in r.desired} - {main})
        families = {main: 1.0, **{f: 0.6 / len(others) for f in others}}
        years: dict[str, float] = {}
        for pos, _employer, y in r.experience:
            years[SYNTH_FAMILY[pos.key]] = years.get(SYNTH_FAMILY[pos.key], 0.0) + y
        majors = {SYNTH_FAMILY[p.key] for p in POSITIONS if r.major and r.major in p.majors + p.degrees}
        hidden.add_seeker(record, families=families, skills=concepts(r.skills) | concepts(r.certificates),
                          years=years, major_families=majors,
                          employability=float(b.np_rng.normal(0, synthetic.EMPLOYABILITY_SD)))
    for v in b.vacancies:
        record = vacancy_record(v.idx, v.title, education_min=v.education_min, area=area_of(v.zone),
                                wage_min=v.wage_min, wage_max=v.wage_max, shifts=(v.shift,))
        hidden.add_vacancy(record, family=SYNTH_FAMILY[v.position.key], skills=concepts(v.skills),
                           certificates=concepts(v.certificates),
                           selectivity=float(b.np_rng.normal(0, synthetic.SELECTIVITY_SD)))
    b.hidden = hidden


# ---- who looks at which pair ------------------------------------------------------------

def education_ok(r: Resident, v: VacancySpec) -> bool:
    return labels.EDUCATION_RANK[r.education] >= labels.EDUCATION_RANK[v.education_min]


def eligible(r: Resident, v: VacancySpec) -> bool:
    """Whether staff may shortlist the resident: verified, consenting, schooled enough, and not
    kept for a scripted case."""
    return (not r.reserved and r.verified_at is not None and r.consent_sharing and r.consent_ranking
            and education_ok(r, v))


def new_plan(b: Builder, r: Resident, v: VacancySpec, at: dt.datetime, via: str) -> Plan:
    """A pair someone looked at, with the decisions evaluation.synthetic.sample_outcomes draws for it
    (staff refer or dismiss, the employer interviews or refuses, then hires or refuses). The event
    loop plays them in time order and may cut them short (a hire elsewhere, a full vacancy)."""
    draws = synthetic.sample_outcomes(b.hidden.seeker_records[r.idx], b.hidden.vacancy_records[v.idx],
                                      b.np_rng, 0.0, via, b.hidden)
    if via == "interest":
        draws = draws[1:]  # the "interested" statement itself: the event loop records it
    plan = Plan(r, v, at, via=via)
    previous = 0.0
    for step, f in zip(("staff", "employer", "result"), draws):
        plan.episode[step] = (f.outcome, f.at - previous)
        previous = f.at
    r.plans.append(plan)
    v.plans.append(plan)
    b.planned.add((r.idx, v.idx))
    return plan


def end_of(b: Builder, v: VacancySpec) -> dt.datetime:
    """The last moment the vacancy takes new decisions: its deadline, or now if that is earlier."""
    return min(b.now, dt.datetime.combine(v.deadline, dt.time(16), WIB).astimezone(UTC))


def plan_history(b: Builder) -> None:
    """Queue the first decision of every pair someone looks at, and the closing of past vacancies."""
    rng = b.rng
    # Staff shortlist residents for each vacancy: those who look best to them (the true utility
    # seen with noise), as the synthetic city's desk does.
    for v in b.vacancies:
        if v.phase == "draft" or v.scripted_only:
            continue
        end = end_of(b, v)
        pool = [r for r in b.residents if eligible(r, v) and r.verified_at < end - dt.timedelta(days=3)]
        seen = sorted(((b.utility(r, v, noise=1.0), r.idx, r) for r in pool), key=lambda item: (-item[0], item[1]))
        size = (SHORTLIST_PAST + 5 * v.openings + rng.randint(0, 12) if v.phase == "history"
                else SHORTLIST_OPEN + 3 * v.openings + rng.randint(0, 6))
        for _seen, _i, r in seen[:size]:
            start = max(v.posted, r.verified_at)
            plan = new_plan(b, r, v, start + dt.timedelta(hours=rng.uniform(1, 30)), "staff")
            b.push(b.office(plan.suggested_at, rng.uniform(1.5, 9)), "staff", plan)
        if v.phase == "history":  # employers finish hiring up to three weeks after the deadline
            close = dt.datetime.combine(v.deadline + dt.timedelta(days=21), dt.time(15), WIB).astimezone(UTC)
            b.push(min(close, b.day(-1, 15)), "close", v)
    # Residents with a login look at the open vacancies now and then and say "saya berminat" to
    # the one they like best (again the true utility seen with noise).
    listed = [v for v in b.vacancies if v.phase != "draft" and not v.scripted_only]
    for r in b.residents:
        if not r.has_login or r.reserved or r.verified_at is None or not (r.consent_sharing and r.consent_ranking):
            continue
        at = r.verified_at + dt.timedelta(days=rng.expovariate(1 / BROWSE_DAYS))
        while at < b.now - dt.timedelta(hours=2):
            choices = [v for v in listed if v.posted <= at < end_of(b, v) and education_ok(r, v)]
            if choices:
                seen = [(b.utility(r, v, noise=1.0), -v.idx, v) for v in choices]
                best = max(seen, key=lambda item: item[:2])[2]
                if (r.idx, best.idx) not in b.planned:
                    plan = new_plan(b, r, best, at - dt.timedelta(hours=rng.uniform(1, 48)), "interest")
                    b.push(at, "interest", plan)
            at += dt.timedelta(days=rng.expovariate(1 / BROWSE_DAYS))


# ---- recording moves --------------------------------------------------------------------

def move(b: Builder, plan: Plan, at: dt.datetime, to_status: str, actor, reason: str | None = None,
         outcome: str | None = None) -> None:
    """Record a move, on the minute and at least a minute after the pair's previous one."""
    at = max(at.replace(second=0, microsecond=0), plan.last_at + dt.timedelta(minutes=1))
    plan.events.append(Event(at, plan.status, to_status, outcome or to_status, reason, actor))
    plan.status = to_status


def staff_actor(b: Builder, r: Resident) -> tuple[str, str]:
    """Who records a staff decision: the resident's kelurahan staff, in Nusa Jaya now and then the admin."""
    return ("admin", "NJ") if r.kel.key == "NJ" and b.rng.random() < 0.1 else ("staff", r.kel.key)


def hire(b: Builder, plan: Plan, at: dt.datetime) -> None:
    """A hire closes the resident's other open referrals, and the vacancy's once it is full."""
    r, v = plan.resident, plan.vacancy
    move(b, plan, at, "hired", ("employer", v.company))
    plan.start_date = (at.astimezone(WIB) + dt.timedelta(days=b.rng.randint(3, 14))).date()
    plan.contract = v.contract
    r.working = True
    for other in r.plans:
        if other is not plan and other.status in ("referred", "interview"):
            move(b, other, at + dt.timedelta(minutes=2), "withdrawn", staff_actor(b, r), "hired_elsewhere")
    v.hires += 1
    if v.hires >= v.openings:
        v.filled_at = at
        for other in v.plans:
            if other.status in ("referred", "interview"):
                move(b, other, at + dt.timedelta(minutes=3), "withdrawn", ("employer", v.company),
                     "vacancy_filled")


# ---- the event loop ---------------------------------------------------------------------

def run_events(b: Builder) -> None:
    """Play the queued decisions in time order up to the reference date; each may queue the next."""
    rng = b.rng
    while b.queue:
        at, _seq, kind, obj = heapq.heappop(b.queue)
        if at >= b.now:
            break  # the future: these decisions are still waiting
        if kind == "close":
            v = obj
            if v.filled_at is None:
                v.closed = True
                for plan in v.plans:
                    if plan.status in ("referred", "interview"):
                        move(b, plan, at, "withdrawn", ("employer", v.company), "vacancy_closed")
            continue
        plan: Plan = obj
        r, v = plan.resident, plan.vacancy
        script = plan.script or {}
        if kind == "interest":
            if plan.status == "suggested" and not plan.interested and not r.working and v.filled_at is None \
                    and not v.closed:
                plan.interested = True
                actor = ("resident", r.idx) if r.has_login else ("staff", r.kel.key)
                move(b, plan, at, "suggested", actor, outcome="interested")
                if "staff" in plan.episode:  # staff look at the interest within a few days
                    b.push(b.office(at, plan.episode["staff"][1]), "staff", plan)
        elif kind == "staff":
            if plan.status != "suggested" or v.filled_at is not None or v.closed \
                    or at.astimezone(WIB).date() > v.deadline:
                continue
            if "staff" in script:
                decision, reason = script["staff"]
            elif r.working:
                # The ranker stops suggesting working residents; a stale suggestion is dismissed.
                decision, reason = ("dismissed", "already_working") if rng.random() < 0.25 else (None, None)
            else:
                decision = plan.episode["staff"][0]
                reason = None if decision == "referred" else dismiss_reason(b, r, v)
            if decision is None:
                continue
            move(b, plan, at, decision, staff_actor(b, r), reason)
            if decision == "referred":
                plan.referred_at = plan.events[-1].at
                delay = plan.episode["employer"][1] if "employer" in plan.episode else 3.0
                b.push(script.get("employer_at") or b.office(plan.referred_at, delay), "employer", plan)
        elif kind == "employer":
            if plan.status != "referred":
                continue
            if "employer" in script:
                decision, reason = script["employer"]
            else:
                decision = plan.episode["employer"][0]
                reason = None if decision == "interview" else refusal_reason(b, r, v, stage="screen")
            move(b, plan, at, decision, ("employer", v.company), reason)
            if decision == "interview":
                invited = plan.events[-1].at
                delay = plan.episode["result"][1] if "result" in plan.episode else 3.0
                plan.interview_at = script.get("interview_at") or b.office(invited, max(1.0, 0.6 * delay))
                b.push(script.get("result_at") or plan.interview_at + dt.timedelta(hours=rng.uniform(1, 5))
                       + dt.timedelta(days=rng.choice((0, 0, 1, 2))), "result", plan)
        elif kind == "result":
            if plan.status != "interview":
                continue
            if "result" in script:
                decision, reason = script["result"]
            else:
                decision = plan.episode["result"][0]
                reason = None if decision == "hired" else result_reason(b, r, v)
            if decision == "hired" and (r.working or v.hires >= v.openings):
                decision, reason = "refused", "position_filled"
            if decision == "hired":
                hire(b, plan, at)
            else:
                move(b, plan, at, decision, ("employer", v.company), reason)


# ---- reasons ----------------------------------------------------------------------------

def dismiss_reason(b: Builder, r: Resident, v: VacancySpec) -> str:
    """Why staff dismissed a suggestion: mostly the requirements the resident misses."""
    rng = b.rng
    have = set(r.skills)
    skill_share = sum(1 for s in v.skills if s in have) / max(1, len(v.skills))
    missing_cert = any(c not in r.certificates for c in v.certificates)
    if missing_cert or r.years_in(v.family) < v.experience_min or skill_share < 0.25:
        if rng.random() < 0.75:
            return "requirements"
    if r.family != v.family and v.position not in r.desired and rng.random() < 0.7:
        return "not_interested"
    return rng.choices(("unreachable", "not_interested", "requirements", "other"), weights=(4, 3, 2, 1))[0]


def result_reason(b: Builder, r: Resident, v: VacancySpec) -> str:
    """Why a refusal after the interview: sometimes the resident did not come or turned the offer down."""
    roll = b.rng.random()
    if roll < 0.12:
        return "no_show"
    if r.expected_wage > v.wage_max and roll < 0.5:
        return "declined"
    return refusal_reason(b, r, v, stage="interview")


def refusal_reason(b: Builder, r: Resident, v: VacancySpec, stage: str) -> str:
    """Why the employer refused, at the screening of the referral or after the interview."""
    rng = b.rng
    have = set(r.skills)
    skill_share = sum(1 for s in v.skills if s in have) / max(1, len(v.skills))
    if skill_share < 0.5 and rng.random() < 0.6:
        return "skills"
    if r.years_in(v.family) < max(1.0, v.experience_min) and rng.random() < 0.5:
        return "experience"
    if stage == "screen":
        return rng.choices(("documents", "skills", "experience", "other"), weights=(3, 3, 2, 2))[0]
    return rng.choices(("skills", "experience", "other", "documents"), weights=(4, 3, 2, 1))[0]
