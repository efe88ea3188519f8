"""The demo data set: realistic, valid, consistent with the referral state machine, drawn from the
synthetic city's hidden utility (evaluation.synthetic), and the same on every run."""
from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections import Counter, defaultdict

import numpy as np
import pytest
from sqlalchemy import select

from app import labels
from app.auth.services import authenticate
from app.demo import load_demo, simulate
from app.extensions import db
from app.models import Company, ConsentRecord, Kelurahan, Match, MatchEvent, Role, SeekerProfile, User, Vacancy
from app.nik import check_nik
from app.referrals import OPEN_REFERRAL, TRANSITIONS
from app.timeutil import WIB, today_wib

TODAY = today_wib()


@pytest.fixture
def demo(app):
    started = time.perf_counter()
    counts = load_demo(today=TODAY)
    db.session.commit()
    counts["_seconds"] = time.perf_counter() - started
    return counts


def _events_by_match() -> dict[int, list[MatchEvent]]:
    grouped: dict[int, list[MatchEvent]] = defaultdict(list)
    for event in db.session.scalars(select(MatchEvent).order_by(MatchEvent.id)):
        grouped[event.match_id].append(event)
    return grouped


def _check_counts(demo):
    assert demo["_seconds"] < 40
    assert demo["kelurahan"] >= 3
    assert 800 <= demo["residents"] <= 950
    assert 20 <= demo["companies"] <= 30
    assert 180 <= demo["vacancies"] <= 220
    assert demo["events"] >= 2000
    assert demo["residents"] == db.session.query(SeekerProfile).count()
    assert demo["events"] == db.session.query(MatchEvent).count()
    assert demo["matches"] == db.session.query(Match).count()

    kelurahan = {k.name: k for k in db.session.scalars(select(Kelurahan))}
    assert {"Nusa Jaya", "Cimone", "Karawaci Baru"} <= set(kelurahan)
    nusa_jaya = kelurahan["Nusa Jaya"]
    assert (nusa_jaya.kecamatan, nusa_jaya.kota, nusa_jaya.provinsi) == ("Karawaci", "Kota Tangerang", "Banten")
    assert nusa_jaya.rw_list[:2] == ["01", "02"] and nusa_jaya.letter_code == "NJ" and nusa_jaya.lurah_name

    per_kelurahan = Counter(db.session.scalars(select(SeekerProfile.kelurahan_id)))
    assert per_kelurahan[nusa_jaya.id] >= 0.6 * demo["residents"]
    statuses = Counter(db.session.scalars(select(Vacancy.status)))
    assert statuses["open"] >= 15 and statuses["draft"] >= 1 and statuses["filled"] >= 1 and statuses["closed"] >= 1
    companies = Counter(db.session.scalars(select(Company.status)))
    assert 2 <= companies["pending"] <= 4


def _check_residents():
    profiles = db.session.scalars(select(SeekerProfile)).all()
    niks = [p.nik for p in profiles]
    assert len(set(niks)) == len(niks)
    for p in profiles:
        check_nik(p.nik, p.birth_date, p.sex)  # raises on any disagreement
        age = (TODAY - p.birth_date).days // 365
        assert 17 <= age <= 50, (p.full_name, p.birth_date)
        assert p.education in labels.EDUCATION
        assert set(p.shifts) <= set(labels.SHIFT) and p.shifts
        assert set(p.contract_wishes) <= set(labels.CONTRACT) and p.contract_wishes
        assert 4_500_000 <= p.expected_wage <= 6_500_000
        assert p.phone.startswith("08") and len(p.phone) == 12 and p.phone.isdigit()
        assert f"RT {p.rt} / RW {p.rw}" in p.address and len(p.rt) == 3 and len(p.rw) == 2
        assert p.consent_registration is True
        if p.education == "SMK":
            assert p.major in labels.SMK_MAJORS
    assert sum(p.nik.startswith("367107") for p in profiles) > len(profiles) / 2
    assert any(not p.nik.startswith("3671") for p in profiles)  # NIKs issued elsewhere
    assert Counter(p.sex for p in profiles).keys() == {"L", "P"}
    assert sum(p.education == "SMK" for p in profiles) > len(profiles) / 3
    assert 10 <= sum(p.verified_at is None for p in profiles) <= 20
    assert sum(p.consent_ranking for p in profiles) >= 0.9 * len(profiles)
    assert any(not p.consent_ranking for p in profiles)
    assert 1 <= sum(p.disability is True for p in profiles) <= 0.05 * len(profiles)
    assert Counter(p.status for p in profiles)["looking"] > len(profiles) / 2

    # Every consent flag is backed by records; the latest record per purpose agrees with the flag.
    latest: dict[tuple[int, str], ConsentRecord] = {}
    for record in db.session.scalars(select(ConsentRecord).order_by(ConsentRecord.at, ConsentRecord.id)):
        assert record.text_version == labels.CONSENT_TEXT_VERSION
        latest[(record.seeker_id, record.purpose)] = record
    for p in profiles:
        for purpose in labels.CONSENT_PURPOSES:
            assert latest[(p.id, purpose)].granted == getattr(p, f"consent_{purpose}")


def _check_accounts():
    nusa_jaya = db.session.scalar(select(Kelurahan).where(Kelurahan.name == "Nusa Jaya"))
    expected = {
        "admin@demo.test": Role.ADMIN,
        "petugas@demo.test": Role.STAFF,
        "hrd@demo.test": Role.EMPLOYER,
        "warga@demo.test": Role.SEEKER,
        "kota@demo.test": Role.CITY,
    }
    for email, role in expected.items():
        user = authenticate(email, "demo12345")
        assert user is not None and user.role == role and user.name, email
    users = {u.email: u for u in db.session.scalars(select(User).where(User.email.in_(expected)))}
    assert users["admin@demo.test"].kelurahan_id == nusa_jaya.id
    assert users["petugas@demo.test"].kelurahan_id == nusa_jaya.id
    assert users["kota@demo.test"].kelurahan_id is None
    neighbours = db.session.scalars(select(User).where(User.role == Role.STAFF,
                                                       User.kelurahan_id != nusa_jaya.id)).all()
    assert len({u.kelurahan_id for u in neighbours}) >= 2

    # Some residents log in with their phone number.
    resident_user = db.session.scalar(select(User).where(User.role == Role.SEEKER, User.email.is_(None)).limit(1))
    assert authenticate(resident_user.phone, "demo12345") is not None


def _check_hrd_company():
    hrd = db.session.scalar(select(User).where(User.email == "hrd@demo.test"))
    company = db.session.get(Company, hrd.company_id)
    assert company.status == "verified" and company.kbli_code.startswith("2") and len(company.kbli_code) == 5
    vacancies = db.session.scalars(select(Vacancy).where(Vacancy.company_id == company.id)).all()
    assert sum(v.status == "open" for v in vacancies) >= 3
    matches = db.session.scalars(select(Match).join(Vacancy).where(Vacancy.company_id == company.id)).all()
    states = Counter(m.status for m in matches)
    assert all(states[s] >= 1 for s in ("referred", "interview", "hired", "refused")), states

    now = dt.datetime.now(dt.timezone.utc)
    waiting = [m for m in matches if m.status == "referred"]
    stale = [m for m in waiting if dt.timedelta(days=7.5) < now - m.referred_at < dt.timedelta(days=13)]
    recent = [m for m in waiting if now - m.referred_at < dt.timedelta(days=4)]
    assert len(stale) >= 2 and len(recent) >= 1


def _check_demo_resident():
    user = db.session.scalar(select(User).where(User.email == "warga@demo.test"))
    profile = db.session.scalar(select(SeekerProfile).where(SeekerProfile.user_id == user.id))
    assert profile.kelurahan.name == "Nusa Jaya"
    assert (profile.education, profile.major) == ("SMK", "Teknik Mesin")
    assert {"las listrik", "bubut", "membaca gambar teknik"} <= set(profile.skills)
    assert profile.experiences and all(e.title and e.employer and e.years > 0 for e in profile.experiences)
    assert profile.consent_sharing and profile.consent_ranking and profile.verified_at is not None
    assert profile.status == "looking"
    statuses = Counter(db.session.scalars(select(Match.status).where(Match.seeker_id == profile.id)))
    assert statuses["referred"] + statuses["interview"] >= 1
    assert statuses["refused"] >= 1


def _check_state_machine(events):
    matches = {m.id: m for m in db.session.scalars(select(Match))}
    now = dt.datetime.combine(TODAY, dt.time(), WIB)
    valid_outcomes = {"referred", "interview", "hired", "refused", "dismissed", "interested", "withdrawn"}
    reasons = {
        "refused": set(labels.REFUSAL_REASONS),
        "dismissed": set(labels.DISMISS_REASONS),
        "withdrawn": set(labels.CLOSE_REASONS),
    }
    for match_id, moves in events.items():
        match = matches[match_id]
        assert moves[0].from_status in (None, "suggested")
        previous = None
        for event in moves:
            assert event.at.tzinfo is not None and event.at < now
            assert event.actor_id is not None
            assert event.outcome in valid_outcomes
            if event.outcome == "interested":
                assert event.to_status == "suggested"
            else:
                assert event.outcome == event.to_status
                assert event.to_status in TRANSITIONS[event.from_status or "suggested"], event.to_status
            if event.to_status in reasons:
                assert event.reason_code in reasons[event.to_status], (event.to_status, event.reason_code)
            if previous is not None:
                assert event.from_status == previous.to_status
                assert event.at > previous.at
            previous = event
        assert match.status == moves[-1].to_status
        assert match.interested == any(e.outcome == "interested" for e in moves)
        referred = [e.at for e in moves if e.to_status == "referred"]
        assert match.referred_at == (referred[0] if referred else None)
        if match.status == "hired":
            assert match.start_date is not None and match.contract_type in labels.CONTRACT
    assert set(matches) == set(events)  # no history row without a decision

    all_times = [e.at for moves in events.values() for e in moves]
    assert len(all_times) >= 2000
    assert (max(all_times) - min(all_times)).days >= 300
    assert (now - min(all_times)).days <= 366  # the last twelve months
    decisions = [e for moves in events.values() for e in moves if e.outcome != "withdrawn"]
    per_month = Counter(e.at.astimezone(WIB).strftime("%Y-%m") for e in decisions)
    assert len(decisions) >= 2000 and len(per_month) >= 12 and min(per_month.values()) >= 50, per_month
    outcomes = Counter(e.outcome for moves in events.values() for e in moves)
    assert all(outcomes[o] > 0 for o in valid_outcomes), outcomes


def _check_hires(events):
    matches = db.session.scalars(select(Match)).all()
    by_vacancy: dict[int, list[Match]] = defaultdict(list)
    by_seeker: dict[int, list[Match]] = defaultdict(list)
    for m in matches:
        by_vacancy[m.vacancy_id].append(m)
        by_seeker[m.seeker_id].append(m)

    for vacancy in db.session.scalars(select(Vacancy)):
        hires = sum(m.status == "hired" for m in by_vacancy[vacancy.id])
        assert hires <= vacancy.openings
        assert (hires == vacancy.openings) == (vacancy.status == "filled"), (vacancy.title, hires, vacancy.status)
        if vacancy.status in ("filled", "closed", "draft"):
            assert not any(m.status in OPEN_REFERRAL for m in by_vacancy[vacancy.id])
        assert vacancy.wage_min <= vacancy.wage_max and 1 <= vacancy.openings <= 5
        assert vacancy.contract_type in labels.CONTRACT and vacancy.shift in labels.SHIFT
    assert sum(v.wage_min < 5_399_406 for v in db.session.scalars(select(Vacancy).where(Vacancy.status == "open"))) >= 1

    for profile in db.session.scalars(select(SeekerProfile)):
        own = by_seeker[profile.id]
        hired = [m for m in own if m.status == "hired"]
        if profile.status != "working":
            assert not hired
            assert not any(m.reason_code == "hired_elsewhere" for m in own)
            continue
        assert len(hired) == 1
        hired_at = next(e.at for e in events[hired[0].id] if e.to_status == "hired")
        for other in own:
            if other is hired[0]:
                continue
            assert other.status not in OPEN_REFERRAL
            for event in events[other.id]:
                if event.at > hired_at:  # after the hire only closures and stale dismissals
                    assert (event.to_status, event.reason_code) in {("withdrawn", "hired_elsewhere"),
                                                                    ("dismissed", "already_working")}


# Loading takes several seconds, so one test checks everything of one load.
def test_places_people_accounts_and_history(demo):
    _check_counts(demo)
    _check_residents()
    _check_accounts()
    events = _events_by_match()
    _check_state_machine(events)
    _check_hires(events)
    _check_hrd_company()  # the demo accounts have something to show
    _check_demo_resident()


def _fingerprint() -> str:
    parts = []
    parts += sorted(s.nik for s in db.session.scalars(select(SeekerProfile)))
    parts += sorted(db.session.scalars(select(SeekerProfile.full_name)))
    parts += [f"{t}|{s}|{o}" for t, s, o in db.session.execute(
        select(Vacancy.title, Vacancy.status, Vacancy.openings).order_by(Vacancy.id))]
    parts += [f"{o}|{r}|{a.isoformat()}" for o, r, a in db.session.execute(
        select(MatchEvent.outcome, MatchEvent.reason_code, MatchEvent.at).order_by(MatchEvent.at, MatchEvent.id))]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def test_two_runs_give_identical_data(app):
    # A reduced data set: the same code path, a quarter of the rows (the full-size simulation is
    # compared below, without the database).
    load_demo(today=TODAY, scale=0.25)
    db.session.flush()
    first = _fingerprint()
    db.session.rollback()
    assert db.session.query(SeekerProfile).count() == 0
    load_demo(today=TODAY, scale=0.25)
    assert _fingerprint() == first
    db.session.rollback()


# ---- the truth behind the history ------------------------------------------------------------------

@pytest.fixture(scope="module")
def built():
    return simulate(today=TODAY)


def _drawn(b):
    """Pairs whose decisions were drawn (not scripted) and reached a staff decision."""
    return [p for v in b.vacancies for p in v.plans
            if p.script is None and any(e.outcome in ("referred", "dismissed") for e in p.events)]


def test_history_is_drawn_from_the_synthetic_utility(built):
    from evaluation import synthetic

    b = built
    assert isinstance(b.hidden, synthetic.Hidden)
    assert len(b.hidden.seekers) == len(b.residents) and len(b.hidden.vacancies) == len(b.vacancies)
    r, v = b.residents[0], b.vacancies[0]
    assert b.utility(r, v) == synthetic.true_utility(b.hidden.seeker_records[r.idx], b.hidden.vacancy_records[v.idx],
                                                     hidden=b.hidden)
    pairs = _drawn(b)
    assert len(pairs) >= 2000
    u = np.array([b.utility(p.resident, p.vacancy) for p in pairs])
    outcomes = [{e.outcome for e in p.events} for p in pairs]
    quarter = np.digitize(u, np.quantile(u, [0.25, 0.5, 0.75]))
    for outcome in ("referred", "interview", "hired"):
        share = [np.mean([outcome in outcomes[i] for i in np.flatnonzero(quarter == q)]) for q in range(4)]
        assert all(a < b_ for a, b_ in zip(share, share[1:])), (outcome, share)  # rises with the true utility
    hired = np.array(["hired" in o for o in outcomes])
    assert u[hired].mean() > u[~hired].mean() + 0.5
    assert any("interested" in o for o in outcomes)  # residents' own choices are part of the history


def test_truth_is_declared_in_synthetic_terms(built):
    from evaluation import synthetic

    from app import demo

    assert not hasattr(demo, "hidden_utility")  # no utility of its own
    assert set(demo.SYNTH_FAMILY) == {p.key for p in demo.POSITIONS}
    assert set(demo.SYNTH_FAMILY.values()) <= {f.name for f in synthetic.FAMILIES}
    every_text = {t for p in demo.POSITIONS for t in (*p.skills, *p.certificates)} | set(demo.GENERAL_SKILLS)
    assert every_text <= set(demo.CONCEPT)
    assert {c for c in demo.CONCEPT.values() if c} <= synthetic.concept_keys()
    warga = built.warga
    truth = built.hidden.seekers[warga.idx]
    names = [f.name for f in synthetic.FAMILIES]
    assert names[int(np.argmax(truth["family_weights"]))] == "permesinan"
    assert {"las", "bubut", "gambar_teknik"} <= truth["skills"]


def test_simulation_is_deterministic(built):
    again = simulate(today=TODAY)
    first = [(p.resident.nik, p.vacancy.idx, [(e.outcome, e.at) for e in p.events])
             for v in built.vacancies for p in v.plans]
    assert first == [(p.resident.nik, p.vacancy.idx, [(e.outcome, e.at) for e in p.events])
                     for v in again.vacancies for p in v.plans]
    other = simulate(seed=7, today=TODAY, scale=0.2)
    assert [r.nik for r in other.residents[:20]] != [r.nik for r in built.residents[:20]]


def test_evaluation_runs_on_a_reduced_demo(app):
    """Not a quality claim (the figures are in the README): the report covers every baseline."""
    from app.ranking.models import evaluate_current

    load_demo(today=TODAY, scale=0.25)
    db.session.commit()
    result = evaluate_current(n_boot=50)
    assert result["config"]["n_vacancy_queries"] >= 5 and result["config"]["n_seeker_queries"] >= 5
    for direction in ("vacancy -> seekers", "seeker -> vacancies"):
        table = result["directions"][direction]
        assert {"engine", "engine (no feedback)", "random", "popularity", "tfidf", "tfidf_area"} <= set(table)
        comparison = result["comparison"][direction]
        assert comparison["best_baseline"] in {"random", "popularity", "tfidf", "tfidf_area"}
        lo, hi = comparison["ndcg@10 difference"][1:]
        assert lo <= hi
    fairness = result["fairness"]["engine"]
    assert set(fairness) == {"sex", "age_band", "rw", "disability"}
    assert all(group.split(" RW ")[0] in {"Nusa Jaya", "Cimone", "Karawaci Baru"} for group in fairness["rw"])
