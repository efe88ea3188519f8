import datetime as dt

from sqlalchemy import select

from app.extensions import db
from app.models import Match
from app.ranking import refresh_all
from app.core.timeutil import utcnow


def _suggest(world):
    refresh_all()
    db.session.commit()
    return db.session.scalar(select(Match).where(Match.seeker_id == world.seeker.id, Match.vacancy_id == world.vacancy.id))


def test_suggestions_page_shows_score_and_reasons(client, auth, world):
    match = _suggest(world)
    assert match is not None and match.status == "suggested" and 0 <= match.score <= 1 and match.reasons
    auth.login("petugas@test.id")
    response = client.get(f"/staff/vacancies/{world.vacancy.id}/suggestions")
    page = response.get_data(as_text=True)
    assert response.request.path.endswith("/suggestions")
    assert "Budi Santoso" in page and f"{round(match.score * 100)}%" in page
    assert "keterampilan" in page  # a rendered reason sentence


def test_refer_several_and_resident_follows_it(client, auth, world, make):
    second = make.seeker(world.nj, name="Dedi Kurniawan", birth=dt.date(1997, 3, 9))
    db.session.commit()
    _suggest(world)
    ids = [m.id for m in db.session.scalars(select(Match).where(Match.vacancy_id == world.vacancy.id,
                                                                Match.seeker_id.in_([world.seeker.id, second.id])))]
    assert len(ids) == 2
    auth.login("petugas@test.id")
    response = client.post(f"/staff/vacancies/{world.vacancy.id}/refer", data={"match_id": ids}, follow_redirects=True)
    assert "2 warga dirujuk" in response.get_data(as_text=True)
    assert {m.status for m in db.session.scalars(select(Match).where(Match.id.in_(ids)))} == {"referred"}
    auth.logout()
    auth.login("hrd@test.id")
    page = client.get(f"/employer/vacancies/{world.vacancy.id}").get_data(as_text=True)
    assert "Budi Santoso" in page and "Dedi Kurniawan" in page
    assert world.seeker.nik not in page and "1998" not in page  # no NIK, no birth date for employers
    auth.logout()
    auth.login("warga@test.id")
    assert "Petugas sudah mengirim data Anda" in client.get("/me/").get_data(as_text=True)


def test_refer_requires_consent_to_share(client, auth, world):
    world.seeker.consent_sharing = False
    db.session.commit()
    match = _suggest(world)
    auth.login("petugas@test.id")
    page = client.post(f"/staff/vacancies/{world.vacancy.id}/refer", data={"match_id": [match.id]},
                       follow_redirects=True).get_data(as_text=True)
    assert "belum setuju datanya dibagikan" in page
    db.session.refresh(match)
    assert match.status == "suggested"


def test_staff_cannot_refer_residents_of_another_kelurahan(client, auth, world):
    other = Match(seeker=world.other_seeker, vacancy=world.vacancy, status="suggested", reasons=[], score=0.4)
    db.session.add(other)
    db.session.commit()
    auth.login("petugas@test.id")
    client.post(f"/staff/vacancies/{world.vacancy.id}/refer", data={"match_id": [other.id]})
    db.session.refresh(other)
    assert other.status == "suggested"
    assert client.post(f"/staff/matches/{other.id}/dismiss", data={f"d{other.id}-reason": "other"}).status_code == 404


def test_dismiss_with_reason_is_recorded(client, auth, world):
    match = _suggest(world)
    auth.login("petugas@test.id")
    response = client.post(f"/staff/matches/{match.id}/dismiss",
                           data={f"d{match.id}-reason": "unreachable", f"d{match.id}-note": "HP tidak aktif"})
    assert response.status_code == 303
    db.session.refresh(match)
    assert match.status == "dismissed" and match.events[-1].reason_code == "unreachable"
    assert match.events[-1].note == "HP tidak aktif" and match.events[-1].actor_id == world.staff.id


def test_work_queue_lists_what_needs_doing(client, auth, world, make):
    pending = make.seeker(world.nj, name="Eka Pending", birth=dt.date(2001, 7, 7), verified_at=None)
    make.company(name="PT Menunggu", status="pending", kelurahan=world.nj)
    stale = Match(seeker=world.seeker, vacancy=world.vacancy, status="referred", reasons=[],
                  referred_at=utcnow() - dt.timedelta(days=9))
    db.session.add(stale)
    db.session.commit()
    auth.login("petugas@test.id")
    page = client.get("/staff/?tab=verify").get_data(as_text=True)
    assert pending.full_name in page and "PT Menunggu" in page
    assert f"/staff/matches/{stale.id}" in page


def test_search_filters_and_pagination(client, auth, world, make):
    for i in range(25):
        make.seeker(world.nj, name=f"Warga Uji {i:02d}", birth=dt.date(1995, 1, 1 + i % 28), education="SMP", major="",
                    rw="05", skills=["forklift"])
    db.session.commit()
    auth.login("petugas@test.id")
    first = client.get("/staff/seekers?education=SMP&rw=05").get_data(as_text=True)
    assert "25 warga ditemukan" in first and "Halaman 1 dari 2" in first and "Budi Santoso" not in first
    second = client.get("/staff/seekers?education=SMP&rw=05&page=2").get_data(as_text=True)
    assert "Warga Uji 24" in second
    assert "1 warga ditemukan" in client.get("/staff/seekers?skill=bubut").get_data(as_text=True)
    # A NIK is searched with a POST: it never appears in a URL.
    assert "0 warga ditemukan" in client.get(f"/staff/seekers?q={world.seeker.nik}").get_data(as_text=True)
    found = client.post("/staff/seekers/find", data={"nik": world.seeker.nik})
    assert found.status_code == 303 and found.headers["Location"].endswith(f"/staff/seekers/{world.seeker.id}")
    assert world.seeker.nik not in found.headers["Location"]
    assert client.post("/staff/seekers/find", data={"nik": world.other_seeker.nik}).status_code == 422
    page = client.get(f"/staff/seekers/{world.seeker.id}").get_data(as_text=True)
    assert world.seeker.nik in page  # staff of the kelurahan see the full NIK
    assert world.seeker.nik not in client.get("/staff/seekers").get_data(as_text=True)  # lists mask it


def test_refer_ignores_ids_that_are_not_plain_numbers(client, auth, world):
    match = _suggest(world)
    auth.login("petugas@test.id")
    response = client.post(f"/staff/vacancies/{world.vacancy.id}/refer",
                           data={"match_id": ["²", "9" * 25, str(match.id)]}, follow_redirects=True)
    assert response.status_code == 200 and "1 warga dirujuk" in response.get_data(as_text=True)
