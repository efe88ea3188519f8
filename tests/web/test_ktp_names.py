"""A name "sesuai KTP" holds letters and the marks names and titles use; emoji, digits and
symbols are refused at the field (422), in every form and import that takes one."""
from __future__ import annotations

import re

import pytest

from app.core.names import is_ktp_name
from app.extensions import db
from app.imports import services as imports
from tests.imports.test_imports import csv_bytes, nik, row
from tests.web.test_bad_input import SEEKER

NAME_ERROR = re.compile(r'<p class="error" id="full_name-error" role="alert">(.*?)</p>', re.DOTALL)


@pytest.mark.parametrize("name", ["Budi Santoso", "H. Budi Santoso, S.T.", "Siti Nur'aini", "Siti Nur’aini",
                                  "Anak Agung Gde Ngurah-Putra", "Dra. Ni Luh Ayu", "Nguyễn Thị Hà"])
def test_names_of_people_are_accepted(name):
    assert is_ktp_name(name)


@pytest.mark.parametrize("name", ["Budi 😀", "Budi Santoso 2", "Rina <b>", "Budi_Santoso", "Rina@Wati", "...", "🙂",
                                  "Budi\u200bSantoso"])
def test_emoji_digits_and_symbols_are_refused(name):
    assert not is_ktp_name(name)


def _name_error(response) -> str:
    found = NAME_ERROR.search(response.get_data(as_text=True))
    return found.group(1) if found else ""


def test_self_registration_refuses_an_emoji_name_at_the_field(client, world):
    response = client.post(f"/register/{world.nj.id}", data=SEEKER | {"full_name": "Rina Wati 😀"})
    assert response.status_code == 422 and "emoji" in _name_error(response)


def test_counter_registration_and_profile_refuse_it_too(client, auth, world):
    auth.login("petugas@test.id")
    response = client.post("/staff/seekers/new", data=SEEKER | {"full_name": "Rina ★ Wati"})
    assert response.status_code == 422 and "emoji" in _name_error(response)
    auth.logout()
    auth.login("warga@test.id")
    data = {"full_name": "Budi 🚀 Santoso", "nik": world.seeker.nik, "birth_date": "1998-05-17", "sex": "L",
            "rw": "03", "education": "SMA"}
    response = client.post("/me/profile", data=data)
    assert response.status_code == 422 and "emoji" in _name_error(response)
    db.session.refresh(world.seeker)
    assert world.seeker.full_name == "Budi Santoso"
    assert client.post("/me/profile", data=data | {"full_name": "  H. Budi   Santoso, S.T. "}).status_code == 303
    db.session.refresh(world.seeker)
    assert world.seeker.full_name == "H. Budi Santoso, S.T."


def test_an_imported_row_with_an_emoji_name_is_a_row_problem(app, world):
    report = imports.check(csv_bytes(row(name="Rina 😀 Wati", n=nik(17, 8, 1995, "P", 9301))), "w.csv", "seekers",
                           kelurahan=world.nj)
    assert report["rows"] == [] and [(p["column"], "emoji" in p["message"]) for p in report["problems"]] == [("Nama", True)]
