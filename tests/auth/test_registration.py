"""Self-registration never tells a stranger whether a NIK, phone or email is registered: one answer
for every such refusal, sending the person to the counter, and few of them per address."""
from __future__ import annotations

import re

from sqlalchemy import func, select

from app.extensions import db
from app.models import SeekerProfile, User
from tests.web.test_bad_input import SEEKER

ERROR = re.compile(r'<p class="error" id="([\w-]+)-error" role="alert">(.*?)</p>', re.DOTALL)


def _errors(response) -> list[tuple[str, str]]:
    return ERROR.findall(response.get_data(as_text=True))


def _register(client, world, address="198.51.100.20", **change):
    return client.post(f"/register/{world.nj.id}", data=SEEKER | change, environ_overrides={"REMOTE_ADDR": address})


def test_a_taken_nik_phone_or_email_gets_one_answer_that_names_none_of_them(client, world):
    world.seeker.user.phone = "081399998888"
    db.session.commit()
    taken_nik = _register(client, world, nik=world.seeker.nik, birth_date=world.seeker.birth_date.isoformat(), sex="L")
    taken_phone = _register(client, world, phone="0813-9999-8888")
    taken_email = _register(client, world, email="warga@test.id")
    assert taken_nik.status_code == taken_phone.status_code == taken_email.status_code == 422
    assert _errors(taken_nik) == _errors(taken_phone) == _errors(taken_email)
    ((field, message),) = _errors(taken_nik)
    assert field == "full_name" and "kantor kelurahan" in message
    assert "NIK" not in message and "HP" not in message and "email" not in message.lower()


def test_refusals_are_throttled_per_address(client, world):
    before = db.session.scalar(select(func.count()).select_from(SeekerProfile))
    limit = client.application.config["REGISTER_MAX_REFUSALS_PER_DAY"]
    for _ in range(limit):
        assert _register(client, world, nik=world.seeker.nik, birth_date="1998-05-17", sex="L").status_code == 422
    # The next answer says nothing about the NIK asked, taken or not.
    assert _register(client, world, nik=world.other_seeker.nik, birth_date="2000-02-03", sex="P").status_code == 429
    assert _register(client, world).status_code == 429
    # Another address registers as usual.
    assert _register(client, world, address="198.51.100.21").status_code == 303
    assert db.session.scalar(select(func.count()).select_from(SeekerProfile)) == before + 1


def test_employer_registration_with_a_taken_email_gets_the_same_answer(client, world):
    data = {"company_name": "PT Baru", "kbli_code": "10710", "address": "Jl. Industri 1", "kelurahan_id": "0",
            "contact_name": "Ani", "email": "hrd@test.id", "phone": "", "password": "Rahasia2024!",
            "password_confirm": "Rahasia2024!", "consent": "y"}
    response = client.post("/register/employer", data=data)
    assert response.status_code == 422
    ((field, message),) = _errors(response)
    assert field == "company_name" and "kantor kelurahan" in message
    assert db.session.scalar(select(func.count()).select_from(User).where(User.email == "hrd@test.id")) == 1
