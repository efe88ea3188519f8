"""Account and session protections."""
import datetime as dt

import pyotp
import pytest
from sqlalchemy import select, text

from app.extensions import db
from app.models import RateLimit
from tests.factories import TOTP_SECRET, totp_code, without_csrf_tokens


def _fail(client, login="warga@test.id"):
    return client.post("/login", data={"login": login, "password": "salah-sekali"})


def test_login_is_throttled_after_ten_failures_and_recovers(app, client, world):
    for _ in range(10):
        assert _fail(client).status_code == 422
    blocked = client.post("/login", data={"login": "warga@test.id", "password": "rahasia123"})
    assert blocked.status_code == 429 and "Terlalu banyak percobaan" in blocked.get_data(as_text=True)
    # Another account from the same address is not locked out by this one.
    assert client.post("/login", data={"login": "hrd@test.id", "password": "rahasia123"}).status_code == 303
    client.post("/logout")
    # When the window ends, the right password works again (throttle, never lock out).
    for row in db.session.scalars(select(RateLimit)):
        row.window_ends_at = dt.datetime.now(dt.timezone.utc) - dt.timedelta(seconds=1)
    db.session.commit()
    assert client.post("/login", data={"login": "warga@test.id", "password": "rahasia123"}).status_code == 303


def test_throttle_is_shared_by_every_server_process(app, world):
    """The count lives in the database: a second app (another worker) sees the same limit."""
    from app import create_app

    other = create_app({"TESTING": True, "SECRET_KEY": "x", "WTF_CSRF_ENABLED": False,
                        "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"]})
    first, second = app.test_client(), other.test_client()
    for _ in range(5):
        _fail(first)
        _fail(second)
    assert second.post("/login", data={"login": "warga@test.id", "password": "rahasia123"}).status_code == 429
    with other.app_context():
        db.engine.dispose()


def test_common_passwords_are_refused(client, world):
    from tests.web.test_bad_input import SEEKER

    response = client.post(f"/register/{world.nj.id}", data=SEEKER | {"password": "Indonesia123",
                                                                      "password_confirm": "Indonesia123"})
    assert response.status_code == 422 and "terlalu umum" in response.get_data(as_text=True)


def test_staff_need_the_second_factor(client, world):
    response = client.post("/login", data={"login": "petugas@test.id", "password": "rahasia123"})
    assert response.headers["Location"].endswith("/login/2fa")
    assert client.get("/staff/").status_code == 302  # not signed in yet
    page = client.get("/login/2fa").get_data(as_text=True)
    assert "Kode autentikasi" in page
    assert client.post("/login/2fa", data={"code": "123456"}).status_code == 422
    code = totp_code(world.staff)
    assert client.post("/login/2fa", data={"code": code}).status_code == 303
    assert client.get("/staff/").status_code == 200


def test_a_code_is_accepted_once(client, world):
    code = totp_code(world.staff)
    client.post("/login", data={"login": "petugas@test.id", "password": "rahasia123"})
    assert client.post("/login/2fa", data={"code": code}).status_code == 303
    client.post("/logout")
    client.post("/login", data={"login": "petugas@test.id", "password": "rahasia123"})
    replay = client.post("/login/2fa", data={"code": code})
    assert replay.status_code == 422 and "sudah dipakai" in replay.get_data(as_text=True)


def test_recovery_code_works_once(client, world):
    from app.auth.security import new_recovery_codes

    codes = new_recovery_codes(world.admin)
    db.session.commit()
    for expected in (303, 422):
        client.post("/login", data={"login": "admin@test.id", "password": "rahasia123"})
        assert client.post("/login/2fa", data={"recovery_code": codes[0]}).status_code == expected
        client.post("/logout")
    db.session.refresh(world.admin)
    assert len(world.admin.recovery_codes) == 9


def test_residents_and_employers_have_no_second_step(client, world):
    assert client.post("/login", data={"login": "hrd@test.id", "password": "rahasia123"}).headers["Location"].endswith("/employer/")


def test_staff_session_ends_after_thirty_idle_minutes(client, auth, world):
    auth.login("petugas@test.id")
    with client.session_transaction() as session:
        session["seen_at"] -= 29 * 60
    assert client.get("/staff/").status_code == 200
    with client.session_transaction() as session:
        session["seen_at"] -= 31 * 60
    response = client.get("/staff/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert client.get("/staff/").status_code == 302


def test_absolute_session_limit(client, auth, world):
    auth.login("warga@test.id")
    with client.session_transaction() as session:
        session["login_at"] -= 13 * 3600
    assert client.get("/me/").status_code == 302


def test_session_is_new_at_login(client, world):
    client.get("/login")
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    client.post("/login", data={"login": "warga@test.id", "password": "rahasia123"})
    with client.session_transaction() as session:
        assert "planted" not in session and session.get("sid")


def test_cookie_flags(app, world):
    client = app.test_client()
    response = client.post("/login", data={"login": "warga@test.id", "password": "rahasia123"})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    secure = app.test_client().post("/login", base_url="https://localhost",
                                    data={"login": "warga@test.id", "password": "rahasia123"})
    assert "Secure" in secure.headers["Set-Cookie"]


def test_password_change_needs_the_current_one_and_ends_other_sessions(app, client, auth, world):
    auth.login("warga@test.id")
    other = app.test_client()
    other.post("/login", data={"login": "warga@test.id", "password": "rahasia123"})
    bad = client.post("/account/password", data={"current_password": "salah", "password": "BaruSekali9",
                                                 "password_confirm": "BaruSekali9"})
    assert bad.status_code == 422
    ok = client.post("/account/password", data={"current_password": "rahasia123", "password": "BaruSekali9",
                                                "password_confirm": "BaruSekali9"})
    assert ok.status_code == 303
    assert client.get("/me/").status_code == 200
    assert other.get("/me/").status_code == 302


def test_demo_staff_are_enrolled_with_the_documented_secret():
    from demo import DEMO_TOTP_SECRET

    assert DEMO_TOTP_SECRET == "JBSWY3DPEHPK3PXP" and TOTP_SECRET != DEMO_TOTP_SECRET
    assert len(pyotp.TOTP(DEMO_TOTP_SECRET).now()) == 6


def test_nik_is_encrypted_at_rest_and_found_by_hmac(app, world):
    raw = db.session.execute(text("SELECT nik_ciphertext, nik_hash FROM seeker_profile WHERE id = :i"),
                             {"i": world.seeker.id}).one()
    assert world.seeker.nik.encode() not in bytes(raw[0]) and world.seeker.nik not in raw[1]
    from app.seekers.services import nik_taken

    assert nik_taken(world.seeker.nik) and not nik_taken(world.seeker.nik, exclude_id=world.seeker.id)


def test_key_rotation_keeps_every_nik_readable(app, world):
    from app.core.crypto import nik_hash
    from app.privacy.services import rotate_nik_keys
    from app.core.crypto import new_key

    before = {s.id: s.nik for s in (world.seeker, world.other_seeker)}
    old_blob = bytes(world.seeker.nik_ciphertext)
    saved = app.config["NIK_ENC_KEYS"], app.config["NIK_HMAC_KEY"]
    try:
        app.config["NIK_ENC_KEYS"] = [new_key(), *app.config["NIK_ENC_KEYS"]]
        app.config["NIK_HMAC_KEY"] = new_key()
        assert rotate_nik_keys() == 2
        db.session.commit()
        db.session.expire_all()
        assert {s.id: s.nik for s in (world.seeker, world.other_seeker)} == before
        assert bytes(world.seeker.nik_ciphertext)[:4] != old_blob[:4]
        assert world.seeker.nik_hash == nik_hash(before[world.seeker.id])
        app.config["NIK_ENC_KEYS"] = app.config["NIK_ENC_KEYS"][:1]  # the old key is no longer needed
        db.session.expire_all()
        assert world.seeker.nik == before[world.seeker.id]
    finally:
        app.config["NIK_ENC_KEYS"], app.config["NIK_HMAC_KEY"] = saved


@pytest.mark.parametrize("statement", ["UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log"])
def test_audit_log_is_append_only(app, world, statement):
    from app.core import audit

    audit.record(world.staff, "view", "seeker", world.seeker.id)
    db.session.commit()
    with pytest.raises(Exception, match="append-only"):
        db.session.execute(text(statement))
        db.session.flush()
    db.session.rollback()


def test_password_reset_never_reveals_whether_an_account_exists(client, world):
    from app.models import Outbox

    known = client.post("/reset", data={"login": "hrd@test.id"}, follow_redirects=True)
    unknown = client.post("/reset", data={"login": "tidak.ada@test.id"}, follow_redirects=True)
    assert known.status_code == unknown.status_code == 200

    def strip(response):
        html = without_csrf_tokens(response.get_data(as_text=True))
        return html.replace("hrd@test.id", "").replace("tidak.ada@test.id", "")

    assert strip(known) == strip(unknown)
    message = db.session.scalar(select(Outbox))
    assert message.recipient == "hrd@test.id" and db.session.query(Outbox).count() == 1
    link = message.body.split("http://localhost")[1].split()[0]
    assert client.post(link, data={"password": "password1", "password_confirm": "password1"}).status_code == 422
    assert client.post(link, data={"password": "GantiBaru77", "password_confirm": "GantiBaru77"}).status_code == 303
    assert client.post("/login", data={"login": "hrd@test.id", "password": "GantiBaru77"}).status_code == 303
    client.post("/logout")
    # The link works once: the password it was made for has changed.
    assert client.get(link).headers["Location"].endswith("/reset")


def test_throttle_counts_every_spelling_of_a_phone_number(client, world):
    world.seeker.user.phone = "083812865832"
    db.session.commit()
    spellings = ["083812865832", "+6283812865832", "6283812865832", "0838-1286-5832", "0838 1286 5832"]
    for i in range(10):
        client.post("/login", data={"login": spellings[i % len(spellings)], "password": "salah-lagi"})
    response = client.post("/login", data={"login": "(0838)12865832", "password": "rahasia123"})
    assert response.status_code == 429


@pytest.mark.parametrize("target", ["//evil.example/x", "/%09/evil.example/x", "/\t/evil.example", "/\n/evil.example",
                                    "/\r/evil.example", "https://evil.example/", "/\\evil.example"])
def test_next_never_leaves_the_site(client, world, target):
    from urllib.parse import urlsplit

    response = client.post("/login", query_string={"next": target},
                           data={"login": "warga@test.id", "password": "rahasia123"})
    location = response.headers["Location"]
    assert response.status_code == 303 and urlsplit(location).netloc in ("", "localhost"), location
    assert not location.startswith("//")


def test_ids_beyond_the_database_range_are_not_found(client, auth, world):
    auth.login("warga@test.id")
    for url in ("/me/vacancies/9223372036854775808", "/me/referrals/99999999999999999999999",
                "/me/vacancies?page=9999999999999999999999999"):
        assert client.get(url).status_code in (200, 404), url
    assert client.get("/register/9223372036854775808").status_code == 404


def test_no_referral_to_a_company_staff_rejected(client, auth, world):
    from app.models import Match

    match = Match(seeker=world.seeker, vacancy=world.vacancy, status="suggested", reasons=[], interested=True, score=0.5)
    db.session.add(match)
    world.company.status = "rejected"
    db.session.commit()
    auth.login("petugas@test.id")
    page = client.post(f"/staff/vacancies/{world.vacancy.id}/refer", data={"match_id": [match.id]},
                       follow_redirects=True).get_data(as_text=True)
    assert "tidak dapat dirujuk" in page
    db.session.refresh(match)
    assert match.status == "suggested"


def test_oversized_requests_are_refused_up_front(client, auth, world):
    auth.login("warga@test.id")
    response = client.post("/me/experience", data={"exp-title": "x" * (4 * 1024 * 1024)})
    assert response.status_code == 413 and "terlalu besar" in response.get_data(as_text=True)


def test_session_cookie_is_rewritten_only_when_the_idle_clock_moves(client, auth, world):
    auth.login("warga@test.id")
    client.get("/me/")
    assert "Set-Cookie" not in client.get("/me/").headers  # nothing new to remember
    with client.session_transaction() as session:
        session["seen_at"] -= 60
    assert "Set-Cookie" in client.get("/me/").headers
