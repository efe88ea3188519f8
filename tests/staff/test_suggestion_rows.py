"""The suggestion rows of a vacancy are rendered once per worker and served from the fragment cache."""
import re

import pytest
from flask import g, session
from flask_wtf.csrf import validate_csrf
from sqlalchemy import select
from wtforms.validators import ValidationError

from app.extensions import db
from app.core.fragments import fragment_cache
from app.models import Match, Vacancy
from app.ranking import refresh_all
from app.staff.services import list_page
from tests.factories import without_csrf_tokens


def _page(client, vacancy_id):
    return without_csrf_tokens(client.get(f"/staff/vacancies/{vacancy_id}/suggestions").get_data(as_text=True))


def test_second_view_is_served_from_the_cache_and_changes_show_at_once(app, client, auth, world):
    refresh_all()
    db.session.commit()
    cache = fragment_cache()
    cache.clear()
    auth.login("petugas@test.id")
    misses = cache.misses
    first = _page(client, world.vacancy.id)
    assert "Budi Santoso" in first and cache.misses > misses
    misses, hits = cache.misses, cache.hits
    assert _page(client, world.vacancy.id) == first
    assert cache.misses == misses and cache.hits > hits
    # A value the row shows is part of its key: the withdrawn consent shows on the next view.
    assert "belum setuju data dibagikan" not in first
    world.seeker.consent_sharing = False
    db.session.commit()
    assert "belum setuju data dibagikan" in _page(client, world.vacancy.id)


def test_vacancy_card_and_decisions_show_changes_at_once(app, client, auth, world):
    from app.referrals import services as referrals

    refresh_all()
    db.session.commit()
    auth.login("petugas@test.id")
    first = _page(client, world.vacancy.id)
    assert _page(client, world.vacancy.id) == first  # the second view comes from the cache
    vacancy = db.session.get(Vacancy, world.vacancy.id)
    vacancy.title, vacancy.openings = "Operator forklift shift malam", 7
    match = db.session.scalar(select(Match).where(Match.vacancy_id == vacancy.id, Match.seeker_id == world.seeker.id))
    referrals.dismiss(match, world.staff, "requirements")
    db.session.commit()
    html = _page(client, world.vacancy.id)
    card = html[html.index('<article class="card">'):html.index("</article>")]
    assert "Operator forklift shift malam" in card and "<dd>7</dd>" in card
    decisions = html[html.index("Sudah diproses"):]
    assert f"/staff/matches/{match.id}" in decisions and "Tidak memenuhi syarat lowongan" in decisions


def test_cached_rows_carry_the_token_of_the_session_that_asks(app, world):
    from app.staff.routes import suggestion_rows

    refresh_all()
    db.session.commit()
    vacancy = db.session.get(Vacancy, world.vacancy.id)
    matches, _decisions = list_page(vacancy.id, world.seeker.kelurahan_id, 50, 31)
    assert matches and matches[0].reasons  # the stored JSON, decoded when a row is rendered
    tokens = []
    for secret in ("first-session", "second-session"):
        with app.test_request_context():
            g.pop("csrf_token", None)  # the suite keeps one app context; a request starts without a token
            session["csrf_token"] = secret  # the per-session secret Flask-WTF signs tokens with
            html = str(suggestion_rows(vacancy, matches))
            found = set(re.findall(r'name="csrf_token" value="([^"]+)"', html))
            assert len(found) == 1 and fragment_cache().csrf_slot not in html
            token = found.pop()
            validate_csrf(token)  # valid for this session
            tokens.append(token)
    assert tokens[0] != tokens[1]
    with app.test_request_context():
        session["csrf_token"] = "second-session"
        with pytest.raises(ValidationError, match="do not match"):
            validate_csrf(tokens[0])  # the first session's token is no good in the second


def test_the_vacancy_of_the_page_is_read_as_plain_values(app, world):
    from app.staff.services import COMPANY_SHOWN, get_vacancy

    shown = get_vacancy(world.vacancy.id)
    assert shown.title == world.vacancy.title and shown.skills == world.vacancy.skills
    assert shown.deadline == world.vacancy.deadline and shown.created_at == world.vacancy.created_at
    assert {key: getattr(shown.company, key) for key in COMPANY_SHOWN} == {
        key: getattr(world.company, key) for key in COMPANY_SHOWN}
    assert not hasattr(shown.company, "contact_phone")  # not read: the page does not show it
    assert get_vacancy(world.vacancy.id + 1000) is None


def test_both_lists_of_the_page_come_in_their_own_order_from_one_query(app, world, make):
    import datetime as dt

    kelurahan = world.seeker.kelurahan
    now = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.timezone.utc)
    # (score, interested, status, minutes since `now` of the last change)
    plan = [(0.40, False, "suggested", 0), (None, False, "suggested", 1), (0.90, False, "suggested", 2),
            (0.20, True, "suggested", 3), (0.70, True, "suggested", 4), (0.50, False, "referred", 5),
            (0.60, False, "dismissed", 30), (0.30, False, "hired", 10)]
    ids = []
    for number, (score, interested, status, minutes) in enumerate(plan):
        seeker = make.seeker(kelurahan, name=f"Warga {number}", nik=None)
        match = Match(seeker=seeker, vacancy_id=world.vacancy.id, status=status, score=score, interested=interested,
                      reasons=[], model_version="test", updated_at=now + dt.timedelta(minutes=minutes))
        db.session.add(match)
        db.session.flush()
        ids.append(match.id)
    db.session.commit()

    suggestions, decisions = list_page(world.vacancy.id, kelurahan.id, 10, 31)
    assert [m.id for m in suggestions] == [ids[4], ids[3], ids[2], ids[0], ids[1]]  # interested, score, unscored last
    assert [m.id for m in decisions] == [ids[6], ids[7], ids[5]]  # the latest change first
    assert all(m.reasons_json == "" for m in decisions) and suggestions[0].reasons == []
    top, latest = list_page(world.vacancy.id, kelurahan.id, 2, 1)  # each list keeps its own limit
    assert [m.id for m in top] == [ids[4], ids[3]] and [m.id for m in latest] == [ids[6]]
    assert list_page(world.vacancy.id, world.other_seeker.kelurahan_id, 10, 31) == ([], [])
