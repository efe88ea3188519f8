"""The public vacancy board: what it lists, its filters, its pages' data for search engines and
WhatsApp, and the way from "Saya berminat" through log-in or registration to a recorded interest."""
from __future__ import annotations

import datetime as dt
import json
import re
from html import unescape
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from app.core.timeutil import today_wib
from app.extensions import db
from app.models import Match, MatchEvent, SeekerProfile
from tests.factories import PASSWORD, make_nik

HX = {"HX-Request": "true"}


def titles(client, url: str, headers=None) -> list[str]:
    response = client.get(url, headers=headers or {})
    assert response.status_code == 200, (url, response.status_code)
    return re.findall(r'<h2 class="h3"><a href="/lowongan/\d+">([^<]+)</a>', response.get_data(as_text=True))


def json_ld(html: str) -> dict:
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    assert len(found) == 1
    return json.loads(found[0])


@pytest.fixture
def board(world, make):
    """Beside world's two open vacancies: every reason a vacancy stays off the board, and variety to filter."""
    today = today_wib()
    pending = make.company(name="PT Belum Diperiksa", status="pending", kelurahan=world.nj)
    kb = make.kelurahan("Bojong Jaya", code="3671081001", kecamatan="Karawaci Baru")
    other = make.company(name="PT Bojong Makmur", kelurahan=kb)
    hidden = [
        make.vacancy(pending, title="Lowongan Perusahaan Belum Diverifikasi"),
        make.vacancy(world.company, title="Lowongan Menunggu Tinjauan", status="review"),
        make.vacancy(world.company, title="Lowongan Draf", status="draft"),
        make.vacancy(world.company, title="Lowongan Ditutup", status="closed"),
        make.vacancy(world.company, title="Lowongan Terisi", status="filled"),
        make.vacancy(world.company, title="Lowongan Perlu Diubah", status="changes"),
        make.vacancy(world.company, title="Lowongan Lewat Batas", deadline=today - dt.timedelta(days=1)),
    ]
    last_day = make.vacancy(world.company, title="Kasir Hari Terakhir", deadline=today, contract_type="pkwtt",
                            shift="pagi", education_min="SMK", wage_min=4_000_000, wage_max=None)
    no_deadline = make.vacancy(other, title="Admin Gudang Bojong", deadline=None, contract_type="harian",
                               shift="malam", education_min=None, wage_min=None, wage_max=None)
    db.session.commit()
    return {"kb": kb, "hidden": hidden, "last_day": last_day, "no_deadline": no_deadline}


def test_only_open_published_vacancies_of_verified_companies_before_their_deadline(client, world, board):
    listed = titles(client, "/lowongan")
    assert sorted(listed) == sorted(["Operator Mesin CNC", "Staf Gudang", "Kasir Hari Terakhir", "Admin Gudang Bojong"])
    for vacancy in board["hidden"]:
        for path in ("", "/poster", "/berminat"):
            assert client.get(f"/lowongan/{vacancy.id}{path}").status_code == 404, (vacancy.title, path)
    notice = client.get(f"/lowongan/papan/{world.nj.id}").get_data(as_text=True)
    assert not [v.title for v in board["hidden"] if v.title in notice]


def test_the_list_shows_wage_place_education_contract_and_shift(client, world, board):
    page = client.get("/lowongan").get_data(as_text=True)
    assert "Rp5.400.000 – Rp6.000.000" in page and "Rp4.000.000" in page and "Gaji tidak dicantumkan" in page
    assert "Nusa Jaya, Karawaci" in page and "Bojong Jaya, Karawaci Baru" in page
    assert "SMA/MA/Paket C" in page and "Semua pendidikan" in page
    assert "PKWT (kontrak)" in page and "Harian lepas" in page and "Shift Malam" in page


@pytest.mark.parametrize("query, expected", [
    ("kecamatan=Karawaci+Baru", {"Admin Gudang Bojong"}),
    ("kelurahan={cm}", {"Staf Gudang"}),
    ("kelurahan={nj}", {"Operator Mesin CNC", "Kasir Hari Terakhir"}),
    # a resident with SMP meets SMP minimums and vacancies without one
    ("education=SMP", {"Staf Gudang", "Admin Gudang Bojong"}),
    ("education=S1", {"Operator Mesin CNC", "Staf Gudang", "Kasir Hari Terakhir", "Admin Gudang Bojong"}),
    ("contract=pkwtt", {"Kasir Hari Terakhir"}),
    ("shift=malam", {"Admin Gudang Bojong"}),
    # the best offer reaches the wage asked for; no wage given, no match
    ("wage=5500000", {"Operator Mesin CNC", "Staf Gudang"}),
    ("wage=4000000&shift=pagi&kecamatan=Karawaci", {"Kasir Hari Terakhir"}),
])
def test_filters(client, world, board, query, expected):
    url = "/lowongan?" + query.format(cm=world.cm.id, nj=world.nj.id)
    assert set(titles(client, url)) == expected
    assert set(titles(client, url, HX)) == expected


def test_htmx_gets_the_results_block_only_and_pages_keep_the_filters(app, client, world, make):
    for i in range(25):
        make.vacancy(world.company, title=f"Operator Produksi {i:02d}")
    db.session.commit()
    per_page = app.config["PER_PAGE"]
    response = client.get("/lowongan?kecamatan=Karawaci", headers=HX)
    body = response.get_data(as_text=True)
    assert "HX-Request" in response.headers["Vary"]
    assert "<html" not in body and "<form" not in body and "27 lowongan dibuka." in body
    assert len(titles(client, "/lowongan?kecamatan=Karawaci")) == per_page
    assert 'href="/lowongan?kecamatan=Karawaci&amp;page=2"' in body
    second = titles(client, "/lowongan?kecamatan=Karawaci&page=2")
    assert len(second) == 27 - per_page
    assert titles(client, "/lowongan?page=99999999999") == []


@pytest.mark.parametrize("query, field", [("wage=abc", "wage"), ("wage=-5", "wage"), ("contract=tetap", "contract"),
                                          ("kelurahan=999999", "kelurahan"), ("education=XYZ", "education"),
                                          ("kecamatan=Tidak+Ada", "kecamatan"), ("wage=1e99", "wage")])
def test_bad_filters_come_back_with_the_error_at_the_field(client, world, query, field):
    response = client.get("/lowongan?" + query)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert f'id="{field}-error"' in page and 'aria-invalid="true"' in page
    assert client.get("/lowongan?" + query, headers=HX).status_code == 422


def test_vacancy_page_carries_job_posting_data(client, world, board):
    page = client.get(f"/lowongan/{world.vacancy.id}").get_data(as_text=True)
    posting = json_ld(page)
    assert posting["@context"] == "https://schema.org" and posting["@type"] == "JobPosting"
    assert posting["title"] == "Operator Mesin CNC"
    assert posting["description"] == world.vacancy.description
    assert posting["datePosted"] == today_wib().isoformat()
    assert posting["validThrough"] == f"{world.vacancy.deadline.isoformat()}T23:59:59+07:00"
    assert posting["employmentType"] == "CONTRACTOR"
    assert posting["hiringOrganization"] == {"@type": "Organization", "name": "PT Sinar Logam"}
    address = posting["jobLocation"]["address"]
    assert (address["addressLocality"], address["addressRegion"], address["addressCountry"]) == (
        "Nusa Jaya", "Kota Tangerang", "ID")
    assert posting["baseSalary"] == {"@type": "MonetaryAmount", "currency": "IDR", "value": {
        "@type": "QuantitativeValue", "minValue": 5_400_000, "maxValue": 6_000_000, "unitText": "MONTH"}}
    without = json_ld(client.get(f"/lowongan/{board['no_deadline'].id}").get_data(as_text=True))
    assert "baseSalary" not in without and "validThrough" not in without
    assert without["employmentType"] == "TEMPORARY"


def test_job_posting_text_cannot_close_its_script(client, world, make):
    vacancy = make.vacancy(world.company, title="Kurir </script><script>alert(1)</script>",
                           description="Antar paket & dokumen <b>cepat</b>")
    db.session.commit()
    page = client.get(f"/lowongan/{vacancy.id}").get_data(as_text=True)
    assert "<script>alert(1)" not in page
    posting = json_ld(page)
    assert posting["title"] == "Kurir </script><script>alert(1)</script>"
    assert posting["description"] == "Antar paket & dokumen <b>cepat</b>"


def test_share_link_and_qr_codes_use_the_public_address_not_the_request_host(app, client, world):
    app.config["PUBLIC_BASE_URL"] = "https://loker.tangerangkota.go.id"
    app.config["TRUSTED_HOSTS"] = None
    try:
        page = client.get(f"/lowongan/{world.vacancy.id}", headers={"Host": "evil.example"}).get_data(as_text=True)
        poster = client.get(f"/lowongan/{world.vacancy.id}/poster").get_data(as_text=True)
    finally:
        app.config["PUBLIC_BASE_URL"] = None
    link = unescape(re.search(r'href="(https://wa\.me/[^"]+)"', page).group(1))
    assert urlsplit(link).netloc == "wa.me"
    text = parse_qs(urlsplit(link).query)["text"][0]
    assert "Operator Mesin CNC – PT Sinar Logam" in text and "Rp5.400.000 – Rp6.000.000" in text
    assert text.endswith(f"https://loker.tangerangkota.go.id/lowongan/{world.vacancy.id}")
    assert "evil.example" not in page
    assert f"https://loker.tangerangkota.go.id/lowongan/{world.vacancy.id}" in poster


def test_poster_is_an_a4_page_with_an_inline_qr_code(client, world):
    response = client.get(f"/lowongan/{world.vacancy.id}/poster")
    page = response.get_data(as_text=True)
    # one drawing besides the print button's icon: the QR code, inline
    assert page.count("<svg") - page.count('<svg class="icon"') == 1 and 'role="img"' in page and "<img" not in page
    assert re.search(r'<path fill="#000" d="M\d', page)
    stylesheet = client.get(re.search(r'href="(/static/css/paper\.css[^"]*)"', page).group(1))
    css = stylesheet.get_data(as_text=True)
    stylesheet.close()
    assert "size: A4" in css and "@media print" in css
    assert "Operator Mesin CNC" in page and "Rp5.400.000 – Rp6.000.000" in page


def test_qr_code_draws_every_dark_module_of_the_code():
    import qrcode

    from app.board.qr import qr_svg

    svg = str(qr_svg("http://localhost/lowongan/1", "kode"))
    code = qrcode.QRCode(border=2, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data("http://localhost/lowongan/1")
    matrix = code.get_matrix()
    dark = {(x, y) for y, row in enumerate(matrix) for x, on in enumerate(row) if on}
    drawn = {(int(x), int(y)) for x, y in re.findall(r"M(\d+) (\d+)h1v1h-1z", svg)}
    assert drawn == dark and f'viewBox="0 0 {len(matrix)} {len(matrix)}"' in svg


def test_weekly_notice_lists_the_open_vacancies_of_one_kelurahan_each_with_a_qr_code(client, world, board):
    page = client.get(f"/lowongan/papan/{world.nj.id}").get_data(as_text=True)
    assert "KELURAHAN NUSA JAYA" in page and "KECAMATAN KARAWACI" in page
    assert "Operator Mesin CNC" in page and "Kasir Hari Terakhir" in page
    assert "Staf Gudang" not in page and "Admin Gudang Bojong" not in page
    assert page.count("<svg") - page.count('<svg class="icon"') == 2 and "2 lowongan dibuka di kelurahan ini" in page
    assert "Minggu 16 November 2026 – 22 November 2026" in page
    assert client.get("/lowongan/papan/999999").status_code == 404


def test_interest_from_the_board_through_login_is_recorded(client, world):
    vacancy = world.other_vacancy
    page = client.get(f"/lowongan/{vacancy.id}").get_data(as_text=True)
    assert f'href="/lowongan/{vacancy.id}/berminat"' in page
    ask = client.get(f"/lowongan/{vacancy.id}/berminat").get_data(as_text=True)
    next_url = f"/lowongan/{vacancy.id}/berminat"
    assert f'href="/login?next={next_url}"' in ask and f'href="/register?next={next_url}"' in ask
    response = client.post(f"/login?next={quote(next_url)}", data={"login": "warga@test.id", "password": PASSWORD})
    assert response.status_code == 303 and response.headers["Location"] == next_url
    confirm = client.get(next_url).get_data(as_text=True)
    assert "Ya, catat minat saya" in confirm
    assert db.session.query(Match).filter_by(seeker_id=world.seeker.id, vacancy_id=vacancy.id).count() == 0
    response = client.post(next_url)
    assert response.status_code == 303 and response.headers["Location"] == f"/me/vacancies/{vacancy.id}"
    match = db.session.query(Match).filter_by(seeker_id=world.seeker.id, vacancy_id=vacancy.id).one()
    assert match.interested and match.status == "suggested"
    assert [e.outcome for e in db.session.query(MatchEvent).filter_by(match_id=match.id)] == ["interested"]
    assert "Anda sudah menyatakan berminat" in client.get(next_url).get_data(as_text=True)
    client.post(next_url)  # twice: still one interest
    assert db.session.query(MatchEvent).filter_by(match_id=match.id).count() == 1


def test_interest_from_the_board_through_registration_is_recorded(client, world):
    vacancy, next_url = world.vacancy, f"/lowongan/{world.vacancy.id}/berminat"
    choose = client.get(f"/register?next={quote(next_url)}").get_data(as_text=True)
    register_url = f"/register/{world.cm.id}?next={next_url}"
    assert f'href="{register_url}"' in choose
    form = client.get(register_url).get_data(as_text=True)
    assert f'action="{register_url}"' in form
    birth = dt.date(2001, 3, 4)
    response = client.post(register_url, data={
        "full_name": "Rina Wulandari", "nik": make_nik(birth, "P"), "birth_date": birth.isoformat(), "sex": "P",
        "rw": "01", "rt": "002", "address": "Jl. Mawar 2", "phone": "081377778888", "education": "SMK",
        "major": "Akuntansi", "skills": "kasir", "password": PASSWORD, "password_confirm": PASSWORD,
        "consent_registration": "y", "consent_sharing": "y"})
    assert response.status_code == 303 and response.headers["Location"] == next_url
    client.post(next_url)
    seeker = db.session.query(SeekerProfile).filter_by(full_name="Rina Wulandari").one()
    assert db.session.query(Match).filter_by(seeker_id=seeker.id, vacancy_id=vacancy.id).one().interested


@pytest.mark.parametrize("target", ["https://evil.example/x", "//evil.example/x", "/\\evil.example", "http:/x",
                                    "javascript:alert(1)", " /lowongan", "lowongan/1"])
def test_next_after_login_or_registration_stays_on_this_site(client, world, target):
    response = client.post(f"/login?next={quote(target, safe='')}", data={"login": "warga@test.id",
                                                                           "password": PASSWORD})
    assert response.status_code == 303 and response.headers["Location"] == "/me/"
    client.post("/logout")
    birth = dt.date(2000, 7, 8)
    response = client.post(f"/register/{world.nj.id}?next={quote(target, safe='')}", data={
        "full_name": "Dewi Lestari", "nik": make_nik(birth, "P"), "birth_date": birth.isoformat(), "sex": "P",
        "rw": "01", "rt": "001", "address": "Jl. Anggrek 1", "phone": "081399990000", "education": "SMA",
        "password": PASSWORD, "password_confirm": PASSWORD, "consent_registration": "y"})
    assert response.status_code == 303 and response.headers["Location"] == "/me/"


def test_other_roles_cannot_record_an_interest(client, auth, world):
    auth.login("hrd@test.id")
    page = client.get(f"/lowongan/{world.vacancy.id}/berminat").get_data(as_text=True)
    assert "Hanya pencari kerja" in page and "Ya, catat minat saya" not in page
    assert client.post(f"/lowongan/{world.vacancy.id}/berminat").status_code == 403
    assert db.session.query(Match).count() == 0
