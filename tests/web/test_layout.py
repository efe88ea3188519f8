"""The page layout (base.html): the menu of the user's role in the page's language, a link to the
same page in the other language, and the requesting session's own anti-CSRF token."""
import re

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
HEADER_TOKEN = re.compile(r'data-hx-headers=\'\{"X-CSRFToken": "([^"]+)"\}\'')
LANG_LINK = re.compile(r'<a class="lang" href="([^"]+)"')


def _page(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_each_page_links_to_itself_in_the_other_language_and_carries_one_token(app, client, auth, world):
    auth.login("petugas@test.id")
    first = _page(client, f"/staff/vacancies/{world.vacancy.id}/suggestions?limit=50")
    second = _page(client, "/staff/seekers?q=Budi")
    for html, path in ((first, f"/staff/vacancies/{world.vacancy.id}/suggestions?limit=50&amp;lang=en"),
                       (second, "/staff/seekers?q=Budi&amp;lang=en")):
        assert LANG_LINK.search(html).group(1) == path
        tokens = set(TOKEN.findall(html)) | {HEADER_TOKEN.search(html).group(1)}
        assert len(tokens) == 1  # the logout form and htmx carry the page's one token
    assert "Antrean kerja" in first and "Data saya" not in first


def test_each_role_and_language_has_its_own_menu(app, client, auth, world):
    auth.login("warga@test.id")
    resident = _page(client, "/me/")
    assert "Data saya" in resident and "Antrean kerja" not in resident
    english = _page(client, "/me/?lang=en")
    assert 'lang="en"' in english and "Bahasa Indonesia" in english and "Data saya" not in english
    client.post("/logout")
    auth.login("petugas@test.id")
    staff = _page(client, "/staff/")
    assert "Antrean kerja" in staff and "Data saya" not in staff


def test_two_sessions_get_their_own_token(app, world, auth):
    tokens = []
    for _ in range(2):
        client = app.test_client()
        html = _page(client, "/login")
        tokens.append(HEADER_TOKEN.search(html).group(1))
    assert tokens[0] != tokens[1]


def test_signed_in_users_asking_in_turn_each_get_their_own_page(app, world, auth):
    """Residents of two kelurahan, requests interleaved: each page shows its own resident's name
    and token, never the other's."""
    clients = {"warga@test.id": app.test_client(), "warga.cimone@test.id": app.test_client()}
    for login, client in clients.items():
        auth.client = client
        auth.login(login)
    names = {"warga@test.id": "Budi Santoso", "warga.cimone@test.id": "Siti Aminah"}
    seen_tokens = {}
    for _round in range(2):
        for login, client in clients.items():
            for path in ("/me/", "/me/profile"):
                html = _page(client, path)
                other = next(name for key, name in names.items() if key != login)
                assert names[login] in html and other not in html, (login, path)
                seen_tokens.setdefault(login, set()).add(HEADER_TOKEN.search(html).group(1))
    first, second = seen_tokens.values()
    assert not first & second


def test_dates_are_formatted_per_language_and_time_zone(app):
    import datetime as dt

    from app.core.web import date_id, datetime_id

    moment = dt.datetime(2026, 3, 1, 17, 30, tzinfo=dt.timezone.utc)  # 2 March, 00.30 in WIB
    # Each request has its own app context in production; the suite keeps one, so push one here.
    with app.app_context(), app.test_request_context("/?lang=id"):
        assert datetime_id(moment) == "2 Maret 2026, 00.30 WIB"
        assert date_id(dt.date(2026, 3, 1)) == "1 Maret 2026"
        assert datetime_id(dt.date(2026, 3, 1)).startswith("1 Maret 2026")  # a date given where a time is expected
    with app.app_context(), app.test_request_context("/?lang=en"):
        assert datetime_id(moment) == "2 March 2026, 00:30 WIB"  # English writes the hour with a colon
