from app.extensions import db


def test_staff_see_flags_for_discriminatory_wording_and_low_wage(client, auth, world, make):
    spg = make.vacancy(world.company, title="SPG Mall", description="Wanita, usia maksimal 25 tahun, berpenampilan menarik.",
                       contract_type="pkwt", wage_min=4_000_000, wage_max=4_500_000, skills=["penjualan"])
    db.session.commit()
    auth.login("petugas@test.id")
    page = client.get(f"/staff/vacancies/{spg.id}/suggestions").get_data(as_text=True)
    assert "menyebut jenis kelamin tertentu" in page
    assert "membatasi usia maksimal" in page and "meminta penampilan menarik" in page
    assert "di bawah UMK Rp5.399.406" in page
    clean = client.get(f"/staff/vacancies/{world.vacancy.id}/suggestions").get_data(as_text=True)
    assert "Periksa:" not in clean
    listing = client.get("/staff/vacancies").get_data(as_text=True)
    assert listing.count("Periksa:") == 4
