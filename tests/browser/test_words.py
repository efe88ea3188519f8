"""What a person reads, in Chromium: reasons folded and without the resident's own interest,
an empty suggestion list that says why and leads to the field, a resident who cannot be referred
shown as such instead of a box that ends in an error, the data view in words, a name with an
emoji refused at the field, and English counts and money."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from app.extensions import db
from app.models import Match
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.helpers import axe_violations, log_in

pytestmark = pytest.mark.browser


def _no_axe(page, where):
    found = axe_violations(page)
    assert not found, f"axe-core on {where}:\n" + "\n".join(found)


def _interested_match(world):
    reasons = [{"code": "title_match", "share": 0.45, "params": {"matched": "operator mesin", "title": world.vacancy.title}},
               {"code": "resident_interested", "share": 0.229, "params": {}},
               {"code": "skills_overlap", "share": 0.30,
                "params": {"n_matched": 2, "n_required": 2, "matched": ["bubut", "membaca gambar teknik"]}},
               {"code": "shift_fit", "share": 0.021, "params": {"shifts": ["bergilir"]}},
               {"code": "same_area", "share": 0.0, "params": {"area": "RW 03"}}]
    db.session.add(Match(seeker=world.seeker, vacancy=world.vacancy, status="suggested", score=0.83,
                         reasons=reasons, interested=True, model_version="test"))
    db.session.commit()


def test_a_resident_reads_their_fit_without_their_own_interest(app, world, live_server, open_page):
    _interested_match(world)
    page, watch = open_page(PHONE)
    log_in(page, "warga@test.id")
    item = page.locator("section[aria-labelledby=saran] ul.list > li").filter(has_text=world.vacancy.title)
    expect(item.locator(".score")).to_have_text("64%")
    item.get_by_text("Mengapa disarankan?").click()
    reasons = item.locator("ul.reasons").first
    expect(reasons).to_contain_text("keterampilan cocok")
    expect(item).not_to_contain_text("berminat pada lowongan ini")
    expect(item).not_to_contain_text("0%")
    folded = item.locator("details.more-reasons")
    expect(folded.locator("summary")).to_have_text("1 alasan lain")
    expect(folded.get_by_text("bersedia kerja shift")).to_be_hidden()  # folded until asked for
    folded.locator("summary").click()
    expect(folded.get_by_text("bersedia kerja shift")).to_be_visible()
    _no_axe(page, "the resident's home with reasons open")
    watch.check("on the resident's home")


def test_an_empty_list_says_why_and_leads_to_the_field(app, world, live_server, open_page):
    world.seeker.education, world.seeker.major = "SD", ""
    db.session.commit()
    page, watch = open_page(PHONE)
    log_in(page, "warga@test.id")
    section = page.locator("section[aria-labelledby=saran]")
    expect(section).to_contain_text("Semua 2 lowongan yang dibuka mensyaratkan pendidikan minimal SMP/MTs/Paket B")
    expect(section).to_contain_text("pendidikan terakhir di profil Anda SD/MI/Paket A")
    section.get_by_role("link", name="Perbarui pendidikan terakhir").click()
    expect(page).to_have_url(re.compile(r"/me/profile#education$"))
    expect(page.get_by_label("Pendidikan terakhir")).to_be_in_viewport()
    watch.check("on the resident's home and profile")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_resident_who_has_not_agreed_to_share_has_no_box_to_tick(javascript, app, world, make, live_server, open_page):
    shy = make.seeker(world.nj, name="Dewi Lestari", sex="P", birth=dt.date(1999, 1, 2), consent_sharing=False)
    db.session.add(Match(seeker=shy, vacancy=world.vacancy, status="suggested", score=0.6, reasons=[], model_version="t"))
    db.session.commit()
    page, watch = open_page(DESKTOP, javascript)
    log_in(page, "petugas@test.id", app)
    page.goto(f"/staff/vacancies/{world.vacancy.id}/suggestions")
    row = page.locator("ol.suggestions > li").filter(has_text="Dewi Lestari")
    box = row.get_by_role("checkbox")
    expect(box).to_be_disabled()
    expect(box).to_have_accessible_description(re.compile("Belum dapat dirujuk: warga ini belum setuju datanya dibagikan"))
    if javascript:
        _no_axe(page, "the suggestions with a resident who has not agreed to share")
    watch.check("on the suggestions page")


def test_the_data_view_reads_in_words_in_english(app, world, live_server, open_page):
    page, watch = open_page(PHONE)
    log_in(page, "warga@test.id")
    page.goto("/me/data?lang=en")
    page.get_by_text("See all the data held").click()
    facts = page.locator("details dl.facts").first
    expect(facts.locator("dt", has_text="Highest education").locator("xpath=following-sibling::dd[1]")).to_have_text("Vocational high school (SMK/MAK)")
    expect(facts.locator("dt", has_text="Sex").locator("xpath=following-sibling::dd[1]")).to_have_text("Male")
    expect(facts).to_contain_text("Rp5,400,000")
    expect(facts).to_contain_text("17 May 1998")
    expect(facts).not_to_contain_text("jenis kelamin")
    expect(facts).not_to_contain_text("looking")
    watch.check("on the data page")


def test_a_name_with_an_emoji_is_refused_at_the_field(app, world, live_server, open_page):
    page, watch = open_page(PHONE, javascript=False)
    log_in(page, "warga@test.id")
    page.goto("/me/profile")
    name = page.get_by_label("Nama lengkap (sesuai KTP)")
    name.fill("Budi Santoso 😀")
    page.get_by_role("button", name="Simpan profil").click()
    expect(name).to_have_attribute("aria-invalid", "true")
    expect(name).to_have_accessible_description(re.compile("emoji"))
    watch.check("on the profile with a name error")


def test_english_counts_take_their_plural(app, world, make, live_server, open_page):
    make.seeker(world.nj, name="Budi  Santoso", birth=world.seeker.birth_date)
    db.session.commit()
    page, watch = open_page(DESKTOP)
    log_in(page, "petugas@test.id", app)
    page.goto("/staff/duplicates?lang=en")
    expect(page.locator("main")).to_contain_text("1 pair.")
    expect(page.locator("main")).not_to_contain_text("1 pairs.")
    page.goto("/staff/")
    expect(page.locator("#tab-reminders .tab-label")).to_have_text("Reminders due")
    expect(page.locator("#tab-reminders .tab-count")).to_have_text("0")
    watch.check("on the English staff pages")
