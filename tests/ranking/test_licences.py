"""A vacancy's explicit licences reach the engine: required ones filter, preferred ones do not."""
import datetime as dt

from sqlalchemy import select

from app.extensions import db
from app.models import Match
from app.ranking import refresh_vacancy, to_vacancy


def _suggested(vacancy) -> set[int]:
    return set(db.session.scalars(select(Match.seeker_id).where(Match.vacancy_id == vacancy.id)))


def test_adapter_passes_the_codes(world):
    world.vacancy.required_licences = ["SIM_B1_UMUM"]
    world.vacancy.preferred_licences = ["SIO_FORKLIFT", "K3"]
    record = to_vacancy(world.vacancy)
    assert record.required_licences == ("SIM_B1_UMUM",)
    assert record.preferred_licences == ("SIO_FORKLIFT", "K3")


def test_a_required_licence_filters_residents_without_it(world, make):
    holder = make.seeker(world.nj, name="Joko Susilo", birth=dt.date(1995, 3, 3), certificates=["SIM B1 Umum"])
    higher = make.seeker(world.nj, name="Andi Wijaya", birth=dt.date(1993, 6, 6), certificates=["SIM B2 Umum"])
    refresh_vacancy(world.vacancy)
    assert {world.seeker.id, holder.id, higher.id} <= _suggested(world.vacancy)

    world.vacancy.required_licences = ["SIM_B1_UMUM"]
    refresh_vacancy(world.vacancy)
    suggested = _suggested(world.vacancy)
    assert world.seeker.id not in suggested  # holds K3 Umum only
    assert holder.id in suggested and higher.id in suggested  # B2 Umum covers B1 Umum


def test_a_preferred_licence_does_not_filter(world, make):
    holder = make.seeker(world.nj, name="Joko Susilo", birth=dt.date(1995, 3, 3), certificates=["SIO Forklift"])
    world.vacancy.preferred_licences = ["SIO_FORKLIFT"]
    refresh_vacancy(world.vacancy)
    assert {world.seeker.id, holder.id} <= _suggested(world.vacancy)


def test_an_edit_of_the_licences_reaches_the_suggestions_after_review(client, auth, world, make):
    holder = make.seeker(world.nj, name="Joko Susilo", birth=dt.date(1995, 3, 3), certificates=["SIM B1 Umum"])
    refresh_vacancy(world.vacancy)
    assert {world.seeker.id, holder.id} <= _suggested(world.vacancy)
    auth.login("hrd@test.id")
    v = world.vacancy
    client.post(f"/employer/vacancies/{v.id}/edit", data={
        "title": v.title, "description": v.description, "skills": ", ".join(v.skills), "education_min": v.education_min,
        "contract_type": v.contract_type, "shift": v.shift, "location": v.location, "openings": str(v.openings),
        "wage_min": str(v.wage_min), "wage_max": str(v.wage_max), "deadline": v.deadline.isoformat(),
        "required_licences": ["SIM_B1_UMUM"]})
    db.session.refresh(v)
    assert v.required_licences == ["SIM_B1_UMUM"] and v.status == "review"
    assert _suggested(v) == set()  # out of the residents' lists while staff look at it
    auth.logout()
    auth.login("petugas@test.id")
    assert client.post(f"/staff/vacancies/{v.id}/review/publish").status_code == 303
    suggested = _suggested(v)
    assert holder.id in suggested and world.seeker.id not in suggested
