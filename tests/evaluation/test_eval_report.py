import pytest

from evaluation.report import evaluate, format_report, split_feedback
from evaluation.synthetic import generate
from matching import Feedback, MatchEngine


def test_split_is_time_ordered():
    fb = [Feedback(1, "a", "interested", 1), Feedback(1, "a", "hired", 9),
          Feedback(2, "a", "referred", 2), Feedback(3, "b", "referred", 3),
          Feedback(4, "b", "referred", 8), Feedback(4, "b", "refused", 10),
          Feedback(5, "c", "interested", 9)]
    train, relevance, history = split_feedback(fb, train_fraction=0.6)
    assert all(f.at < 8 for f in train)
    assert history == {(1, "a"), (2, "a"), (3, "b")}
    assert relevance == {(4, "b"): 0.0, (5, "c"): 1.0}  # latest event wins; history pairs are not tested


def test_split_without_times_uses_input_order():
    fb = [Feedback(i, "v", "referred") for i in range(10)]
    train, relevance, _ = split_feedback(fb, train_fraction=0.7)
    assert [f.seeker_id for f in train] == list(range(7))
    assert set(relevance) == {(7, "v"), (8, "v"), (9, "v")}


@pytest.fixture(scope="module")
def result():
    seekers, vacancies, feedback, attributes = generate(1500, 120, 2500, seed=11)
    return evaluate(seekers, vacancies, feedback, attributes, seed=0, max_queries=120, n_boot=200,
                    truth=attributes.hidden.utility,
                    engine_factory=lambda: MatchEngine(n_components=16, max_hard_groups=50))


def test_evaluate_structure(result):
    assert result["config"]["n_vacancy_queries"] > 10 and result["config"]["n_seeker_queries"] > 10
    for direction in ("vacancy -> seekers", "seeker -> vacancies"):
        table = result["directions"][direction]
        assert {"engine", "engine (no feedback)", "random", "popularity", "tfidf", "tfidf_area"} <= set(table)
        for m in table.values():
            for metric in ("ndcg@10", "recall@10", "mrr", "true utility@10"):
                mean, lo, hi = m[metric]
                assert lo <= mean <= hi
        # sanity, not a quality claim: anything sensible beats a random order
        assert table["engine"]["true utility@10"][0] > table["random"]["true utility@10"][0] + 1
        assert table["engine"]["ndcg@10"][0] >= table["random"]["ndcg@10"][0]
        assert result["comparison"][direction]["best_baseline"] in table


def test_fairness_section(result):
    fair = result["fairness"]["engine"]
    assert set(fair) == {"sex", "age_band", "rw", "disability"}
    for rows in fair.values():
        for r in rows.values():
            assert set(r) >= {"selection_rate", "selection_ratio", "recall@10", "recall_ratio", "flag"}


def test_format_report(result):
    text = format_report(result)
    assert "| engine |" in text and "NDCG@10" in text and "Fairness" in text
    assert "vacancy -> seekers" in text and "seeker -> vacancies" in text


def test_main_quick_runs(capsys):
    from evaluation.__main__ import main

    assert main(["--seekers", "300", "--vacancies", "30", "--feedback", "400", "--max-queries", "30",
                 "--conditions", "full,interested_only"]) == 0
    out = capsys.readouterr().out
    assert "Synthetic city" in out and "only 'interested'" in out


def test_fairness_compares_each_group_with_the_rest_and_flags_only_a_clear_gap():
    from evaluation.report import _fairness
    from matching import Seeker, Vacancy

    # 200 residents: group "big_low" (100) is never shown; "tiny" (3) is shown less than the rest
    # but is too small for its interval to exclude parity; everyone else is shown at the same rate.
    seekers = [Seeker(i) for i in range(200)]
    group = {i: "big_low" if i < 100 else ("tiny" if i < 103 else "rest") for i in range(200)}
    vacancies = [Vacancy(f"v{j}", "Operator") for j in range(40)]
    rankings = {}
    for j, v in enumerate(vacancies):
        top = [103 + (j * 10 + k) % 97 for k in range(10)]
        rankings[v.id] = top[:9] + [100] if j % 10 == 0 else top  # one "tiny" resident, now and then
    rw = {i: "rw_small" if i < 10 else "rw_other" for i in range(200)}  # ten residents, never shown
    attrs = {i: {"sex": group[i], "age_band": "all", "rw": rw[i], "disability": "False"} for i in range(200)}
    fair = _fairness(rankings, {}, {}, seekers, vacancies, attrs, n_boot=200)
    sex = fair["sex"]
    assert sex["big_low"]["selection_ratio"] == 0.0 and sex["big_low"]["flag"]
    assert sex["big_low"]["selection_ratio_ci"][1] < 0.8
    assert sex["rest"]["selection_ratio"] > 1.0 and not sex["rest"]["flag"]
    assert sex["tiny"]["n_seekers"] == 3 and sex["tiny"]["selection_ratio"] < 0.8 and not sex["tiny"]["flag"]
    assert fair["age_band"]["all"]["selection_rate_rest"] != fair["age_band"]["all"]["selection_rate_rest"]  # no rest: nan
    assert not fair["age_band"]["all"]["flag"]
    # Nobody of a ten-resident group shown: [0, 0] from the bootstrap, but too few for a flag.
    assert fair["rw"]["rw_small"]["selection_ratio_ci"] == (0.0, 0.0) and not fair["rw"]["rw_small"]["flag"]
