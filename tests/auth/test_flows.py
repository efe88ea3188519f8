import datetime as dt

from sqlalchemy import select

from app.extensions import db
from app.models import Company, Role, User, Vacancy


def test_home_links_to_login(client):
    page = client.get("/").get_data(as_text=True)
    assert ">Masuk<" in page and 'href="/login"' in page


def test_login_page_labels(client):
    page = client.get("/login").get_data(as_text=True)
    assert "Email atau No. HP" in page and "Kata sandi" in page


def test_login_by_phone_and_keluar_everywhere(client, auth, world):
    world.seeker.user.phone = "081299998888"
    db.session.commit()
    response = client.post("/login", data={"login": "+62 812-9999-8888", "password": "rahasia123"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/me/")
    for url in ("/me/", "/me/profile", "/me/vacancies"):
        assert "Keluar" in client.get(url).get_data(as_text=True)


def test_logout_ends_every_copy_of_the_session(app, client, auth, world):
    auth.login("warga@test.id")
    stolen = app.test_client()
    stolen.set_cookie("session", client.get_cookie("session").value, domain="localhost")
    assert stolen.get("/me/").status_code == 200
    assert auth.logout().status_code == 303
    assert client.get("/me/").status_code == 302
    assert stolen.get("/me/").status_code == 302  # the copied cookie no longer works


def test_next_parameter_only_allows_local_paths(client, world):
    r = client.post("/login?next=//evil.example/x", data={"login": "warga@test.id", "password": "rahasia123"})
    assert r.headers["Location"].endswith("/me/")
    client.post("/logout")
    r = client.post("/login?next=/me/profile", data={"login": "warga@test.id", "password": "rahasia123"})
    assert r.headers["Location"].endswith("/me/profile")


def test_inactive_account_cannot_log_in(client, world):
    world.seeker.user.active = False
    db.session.commit()
    assert client.post("/login", data={"login": "warga@test.id", "password": "rahasia123"}).status_code == 422


def test_passwords_are_argon2(world):
    assert world.staff.password_hash.startswith("$argon2id$")


def test_employer_registration_waits_for_verification(client, auth, world):
    response = client.post("/register/employer", data={
        "company_name": "PT Baru Makmur", "kbli_code": "10792", "address": "Jl. Gatot Subroto", "kelurahan_id": str(world.nj.id),
        "contact_name": "Dewi", "email": "dewi@baru.co.id", "phone": "0812-3456-7890", "password": "rahasia123",
        "password_confirm": "rahasia123"})
    assert response.status_code == 303
    company = db.session.scalar(select(Company).where(Company.name == "PT Baru Makmur"))
    assert company.status == "pending"
    client.post("/employer/vacancies/new", data={
        "title": "Pengemas Roti", "education_min": "SMP", "contract_type": "pkwt", "shift": "pagi", "location": "Karawaci",
        "openings": "3", "deadline": (dt.date.today() + dt.timedelta(days=14)).isoformat()})
    client.post("/logout")
    auth.login("warga@test.id")
    assert "Pengemas Roti" not in client.get("/me/vacancies").get_data(as_text=True)
    auth.logout()
    auth.login("petugas@test.id")
    assert "PT Baru Makmur" in client.get("/staff/").get_data(as_text=True)
    assert client.post(f"/staff/companies/{company.id}/verify").status_code == 303
    vacancy = db.session.scalar(select(Vacancy).where(Vacancy.title == "Pengemas Roti"))
    assert vacancy.status == "review"  # a verified company's vacancy still waits for staff review
    auth.logout()
    auth.login("warga@test.id")
    assert "Pengemas Roti" not in client.get("/me/vacancies").get_data(as_text=True)
    auth.logout()
    auth.login("petugas@test.id")
    assert client.post(f"/staff/vacancies/{vacancy.id}/review/publish").status_code == 303
    auth.logout()
    auth.login("warga@test.id")
    assert "Pengemas Roti" in client.get("/me/vacancies").get_data(as_text=True)


def test_walk_in_resident_claims_account_with_one_time_code(client, auth, world):
    auth.login("petugas@test.id")
    response = client.post("/staff/seekers/new", data={
        "full_name": "Joko Susilo", "nik": "3671070101900007", "birth_date": "1990-01-01", "sex": "L", "rw": "01",
        "education": "SMA", "phone": "0857 1234 5678", "skills": "mengemudi, SIM B1", "consent_registration": "y",
        "consent_sharing": "y"})
    assert response.status_code == 303
    user = db.session.scalar(select(User).where(User.phone == "085712345678"))
    assert user.password_hash is None and user.seeker.verified and not user.seeker.consent_ranking
    page = client.post(f"/staff/seekers/{user.seeker.id}/claim-code").get_data(as_text=True)
    code = page.split('class="claim-code"><strong>')[1].split("<")[0]
    assert len(code) == 8 and "wa.me/6285712345678" in page
    auth.logout()
    claim = {"login": "085712345678", "code": code.lower(), "password": "kerjakeras1", "password_confirm": "kerjakeras1"}
    assert client.post("/claim", data=claim).status_code == 303
    assert "Joko Susilo" in client.get("/me/").get_data(as_text=True)
    client.post("/logout")
    assert client.post("/claim", data=claim).status_code == 422  # single use
    assert client.post("/login", data={"login": "0857-1234-5678", "password": "kerjakeras1"}).status_code == 303


def test_admin_creates_staff_and_kelurahan(client, auth, world):
    auth.login("admin@test.id")
    response = client.post("/admin/kelurahan/new", data={
        "code": "3671071009", "name": "Karawaci Baru", "kecamatan": "Karawaci", "kota": "Kota Tangerang",
        "provinsi": "Banten", "rw_list": "01,02,03,04", "letter_code": "KB", "lurah_name": "H. Ahmad"})
    assert response.status_code == 303
    from app.models import Kelurahan

    kb = db.session.scalar(select(Kelurahan).where(Kelurahan.code == "3671071009"))
    response = client.post("/admin/staff", data={"name": "Petugas KB", "email": "kb@test.id", "role": "staff",
                                                 "kelurahan_id": str(kb.id), "password": "rahasia123"})
    assert response.status_code == 303
    staff = db.session.scalar(select(User).where(User.email == "kb@test.id"))
    assert staff.role == Role.STAFF and staff.kelurahan_id == kb.id
    auth.logout()
    # A new staff account enrols an authenticator app before its first session.
    response = client.post("/login", data={"login": "kb@test.id", "password": "rahasia123"})
    assert response.headers["Location"].endswith("/login/2fa/setup")
    assert client.get("/staff/").status_code == 302
    page = client.get("/login/2fa/setup").get_data(as_text=True)
    secret = page.split('<code class="secret">')[1].split("<")[0]
    assert 'src="data:image/svg+xml;base64,' in page
    assert client.post("/login/2fa/setup", data={"code": "000000"}).status_code == 422
    import pyotp

    done = client.post("/login/2fa/setup", data={"code": pyotp.TOTP(secret).now()})
    assert done.status_code == 200 and done.get_data(as_text=True).count("<li><code>") == 10
    # The password admin chose serves the first log-in only: the new account chooses its own first.
    assert client.get("/staff/").headers["Location"].endswith("/account/password")
    assert client.post("/account/password", data={"current_password": "rahasia123", "password": "Petugas#KB2026",
                                                   "password_confirm": "Petugas#KB2026"}).status_code == 303
    assert "Karawaci Baru" in client.get("/staff/").get_data(as_text=True)
    db.session.refresh(staff)
    assert staff.totp_secret == secret and len(staff.recovery_codes) == 10
