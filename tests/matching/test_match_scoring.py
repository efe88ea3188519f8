"""Scores, reasons and text handling."""
import json

import numpy as np

from matching import CONCERN_CODES, REASON_PARAMS, Experience, MatchEngine, Seeker, Vacancy

from .conftest import NJ


def test_scores_sorted_in_unit_interval(engine):
    for vid in ("v1", "v2", "v4", "v5"):
        result = engine.rank_seekers(vid, k=100)
        scores = [s.score for s in result]
        assert scores == sorted(scores, reverse=True)
        assert all(0 < x <= 1 for x in scores)
    for sid in (1, 2, "s6", "s7", "s8"):
        scores = [s.score for s in engine.rank_vacancies(sid, k=100)]
        assert scores == sorted(scores, reverse=True)


def test_best_match_first(engine):
    assert engine.rank_seekers("v1")[0].seeker_id == 1
    assert engine.rank_seekers("v2")[0].seeker_id == 2
    assert engine.rank_vacancies(1)[0].vacancy_id == "v1"
    assert engine.rank_vacancies("s8")[0].vacancy_id == "v5"  # "Cook" meets "Juru Masak" via synonyms


def test_reason_shares_and_params(engine):
    for vid in ("v1", "v2", "v4", "v5"):
        for sug in engine.rank_seekers(vid, k=100):
            assert sug.reasons
            assert abs(sum(r.share for r in sug.reasons if r.share > 0) - 1) < 1e-6
            assert all((r.share < 0) == (r.code in CONCERN_CODES) for r in sug.reasons)
            shares = [r.share for r in sug.reasons]
            assert shares == sorted(shares, reverse=True)
            for r in sug.reasons:
                assert set(r.params) == set(REASON_PARAMS[r.code]), r
                json.dumps(r.params)
                assert str(r)


def test_reasons_are_true(engine, seekers, vacancies):
    by_s = {s.id: s for s in seekers}
    by_v = {v.id: v for v in vacancies}
    for vid in ("v1", "v2", "v4", "v5"):
        v = by_v[vid]
        for sug in engine.rank_seekers(vid, k=100):
            s = by_s[sug.seeker_id]
            for r in sug.reasons:
                p = r.params
                if r.code == "skills_overlap":
                    assert set(p["matched"]) <= set(v.skills) and p["n_required"] == len(v.skills)
                    assert s.skills or s.certificates
                elif r.code == "certificates":
                    assert set(p["matched"]) <= set(v.certificates)
                elif r.code == "title_match":
                    assert p["matched"] in s.desired_positions and p["title"] == v.title
                elif r.code == "experience_title":
                    assert p["matched"] in [e.title for e in s.experience]
                elif r.code == "same_area":
                    assert tuple(p["levels"]) == s.area[: p["depth"]] == v.area[: p["depth"]]
                    assert p["depth"] > 0
                elif r.code == "education_meets":
                    assert s.education is not None and v.education_min is not None
                elif r.code == "experience":
                    assert p["years"] == sum(e.years for e in s.experience) > 0
                elif r.code == "wage_fit":
                    assert s.expected_wage is not None
                elif r.code == "shift_fit":
                    assert set(p["shifts"]) <= set(v.shifts)
                elif r.code == "major_fit":
                    assert p["major"] == s.major and p["keywords"]
                elif r.code == "related_field":
                    assert 0 < p["similarity"] <= 1
                elif r.code == "resident_interested":
                    assert (s.id, v.id) == (1, "v1")
                elif r.code == "wage_above_offer":
                    assert s.expected_wage > (v.wage_max or v.wage_min)
                elif r.code == "shift_conflict":
                    assert p["shifts"] and not set(p["shifts"]) & set(s.shifts)
                elif r.code == "overqualified":
                    assert s.education and v.education_min


def test_reason_params_name_what_matched(engine):
    """What the app words into sentences ("3 dari 4 keterampilan cocok: las, bubut, gambar teknik")."""
    top = engine.rank_seekers("v1")[0]
    params = {r.code: r.params for r in top.reasons}
    assert params["skills_overlap"] == {"matched": ("las", "bubut", "gambar teknik"), "n_matched": 3, "n_required": 4}
    assert params["education_meets"] == {"education": "SMK", "major": "Teknik Mesin", "minimum": "SMA"}
    assert params["same_area"]["area"].startswith("Nusa Jaya, Karawaci")
    assert params["experience"] == {"years": 3.0, "minimum": 2.0, "jobs": ("Operator Mesin Bubut",)}


def test_missing_data_gives_no_credit():
    vac = [Vacancy("v", "Operator Produksi", skills=("las",), education_min="SMA", experience_years_min=1,
                   area=NJ, wage_min=4e6, wage_max=5e6, shifts=("pagi",))]
    empty = Seeker("empty")
    engine = MatchEngine().fit([empty], vac)
    assert engine.rank_seekers("v") == []  # nothing in common: not a suggestion
    F = engine._features(np.array([0]), np.array([0]))
    assert (F == 0).all()
    # and an empty vacancy gives a full profile no credit either
    full = Seeker("full", education="SMA", skills=("las",), desired_positions=("Operator",), area=NJ,
                  expected_wage=4e6, shifts=("pagi",), experience=(Experience("Operator", 2),))
    engine = MatchEngine().fit([full], [Vacancy("bare", "")])
    assert engine.rank_seekers("bare") == []


def test_abbreviations_and_typos_match():
    seekers = [Seeker("abbr", desired_positions=("opr prod",)),
               Seeker("typo", desired_positions=("operator produksii",)),
               Seeker("other", desired_positions=("kasir",))]
    vac = [Vacancy("v", "Operator Produksi"), Vacancy("g", "Admin Gudang")]
    engine = MatchEngine().fit(seekers + [Seeker("adm", desired_positions=("adm gdg",))], vac)
    got = [s.seeker_id for s in engine.rank_seekers("v")]
    assert got[:2] == ["abbr", "typo"] or got[:2] == ["typo", "abbr"]
    assert "other" not in got
    assert engine.rank_seekers("g")[0].seeker_id == "adm"


def test_english_text():
    seekers = [Seeker("en", desired_positions=("Warehouse Staff",), skills=("forklift driving",)),
               Seeker("id", desired_positions=("Kasir",))]
    engine = MatchEngine().fit(seekers, [Vacancy("v", "Staff Gudang", skills=("forklift",))])
    assert engine.rank_seekers("v")[0].seeker_id == "en"


def test_non_latin_and_very_long_text():
    long_about = "operator produksi " * 20000 + "x" * 100000
    seekers = [Seeker("zh", desired_positions=("工厂操作员",), about="我会焊接"),
               Seeker("ar", desired_positions=("عامل مستودع",)),
               Seeker("long", about=long_about, skills=("las " * 1000,)),
               Seeker("emoji", desired_positions=("🙂🙂",))]
    vac = [Vacancy("zh", "工厂操作员"), Vacancy("v", "Operator Produksi", description="y" * 200000)]
    engine = MatchEngine().fit(seekers, vac)
    assert engine.rank_seekers("zh")[0].seeker_id == "zh"
    assert "long" in [s.seeker_id for s in engine.rank_seekers("v")]
    assert engine.rank_vacancies("emoji") == [] or all(s.score > 0 for s in engine.rank_vacancies("emoji"))


def test_update_adds_and_replaces(engine):
    engine.update(seekers=[Seeker("new", education="SMK", desired_positions=("Kasir",), skills=("kasir",), area=NJ)])
    assert "new" in [s.seeker_id for s in engine.rank_seekers("v2")]
    assert engine.rank_vacancies("new")[0].vacancy_id == "v2"
    # replacing a record by id: the old version disappears
    engine.update(seekers=[Seeker("new", desired_positions=("Koki",), ranking_opt_out=True)])
    assert "new" not in [s.seeker_id for s in engine.rank_seekers("v2", k=100)]
    engine.update(vacancies=[Vacancy("v2", "Kasir Minimarket", open=False)])
    assert engine.rank_seekers("v2") == []
    engine.update(vacancies=[Vacancy("v9", "Kasir Toko", skills=("kasir",), area=NJ)])
    assert engine.rank_seekers("v9")[0].seeker_id == 2


def test_update_many_rows_folds_into_base(engine):
    many = [Seeker(f"m{i}", desired_positions=("Operator Produksi",), area=NJ) for i in range(2100)]
    engine.update(seekers=many[:1000])
    engine.update(seekers=many[1000:])
    assert len(engine.rank_seekers("v1", k=3000)) > 2000
    assert engine.rank_vacancies("m2099")[0].vacancy_id == "v1"


def test_update_with_deeper_area(engine):
    deep = NJ + ("RW 05", "RT 002", "Blok A")
    engine.update(seekers=[Seeker("deep", desired_positions=("Kasir",), area=deep)],
                  vacancies=[Vacancy("vd", "Kasir", area=deep)])
    top = engine.rank_seekers("vd", within=deep)
    assert [s.seeker_id for s in top] == ["deep"]
    area = next(r for r in top[0].reasons if r.code == "same_area")
    assert area.params["depth"] == 7 and area.params["area"] == "Blok A, RT 002"


def test_explain_pair(engine):
    sug = engine.explain(3, "v1")  # filtered out of rankings (SD < SMA) but still explainable
    assert sug.seeker_id == 3 and 0 <= sug.score <= 1


def test_stated_conflicts_lower_the_score_but_missing_data_does_not():
    vac = [Vacancy("v", "Operator Produksi", wage_min=4_000_000, wage_max=5_000_000, shifts=("malam",), area=NJ)]
    base = dict(desired_positions=("Operator Produksi",), area=NJ)
    seekers = [Seeker("silent", **base),
               Seeker("greedy", expected_wage=9_000_000, **base),
               Seeker("day_only", shifts=("pagi",), **base)]
    engine = MatchEngine().fit(seekers, vac)
    got = {s.seeker_id: s for s in engine.rank_seekers("v")}
    assert got["silent"].score > got["greedy"].score
    assert got["silent"].score > got["day_only"].score
    concern = got["greedy"].reasons[-1]
    assert concern.code == "wage_above_offer" and concern.share < 0
    assert concern.params == {"expected": 9_000_000, "wage_min": 4_000_000, "wage_max": 5_000_000}
    conflict = got["day_only"].reasons[-1]
    assert conflict.code == "shift_conflict" and conflict.params["shifts"] == ("malam",)
    assert not [r for r in got["silent"].reasons if r.share < 0]
