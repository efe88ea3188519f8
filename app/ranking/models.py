"""Ranking model versions: train on the recorded decisions, evaluate on later ones, store with
skops, activate. A stored model is the engine's hyper-parameters and its feature weights; at
load time the engine is fitted on today's residents and vacancies with those weights."""
from __future__ import annotations

import math
from typing import Any

import numpy as np
import skops.io
from sqlalchemy import func, select, update

import matching
from evaluation.report import evaluate, format_report

from ..extensions import db
from ..models import RankingModel, SeekerProfile
from ..timeutil import today_wib, utcnow

ARTIFACT_FORMAT = 1
NO_LEARNING = 10**9  # min_feedback for a loaded model: its weights are final


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
    for sid, sex, birth, rw, disability in db.session.execute(
            select(SeekerProfile.id, SeekerProfile.sex, SeekerProfile.birth_date, SeekerProfile.rw,
                   SeekerProfile.disability)):
        age = today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))
        band = "<25" if age < 25 else "25-34" if age < 35 else "35-44" if age < 45 else "45+"
        out[sid] = {"sex": sex, "age_band": band, "rw": rw or "?", "disability": "ya" if disability else "tidak/tidak diisi"}
    return out


def evaluate_current(seed: int = 0, n_boot: int = 500) -> dict:
    from . import _load_all, feedback_rows

    seekers, vacancies = _load_all()
    return evaluate(seekers, vacancies, feedback_rows(), attributes=fairness_attributes(), seed=seed, n_boot=n_boot)


def dump_engine(engine: matching.MatchEngine) -> bytes:
    params = {k: v for k, v in engine.get_params().items() if k != "prior_weights"}
    return skops.io.dumps({"format": ARTIFACT_FORMAT, "params": params, "weights": engine.feature_weights_})


def load_engine(artifact: bytes) -> matching.MatchEngine:
    """Only plain types are in an artifact; anything else is refused rather than loaded."""
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
    from . import _load_all, feedback_rows

    seekers, vacancies = _load_all()
    feedback = feedback_rows()
    engine = matching.MatchEngine().fit(seekers, vacancies, feedback)
    result = evaluate(seekers, vacancies, feedback, attributes=fairness_attributes(), seed=seed, n_boot=500)
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
