"""Referral letters: numbering per kelurahan and year, the PDF, the public verification page."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app.referrals import letters, services as referrals
from app.extensions import db
from app.models import AuditLog, Match, Outbox, ReferralLetter


def _referred(world, seeker=None, vacancy=None) -> Match:
    match = Match(seeker=seeker or world.seeker, vacancy=vacancy or world.vacancy, status="suggested", reasons=[])
    db.session.add(match)
    db.session.flush()
    referrals.refer(match, world.staff)
    db.session.commit()
    return match


def test_number_pattern_and_initials():
    assert letters.letter_number(letters.DEFAULT_PATTERN, 123, "NJ", 2026) == "400/0123/NJ/2026"
    assert letters.initials("Budi  santoso") == "B.S."
    assert letters.initials("") == ""
    assert letters.date_indonesian(dt.date(2026, 11, 28)) == "28 November 2026"
    # 20.00 UTC is already the next day in WIB
    assert letters.date_indonesian(dt.datetime(2026, 11, 27, 20, 0, tzinfo=dt.timezone.utc)) == "28 November 2026"


def test_numbers_are_sequential_per_kelurahan_and_assigned_once(app, world, make):
    first = _referred(world)
    second_seeker = make.seeker(world.nj, name="Rina Wati", sex="P", birth=dt.date(1999, 3, 4))
    second = _referred(world, seeker=second_seeker)
    other = _referred(world, seeker=world.other_seeker, vacancy=world.vacancy)
    year = letters.to_wib(letters.utcnow()).year
    a = letters.issue(first, world.staff)
    assert letters.issue(first, world.staff) is a  # assigned once
    b = letters.issue(second, world.staff)
    c = letters.issue(other, world.staff_cm)
    db.session.commit()
    assert (a.number, b.number) == (f"400/0001/NJ/{year}", f"400/0002/NJ/{year}")
    assert c.number == f"400/0001/CM/{year}"  # each kelurahan counts on its own
    assert len({a.token, b.token, c.token}) == 3 and len(a.token) >= 30


def test_pattern_is_a_setting(app, world):
    app.config["LETTER_NUMBER_PATTERN"] = "470/{code}/{seq:03d}/{month}/{year}"
    try:
        letter = letters.issue(_referred(world), world.staff)
    finally:
        app.config.pop("LETTER_NUMBER_PATTERN")
    local = letters.to_wib(letter.issued_at)
    assert letter.number == f"470/NJ/001/{local.month}/{local.year}"


def test_referring_issues_the_letter_and_the_match_page_prints_it(client, auth, world):
    match = Match(seeker=world.seeker, vacancy=world.vacancy, status="suggested", reasons=[])
    db.session.add(match)
    db.session.commit()
    auth.login("petugas@test.id")
    assert client.post(f"/staff/vacancies/{world.vacancy.id}/refer", data={"match_id": str(match.id)}).status_code == 303
    letter = db.session.scalar(select(ReferralLetter).where(ReferralLetter.match_id == match.id))
    assert letter is not None and letter.number.startswith("400/0001/NJ/")
    page = client.get(f"/staff/matches/{match.id}").get_data(as_text=True)
    assert letter.number in page and f"/staff/matches/{match.id}/letter.pdf" in page
    response = client.get(f"/staff/matches/{match.id}/letter.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")
    assert db.session.scalar(select(AuditLog).where(AuditLog.action == "print", AuditLog.object_type == "letter"))


def test_letter_for_an_older_referral_is_made_from_the_match_page(client, auth, world):
    match = _referred(world)
    auth.login("petugas@test.id")
    response = client.get(f"/staff/matches/{match.id}/letter.pdf")
    assert response.status_code == 303  # not made yet: back to the match page
    assert client.post(f"/staff/matches/{match.id}/letter").status_code == 303
    assert client.post(f"/staff/matches/{match.id}/letter").status_code == 303  # again: same letter
    assert db.session.query(ReferralLetter).count() == 1
    assert client.get(f"/staff/matches/{match.id}/letter.pdf").data.startswith(b"%PDF")


def test_staff_of_another_kelurahan_get_no_letter(client, auth, world):
    match = _referred(world)
    letters.issue(match, world.staff)
    db.session.commit()
    auth.login("petugas.cimone@test.id")
    assert client.get(f"/staff/matches/{match.id}/letter.pdf").status_code == 404
    assert client.post(f"/staff/matches/{match.id}/letter").status_code == 404


def test_no_letter_for_a_mere_suggestion(client, auth, world):
    match = Match(seeker=world.seeker, vacancy=world.vacancy, status="suggested", reasons=[])
    db.session.add(match)
    db.session.commit()
    auth.login("petugas@test.id")
    client.post(f"/staff/matches/{match.id}/letter")
    assert db.session.query(ReferralLetter).count() == 0


def test_pdf_carries_letterhead_number_and_no_nik(app, world):
    world.nj.address = "Jl. Nusa Jaya Raya No. 1, Karawaci"
    world.nj.lurah_name, world.nj.lurah_nip = "Hj. Siti Rahmah, S.Sos.", "197803122006042007"
    letter = letters.issue(_referred(world), world.staff)
    db.session.commit()
    with app.test_request_context():
        body = letters.render_pdf(letter, compress=False)
    assert body.startswith(b"%PDF")
    text = _pdf_text(body)
    for expected in ("KELURAHAN NUSA JAYA", "Jl. Nusa Jaya Raya No. 1", "Hj. Siti Rahmah", "NIP. 197803122006042007", letter.number,
                     world.seeker.full_name, world.vacancy.title, "SURAT PENGANTAR"):
        assert expected in text, expected
    assert world.seeker.nik not in text


def _pdf_text(body: bytes) -> str:
    """The text drawn on an uncompressed page: the strings of its Tj operators."""
    import re

    return " ".join(m.replace("\\(", "(").replace("\\)", ")")
                   for m in re.findall(r"\((.*?)\) Tj", body.decode("latin-1")))


def test_public_verification_shows_only_number_date_and_initials(client, world):
    letter = letters.issue(_referred(world), world.staff)
    db.session.commit()
    page = client.get(f"/verify/{letter.token}").get_data(as_text=True)
    assert "sah" in page and letter.number in page and "B.S." in page
    assert world.seeker.full_name not in page and world.seeker.nik not in page
    assert letters.date_indonesian(letter.issued_at) in page
    unknown = client.get("/verify/bukan-token-asli")
    assert unknown.status_code == 200 and "tidak dikenal" in unknown.get_data(as_text=True)


def test_withdrawn_referral_letter_is_no_longer_valid(client, world):
    match = _referred(world)
    letter = letters.issue(match, world.staff)
    referrals.move(match, "withdrawn", world.staff, reason_code="hired_elsewhere")
    db.session.commit()
    page = client.get(f"/verify/{letter.token}").get_data(as_text=True)
    assert "tidak berlaku lagi" in page


def test_qr_points_at_verification_url(app, world):
    letter = letters.issue(_referred(world), world.staff)
    db.session.commit()
    with app.test_request_context():
        assert letters.verify_url(letter).endswith(f"/verify/{letter.token}")
    assert db.session.query(Outbox).count() == 0  # issuing a letter sends nothing by itself


def test_two_kelurahan_with_one_letter_code_still_get_distinct_numbers(app, world):
    world.nj.letter_code = "CM"  # as Cimone's: possible in data made before the admin form refused it
    db.session.commit()
    ours = letters.issue(_referred(world), world.staff)
    theirs = letters.issue(_referred(world, seeker=world.other_seeker), world.staff_cm)
    db.session.commit()
    year = letters.to_wib(letters.utcnow()).year
    assert ours.number == f"400/0001/CM/{year}"
    assert theirs.number == f"400/0001/CM/{year}/{world.cm.code}"


def test_admin_form_refuses_a_letter_code_another_kelurahan_prints(client, auth, world):
    auth.login("admin@test.id")
    data = {"code": "3671071009", "name": "Karawaci Baru", "kecamatan": "Karawaci", "kota": "Kota Tangerang",
            "provinsi": "Banten", "rw_list": "01,02", "letter_code": "CM", "lurah_name": "H. Ahmad"}
    response = client.post("/admin/kelurahan/new", data=data)
    assert response.status_code == 422 and "Kode surat ini sudah dipakai" in response.get_data(as_text=True)
    assert client.post("/admin/kelurahan/new", data=dict(data, letter_code="KB")).status_code == 303
