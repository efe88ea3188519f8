"""Company profile and vacancies of an industry partner."""
from __future__ import annotations

import datetime as dt

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import joinedload

from ..core import labels
from ..core.timeutil import utcnow
from ..core.web import date_id, datetime_id
from ..extensions import db
from ..models import Company, Match, MatchEvent, SeekerProfile, Vacancy

VACANCY_FIELDS = ("title", "description", "skills", "certificates", "required_licences", "preferred_licences",
                  "education_min", "experience_years_min", "contract_type", "wage_min", "wage_max", "shift", "location",
                  "openings", "deadline")


def _same_name(old: str, new: str) -> bool:
    return " ".join((old or "").split()).casefold() == " ".join((new or "").split()).casefold()


def update_company(company: Company, data: dict) -> bool:
    """Saves the company's data; True when a verified company was renamed and so goes back to
    staff for verification (its vacancies leave the residents' lists until then)."""
    renamed = company.status == "verified" and not _same_name(company.name, data.get("name") or "")
    for name in ("name", "kbli_code", "address", "contact_name", "contact_phone", "contact_email"):
        setattr(company, name, data.get(name) or "")
    if renamed:
        company.status, company.verified_at, company.verified_by_id = "pending", None, None
    db.session.flush()
    return renamed


def _apply(vacancy: Vacancy, data: dict) -> None:
    for name in VACANCY_FIELDS:
        value = data.get(name)
        if name in ("education_min",):
            value = value or None
        if name == "experience_years_min":
            value = value or 0.0
        if name == "shift":
            value = value or ""
        if name in ("required_licences", "preferred_licences"):
            value = list(value or [])
        setattr(vacancy, name, value)


def create_vacancy(company: Company, data: dict) -> Vacancy:
    # Staff review every new vacancy before residents see it (app/vacancies/review.py).
    vacancy = Vacancy(company=company, kelurahan_id=company.kelurahan_id, status="review", skills=[], certificates=[],
                      required_licences=[], preferred_licences=[])
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


# --- lists as downloads (app/core/exports.py) -------------------------------------------------
# The employer's pages and their exports share the queries below; the table functions give what
# the page shows, as text, in the page's order.

# A final answer ends the employer's access to the resident after a while (employer_access).
FINAL_ANSWERS = ("refused", "withdrawn")


def employer_access():
    """The referrals an employer may still see, with the resident's phone and documents: those
    under way or hired, and a refusal or withdrawal for EMPLOYER_ACCESS_DAYS_AFTER_ANSWER days
    after it was recorded."""
    cutoff = utcnow() - dt.timedelta(days=current_app.config["EMPLOYER_ACCESS_DAYS_AFTER_ANSWER"])
    answered_at = (select(func.max(MatchEvent.at)).where(MatchEvent.match_id == Match.id,
                                                         MatchEvent.to_status == Match.status)
                   .correlate(Match).scalar_subquery())
    # A referral recorded without its history (older data) counts from its last change.
    return or_(Match.status.in_(("referred", "applied", "interview", "hired")),
               and_(Match.status.in_(FINAL_ANSWERS), func.coalesce(answered_at, Match.updated_at) >= cutoff))


def employer_may_see(match: Match) -> bool:
    return db.session.scalar(select(Match.id).where(Match.id == match.id, employer_access())) is not None


def vacancy_list(company: Company) -> tuple[list[Vacancy], dict[int, int]]:
    """The company's vacancies, open ones first, with the referrals waiting for an answer
    (employers.home)."""
    counts = dict(db.session.execute(
        select(Match.vacancy_id, func.count()).join(Vacancy)
        .where(Vacancy.company_id == company.id, Match.status.in_(("referred", "applied", "interview")))
        .group_by(Match.vacancy_id)
    ).all())
    vacancies = db.session.scalars(
        select(Vacancy).where(Vacancy.company_id == company.id).order_by(Vacancy.status != "open", Vacancy.created_at.desc())
    ).all()
    return vacancies, counts


def vacancy_table(vacancies: list[Vacancy], counts: dict[int, int]) -> tuple[list[str], list[list[object]]]:
    header = [_("Posisi"), _("Status"), _("Rujukan menunggu jawaban"), _("Batas lamaran")]
    return header, [[v.title, str(labels.VACANCY_STATUS.get(v.status, v.status)), counts.get(v.id, 0),
                     date_id(v.deadline)] for v in vacancies]


def referrals_of(vacancy: Vacancy) -> list:
    """The residents referred to one vacancy, latest first (employers.vacancy)."""
    return db.session.scalars(
        select(Match).where(Match.vacancy_id == vacancy.id, employer_access())
        .options(joinedload(Match.seeker).selectinload(SeekerProfile.experiences),
                 joinedload(Match.seeker).selectinload(SeekerProfile.documents))
        .order_by(Match.referred_at.desc())
    ).all()


def referral_table(matches: list) -> tuple[list[str], list[list[str]]]:
    """What the vacancy page shows of each referred resident. Without the resident's consent to
    share, only the name and the referral's status, as on the page (the other cells stay empty).
    Facts the page leaves out (no interview, not hired, no reason) are empty cells too."""
    header = [_("Nama"), _("Status"), _("Pendidikan"), _("Keterampilan"), _("Sertifikat"), _("Pengalaman"),
              _("No. HP"), _("CV"), _("Dirujuk"), _("Wawancara"), _("Mulai bekerja"), _("Alasan")]
    rows = []
    for m in matches:
        s = m.seeker
        row = [s.full_name, str(labels.MATCH_STATUS.get(m.status, m.status))]
        if s.consent_sharing:
            hired = ""
            if m.status == "hired":
                hired = " · ".join(p for p in (date_id(m.start_date), str(labels.CONTRACT.get(m.contract_type, "")),
                                               _("sampai %(d)s", d=date_id(m.contract_end_date))
                                               if m.contract_end_date else "") if p)
            row += [" ".join(p for p in (str(labels.EDUCATION.get(s.education, "–")), s.major or "") if p),
                    ", ".join(s.skills or []) or "–", ", ".join(s.certificates or []) or "–",
                    ", ".join(e.title + (f" ({e.employer})" if e.employer else "") for e in s.experiences) or "–",
                    s.phone or "–", ", ".join(d.original_name for d in s.documents),
                    datetime_id(m.referred_at), datetime_id(m.interview_at) if m.interview_at else "", hired,
                    str(labels.ALL_REASONS.get(m.reason_code, "")) if m.reason_code else ""]
        else:
            row += [""] * (len(header) - 2)
        rows.append(row)
    return header, rows
