"""Objection to automated ranking (UU PDP Pasal 10): withdrawing the consent removes the stored
scores and machine reasons, takes the resident's decisions out of training, and staff see
"tidak diurutkan mesin"."""
from app.extensions import db
from app.models import Match
from app.ranking import feedback_rows
from app.referrals import services as referrals


def _scored_referral(world) -> Match:
    match = Match(seeker=world.seeker, vacancy=world.vacancy, status="suggested", score=0.83, model_version="m-1",
                  reasons=[{"code": "skill", "share": 0.6, "params": {"skill": "bubut"}}])
    db.session.add(match)
    db.session.flush()
    referrals.refer(match, world.staff)
    db.session.commit()
    return match


def test_withdrawing_ranking_consent_removes_scores_reasons_and_training(client, auth, world):
    match = _scored_referral(world)
    assert world.seeker.id in {f.seeker_id for f in feedback_rows()}
    auth.login("petugas@test.id")
    assert "tidak diurutkan mesin" not in client.get(f"/staff/matches/{match.id}").get_data(as_text=True)
    auth.logout()

    auth.login("warga@test.id")
    assert client.post("/me/consent", data={"consent-consent_sharing": "y"}).status_code == 303
    auth.logout()
    db.session.expire_all()
    match = db.session.get(Match, match.id)
    assert match.status == "referred"  # the referral itself stays
    assert match.score is None and match.reasons == [] and match.model_version == ""
    assert world.seeker.id not in {f.seeker_id for f in feedback_rows()}

    auth.login("petugas@test.id")
    page = client.get(f"/staff/matches/{match.id}").get_data(as_text=True)
    assert "tidak diurutkan mesin" in page and "Alasan saran" not in page
    assert "tidak diurutkan mesin" in client.get(f"/staff/seekers/{world.seeker.id}").get_data(as_text=True)


def test_an_interested_resident_who_objects_is_listed_unranked(client, auth, world):
    auth.login("warga@test.id")
    client.post("/me/consent", data={"consent-consent_sharing": "y"})
    client.post(f"/me/vacancies/{world.vacancy.id}/interest")
    auth.logout()
    auth.login("petugas@test.id")
    page = client.get(f"/staff/vacancies/{world.vacancy.id}/suggestions").get_data(as_text=True)
    assert world.seeker.full_name in page and "tidak diurutkan mesin" in page
