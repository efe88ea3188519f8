import pytest

from evaluation.baselines import BASELINES, TEXT_BASELINES
from matching import Feedback, Seeker, Vacancy

AREA = ("Banten", "Kota Tangerang", "Karawaci")
SEEKERS = [
    Seeker(1, education="SMA", desired_positions=("Kasir",), skills=("kasir",), area=AREA + ("Nusa Jaya",)),
    Seeker(2, education="SD", desired_positions=("Kasir",), area=AREA + ("Cimone",)),
    Seeker(3, desired_positions=("Kasir Toko",), area=AREA + ("Nusa Jaya",), ranking_opt_out=True),
    Seeker(4, education="SMA", desired_positions=("Operator Produksi",), area=AREA + ("Cimone",)),
]
VACANCIES = [Vacancy("k", "Kasir", education_min="SMA", area=AREA + ("Nusa Jaya",)),
             Vacancy("c", "Kasir", open=False), Vacancy("o", "Operator Produksi", area=AREA)]


ALL = {**BASELINES, **TEXT_BASELINES}


@pytest.mark.parametrize("name", sorted(ALL))
def test_filters_and_interface(name):
    model = ALL[name](seed=1).fit(SEEKERS, VACANCIES, [Feedback(1, "k", "hired"), Feedback(4, "o", "referred")])
    got = [s.seeker_id for s in model.rank_seekers("k", k=10)]
    assert set(got) == {1, 4}  # SD below SMA and the opted-out seeker are filtered
    assert model.rank_seekers("c") == []
    assert [s.seeker_id for s in model.rank_seekers("k", exclude=[1])] == [4]
    assert {s.seeker_id for s in model.rank_seekers("o", within=AREA + ("Cimone",))} == {2, 4}
    assert model.rank_vacancies(3) == []
    vac = [s.vacancy_id for s in model.rank_vacancies(2, k=10)]
    assert vac == ["o"]
    assert all(0 <= s.score <= 1 for s in model.rank_seekers("o"))
    with pytest.raises(KeyError):
        model.rank_seekers("missing")


def test_tfidf_ranks_by_text():
    model = BASELINES["tfidf"]().fit(SEEKERS, VACANCIES)
    assert model.rank_seekers("k")[0].seeker_id == 1
    assert model.rank_vacancies(4)[0].vacancy_id == "o"


def test_random_is_reproducible():
    a = BASELINES["random"](seed=2).fit(SEEKERS, VACANCIES)
    b = BASELINES["random"](seed=2).fit(SEEKERS, VACANCIES)
    assert a.rank_seekers("o") == b.rank_seekers("o")


@pytest.mark.parametrize("name", sorted(TEXT_BASELINES))
def test_text_baselines_rank_by_text_and_can_drop_the_filters(name):
    model = TEXT_BASELINES[name](filters=False).fit(SEEKERS, VACANCIES)
    assert model.rank_seekers("k")[0].seeker_id in (1, 2)
    assert 2 in {s.seeker_id for s in model.rank_seekers("k", k=10)}  # SD below SMA is no longer filtered
    assert model.rank_vacancies(4)[0].vacancy_id == "o"


@pytest.mark.parametrize("name", sorted(TEXT_BASELINES))
def test_filtered_baselines_apply_the_engines_licence_filter(name):
    seekers = [Seeker("c", desired_positions=("Driver",), certificates=("SIM C",)),
               Seeker("b1", desired_positions=("Driver",), certificates=("SIM B1 Umum",))]
    vacancies = [Vacancy("truck", "Driver Truk", description="Wajib SIM B1")]
    filtered = TEXT_BASELINES[name](filters=True).fit(seekers, vacancies)
    unfiltered = TEXT_BASELINES[name](filters=False).fit(seekers, vacancies)
    assert [s.seeker_id for s in filtered.rank_seekers("truck")] == ["b1"]
    assert filtered.rank_vacancies("c") == []
    assert {s.seeker_id for s in unfiltered.rank_seekers("truck")} == {"c", "b1"}
