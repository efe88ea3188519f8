"""Reminders and follow-ups made by `flask tick` on a frozen clock, the staff queue's "Pengingat",
the AK/I card, the contract end date of a hire, and the emails the outbox gets on the way."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from app.referrals import services as referrals
from app.core import timeutil
from app.extensions import db
from app.models import Match, Outbox, Reminder, SeekerProfile, Vacancy
from app.referrals.reminders import add_months, ak1_report_due


class Clock:
    """`timeutil.utcnow` (and so `today_wib`) stands still at 09.00 WIB of the day set."""

    def __init__(self):
        self.now = timeutil.utcnow()

    def day(self, day: dt.date, hour: int = 9) -> None:
        self.now = dt.datetime(day.year, day.month, day.day, hour, tzinfo=timeutil.WIB).astimezone(dt.timezone.utc)


@pytest.fixture
def clock(monkeypatch):
    frozen = Clock()
    monkeypatch.setattr(timeutil, "utcnow", lambda: frozen.now)
    return frozen


def tick(app) -> None:
    result = app.test_cli_runner().invoke(args=["tick"])
    assert result.exit_code == 0 and "done" in result.output, result.output


def open_reminders(**where) -> list[Reminder]:
    db.session.expire_all()
    query = select(Reminder).where(Reminder.done_at.is_(None)).order_by(Reminder.id)
    for name, value in where.items():
        query = query.where(getattr(Reminder, name) == value)
    return db.session.scalars(query).all()


def count_reminders() -> int:
    return db.session.scalar(select(func.count()).select_from(Reminder))


def wib(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=timeutil.WIB)


@pytest.fixture
def ids(world):
    """The world's ids: `tick` runs as a job that starts with a fresh session, so the world's rows
    are read again by id afterwards."""
    from types import SimpleNamespace

    return SimpleNamespace(nj=world.nj.id, staff=world.staff.id, seeker=world.seeker.id, other_seeker=world.other_seeker.id,
                           vacancy=world.vacancy.id, other_email=world.other_user.email)


def referred(ids, seeker_id=None, on=dt.date(2026, 3, 2)) -> int:
    match = Match(seeker_id=seeker_id or ids.seeker, vacancy_id=ids.vacancy, status="referred", reasons=[],
                  referred_at=wib(on))
    db.session.add(match)
    db.session.commit()
    return match.id


def hired(ids, start: dt.date, *, contract="pkwt", end: dt.date | None = None, seeker_id=None) -> int:
    match = Match(seeker_id=seeker_id or ids.seeker, vacancy_id=ids.vacancy, status="hired", reasons=[],
                  referred_at=wib(start - dt.timedelta(days=20)), start_date=start, contract_type=contract,
                  contract_end_date=end)
    db.session.add(match)
    db.session.commit()
    return match.id


def staff_user(ids):
    from app.models import User

    return db.session.get(User, ids.staff)


def emails_to(address: str) -> list[Outbox]:
    return db.session.scalars(select(Outbox).where(Outbox.recipient == address).order_by(Outbox.id)).all()


# -- dates ---------------------------------------------------------------------------------------

def test_add_months_keeps_the_day_or_takes_the_month_end():
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 1, 31), 3) == dt.date(2026, 4, 30)
    assert add_months(dt.date(2026, 11, 15), 2) == dt.date(2027, 1, 15)
    assert add_months(dt.date(2026, 3, 15), -24) == dt.date(2024, 3, 15)


def test_ak1_report_is_due_every_six_months_from_the_last_report_or_the_issue():
    valid_until = dt.date(2027, 6, 30)  # issued 30 June 2025
    assert ak1_report_due(valid_until, None, dt.date(2025, 12, 29)) == dt.date(2025, 12, 30)
    assert ak1_report_due(valid_until, None, dt.date(2026, 7, 1)) == dt.date(2026, 6, 30)  # the latest missed one
    assert ak1_report_due(valid_until, dt.date(2026, 1, 15), dt.date(2026, 3, 1)) == dt.date(2026, 7, 15)
    assert ak1_report_due(valid_until, dt.date(2027, 1, 15), dt.date(2027, 3, 1)) is None  # the card ends first


# -- the tick makes reminders on their day, once --------------------------------------------------

def test_referral_without_answer_is_a_reminder_on_day_seven_not_before(app, ids, clock):
    match_id = referred(ids, on=dt.date(2026, 3, 2))
    clock.day(dt.date(2026, 3, 8))
    tick(app)
    assert open_reminders() == []
    clock.day(dt.date(2026, 3, 9))
    tick(app)
    [reminder] = open_reminders()
    assert (reminder.kind, reminder.match_id, reminder.due_on, reminder.kelurahan_id) == \
        ("no_answer", match_id, dt.date(2026, 3, 9), ids.nj)
    tick(app)  # idempotent: nothing new
    assert count_reminders() == 1
    match = db.session.get(Match, match_id)
    referrals.invite_interview(match, None, wib(dt.date(2026, 3, 12)))
    db.session.commit()
    tick(app)  # answered: the reminder no longer applies
    assert count_reminders() == 0


@pytest.mark.parametrize("months, due", [(1, dt.date(2026, 2, 28)), (3, dt.date(2026, 4, 30)), (6, dt.date(2026, 7, 31))])
def test_follow_ups_one_three_and_six_months_after_the_start(app, ids, clock, months, due):
    match_id = hired(ids, dt.date(2026, 1, 31))
    clock.day(due - dt.timedelta(days=1))
    tick(app)
    assert f"follow_up_{months}" not in {r.kind for r in open_reminders()}
    clock.day(due)
    tick(app)
    [reminder] = open_reminders()
    assert (reminder.kind, reminder.match_id, reminder.due_on) == (f"follow_up_{months}", match_id, due)
    tick(app)
    assert count_reminders() == 1


def test_each_follow_up_in_turn_and_none_after_the_resident_stopped_working(app, ids, clock):
    match_id = hired(ids, dt.date(2026, 1, 31))
    from app.referrals.reminders import complete_reminder

    clock.day(dt.date(2026, 2, 28))
    tick(app)
    [first] = open_reminders()
    complete_reminder(first, staff_user(ids), "masih di bagian produksi", "working")
    db.session.commit()
    clock.day(dt.date(2026, 4, 30))
    tick(app)
    [second] = open_reminders()
    assert second.kind == "follow_up_3"
    complete_reminder(second, staff_user(ids), "berhenti bulan lalu", "not_working")
    db.session.commit()
    clock.day(dt.date(2026, 7, 31))
    tick(app)
    assert open_reminders() == [] and count_reminders() == 2
    assert db.session.get(Match, match_id).status == "hired"


def test_old_hires_do_not_flood_the_queue(app, ids, clock):
    hired(ids, dt.date(2025, 1, 10))  # 6 months were due in July 2025
    clock.day(dt.date(2026, 3, 1))
    tick(app)
    assert count_reminders() == 0


def test_a_pkwt_that_ends_is_a_reminder_thirty_days_before(app, ids, clock):
    match_id = hired(ids, dt.date(2026, 1, 5), end=dt.date(2026, 12, 31))
    clock.day(dt.date(2026, 11, 30))
    tick(app)
    assert "contract_end" not in {r.kind for r in open_reminders()}
    clock.day(dt.date(2026, 12, 1))
    tick(app)
    [reminder] = open_reminders(kind="contract_end")
    assert (reminder.match_id, reminder.due_on) == (match_id, dt.date(2026, 12, 1))
    tick(app)
    assert len(open_reminders(kind="contract_end")) == 1


def test_ak1_expiry_and_report_back(app, ids, clock):
    seeker = db.session.get(SeekerProfile, ids.seeker)
    seeker.ak1_number, seeker.ak1_valid_until, seeker.ak1_last_report = "3671-0701-0001", dt.date(2027, 6, 30), dt.date(2026, 1, 15)
    db.session.commit()
    clock.day(dt.date(2026, 7, 14))
    tick(app)
    assert open_reminders() == []
    clock.day(dt.date(2026, 7, 15))
    tick(app)
    [report] = open_reminders()
    assert (report.kind, report.seeker_id, report.due_on, report.kelurahan_id) == \
        ("ak1_report", ids.seeker, dt.date(2026, 7, 15), ids.nj)
    tick(app)
    assert count_reminders() == 1
    # The resident reported: staff record it, and the reminder goes at once.
    from app.referrals.reminders import record_ak1_card

    seeker = db.session.get(SeekerProfile, ids.seeker)
    record_ak1_card(seeker, seeker.ak1_number, seeker.ak1_valid_until, dt.date(2026, 7, 15))
    db.session.commit()
    assert count_reminders() == 0
    # The card's last day.
    clock.day(dt.date(2027, 6, 29))
    tick(app)
    assert "ak1_expiry" not in {r.kind for r in open_reminders()}
    clock.day(dt.date(2027, 6, 30))
    tick(app)
    assert [r.due_on for r in open_reminders(kind="ak1_expiry")] == [dt.date(2027, 6, 30)]
    tick(app)
    assert len(open_reminders(kind="ak1_expiry")) == 1


def test_no_ak1_reminders_once_the_resident_works(app, ids, clock):
    seeker = db.session.get(SeekerProfile, ids.seeker)
    seeker.ak1_number, seeker.ak1_valid_until = "AK1 998877", dt.date(2026, 8, 1)
    db.session.commit()
    clock.day(dt.date(2026, 8, 1))
    tick(app)
    assert len(open_reminders(kind="ak1_expiry")) == 1
    seeker = db.session.get(SeekerProfile, ids.seeker)
    seeker.status = "working"  # the card goes back to Disnaker when the holder is placed
    db.session.commit()
    tick(app)
    assert open_reminders() == []


def test_anonymising_a_resident_deletes_their_reminders(app, ids, clock):
    hired(ids, dt.date(2026, 1, 31))
    clock.day(dt.date(2026, 2, 28))
    tick(app)
    assert count_reminders() == 1
    from app.privacy import services as privacy

    privacy.anonymise_seeker(db.session.get(SeekerProfile, ids.seeker))
    db.session.commit()
    tick(app)
    assert count_reminders() == 0


# -- the staff queue ------------------------------------------------------------------------------

def _due_follow_up(app, ids, clock, seeker_id=None) -> int:
    match_id = hired(ids, dt.date(2026, 1, 31), seeker_id=seeker_id)
    clock.day(dt.date(2026, 2, 28))
    tick(app)
    [reminder] = open_reminders(match_id=match_id)
    return reminder.id


def test_queue_shows_the_kelurahan_reminders_with_a_done_action(app, client, auth, ids, clock):
    reminder_id = _due_follow_up(app, ids, clock)
    other_id = _due_follow_up(app, ids, clock, seeker_id=ids.other_seeker)
    auth.login("petugas@test.id")
    page = client.get("/staff/?tab=reminders").get_data(as_text=True)
    assert "Pengingat jatuh tempo (1)" in page and f'id="pengingat-{reminder_id}"' in page
    assert f'id="pengingat-{other_id}"' not in page  # Cimone's resident
    assert "Tindak lanjut 1 bulan setelah mulai bekerja" in page
    # A follow-up needs its outcome: back with the error at the field, nothing saved.
    response = client.post("/staff/reminders/done", data={"ids": reminder_id, "note": "sudah ditelepon"})
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert 'id="outcome-error"' in body and "Pilih hasil tindak lanjut" in body
    assert db.session.get(Reminder, reminder_id).done_at is None
    # Without JavaScript: 303 back to the queue's reminders.
    response = client.post("/staff/reminders/done",
                           data={"ids": reminder_id, "outcome": "working", "note": "masih bekerja, sehat"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/staff/?tab=reminders")
    db.session.expire_all()
    done = db.session.get(Reminder, reminder_id)
    assert done.done_at is not None and done.done_by_id == ids.staff
    assert (done.outcome, done.note) == ("working", "masih bekerja, sehat")
    assert "Pengingat jatuh tempo (0)" in client.get("/staff/?tab=reminders").get_data(as_text=True)
    match_page = client.get(f"/staff/matches/{done.match_id}").get_data(as_text=True)
    assert "masih bekerja, sehat" in match_page and "Masih bekerja" in match_page
    tick(app)  # done stays done; nothing is made again
    assert db.session.scalar(select(func.count()).select_from(Reminder).where(Reminder.kelurahan_id == ids.nj)) == 1


def test_done_with_htmx_swaps_the_item(app, client, auth, ids, clock):
    match_id = referred(ids, on=dt.date(2026, 3, 2))
    clock.day(dt.date(2026, 3, 9))
    tick(app)
    [reminder] = open_reminders()
    reminder_id = reminder.id
    auth.login("petugas@test.id")
    response = client.post("/staff/reminders/done", data={"one": str(reminder_id), "note": "HRD dihubungi"},
                           headers={"HX-Request": "true"})
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and body.lstrip().startswith('<div id="triage">')
    assert "1 pengingat selesai." in body and "<html" not in body
    assert f'id="pengingat-{reminder_id}"' not in body and "Pengingat jatuh tempo (0)" in body
    assert db.session.get(Reminder, reminder_id).note == "HRD dihubungi"
    assert response.headers.get("Vary") and "HX-Request" in response.headers["Vary"]
    assert db.session.get(Match, match_id).status == "referred"


def test_staff_of_another_kelurahan_cannot_close_a_reminder(app, client, auth, ids, clock):
    reminder_id = _due_follow_up(app, ids, clock)
    auth.login("petugas.cimone@test.id")
    assert f'id="pengingat-{reminder_id}"' not in client.get("/staff/?tab=reminders").get_data(as_text=True)
    response = client.post("/staff/reminders/done", data={"one": f"{reminder_id}:working"})
    assert response.status_code == 422 and "tidak ada di antrean kelurahan Anda" in response.get_data(as_text=True)
    assert db.session.get(Reminder, reminder_id).done_at is None
    assert client.post("/staff/reminders/done", data={"ids": "999999"}).status_code == 422


# -- the AK/I card ----------------------------------------------------------------------------------

def _ak1(client, seeker_id, headers=None, **fields):
    data = {f"ak1-{k}": v for k, v in fields.items()}
    return client.post(f"/staff/seekers/{seeker_id}/ak1", data=data, headers=headers or {})


@pytest.mark.parametrize("fields, error", [
    ({"ak1_number": "3671#0001", "ak1_valid_until": "2027-01-01"}, "hanya berisi huruf dan angka"),
    ({"ak1_number": "1" * 31, "ak1_valid_until": "2027-01-01"}, "paling banyak 30 karakter"),
    ({"ak1_number": "36710001", "ak1_valid_until": ""}, "Isi tanggal berlaku kartu"),
    ({"ak1_number": "", "ak1_valid_until": "2027-01-01"}, "Isi nomor kartu AK/I"),
    ({"ak1_number": "36710001", "ak1_valid_until": "2028-06-02"}, "paling lama 2 tahun"),
    ({"ak1_number": "36710001", "ak1_valid_until": "2027-01-01", "ak1_last_report": "2026-06-02"}, "setelah hari ini"),
    ({"ak1_number": "36710001", "ak1_valid_until": "2027-01-01", "ak1_last_report": "2024-12-31"}, "masa berlaku kartu"),
    ({"ak1_number": "36710001", "ak1_valid_until": "kemarin"}, ""),
])
def test_ak1_card_is_validated(app, client, auth, world, clock, fields, error):
    clock.day(dt.date(2026, 6, 1))
    auth.login("petugas@test.id")
    response = _ak1(client, world.seeker.id, **fields)
    body = response.get_data(as_text=True)
    assert response.status_code == 422 and error in body and 'class="error"' in body
    assert 'id="kartu-ak1"' in body and "<html" in body  # the whole page, the error at its field
    fragment = _ak1(client, world.seeker.id, headers={"HX-Request": "true"}, **fields)
    assert fragment.status_code == 422 and fragment.get_data(as_text=True).lstrip().startswith('<section class="card" id="kartu-ak1"')
    assert db.session.get(SeekerProfile, world.seeker.id).ak1_number is None


def test_staff_record_the_ak1_card_and_the_resident_sees_it(app, client, auth, world, clock):
    clock.day(dt.date(2026, 6, 1))
    auth.login("petugas@test.id")
    response = _ak1(client, world.seeker.id, ak1_number=" 3671-07 000123 ", ak1_valid_until="2027-05-31",
                    ak1_last_report="2025-12-01")
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/staff/seekers/{world.seeker.id}#kartu-ak1")
    db.session.expire_all()
    seeker = db.session.get(SeekerProfile, world.seeker.id)
    assert (seeker.ak1_number, seeker.ak1_valid_until, seeker.ak1_last_report) == \
        ("3671-07 000123", dt.date(2027, 5, 31), dt.date(2025, 12, 1))
    # The report-back was due on 1 June: a reminder at once.
    assert [r.kind for r in open_reminders(seeker_id=seeker.id)] == ["ak1_report"]
    page = client.get(f"/staff/seekers/{seeker.id}").get_data(as_text=True)
    assert "3671-07 000123" in page and "sudah waktunya" in page
    fragment = _ak1(client, seeker.id, headers={"HX-Request": "true"}, ak1_number="3671-07 000123",
                    ak1_valid_until="2027-05-31", ak1_last_report="2026-06-01")
    assert fragment.status_code == 200 and "Kartu AK/I tersimpan." in fragment.get_data(as_text=True)
    assert open_reminders(seeker_id=seeker.id) == []  # reported: the reminder went
    auth.logout()
    auth.login("warga@test.id")
    profile = client.get("/me/profile").get_data(as_text=True)
    assert "3671-07 000123" in profile and "1 Desember 2026" in profile  # next report-back
    auth.logout()
    auth.login("petugas.cimone@test.id")
    assert _ak1(client, seeker.id, ak1_number="1", ak1_valid_until="2027-01-01").status_code == 404


# -- the outbox ------------------------------------------------------------------------------------

def test_residents_hear_of_every_move_of_their_referral(app, client, auth, world, make):
    """Referral and the employer's answers were already told; the moves made on the way now are too."""
    second = make.vacancy(world.company, title="Juru Las", openings=1)
    world.other_seeker.status = "looking"
    other_user = world.other_user
    third = Match(seeker=world.other_seeker, vacancy=second, status="referred", reasons=[], referred_at=timeutil.utcnow())
    mine = Match(seeker=world.seeker, vacancy=second, status="referred", reasons=[], referred_at=timeutil.utcnow())
    elsewhere = Match(seeker=world.seeker, vacancy=world.vacancy, status="interview", reasons=[], referred_at=timeutil.utcnow())
    db.session.add_all([third, mine, elsewhere])
    world.company.contact_email = "hrd.kontak@sinarlogam.test"
    db.session.commit()
    auth.login("hrd@test.id")
    start = dt.date.today() + dt.timedelta(days=5)
    response = client.post(f"/employer/referrals/{mine.id}/hire", data={
        f"hire{mine.id}-start_date": start.isoformat(), f"hire{mine.id}-contract_type": "pkwt",
        f"hire{mine.id}-contract_end_date": add_months(start, 12).isoformat()})
    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(Match, mine.id).contract_end_date == add_months(start, 12)
    to_resident = [m.body for m in emails_to("warga@test.id")]
    assert len(to_resident) == 2  # the hire, and the other referral closed because of it
    assert any("Diterima di tempat lain" in body for body in to_resident)
    assert any("Selamat! Anda diterima bekerja." in body for body in to_resident)
    # The vacancy (one opening) is filled: the other resident's referral closes and they hear why,
    # and the employer hears that the vacancy closed by itself.
    assert db.session.get(Vacancy, second.id).status == "filled"
    [to_other] = emails_to(other_user.email)
    assert "Lowongan sudah terisi" in to_other.body
    for address in ("hrd.kontak@sinarlogam.test", "hrd@test.id"):
        [filled] = emails_to(address)
        assert "sudah terisi" in filled.subject and "1 dari 1 orang diterima" in filled.body


def test_dismissing_a_suggestion_the_resident_was_interested_in_tells_them(app, client, auth, world):
    quiet = Match(seeker=world.other_seeker, vacancy=world.vacancy, status="suggested", reasons=[])
    keen = Match(seeker=world.seeker, vacancy=world.vacancy, status="suggested", reasons=[], interested=True)
    db.session.add_all([quiet, keen])
    db.session.commit()
    referrals.dismiss(keen, world.staff, "requirements")
    referrals.dismiss(quiet, world.staff, "unreachable")
    db.session.commit()
    [email] = emails_to("warga@test.id")
    assert "Tidak memenuhi syarat lowongan" in email.body
    assert emails_to(world.other_user.email) == []


def test_a_vacancy_closed_by_its_deadline_tells_the_employer_and_referred_residents(app, world, ids, clock):
    clock.day(dt.date(2026, 5, 11))
    vacancy = db.session.get(Vacancy, ids.vacancy)
    vacancy.deadline = dt.date(2026, 5, 10)
    vacancy.company.contact_email = "rekrutmen@sinarlogam.test"
    db.session.add(Match(seeker=world.other_seeker, vacancy=vacancy, status="refused", reasons=[]))  # closed: not told
    referred(ids, on=dt.date(2026, 5, 4))
    tick(app)
    assert db.session.get(Vacancy, ids.vacancy).status == "closed"
    [employer] = emails_to("rekrutmen@sinarlogam.test")
    assert "ditutup otomatis" in employer.subject and "(10 Mei 2026)" in employer.body  # the pages' date format
    assert "1 rujukan masih menunggu jawaban Anda" in employer.body
    assert len(emails_to("hrd@test.id")) == 1
    [resident] = emails_to("warga@test.id")
    assert "Rujukan Anda tetap berlaku" in resident.body
    assert emails_to(ids.other_email) == []
    tick(app)  # already closed: nothing is sent twice
    assert db.session.scalar(select(func.count()).select_from(Outbox)) == 3


# -- the contract end date of a hire ---------------------------------------------------------------

@pytest.mark.parametrize("contract, end_after_years, error", [
    ("pkwt", 6, "PKWT paling lama 5 tahun"),
    ("pkwt", -1, "harus setelah tanggal mulai bekerja"),
    ("pkwtt", 1, "tidak punya tanggal kontrak berakhir"),
])
def test_contract_end_date_is_validated(client, auth, world, contract, end_after_years, error):
    match = Match(seeker=world.seeker, vacancy=world.vacancy, status="referred", reasons=[], referred_at=timeutil.utcnow())
    db.session.add(match)
    db.session.commit()
    auth.login("hrd@test.id")
    start = dt.date.today() + dt.timedelta(days=3)
    end = add_months(start, 12 * end_after_years) if end_after_years > 0 else start - dt.timedelta(days=1)
    response = client.post(f"/employer/referrals/{match.id}/hire", data={
        f"hire{match.id}-start_date": start.isoformat(), f"hire{match.id}-contract_type": contract,
        f"hire{match.id}-contract_end_date": end.isoformat()})
    body = response.get_data(as_text=True)
    assert response.status_code == 422 and error in body and f'id="hire{match.id}-contract_end_date-error"' in body
    db.session.expire_all()
    assert db.session.get(Match, match.id).status == "referred"


def test_answer_link_records_the_contract_end_date(app, client, world):
    from app.employers.answer_links import make_token

    match = Match(seeker=world.seeker, vacancy=world.vacancy, status="referred", reasons=[], referred_at=timeutil.utcnow())
    db.session.add(match)
    db.session.commit()
    token = make_token(match, "hire")
    start = dt.date.today() + dt.timedelta(days=3)
    assert 'name="contract_end_date"' in client.get(f"/answer/{token}").get_data(as_text=True)
    too_long = client.post(f"/answer/{token}", data={"start_date": start.isoformat(), "contract_type": "pkwt",
                                                     "contract_end_date": add_months(start, 61).isoformat()})
    assert too_long.status_code == 422 and "PKWT paling lama 5 tahun" in too_long.get_data(as_text=True)
    done = client.post(f"/answer/{token}", data={"start_date": start.isoformat(), "contract_type": "pkwt",
                                                 "contract_end_date": add_months(start, 60).isoformat()})
    assert done.status_code == 422  # exactly 5 years later is one day too long: the last day is the day before
    ok = client.post(f"/answer/{token}", data={"start_date": start.isoformat(), "contract_type": "pkwt",
                                               "contract_end_date": (add_months(start, 60) - dt.timedelta(days=1)).isoformat()})
    assert ok.status_code == 200
    db.session.expire_all()
    match = db.session.get(Match, match.id)
    assert match.status == "hired" and match.contract_end_date == add_months(start, 60) - dt.timedelta(days=1)


HOSTILE = ["<script>alert(1)</script>", "' OR 1=1 --", "\u202etxt.exe", "💼", "\x00", "9" * 40, "-1", "1e309",
           "2026-02-30", "0000-01-01", "9999-12-31", " ", "", "a" * 5000]


def test_hostile_input_never_fails(app, client, auth, ids, clock):
    reminder_id = _due_follow_up(app, ids, clock)
    auth.login("petugas@test.id")
    for value in HOSTILE:
        for data in ({"ak1-ak1_number": value, "ak1-ak1_valid_until": value, "ak1-ak1_last_report": value},
                     {"ak1-ak1_number": "3671", "ak1-ak1_valid_until": value},
                     {"ak1-ak1_number": value, "ak1-ak1_valid_until": "2027-01-01"}):
            response = _ak1(client, ids.seeker, **{k[4:]: v for k, v in data.items()})
            assert response.status_code in (303, 422), (data, response.status_code)
            assert "<script>alert(1)</script>" not in response.get_data(as_text=True)
        for data in ({"ids": reminder_id, "outcome": value, "note": value}, {"ids": value},
                     {"one": f"{reminder_id}:{value}"}, {"one": value}, {"ids": [reminder_id, value]}):
            response = client.post("/staff/reminders/done", data=data)
            assert response.status_code == 422, (value, data, response.status_code)
            assert "<script>alert(1)</script>" not in response.get_data(as_text=True)


def test_an_extended_contract_gets_a_new_reminder_after_the_first_was_done(app, ids, clock):
    match_id = hired(ids, dt.date(2026, 1, 5), end=dt.date(2026, 12, 31))
    clock.day(dt.date(2026, 12, 2))
    tick(app)
    [first] = open_reminders(kind="contract_end")
    first_id = first.id
    first.done_at = timeutil.utcnow()
    db.session.commit()
    match = db.session.get(Match, match_id)
    match.contract_end_date = dt.date(2027, 1, 20)  # extended
    db.session.commit()
    clock.day(dt.date(2026, 12, 21))
    tick(app)
    [second] = open_reminders(kind="contract_end")
    assert second.id != first_id and second.due_on == dt.date(2026, 12, 21)
    # Moved again before it was done: the open reminder follows the new date, never two at once.
    db.session.get(Match, match_id).contract_end_date = dt.date(2027, 1, 10)
    db.session.commit()
    tick(app)
    [third] = open_reminders(kind="contract_end")
    assert third.due_on == dt.date(2026, 12, 11)


def test_a_long_queue_shows_the_oldest_reminders_and_counts_them_all(app, client, auth, ids, clock):
    shown = app.config["PER_PAGE"]
    clock.day(dt.date(2026, 6, 1))
    db.session.add_all([Reminder(key=f"ak1_report:s{ids.seeker}:x{i}", kind="ak1_report", kelurahan_id=ids.nj,
                                 seeker_id=ids.seeker, due_on=dt.date(2026, 1, 1) + dt.timedelta(days=i))
                        for i in range(shown + 5)])
    db.session.commit()
    auth.login("petugas@test.id")
    page = client.get("/staff/").get_data(as_text=True)  # the most urgent tab: these reminders
    assert f"Pengingat jatuh tempo ({shown + 5})" in page
    assert page.count('id="pengingat-') == shown
    assert "Halaman 1 dari 2" in page
    oldest = db.session.scalars(select(Reminder).order_by(Reminder.due_on)).first()
    assert f'id="pengingat-{oldest.id}"' in page
    assert client.get("/staff/?tab=reminders&page=2").get_data(as_text=True).count('id="pengingat-') == 5


def test_a_referral_without_answer_is_listed_once_on_the_queue(app, client, auth, ids, clock):
    match_id = referred(ids, on=dt.date(2026, 3, 2))
    auth.login("petugas@test.id")

    def sections():
        page = client.get("/staff/?tab=reminders").get_data(as_text=True)
        live = page[page.index('id="q-rujukan"'):]
        live = live[:live.index("</section>")]
        return page.count(f"/staff/matches/{match_id}"), f"/staff/matches/{match_id}" in live

    assert sections() == (1, True)  # before `tick`: the live list
    clock.day(dt.date(2026, 3, 9))
    tick(app)
    [reminder] = open_reminders(match_id=match_id)
    count, in_live_list = sections()
    assert count == 1 and not in_live_list  # a reminder now, not also the live list
    reminder_id = reminder.id
    client.post("/staff/reminders/done", data={"one": str(reminder_id), "note": "HRD dihubungi"})
    assert not open_reminders(match_id=match_id)
    assert sections() == (1, True)  # followed up, still no answer: back on the live list
