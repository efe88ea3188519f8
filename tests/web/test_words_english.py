"""English mode: plural forms chosen by the count, one money format and one date format per
language (through the one `rupiah` and `date_id`/`datetime_id` helpers), and a catalogue
without an empty translation."""
from __future__ import annotations

import datetime as dt

import pytest
from babel.messages.pofile import read_po
from flask_babel import force_locale

from app.core.web import date_id, datetime_id, rupiah, wage_range
from app.extensions import db
from tests.web.test_translations import PO, compile_if_stale


@pytest.fixture
def english(app):
    if compile_if_stale():
        app.extensions["babel"].instance.domain_instance.cache.clear()


def test_no_message_of_the_catalogue_has_an_empty_translation():
    with PO.open("rb") as handle:
        catalog = read_po(handle, locale="en")
    empty = [m.id for m in catalog if m.id and not all(
        s.strip() for s in (m.string if isinstance(m.string, (list, tuple)) else [m.string]))]
    assert empty == []


def test_money_and_dates_one_format_per_language(app, english):
    moment = dt.datetime(2026, 11, 18, 3, 0, tzinfo=dt.timezone.utc)
    with app.app_context():
        with force_locale("id"):
            assert (rupiah(4_500_000), wage_range(5_400_000, 6_000_000)) == ("Rp4.500.000", "Rp5.400.000 – Rp6.000.000")
            assert (date_id(dt.date(2026, 12, 7)), datetime_id(moment)) == ("7 Desember 2026", "18 November 2026, 10.00 WIB")
        with force_locale("en"):
            assert (rupiah(4_500_000), wage_range(5_400_000, 6_000_000)) == ("Rp4,500,000", "Rp5,400,000 – Rp6,000,000")
            assert (date_id(dt.date(2026, 12, 7)), datetime_id(moment)) == ("7 December 2026", "18 November 2026, 10:00 WIB")
            assert datetime_id(moment, zone=False) == "18 November 2026, 10:00"


def test_an_english_vacancy_page_shows_english_money_only(client, auth, world, english):
    auth.login("warga@test.id")
    page = client.get(f"/me/vacancies/{world.vacancy.id}?lang=en").get_data(as_text=True)
    assert "Rp5,400,000 – Rp6,000,000" in page and "Rp5.400.000" not in page


def test_counts_take_their_plural_form(client, auth, world, make, english):
    make.seeker(world.nj, name="Budi  Santoso", birth=world.seeker.birth_date)
    db.session.commit()
    auth.login("petugas@test.id")
    english_page = client.get("/staff/duplicates?lang=en").get_data(as_text=True)
    assert "1 pair." in english_page and "1 pairs." not in english_page
    queue = client.get("/staff/").get_data(as_text=True)
    assert "Reminders due" in queue and "Pengingat" not in queue
    assert "1 pasangan." in client.get("/staff/duplicates?lang=id").get_data(as_text=True)


def test_a_merge_summary_counts_each_kind_in_its_own_plural(client, auth, world, make, english):
    from app.duplicates.merge import merge_seekers
    from app.models import ExperienceEntry

    twin = make.seeker(world.nj, name="Budi Santosa", birth=world.seeker.birth_date)
    db.session.add(ExperienceEntry(seeker=twin, title="Kurir", years=1.0))
    db.session.commit()
    merge_seekers(world.seeker, twin, world.staff)
    db.session.commit()
    auth.login("petugas@test.id")
    page = client.get(f"/staff/seekers/{world.seeker.id}?lang=en").get_data(as_text=True)
    assert "1 work experience entry, 0 documents," in page and "1 work experience entries" not in page
