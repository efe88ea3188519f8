"""The referral state machine, hired elsewhere, and vacancy filling."""
import datetime as dt

import pytest

from app.referrals import services as referrals
from app.extensions import db
from app.models import Match


def _match(world, seeker=None, vacancy=None, status="suggested"):
    m = Match(seeker=seeker or world.seeker, vacancy=vacancy or world.vacancy, status=status, reasons=[])
    db.session.add(m)
    db.session.flush()
    return m


@pytest.mark.parametrize("start, allowed", [
    ("suggested", {"referred", "dismissed"}),
    ("referred", {"interview", "hired", "refused", "withdrawn"}),
    ("interview", {"interview", "hired", "refused", "withdrawn"}),
    ("hired", set()), ("refused", set()), ("withdrawn", set()), ("dismissed", set()),
])
def test_transitions(world, start, allowed):
    match = _match(world, status=start)
    for target in ("suggested", "referred", "interview", "hired", "refused", "withdrawn", "dismissed"):
        if target in allowed:
            referrals.move(match, target, world.staff)
            assert match.status == target
            match.status = start
        else:
            with pytest.raises(referrals.TransitionError):
                referrals.move(match, target, world.staff)
            assert match.status == start


def test_every_move_is_recorded_with_actor_and_reason(world):
    match = _match(world)
    referrals.refer(match, world.staff)
    referrals.refuse(match, world.hrd, "experience", "kurang pengalaman las")
    events = [(e.from_status, e.to_status, e.actor_id, e.reason_code) for e in match.events]
    assert events == [("suggested", "referred", world.staff.id, None), ("referred", "refused", world.hrd.id, "experience")]
    assert match.referred_at is not None


def test_refer_needs_an_open_vacancy(world):
    world.vacancy.status = "closed"
    with pytest.raises(referrals.TransitionError):
        referrals.refer(_match(world), world.staff)


def test_hire_closes_other_referrals_as_hired_elsewhere(world, make):
    other_vacancy = make.vacancy(world.company, title="Juru Las", openings=3)
    hired = _match(world, status="referred")
    elsewhere = _match(world, vacancy=other_vacancy, status="interview")
    suggestion = _match(world, vacancy=world.other_vacancy)
    referrals.hire(hired, world.hrd, dt.date(2026, 12, 1), "pkwt")
    assert hired.status == "hired" and hired.start_date == dt.date(2026, 12, 1)
    assert elsewhere.status == "withdrawn" and elsewhere.reason_code == "hired_elsewhere"
    assert suggestion.status == "suggested"  # suggestions are not referrals
    assert world.seeker.status == "working"


def test_vacancy_fills_and_closes_remaining_referrals(world, make):
    world.vacancy.openings = 2
    first = make.seeker(world.nj, name="Andi", birth=dt.date(1999, 1, 2))
    second = make.seeker(world.nj, name="Bayu", birth=dt.date(1999, 1, 3))
    third = make.seeker(world.nj, name="Citra", sex="P", birth=dt.date(1999, 1, 4))
    m1, m2, m3 = (_match(world, seeker=s, status="referred") for s in (first, second, third))
    referrals.hire(m1, world.hrd, dt.date(2026, 12, 1), "pkwt")
    assert world.vacancy.status == "open"
    referrals.hire(m2, world.hrd, dt.date(2026, 12, 1), "pkwt")
    assert world.vacancy.status == "filled"
    assert m3.status == "withdrawn" and m3.reason_code == "vacancy_filled"
