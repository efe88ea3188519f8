"""Reason vocabulary: every code documented with its params, params plain JSON, and a plain
description of any reason (the sentences are the app's: tests/ranking/test_reasons.py)."""
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
    "experience": {"years": 3.0, "minimum": 2.0, "jobs": ["Operator Mesin"]},
    "same_area": {"area": "RW 05, Nusa Jaya", "depth": 5, "vacancy_depth": 5, "levels": ["Banten"]},
    "wage_fit": {"expected": 4500000.0, "wage_min": 4000000.0, "wage_max": None},
    "shift_fit": {"shifts": ["pagi", "malam"], "n_matched": 2, "n_required": 2},
    "resident_interested": {},
    "like_history": {"vacancy": "Kasir Minimarket", "similarity": 1.0},
    "wage_above_offer": {"expected": 6500000.0, "wage_min": 5000000.0, "wage_max": 5500000.0},
    "shift_conflict": {"shifts": ["malam"], "accepted": ["pagi"]},
    "overqualified": {"education": "S1", "minimum": "SMP"},
    "occupation_same": {"occupation": "Pramuniaga", "code": "5223", "matched": "SPG", "matched_occupation": "Pramuniaga",
                        "matched_code": "5223", "source": "desired"},
    "occupation_minor": {"occupation": "Pramuniaga", "code": "5223", "matched": "Sales Lapangan",
                         "matched_occupation": "Sales Lapangan", "matched_code": "5243", "source": "experience"},
    "occupation_related": {"occupation": "Kasir", "code": "5230", "matched": "SPG",
                           "matched_occupation": "Pramuniaga", "matched_code": "5223", "source": "desired"},
    "licences": {"matched": ["SIM A"], "held": ["SIM B1 Umum"], "n_matched": 1, "n_asked": 1},
    "experience_short": {"years": 0.5, "minimum": 2.0, "jobs": ["Satpam"]},
}


def test_every_code_documented_and_sampled():
    assert set(REASON_CODES) == set(REASON_PARAMS) == set(SAMPLES)
    for code in REASON_CODES:
        assert code in reasons_mod.__doc__
        assert set(SAMPLES[code]) == set(REASON_PARAMS[code])


def test_plain_text_is_the_code_and_its_params_in_any_language():
    r = Reason("skills_overlap", 0.5, SAMPLES["skills_overlap"])
    assert str(r) == "skills_overlap (matched: las, bubut, membaca gambar teknik; n_matched: 3; n_required: 4)"
    assert render(r) == render(r, "en") == render("skills_overlap", "id", SAMPLES["skills_overlap"]) == str(r)
    assert str(Reason("wage_fit", 1, SAMPLES["wage_fit"])) == \
        "wage_fit (expected: 4500000; wage_min: 4000000; wage_max: None)"
    assert str(Reason("experience_title", 1, SAMPLES["experience_title"])).endswith("years: 1.5; similarity: 0.5)")
    assert str(Reason("resident_interested", 0.1)) == "resident_interested"
    for code, params in SAMPLES.items():
        assert str(Reason(code, 0.5, params)).startswith(code)


def test_plain_text_takes_any_code_and_params():
    """Reasons stored by another engine version still describe themselves."""
    assert render("skills_overlap", "id", {}) == "skills_overlap"
    assert render("unknown_code", "en", {}) == "unknown_code"
    assert render("new_code", params={"share_of_x": 0.123456, "names": ["a", "b"]}) == \
        "new_code (share_of_x: 0.12; names: a, b)"


def test_params_round_trip_json():
    import json

    r = Reason("skills_overlap", 0.3, SAMPLES["skills_overlap"])
    back = json.loads(json.dumps(r.params))
    assert back == SAMPLES["skills_overlap"]
    assert Reason("skills_overlap", 0.3, back) == r
