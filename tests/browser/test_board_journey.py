"""A stranger on the public board, in Chromium at 360 px and 1366 px, with JavaScript on and off:
filters the board, opens a vacancy, finds the WhatsApp share link, opens the A4 poster, and
registers from "Saya berminat", ending with the interest recorded for the new resident."""
from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE
from tests.browser.helpers import axe_violations
from tests.browser.test_journeys import fill_profile
from tests.factories import PASSWORD, make_nik

pytestmark = pytest.mark.browser

WIDE = {"width": 1366, "height": 768}


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["360", "1366"])
def test_stranger_filters_opens_shares_prints_and_registers_from_interest(
        app, world, make, live_server, open_page, screenshot_dir, viewport, javascript):
    from app.extensions import db
    from app.models import Match, SeekerProfile

    make.vacancy(world.other_company, title="Kasir Minimarket", contract_type="pkwtt", shift="pagi",
                 education_min="SMA", wage_min=4_900_000, wage_max=None)
    db.session.commit()
    target_id, cimone = world.other_vacancy.id, world.cm.id
    db.session.remove()
    tag = f"{viewport['width']}-{'js' if javascript else 'nojs'}"
    page, watch = open_page(viewport, javascript=javascript)

    # The home page leads to the board; the board lists every open vacancy.
    page.goto("/")
    page.get_by_role("link", name="Lihat papan lowongan").click()
    expect(page).to_have_url(re.compile(r"/lowongan$"))
    results = page.locator("#hasil")
    expect(results).to_contain_text("3 lowongan dibuka.")

    # Filters: Cimone, then the shift; with JavaScript the results change in place, without it
    # the form is sent as a plain GET.
    page.get_by_label("Kelurahan", exact=True).select_option(label="Cimone (Karawaci)")
    page.get_by_label("Shift", exact=True).select_option(label="Bergilir (shift)")
    if not javascript:
        page.get_by_role("button", name="Tampilkan").click()
    expect(results).to_contain_text("1 lowongan dibuka.")
    expect(results.get_by_role("link", name="Staf Gudang")).to_be_visible()
    expect(results.get_by_role("link", name="Kasir Minimarket")).to_have_count(0)
    expect(results.get_by_role("link", name="Operator Mesin CNC")).to_have_count(0)
    expect(page).to_have_url(re.compile(rf"kelurahan={cimone}.*shift=bergilir|shift=bergilir.*kelurahan={cimone}"))
    if javascript:  # axe-core runs as a script in the page; the crawl checks every board page too
        found = axe_violations(page)
        assert not found, "axe-core on the board after the htmx swap:\n" + "\n".join(found)
    page.screenshot(path=screenshot_dir / f"board-filtered-{tag}.png", full_page=True)
    watch.check("on the filtered board")

    # The vacancy, its share link and its poster.
    results.get_by_role("link", name="Staf Gudang").click()
    expect(page).to_have_url(re.compile(rf"/lowongan/{target_id}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Staf Gudang")
    expect(page.get_by_text("PT Lain Jaya · Cimone")).to_be_visible()
    share = page.get_by_role("link", name="Bagikan ke WhatsApp")
    expect(share).to_be_visible()
    link = share.get_attribute("href")
    assert urlsplit(link).netloc == "wa.me"
    assert parse_qs(urlsplit(link).query)["text"][0].endswith(f"/lowongan/{target_id}")
    page.get_by_role("link", name="Cetak poster").click()
    expect(page).to_have_url(re.compile(rf"/lowongan/{target_id}/poster$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Staf Gudang")
    expect(page.get_by_role("img", name=re.compile("Kode QR"))).to_be_visible()
    if javascript:
        expect(page.get_by_role("button", name="Cetak")).to_be_visible()
    else:
        expect(page.get_by_role("button", name="Cetak")).to_be_hidden()
    page.emulate_media(media="print")
    expect(page.get_by_role("link", name=re.compile("Kembali ke lowongan"))).to_be_hidden()
    page.screenshot(path=screenshot_dir / f"board-poster-print-{tag}.png", full_page=True)
    page.emulate_media(media="screen")
    watch.check("on the poster")
    page.get_by_role("link", name=re.compile("Kembali ke lowongan")).click()

    # "Saya berminat": register, come back, confirm.
    page.get_by_role("link", name="Saya berminat").click()
    expect(page).to_have_url(re.compile(rf"/lowongan/{target_id}/berminat$"))
    page.get_by_role("link", name="Daftar sebagai pencari kerja").click()
    page.get_by_role("link", name="Cimone").click()
    expect(page).to_have_url(re.compile(rf"/register/{cimone}\?next="))
    birth = dt.date(2002, 8, 17)
    fill_profile(page, name="Maya Anggraini", nik=make_nik(birth, "P"), birth=birth, phone="0815 2222 3333")
    page.get_by_label("Kata sandi", exact=True).fill(PASSWORD)
    page.get_by_label("Ulangi kata sandi").fill(PASSWORD)
    page.get_by_label(re.compile("Pendaftaran: kelurahan")).check()
    page.get_by_role("button", name="Daftar", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/lowongan/{target_id}/berminat$"))
    expect(page.locator("#flash")).to_contain_text("Pendaftaran berhasil")
    page.get_by_role("button", name="Ya, catat minat saya").click()
    expect(page).to_have_url(re.compile(rf"/me/vacancies/{target_id}$"))
    expect(page.locator("#flash")).to_contain_text("Minat Anda tercatat")
    expect(page.get_by_text("Anda sudah menyatakan berminat")).to_be_visible()
    watch.check("after the interest is recorded")

    seeker = db.session.query(SeekerProfile).filter_by(full_name="Maya Anggraini").one()
    match = db.session.query(Match).filter_by(seeker_id=seeker.id, vacancy_id=target_id).one()
    assert match.interested and seeker.kelurahan_id == cimone
