from app.extensions import db


def test_staff_see_flags_for_discriminatory_wording_and_low_wage(client, auth, world, make):
    spg = make.vacancy(world.company, title="SPG Mall", description="Wanita, usia maksimal 25 tahun, berpenampilan menarik.",
                       contract_type="pkwt", wage_min=4_000_000, wage_max=4_500_000, skills=["penjualan"])
    db.session.commit()
    auth.login("petugas@test.id")
    page = client.get(f"/staff/vacancies/{spg.id}/suggestions").get_data(as_text=True)
    assert "menyebut jenis kelamin tertentu" in page
    assert "membatasi usia maksimal" in page and "meminta penampilan menarik" in page
    assert "di bawah UMK Rp5.399.406" in page
    clean = client.get(f"/staff/vacancies/{world.vacancy.id}/suggestions").get_data(as_text=True)
    assert "Periksa:" not in clean
    listing = client.get("/staff/vacancies").get_data(as_text=True)
    assert listing.count("Periksa:") == 4


# --- review before publication ----------------------------------------------------------------
import datetime as dt  # noqa: E402

from sqlalchemy import select  # noqa: E402

from app.models import AuditLog, Match, Outbox, Vacancy, VacancyReviewEvent  # noqa: E402


def _new_vacancy(client, title="Penjahit Garmen", description="Menjahit pakaian jadi.", **extra):
    data = {"title": title, "description": description, "skills": "menjahit", "education_min": "SMP",
            "contract_type": "pkwt", "wage_min": "5400000", "wage_max": "5600000", "shift": "pagi",
            "location": "Karawaci", "openings": "2", "deadline": (dt.date.today() + dt.timedelta(days=20)).isoformat()}
    data.update(extra)
    response = client.post("/employer/vacancies/new", data=data)
    assert response.status_code == 303
    return db.session.scalar(select(Vacancy).where(Vacancy.title == title))


def _events(vacancy):
    return [e.action for e in db.session.scalars(select(VacancyReviewEvent).where(VacancyReviewEvent.vacancy_id == vacancy.id)
                                                  .order_by(VacancyReviewEvent.id))]


def test_new_vacancy_waits_for_review_and_residents_never_see_it(client, auth, world):
    auth.login("hrd@test.id")
    vacancy = _new_vacancy(client, title="Kasir Wanita", description="Wanita, belum menikah, berpenampilan menarik.")
    assert vacancy.status == "review" and _events(vacancy) == ["submitted"]
    assert db.session.scalar(select(Match).where(Match.vacancy_id == vacancy.id)) is None
    assert "Menunggu tinjauan" in client.get(f"/employer/vacancies/{vacancy.id}").get_data(as_text=True)
    auth.logout()
    auth.login("warga@test.id")
    assert "Kasir Wanita" not in client.get("/me/vacancies").get_data(as_text=True)
    assert client.get(f"/me/vacancies/{vacancy.id}").status_code == 404
    assert client.post(f"/me/vacancies/{vacancy.id}/interest").status_code == 404
    auth.logout()
    auth.login("petugas@test.id")
    listing = client.get("/staff/vacancies/review").get_data(as_text=True)
    assert "Kasir Wanita" in listing and "menyebut jenis kelamin tertentu" in listing
    assert "mensyaratkan status pernikahan" in listing and "meminta penampilan menarik" in listing
    assert "Kasir Wanita" in client.get("/staff/").get_data(as_text=True)  # the work queue lists it
    page = client.get(f"/staff/vacancies/{vacancy.id}/review").get_data(as_text=True)
    assert "Terbitkan lowongan" in page and "Diajukan perusahaan" in page
    auth.logout()
    auth.login("petugas.cimone@test.id")  # the company is in Nusa Jaya
    assert "Kasir Wanita" not in client.get("/staff/vacancies/review").get_data(as_text=True)
    assert client.get(f"/staff/vacancies/{vacancy.id}/review").status_code == 404
    assert client.post(f"/staff/vacancies/{vacancy.id}/review/publish").status_code == 404
    auth.logout()
    auth.login("admin@test.id")  # admin reviews every kelurahan's vacancies
    assert "Kasir Wanita" in client.get("/staff/vacancies/review").get_data(as_text=True)


def test_publish_opens_the_vacancy_computes_suggestions_and_tells_the_employer(client, auth, world):
    auth.login("hrd@test.id")
    vacancy = _new_vacancy(client, title="Operator Bubut", description="Membubut poros sesuai gambar teknik.",
                           skills="bubut, membaca gambar teknik", education_min="SMA")
    auth.logout()
    auth.login("petugas@test.id")
    response = client.post(f"/staff/vacancies/{vacancy.id}/review/publish")
    assert response.status_code == 303
    db.session.refresh(vacancy)
    assert vacancy.status == "open" and _events(vacancy) == ["submitted", "published"]
    assert vacancy.suggestions_at is not None
    assert db.session.scalar(select(Match).where(Match.vacancy_id == vacancy.id, Match.seeker_id == world.seeker.id)) is not None
    message = db.session.scalar(select(Outbox).where(Outbox.recipient == "hrd@test.id"))
    assert message is not None and "Operator Bubut" in message.subject and "sudah tayang" in message.subject
    assert db.session.scalar(select(AuditLog).where(AuditLog.action == "publish", AuditLog.object_id == str(vacancy.id)))
    # A second decision on the same vacancy is refused with the form back.
    again = client.post(f"/staff/vacancies/{vacancy.id}/review/refuse", data={"refuse-note": "Terlambat"})
    assert again.status_code == 422 and "tidak sedang menunggu tinjauan" in again.get_data(as_text=True)
    auth.logout()
    auth.login("warga@test.id")
    assert "Operator Bubut" in client.get("/me/vacancies").get_data(as_text=True)


def test_changes_need_a_note_and_the_employer_resubmits(client, auth, world):
    auth.login("hrd@test.id")
    vacancy = _new_vacancy(client, title="SPG Toko", description="Usia maksimal 25 tahun.")
    auth.logout()
    auth.login("petugas@test.id")
    empty = client.post(f"/staff/vacancies/{vacancy.id}/review/changes", data={"changes-note": "  "})
    page = empty.get_data(as_text=True)
    assert empty.status_code == 422 and 'id="changes-note-error"' in page and "Tulis catatan untuk perusahaan" in page
    db.session.refresh(vacancy)
    assert vacancy.status == "review"
    note = "Hapus batas usia maksimal atau tulis alasannya."
    assert client.post(f"/staff/vacancies/{vacancy.id}/review/changes", data={"changes-note": note}).status_code == 303
    db.session.refresh(vacancy)
    assert vacancy.status == "changes"
    message = db.session.scalar(select(Outbox).where(Outbox.recipient == "hrd@test.id"))
    assert "perlu diubah" in message.subject and note in message.body
    auth.logout()
    auth.login("hrd@test.id")
    assert note in client.get(f"/employer/vacancies/{vacancy.id}").get_data(as_text=True)
    form_page = client.get(f"/employer/vacancies/{vacancy.id}/edit").get_data(as_text=True)
    assert note in form_page and "Simpan dan kirim ulang" in form_page
    client.post(f"/employer/vacancies/{vacancy.id}/edit", data={
        "title": "SPG Toko", "description": "Melayani pembeli dan menata barang.", "contract_type": "pkwt",
        "wage_min": "5400000", "location": "Karawaci", "openings": "1",
        "deadline": (dt.date.today() + dt.timedelta(days=20)).isoformat()})
    db.session.refresh(vacancy)
    assert vacancy.status == "review" and _events(vacancy) == ["submitted", "changes", "resubmitted"]
    auth.logout()
    auth.login("petugas@test.id")
    assert "SPG Toko" in client.get("/staff/vacancies/review").get_data(as_text=True)


def test_refusal_needs_a_note_and_is_final(client, auth, world):
    auth.login("hrd@test.id")
    vacancy = _new_vacancy(client, title="Sopir Pribadi", description="Beragama Islam, suku Jawa.")
    auth.logout()
    auth.login("petugas@test.id")
    assert client.post(f"/staff/vacancies/{vacancy.id}/review/refuse", data={}).status_code == 422
    reason = "Syarat agama dan suku melanggar UU 13/2003 Pasal 5."
    assert client.post(f"/staff/vacancies/{vacancy.id}/review/refuse", data={"refuse-note": reason}).status_code == 303
    db.session.refresh(vacancy)
    assert vacancy.status == "refused"
    assert "ditolak" in db.session.scalar(select(Outbox.subject).where(Outbox.recipient == "hrd@test.id"))
    auth.logout()
    auth.login("hrd@test.id")
    assert reason in client.get(f"/employer/vacancies/{vacancy.id}").get_data(as_text=True)
    assert client.get(f"/employer/vacancies/{vacancy.id}/edit").status_code == 303  # no edit of a refused vacancy
    auth.logout()
    auth.login("warga@test.id")
    assert client.get(f"/me/vacancies/{vacancy.id}").status_code == 404


def test_editing_the_text_or_wage_of_a_published_vacancy_sends_it_back_to_review(client, auth, world):
    from app.ranking import refresh_vacancy

    vacancy = world.vacancy
    refresh_vacancy(vacancy)
    db.session.commit()
    assert db.session.scalar(select(Match).where(Match.vacancy_id == vacancy.id, Match.status == "suggested")) is not None
    auth.login("hrd@test.id")
    base = {"title": vacancy.title, "description": vacancy.description, "skills": ", ".join(vacancy.skills),
            "education_min": vacancy.education_min, "contract_type": vacancy.contract_type,
            "wage_min": str(vacancy.wage_min), "wage_max": str(vacancy.wage_max), "shift": vacancy.shift,
            "location": vacancy.location, "openings": "5", "deadline": vacancy.deadline.isoformat()}
    client.post(f"/employer/vacancies/{vacancy.id}/edit", data=base)
    db.session.refresh(vacancy)
    assert vacancy.status == "open" and vacancy.openings == 5  # the number of openings is not reviewed
    client.post(f"/employer/vacancies/{vacancy.id}/edit", data={**base, "wage_min": "3000000", "wage_max": "3500000"})
    db.session.refresh(vacancy)
    assert vacancy.status == "review" and _events(vacancy)[-1] == "edited"
    assert db.session.scalar(select(Match).where(Match.vacancy_id == vacancy.id, Match.status == "suggested")) is None
    auth.logout()
    auth.login("warga@test.id")
    assert client.get(f"/me/vacancies/{vacancy.id}").status_code == 404
    auth.logout()
    auth.login("petugas@test.id")
    assert "di bawah UMK" in client.get(f"/staff/vacancies/{vacancy.id}/review").get_data(as_text=True)


def test_publishing_after_the_deadline_is_refused_and_waiting_vacancies_close_by_themselves(client, auth, world, make):
    from app.housekeeping import close_vacancies_past_deadline

    late = make.vacancy(world.company, title="Satpam", status="review", deadline=dt.date.today() - dt.timedelta(days=1))
    waiting = make.vacancy(world.company, title="Staf Admin", status="review")
    db.session.commit()
    auth.login("petugas@test.id")
    response = client.post(f"/staff/vacancies/{late.id}/review/publish")
    assert response.status_code == 422 and "Batas lamaran sudah lewat" in response.get_data(as_text=True)
    assert close_vacancies_past_deadline() == 1
    db.session.commit()
    assert late.status == "closed" and waiting.status == "review"
