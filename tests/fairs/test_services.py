"""Fairs, passes and the booth's records, below the web layer."""
import datetime as dt

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.fairs import booth, services
from app.models import FairPass, FairRecord, FairVisit, Match, MatchEvent, Outbox


def _count(model, *where):
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_inviting_a_company_is_once_and_emails_its_contacts(world, fair, make):
    company = make.company(name="PT Baru Makmur", contact_email="hrd@baru.test")
    before = _count(Outbox)
    first = services.invite_company(fair, company, world.staff)
    again = services.invite_company(fair, company, world.staff)
    assert first is again
    mails = db.session.scalars(select(Outbox).order_by(Outbox.id)).all()[before:]
    assert [m.recipient for m in mails] == ["hrd@baru.test"]
    assert fair.name in mails[0].subject


def test_a_pending_company_is_not_invited(world, fair, make):
    assert services.invite_company(fair, make.company(name="CV Belum", status="pending"), world.staff) is None


def test_a_company_brings_only_its_open_vacancies(world, fair, make):
    row = services.participation(fair, world.company)
    closed = make.vacancy(world.company, title="Tutup", status="closed")
    chosen = services.set_fair_vacancies(fair, row, {world.vacancy.id, closed.id, world.other_vacancy.id}, world.hrd)
    assert chosen == [world.vacancy]
    assert row.joined_at is not None
    services.set_fair_vacancies(fair, row, set(), world.hrd)
    assert services.fair_vacancies(fair, world.company) == []
    assert row.joined_at is None


def test_a_pass_is_one_per_resident_with_a_random_code(world, fair):
    first = services.register_pass(fair, world.seeker, world.warga_user)
    again = services.register_pass(fair, world.seeker, world.warga_user)
    assert first.id == again.id
    assert len(first.code) == 8 and set(first.code) <= set(services.CODE_ALPHABET)
    assert services.normalise_code(services.display_code(first.code).lower()) == first.code
    codes = {services.new_code() for _ in range(200)}
    assert len(codes) == 200


def test_passes_respect_scope_and_capacity(world, fair, make):
    with pytest.raises(services.FairError):  # Cimone is another kelurahan
        services.register_pass(fair, world.other_seeker, world.staff_cm)
    fair.scope = "kecamatan"  # both are in Kecamatan Karawaci
    services.register_pass(fair, world.other_seeker, world.staff_cm)
    fair.capacity = 1
    with pytest.raises(services.FairError, match="full"):
        services.register_pass(fair, world.seeker, world.warga_user)


def test_no_pass_for_a_fair_that_is_over(world, fair):
    fair.ends_at = dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=1)
    with pytest.raises(services.FairError):
        services.register_pass(fair, world.seeker, world.warga_user)


def _visit(world, fair, company=None):
    fair_pass = services.register_pass(fair, world.seeker, world.warga_user)
    return booth.show_pass(fair_pass, company or world.company, world.hrd)


def test_showing_a_pass_is_recorded_once_per_company(world, fair):
    first = _visit(world, fair)
    assert _visit(world, fair).id == first.id
    _visit(world, fair, world.other_company)
    assert _count(FairVisit) == 2


def test_a_booth_record_is_idempotent_and_creates_one_referral(world, fair):
    visit = _visit(world, fair)
    record, changed = booth.record(visit, world.vacancy, "applied", world.hrd)
    again, changed_again = booth.record(visit, world.vacancy, "applied", world.hrd)
    db.session.commit()
    assert changed and not changed_again and again.id == record.id
    assert _count(FairRecord) == 1
    match = db.session.scalar(select(Match).where(Match.seeker_id == world.seeker.id, Match.vacancy_id == world.vacancy.id))
    assert match.status == "applied" and match.fair_id == fair.id and match.referred_at is not None
    events = db.session.scalars(select(MatchEvent).where(MatchEvent.match_id == match.id)).all()
    assert [(e.from_status, e.to_status, e.actor_id) for e in events] == [("suggested", "applied", world.hrd.id)]


def test_a_booth_record_moves_forward_only(world, fair):
    visit = _visit(world, fair)
    booth.record(visit, world.vacancy, "interview", world.hrd)
    record, changed = booth.record(visit, world.vacancy, "applied", world.hrd)
    assert not changed and record.outcome == "interview"
    assert record.match.status == "interview" and record.match.interview_place == fair.place
    record, changed = booth.record(visit, world.vacancy, "shortlisted", world.hrd)
    assert changed and record.outcome == "shortlisted" and record.match.status == "interview"
    assert _count(FairRecord) == 1 and _count(Match) == 1


def test_a_booth_records_only_its_own_vacancies(world, fair):
    visit = _visit(world, fair)
    with pytest.raises(ValueError):
        booth.record(visit, world.other_vacancy, "applied", world.hrd)


def test_an_existing_referral_keeps_its_source(world, fair):
    from app.referrals import services as referrals

    match = Match(seeker=world.seeker, vacancy=world.vacancy, status="suggested", reasons=[])
    db.session.add(match)
    db.session.flush()
    referrals.refer(match, world.staff)
    record, _changed = booth.record(_visit(world, fair), world.vacancy, "applied", world.hrd)
    assert record.match_id == match.id and match.status == "referred" and match.fair_id is None


def test_a_dismissed_suggestion_may_still_be_applied_for_at_a_fair(world, fair):
    from app.referrals import services as referrals

    match = Match(seeker=world.seeker, vacancy=world.vacancy, status="suggested", reasons=[])
    db.session.add(match)
    db.session.flush()
    referrals.dismiss(match, world.staff, "unreachable")
    booth.record(_visit(world, fair), world.vacancy, "applied", world.hrd)
    assert match.status == "applied" and match.fair_id == fair.id


def test_a_fair_application_answers_like_a_referral(world, fair):
    from app.referrals import services as referrals

    record, _changed = booth.record(_visit(world, fair), world.vacancy, "applied", world.hrd)
    referrals.hire(record.match, world.hrd, dt.date.today(), "pkwt")
    assert record.match.status == "hired"


def test_booth_counts(world, fair):
    visit = _visit(world, fair)
    booth.record(visit, world.vacancy, "interview", world.hrd)
    _visit(world, fair, world.other_company)
    counts = booth.booth_counts(fair)
    assert counts == [("PT Lain Jaya", 1, 0, 0), ("PT Sinar Logam", 1, 1, 1)]


def test_a_pass_code_row_holds_nothing_personal(world, fair):
    fair_pass = services.register_pass(fair, world.seeker, world.warga_user)
    code = fair_pass.code
    for text in (world.seeker.full_name, world.seeker.nik, world.seeker.phone, str(world.seeker.id)):
        assert text not in code
    assert _count(FairPass) == 1


def test_the_qr_code_holds_the_code_only(app, world, fair, monkeypatch):
    from app.fairs import passes

    seen = []
    monkeypatch.setattr(passes, "qr_svg", lambda text, label: seen.append((text, label)) or "")
    fair_pass = services.register_pass(fair, world.seeker, world.warga_user)
    with app.test_request_context("/"):
        passes.pass_qr(fair_pass)
    assert seen == [(fair_pass.code, f"Kode QR kartu peserta {services.display_code(fair_pass.code)}")]


def test_the_residents_copy_of_their_data_names_whom_a_pass_was_shown_to(world, fair):
    from app.privacy.services import export_seeker

    fair_pass = services.register_pass(fair, world.seeker, world.warga_user)
    booth.show_pass(fair_pass, world.company, world.hrd)
    copy = export_seeker(world.seeker)["bursa_kerja"]
    assert copy[0]["bursa"] == fair.name and copy[0]["kode_kartu"] == fair_pass.code
    assert [s["perusahaan"] for s in copy[0]["dibagikan_ke"]] == ["PT Sinar Logam"]
