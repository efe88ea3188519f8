"""Who may appear in suggestion lists: residents who are looking for work.

A resident recorded as working (hired through a referral, set by staff, or confirmed at a
follow-up) or inactive drops out of every list at once: of the engine's rankings (passed as
`exclude`, so the engine's rule stays "hard requirements only") and of the stored suggestions the
pages read (`listable`), whatever the engine last stored. They come back when a follow-up records
"tidak bekerja lagi", when staff set them looking again, or when they say so themselves.
This is the app's rule, not the engine's: matching/ knows nothing of it."""
from __future__ import annotations

from sqlalchemy import select

from ..extensions import db
from ..models import SeekerProfile

LOOKING = "looking"


def is_available(profile: SeekerProfile) -> bool:
    return profile.status == LOOKING


def listable():
    """SQL condition on SeekerProfile: the resident may appear in a suggestion list."""
    return SeekerProfile.status == LOOKING


def unavailable_seeker_ids() -> list[int]:
    """Residents the engine must leave out of its rankings (its `exclude`)."""
    return list(db.session.scalars(select(SeekerProfile.id).where(SeekerProfile.status != LOOKING)))


def set_status(profile: SeekerProfile, status: str) -> bool:
    """Record the resident as looking, working or inactive (flushes); True when it changed. The
    caller refreshes the resident's suggestions (ranking.refresh_seeker) when it did."""
    if profile.status == status:
        return False
    profile.status = status
    db.session.flush()
    return True
