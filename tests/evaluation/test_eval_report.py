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
