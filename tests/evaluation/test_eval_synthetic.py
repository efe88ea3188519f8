import numpy as np
import pytest

from evaluation.synthetic import FAMILIES, generate, sample_outcomes, true_utility
from matching import OUTCOMES, Seeker, Vacancy


@pytest.fixture(scope="module")
def data():
    return generate(400, 40, 600, seed=3)


def test_sizes_and_determinism(data):
    seekers, vacancies, feedback, attributes = data
    assert len(seekers) == 400 and len(vacancies) == 40
    assert len(feedback) >= 600
    again = generate(400, 40, 600, seed=3)
    assert again[0] == seekers and again[1] == vacancies and again[2] == feedback
    assert generate(400, 40, 600, seed=4)[0] != seekers


def test_feedback_is_valid_and_time_ordered(data):
    seekers, vacancies, feedback, _ = data
    s_ids = {s.id for s in seekers}
    v_ids = {v.id for v in vacancies}
    assert all(f.outcome in OUTCOMES and f.seeker_id in s_ids and f.vacancy_id in v_ids for f in feedback)
    assert [f.at for f in feedback] == sorted(f.at for f in feedback)
    outcomes = {f.outcome for f in feedback}
    assert {"interested", "referred", "hired", "refused"} <= outcomes


def test_hidden_attributes_are_not_in_records(data):
    seekers, _, _, attributes = data
    assert set(attributes) == {s.id for s in seekers}
    for a in attributes.values():
        assert a["sex"] in ("F", "M") and a["age_band"] in ("<25", "25-34", "35-44", "45+")
        assert isinstance(a["disability"], bool) and a["rw"]
    assert not any(hasattr(seekers[0], name) for name in ("sex", "age", "disability", "religion"))


def test_true_utility_prefers_same_family(data):
    seekers, vacancies, _, attributes = data
    hidden = attributes.hidden
    same, other = [], []
    for s in seekers[:150]:
        for v in vacancies[:20]:
            fam = hidden.vacancies[v.id]["family"]
            (same if hidden.seekers[s.id]["family_weights"][fam] > 0 else other).append(true_utility(s, v, hidden=hidden))
    assert np.mean(same) > np.mean(other) + 1.0


def test_true_utility_reads_plain_records():
    # Without the hidden truth (the app's demo data) families are read back from the text.
    area = ("Banten", "Kota Tangerang", "Karawaci", "Nusa Jaya")
    welder = Seeker(1, education="SMK", desired_positions=("Welder",), skills=("las SMAW",), area=area + ("RW 01",))
    cashier = Seeker(2, education="SMA", desired_positions=("Kasir",), area=area + ("RW 01",))
    job = Vacancy("v", "Welder", skills=("las SMAW", "bubut"), education_min="SMA", area=area)
    assert true_utility(welder, job) > true_utility(cashier, job) + 2
    rng = np.random.default_rng(0)
    events = sample_outcomes(welder, job, rng, at=10.0, via="interest")
    assert events[0].outcome == "interested" and all(e.at >= 10.0 for e in events)
    assert [e.at for e in events] == sorted(e.at for e in events)


@pytest.mark.parametrize("variant", ["titles_only", "english", "area2", "interested_only"])
def test_thin_variants(variant):
    seekers, vacancies, feedback, attributes = generate(200, 20, 300, seed=5, variant=variant)
    if variant == "titles_only":
        assert all(not s.skills and s.education is None and s.expected_wage is None for s in seekers)
        assert all(not v.skills and not v.description for v in vacancies)
    if variant == "english":
        en_titles = {f for fam in FAMILIES for c in fam.titles for f in c.en_forms}
        assert sum(v.title in en_titles for v in vacancies) >= 15  # a few carry typos
    if variant == "area2":
        assert all(len(s.area) == 2 and len(v.area) == 2 for s, v in zip(seekers, vacancies))
    if variant == "interested_only":
        assert feedback and {f.outcome for f in feedback} == {"interested"}
    full = attributes.hidden.seeker_records[seekers[0].id]
    assert attributes.hidden.utility(seekers[0], vacancies[0]) == true_utility(
        full, attributes.hidden.vacancy_records[vacancies[0].id], hidden=attributes.hidden)


def test_unknown_variant():
    with pytest.raises(ValueError):
        generate(10, 2, 5, variant="tiny")


def test_truth_declared_for_records_written_elsewhere():
    # The app's demo data declares its truth in the generator's terms and draws from the same utility.
    from evaluation.synthetic import Hidden, concept_keys

    area = ("Banten", "Kota Tangerang", "Karawaci", "Nusa Jaya")
    hidden = Hidden()
    welder = Seeker(1, education="SMK", major="Teknik Pengelasan", skills=("las listrik",), area=area + ("RW 04",))
    cashier = Seeker(2, education="SMA", area=area + ("RW 01",))
    hidden.add_seeker(welder, families={"permesinan": 1.0}, skills={"las", "gambar_teknik"}, years={"permesinan": 2})
    hidden.add_seeker(cashier, families={"ritel": 1.0, "fnb": 0.6}, skills={"kasir_skill"}, employability=0.3)
    job = Vacancy(10, "Juru Las (Welder)", skills=("las SMAW",), education_min="SMP", area=area)
    hidden.add_vacancy(job, family="permesinan", skills={"las"}, selectivity=0.1)
    assert hidden.seekers[1]["major_families"] == {1}  # read from the major as the generator does
    assert hidden.seekers[2]["family_weights"].sum() == pytest.approx(1.0)
    assert true_utility(welder, job, hidden=hidden) > true_utility(cashier, job, hidden=hidden) + 2
    assert hidden.utility(welder, job) == true_utility(welder, job, hidden=hidden)
    events = sample_outcomes(welder, job, np.random.default_rng(1), via="staff", hidden=hidden)
    assert events[0].outcome in ("referred", "dismissed")
    assert {"las", "sim_c", "kerja_tim"} <= concept_keys()
    with pytest.raises(ValueError, match="family"):
        hidden.add_vacancy(job, family="pertambangan")
    with pytest.raises(ValueError, match="concepts"):
        hidden.add_seeker(welder, families={"permesinan": 1.0}, skills={"las listrik"})
