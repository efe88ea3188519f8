"""Reason sentences are the app's: worded from a stored reason's code and params with the
translation catalogue (Indonesian message ids, English translations), for every code the engine
gives, and never breaking a page over a reason stored by another engine version."""
import pytest
from flask_babel import force_locale
from sqlalchemy import select

from app.extensions import db
from app.models import Match
from app.ranking import refresh_all, render_reason
from matching import REASON_CODES
from tests.matching.test_match_reasons import SAMPLES


def reason(code: str, **params) -> dict:
    """A reason as the app stores it (JSON: lists, not tuples)."""
    return {"code": code, "share": 0.5, "params": params or SAMPLES.get(code, {})}


INDONESIAN = {
    "title_match": 'posisi yang diinginkan "Operator Produksi" sesuai lowongan "Operator Produksi CNC"',
    "experience_title": 'pernah bekerja sebagai "Operator Mesin" selama 1,5 tahun',
    "text_match": "profil dan lowongan sama-sama menyebut: forklift, gudang",
    "related_field": "profil berkaitan dengan bidang lowongan: produksi",
    "skills_overlap": "3 dari 4 keterampilan cocok: las, bubut, membaca gambar teknik",
    "certificates": "memiliki 1 dari 1 sertifikat yang diminta: K3 Umum",
    "major_fit": "jurusan SMK Teknik Mesin sesuai bidang lowongan (mesin)",
    "education_meets": "SMK Teknik Mesin sesuai syarat minimal SMA",
    "experience": "pengalaman 3 tahun sebagai Operator Mesin (syarat minimal 2 tahun)",
    "same_area": "tinggal di RW 05, Nusa Jaya, wilayah yang sama dengan lowongan",
    "wage_fit": "gaji yang diharapkan Rp4.500.000 sesuai tawaran Rp4.000.000",
    "shift_fit": "bersedia kerja shift: pagi, malam",
    "resident_interested": "warga menyatakan berminat pada lowongan ini",
    "like_history": 'mirip lowongan yang sebelumnya diminati atau dirujuk: "Kasir Minimarket"',
    "wage_above_offer": "gaji yang diharapkan Rp6.500.000 di atas tawaran Rp5.000.000 – Rp5.500.000",
    "shift_conflict": "belum bersedia kerja shift: malam",
    "overqualified": "pendidikan S1 jauh di atas syarat minimal SMP",
    "occupation_same": 'Pramuniaga (KBJI 5223) — sama dengan posisi yang diinginkan "SPG"',
    "occupation_minor": 'Pramuniaga (KBJI 5223) — satu kelompok jabatan dengan "Sales Lapangan" (Sales Lapangan)',
    "occupation_related": 'Kasir (KBJI 5230) — bidang terkait dengan "SPG" (Pramuniaga)',
    "licences": "memiliki SIM B1 Umum (memenuhi SIM A)",
    "experience_short": "pengalaman di bidang ini 0,5 tahun, di bawah separuh syarat 2 tahun",
}


def test_every_engine_code_has_a_sentence_in_both_languages(app, english):
    assert set(INDONESIAN) == set(REASON_CODES)
    for code in REASON_CODES:
        indonesian, english_text = render_reason(reason(code), "id"), render_reason(reason(code), "en")
        assert indonesian == INDONESIAN[code]
        assert english_text and english_text != indonesian and english_text != code


def test_sentences_without_optional_parts(app):
    assert render_reason(reason("experience", years=3.0, minimum=2.0), "id") == \
        "pengalaman kerja 3 tahun (syarat minimal 2 tahun)"  # stored before reasons named the jobs
    past_job = {**SAMPLES["occupation_same"], "source": "experience", "matched": "Shop assistant"}
    assert render_reason({"code": "occupation_same", "share": 0.5, "params": past_job}, "id") == \
        'Pramuniaga (KBJI 5223) — sama dengan pekerjaan sebelumnya "Shop assistant"'
    assert render_reason(reason("licences", matched=["SIM C"], held=["SIM C"], n_matched=1, n_asked=1), "id") == \
        "memiliki SIM C yang diminta lowongan"
    assert render_reason(reason("licences", matched=["SIM A"], held=[], n_matched=1, n_asked=1), "id") == "licences"
    assert render_reason(reason("experience_title", title="Operator", matched="Operator Mesin", years=0,
                                similarity=0.5), "id") == 'pernah bekerja sebagai "Operator Mesin"'
    assert render_reason(reason("related_field", terms=[], similarity=0.4), "id") == \
        "profil berkaitan dengan bidang lowongan"
    assert render_reason(reason("major_fit", education="", major="IPA", keywords=[]), "id") == \
        "jurusan IPA sesuai bidang lowongan"
    assert render_reason(reason("education_meets", education="SMA", major="", minimum="SMP"), "id") == \
        "SMA sesuai syarat minimal SMP"
    assert render_reason(reason("wage_fit", expected=4_500_000, wage_min=None, wage_max=5_000_000), "id") == \
        "gaji yang diharapkan Rp4.500.000 sesuai tawaran Rp5.000.000"


def test_english_counts_and_numbers(app, english):
    assert render_reason(reason("skills_overlap"), "en") == "3 of 4 skills match: las, bubut, membaca gambar teknik"
    assert render_reason(reason("certificates"), "en") == "holds 1 of 1 requested certificate: K3 Umum"
    assert render_reason(reason("experience_title"), "en") == 'has worked as "Operator Mesin" for 1.5 years'
    assert render_reason(reason("experience_title", title="Operator", matched="Kasir", years=1.0, similarity=0.4),
                         "en") == 'has worked as "Kasir" for 1 year'
    assert render_reason(reason("experience", years=1.0, minimum=0.5), "en") == \
        "1 year of work experience (at least 0.5 required)"
    assert render_reason(reason("experience", years=1.0, minimum=0.5), "id") == \
        "pengalaman kerja 1 tahun (syarat minimal 0,5 tahun)"
    assert render_reason(reason("wage_above_offer"), "en") == \
        "expected wage Rp6,500,000 is above the offer of Rp5,000,000 – Rp5,500,000"


def test_language_is_the_readers_unless_given(app, english):
    # A fresh app context per request, as in production (the `app` fixture keeps one open).
    with app.app_context(), app.test_request_context("/?lang=en"):
        assert render_reason(reason("resident_interested")) == "the resident said they are interested in this vacancy"
        assert render_reason(reason("resident_interested"), "id") == INDONESIAN["resident_interested"]
    with app.app_context(), app.test_request_context("/"):
        assert render_reason(reason("resident_interested")) == INDONESIAN["resident_interested"]
    with force_locale("en"):
        assert render_reason(reason("shift_conflict")) == "has not agreed to work the shifts: malam"


@pytest.mark.parametrize("stored", [
    {"code": "a_code_of_a_later_engine", "share": 0.2, "params": {"x": 1}},
    {"code": "skills_overlap", "share": 0.2, "params": {}},
    {"code": "skills_overlap", "share": 0.2},
    {"code": "skills_overlap", "share": 0.2, "params": None},
    {"code": "skills_overlap", "share": 0.2, "params": {"matched": ["las"], "n_matched": "tiga", "n_required": 4}},
    {"code": "experience", "share": 0.2, "params": {"years": "banyak", "minimum": 1}},
    {"code": "wage_fit", "share": 0.2, "params": {"expected": 4e6, "wage_min": None, "wage_max": None}},
])
def test_a_reason_of_another_engine_version_shows_as_its_code(app, stored):
    assert render_reason(stored, "id") == render_reason(stored, "en") == stored["code"]


def test_params_of_another_engine_version_that_still_fit_are_worded(app, english):
    stored = reason("shift_fit", shifts=["malam"], n_matched=1, n_required=1, strength=0.9)  # a later param
    assert render_reason(stored, "id") == "bersedia kerja shift: malam"
    stored = reason("skills_overlap", matched=["las"], n_matched=1.0, n_required=2.0)  # numbers as floats
    assert render_reason(stored, "id") == "1 dari 2 keterampilan cocok: las"
    assert render_reason(stored, "en") == "1 of 2 skills match: las"


def test_pages_show_the_sentences_in_the_readers_language(client, auth, world, english):
    refresh_all()
    db.session.commit()
    match = db.session.scalar(select(Match).where(Match.seeker_id == world.seeker.id,
                                                  Match.vacancy_id == world.vacancy.id))
    skills = next(r for r in match.reasons if r["code"] == "skills_overlap")
    auth.login("petugas@test.id")
    page = client.get(f"/staff/vacancies/{world.vacancy.id}/suggestions").get_data(as_text=True)
    assert render_reason(skills, "id") in page and "keterampilan cocok: bubut" in page
    page = client.get(f"/staff/matches/{match.id}?lang=en").get_data(as_text=True)
    assert render_reason(skills, "en") in page and "skills match: bubut" in page
