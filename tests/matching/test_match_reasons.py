"""Reason vocabulary and rendering."""
import matching.reasons as reasons_mod
from matching import REASON_CODES, REASON_PARAMS, Reason, render

SAMPLES = {
    "title_match": {"title": "Operator Produksi CNC", "matched": "Operator Produksi", "similarity": 0.8},
    "experience_title": {"title": "Operator", "matched": "Operator Mesin", "years": 1.5, "similarity": 0.5},
    "text_match": {"terms": ["forklift", "gudang"]},
    "related_field": {"terms": ["produksi"], "similarity": 0.4},
    "skills_overlap": {"matched": ["las", "bubut", "membaca gambar teknik"], "n_matched": 3, "n_required": 4},
    "certificates": {"matched": ["K3 Umum"], "n_matched": 1, "n_required": 1},
    "major_fit": {"education": "SMK", "major": "Teknik Mesin", "keywords": ["mesin"]},
    "education_meets": {"education": "SMK", "major": "Teknik Mesin", "minimum": "SMA"},
    "experience": {"years": 3.0, "minimum": 2.0},
    "same_area": {"area": "RW 05, Nusa Jaya", "depth": 5, "vacancy_depth": 5, "levels": ["Banten"]},
    "wage_fit": {"expected": 4500000.0, "wage_min": 4000000.0, "wage_max": None},
    "shift_fit": {"shifts": ["pagi", "malam"], "n_matched": 2, "n_required": 2},
    "resident_interested": {},
    "wage_above_offer": {"expected": 6500000.0, "wage_min": 5000000.0, "wage_max": 5500000.0},
    "shift_conflict": {"shifts": ["malam"], "accepted": ["pagi"]},
    "overqualified": {"education": "S1", "minimum": "SMP"},
}


def test_every_code_documented_and_sampled():
    assert set(REASON_CODES) == set(REASON_PARAMS) == set(SAMPLES)
    for code in REASON_CODES:
        assert code in reasons_mod.__doc__
        assert set(SAMPLES[code]) == set(REASON_PARAMS[code])


def test_render_both_languages():
    for code, params in SAMPLES.items():
        r = Reason(code, 0.5, params)
        id_text, en_text = str(r), render(r, "en")
        assert id_text and en_text and id_text != code and en_text != code
        assert render(code, "id", params) == id_text
    assert str(Reason("skills_overlap", 1, SAMPLES["skills_overlap"])) == \
        "3 dari 4 keterampilan cocok: las, bubut, membaca gambar teknik"
    assert str(Reason("same_area", 1, SAMPLES["same_area"])).startswith("tinggal di RW 05, Nusa Jaya")
    assert str(Reason("wage_fit", 1, SAMPLES["wage_fit"])) == \
        "gaji yang diharapkan Rp4.500.000 sesuai tawaran Rp4.000.000"
    assert render(Reason("experience_title", 1, SAMPLES["experience_title"]), "id").endswith("selama 1,5 tahun")
    assert str(Reason("wage_above_offer", -0.1, SAMPLES["wage_above_offer"])) == \
        "gaji yang diharapkan Rp6.500.000 di atas tawaran Rp5.000.000–Rp5.500.000"


def test_render_tolerates_broken_params():
    assert render("skills_overlap", "id", {}) == "skills_overlap"
    assert render("unknown_code", "en", {}) == "unknown_code"


def test_params_round_trip_json():
    import json

    r = Reason("skills_overlap", 0.3, SAMPLES["skills_overlap"])
    back = json.loads(json.dumps(r.params))
    assert back == SAMPLES["skills_overlap"]
    assert Reason("skills_overlap", 0.3, back) == r
