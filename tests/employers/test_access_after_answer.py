"""An employer's access to a referred resident (phone and CV included) ends 30 days after a
final answer: a refusal, or the resident's withdrawal. A hire keeps it."""
import datetime as dt

import pytest
from sqlalchemy import select

from app.core import uploads
from app.extensions import db
from app.models import Match, MatchEvent
from app.referrals import services as referrals


def _answered(world, status: str, days_ago: int) -> tuple[Match, int]:
    match = Match(seeker=world.seeker, vacancy=world.vacancy, status="suggested", reasons=[])
    db.session.add(match)
    db.session.flush()
    referrals.refer(match, world.staff)
    if status == "refused":
        referrals.refuse(match, world.hrd, "skills", note="")
    elif status == "withdrawn":
        referrals.move(match, "withdrawn", world.staff)
    else:
        referrals.hire(match, world.hrd, dt.date.today(), "pkwt")
    document = uploads.save_document(world.seeker, "cv.pdf", b"%PDF-1.4 cv")
    _age_answer(match, status, days_ago)
    return match, document.id


def _age_answer(match: Match, status: str, days: int) -> None:
    for event in db.session.scalars(select(MatchEvent).where(MatchEvent.match_id == match.id,
                                                             MatchEvent.to_status == status)):
        event.at -= dt.timedelta(days=days)
    db.session.commit()


def _sees(client, world, match, document_id) -> dict:
    page = client.get(f"/employer/vacancies/{world.vacancy.id}").get_data(as_text=True)
    export = client.get(f"/employer/vacancies/{world.vacancy.id}/referrals/export").get_data(as_text=True)
    cv = client.get(f"/employer/documents/{document_id}")
    cv.close()
    return {"page": world.seeker.phone in page or world.seeker.full_name in page,
            "export": world.seeker.full_name in export, "cv": cv.status_code == 200}


@pytest.mark.parametrize("status", ["refused", "withdrawn"])
def test_access_ends_30_days_after_a_final_answer(client, auth, world, status):
    match, document_id = _answered(world, status, days_ago=29)
    auth.login("hrd@test.id")
    assert _sees(client, world, match, document_id) == {"page": True, "export": True, "cv": True}
    _age_answer(match, status, 2)
    assert _sees(client, world, match, document_id) == {"page": False, "export": False, "cv": False}


def test_a_hire_keeps_access(client, auth, world):
    match, document_id = _answered(world, "hired", days_ago=90)
    auth.login("hrd@test.id")
    assert _sees(client, world, match, document_id) == {"page": True, "export": True, "cv": True}
