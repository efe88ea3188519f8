"""Personal data duties under UU PDP: a copy for the resident, requests with a 3×24-hour due
date, anonymisation that keeps statistics, retention, key rotation and the breach register."""
from __future__ import annotations

import datetime as dt

from flask import current_app
from sqlalchemy import delete, event, or_, select, update
from sqlalchemy.orm import Session

from ..core.crypto import decrypt_nik, encrypt_nik, nik_hash
from ..core.forms import normalise_phone
from ..core.timeutil import utcnow
from ..core.uploads import delete_document
from ..extensions import db
from ..models import (
    AuditLog,
    Breach,
    Company,
    DataRequest,
    FairPass,
    FairVisit,
    Match,
    MatchEvent,
    Outbox,
    ProfileCorrection,
    RateLimit,
    SeekerDocument,
    SeekerProfile,
    User,
)
from ..referrals.reminders import forget_seeker

ANONYMISED_NAME = "Warga (data dihapus)"
REDACTED = "[dihapus]"
ERASED = "lokerwarga.erased"  # key in Session.info: commit, then checkpoint the SQLite WAL


def export_seeker(seeker: SeekerProfile) -> dict:
    """Everything held about one resident, in plain JSON types."""
    def when(value):
        return value.isoformat() if value else None

    return {
        "profil": {
            "nama": seeker.full_name, "nik": seeker.nik, "tanggal_lahir": when(seeker.birth_date),
            "jenis_kelamin": seeker.sex, "alamat": seeker.address, "rt": seeker.rt, "rw": seeker.rw,
            "kelurahan": seeker.kelurahan.name, "no_hp": seeker.phone, "pendidikan": seeker.education,
            "jurusan": seeker.major, "keterampilan": list(seeker.skills or []),
            "sertifikat": list(seeker.certificates or []), "pekerjaan_diinginkan": list(seeker.desired_positions or []),
            "shift": list(seeker.shifts or []), "kontrak": list(seeker.contract_wishes or []),
            "gaji_diharapkan": seeker.expected_wage, "tentang": seeker.about, "disabilitas": seeker.disability,
            "status": seeker.status, "terverifikasi": when(seeker.verified_at), "dibuat": when(seeker.created_at),
            "kartu_ak1": {"nomor": seeker.ak1_number, "berlaku_sampai": when(seeker.ak1_valid_until),
                          "terakhir_lapor": when(seeker.ak1_last_report)} if seeker.ak1_number else None,
        },
        "akun": {"email": seeker.user.email, "no_hp": seeker.user.phone} if seeker.user else None,
        "pengalaman": [{"jabatan": e.title, "tempat": e.employer, "tahun": e.years, "tugas": e.description}
                       for e in seeker.experiences],
        "persetujuan": [{"tujuan": c.purpose, "setuju": c.granted, "versi_teks": c.text_version, "waktu": when(c.at)}
                        for c in seeker.consents],
        "rujukan_dan_saran": [
            {"lowongan": m.vacancy.title, "perusahaan": m.vacancy.company.name, "status": m.status,
             "skor": m.score, "versi_model": m.model_version, "alasan": m.reasons,
             "riwayat": [{"ke": e.to_status, "alasan": e.reason_code, "waktu": when(e.at)} for e in m.events]}
            for m in db.session.scalars(select(Match).where(Match.seeker_id == seeker.id))
        ],
        "dokumen": [{"nama": d.original_name, "ukuran": d.size, "diunggah": when(d.uploaded_at)}
                    for d in db.session.scalars(select(SeekerDocument).where(SeekerDocument.seeker_id == seeker.id))],
        # Job fairs: each pass, and the companies it was shown to (the consent to share with each).
        "bursa_kerja": [
            {"bursa": p.fair.name, "kode_kartu": p.code, "terdaftar": when(p.registered_at),
             "dibagikan_ke": [{"perusahaan": company, "waktu": when(at)} for company, at in db.session.execute(
                 select(Company.name, FairVisit.at).join(FairVisit, FairVisit.company_id == Company.id)
                 .where(FairVisit.pass_id == p.id).order_by(FairVisit.at))]}
            for p in db.session.scalars(select(FairPass).where(FairPass.seeker_id == seeker.id).order_by(FairPass.id))
        ],
    }


def open_request(seeker: SeekerProfile, kind: str, detail: str) -> DataRequest:
    hours = current_app.config["DATA_REQUEST_HOURS"]
    request = DataRequest(seeker=seeker, kelurahan_id=seeker.kelurahan_id, kind=kind, detail=detail[:5000],
                          due_at=utcnow() + dt.timedelta(hours=hours))
    db.session.add(request)
    db.session.flush()
    return request


def close_request(request: DataRequest, actor: User, status: str, response: str) -> None:
    request.status = status
    request.response = response[:5000]
    request.handled_at = utcnow()
    request.handled_by_id = actor.id
    db.session.flush()


def _identifiers(seeker: SeekerProfile) -> list[str]:
    """What identifies the resident as written in free text: name, NIK, phone numbers, email."""
    values = [seeker.full_name if seeker.full_name != ANONYMISED_NAME else "", seeker.phone]
    if seeker.nik_ciphertext:
        values.append(seeker.nik)
    if seeker.user is not None:
        values += [seeker.user.email or "", seeker.user.phone or ""]
    values += [normalise_phone(v) for v in values if v and v[0] in "+0123456789"]
    return sorted({v.strip() for v in values if v and len(v.strip()) >= 4}, key=len, reverse=True)


def _redact(text: str, identifiers: list[str]) -> str:
    for value in identifiers:
        text = text.replace(value, REDACTED)
    return text


def _forget_traces(seeker: SeekerProfile, identifiers: list[str]) -> None:
    """What others wrote about the resident, messages to or about them, and throttles keyed by
    their login."""
    match_ids = select(Match.id).where(Match.seeker_id == seeker.id).scalar_subquery()
    db.session.execute(update(MatchEvent).where(MatchEvent.match_id.in_(match_ids), MatchEvent.note != "")
                       .values(note=""), execution_options={"synchronize_session": False})
    for data_request in db.session.scalars(select(DataRequest).where(DataRequest.seeker_id == seeker.id)):
        data_request.detail = ""
        data_request.response = _redact(data_request.response or "", identifiers)
    if not identifiers:
        return
    about = or_(Outbox.recipient.in_(identifiers),
                *(column.contains(value, autoescape=True) for value in identifiers
                  for column in (Outbox.subject, Outbox.body)))
    for message in db.session.scalars(select(Outbox).where(about)):
        if message.sent_at is None:
            db.session.delete(message)  # not sent yet: never sent
        else:  # the record that a message went out stays, without whom it named
            message.recipient = REDACTED if message.recipient in identifiers else message.recipient
            message.subject = _redact(message.subject, identifiers)
            message.body = _redact(message.body, identifiers)
    logins = [value.lower() for value in identifiers if "@" in value or value[0] in "+0123456789"]
    if logins:
        db.session.execute(delete(RateLimit).where(or_(*(RateLimit.key.contains(v, autoescape=True) for v in logins))),
                           execution_options={"synchronize_session": False})


def anonymise_seeker(seeker: SeekerProfile) -> None:
    """Keep what statistics need (kelurahan, RW, education, sex, birth year, outcomes); remove
    what identifies the person. The account is closed and its files deleted, notes and requests
    about the person are scrubbed, unsent messages dropped. On SQLite the commit that follows
    also checkpoints the write-ahead log (with secure_delete on, old copies of the rows are
    zeroed in the database file; the checkpoint clears them from the log)."""
    _forget_traces(seeker, _identifiers(seeker))
    seeker.full_name = ANONYMISED_NAME
    seeker.nik_ciphertext = b""
    seeker.nik_hash = f"deleted:{seeker.id}"
    seeker.birth_date = dt.date(seeker.birth_date.year, 1, 1)
    seeker.address = seeker.rt = seeker.phone = seeker.about = seeker.major = ""
    seeker.skills, seeker.certificates, seeker.desired_positions = [], [], []
    seeker.expected_wage = None
    seeker.disability = None
    seeker.ak1_number = seeker.ak1_valid_until = seeker.ak1_last_report = None
    seeker.status = "inactive"
    seeker.consent_sharing = seeker.consent_ranking = False
    for entry in list(seeker.experiences):
        db.session.delete(entry)
    for document in db.session.scalars(select(SeekerDocument).where(SeekerDocument.seeker_id == seeker.id)):
        delete_document(document)
    if seeker.user is not None:
        user = seeker.user
        user.email = user.phone = None
        user.name = ANONYMISED_NAME
        user.password_hash = user.claim_code_hash = None
        user.active = False
        user.session_version += 1
    for match in db.session.scalars(select(Match).where(Match.seeker_id == seeker.id, Match.status == "suggested")):
        db.session.delete(match)

    # Staff's corrections hold old and new values of the person's data.
    db.session.execute(delete(ProfileCorrection).where(ProfileCorrection.seeker_id == seeker.id))
    forget_seeker(seeker)  # reminders and the notes staff wrote on them
    db.session.flush()
    db.session.info[ERASED] = True


@event.listens_for(Session, "after_commit")
def _checkpoint_after_erasure(session: Session) -> None:
    if not session.info.pop(ERASED, False) or db.engine.dialect.name != "sqlite":
        return
    connection = db.engine.raw_connection()  # outside any transaction: a checkpoint cannot run in one
    try:
        connection.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


@event.listens_for(Session, "after_rollback")
def _no_checkpoint_after_rollback(session: Session) -> None:
    session.info.pop(ERASED, None)


def inactive_seekers(days: int) -> list[SeekerProfile]:
    """Profiles untouched for `days`, whose owner has not logged in either, and not yet anonymised."""
    cutoff = utcnow() - dt.timedelta(days=days)
    return db.session.scalars(
        select(SeekerProfile).outerjoin(User, User.id == SeekerProfile.user_id)
        .where(SeekerProfile.updated_at < cutoff, SeekerProfile.full_name != ANONYMISED_NAME,
               or_(User.id.is_(None), User.last_login_at.is_(None), User.last_login_at < cutoff))
    ).all()


def rotate_nik_keys() -> int:
    """Re-encrypt every NIK with the newest key and recompute the look-up hash with the current
    HMAC key. The caller has already put the new keys first in the configuration."""
    count = 0
    for seeker in db.session.scalars(select(SeekerProfile).where(SeekerProfile.nik_ciphertext != b"")):
        nik = decrypt_nik(seeker.nik_ciphertext)
        seeker.nik_ciphertext = encrypt_nik(nik)
        seeker.nik_hash = nik_hash(nik)
        count += 1
    db.session.flush()
    return count


def record_breach(*, discovered_at: dt.datetime, description: str, data_affected: str, people_affected: int,
                  actor: User) -> Breach:
    breach = Breach(discovered_at=discovered_at, description=description, data_affected=data_affected,
                    people_affected=people_affected, notify_by=discovered_at + dt.timedelta(hours=72),
                    recorded_by_id=actor.id)
    db.session.add(breach)
    db.session.flush()
    return breach


def search_audit(*, actor: str = "", action: str = "", object_type: str = "", limit: int = 200):
    query = select(AuditLog, User).outerjoin(User, User.id == AuditLog.actor_id).order_by(AuditLog.id.desc())
    if actor:
        query = query.where(or_(User.email.ilike(f"%{actor}%"), User.name.ilike(f"%{actor}%")))
    if action:
        query = query.where(AuditLog.action == action)
    if object_type:
        query = query.where(AuditLog.object_type == object_type)
    return db.session.execute(query.limit(limit)).all()


