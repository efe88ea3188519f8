"""What staff follow during and after a fair: counts (visitors, scans per booth, interviews) and
the booth records of their own kelurahan's residents, each linked to its referral."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import contains_eager, joinedload

from ..extensions import db
from ..models import Fair, FairPass, FairRecord, FairVisit, SeekerProfile, Vacancy


@dataclass(frozen=True)
class FairCounts:
    passes: int  # registered (online and at the door)
    at_door: int  # of which registered at the door
    visitors: int  # passes shown at one booth at least
    scans: int  # passes shown, booth by booth
    records: int  # applications recorded
    interviews: int  # of which interviewed on the spot or shortlisted


def fair_counts(fair: Fair) -> FairCounts:
    def scalar(query) -> int:
        return db.session.scalar(query) or 0

    passes = FairPass.fair_id == fair.id
    return FairCounts(
        passes=scalar(select(func.count()).select_from(FairPass).where(passes)),
        at_door=scalar(select(func.count()).select_from(FairPass).where(passes, FairPass.channel == "door")),
        visitors=scalar(select(func.count(distinct(FairVisit.pass_id))).join(FairPass).where(passes)),
        scans=scalar(select(func.count()).select_from(FairVisit).join(FairPass).where(passes)),
        records=scalar(select(func.count()).select_from(FairRecord).join(FairPass).where(passes)),
        interviews=scalar(select(func.count()).select_from(FairRecord).join(FairPass)
                          .where(passes, FairRecord.outcome != "applied")),
    )


def staff_records(fair: Fair, kelurahan_id: int, limit: int = 200) -> list[FairRecord]:
    """The booth records of the fair for residents of `kelurahan_id`, the latest first."""
    return list(db.session.scalars(
        select(FairRecord).join(FairRecord.fair_pass).join(SeekerProfile, SeekerProfile.id == FairPass.seeker_id)
        .where(FairPass.fair_id == fair.id, SeekerProfile.kelurahan_id == kelurahan_id)
        .options(contains_eager(FairRecord.fair_pass).contains_eager(FairPass.seeker),
                 joinedload(FairRecord.vacancy).joinedload(Vacancy.company), joinedload(FairRecord.match))
        .order_by(FairRecord.updated_at.desc(), FairRecord.id.desc()).limit(limit)))
