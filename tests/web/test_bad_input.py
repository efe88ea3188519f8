"""Every form answers invalid input with the form again, a message at the field, status 422,
and nothing saved."""
import datetime as dt

from sqlalchemy import func, select

from app.core.crypto import nik_hash
from app.extensions import db
from app.models import Company, ExperienceEntry, Kelurahan, Match, SeekerProfile, User, Vacancy


def count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def assert_field_error(response, message):
    assert response.status_code == 422, response.status_code
    text = response.get_data(as_text=True)
    assert 'class="error"' in text and message in text, text[-1500:]


def test_login_errors(client, world):
    assert_field_error(client.post("/login", data={}), "Isi email atau nomor HP.")
    assert_field_error(client.post("/login", data={"login": "warga@test.id", "password": "salah"}),
                       "Email/No. HP atau kata sandi salah.")


SEEKER = {
    "full_name": "Rina Wati", "nik": "3671074508990003", "birth_date": "1999-08-05", "sex": "P", "rw": "02",
    "rt": "4", "address": "Jl. Kenanga", "phone": "0813 1111 2222", "education": "SMK", "major": "Akuntansi",
    "skills": "Microsoft Excel, akuntansi", "consent_registration": "y", "consent_sharing": "y",
    "consent_ranking": "y", "password": "rahasia123", "password_confirm": "rahasia123",
}


def test_resident_registration_rejects_bad_nik_and_saves_nothing(client, world):
    before = (count(SeekerProfile), count(User))
    for change, message in [
        ({"nik": "3671071508990003"}, "milik laki-laki"),
        ({"birth_date": "1999-08-06"}, "Tanggal atau bulan lahir di NIK"),
        ({"nik": "12345"}, "NIK harus 16 angka"),
        ({"consent_registration": ""}, "Persetujuan pendaftaran wajib"),
        ({"education": "SMK", "major": ""}, "isi jurusan"),
        ({"password_confirm": "lain12345"}, "tidak sama"),
        ({"phone": "12ab"}, "Nomor HP harus"),
        ({"birth_date": "05-08-1999x"}, "Tanggal lahir"),
        ({"nik": world.seeker.nik, "birth_date": world.seeker.birth_date.isoformat(), "sex": "L"}, "datang ke kantor kelurahan"),
    ]:
        data = SEEKER | change
        assert_field_error(client.post(f"/register/{world.nj.id}", data=data), message)
    assert (count(SeekerProfile), count(User)) == before


def test_resident_registration_succeeds(client, world):
    response = client.post(f"/register/{world.nj.id}", data=SEEKER)
    assert response.status_code == 303
    seeker = db.session.scalar(select(SeekerProfile).where(SeekerProfile.nik_hash == nik_hash(SEEKER["nik"])))
    assert seeker.user.phone == "081311112222" and seeker.rt == "004" and not seeker.verified
    assert {c.purpose for c in seeker.consents if c.granted} == {"registration", "sharing", "ranking"}


def test_employer_registration_errors(client, world):
    before = count(Company)
    assert_field_error(client.post("/register/employer", data={"company_name": "PT X", "email": "bukan-email"}),
                       "Alamat email tidak valid.")
    assert_field_error(client.post("/register/employer", data={"company_name": "", "kbli_code": "12a45"}),
                       "Nama perusahaan wajib diisi.")
    assert count(Company) == before


def test_claim_with_wrong_code(client, world):
    assert_field_error(client.post("/claim", data={"login": "warga@test.id", "code": "XXXX", "password": "rahasia123",
                                                   "password_confirm": "rahasia123"}), "Kode klaim salah")


def test_profile_edit_errors_leave_profile_unchanged(client, auth, world):
    auth.login("warga@test.id")
    data = {"full_name": "Budi Baru", "nik": world.seeker.nik, "birth_date": "1998-05-17", "sex": "P",
            "rw": "03", "education": "SMK", "major": "Teknik Mesin"}
    assert_field_error(client.post("/me/profile", data=data), "milik laki-laki")
    assert_field_error(client.post("/me/profile", data=data | {"sex": "L", "rw": "99"}), "Not a valid choice")
    db.session.expire_all()
    assert db.session.get(SeekerProfile, world.seeker.id).full_name == "Budi Santoso"


def test_experience_errors(client, auth, world):
    auth.login("warga@test.id")
    assert_field_error(client.post("/me/experience", data={"exp-title": "", "exp-years": "1"}), "Isi jabatan")
    assert_field_error(client.post("/me/experience", data={"exp-title": "Kasir", "exp-years": "dua"}), "Isi angka")
    assert count(ExperienceEntry) == 0
    assert client.post("/me/experience", data={"exp-title": "Kasir", "exp-years": "1,5"}).status_code == 303
    assert db.session.scalar(select(ExperienceEntry.years)) == 1.5


VACANCY = {"title": "Juru Las", "education_min": "SMK", "contract_type": "pkwt", "shift": "pagi", "location": "Karawaci",
           "openings": "2", "deadline": (dt.date.today() + dt.timedelta(days=10)).isoformat(),
           "wage_min": "5400000", "wage_max": "6000000", "skills": "las listrik, las argon"}


def test_vacancy_errors(client, auth, world):
    auth.login("hrd@test.id")
    before = count(Vacancy)
    assert_field_error(client.post("/employer/vacancies/new", data=VACANCY | {"wage_max": "4000000"}), "tidak boleh lebih kecil")
    assert_field_error(client.post("/employer/vacancies/new", data=VACANCY | {"deadline": "2020-01-01"}), "sebelum hari ini")
    assert_field_error(client.post("/employer/vacancies/new", data=VACANCY | {"openings": "0"}), "1–500")
    assert_field_error(client.post("/employer/vacancies/new", data=VACANCY | {"title": ""}), "Nama posisi wajib")
    assert count(Vacancy) == before
    assert_field_error(client.post(f"/employer/vacancies/{world.vacancy.id}/edit", data=VACANCY | {"title": ""}), "Nama posisi wajib")
    db.session.expire_all()
    assert db.session.get(Vacancy, world.vacancy.id).title == "Operator Mesin CNC"
    assert_field_error(client.post("/employer/company", data={"name": "", "address": "x", "contact_name": "y"}), "Nama perusahaan wajib")


def test_employer_answer_errors(client, auth, world):
    match = Match(seeker=world.seeker, vacancy=world.vacancy, status="referred", reasons=[])
    db.session.add(match)
    db.session.commit()
    auth.login("hrd@test.id")
    assert_field_error(client.post(f"/employer/referrals/{match.id}/interview", data={}), "Isi tanggal dan jam wawancara.")
    assert_field_error(client.post(f"/employer/referrals/{match.id}/refuse", data={}), "Pilih alasan.")
    assert_field_error(client.post(f"/employer/referrals/{match.id}/hire", data={f"hire{match.id}-start_date": "kemarin"}),
                       "Tanggal tidak terbaca. Pilih tanggal dari kalender")
    assert_field_error(client.post(f"/employer/referrals/{match.id}/hire", data={}), "Isi tanggal mulai bekerja.")
    db.session.expire_all()
    assert db.session.get(Match, match.id).status == "referred"


def test_answer_on_closed_referral_is_refused(client, auth, world):
    match = Match(seeker=world.seeker, vacancy=world.vacancy, status="refused", reasons=[])
    db.session.add(match)
    db.session.commit()
    auth.login("hrd@test.id")
    response = client.post(f"/employer/referrals/{match.id}/hire",
                           data={f"hire{match.id}-start_date": "2026-12-01", f"hire{match.id}-contract_type": "pkwt"})
    assert response.status_code == 422 and "sudah ditutup" in response.get_data(as_text=True)


def test_walk_in_errors(client, auth, world):
    auth.login("petugas@test.id")
    before = count(SeekerProfile)
    data = {k: v for k, v in SEEKER.items() if not k.startswith("password")}
    assert_field_error(client.post("/staff/seekers/new", data=data | {"nik": "3671074513990003"}), "bulan lahir di NIK")
    assert_field_error(client.post("/staff/seekers/new", data=data | {"full_name": ""}), "Nama wajib diisi.")
    assert count(SeekerProfile) == before


def test_dismiss_without_reason(client, auth, world):
    match = Match(seeker=world.seeker, vacancy=world.vacancy, status="suggested", reasons=[], score=0.5)
    db.session.add(match)
    db.session.commit()
    auth.login("petugas@test.id")
    assert_field_error(client.post(f"/staff/matches/{match.id}/dismiss", data={}), "Pilih alasan.")
    db.session.expire_all()
    assert db.session.get(Match, match.id).status == "suggested"


def test_admin_form_errors(client, auth, world):
    auth.login("admin@test.id")
    before = (count(User), count(Kelurahan))
    assert_field_error(client.post("/admin/staff", data={"name": "A", "email": "x", "role": "staff", "kelurahan_id": "0",
                                                         "password": "rahasia123"}), "Alamat email tidak valid.")
    assert_field_error(client.post("/admin/staff", data={"name": "A", "email": "a@b.id", "role": "staff", "kelurahan_id": "0",
                                                         "password": "rahasia123"}), "harus punya kelurahan")
    kel = {"code": "36710710", "name": "Cimone Jaya", "kecamatan": "Karawaci", "kota": "Kota Tangerang",
           "provinsi": "Banten", "rw_list": "01, dua"}
    response = client.post("/admin/kelurahan/new", data=kel)
    assert_field_error(response, "10 angka")
    assert "RW berupa angka" in response.get_data(as_text=True)
    assert_field_error(client.post("/admin/kelurahan/new", data=kel | {"code": world.nj.code, "rw_list": "1,2"}), "sudah dipakai")
    assert (count(User), count(Kelurahan)) == before
    assert client.post("/admin/kelurahan/new", data=kel | {"code": "3671071002", "rw_list": "1, 2 3"}).status_code == 303
    assert db.session.scalar(select(Kelurahan.rw_list).where(Kelurahan.code == "3671071002")) == ["01", "02", "03"]


def test_kbli_code_must_be_five_ascii_digits(client, world):
    response = client.post("/register/employer", data={"company_name": "PT X", "kbli_code": "²3456"})
    assert response.status_code == 422 and "Kode KBLI terdiri dari 5 angka" in response.get_data(as_text=True)
