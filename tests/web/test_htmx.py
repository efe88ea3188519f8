"""Fragment routes answer the whole page normally, the named block for htmx, the whole page
for boosted requests and history restores, and always vary on HX-Request."""
import pytest

HX = {"HX-Request": "true"}


@pytest.mark.parametrize("login, url, marker", [
    ("petugas@test.id", "/staff/seekers?q=Budi", 'id="hasil"'),
    ("petugas@test.id", "/staff/vacancies", 'id="hasil"'),
    ("warga@test.id", "/me/vacancies?q=operator", 'id="hasil"'),
    ("petugas@test.id", "/staff/vacancies/{vacancy}/suggestions", 'id="saran-kandidat"'),
    ("petugas@test.id", "/staff/", 'class="queue-head"'),
    ("petugas@test.id", "/reports/", "<h1>"),
    ("warga@test.id", "/lowongan", 'id="hasil"'),
])
def test_fragment_contract(client, auth, world, login, url, marker):
    url = url.format(vacancy=world.vacancy.id)
    auth.login(login)
    full = client.get(url)
    assert full.status_code == 200 and "<html" in full.get_data(as_text=True) and marker in full.get_data(as_text=True)
    assert "HX-Request" in full.headers["Vary"]
    fragment = client.get(url, headers=HX)
    text = fragment.get_data(as_text=True)
    assert fragment.status_code == 200 and "<html" not in text and marker not in text and text.strip()
    assert "HX-Request" in fragment.headers["Vary"]
    for extra in ({"HX-Boosted": "true"}, {"HX-History-Restore-Request": "true"}):
        whole = client.get(url, headers=HX | extra)
        assert "<html" in whole.get_data(as_text=True)
        assert "HX-Request" in whole.headers["Vary"]


def test_search_fragment_filters(client, auth, world):
    auth.login("petugas@test.id")
    text = client.get("/staff/seekers?q=Budi", headers=HX).get_data(as_text=True)
    assert "Budi Santoso" in text
    text = client.get("/staff/seekers?q=Tidakada", headers=HX).get_data(as_text=True)
    assert "Budi Santoso" not in text and "Tidak ada warga" in text


def test_interest_swaps_in_place(client, auth, world):
    auth.login("warga@test.id")
    response = client.post(f"/me/vacancies/{world.vacancy.id}/interest", headers=HX)
    text = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in text and "sudah menyatakan berminat" in text


def test_employer_answer_swaps_row_and_invalid_answer_is_422(app, client, auth, world):
    from app.extensions import db
    from app.models import Match

    match = Match(seeker=world.seeker, vacancy=world.vacancy, status="referred", reasons=[])
    db.session.add(match)
    db.session.commit()
    auth.login("hrd@test.id")
    bad = client.post(f"/employer/referrals/{match.id}/hire", headers=HX, data={})
    assert bad.status_code == 422
    text = bad.get_data(as_text=True)
    assert "<html" not in text and "Isi tanggal mulai bekerja." in text
    good = client.post(f"/employer/referrals/{match.id}/hire", headers=HX,
                       data={f"hire{match.id}-start_date": "2026-12-01", f"hire{match.id}-contract_type": "pkwt"})
    assert good.status_code == 200 and "Diterima" in good.get_data(as_text=True)
    assert f'id="rujukan-{match.id}"' in good.get_data(as_text=True)
