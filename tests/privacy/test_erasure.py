"""An approved deletion leaves no trace of the resident: not in any table, and (SQLite) not in
the bytes of the database file or its write-ahead log."""
import datetime as dt
from pathlib import Path

from sqlalchemy import select

from app.core import uploads
from app.core.outbox import queue_email
from app.core.timeutil import utcnow
from app.employers.answer_links import queue_referral_notice
from app.extensions import db
from app.models import DataRequest, Match, MatchEvent, Outbox, Reminder, Role
from app.referrals import services as referrals
from app.referrals.notices import notify_resident
from tests.factories import make_nik

NAME = "Zulkarnaen Wiratmaja Purbaya"
EMAIL = "zulkarnaen.purbaya@contoh.id"
PHONE = "081299887766"
BIRTH = dt.date(1997, 8, 14)
NIK = make_nik(BIRTH, "L", serial=7319)


def _resident_with_history(client, auth, world, make):
    user = make.user(Role.SEEKER, EMAIL, kelurahan=world.nj, phone=PHONE, name=NAME)
    seeker = make.seeker(world.nj, name=NAME, birth=BIRTH, user=user, nik=NIK, phone=PHONE,
                         address="Jl. Kenanga Ungu 17")
    world.company.contact_email = "hrd.sinar@contoh.id"
    match = Match(seeker=seeker, vacancy=world.vacancy, status="suggested", reasons=[])
    db.session.add(match)
    db.session.flush()
    referrals.refer(match, world.staff)
    queue_referral_notice(match)  # to the employer, naming the resident: not sent yet
    notify_resident(match)  # to the resident: not sent yet
    sent = queue_email(EMAIL, f"Halo {NAME}", f"Rujukan untuk {NAME} ({PHONE}).")
    sent.sent_at = utcnow()
    event = db.session.scalar(select(MatchEvent).where(MatchEvent.match_id == match.id))
    event.note = f"Rumah {NAME} di Jl. Kenanga Ungu 17, HP {PHONE}"
    db.session.add(Reminder(key=f"follow_up_1:{match.id}", kind="follow_up_1", kelurahan_id=world.nj.id,
                            match=match, due_on=dt.date.today(), note=f"Telepon {NAME} di {PHONE}"))
    uploads.save_document(seeker, "cv.pdf", b"%PDF-1.4 " + NAME.encode())
    db.session.commit()
    auth.login(EMAIL, "salah-sekali")  # a failed login: a throttle keyed by the email
    auth.login(EMAIL)
    client.post("/me/data/request", data={"req-kind": "correction", "req-detail": f"Nama saya {NAME}, HP {PHONE}"})
    client.post("/me/data/request", data={"req-kind": "deletion", "req-detail": f"Hapus data {NAME}, NIK {NIK}"})
    auth.logout()
    return seeker


def _all_values():
    for table in db.metadata.sorted_tables:
        for row in db.session.execute(table.select()):
            for value in row:
                yield table.name, value
    db.session.commit()


def test_erasure_leaves_no_trace_in_any_table_or_file(client, auth, world, make):
    seeker = _resident_with_history(client, auth, world, make)
    seeker_id = seeker.id
    identifiers = [NAME, NIK, PHONE, EMAIL]
    assert any(isinstance(v, str) and NAME in v for _t, v in _all_values())  # the history is there

    deletion_id = db.session.scalar(select(DataRequest.id).where(DataRequest.seeker_id == seeker_id,
                                                                 DataRequest.kind == "deletion"))
    db.session.commit()
    db.session.remove()  # no reader left open: the log can be checkpointed
    auth.login("petugas@test.id")
    response = client.post(f"/staff/requests/{deletion_id}", data={f"r{deletion_id}-decision": "done",
                                                                      f"r{deletion_id}-response": "Sudah dihapus."})
    assert response.status_code == 303
    auth.logout()
    db.session.remove()

    found = [(table, value) for table, value in _all_values()
             if any(identifier.lower() in str(value).lower() for identifier in identifiers)]
    assert found == []
    unsent = db.session.scalars(select(Outbox).where(Outbox.sent_at.is_(None))).all()
    assert all(NAME not in m.body for m in unsent)
    if db.engine.dialect.name == "sqlite":
        path = Path(db.engine.url.database)
        for file in (path, path.with_name(path.name + "-wal")):
            data = file.read_bytes() if file.exists() else b""
            for identifier in identifiers:
                assert identifier.encode() not in data, f"{identifier} in {file.name}"
