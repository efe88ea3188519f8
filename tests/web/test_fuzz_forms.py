"""Property-based: every form, driven with random, huge, unicode, HTML and SQL-like values,
answers 303 or 422 (never 500), stores nothing unescaped, and saves nothing on refusal."""
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from app.extensions import db
from app.models import Company, ExperienceEntry, Kelurahan, SeekerProfile, User, Vacancy

NASTY = st.sampled_from([
    "<script>alert(1)</script>", "' OR 1=1 --", "\"; DROP TABLE user; --", "\u202etxt.exe", "💼👷‍♀️",
    "ꦗꦮ", "日本語", "\x00", "9" * 40, "-1", "1e309", "2026-02-30", "NaN", " ", "",
    "3671071705980001", "+62 812-3456-7890", "a" * 5000,
])
VALUES = st.one_of(NASTY, st.text(alphabet=string.printable + "éüñ•", max_size=300))

FORMS = {
    "/register/{nj}": ["full_name", "nik", "birth_date", "sex", "rw", "rt", "address", "phone", "education", "major",
                       "skills", "certificates", "desired_positions", "expected_wage", "about", "email", "password",
                       "password_confirm", "consent_registration"],
    "/register/employer": ["company_name", "kbli_code", "address", "kelurahan_id", "contact_name", "email", "phone",
                           "password", "password_confirm"],
    "/login": ["login", "password"],
    "/claim": ["login", "code", "password", "password_confirm"],
}
SIGNED_IN = {
    ("warga@test.id", "/me/profile"): ["full_name", "nik", "birth_date", "sex", "rw", "education", "major", "skills",
                                       "expected_wage", "about", "current_password"],
    ("warga@test.id", "/me/experience"): ["exp-title", "exp-employer", "exp-years", "exp-description"],
    ("hrd@test.id", "/employer/vacancies/new"): ["title", "description", "skills", "education_min",
                                                 "experience_years_min", "contract_type", "wage_min", "wage_max",
                                                 "shift", "location", "openings", "deadline"],
    ("petugas@test.id", "/staff/seekers/new"): ["full_name", "nik", "birth_date", "sex", "rw", "education", "phone",
                                                "email", "consent_registration"],
    ("admin@test.id", "/admin/kelurahan/new"): ["code", "name", "kecamatan", "kota", "provinsi", "rw_list"],
}
MODELS = (SeekerProfile, User, Company, Vacancy, ExperienceEntry, Kelurahan)


def counts():
    return tuple(db.session.scalar(select(func.count()).select_from(m)) for m in MODELS)


def check(client, url, data):
    before = counts()
    response = client.post(url, data=data)
    assert response.status_code in (303, 422, 429), (url, data, response.status_code)
    body = response.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in body
    if response.status_code != 303:
        assert counts() == before, (url, data)
    return response


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(data=st.data())
def test_public_forms(client, world, data):
    for url, fields in FORMS.items():
        values = {name: data.draw(VALUES, label=name) for name in fields}
        check(client, url.format(nj=world.nj.id), values)
        client.post("/logout")


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(data=st.data())
def test_signed_in_forms(client, auth, world, data):
    current = None
    for (login, url), fields in SIGNED_IN.items():
        if login != current:
            auth.logout()
            assert auth.login(login).status_code == 303
            current = login
        values = {name: data.draw(VALUES, label=name) for name in fields}
        check(client, url, values)
    auth.logout()
