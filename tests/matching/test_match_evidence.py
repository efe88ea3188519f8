"""Evidence before proximity: living nearby ranks among people who do this kind of work, and a
vacancy whose area is the whole city is not local to everyone."""
from matching import Experience, MatchEngine, Seeker, Vacancy

CITY = ("Banten", "Kota Tangerang")
NJ = CITY + ("Karawaci", "Nusa Jaya")
FAR = CITY + ("Periuk", "Gembor")


def test_area_never_lifts_a_resident_without_evidence_above_one_with_some():
    seekers = [
        Seeker("near_nothing", education="SMA", area=NJ, expected_wage=4_000_000, shifts=("pagi",)),
        Seeker("near_other_job", education="SMA", desired_positions=("Kasir",), area=NJ, shifts=("pagi",)),
        Seeker("far_operator", education="SMA", desired_positions=("Operator Produksi",), area=FAR),
    ]
    v = Vacancy("v", "Operator Produksi", education_min="SMA", area=NJ, wage_max=5_000_000, shifts=("pagi",))
    ranked = [s.seeker_id for s in MatchEngine().fit(seekers, [v]).rank_seekers("v")]
    assert ranked[0] == "far_operator"
    assert "near_nothing" not in ranked  # a name, an education and an address are not a match


def test_evidence_first_then_area():
    seekers = [Seeker("far", desired_positions=("Operator Produksi",), area=FAR),
               Seeker("near", desired_positions=("Operator Produksi",), area=NJ)]
    v = Vacancy("v", "Operator Produksi", area=NJ)
    assert [s.seeker_id for s in MatchEngine().fit(seekers, [v]).rank_seekers("v")] == ["near", "far"]


def test_a_city_wide_vacancy_does_not_outrank_a_local_one_for_being_everywhere():
    s = Seeker("s", desired_positions=("Operator Produksi",), area=NJ)
    local = Vacancy("local", "Operator Produksi", area=NJ)
    city = Vacancy("city", "Operator Produksi", area=CITY)
    engine = MatchEngine().fit([s], [city, local])
    ranked = engine.rank_vacancies("s")
    assert [x.vacancy_id for x in ranked] == ["local", "city"]
    assert ranked[0].score > ranked[1].score


def test_experience_reason_names_the_related_job_only():
    s = Seeker("s", desired_positions=("Operator Produksi",),
               experience=(Experience("Satpam", 8.0), Experience("Opr produksi", 1.5)))
    v = Vacancy("v", "Operator Produksi", experience_years_min=1)
    reasons = {r.code: r.params for r in MatchEngine().fit([s], [v]).explain("s", "v").reasons}
    assert reasons["experience"]["years"] == 1.5 and reasons["experience"]["jobs"] == ("Opr produksi",)


def test_a_near_occupation_ranks_below_an_adjacent_one_and_above_none():
    # 9329 factory helper is adjacent to 8189 production operator, which is adjacent to 8160 food
    # production operator: "buruh pabrik" is near the food-production vacancy, not adjacent.
    seekers = [Seeker("near", desired_positions=("Buruh pabrik",)),
               Seeker("adjacent", desired_positions=("Operator produksi",)),
               Seeker("none", desired_positions=("Guru TK",))]
    v = Vacancy("v", "Operator Produksi Makanan")
    engine = MatchEngine().fit(seekers, [v])
    ranked = engine.rank_seekers("v")
    assert [s.seeker_id for s in ranked] == ["adjacent", "near"]
    near = {r.code: r for r in ranked[1].reasons}
    assert near["occupation_related"].params["matched_code"] == "9329"


def test_near_occupation_years_are_not_experience():
    s = Seeker("s", desired_positions=("Buruh pabrik",), experience=(Experience("Buruh pabrik", 4.0),))
    v = Vacancy("v", "Operator Produksi Makanan", experience_years_min=2)
    reasons = {r.code: r.params for r in MatchEngine().fit([s], [v]).explain("s", "v").reasons}
    assert "experience" not in reasons
    assert reasons["experience_short"]["years"] == 0.0


def test_the_vacancy_own_title_ranks_above_another_title_of_its_unit_group():
    # Steward and Cook Helper are both KBJI 9412 (kitchen helpers); a steward vacancy wants the first.
    seekers = [Seeker("cook_helper", desired_positions=("Cook helper",)),
               Seeker("dishwasher", desired_positions=("Tukang cuci piring",))]
    v = Vacancy("v", "Steward")
    ranked = MatchEngine().fit(seekers, [v]).rank_seekers("v")
    assert [s.seeker_id for s in ranked] == ["dishwasher", "cook_helper"]
    assert all(s.reasons[0].code == "occupation_same" for s in ranked)
