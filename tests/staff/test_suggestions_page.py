"""A vacancy's suggestions page: what it lists, in which order, for whom, and the tokens it carries."""
import datetime as dt
import re

from sqlalchemy import select

from app.extensions import db
from app.models import Match, Vacancy
from app.ranking import refresh_all
from app.staff.services import suggestion_lists
from tests.factories import without_csrf_tokens

TOKENS = re.compile(r'(?:name="csrf_token" value="|"X-CSRFToken": ")([^"]+)"')


def _page(client, vacancy_id, **headers):
    response = client.get(f"/staff/vacancies/{vacancy_id}/suggestions", headers=headers)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _suggest(seeker, vacancy, **values):
    match = Match(seeker=seeker, vacancy=vacancy, **{"status": "suggested", "score": 0.5, "reasons": [],
                                                      "model_version": "test", **values})
    db.session.add(match)
    db.session.flush()
    return match


def test_changes_show_on_the_next_view(app, client, auth, world):
    from app.referrals import services as referrals

    refresh_all()
    db.session.commit()
    auth.login("petugas@test.id")
    first = without_csrf_tokens(_page(client, world.vacancy.id))
    assert "Budi Santoso" in first and "belum setuju data dibagikan" not in first
    world.seeker.consent_sharing = False
    db.session.commit()
    assert "belum setuju data dibagikan" in _page(client, world.vacancy.id)

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


def test_rows_show_the_reasons_in_the_page_language(app, client, auth, world):
    refresh_all()
    db.session.commit()
    auth.login("petugas@test.id")
    indonesian = _page(client, world.vacancy.id)
    english = client.get(f"/staff/vacancies/{world.vacancy.id}/suggestions?lang=en").get_data(as_text=True)
    assert "keterampilan cocok" in indonesian and "Tidak dirujuk" in indonesian
    assert "keterampilan cocok" not in english and "skills match" in english and "Tidak dirujuk" not in english


def test_a_dismissal_sent_back_keeps_its_errors_on_its_own_row(app, client, auth, world, make):
    second = make.seeker(world.nj, name="Dedi Kurniawan", nik=None)
    first, other = _suggest(world.seeker, world.vacancy, score=0.9), _suggest(second, world.vacancy, score=0.4)
    db.session.commit()
    auth.login("petugas@test.id")
    response = client.post(f"/staff/matches/{first.id}/dismiss", headers={"HX-Request": "true"},
                           data={f"d{first.id}-note": "tanpa alasan"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "<html" not in html
    row, next_row = html.split(f'id="saran-{other.id}"')
    assert "Pilih alasan." in row and 'value="tanpa alasan"' in row and "<details open>" in row
    assert "Pilih alasan." not in next_row and "<details open>" not in next_row
    assert f'name="d{other.id}-reason"' in next_row


def test_each_staff_member_sees_only_the_residents_of_their_kelurahan(app, world, auth, make):
    """The same vacancy, asked for in turn by the staff of two kelurahan: no name crosses over."""
    _suggest(world.seeker, world.vacancy)
    _suggest(world.other_seeker, world.vacancy)
    db.session.commit()
    pages = {}
    clients = {login: app.test_client() for login in ("petugas@test.id", "petugas.cimone@test.id")}
    for login, client in clients.items():
        auth.client = client
        auth.login(login)
    for _round in range(2):
        for login, client in clients.items():
            pages[login] = _page(client, world.vacancy.id)
            pages[login + " htmx"] = _page(client, world.vacancy.id, **{"HX-Request": "true"})
    for key, html in pages.items():
        own, other = (("Budi Santoso", "Siti Aminah") if key.startswith("petugas@") else ("Siti Aminah", "Budi Santoso"))
        assert own in html and other not in html, key


def test_every_token_on_the_page_is_the_requesting_session_own(app, world, auth, monkeypatch):
    """The layout's token (htmx header, logout form) and every row's form carry the token of the
    session that asked, and a token from one session is refused in the other."""
    first_match = _suggest(world.seeker, world.vacancy)
    _suggest(world.other_seeker, world.vacancy)
    db.session.commit()
    clients = [app.test_client(), app.test_client()]
    for client in clients:
        auth.client = client
        auth.login("petugas@test.id")
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    tokens = []
    for client in clients:
        html = _page(client, world.vacancy.id)
        found = set(TOKENS.findall(html))
        assert len(found) == 1 and len(TOKENS.findall(html)) >= 5  # header, logout, refresh, refer, a row
        tokens.append(found.pop())
    assert tokens[0] != tokens[1]
    dismissal = {f"d{first_match.id}-reason": "requirements"}
    refused = clients[1].post(f"/staff/matches/{first_match.id}/dismiss", data={"csrf_token": tokens[0], **dismissal})
    assert refused.status_code == 400
    accepted = clients[0].post(f"/staff/matches/{first_match.id}/dismiss", data={"csrf_token": tokens[0], **dismissal})
    assert accepted.status_code == 303


def test_both_lists_come_in_their_own_order_and_limit(app, world, make):
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

    suggestions, decisions = suggestion_lists(world.vacancy.id, kelurahan.id, 10, 31)
    assert [m.id for m in suggestions] == [ids[4], ids[3], ids[2], ids[0], ids[1]]  # interested, score, unscored last
    assert [m.id for m in decisions] == [ids[6], ids[7], ids[5]]  # the latest change first
    assert suggestions[0].full_name == "Warga 4"
    top, latest = suggestion_lists(world.vacancy.id, kelurahan.id, 2, 1)  # each list keeps its own limit
    assert [m.id for m in top] == [ids[4], ids[3]] and [m.id for m in latest] == [ids[6]]
    assert suggestion_lists(world.vacancy.id, world.other_seeker.kelurahan_id, 10, 31) == ([], [])


def test_a_resident_without_consent_to_share_has_no_box_to_tick_and_the_reason_why(app, client, auth, world, make):
    shy = make.seeker(world.nj, name="Dewi Lestari", sex="P", birth=dt.date(1999, 1, 2), consent_sharing=False)
    open_match, shy_match = _suggest(world.seeker, world.vacancy, score=0.7), _suggest(shy, world.vacancy, score=0.6)
    db.session.commit()
    auth.login("petugas@test.id")
    page = _page(client, world.vacancy.id)
    box = re.compile(r'<input type="checkbox" name="match_id" value="(\d+)" form="form-rujuk"( disabled)?')
    assert dict(box.findall(page)) == {str(open_match.id): "", str(shy_match.id): " disabled"}
    assert f'aria-describedby="tanpa-izin-{shy_match.id}"' in page
    assert f'id="tanpa-izin-{shy_match.id}">Belum dapat dirujuk: warga ini belum setuju datanya dibagikan' in page
