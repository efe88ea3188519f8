"""What a person sees of the referral packet and the fixed buttons, in Chromium: text buttons
("Hapus") readable on /me/profile and /me/data (axe colour contrast), the employer's live wording
check with JavaScript and the same check without it, and the resident downloading the referral
letter and the interview's calendar file."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from app.core import uploads
from app.extensions import db
from app.models import Match
from app.referrals import letters
from app.referrals import services as referrals
from app.seekers.services import add_experience
from tests.browser.helpers import axe_violations, log_in

pytestmark = pytest.mark.browser

FLAGGED = "Dicari operator produksi. Pria, usia maks. 30 tahun."


def _contrast(page) -> list[str]:
    return [v for v in axe_violations(page) if v.startswith("color-contrast")]


def test_delete_buttons_are_readable(world, live_server, browser_page, page_watch):
    add_experience(world.seeker, title="Operator bubut", employer="PT Presisi", years=2.0, description="")
    uploads.save_document(world.seeker, "cv-budi.pdf", b"%PDF-1.4 test")
    db.session.commit()
    db.session.remove()
    page = browser_page
    log_in(page, "warga@test.id")
    for path in ("/me/profile", "/me/data"):
        page.goto(path)
        button = page.get_by_role("button", name=re.compile(r"^Hapus")).first
        expect(button).to_be_visible()
        colour = button.evaluate("b => getComputedStyle(b).color")
        assert colour not in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), f"{path}: Hapus is drawn in {colour}"
        assert not _contrast(page), f"{path}: {_contrast(page)}"
        assert not axe_violations(page), path
        page_watch.check(f"on {path}")


def _fill_vacancy(page, description: str) -> None:
    page.get_by_label("Posisi").fill("Operator Produksi")
    page.get_by_label("Lokasi kerja").fill("Karawaci")
    page.get_by_label("Batas lamaran").fill("2026-12-20")
    page.get_by_label("Gaji dari (Rp per bulan)").fill("4,5 juta")
    page.get_by_label("Deskripsi pekerjaan").fill(description)


def test_live_wording_check_while_typing(world, live_server, browser_page, page_watch):
    db.session.remove()
    page = browser_page
    log_in(page, "hrd@test.id")
    page.goto("/employer/vacancies/new")
    _fill_vacancy(page, FLAGGED)
    check = page.locator("#wording-check")
    expect(check).to_contain_text("menyebut jenis kelamin tertentu")  # nothing was submitted
    expect(check).to_contain_text("membatasi usia maksimal")
    expect(page).to_have_url(re.compile(r"/employer/vacancies/new$"))
    assert not axe_violations(page)
    page.get_by_label("Deskripsi pekerjaan").fill("Dicari operator produksi untuk mesin press.")
    expect(check).to_contain_text("Tidak ada kata yang perlu diperiksa")
    page.get_by_role("button", name="Simpan lowongan").click()
    expect(page.locator("#flash")).to_contain_text("Lowongan disimpan")
    expect(page.get_by_text("Dicari operator produksi untuk mesin press.")).to_be_visible()  # the whole text
    expect(page.get_by_text("Rp4.500.000", exact=False)).to_be_visible()
    page_watch.check("after the live check")


def test_wording_check_without_javascript(world, live_server, open_page):
    db.session.remove()
    page, watch = open_page(javascript=False)
    log_in(page, "hrd@test.id")
    page.goto("/employer/vacancies/new")
    _fill_vacancy(page, FLAGGED)
    page.get_by_role("button", name="Periksa kata-kata").click()
    expect(page.locator("#wording-check")).to_contain_text("menyebut jenis kelamin tertentu")
    expect(page.get_by_label("Deskripsi pekerjaan")).to_have_value(FLAGGED)  # nothing typed is lost
    # Saving without changing the words stops once to show them, then goes through.
    page.get_by_role("button", name="Simpan lowongan").click()
    expect(page.locator("#flash")).to_contain_text("Lowongan disimpan")
    page.goto("/employer/vacancies/new")
    _fill_vacancy(page, FLAGGED)
    page.get_by_role("button", name="Simpan lowongan").click()
    expect(page.locator("#wording-check [role=alert]")).to_contain_text("membatasi usia maksimal")
    page.get_by_role("button", name="Simpan lowongan").click()
    expect(page.locator("#flash")).to_contain_text("Lowongan disimpan")
    watch.check("without JavaScript")


def test_resident_downloads_letter_and_calendar(world, live_server, browser_page, page_watch, tmp_path):
    match = Match(seeker=world.seeker, vacancy=world.vacancy, status="suggested", reasons=[])
    db.session.add(match)
    db.session.flush()
    referrals.refer(match, world.staff)
    when = dt.datetime(2026, 11, 25, 2, 30, tzinfo=dt.timezone.utc)
    referrals.invite_interview(match, world.hrd, when, place="Gedung B lantai 2", contact="Pak Joko 0812 3333 4444",
                               bring="Sepatu safety")
    number = letters.issue(match, world.staff).number
    db.session.commit()
    match_id = match.id
    db.session.remove()
    page = browser_page
    log_in(page, "warga@test.id")
    page.goto(f"/me/referrals/{match_id}")
    expect(page.get_by_text("Gedung B lantai 2")).to_be_visible()
    expect(page.get_by_text("Pak Joko 0812 3333 4444")).to_be_visible()
    whatsapp = page.get_by_role("link", name="Kirim ke WhatsApp").get_attribute("href")
    assert whatsapp.startswith("https://wa.me/?text=") and "Gedung%20B" in whatsapp
    assert not axe_violations(page)
    with page.expect_download() as letter_download:
        page.get_by_role("link", name="Unduh surat pengantar (PDF)").click()
    letter_file = tmp_path / "surat.pdf"
    letter_download.value.save_as(letter_file)
    assert letter_file.read_bytes().startswith(b"%PDF")
    assert letter_download.value.suggested_filename == "surat-pengantar-" + number.replace("/", "-") + ".pdf"
    with page.expect_download() as calendar_download:
        page.get_by_role("link", name="Simpan ke kalender (.ics)").click()
    calendar_file = tmp_path / "wawancara.ics"
    calendar_download.value.save_as(calendar_file)
    text = calendar_file.read_text()
    assert "BEGIN:VEVENT" in text and "DTSTART:20261125T023000Z" in text and "Gedung B lantai 2" in text
    page_watch.check("after the downloads")
