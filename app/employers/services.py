"""Company profile and vacancies of an industry partner."""
from __future__ import annotations

from ..extensions import db
from ..models import Company, Vacancy

VACANCY_FIELDS = ("title", "description", "skills", "certificates", "education_min", "experience_years_min",
                  "contract_type", "wage_min", "wage_max", "shift", "location", "openings", "deadline")


def update_company(company: Company, data: dict) -> None:
    for name in ("name", "kbli_code", "address", "contact_name", "contact_phone", "contact_email"):
        setattr(company, name, data.get(name) or "")
    db.session.flush()


def _apply(vacancy: Vacancy, data: dict) -> None:
    for name in VACANCY_FIELDS:
        value = data.get(name)
        if name in ("education_min",):
            value = value or None
        if name == "experience_years_min":
            value = value or 0.0
        if name == "shift":
            value = value or ""
        setattr(vacancy, name, value)


def create_vacancy(company: Company, data: dict) -> Vacancy:
    # Staff review every new vacancy before residents see it (app/vacancy_review.py).
    vacancy = Vacancy(company=company, kelurahan_id=company.kelurahan_id, status="review", skills=[], certificates=[])
    _apply(vacancy, data)
    db.session.add(vacancy)
    db.session.flush()
    return vacancy


def update_vacancy(vacancy: Vacancy, data: dict) -> None:
    _apply(vacancy, data)
    db.session.flush()


def close_vacancy(vacancy: Vacancy) -> None:
    """No new referrals; residents already referred can still be answered."""
    vacancy.status = "closed"
    db.session.flush()
