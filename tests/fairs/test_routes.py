"""The fair's pages: staff run it, companies join and record at their booth, residents hold a
pass, the public board shows it."""
import datetime as dt
import re

from sqlalchemy import func, select

from app.extensions import db
from app.fairs import services
from app.models import Fair, FairPass, FairRecord, FairVisit, Match


def _count(model, *where):
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_staff_create_and_edit_a_fair(client, auth, world):
    auth.login("petugas@test.id")
    assert client.get("/staff/bursa/baru").status_code == 200
    data = {"name": "Bursa Kerja Karawaci", "starts_at": "2027-03-10T08:00", "ends_at": "2027-03-10T14:00",
            "place": "GOR Karawaci", "scope": "kecamatan", "capacity": "300", "description": ""}
    response = client.post("/staff/bursa/baru", data=data)
    assert response.status_code == 303
    fair = db.session.scalar(select(Fair))
    assert (fair.scope, fair.capacity, fair.kelurahan_id) == ("kecamatan", 300, world.nj.id)
    assert fair.starts_at == dt.datetime(2027, 3, 10, 1, 0, tzinfo=dt.timezone.utc)  # 08:00 WIB
    page = client.get(f"/staff/bursa/{fair.id}/ubah").get_data(as_text=True)
    assert "2027-03-10T08:00" in page
    bad = client.post(f"/staff/bursa/{fair.id}/ubah", data={**data, "ends_at": "2027-03-10T07:00"})
    assert bad.status_code == 422 and "sesudah waktu mulai" in bad.get_data(as_text=True)
    assert client.get("/staff/bursa").status_code == 200


def test_staff_of_another_kelurahan_do_not_see_the_fair(client, auth, world, fair):
    auth.login("petugas.cimone@test.id")
    assert client.get(f"/staff/bursa/{fair.id}").status_code == 404
    assert client.post(f"/staff/bursa/{fair.id}/undang", data={"company": str(world.company.id)}).status_code == 404


def test_staff_invite_a_company_that_then_brings_a_vacancy(client, auth, world, fair, make):
    company = make.company(name="PT Tiga Serangkai", kelurahan=world.nj, contact_email="hrd@tiga.test")
    vacancy = make.vacancy(company, title="Juru Las")
    make.user("employer", "hrd@tiga.test", company=company)
    db.session.commit()
    auth.login("petugas@test.id")
    assert client.post(f"/staff/bursa/{fair.id}/undang", data={"company": str(company.id)}).status_code == 303
    auth.logout()
    auth.login("hrd@tiga.test")
    assert fair.name in client.get("/employer/bursa").get_data(as_text=True)
    assert client.post(f"/employer/bursa/{fair.id}", data={"vacancy": [str(vacancy.id), str(world.vacancy.id)]}).status_code == 303
    assert [v.id for v in services.fair_vacancies(fair, company)] == [vacancy.id]  # not another company's
    page = client.get(f"/lowongan/bursa/{fair.id}").get_data(as_text=True)
    assert "Juru Las" in page and "PT Tiga Serangkai" in page


def test_the_public_page_and_the_board_show_the_fair_without_personal_data(client, world, fair):
    services.register_pass(fair, world.seeker, world.warga_user)
    db.session.commit()
    page = client.get(f"/lowongan/bursa/{fair.id}").get_data(as_text=True)
    assert fair.name in page and world.vacancy.title in page and world.other_vacancy.title in page
    for private in (world.seeker.full_name, world.seeker.phone, world.company.contact_name, world.staff.email):
        assert private not in page
    board = client.get("/lowongan").get_data(as_text=True)
    assert f"/lowongan/bursa/{fair.id}" in board
    assert client.get("/lowongan/bursa/999999").status_code == 404


def test_a_resident_registers_and_gets_a_pass(client, auth, world, fair):
    auth.login("warga@test.id")
    assert fair.name in client.get("/me/bursa").get_data(as_text=True)
    assert client.get(f"/me/bursa/{fair.id}").status_code == 404
    assert client.post(f"/me/bursa/{fair.id}/daftar").status_code == 303
    assert client.post(f"/me/bursa/{fair.id}/daftar").status_code == 303
    fair_pass = db.session.scalar(select(FairPass))
    assert _count(FairPass) == 1 and fair_pass.channel == "online"
    page = client.get(f"/me/bursa/{fair.id}").get_data(as_text=True)
    assert services.display_code(fair_pass.code) in page and '<svg class="qr"' in page
    card = client.get(f"/me/bursa/{fair.id}/kartu").get_data(as_text=True)
    assert services.display_code(fair_pass.code) in card and '<svg class="qr"' in card
    assert world.seeker.full_name not in card  # the card carries no personal data


def test_a_resident_of_another_kelurahan_cannot_register(client, auth, world, fair):
    auth.login("warga.cimone@test.id")
    assert fair.name not in client.get("/me/bursa").get_data(as_text=True)
    client.post(f"/me/bursa/{fair.id}/daftar")
    assert _count(FairPass) == 0


def test_staff_register_a_known_resident_at_the_door(client, auth, world, fair):
    auth.login("petugas@test.id")
    response = client.post(f"/staff/bursa/{fair.id}/pintu", data={"nik": world.seeker.nik})
    assert response.status_code == 303
    fair_pass = db.session.scalar(select(FairPass))
    assert fair_pass.channel == "door" and response.headers["Location"].endswith(f"/kartu/{fair_pass.id}")
    assert services.display_code(fair_pass.code) in client.get(response.headers["Location"]).get_data(as_text=True)
    missing = client.post(f"/staff/bursa/{fair.id}/pintu", data={"nik": "3671070101010001"})
    assert missing.status_code == 422


def test_staff_register_a_new_resident_at_the_door(client, auth, world, fair):
    auth.login("petugas@test.id")
    form = client.get(f"/staff/seekers/new?bursa={fair.id}").get_data(as_text=True)
    assert f"bursa={fair.id}" in form and fair.name in form
    data = {"full_name": "Joko Susilo", "nik": "3671071208950004", "birth_date": "1995-08-12", "sex": "L",
            "rw": "03", "rt": "001", "address": "Jl. Mawar 1", "phone": "081299990001", "education": "SMA",
            "consent_registration": "y", "consent_sharing": "y", "consent_ranking": "y"}
    response = client.post(f"/staff/seekers/new?bursa={fair.id}", data=data)
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    fair_pass = db.session.scalar(select(FairPass))
    assert fair_pass is not None and fair_pass.seeker.full_name == "Joko Susilo"
    assert "/staff/bursa/" in response.headers["Location"]


def _pass(world, fair):
    fair_pass = services.register_pass(fair, world.seeker, world.warga_user)
    db.session.commit()
    return fair_pass


def test_the_booth_records_from_a_typed_code(client, auth, world, fair):
    fair_pass = _pass(world, fair)
    auth.login("hrd@test.id")
    assert client.get(f"/employer/bursa/{fair.id}/booth").status_code == 200
    wrong = client.post(f"/employer/bursa/{fair.id}/booth", data={"code": "ZZZZ-ZZZZ"})
    assert wrong.status_code == 422 and world.seeker.full_name not in wrong.get_data(as_text=True)
    typed = services.display_code(fair_pass.code).lower()
    response = client.post(f"/employer/bursa/{fair.id}/booth", data={"code": typed})
    assert response.status_code == 303
    visit = db.session.scalar(select(FairVisit))
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert world.seeker.full_name in page and world.vacancy.title in page
    assert world.other_vacancy.title not in page  # another company's vacancy at the same fair
    assert world.seeker.nik not in page
    url = f"/employer/bursa/{fair.id}/booth/{visit.id}"
    for _tap in range(2):
        assert client.post(url, data={"vacancy": str(world.vacancy.id), "outcome": "interview"}).status_code == 303
    assert _count(FairRecord) == 1
    match = db.session.scalar(select(Match))
    assert _count(Match) == 1 and match.status == "interview" and match.fair_id == fair.id
    assert client.post(url, data={"vacancy": str(world.other_vacancy.id), "outcome": "applied"}).status_code == 422
    # The referral appears for the employer, the resident and staff.
    assert world.seeker.full_name in client.get(f"/employer/vacancies/{world.vacancy.id}").get_data(as_text=True)
    auth.logout()
    auth.login("warga@test.id")
    assert client.get(f"/me/referrals/{match.id}").status_code == 200
    assert world.vacancy.title in client.get("/me/").get_data(as_text=True)
    auth.logout()
    auth.login("petugas@test.id")
    assert f"/staff/matches/{match.id}" in client.get(f"/staff/seekers/{world.seeker.id}").get_data(as_text=True)


def test_a_booth_sees_only_its_own_records(client, auth, world, fair, make):
    from app.fairs import booth

    fair_pass = _pass(world, fair)
    visit = booth.show_pass(fair_pass, world.company, world.hrd)
    booth.record(visit, world.vacancy, "applied", world.hrd)
    db.session.commit()
    auth.login("hrd.lain@test.id")  # the other company, at the same fair
    assert client.get(f"/employer/bursa/{fair.id}/booth/{visit.id}").status_code == 404
    response = client.post(f"/employer/bursa/{fair.id}/booth/{visit.id}",
                           data={"vacancy": str(world.vacancy.id), "outcome": "shortlisted"})
    assert response.status_code == 404
    # Its own visit of the same pass shows none of the first company's records.
    own = client.post(f"/employer/bursa/{fair.id}/booth", data={"code": fair_pass.code})
    page = client.get(own.headers["Location"]).get_data(as_text=True)
    assert world.vacancy.title not in page and world.other_vacancy.title in page
    assert db.session.scalar(select(FairRecord)).outcome == "applied"


def test_a_company_not_at_the_fair_gets_404(client, auth, world, fair, make):
    fair_pass = _pass(world, fair)
    stranger = make.company(name="PT Asing")
    make.user("employer", "hrd.asing@test.id", company=stranger)
    db.session.commit()
    auth.login("hrd.asing@test.id")
    assert client.get(f"/employer/bursa/{fair.id}").status_code == 404
    assert client.get(f"/employer/bursa/{fair.id}/booth").status_code == 404
    assert client.post(f"/employer/bursa/{fair.id}/booth", data={"code": fair_pass.code}).status_code == 404
    assert _count(FairVisit) == 0


def test_a_pass_code_alone_reveals_nothing(client, auth, world, fair):
    fair_pass = _pass(world, fair)
    code = fair_pass.code
    # Anonymous: no page takes a code; the booth asks for a company account.
    response = client.post(f"/employer/bursa/{fair.id}/booth", data={"code": code})
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    for url in (f"/lowongan/bursa/{fair.id}", f"/lowongan/bursa/{fair.id}?code={code}", "/lowongan"):
        page = client.get(url).get_data(as_text=True)
        assert world.seeker.full_name not in page and world.seeker.phone not in page
    # The QR code holds the code and nothing else.
    auth.login("warga@test.id")
    card = client.get(f"/me/bursa/{fair.id}/kartu").get_data(as_text=True)
    assert re.search(r'aria-label="[^"]*' + re.escape(services.display_code(code)), card)
    assert world.seeker.full_name not in card and world.seeker.phone not in card


def test_staff_follow_counts_and_their_residents_records(client, auth, world, fair):
    from app.fairs import booth

    fair_pass = _pass(world, fair)
    booth.record(booth.show_pass(fair_pass, world.company, world.hrd), world.vacancy, "interview", world.hrd)
    booth.show_pass(fair_pass, world.other_company, world.hrd_other)
    db.session.commit()
    auth.login("petugas@test.id")
    page = client.get(f"/staff/bursa/{fair.id}").get_data(as_text=True)
    match = db.session.scalar(select(Match))
    assert f"/staff/matches/{match.id}" in page and world.seeker.full_name in page
    fragment = client.get(f"/staff/bursa/{fair.id}", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert fragment.lstrip().startswith('<section id="angka"') and world.seeker.full_name not in fragment
    from app.fairs.counts import fair_counts

    totals = fair_counts(fair)
    assert (totals.passes, totals.visitors, totals.scans, totals.records, totals.interviews) == (1, 1, 2, 1, 1)


def test_staff_invite_the_best_ranked_residents_in_bulk(client, auth, world, fair, make):
    from app.models import FairInvitation, Outbox
    from app.ranking import refresh_all

    no_email = make.seeker(world.nj, name="Tanpa Email", birth=dt.date(1996, 1, 2))
    refresh_all()
    db.session.commit()
    auth.login("petugas@test.id")
    page = client.get(f"/staff/bursa/{fair.id}/undangan").get_data(as_text=True)
    assert world.seeker.full_name in page and no_email.full_name in page
    assert world.other_seeker.full_name not in page  # another kelurahan's resident
    picks = [f"{world.seeker.id}-{world.vacancy.id}", f"{no_email.id}-{world.vacancy.id}",
             f"{world.other_seeker.id}-{world.vacancy.id}"]  # the last was never offered: ignored
    mails_before = _count(Outbox)
    assert client.post(f"/staff/bursa/{fair.id}/undangan", data={"pick": picks}).status_code == 303
    assert client.post(f"/staff/bursa/{fair.id}/undangan", data={"pick": picks}).status_code == 303  # once only
    rows = {i.seeker_id: i.channel for i in db.session.scalars(select(FairInvitation))}
    assert rows == {world.seeker.id: "email", no_email.id: "whatsapp"}
    assert _count(Outbox) == mails_before + 1
    mail = db.session.scalar(select(Outbox).order_by(Outbox.id.desc()))
    assert mail.recipient == "warga@test.id" and fair.name in mail.body
    page = client.get(f"/staff/bursa/{fair.id}/undangan").get_data(as_text=True)
    assert "https://wa.me/62" in page


def test_staff_issue_a_letter_for_a_fair_application_and_the_queue_reminds_them(client, auth, world, fair):
    from app.fairs import booth
    from app.models import ReferralLetter, Reminder
    from app.referrals.reminders import sync_reminders
    from app.staff.services import referrals_without_answer

    record, _changed = booth.record(booth.show_pass(_pass(world, fair), world.company, world.hrd),
                                    world.vacancy, "applied", world.hrd)
    db.session.commit()
    auth.login("petugas@test.id")
    assert client.post(f"/staff/matches/{record.match_id}/letter").status_code == 303
    assert db.session.scalar(select(ReferralLetter)).match_id == record.match_id
    # Unanswered for a while, it is on the staff queue like a desk referral.
    record.match.referred_at -= dt.timedelta(days=10)
    db.session.commit()
    assert [m.id for m in referrals_without_answer(world.nj.id, 7)] == [record.match_id]
    sync_reminders()
    assert any(r.kind == "no_answer" and r.match_id == record.match_id for r in db.session.scalars(select(Reminder)))


def test_a_booth_records_nothing_for_a_vacancy_closed_since(client, auth, world, fair):
    from app.fairs import booth

    visit = booth.show_pass(_pass(world, fair), world.company, world.hrd)
    world.vacancy.status = "filled"
    db.session.commit()
    auth.login("hrd@test.id")
    url = f"/employer/bursa/{fair.id}/booth/{visit.id}"
    assert client.post(url, data={"vacancy": str(world.vacancy.id), "outcome": "applied"}).status_code == 422
    assert _count(FairRecord) == 0 and _count(Match) == 0


def test_a_booth_record_sent_by_the_page_script_answers_json_and_a_repeat_succeeds(client, auth, world, fair):
    """The booth's offline queue may send a tap again (the answer was lost): the server says
    success each time and keeps one record and one referral."""
    from app.fairs import booth

    visit = booth.show_pass(_pass(world, fair), world.company, world.hrd)
    db.session.commit()
    auth.login("hrd@test.id")
    url = f"/employer/bursa/{fair.id}/booth/{visit.id}"
    json = {"Accept": "application/json"}
    answers = [client.post(url, data={"vacancy": str(world.vacancy.id), "outcome": "interview"}, headers=json)
               for _tap in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 200]
    assert [a.json["changed"] for a in answers] == [True, False, False]
    assert {a.json["outcome"] for a in answers} == {"interview"} and all(a.json["ok"] for a in answers)
    # A lower step sent late (queued before the interview) changes nothing and still succeeds.
    late = client.post(url, data={"vacancy": str(world.vacancy.id), "outcome": "applied"}, headers=json)
    assert late.status_code == 200 and late.json["outcome"] == "interview" and not late.json["changed"]
    assert _count(FairRecord) == 1 and _count(Match) == 1
    wrong = client.post(url, data={"vacancy": str(world.other_vacancy.id), "outcome": "applied"}, headers=json)
    assert wrong.status_code == 422 and wrong.json["ok"] is False
