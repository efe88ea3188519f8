"""An empty suggestion list says why: the requirement no open vacancy lets the resident meet, or
the profile field that is empty, with a link to that field."""
from __future__ import annotations

from app.extensions import db
from app.ranking import refresh_all


def _home(client, auth):
    auth.login("warga@test.id")
    response = client.get("/me/")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_every_open_vacancy_needs_more_schooling(client, auth, world):
    world.seeker.education, world.seeker.major = "SD", ""
    db.session.commit()
    refresh_all()
    db.session.commit()
    page = _home(client, auth)
    assert ("Semua 2 lowongan yang dibuka mensyaratkan pendidikan minimal SMP/MTs/Paket B atau lebih tinggi, "
            "sedangkan pendidikan terakhir di profil Anda SD/MI/Paket A.") in page
    assert 'href="/me/profile#education">Perbarui pendidikan terakhir</a>' in page
    assert "Lengkapi profil (pendidikan" not in page


def test_missing_wishes_and_skills_name_their_fields(client, auth, world):
    world.seeker.desired_positions, world.seeker.skills = [], []
    db.session.commit()
    page = _home(client, auth)
    assert 'href="/me/profile#desired_positions">Isi pekerjaan yang diinginkan</a>' in page
    assert 'href="/me/profile#skills">Isi keterampilan</a>' in page
    assert "#education" not in page


def test_no_open_vacancy_at_all_is_said_plainly(client, auth, world):
    world.vacancy.status = world.other_vacancy.status = "closed"
    db.session.commit()
    assert "belum ada lowongan yang dibuka" in _home(client, auth)


def test_a_resident_who_has_not_agreed_to_share_is_told_before_saying_interested(client, auth, world):
    from app.seekers.services import set_consent

    auth.login("warga@test.id")
    page = client.get(f"/me/vacancies/{world.vacancy.id}").get_data(as_text=True)
    assert "petugas belum dapat merujuk Anda" not in page
    set_consent(world.seeker, "sharing", False, None)
    db.session.commit()
    page = client.get(f"/me/vacancies/{world.vacancy.id}").get_data(as_text=True)
    assert "petugas belum dapat merujuk Anda ke lowongan ini" in page
    assert 'href="/me/profile#persetujuan">Ubah pilihan persetujuan</a>' in page
