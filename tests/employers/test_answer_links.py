"""Employers answer a referral from signed, expiring, single-use email links."""
from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select

from app.employers import answer_links
from app.referrals import services as referrals
from app.extensions import db
from app.models import Match, MatchEvent, Outbox


def _referred(world) -> Match:
    world.company.contact_email = "hrd.kontak@sinarlogam.test"
    match = Match(seeker=world.seeker, vacancy=world.vacancy, status="suggested", reasons=[])
    db.session.add(match)
    db.session.flush()
    referrals.refer(match, world.staff)
    db.session.commit()
    return match


def _path(app, match, action) -> str:
    with app.test_request_context():
        return "/answer/" + answer_links.make_token(match, action)


def test_referring_sends_the_employer_three_links(client, auth, world):
    world.company.contact_email = "hrd.kontak@sinarlogam.test"
    match = Match(seeker=world.seeker, vacancy=world.vacancy, status="suggested", reasons=[])
    db.session.add(match)
    db.session.commit()
    auth.login("petugas@test.id")
    client.post(f"/staff/vacancies/{world.vacancy.id}/refer", data={"match_id": str(match.id)})
    notice = db.session.scalar(select(Outbox).where(Outbox.recipient == "hrd.kontak@sinarlogam.test"))
    assert notice is not None and world.vacancy.title in notice.subject
    links = re.findall(r"http://localhost(/answer/\S+)", notice.body)
    assert len(links) == 3
    # The resident (who has an email) hears of the referral too.
    assert db.session.scalar(select(Outbox).where(Outbox.recipient == "warga@test.id")) is not None
    auth.logout()
    page = client.get(links[0])
    assert page.status_code == 200 and "wawancara" in page.get_data(as_text=True).lower()


def test_interview_link_records_the_answer_once(app, client, world):
    match = _referred(world)
    path = _path(app, match, "interview")
    assert client.get(path).status_code == 200
    when = (dt.date.today() + dt.timedelta(days=3)).isoformat() + "T09:30"
    assert client.post(path, data={"interview_at": when}).status_code == 200
    db.session.refresh(match)
    assert match.status == "interview" and match.interview_at is not None
    event = db.session.scalar(select(MatchEvent).where(MatchEvent.match_id == match.id, MatchEvent.to_status == "interview"))
    assert event.actor_id is None and event.note == "via tautan email"
    assert db.session.scalar(select(Outbox).where(Outbox.recipient == "warga@test.id", Outbox.body.contains("wawancara")))
    again = client.post(path, data={"interview_at": when})
    assert again.status_code == 400 and "sudah dipakai" in again.get_data(as_text=True)
    assert "sudah dipakai" in client.get(path).get_data(as_text=True)


def test_hire_link(app, client, world):
    match = _referred(world)
    path = _path(app, match, "hire")
    start = (dt.date.today() + dt.timedelta(days=7)).isoformat()
    assert client.post(path, data={"start_date": start, "contract_type": "pkwt"}).status_code == 200
    db.session.refresh(match)
    assert match.status == "hired" and match.contract_type == "pkwt"
    # The refuse link of the same email can no longer change a closed referral.
    closed = client.get(_path(app, match, "refuse"))
    assert closed.status_code == 200 and "sudah dijawab atau ditutup" in closed.get_data(as_text=True)


def test_refuse_link_needs_a_reason(app, client, world):
    match = _referred(world)
    path = _path(app, match, "refuse")
    assert client.post(path, data={"reason": ""}).status_code == 422
    assert client.post(path, data={"reason": "skills", "note": "Belum bisa CNC"}).status_code == 200
    db.session.refresh(match)
    assert match.status == "refused" and match.reason_code == "skills"
    assert match.events[-1].note == "via tautan email: Belum bisa CNC"


def test_expired_and_forged_links_get_a_clear_page(app, client, world, monkeypatch):
    match = _referred(world)
    path = _path(app, match, "interview")
    app.config["ANSWER_LINK_DAYS"] = -1
    try:
        expired = client.get(path)
    finally:
        app.config.pop("ANSWER_LINK_DAYS")
    assert expired.status_code == 200 and "kedaluwarsa" in expired.get_data(as_text=True)
    forged = client.get(path[:-3] + "xyz")
    assert forged.status_code == 200 and "tidak sah" in forged.get_data(as_text=True)
    assert client.post("/answer/rusak", data={}).status_code == 400
    db.session.refresh(match)
    assert match.status == "referred"


def test_a_token_from_another_salt_is_refused(app, client, world):
    from itsdangerous import URLSafeTimedSerializer

    match = _referred(world)
    token = URLSafeTimedSerializer(app.config["SECRET_KEY"], salt="other").dumps({"m": match.id, "a": "hire", "n": "x"})
    assert "tidak sah" in client.get(f"/answer/{token}").get_data(as_text=True)


def test_resident_is_told_when_the_employer_answers_in_the_app(client, auth, world):
    match = _referred(world)
    auth.login("hrd@test.id")
    response = client.post(f"/employer/referrals/{match.id}/refuse", data={f"rf{match.id}-reason": "skills"})
    assert response.status_code == 303
    notice = db.session.scalar(select(Outbox).where(Outbox.recipient == "warga@test.id"))
    assert notice is not None and world.vacancy.title in notice.subject
    assert "Perusahaan belum dapat menerima Anda" in notice.body


def test_resident_without_email_gets_no_message(app, world, make):
    seeker = make.seeker(world.nj, name="Tanpa Email", birth=dt.date(1991, 1, 1))
    match = Match(seeker=seeker, vacancy=world.vacancy, status="referred", reasons=[])
    db.session.add(match)
    db.session.flush()
    with app.test_request_context():
        assert answer_links.notify_resident(match) is False
