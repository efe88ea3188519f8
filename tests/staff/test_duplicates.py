import datetime as dt

from sqlalchemy import func, select

from app.duplicates import merge as merging
from app.duplicates import services as duplicates
from app.referrals import services as referrals
from app.core import uploads
from app.core.crypto import nik_hash
from app.extensions import db
from app.models import (
    AuditLog,
    ConsentRecord,
    DataRequest,
    DuplicateDismissal,
    ExperienceEntry,
    Match,
    Role,
    SeekerDocument,
    SeekerMerge,
    SeekerProfile,
    User,
)
from app.core.timeutil import utcnow
from tests.factories import make_nik


def test_names_are_normalised_and_compared():
    assert duplicates.normalise_name("H. Budi Santoso, S.Kom.") == "budi santoso"
    assert duplicates.normalise_name("Dra. Siti  Nur'aini") == "siti nuraini"
    assert duplicates.name_similarity("budi santoso", "budi santosa") >= 0.85
    assert duplicates.name_similarity("m rizki fauzi", "muhammad rizki fauzi") is not None
    assert duplicates.name_similarity("santoso budi", "budi santoso") == 1.0
    assert duplicates.name_similarity("budi santoso", "siti aminah") is None
    assert duplicates.name_similarity("budi", "budiman") is None


def test_suspected_pairs_share_the_birth_date_and_a_similar_name_or_the_phone(world, make):
    born = world.seeker.birth_date
    typo = make.seeker(world.nj, name="Budi Santosa, S.T.", birth=born)
    make.seeker(world.nj, name="Budi Santoso", birth=dt.date(1991, 1, 1))  # same name, another person
    make.seeker(world.nj, name="Rahmat Hidayat", birth=born)  # same birthday, another name
    shared_phone = make.seeker(world.nj, name="Ujang", birth=dt.date(1985, 4, 4), phone="081234567890")
    nickname = make.seeker(world.nj, name="Ujang Sobari", birth=dt.date(1985, 4, 4), phone="+62 812-3456-7890")
    db.session.commit()
    pairs = {(p.a_id, p.b_id): p for p in duplicates.find_pairs(world.nj.id)}
    assert set(pairs) == {(world.seeker.id, typo.id), (shared_phone.id, nickname.id)}
    assert [code for code, _ in pairs[(shared_phone.id, nickname.id)].reasons] == ["phone"]


def test_staff_see_pairs_of_their_kelurahan_only_and_admin_sees_all(client, auth, world, make):
    nj_twin = make.seeker(world.nj, name="Budi  Santoso", birth=world.seeker.birth_date)
    cm_twin = make.seeker(world.cm, name="Siti Aminah", sex="P", birth=world.other_seeker.birth_date)
    db.session.commit()
    auth.login("petugas@test.id")
    page = client.get("/staff/duplicates").get_data(as_text=True)
    assert f"#{nj_twin.id}" in page and f"#{cm_twin.id}" not in page
    assert client.get(f"/staff/duplicates/{world.other_seeker.id}/{cm_twin.id}").status_code == 404
    assert client.post(f"/staff/duplicates/{world.other_seeker.id}/{cm_twin.id}/merge",
                       data={"keep": str(cm_twin.id)}).status_code == 404
    assert client.post(f"/staff/duplicates/{world.other_seeker.id}/{cm_twin.id}/dismiss").status_code == 404
    # Side by side, the fields that differ marked; full NIK for the kelurahan's staff.
    pair = client.get(f"/staff/duplicates/{world.seeker.id}/{nj_twin.id}").get_data(as_text=True)
    assert world.seeker.nik in pair and nj_twin.nik in pair and pair.count('class="differs"') >= 2
    auth.logout()
    auth.login("admin@test.id")
    page = client.get("/staff/duplicates").get_data(as_text=True)
    assert f"#{nj_twin.id}" in page and f"#{cm_twin.id}" in page and "Cimone" in page
    assert world.seeker.nik not in client.get(f"/staff/duplicates/{world.seeker.id}/{nj_twin.id}").get_data(as_text=True)


def test_not_a_duplicate_hides_the_pair(client, auth, world, make):
    twin = make.seeker(world.nj, name="Budi Santosa", birth=world.seeker.birth_date)
    db.session.commit()
    auth.login("petugas@test.id")
    assert client.post(f"/staff/duplicates/{twin.id}/{world.seeker.id}/dismiss").status_code == 303
    assert db.session.scalar(select(DuplicateDismissal.seeker_a_id)) == min(twin.id, world.seeker.id)
    assert duplicates.find_pairs(world.nj.id) == []
    assert f"#{twin.id}" not in client.get("/staff/duplicates").get_data(as_text=True)
    assert "sudah ditandai bukan data ganda" in client.get(f"/staff/duplicates/{world.seeker.id}/{twin.id}").get_data(as_text=True)
    assert client.post(f"/staff/duplicates/{world.seeker.id}/{twin.id}/dismiss").status_code == 303  # twice: no error
    assert db.session.scalar(select(func.count()).select_from(DuplicateDismissal)) == 1


def test_merge_moves_everything_keeps_one_match_per_vacancy_and_removes_the_nik(client, auth, world, make):
    kept = world.seeker
    born = kept.birth_date
    wrong_nik = make_nik(born, "L", serial=9876)
    dropped = make.seeker(world.nj, name="BUDI SANTOSO", birth=born, nik=wrong_nik, phone="", skills=["forklift"],
                          certificates=["SIM B1"])
    db.session.add(ExperienceEntry(seeker=dropped, title="Operator forklift", years=2.0))
    document = uploads.save_document(dropped, "cv-budi.pdf", b"%PDF-1.4 cv")
    db.session.add(DataRequest(seeker=dropped, kelurahan_id=world.nj.id, kind="correction", detail="RT salah",
                               due_at=utcnow() + dt.timedelta(hours=72)))
    ours = Match(seeker=kept, vacancy=world.vacancy, status="suggested", reasons=[], score=0.4)
    theirs = Match(seeker=dropped, vacancy=world.vacancy, status="suggested", reasons=[], score=0.6)
    elsewhere = Match(seeker=dropped, vacancy=world.other_vacancy, status="suggested", reasons=[], score=0.5)
    db.session.add_all([ours, theirs, elsewhere])
    db.session.flush()
    referrals.refer(theirs, world.staff)  # the dropped record went further for this vacancy
    db.session.commit()
    kept_consents = db.session.scalar(select(func.count()).select_from(ConsentRecord).where(ConsentRecord.seeker_id == kept.id))
    dropped_id, theirs_id, ours_id, elsewhere_id = dropped.id, theirs.id, ours.id, elsewhere.id
    auth.login("petugas@test.id")
    response = client.post(f"/staff/duplicates/{kept.id}/{dropped_id}/merge", data={"keep": str(kept.id)})
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/staff/seekers/{kept.id}")
    db.session.expire_all()
    assert db.session.get(SeekerProfile, dropped_id) is None
    assert db.session.scalar(select(SeekerProfile).where(SeekerProfile.nik_hash == nik_hash(wrong_nik))) is None
    kept = db.session.get(SeekerProfile, kept.id)
    rows = db.session.scalars(select(Match).where(Match.seeker_id == kept.id)).all()
    by_vacancy = {}
    for m in rows:
        by_vacancy.setdefault(m.vacancy_id, []).append(m)
    assert len(by_vacancy[world.vacancy.id]) == 1
    kept_match = by_vacancy[world.vacancy.id][0]
    assert kept_match.id == theirs_id and kept_match.status == "referred" and [e.to_status for e in kept_match.events] == ["referred"]
    assert db.session.get(Match, ours_id) is None
    assert [m.id for m in by_vacancy[world.other_vacancy.id]] == [elsewhere_id]
    assert [e.title for e in kept.experiences] == ["Operator forklift"]
    assert db.session.get(SeekerDocument, document.id).seeker_id == kept.id
    assert db.session.scalar(select(func.count()).select_from(ConsentRecord)
                             .where(ConsentRecord.seeker_id == kept.id)) == kept_consents + 3
    assert db.session.scalar(select(DataRequest.seeker_id)) == kept.id
    assert "forklift" in kept.skills and "SIM B1" in kept.certificates and kept.phone  # blanks filled, lists joined
    merge = db.session.scalar(select(SeekerMerge).where(SeekerMerge.kept_id == kept.id))
    assert merge.merged_seeker_id == dropped_id and merge.moved["matches_merged"] == 1 and merge.moved["experience"] == 1
    audit = db.session.scalar(select(AuditLog).where(AuditLog.action == "merge"))
    assert audit.object_id == str(kept.id) and str(dropped_id) in audit.detail
    page = client.get(f"/staff/seekers/{kept.id}").get_data(as_text=True)
    assert "Riwayat penggabungan data ganda" in page and f"Data ganda #{dropped_id} digabung" in page
    assert f"#{dropped_id}" not in client.get("/staff/duplicates").get_data(as_text=True)


def test_merge_needs_a_choice_and_handles_accounts(client, auth, world, make):
    born = world.seeker.birth_date
    other_user = make.user(Role.SEEKER, "budi.lain@test.id", kelurahan=world.nj, last_login_at=utcnow())
    twin = make.seeker(world.nj, name="Budi Santosa", birth=born, user=other_user)
    world.warga_user.last_login_at = utcnow()
    db.session.commit()
    auth.login("petugas@test.id")
    url = f"/staff/duplicates/{world.seeker.id}/{twin.id}/merge"
    response = client.post(url, data={})
    assert response.status_code == 422 and 'id="keep-error"' in response.get_data(as_text=True)
    response = client.post(url, data={"keep": str(world.seeker.id)})  # both accounts were used: confirm first
    assert response.status_code == 422 and 'id="confirm_accounts-error"' in response.get_data(as_text=True)
    assert db.session.get(SeekerProfile, twin.id) is not None
    response = client.post(url, data={"keep": str(world.seeker.id), "confirm_accounts": "y"})
    assert response.status_code == 303
    db.session.expire_all()
    closed = db.session.get(User, other_user.id)
    assert not closed.active and closed.email is None and closed.password_hash is None
    assert db.session.get(SeekerProfile, world.seeker.id).user_id == world.warga_user.id


def test_an_account_of_the_dropped_record_moves_to_the_kept_one(client, auth, world, make):
    walk_in = make.seeker(world.nj, name="Rina Wulandari", sex="P", birth=dt.date(1999, 8, 21))
    own_user = make.user(Role.SEEKER, "rina@test.id", kelurahan=world.nj)
    self_registered = make.seeker(world.nj, name="Rina Wulandari", sex="P", birth=dt.date(1999, 8, 21), user=own_user)
    db.session.commit()
    auth.login("admin@test.id")
    response = client.post(f"/staff/duplicates/{walk_in.id}/{self_registered.id}/merge", data={"keep": str(walk_in.id)})
    assert response.status_code == 303 and response.headers["Location"].endswith("/staff/duplicates")
    db.session.expire_all()
    assert db.session.get(SeekerProfile, walk_in.id).user_id == own_user.id
    assert db.session.get(User, own_user.id).active
    auth.logout()
    assert auth.login("rina@test.id").status_code == 303
    assert "Rina Wulandari" in client.get("/me/").get_data(as_text=True)


def test_the_account_in_use_is_kept_over_one_never_used(client, auth, world, make):
    unused = make.user(Role.SEEKER, "budi.baru@test.id", kelurahan=world.nj)  # never signed in
    twin = make.seeker(world.nj, name="Budi Santosa", birth=world.seeker.birth_date, user=unused)
    world.warga_user.last_login_at = utcnow()
    db.session.commit()
    auth.login("petugas@test.id")
    response = client.post(f"/staff/duplicates/{twin.id}/{world.seeker.id}/merge", data={"keep": str(twin.id)})
    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(SeekerProfile, twin.id).user_id == world.warga_user.id
    assert db.session.get(User, world.warga_user.id).active
    assert not db.session.get(User, unused.id).active


def test_a_pair_with_letters_for_the_same_vacancy_is_not_merged(client, auth, world, make):
    from app.referrals import letters

    twin = make.seeker(world.nj, name="Budi Santosa", birth=world.seeker.birth_date)
    for seeker in (world.seeker, twin):
        match = Match(seeker=seeker, vacancy=world.vacancy, status="suggested", reasons=[])
        db.session.add(match)
        db.session.flush()
        referrals.refer(match, world.staff)
        letters.issue(match, world.staff)
    db.session.commit()
    auth.login("petugas@test.id")
    response = client.post(f"/staff/duplicates/{world.seeker.id}/{twin.id}/merge", data={"keep": str(world.seeker.id)})
    assert response.status_code == 422 and "surat pengantar untuk lowongan yang sama" in response.get_data(as_text=True)
    assert db.session.get(SeekerProfile, twin.id) is not None
    from app.models import ReferralLetter

    assert db.session.scalar(select(func.count()).select_from(ReferralLetter)) == 2


def test_open_reminders_of_the_dropped_record_go_with_it(app, world, make):
    from app.models import Reminder

    twin = make.seeker(world.nj, name="Budi Santosa", birth=world.seeker.birth_date, ak1_number="3671-07-1")
    db.session.flush()
    db.session.add_all([
        Reminder(key=f"ak1_expiry:s{twin.id}:2027-01-01", kind="ak1_expiry", kelurahan_id=world.nj.id,
                 seeker_id=twin.id, due_on=dt.date(2026, 12, 1)),
        Reminder(key=f"ak1_report:s{twin.id}:2026-06-01", kind="ak1_report", kelurahan_id=world.nj.id,
                 seeker_id=twin.id, due_on=dt.date(2026, 6, 1), done_at=utcnow(), outcome="done"),
    ])
    db.session.commit()
    merging.merge_seekers(world.seeker, twin, world.staff)
    db.session.commit()
    left = db.session.scalars(select(Reminder)).all()
    assert [(r.kind, r.seeker_id) for r in left] == [("ak1_report", world.seeker.id)]  # the done one, as history


def test_not_the_same_person_said_of_the_dropped_record_holds_for_the_kept_one(app, world, make):
    born = world.seeker.birth_date
    twin = make.seeker(world.nj, name="Budi Santosa", birth=born)
    other = make.seeker(world.nj, name="Budi Santoso, S.T.", birth=born)  # looks like both of them
    db.session.flush()
    duplicates.dismiss_pair(twin, other, world.staff)  # staff checked: twin and other are two people
    db.session.commit()
    assert {(p.a_id, p.b_id) for p in duplicates.find_pairs(world.nj.id)} == {
        tuple(sorted((world.seeker.id, twin.id))), tuple(sorted((world.seeker.id, other.id)))}
    merge = merging.merge_seekers(world.seeker, twin, world.staff)
    db.session.commit()
    kept, other = db.session.get(SeekerProfile, world.seeker.id), db.session.get(SeekerProfile, other.id)
    assert duplicates.is_dismissed(kept, other) and merge.moved["dismissals"] == 1
    assert duplicates.find_pairs(world.nj.id) == []  # not asked again about the same two people
    assert db.session.scalar(select(func.count()).select_from(DuplicateDismissal)) == 1


def test_the_same_job_entered_in_both_records_is_kept_once(app, world, make):
    twin = make.seeker(world.nj, name="Budi Santosa", birth=world.seeker.birth_date)
    db.session.add_all([
        ExperienceEntry(seeker=world.seeker, title="Operator Mesin CNC", employer="PT Sinar Logam", years=2.0),
        ExperienceEntry(seeker=twin, title="operator mesin  cnc", employer="PT SINAR LOGAM", years=3.0,
                        description="Bubut dan milling"),
        ExperienceEntry(seeker=twin, title="Kurir", employer="", years=1.0),
    ])
    db.session.commit()
    merge = merging.merge_seekers(world.seeker, twin, world.staff)
    db.session.commit()
    kept = db.session.get(SeekerProfile, world.seeker.id)
    jobs = sorted((e.title, e.employer, e.years, e.description) for e in kept.experiences)
    assert jobs == [("Kurir", "", 1.0, ""), ("Operator Mesin CNC", "PT Sinar Logam", 3.0, "Bubut dan milling")]
    assert merge.moved["experience"] == 1 and merge.moved["experience_repeated"] == 1
