"""The only place that turns database rows into matching inputs and stores suggestions back.

One engine per application, built lazily from the database. A profile or vacancy change
updates the engine in place (no refit) and refreshes the stored suggestions it affects.

With RANKING_UPDATES = "worker" (what `make serve` uses) the web processes never hold an engine:
a change queues a "ranking.refresh" job and the one background worker, whose engine every
change reaches, updates the suggestions a moment later. Several web processes with an engine
each would cost its memory and its build time in each of them, and each would see only the
changes that passed through it. "inline" (the default: development, tests, the command line,
the worker itself) refreshes in the calling process.

The engine (matching/: numpy, scipy, scikit-learn) is imported only by the functions that build or
feed it, never when the app is imported: a page, including one showing stored suggestions and
their reasons (rendered by .reasons from the app's catalogue), needs none of it, and a web process
of the "worker" mode never loads it at all."""
from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from flask import current_app
from sqlalchemy import delete, or_, select
from sqlalchemy.orm import selectinload

from .. import jobs
from ..core.timeutil import utcnow
from ..extensions import db
from ..models import Company, Kelurahan, Match, MatchEvent, RankingModel, SeekerProfile, Vacancy
from .availability import unavailable_seeker_ids
from .models import load_engine
from .reasons import explain, reason_groups, render_reason, resident_view  # noqa: F401 (the package's API)

if TYPE_CHECKING:  # annotations only: importing the engine loads scikit-learn
    import matching

PRIOR_VERSION = "prior-1"
_lock = threading.RLock()  # update() must not run while another thread ranks


@dataclass
class _State:
    engine: matching.MatchEngine
    version: str


def to_seeker(profile: SeekerProfile) -> matching.Seeker:
    import matching  # here, not at the top: the web app is imported without scikit-learn

    eligible = profile.status == "looking" and profile.consent_registration and profile.consent_ranking
    return matching.Seeker(
        id=profile.id,
        education=profile.education or None,
        major=profile.major or "",
        skills=tuple(profile.skills or ()),
        certificates=tuple(profile.certificates or ()),
        experience=tuple(matching.Experience(e.title, float(e.years or 0), e.description or "")
                         for e in profile.experiences),
        desired_positions=tuple(profile.desired_positions or ()),
        area=profile.area,
        about=profile.about or "",
        expected_wage=profile.expected_wage,
        shifts=tuple(profile.shifts or ()),
        ranking_opt_out=not eligible,
    )


def to_vacancy(vacancy: Vacancy) -> matching.Vacancy:
    import matching  # here, not at the top: the web app is imported without scikit-learn

    return matching.Vacancy(
        id=vacancy.id,
        title=vacancy.title,
        description=vacancy.description or "",
        skills=tuple(vacancy.skills or ()),
        certificates=tuple(vacancy.certificates or ()),
        required_licences=tuple(vacancy.required_licences or ()),
        preferred_licences=tuple(vacancy.preferred_licences or ()),
        education_min=vacancy.education_min or None,
        experience_years_min=float(vacancy.experience_years_min or 0),
        area=vacancy.area,
        wage_min=vacancy.wage_min,
        wage_max=vacancy.wage_max,
        shifts=(vacancy.shift,) if vacancy.shift else (),
        openings=max(1, vacancy.openings or 1),
        open=vacancy.status == "open" and vacancy.company.status == "verified",
    )


def seeker_record(seeker_id: int, **fields) -> matching.Seeker:
    """A resident as the engine sees one, built from plain values (fields of matching.Seeker)
    rather than from a row: for data drawn before any row exists, such as the demo's history."""
    import matching  # when called, not when the web app is imported: the engine brings scikit-learn

    return matching.Seeker(seeker_id, **fields)


def vacancy_record(vacancy_id: int, title: str, **fields) -> matching.Vacancy:
    """A vacancy as the engine sees one, built from plain values (fields of matching.Vacancy)."""
    import matching  # when called, not when the web app is imported: the engine brings scikit-learn

    return matching.Vacancy(vacancy_id, title, **fields)


def feedback_rows() -> list[matching.Feedback]:
    import matching  # here, not at the top: the web app is imported without scikit-learn

    rows = db.session.execute(
        select(Match.seeker_id, Match.vacancy_id, MatchEvent.outcome, MatchEvent.at)
        .join(MatchEvent, MatchEvent.match_id == Match.id)
        # Only residents who accept automated ranking: one who objects leaves training too.
        .join(SeekerProfile, SeekerProfile.id == Match.seeker_id)
        .where(SeekerProfile.consent_ranking.is_(True))
        .where(MatchEvent.outcome.in_(("interested", "dismissed", "referred", "interview", "hired", "refused")))
        # A "saya berminat" the resident took back (app/referrals/packet.py) is no longer evidence.
        .where(or_(MatchEvent.outcome != "interested", Match.interested.is_(True)))
        .order_by(MatchEvent.at)
    )
    return [matching.Feedback(s, v, outcome, at) for s, v, outcome, at in rows]


def _load_all():
    seekers = db.session.scalars(
        select(SeekerProfile).options(selectinload(SeekerProfile.experiences), selectinload(SeekerProfile.kelurahan))
    ).all()
    vacancies = db.session.scalars(
        select(Vacancy).options(selectinload(Vacancy.company).selectinload(Company.kelurahan),
                                selectinload(Vacancy.kelurahan))
    ).all()
    return [to_seeker(s) for s in seekers], [to_vacancy(v) for v in vacancies]


def build_engine() -> _State:
    import matching  # only where an engine is built: the web app is imported without scikit-learn

    seekers, vacancies = _load_all()
    active = db.session.scalar(select(RankingModel).where(RankingModel.active.is_(True)))
    feedback = feedback_rows()
    if active is not None and active.artifact:
        # The stored weights rank; the current "saya berminat" statements still count as evidence.
        interested = [f for f in feedback if f.outcome == "interested"]
        return _State(load_engine(active.artifact).fit(seekers, vacancies, interested), active.version)
    engine = matching.MatchEngine().fit(seekers, vacancies, feedback=feedback)
    return _State(engine, PRIOR_VERSION if engine.blend_ == 0 else f"auto-{engine.n_feedback_}")


def _active_version() -> str | None:
    return db.session.scalar(select(RankingModel.version).where(RankingModel.active.is_(True)))


def state() -> _State:
    holder = current_app.extensions.setdefault("lokerwarga.ranking", {})
    with _lock:
        current = holder.get("state")
        if current is not None:
            # Another process (admin, `flask matching train`) may have activated another model.
            active = _active_version()
            if (current.version != active) if active else current.version.startswith("m"):
                current = None
        if current is None:
            current = holder["state"] = build_engine()
        return current


def updates_deferred(defer: bool | None = None) -> bool:
    """Whether refreshes go to the background worker instead of running here."""
    if defer is not None:
        return defer
    return current_app.config.get("RANKING_UPDATES", "inline") == "worker"


def _queue_refresh(seekers=(), vacancies=()) -> None:
    jobs.enqueue("ranking.refresh", params={"seekers": list(seekers), "vacancies": list(vacancies)})


def reset() -> None:
    """Forget the in-memory engine; the next use rebuilds it from the database."""
    current_app.extensions.get("lokerwarga.ranking", {}).pop("state", None)


def _upsert(suggestions, st: _State) -> None:
    if not suggestions:
        return
    pairs = {(s.seeker_id, s.vacancy_id): s for s in suggestions}
    seeker_ids = {s.seeker_id for s in suggestions}
    vacancy_ids = {s.vacancy_id for s in suggestions}
    existing = {
        (m.seeker_id, m.vacancy_id): m
        for m in db.session.scalars(
            select(Match).where(Match.seeker_id.in_(seeker_ids), Match.vacancy_id.in_(vacancy_ids))
        )
    }
    for key, suggestion in pairs.items():
        reasons = [{"code": r.code, "share": round(float(r.share), 4), "params": dict(r.params)}
                   for r in suggestion.reasons]
        match = existing.get(key)
        if match is None:
            db.session.add(Match(seeker_id=key[0], vacancy_id=key[1], status="suggested",
                                 score=float(suggestion.score), reasons=_plain(reasons), model_version=st.version))
        elif match.status == "suggested":
            match.score = float(suggestion.score)
            match.reasons = _plain(reasons)
            match.model_version = st.version
    db.session.flush()


def _plain(value):
    """Tuples to lists, numpy numbers to Python ones: what JSON columns store."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "item"):
        return value.item()
    return value


def _drop_stale(condition, keep: set[int]) -> None:
    """Suggestions nobody acted on that the engine no longer makes."""
    stale = select(Match.id).where(condition, Match.status == "suggested", Match.interested.is_(False))
    if keep:
        stale = stale.where(Match.id.not_in(keep))
    db.session.execute(delete(Match).where(Match.id.in_(stale.scalar_subquery())),
                       execution_options={"synchronize_session": False})


def refresh_vacancy(vacancy: Vacancy, defer: bool | None = None) -> int:
    """Re-rank residents for one vacancy, kelurahan by kelurahan, and store the suggestions
    (or queue that for the worker: 0 suggestions now)."""
    if updates_deferred(defer):
        db.session.flush()
        _queue_refresh(vacancies=[vacancy.id])
        return 0
    return store_vacancy_suggestions(vacancy, rank_vacancy(vacancy))


def rank_vacancy(vacancy: Vacancy) -> list:
    """The suggestions for one vacancy, computed without writing anything (a long refresh does
    this outside any write transaction, then stores them in a short one)."""
    st = state()
    per_kelurahan = current_app.config["SUGGESTIONS_PER_VACANCY"]
    areas = [k.area for k in db.session.scalars(select(Kelurahan))]
    record = to_vacancy(vacancy)
    # Working residents leave the lists at once, even when the engine has not heard of it yet.
    working = unavailable_seeker_ids()
    suggestions = []
    with _lock:
        st.engine.update(vacancies=[record])
        for area in areas:
            suggestions.extend(st.engine.rank_seekers(vacancy.id, k=per_kelurahan, exclude=working, within=area))
    return suggestions


def store_vacancy_suggestions(vacancy: Vacancy, suggestions: list) -> int:
    """Store one vacancy's suggestions and drop those the engine no longer makes (flushes)."""
    upsert_suggestions(suggestions)
    return drop_other_suggestions(vacancy, suggestions)


def upsert_suggestions(suggestions: list) -> None:
    """Add new suggestions and update those nobody acted on yet (flushes): a long refresh stores
    a vacancy's list in parts, each in a short transaction of its own."""
    _upsert(suggestions, state())


def drop_other_suggestions(vacancy: Vacancy, suggestions: list) -> int:
    """Drop the vacancy's suggestions that are not among `suggestions` (its whole new list, stored
    already) and nobody acted on; mark when its suggestions were computed (flushes)."""
    keep = set(db.session.scalars(select(Match.id).where(
        Match.vacancy_id == vacancy.id, Match.seeker_id.in_({s.seeker_id for s in suggestions} or {-1}))))
    _drop_stale(Match.vacancy_id == vacancy.id, keep)

    vacancy.suggestions_at = utcnow()
    db.session.flush()
    return len(suggestions)


def refresh_seeker(profile: SeekerProfile, defer: bool | None = None) -> int:
    if updates_deferred(defer):
        db.session.flush()
        _queue_refresh(seekers=[profile.id])
        return 0
    st = state()
    record = to_seeker(profile)
    with _lock:
        st.engine.update(seekers=[record])
        suggestions = [] if record.ranking_opt_out else st.engine.rank_vacancies(
            profile.id, k=current_app.config["SUGGESTIONS_PER_SEEKER"])
    if record.ranking_opt_out:
        _drop_stale(Match.seeker_id == profile.id, set())
        db.session.flush()
        return 0
    _upsert(suggestions, st)
    return len(suggestions)


def forget(seeker_ids=(), vacancy_ids=()) -> None:
    """Records deleted since their refresh was queued: the engine stops ranking them (a deleted
    resident left in it would be suggested again, and fail the insert of that suggestion)."""
    holder = current_app.extensions.get("lokerwarga.ranking", {})
    st = holder.get("state")
    if st is None or not (seeker_ids or vacancy_ids):
        return  # no engine yet: the next one is built from the database as it is
    import matching  # loaded already by the engine in `st`; at the top it would load with the web app
    with _lock:
        st.engine.update(seekers=[matching.Seeker(id=i, ranking_opt_out=True) for i in seeker_ids],
                         vacancies=[matching.Vacancy(id=i, title="", open=False) for i in vacancy_ids])


def refresh_all() -> int:
    reset()
    st = state()
    vacancies = db.session.scalars(select(Vacancy).where(Vacancy.status == "open")).all()
    for vacancy in vacancies:
        refresh_vacancy(vacancy, defer=False)
    del st
    return len(vacancies)


def init_app(app) -> None:
    """Templates render stored reasons in the reader's language."""
    app.jinja_env.globals.update(explain=explain, resident_view=resident_view)
