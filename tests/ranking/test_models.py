"""Model versions: train, store with skops, load only trusted types, activate, show the card."""
import datetime as dt

import pytest
import skops.io
from sqlalchemy import select

from app.referrals import services as referrals
from app.extensions import db
from app.models import Match, RankingModel
from app.ranking import refresh_all, reset
from app.ranking.models import load_engine, train_model


@pytest.fixture
def history(world, make):
    """A few dozen decisions over time, enough for an evaluation split."""
    base = dt.datetime(2026, 1, 5, tzinfo=dt.timezone.utc)
    people = [make.seeker(world.nj, name=f"Warga {i}", birth=dt.date(1995, 1 + i % 12, 1 + i % 27),
                          skills=["bubut"] if i % 2 else ["kasir"], desired_positions=["operator"] if i % 2 else ["kasir"])
              for i in range(24)]
    for i, seeker in enumerate(people):
        vacancy = world.vacancy if i % 2 else world.other_vacancy
        match = Match(seeker=seeker, vacancy=vacancy, status="suggested", reasons=[])
        db.session.add(match)
        db.session.flush()
        at = base + dt.timedelta(days=7 * i)
        if i % 3 == 0:
            referrals.dismiss(match, world.staff, "requirements")
        else:
            referrals.refer(match, world.staff)
            if i % 2:
                referrals.invite_interview(match, world.hrd, at)
        for event in match.events:
            event.at = at
    db.session.commit()
    return people


def test_train_stores_an_evaluated_version_and_activates_the_first(app, world, history):
    model = train_model()
    db.session.commit()
    assert model.active and model.n_feedback > 0 and model.version.startswith("m")
    metrics = model.metrics
    assert {"engine", "random", "popularity", "tfidf", "tfidf_area"} <= set(metrics["directions"]["vacancy -> seekers"])
    assert set(metrics["fairness"]["engine"]) == {"sex", "age_band", "rw", "disability"}
    assert "sex" not in str(metrics["weights"])  # weights are features of the ranker only
    second = train_model()
    db.session.commit()
    assert not second.active and model.active  # a new version waits for admin


def test_artifact_holds_only_trusted_types(app, world, history):
    model = train_model()
    assert skops.io.get_untrusted_types(data=model.artifact) == []
    engine = load_engine(model.artifact)
    assert engine.prior_weights == pytest.approx(model.metrics["weights"])
    hostile = skops.io.dumps({"format": 1, "params": {}, "weights": {}, "x": dt.date(2026, 1, 1)})
    with pytest.raises(ValueError, match="untrusted"):
        load_engine(hostile)


def test_suggestions_record_the_active_model_version(app, world, history):
    model = train_model(activate=True)
    db.session.commit()
    reset()
    refresh_all()
    versions = set(db.session.scalars(select(Match.model_version).where(Match.status == "suggested",
                                                                        Match.score.is_not(None))))
    assert versions == {model.version}


def test_model_card_for_staff_and_admin_activation(client, auth, world, history):
    first = train_model()
    second = train_model()
    db.session.commit()
    auth.login("petugas@test.id")
    page = client.get("/staff/model").get_data(as_text=True)
    assert first.version in page and "Keadilan" in page and "tfidf_area" in page
    auth.logout()
    auth.login("admin@test.id")
    assert second.version in client.get(f"/admin/models/{second.id}").get_data(as_text=True)
    client.post(f"/admin/models/{second.id}/activate")
    db.session.expire_all()
    assert db.session.get(RankingModel, second.id).active and not db.session.get(RankingModel, first.id).active


def test_cli_train_and_evaluate(app, world, history):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["matching", "evaluate"])
    assert result.exit_code == 0 and "NDCG@10" in result.output and "Fairness" in result.output
    result = runner.invoke(args=["matching", "train", "--activate"])
    assert result.exit_code == 0 and "(active)" in result.output
    assert "ACTIVE" in runner.invoke(args=["matching", "list"]).output
