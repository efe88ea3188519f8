"""The desk in staff's hands, at a 1366 px counter screen with JavaScript on and off: correcting
a resident's data from their "Perbaikan data" request, referring by hand a resident the engine
did not suggest, and a hired resident gone from the suggestions."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import axe_violations, log_in, log_out

pytestmark = pytest.mark.browser

COUNTER = {"width": 1366, "height": 768}


def no_axe_violations(page, where: str) -> None:
    found = axe_violations(page)
    assert not found, f"axe-core on {where}:\n" + "\n".join(found)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_staff_correct_a_resident_from_the_request_and_the_resident_reads_it(
        javascript, app, world, live_server, open_page, screenshot_dir):
    from app.extensions import db
    from app.privacy import services as privacy

    privacy.open_request(world.seeker, "correction", "Alamat saya Jl. Kenanga 7, bukan Jl. Melati 3.")
    db.session.commit()
    db.session.remove()
    page, watch = open_page(COUNTER, javascript)
    log_in(page, "petugas@test.id", app)
    page.goto("/staff/requests")
    page.get_by_role("link", name="Perbaiki data warga").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ubah data warga")
    expect(page.locator("#permintaan")).to_contain_text("Jl. Kenanga 7")
    page.get_by_label("Alamat", exact=True).fill("Jl. Kenanga 7")
    page.get_by_role("button", name="Simpan perubahan").click()  # no reason yet
    reason = page.get_by_label("Alasan perubahan (dibaca oleh warga)")
    expect(reason).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#reason-error")).to_contain_text("Tulis alasan perubahan")
    expect(page.get_by_label("Alamat", exact=True)).to_have_value("Jl. Kenanga 7")
    if javascript:  # axe-core runs as a script in the page
        no_axe_violations(page, "the staff editor with an error")
    watch.check("on the editor sent back")
    reason.fill("Alamat diperbaiki sesuai permintaan warga.")
    page.get_by_role("button", name="Simpan perubahan").click()
    expect(page.locator("#flash")).to_contain_text("Data warga diperbarui")
    expect(page.locator("#flash")).to_contain_text("Permintaan perbaikan data ditandai selesai.")
    history = page.get_by_role("region", name="Perubahan data oleh petugas")
    expect(history).to_contain_text("Jl. Melati 3 → Jl. Kenanga 7")
    page.screenshot(path=screenshot_dir / f"desk-staff-correction-{'js' if javascript else 'nojs'}.png", full_page=True)
    watch.check("on the resident's page")
    log_out(page)

    log_in(page, "warga@test.id")
    page.get_by_role("link", name="Profil", exact=True).click()
    history = page.get_by_role("region", name="Perubahan data oleh petugas")
    expect(history).to_contain_text("Alamat diperbaiki sesuai permintaan warga.")
    expect(history).to_contain_text("Jl. Kenanga 7")
    if javascript:
        no_axe_violations(page, "the resident's profile with the corrections")
    watch.check("on the resident's profile")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_staff_refer_by_hand_a_resident_below_a_requirement(javascript, app, world, make, live_server, open_page,
                                                            screenshot_dir):
    from app.extensions import db
    from app.ranking import refresh_all

    make.seeker(world.nj, name="Joko Susilo", birth=dt.date(1995, 4, 2), education="SMP", major="",
                skills=["menjahit"], desired_positions=["penjahit"])
    db.session.commit()
    refresh_all()
    db.session.commit()
    vacancy_id = world.vacancy.id
    db.session.remove()
    page, watch = open_page(COUNTER, javascript)
    log_in(page, "petugas@test.id", app)
    page.goto(f"/staff/vacancies/{vacancy_id}/suggestions")
    expect(page.locator("ol.suggestions")).not_to_contain_text("Joko Susilo")  # below the education minimum
    page.get_by_label("Rujuk warga lain: cari nama atau No. HP").fill("joko")
    page.get_by_role("button", name="Cari warga").click()
    expect(page).to_have_url(re.compile(rf"/staff/vacancies/{vacancy_id}/manual\?q=joko$"))
    result = page.locator("#hasil-manual li[id^='warga-']").filter(has_text="Joko Susilo")
    expect(result).to_contain_text("Pendidikan minimal SMA/MA/Paket C; warga: SMP/MTs/Paket B")
    result.get_by_role("button", name="Rujuk Joko Susilo").click()  # no reason
    result = page.locator("#hasil-manual li[id^='warga-']").filter(has_text="Joko Susilo")
    reason = result.get_by_label("Alasan merujuk")
    expect(reason).to_have_attribute("aria-invalid", "true")
    expect(result.locator(".error")).to_contain_text("tulis alasan Anda tetap merujuk")
    if javascript:
        no_axe_violations(page, "the manual referral with an error")
    watch.check("on the manual referral sent back")
    reason.fill("Lulus paket C bulan depan; pengalaman bengkel 5 tahun.")
    result.get_by_role("button", name="Rujuk Joko Susilo").click()
    expect(page).to_have_url(re.compile(rf"/staff/vacancies/{vacancy_id}/suggestions$"))
    expect(page.locator("#flash")).to_contain_text("Joko Susilo dirujuk ke PT Sinar Logam.")
    handled = page.get_by_role("listitem").filter(has=page.get_by_role("link", name="Joko Susilo")).filter(has_text="Dirujuk")
    expect(handled).to_be_visible()
    page.screenshot(path=screenshot_dir / f"desk-manual-referral-{'js' if javascript else 'nojs'}.png", full_page=True)
    watch.check("after the manual referral")


def test_a_hired_resident_is_gone_from_the_suggestions_staff_see(app, world, make, live_server, open_page):
    from app.extensions import db
    from app.models import Match
    from app.ranking import refresh_all
    from app.referrals import services as referrals
    from app.seekers.services import express_interest

    refresh_all()
    express_interest(world.seeker, world.vacancy, world.warga_user)  # "berminat": at the top of the list
    db.session.commit()
    vacancy_id, name = world.vacancy.id, world.seeker.full_name
    seeker_id, company_id, staff_id, hrd_id = world.seeker.id, world.company.id, world.staff.id, world.hrd.id
    db.session.remove()  # no transaction of the test thread holds the database while the server works
    page, watch = open_page(COUNTER)
    log_in(page, "petugas@test.id", app)
    page.goto(f"/staff/vacancies/{vacancy_id}/suggestions")
    expect(page.locator("ol.suggestions > li").first).to_contain_text(name)

    from app.models import Company, SeekerProfile, User

    other = make.vacancy(db.session.get(Company, company_id), title="Operator Bubut Manual", skills=["bubut"])
    hired = Match(seeker=db.session.get(SeekerProfile, seeker_id), vacancy=other, status="suggested", reasons=[])
    db.session.add(hired)
    db.session.flush()
    referrals.refer(hired, db.session.get(User, staff_id))
    referrals.hire(hired, db.session.get(User, hrd_id), dt.date.today() + dt.timedelta(days=3), "pkwt")
    db.session.commit()
    db.session.remove()

    page.reload()
    expect(page.locator("ol.suggestions > li").filter(has_text=name)).to_have_count(0)
    page.get_by_role("button", name="Hitung ulang saran").click()
    expect(page.locator("#flash")).to_contain_text("Saran dihitung ulang.")
    expect(page.locator("ol.suggestions > li").filter(has_text=name)).to_have_count(0)
    watch.check("on the suggestions after the hire")
    log_out(page)
    log_in(page, "warga@test.id")
    expect(page.get_by_text("Anda tercatat sudah bekerja")).to_be_visible()
    watch.check("on the hired resident's home page")
