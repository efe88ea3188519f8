"""Ranking model versions: train on the recorded decisions, evaluate on later ones, store with
skops, activate. A stored model is the engine's hyper-parameters and its feature weights; at
load time the engine is fitted on today's residents and vacancies with those weights.

The engine, the evaluation and skops (all of them scikit-learn) are imported by the functions that
train, evaluate, store or load a model, not with this module: the model card is a page."""
from __future__ import annotations

import dataclasses
import datetime as dt
import math
from typing import TYPE_CHECKING, Any

import numpy as np
from sqlalchemy import func, select, update

from ..core.timeutil import today_wib, utcnow
from ..extensions import db
from ..models import Company, Kelurahan, Match, MatchEvent, RankingModel, SeekerProfile, Vacancy

ARTIFACT_FORMAT = 1
NO_LEARNING = 10**9  # min_feedback for a loaded model: its weights are final

if TYPE_CHECKING:  # annotations only: importing the engine loads scikit-learn
    import matching


def _plain(value: Any) -> Any:
    """JSON-safe copy of an evaluation result (NaN becomes None, tuples lists, numpy numbers floats)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (np.floating, float)):
        value = float(value)
        return None if math.isnan(value) or math.isinf(value) else value
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, np.bool_):
        return bool(value)
    return value


def fairness_attributes() -> dict[int, dict[str, str]]:
    """Known to the app for the report only, never given to the ranker."""
    today = today_wib()
    out = {}
    for sid, sex, birth, rw, kelurahan, disability in db.session.execute(
            select(SeekerProfile.id, SeekerProfile.sex, SeekerProfile.birth_date, SeekerProfile.rw, Kelurahan.name,
                   SeekerProfile.disability).join(Kelurahan, Kelurahan.id == SeekerProfile.kelurahan_id)):
        age = today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))
        band = "<25" if age < 25 else "25-34" if age < 35 else "35-44" if age < 45 else "45+"
        # An RW is a place within one kelurahan: RW 04 of Nusa Jaya is not RW 04 of Cimone.
        out[sid] = {"sex": sex, "age_band": band, "rw": f"{kelurahan} RW {rw}" if rw else f"{kelurahan} RW ?",
                    "disability": "ya" if disability else "tidak/tidak diisi"}
    return out


def as_of_test_period(seekers: list[matching.Seeker], vacancies: list[matching.Vacancy],
                      feedback: list[matching.Feedback]) -> tuple[list[matching.Seeker], list[matching.Vacancy]]:
    """Residents and vacancies as they stood during the evaluation's test period.

    Today's records rank only open vacancies and residents still looking, so a test decision on a
    vacancy closed or filled since, or about a resident hired since, could be found by no model.
    A vacancy with a recorded move at or after the start of the test period was open then; a
    resident hired at or after it was looking then. Consent still counts: a resident who refused
    or withdrew automated ranking stays out, and so does a company not verified."""
    from evaluation.report import split_cutoff  # scikit-learn: only when a model is evaluated

    cutoff = split_cutoff(feedback)
    if cutoff is None or not isinstance(cutoff, dt.datetime):
        return seekers, vacancies
    hired_since = set(db.session.scalars(
        select(Match.seeker_id).join(MatchEvent, MatchEvent.match_id == Match.id)
        .where(MatchEvent.to_status == "hired", MatchEvent.at >= cutoff)))
    looking_then = set(db.session.scalars(
        select(SeekerProfile.id).where(SeekerProfile.id.in_(hired_since or {-1}), SeekerProfile.status == "working",
                                       SeekerProfile.consent_registration.is_(True),
                                       SeekerProfile.consent_ranking.is_(True))))
    moved_since = (select(Match.vacancy_id).join(MatchEvent, MatchEvent.match_id == Match.id)
                   .where(MatchEvent.at >= cutoff))
    open_then = set(db.session.scalars(
        select(Vacancy.id).join(Company, Company.id == Vacancy.company_id)
        .where(Vacancy.status.in_(("closed", "filled")), Company.status == "verified",
               Vacancy.id.in_(moved_since))))
    seekers = [dataclasses.replace(s, ranking_opt_out=False) if s.id in looking_then else s for s in seekers]
    vacancies = [dataclasses.replace(v, open=True) if v.id in open_then else v for v in vacancies]
    return seekers, vacancies


def _evaluate(seekers, vacancies, feedback, seed: int, n_boot: int) -> dict:
    from evaluation.report import evaluate  # scikit-learn: only when a model is evaluated

    seekers, vacancies = as_of_test_period(seekers, vacancies, feedback)
    return evaluate(seekers, vacancies, feedback, attributes=fairness_attributes(), seed=seed, n_boot=n_boot)


def evaluate_current(seed: int = 0, n_boot: int = 500) -> dict:
    from . import _load_all, feedback_rows  # here, not at the top: the package imports this module

    seekers, vacancies = _load_all()
    return _evaluate(seekers, vacancies, feedback_rows(), seed, n_boot)


def dump_engine(engine: matching.MatchEngine) -> bytes:
    import skops.io  # scikit-learn: only when a model is stored

    params = {k: v for k, v in engine.get_params().items() if k != "prior_weights"}
    return skops.io.dumps({"format": ARTIFACT_FORMAT, "params": params, "weights": engine.feature_weights_})


def load_engine(artifact: bytes) -> matching.MatchEngine:
    """Only plain types are in an artifact; anything else is refused rather than loaded."""
    import skops.io  # scikit-learn: only when a model is loaded

    import matching  # scikit-learn: only when a model is loaded

    untrusted = skops.io.get_untrusted_types(data=artifact)
    if untrusted:
        raise ValueError(f"ranking model artifact holds untrusted types: {untrusted}")
    data = skops.io.loads(artifact, trusted=[])
    if data.get("format") != ARTIFACT_FORMAT:
        raise ValueError("unknown ranking model artifact format")
    params = dict(data["params"], min_feedback=NO_LEARNING)
    return matching.MatchEngine(prior_weights=dict(data["weights"]), **params)


def train_model(activate: bool = False, seed: int = 0) -> RankingModel:
    """Fit on every recorded decision, evaluate on a time-ordered split, store the version."""
    import matching  # scikit-learn: only when a model is trained
    from evaluation.report import format_report  # the same

    from . import _load_all, feedback_rows  # here, not at the top: the package imports this module

    seekers, vacancies = _load_all()
    feedback = feedback_rows()
    engine = matching.MatchEngine().fit(seekers, vacancies, feedback)
    result = _evaluate(seekers, vacancies, feedback, seed, 500)
    result["report"] = format_report(result, title="LokerWarga")
    result["weights"] = engine.feature_weights_
    result["blend"] = float(engine.blend_)
    number = (db.session.scalar(select(func.count()).select_from(RankingModel)) or 0) + 1
    model = RankingModel(version=f"m{number}-{utcnow():%Y%m%d}", n_feedback=int(engine.n_feedback_),
                         metrics=_plain(result), artifact=dump_engine(engine), active=False)
    db.session.add(model)
    db.session.flush()
    has_active = db.session.scalar(select(RankingModel.id).where(RankingModel.active.is_(True)))
    if activate or has_active is None:
        activate_model(model)
    return model


def activate_model(model: RankingModel) -> None:
    db.session.execute(update(RankingModel).values(active=False))
    model.active = True
    db.session.flush()


def active_model() -> RankingModel | None:
    return db.session.scalar(select(RankingModel).where(RankingModel.active.is_(True)))
