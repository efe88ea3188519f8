"""Hard filters: open vacancy, education minimum, opt-out, exclude, within."""
from matching import MatchEngine, Seeker, Vacancy

from .conftest import CIMONE, NJ


def ids(result):
    return [s.seeker_id for s in result]


def test_opt_out_never_appears(engine):
    for vid in ("v1", "v2", "v4", "v5"):
        assert 4 not in ids(engine.rank_seekers(vid, k=100))
    assert engine.rank_vacancies(4) == []


def test_closed_vacancy(engine):
    assert engine.rank_seekers("v3") == []
    for sid in (1, 2, "s6", "s8"):
        assert "v3" not in [s.vacancy_id for s in engine.rank_vacancies(sid, k=100)]


def test_education_minimum(engine):
    got = ids(engine.rank_seekers("v1", k=100))
    assert 3 not in got  # SD below SMA
    assert 1 in got
    assert "s6" in got  # unknown education is not excluded
    # the reverse direction filters the same way
    assert "v1" not in [s.vacancy_id for s in engine.rank_vacancies(3, k=100)]
    assert "v4" not in [s.vacancy_id for s in engine.rank_vacancies(1, k=100)]  # SMK below D3
    assert "v4" in [s.vacancy_id for s in engine.rank_vacancies("s7", k=100)]


def test_unknown_education_earns_no_credit(engine):
    sug = next(s for s in engine.rank_seekers("v1", k=100) if s.seeker_id == "s6")
    assert "education_meets" not in [r.code for r in sug.reasons]


def test_exclude(engine):
    assert 1 not in ids(engine.rank_seekers("v1", exclude=[1]))
    assert 1 not in ids(engine.rank_seekers("v1", exclude={1, "unknown"}))
    assert "v1" not in [s.vacancy_id for s in engine.rank_vacancies(1, exclude=("v1",))]


def test_within_area_prefix(engine):
    got = ids(engine.rank_seekers("v1", k=100, within=NJ))
    assert got and all(engine.seekers_[engine.seeker_index_[i]].area[:4] == NJ for i in got)
    got = ids(engine.rank_seekers("v1", k=100, within=CIMONE + ("RW 02",)))
    assert got == ["s6"]
    assert engine.rank_seekers("v1", within=("Jawa Barat",)) == []
    assert len(ids(engine.rank_seekers("v1", k=100, within=NJ[:1]))) >= len(ids(engine.rank_seekers("v1", k=100, within=NJ)))


def test_k_limits_and_zero(engine):
    assert len(engine.rank_seekers("v1", k=1)) == 1
    assert engine.rank_seekers("v1", k=0) == []
    assert engine.rank_vacancies(1, k=0) == []


def test_empty_inputs_give_empty_results():
    engine = MatchEngine().fit([], [])
    assert engine.n_feedback_ignored_ == 0
    engine = MatchEngine().fit([Seeker(1, desired_positions=("Kasir",))], [])
    assert engine.rank_vacancies(1) == []
    engine = MatchEngine().fit([], [Vacancy("v", "Kasir")])
    assert engine.rank_seekers("v") == []


def test_candidate_limit_keeps_filters():
    seekers = [Seeker(i, education="SMA" if i % 2 else "SD", desired_positions=("Operator Produksi",),
                      area=NJ + (f"RW {i % 7:02d}",), ranking_opt_out=(i % 5 == 0)) for i in range(200)]
    vac = [Vacancy("v", "Operator Produksi", education_min="SMA", area=NJ)]
    engine = MatchEngine(n_candidates=20).fit(seekers, vac)
    got = engine.rank_seekers("v", k=50, exclude=[1, 3], within=NJ + ("RW 03",))
    assert got
    for s in got:
        i = s.seeker_id
        assert i % 2 == 1 and i % 5 != 0 and i % 7 == 3 and i not in (1, 3)
