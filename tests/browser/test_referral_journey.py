"""One referral from suggestion to hire, through the real pages in Chromium:
staff refers the top suggestion, the employer answers "diterima" (htmx swaps the row in
place), and the resident reads the good news on their home page."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from app.extensions import db
from app.models import Match
from tests.browser.conftest import PHONE
from tests.browser.helpers import log_in, log_out

pytestmark = pytest.mark.browser


def test_staff_refers_employer_hires_resident_sees_it(app, world, live_server, browser_page, page_watch, screenshot_dir):
    from app.ranking import refresh_all

    refresh_all()
    db.session.commit()
    vacancy_id, seeker_id, seeker_name = world.vacancy.id, world.seeker.id, world.seeker.full_name
    company_name, vacancy_title = world.company.name, world.vacancy.title
    db.session.remove()  # no transaction of the test thread stays open while the server works

    page = browser_page

    # 1. Staff: refer the top suggestion.
    log_in(page, "petugas@test.id", app)
    page.goto(f"/staff/vacancies/{vacancy_id}/suggestions")
    first = page.locator("ol.suggestions > li").first
    expect(first).to_contain_text(seeker_name)
    first.get_by_role("checkbox").check()
    page.get_by_role("button", name="Rujuk warga yang dipilih").click()
    expect(page.locator("#flash")).to_contain_text(f"1 warga dirujuk ke {company_name}.")
    handled = page.get_by_role("listitem").filter(has=page.get_by_role("link", name=seeker_name)) \
        .filter(has_text="Dirujuk")
    expect(handled).to_be_visible()
    page_watch.check("on the staff suggestions page")
    page.screenshot(path=screenshot_dir / "referral-1-staff-suggestions.png", full_page=True)
    log_out(page)

    # 2. Employer: answer the referral "Terima"; htmx swaps the row in place.
    log_in(page, "hrd@test.id")
    page.get_by_role("link", name=vacancy_title).click()
    expect(page).to_have_url(re.compile(rf"/employer/vacancies/{vacancy_id}$"))
    row = page.locator("li[id^='rujukan-']").filter(has_text=seeker_name)
    expect(row.locator(".badge")).to_have_text("Dirujuk")
    row.locator("summary", has_text="Jawab rujukan").click()
    start = dt.date.today() + dt.timedelta(days=14)
    row.get_by_label("Tanggal mulai bekerja").fill(start.isoformat())
    row.get_by_label("Jenis kontrak").select_option(label="PKWT (kontrak)")
    page.evaluate("window.__samePage = true")
    with page.expect_response(lambda r: r.request.method == "POST" and "/hire" in r.url) as answer:
        row.get_by_role("button", name="Terima").click()
    response = answer.value
    assert response.request.headers.get("hx-request") == "true"
    assert response.status == 200
    expect(row.locator(".badge")).to_have_text("Diterima")
    expect(row.get_by_role("status")).to_have_text("Warga tercatat diterima bekerja. Terima kasih!")
    expect(row).to_contain_text("Mulai bekerja")
    expect(row.locator("summary", has_text="Jawab rujukan")).to_have_count(0)
    assert page.evaluate("window.__samePage === true"), "the answer reloaded the page instead of swapping the row"
    page_watch.check("on the employer vacancy page")
    page.screenshot(path=screenshot_dir / "referral-2-employer-vacancy.png", full_page=True)
    log_out(page)

    # 3. Resident: the home page tells them they were hired.
    log_in(page, "warga@test.id")
    expect(page).to_have_url(re.compile(r"/me/?$"))
    referral = page.get_by_role("region", name="Rujukan saya").get_by_role("listitem").filter(has_text=vacancy_title)
    expect(referral.locator(".badge")).to_have_text("Diterima")
    expect(referral).to_contain_text("Selamat! Anda diterima bekerja.")
    expect(referral).to_contain_text("Mulai bekerja:")
    page_watch.check("on the resident home page")
    page.screenshot(path=screenshot_dir / "referral-3-resident-home.png", full_page=True)
    page.set_viewport_size(PHONE)
    expect(referral).to_contain_text("Selamat! Anda diterima bekerja.")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    page.screenshot(path=screenshot_dir / "referral-3-resident-home-360.png", full_page=True)
    assert overflow <= 0, f"the resident home scrolls sideways at 360 px ({overflow} px too wide)"
    page_watch.check("on the resident home page at 360 px")

    # The database agrees with what the pages said.
    match = db.session.scalars(db.select(Match).where(Match.vacancy_id == vacancy_id,
                                                      Match.seeker_id == seeker_id)).one()
    assert (match.status, match.start_date, match.contract_type) == ("hired", start, "pkwt")
    db.session.remove()
