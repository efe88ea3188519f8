"""A resident recorded as working leaves every suggestion list at once, cannot be referred from
them, and comes back when a follow-up records "tidak bekerja lagi"."""
import datetime as dt

from sqlalchemy import select

from app.extensions import db
from app.models import Match, Reminder
from app.ranking import rank_vacancy, refresh_all
from app.referrals import services as referrals
from app.referrals.reminders import complete_reminder
from app.seekers.services import express_interest


def _hire_elsewhere(world, make):
    """Budi, interested in world.vacancy, is hired by another vacancy of the same company."""
    refresh_all()
    express_interest(world.seeker, world.vacancy, world.warga_user)
    other = make.vacancy(world.company, title="Operator Bubut Manual", skills=["bubut"])
    hired = Match(seeker=world.seeker, vacancy=other, status="suggested", reasons=[])
    db.session.add(hired)
    db.session.flush()
    referrals.refer(hired, world.staff)
    referrals.hire(hired, world.hrd, dt.date.today() + dt.timedelta(days=3), "pkwt")
    db.session.commit()
    return hired


def _suggestions_page(client, world):
    return client.get(f"/staff/vacancies/{world.vacancy.id}/suggestions").get_data(as_text=True)


def test_a_hired_resident_leaves_the_suggestions_and_the_recount_at_once(client, auth, world, make):
    refresh_all()
    db.session.commit()
    auth.login("petugas@test.id")
    assert "Budi Santoso" in _suggestions_page(client, world)
    _hire_elsewhere(world, make)
    assert world.seeker.status == "working"

    page = _suggestions_page(client, world)
    assert "Budi Santoso" not in page.split("Sudah diproses")[0]  # interested, but working: not suggested
    assert client.post(f"/staff/vacancies/{world.vacancy.id}/suggestions/refresh").status_code == 303
    assert "Budi Santoso" not in _suggestions_page(client, world).split("Sudah diproses")[0]
    # The engine is told to leave them out (the app's rule, passed as `exclude`).
    assert world.seeker.id not in {s.seeker_id for s in rank_vacancy(world.vacancy)}


def test_a_working_resident_cannot_be_referred_from_the_list(client, auth, world, make):
    _hire_elsewhere(world, make)
    match = db.session.scalar(select(Match).where(Match.seeker_id == world.seeker.id, Match.vacancy_id == world.vacancy.id))
    auth.login("petugas@test.id")
    page = client.post(f"/staff/vacancies/{world.vacancy.id}/refer", data={"match_id": [match.id]},
                       follow_redirects=True).get_data(as_text=True)
    assert "tercatat sudah bekerja" in page
    db.session.refresh(match)
    assert match.status == "suggested"


def test_the_working_resident_sees_why_there_are_no_suggestions_and_can_look_again(client, auth, world, make):
    refresh_all()
    db.session.commit()
    auth.login("warga@test.id")
    assert "cocok" in client.get("/me/").get_data(as_text=True).split("Lowongan yang cocok untuk Anda")[1]
    _hire_elsewhere(world, make)
    home = client.get("/me/").get_data(as_text=True)
    assert "Anda tercatat sudah bekerja" in home
    assert f"/me/vacancies/{world.vacancy.id}\"" not in home.split("Lowongan yang cocok untuk Anda")[1]

    response = client.post("/me/looking", follow_redirects=True)
    assert "Anda mencari kerja lagi" in response.get_data(as_text=True)
    db.session.refresh(world.seeker)
    assert world.seeker.status == "looking"


def test_a_follow_up_not_working_brings_the_resident_back(client, auth, world, make):
    hired = _hire_elsewhere(world, make)
    reminder = Reminder(key=f"follow_up_1:m{hired.id}", kind="follow_up_1", kelurahan_id=world.nj.id, match=hired,
                        due_on=dt.date.today(), note="")
    db.session.add(reminder)
    db.session.commit()
    auth.login("petugas@test.id")
    assert "Budi Santoso" not in _suggestions_page(client, world).split("Sudah diproses")[0]
    response = client.post("/staff/reminders/done", data={"one": str(reminder.id), f"outcome-{reminder.id}": "not_working"})
    assert response.status_code == 303
    db.session.refresh(world.seeker)
    assert world.seeker.status == "looking"
    assert "Budi Santoso" in _suggestions_page(client, world).split("Sudah diproses")[0]
    assert world.seeker.id in {s.seeker_id for s in rank_vacancy(world.vacancy)}


def test_a_follow_up_still_working_keeps_them_out(app, world, make):
    hired = _hire_elsewhere(world, make)
    world.seeker.status = "looking"  # say staff had set them looking by mistake
    reminder = Reminder(key=f"follow_up_3:m{hired.id}", kind="follow_up_3", kelurahan_id=world.nj.id, match=hired,
                        due_on=dt.date.today(), note="")
    db.session.add(reminder)
    db.session.flush()
    complete_reminder(reminder, world.staff, "", "working")
    assert world.seeker.status == "working"
