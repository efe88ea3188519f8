"""The dev-set condition on a tiny set written here (never the shared file)."""
import json

import pytest

from evaluation.__main__ import main
from evaluation.baselines import TfidfRanker
from evaluation.dev import dev_set_path, evaluate_dev, format_dev_report, load_dev_set, no_shared_pairs, run_dev

AREA = ["Banten", "Kota Tangerang", "Karawaci", "Nusa Jaya"]
NOTES = "Grading notes. STOPWORDS: dan di yang min pengalaman tahun"


def _seeker(id_, positions, education="SMA", skills=(), experience=(), about=""):
    return {"id": id_, "education": education, "major": "", "skills": list(skills), "certificates": [],
            "experience": list(experience), "desired_positions": list(positions), "area": AREA, "about": about,
            "expected_wage": None, "shifts": []}


def _vacancy(id_, title, description="", education_min=None, skills=()):
    return {"id": id_, "title": title, "description": description, "skills": list(skills), "certificates": [],
            "education_min": education_min, "experience_years_min": 0, "area": AREA, "wage_min": None,
            "wage_max": None, "shifts": [], "openings": 1}


CASES = {
    "seekers": [
        _seeker("w1", ["Kasir"], skills=["kasir"]),
        _seeker("w2", ["Pramuniaga"], about="jaga toko di Nusa Jaya"),
        _seeker("w3", ["Operator Produksi"], education="SMP",
                experience=[{"title": "Operator Produksi", "years": 2, "description": ""}]),
        _seeker("w4", ["Satpam"]),
    ],
    "vacancies": [
        _vacancy("v1", "Kasir Minimarket", "kasir dan pramuniaga"),
        _vacancy("v2", "Shop Assistant", "melayani pembeli", education_min="SMA"),
        _vacancy("v3", "Operator Produksi", "min SMA", education_min="SMA"),
        _vacancy("v4", "Security", "jaga pos"),
    ],
    "relevance": [
        {"seeker": "w1", "vacancy": "v1", "grade": 2},
        {"seeker": "w2", "vacancy": "v1", "grade": 1},
        {"seeker": "w2", "vacancy": "v2", "grade": 2},   # pramuniaga / shop assistant: no shared word
        {"seeker": "w4", "vacancy": "v4", "grade": 2},   # satpam / security: no shared word
        {"seeker": "w3", "vacancy": "v3", "grade": 1},
    ],
    "notes": NOTES,
}


@pytest.fixture
def cases_file(tmp_path):
    path = tmp_path / "matching-dev" / "cases.json"
    path.parent.mkdir()
    path.write_text(json.dumps(CASES), encoding="utf-8")
    return path


def test_no_shared_pairs_follow_the_notes():
    # "Nusa Jaya" is an area word and "dan" a stop word, so w2 -> v1 shares "pramuniaga" only;
    # w2 -> v2 and w4 -> v4 share nothing; w3 -> v3 shares "operator" and "produksi".
    assert no_shared_pairs(CASES) == {("w2", "v2"), ("w4", "v4")}


def test_path_from_flag_env_or_beside_the_repository(cases_file, monkeypatch):
    monkeypatch.delenv("LOKERWARGA_DEV_SET", raising=False)
    assert dev_set_path().parts[-3:] == ("shared", "matching-dev", "cases.json")
    assert dev_set_path(cases_file.parent) == cases_file
    monkeypatch.setenv("LOKERWARGA_DEV_SET", str(cases_file))
    assert dev_set_path() == cases_file


def test_loads_records_and_grades(cases_file):
    dev = load_dev_set(cases_file)
    assert [s.id for s in dev.seekers] == ["w1", "w2", "w3", "w4"]
    assert dev.seekers[2].experience[0].years == 2.0
    assert dev.grades[("w2", "v2")] == 2 and len(dev.grades) == 5


def test_evaluate_reports_both_directions_baselines_and_the_comparison(cases_file):
    result = evaluate_dev(load_dev_set(cases_file), n_boot=50)
    for direction in ("resident -> vacancies", "vacancy -> residents"):
        table = result["directions"][direction]
        assert {"engine", "tfidf_words", "tfidf_words + filters", "tfidf_chars", "tfidf_chars + filters",
                "bm25", "bm25 + filters"} <= set(table)
        for m in table.values():
            assert 0.0 <= m["ndcg@10"][0] <= 1.0 and 0.0 <= m["no-shared recall@10"] <= 1.0
        assert result["comparison"][direction]["best_filtered_baseline"].endswith("+ filters")
    assert result["config"]["n_queries"] == {"resident -> vacancies": 4, "vacancy -> residents": 4}
    # The filtered baselines drop the SMP resident from the SMA vacancy; the unfiltered ones may not.
    text = format_dev_report(result)
    assert "no-shared-word Recall@10" in text and "best filtered baseline" in text


def test_filters_keep_an_ineligible_resident_out_of_a_baseline(cases_file):
    dev = load_dev_set(cases_file)
    filtered = TfidfRanker(filters=True).fit(dev.seekers, dev.vacancies)
    unfiltered = TfidfRanker(filters=False).fit(dev.seekers, dev.vacancies)
    assert "w3" not in [s.seeker_id for s in filtered.rank_seekers("v3", k=10)]
    assert unfiltered.rank_seekers("v3", k=10)[0].seeker_id == "w3"


def test_a_missing_set_is_skipped_not_an_error(tmp_path, capsys):
    assert "Skipped" in run_dev(tmp_path / "nowhere")
    assert main(["--conditions", "dev", "--dev-set", str(tmp_path / "nowhere")]) == 0
    assert "Skipped" in capsys.readouterr().out


def test_the_command_line_runs_the_condition(cases_file, capsys):
    assert main(["--conditions", "dev", "--dev-set", str(cases_file)]) == 0
    out = capsys.readouterr().out
    assert "resident -> vacancies" in out and "vacancy -> residents" in out and "bm25 + filters" in out
