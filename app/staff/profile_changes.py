"""Staff correct a resident's data: every change is kept with the reason given (ProfileCorrection,
which the resident reads on their profile) and audited by id.

Identity (name, NIK, birth date, sex) follows the rule of the resident's own edit
(seekers.services.update_profile): a change takes a verified profile back to "menunggu
verifikasi". When the staff member confirms they checked the KTP, their change counts as their
verification instead. Functions flush and never commit."""
from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..auth.services import login_taken
from ..core import labels
from ..core.forms import ProfileFields
from ..core.timeutil import utcnow
from ..extensions import db
from ..models import DataRequest, ProfileCorrection, SeekerProfile, User
from ..privacy import services as privacy
from ..ranking.availability import set_status
from ..seekers.services import PROFILE_FIELDS, identity_changes, update_profile

EDITABLE = (*PROFILE_FIELDS, "status")
MASKED = ("nik",)  # kept in the history by the last four digits only


class PhoneTaken(ValueError):
    pass


CODED = {"sex": labels.SEX, "education": labels.EDUCATION, "status": labels.SEEKER_STATUS,
         "shifts": labels.SHIFT, "contract_wishes": labels.CONTRACT}


def _shown(name: str, value) -> str:
    """A value as the history keeps it: plain text, codes kept as codes (shown_value labels them in
    the reader's language), a NIK by its last four digits."""
    if value is None or value == "" or value == []:
        return "–"
    if name in MASKED:
        return "•" * 12 + str(value)[-4:]
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def shown_value(name: str, text: str) -> str:
    """A kept value in the reader's language (labels for codes)."""
    if name in CODED and text != "–":
        table = CODED[name]
        return ", ".join(str(table.get(part, part)) for part in text.split(", "))
    if name == "disability" and text in ("yes", "no"):
        return str(_l("ya")) if text == "yes" else str(_l("tidak"))
    return text


def _normal(name: str, value):
    """A submitted value as the profile would store it (seekers.services._apply)."""
    if name == "rt" and value:
        return value.zfill(3)
    if name == "disability":
        return True if value else None
    if name in ("skills", "certificates", "desired_positions", "shifts", "contract_wishes"):
        return list(value or [])
    return value


def _empty(value) -> bool:
    return value is None or value == "" or value == []


def pending_changes(seeker: SeekerProfile, data: dict) -> list[dict]:
    """[{"field", "old", "new"}] for each field `data` would change, values as text."""
    changes = []
    for name in EDITABLE:
        if name not in data:
            continue
        old, new = getattr(seeker, name), _normal(name, data[name])
        if name == "major" and data.get("education") in ("TS", "SD", "SMP", "SMA"):
            new = ""
        if (_empty(old) and _empty(new)) or old == new:
            continue
        changes.append({"field": name, "old": _shown(name, old), "new": _shown(name, new)})
    return changes


def field_label(name: str) -> str:
    """The label of a profile field, as the forms show it."""
    if name == "status":
        return str(_l("Status mencari kerja"))
    unbound = getattr(ProfileFields, name, None)
    return str(unbound.args[0]) if unbound is not None and unbound.args else name


def correct_profile(seeker: SeekerProfile, data: dict, actor: User, reason: str, *,
                    identity_checked: bool = False, data_request: DataRequest | None = None) -> ProfileCorrection | None:
    """Apply staff's corrections; None when nothing changed. Raises PhoneTaken when the new
    number is another account's login."""
    changes = pending_changes(seeker, data)
    if not changes:
        return None
    phone = data.get("phone") or ""
    if seeker.user is not None and phone != (seeker.phone or "") and seeker.user.phone == seeker.phone and phone:
        if login_taken(None, phone, exclude_id=seeker.user.id):
            raise PhoneTaken(phone)
        seeker.user.phone = phone  # the login follows the profile's number, as in the resident's own edit
    identity = identity_changes(seeker, data)
    update_profile(seeker, {k: v for k, v in data.items() if k in PROFILE_FIELDS})  # resets a verification
    if "status" in data:
        set_status(seeker, data["status"])
    if identity and identity_checked:
        seeker.verified_at, seeker.verified_by_id = utcnow(), actor.id
    correction = ProfileCorrection(seeker_id=seeker.id, actor_id=actor.id, reason=reason.strip()[:500],
                                   changes=changes, identity_checked=bool(identity and identity_checked),
                                   data_request_id=data_request.id if data_request else None)
    db.session.add(correction)
    if data_request is not None and data_request.status == "open":
        privacy.close_request(data_request, actor, "done", reason.strip())
    db.session.flush()
    return correction


def corrections_of(seeker: SeekerProfile, limit: int = 20) -> list[ProfileCorrection]:
    """The latest corrections staff made to the resident's data, newest first."""
    return db.session.scalars(select(ProfileCorrection).where(ProfileCorrection.seeker_id == seeker.id)
                              .order_by(ProfileCorrection.at.desc(), ProfileCorrection.id.desc()).limit(limit)).all()


def open_correction_request(seeker: SeekerProfile, request_id: int | None) -> DataRequest | None:
    """The resident's open "Perbaikan data" request being handled in the editor, if any."""
    if request_id is None:
        return None
    return db.session.scalar(select(DataRequest).where(
        DataRequest.id == request_id, DataRequest.seeker_id == seeker.id, DataRequest.kind == "correction",
        DataRequest.status == "open"))
