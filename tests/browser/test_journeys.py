"""Every role's journeys through the real pages in Chromium: registration (resident on a phone,
employer on a desktop), profile editing with validation errors, staff verification, walk-in
registration with a claim code, suggestions (dismiss with a reason), employer answers, the
resident's status, searching, and the language switch. The htmx forms run twice, with and without
JavaScript, and must end the same way. axe-core checks the error states the page crawl cannot
reach, and after each htmx swap the focus must land in the swapped part."""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser import sitemap
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.helpers import axe_violations, log_in, log_out
from tests.factories import PASSWORD, make_nik

pytestmark = pytest.mark.browser

FOCUS_IN = "sel => { const r = document.querySelector(sel); return !!r && r.contains(document.activeElement); }"


def no_axe_violations(page, where: str) -> None:
    found = axe_violations(page)
    assert not found, f"axe-core on {where}:\n" + "\n".join(found)


def fill_profile(page, *, name: str, nik: str, birth: dt.date, phone: str) -> None:
    page.get_by_label("Nama lengkap (sesuai KTP)").fill(name)
    page.get_by_label("NIK", exact=True).fill(nik)
    page.get_by_label("Tanggal lahir").fill(birth.isoformat())
    page.get_by_label("Jenis kelamin").select_option("P")
    page.get_by_label("RW", exact=True).select_option("02")
    page.get_by_label("RT", exact=True).fill("004")
    page.get_by_label("Alamat", exact=True).fill("Jl. Kenanga 7")
    page.get_by_label("No. HP / WhatsApp").fill(phone)
    page.get_by_label("Pendidikan terakhir").select_option("SMK")
    page.get_by_label("Jurusan (untuk SMK, D3, S1)").fill("Akuntansi")
    page.get_by_label("Keterampilan", exact=True).fill("Microsoft Excel, kasir, stok barang")
    page.get_by_label("Pekerjaan yang diinginkan").fill("admin gudang, kasir")
    page.get_by_label("Pagi").check()
    page.get_by_label("Gaji yang diharapkan (Rp per bulan)").fill("5000000")


def test_resident_registers_on_a_phone_and_edits_the_profile(app, world, live_server, open_page, screenshot_dir):
    nj_id = world.nj.id
    from app.extensions import db

    db.session.remove()
    page, watch = open_page(PHONE)
    page.goto("/")
    page.get_by_role("link", name="Daftar sebagai pencari kerja").click()
    page.get_by_role("link", name="Nusa Jaya").click()
    expect(page).to_have_url(re.compile(rf"/register/{nj_id}$"))
    birth = dt.date(2003, 4, 9)
    # First try: the NIK does not match the birth date, and the passwords differ.
    fill_profile(page, name="Sari Indah", nik=make_nik(dt.date(2003, 4, 10), "P"), birth=birth, phone="0813 1111 2222")
    page.get_by_label("Kata sandi", exact=True).fill(PASSWORD)
    page.get_by_label("Ulangi kata sandi").fill("lain-lain-123")
    page.get_by_label(re.compile("Pendaftaran: kelurahan")).check()
    page.get_by_label(re.compile("Berbagi: petugas")).check()
    page.get_by_role("button", name="Daftar", exact=True).click()
    expect(page.get_by_role("alert").first).to_contain_text("Ada isian yang perlu diperbaiki")
    nik = page.get_by_label("NIK", exact=True)
    expect(nik).to_have_attribute("aria-invalid", "true")
    expect(nik).to_be_focused()  # app.js starts the correction at the first field in error
    expect(page.get_by_label("Ulangi kata sandi")).to_have_attribute("aria-invalid", "true")
    no_axe_violations(page, "the registration form with errors at 360 px")
    page.screenshot(path=screenshot_dir / "register-resident-errors-360.png", full_page=True)
    watch.check("on the registration form with errors")
    # Second try: corrected.
    nik.fill(make_nik(birth, "P"))
    page.get_by_label("Kata sandi", exact=True).fill(PASSWORD)
    page.get_by_label("Ulangi kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Daftar", exact=True).click()
    expect(page).to_have_url(re.compile(r"/me/$"))
    expect(page.locator("#flash")).to_contain_text("Pendaftaran berhasil")
    expect(page.get_by_role("heading", level=1)).to_have_text("Halo, Sari Indah")
    expect(page.get_by_text("Data Anda menunggu verifikasi petugas kelurahan")).to_be_visible()
    watch.check("on the new resident's home page")

    # Profile: a wrong wage and an empty name come back with errors, then it saves.
    page.get_by_role("link", name="Profil", exact=True).click()
    page.get_by_label("Nama lengkap (sesuai KTP)").fill("")
    page.get_by_label("Gaji yang diharapkan (Rp per bulan)").fill("lima jutaan")
    page.get_by_role("button", name="Simpan profil").click()
    name = page.get_by_label("Nama lengkap (sesuai KTP)")
    expect(name).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#full_name-error")).to_have_text("Nama wajib diisi.")
    expect(page.locator("#expected_wage-error")).to_contain_text("misalnya 4.500.000 atau 4,5 juta")
    no_axe_violations(page, "the profile form with errors at 360 px")
    name.fill("Sari Indah Lestari")
    page.get_by_label("Gaji yang diharapkan (Rp per bulan)").fill("Rp 5.500.000")  # written as people write it
    page.get_by_role("button", name="Simpan profil").click()
    expect(page.locator("#flash")).to_contain_text("Profil tersimpan.")
    expect(page.get_by_label("Nama lengkap (sesuai KTP)")).to_have_value("Sari Indah Lestari")
    expect(page.get_by_label("Gaji yang diharapkan (Rp per bulan)")).to_have_value("5.500.000")
    # Work experience: the years must be a number.
    page.get_by_label("Jabatan / pekerjaan").fill("Kasir minimarket")
    page.get_by_label("Lama bekerja (tahun)").fill("dua")
    page.get_by_role("button", name="Tambah", exact=True).click()
    expect(page.get_by_label("Lama bekerja (tahun)")).to_have_attribute("aria-invalid", "true")
    page.get_by_label("Lama bekerja (tahun)").fill("1,5")
    page.get_by_role("button", name="Tambah", exact=True).click()
    expect(page.locator("#flash")).to_contain_text("Pengalaman kerja ditambahkan.")
    expect(page.locator("#pengalaman")).to_contain_text("Kasir minimarket")
    expect(page.locator("#pengalaman")).to_contain_text("1,5 tahun")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the profile scrolls sideways at 360 px ({overflow} px)"
    watch.check("on the profile page")

    # The copy of one's own data (UU PDP): a JSON download with what was just saved.
    page.get_by_role("link", name="Data saya").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh data saya (JSON)").click()
    exported = json.loads(Path(download.value.path()).read_text())
    assert "Sari Indah Lestari" in json.dumps(exported, ensure_ascii=False)
    watch.check("on the data page")


def test_employer_registers_posts_a_vacancy_and_staff_verifies_it(app, world, live_server, open_page, screenshot_dir):
    from app.extensions import db

    db.session.remove()
    page, watch = open_page(DESKTOP)
    page.goto("/")
    page.get_by_role("link", name="Daftar sebagai mitra industri").click()
    page.get_by_label("Nama perusahaan").fill("PT Karya Plastik Nusantara")
    page.get_by_label("Kode KBLI (5 angka, opsional)").fill("22230")
    page.get_by_label("Alamat perusahaan").fill("Jl. Imam Bonjol 12, Karawaci")
    page.get_by_label("Kelurahan lokasi").select_option(label="Nusa Jaya, Karawaci")
    page.get_by_label("Nama petugas HRD").fill("Wati")
    page.get_by_label("Email kerja").fill("bukan-email")
    page.get_by_label("Kata sandi", exact=True).fill(PASSWORD)
    page.get_by_label("Ulangi kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Daftar", exact=True).click()
    expect(page.get_by_label("Email kerja")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Email kerja")).to_be_focused()
    page.get_by_label("Email kerja").fill("wati@karyaplastik.co.id")
    page.get_by_label("Kata sandi", exact=True).fill(PASSWORD)
    page.get_by_label("Ulangi kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Daftar", exact=True).click()
    expect(page).to_have_url(re.compile(r"/employer/$"))
    expect(page.get_by_text("Perusahaan menunggu verifikasi petugas kelurahan")).to_be_visible()

    # A vacancy: the first try misses the title and the deadline.
    page.get_by_role("link", name="Pasang lowongan baru").click()
    page.get_by_label("Keterampilan yang dibutuhkan").fill("mesin injeksi plastik, QC visual")
    page.get_by_label("Gaji dari (Rp per bulan)").fill("5400000")
    page.get_by_role("button", name="Simpan lowongan").click()
    expect(page.get_by_label("Posisi")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Posisi")).to_be_focused()
    expect(page.get_by_label("Batas lamaran")).to_have_attribute("aria-invalid", "true")
    no_axe_violations(page, "the vacancy form with errors")
    page.get_by_label("Posisi").fill("Operator Mesin Injeksi")
    page.get_by_label("Lokasi kerja").fill("Karawaci")
    page.get_by_label("Batas lamaran").fill((dt.date.today() + dt.timedelta(days=21)).isoformat())
    page.get_by_role("button", name="Simpan lowongan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Operator Mesin Injeksi")
    expect(page.locator("#flash")).to_contain_text("setelah ditinjau petugas dan perusahaan diverifikasi")
    expect(page.locator("dl.facts")).to_contain_text("Rp5.400.000")
    watch.check("on the employer's new vacancy")
    log_out(page)

    # Staff verify the company from the queue's tab of registrations to verify.
    log_in(page, "petugas@test.id", app)
    page.get_by_role("link", name=re.compile("^Pendaftaran untuk diverifikasi")).click()
    page.get_by_role("link", name="PT Karya Plastik Nusantara").click()
    page.get_by_role("button", name="Verifikasi PT Karya Plastik Nusantara").click()
    expect(page.locator("#flash")).to_contain_text("Perusahaan PT Karya Plastik Nusantara terverifikasi.")
    watch.check("on the staff companies page")
    # ... and review the vacancy before it is published.
    page.get_by_role("navigation", name="Menu utama").get_by_role("link", name="Tinjau lowongan").click()
    page.get_by_role("link", name="Tinjau Operator Mesin Injeksi").click()
    page.get_by_role("button", name="Terbitkan lowongan").click()
    expect(page.locator("#flash")).not_to_be_empty()
    watch.check("after publishing the vacancy")
    log_out(page)
    log_in(page, "wati@karyaplastik.co.id")
    expect(page.get_by_text("Perusahaan menunggu verifikasi")).to_have_count(0)
    expect(page.get_by_role("row").filter(has_text="Operator Mesin Injeksi")).to_contain_text("Dibuka")


def test_staff_verify_register_a_walk_in_who_claims_the_account(app, world, make, live_server, open_page, screenshot_dir):
    from app.extensions import db

    pending_user = make.user("seeker", "agus@test.id", kelurahan=world.nj)
    make.seeker(world.nj, name="Agus Prasetyo", birth=dt.date(2001, 11, 30), user=pending_user, verified_at=None)
    db.session.commit()
    db.session.remove()
    page, watch = open_page(DESKTOP)
    log_in(page, "petugas@test.id", app)
    # Verification from the queue (its only work: the page opens on that tab).
    queue = page.get_by_role("region", name=re.compile("Pendaftaran untuk diverifikasi"))
    queue.get_by_role("link", name="Agus Prasetyo").click()
    page.get_by_role("button", name="Verifikasi data").click()
    expect(page.locator("#flash")).to_contain_text("Data warga terverifikasi.")
    expect(page.locator(".badge-verified")).to_be_visible()
    watch.check("after verifying a resident")

    # A walk-in at the counter.
    page.get_by_role("link", name="Antrean kerja").click()
    page.get_by_role("link", name="Daftarkan warga di loket").click()
    birth = dt.date(1995, 7, 1)
    fill_profile(page, name="Ani Rahmawati", nik=make_nik(birth, "P"), birth=birth, phone="0857 2222 3333")
    page.get_by_role("button", name="Daftarkan", exact=True).click()
    # Consent to registration was not ticked: the form says so and keeps what was typed.
    consent = page.get_by_label(re.compile("Pendaftaran: kelurahan"))
    expect(consent).to_be_focused()
    expect(page.get_by_label("Nama lengkap (sesuai KTP)")).to_have_value("Ani Rahmawati")
    no_axe_violations(page, "the walk-in form with errors")
    consent.check()
    page.get_by_label(re.compile("Berbagi: petugas")).check()
    page.get_by_label(re.compile("Pencocokan otomatis: sistem")).check()
    page.get_by_role("button", name="Daftarkan", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ani Rahmawati")
    expect(page.locator("#flash")).to_contain_text("Warga terdaftar dan terverifikasi.")
    page.get_by_role("button", name="Buat kode klaim").click()
    code = page.locator(".claim-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9-]{6,20}", code), code
    page.screenshot(path=screenshot_dir / "staff-claim-code-1280.png", full_page=True)
    no_axe_violations(page, "the claim code page")
    watch.check("on the claim code page")
    log_out(page)

    # The resident sets a password on a phone with the code.
    phone_page, phone_watch = open_page(PHONE)
    phone_page.goto("/claim")
    phone_page.get_by_label("Email atau No. HP").fill("0857-2222-3333")
    phone_page.get_by_label("Kode klaim").fill(code)
    phone_page.get_by_label("Kata sandi", exact=True).fill("kenanga-07-nusa")
    phone_page.get_by_label("Ulangi kata sandi").fill("kenanga-07-nusa")
    phone_page.get_by_role("button", name="Simpan kata sandi").click()
    expect(phone_page).to_have_url(re.compile(r"/me/$"))
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("Halo, Ani Rahmawati")
    phone_watch.check("on the claimed account's home")


# --- The htmx forms, once with JavaScript and once without: the same outcome. ---------------------

@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_staff_dismiss_and_refer(javascript, app, world, make, live_server, open_page):
    ids = sitemap.build(world, make)
    page, watch = open_page(DESKTOP, javascript)
    log_in(page, "petugas@test.id", app)
    page.goto(f"/staff/vacancies/{ids['vacancy']}/suggestions")
    row = page.locator("ol.suggestions > li").filter(has_text="Tanpa Akun Santoso")
    row.locator("summary", has_text="Tidak dirujuk").click()
    page.evaluate("window.__samePage = true")
    row.get_by_role("button", name="Simpan keputusan").click()  # no reason chosen
    row = page.locator("ol.suggestions > li").filter(has_text="Tanpa Akun Santoso")
    reason = row.get_by_label("Alasan tidak dirujuk")
    expect(reason).to_have_attribute("aria-invalid", "true")
    expect(row.locator(".error")).to_have_text("Pilih alasan.")
    if javascript:
        assert page.evaluate("window.__samePage === true"), "htmx did not swap the list in place"
        expect(reason).to_be_focused()
        no_axe_violations(page, "the suggestions with a dismiss error")
    reason.select_option(label="Warga tidak dapat dihubungi")
    row.get_by_label("Catatan (opsional)").fill("Tiga kali ditelepon, tidak diangkat.")
    row.get_by_role("button", name="Simpan keputusan").click()
    expect(page.locator("main p.flash").filter(has_text="Saran untuk Tanpa Akun Santoso tidak dilanjutkan.")).to_be_visible()
    done = page.get_by_role("listitem").filter(has=page.get_by_role("link", name="Tanpa Akun Santoso"))
    expect(done.locator(".badge")).to_have_text("Tidak dirujuk")
    if javascript:
        assert page.evaluate("window.__samePage === true")
        assert page.evaluate(FOCUS_IN, "#saran-kandidat"), "focus did not land in the updated list"
        expect(page.locator("#lw-announce")).to_contain_text("tidak dilanjutkan")
    # Refer a resident who agreed to share the profile.
    first = page.locator("ol.suggestions > li").filter(has_text="Agus Prasetyo")
    first.get_by_role("checkbox").check()
    page.get_by_role("button", name="Rujuk warga yang dipilih").click()
    expect(page.locator("#flash")).to_contain_text("1 warga dirujuk ke PT Sinar Logam.")
    watch.check("on the suggestions page")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_employer_answers_referrals(javascript, app, world, make, live_server, open_page, screenshot_dir):
    ids = sitemap.build(world, make)
    page, watch = open_page(DESKTOP, javascript)
    log_in(page, "hrd@test.id")
    page.goto(f"/employer/vacancies/{ids['second']}")
    page.evaluate("window.__samePage = true")

    def row():
        return page.locator("li[id^='rujukan-']").filter(has_text="Dedi Kurniawan")

    row().locator("summary", has_text="Jawab rujukan").click()
    row().get_by_role("button", name="Undang").click()  # no date
    expect(row().get_by_label("Tanggal dan jam wawancara")).to_have_attribute("aria-invalid", "true")
    expect(row().locator(".error")).to_have_text("Isi tanggal dan jam wawancara.")
    if javascript:
        expect(row().get_by_label("Tanggal dan jam wawancara")).to_be_focused()
        no_axe_violations(page, "the employer's answer with an error")
    when = dt.datetime.combine(dt.date.today() + dt.timedelta(days=2), dt.time(9, 30))
    row().get_by_label("Tanggal dan jam wawancara").fill(when.strftime("%Y-%m-%dT%H:%M"))
    row().get_by_role("button", name="Undang").click()
    expect(row().locator(".badge")).to_have_text("Wawancara")
    expect(page.get_by_text("Undangan wawancara tercatat.")).to_be_visible()
    if javascript:
        assert page.evaluate("window.__samePage === true"), "htmx did not swap the row in place"
        assert page.evaluate(FOCUS_IN, f"#rujukan-{ids['waiting']}"), "focus did not land in the answered row"
        expect(page.locator("#lw-announce")).to_contain_text("Undangan wawancara tercatat.")
    # After the interview: not hired, with a reason from the list.
    row().locator("summary", has_text="Jawab rujukan").click()
    row().get_by_label("Alasan", exact=True).select_option(label="Keterampilan belum sesuai")
    row().get_by_role("button", name="Kirim jawaban").click()
    expect(row().locator(".badge")).to_have_text("Tidak diterima")
    expect(row()).to_contain_text("Keterampilan belum sesuai")
    expect(row().locator("summary", has_text="Jawab rujukan")).to_have_count(0)
    if javascript:
        assert page.evaluate("window.__samePage === true")
        page.screenshot(path=screenshot_dir / "employer-answered-1280.png", full_page=True)
    watch.check("on the employer's vacancy")
    log_out(page)

    # The resident reads it in plain words.
    log_in(page, "warga@test.id")
    mine = page.get_by_role("region", name="Rujukan saya")
    expect(mine.get_by_role("listitem").filter(has_text="Staf Gudang dan Logistik")).to_contain_text("Anda diundang wawancara.")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_resident_says_interested_and_follows_the_referral(javascript, app, world, make, live_server, open_page):
    ids = sitemap.build(world, make)
    page, watch = open_page(PHONE, javascript)
    log_in(page, "warga@test.id")
    suggestion = page.get_by_role("region", name="Lowongan yang cocok untuk Anda").get_by_role("listitem") \
        .filter(has_text="Operator Mesin CNC")
    suggestion.locator("summary", has_text="Mengapa disarankan?").click()
    expect(suggestion.locator(".reasons").first).to_be_visible()
    suggestion.get_by_role("link", name="Operator Mesin CNC").click()
    expect(page.locator("dl.facts")).to_contain_text("Rp5.400.000 – Rp6.000.000")
    page.evaluate("window.__samePage = true")
    button = page.get_by_role("button", name="Saya berminat")
    button.focus()
    page.keyboard.press("Enter")  # the keyboard, as a screen-reader user would
    expect(page.locator("#minat")).to_contain_text("Anda sudah menyatakan berminat.")
    if javascript:
        assert page.evaluate("window.__samePage === true"), "htmx did not swap the button in place"
        assert page.evaluate(FOCUS_IN, "#minat"), "focus was lost after the swap"
        expect(page.locator("#lw-announce")).to_contain_text("Anda sudah menyatakan berminat.")
    else:
        expect(page.locator("#flash")).to_contain_text("Minat Anda tercatat.")
    watch.check("on the vacancy page")
    # The referral status page: the interview date in Indonesian.
    page.get_by_role("link", name="Beranda").click()
    page.get_by_role("link", name="Staf Gudang dan Logistik").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Staf Gudang dan Logistik")
    expect(page.locator("article")).to_contain_text("Undangan wawancara")
    expect(page.locator("article strong").first).to_have_text(re.compile(
        r"^\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4}, \d{2}\.\d{2} WIB$"))
    watch.check("on the referral page")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_staff_search_residents(javascript, app, world, make, live_server, open_page):
    sitemap.build(world, make)
    page, watch = open_page(DESKTOP, javascript)
    log_in(page, "petugas@test.id", app)
    page.get_by_role("link", name="Warga", exact=True).click()
    search = page.get_by_label("Nama atau No. HP")
    if javascript:
        search.press_sequentially("wulan", delay=30)  # htmx searches as the staff member types
    else:
        search.fill("wulan")
        page.get_by_role("button", name="Cari").click()
    expect(page).to_have_url(re.compile(r"[?&]q=wulan"))
    results = page.locator("#hasil")
    expect(results).to_contain_text("1 warga ditemukan.")
    expect(results.get_by_role("link", name="Rina Wulandari")).to_be_visible()
    expect(results).not_to_contain_text("Budi Santoso")
    if javascript:
        expect(search).to_be_focused()  # typing goes on where it was
        expect(page.locator("#lw-announce")).to_have_text("1 warga ditemukan.")
    watch.check("on the residents search")


def test_language_switch_keeps_the_address_and_is_remembered(app, world, make, live_server, open_page):
    sitemap.build(world, make)
    page, watch = open_page(DESKTOP)
    log_in(page, "petugas@test.id", app)
    page.goto("/staff/seekers?q=santoso&verified=yes")
    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(r"/staff/seekers\?q=santoso&verified=yes&lang=en$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Resident job seekers")
    expect(page.get_by_label("Name or phone number")).to_have_value("santoso")
    page.get_by_role("link", name="Work queue").click()  # another page, without ?lang
    expect(page.locator("html")).to_have_attribute("lang", "en")
    no_axe_violations(page, "the staff queue in English")
    page.get_by_role("link", name="Bahasa Indonesia").click()
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.get_by_role("link", name="Antrean kerja")).to_be_visible()
    watch.check("after switching languages")
