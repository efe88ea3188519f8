"""The layout's shared parts (menu, links to styles and scripts, footer) are kept per worker for
each role and language; what differs per request is filled in when they are served."""
import re

from app.core.fragments import fragment_cache

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
HEADER_TOKEN = re.compile(r'data-hx-headers=\'\{"X-CSRFToken": "([^"]+)"\}\'')
LANG_LINK = re.compile(r'<a class="lang" href="([^"]+)"')


def _page(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_parts_are_served_from_the_cache_with_this_request_values(app, client, auth, world):
    cache = fragment_cache()
    cache.clear()
    auth.login("petugas@test.id")
    first = _page(client, f"/staff/vacancies/{world.vacancy.id}/suggestions?limit=50")
    hits = cache.hits
    second = _page(client, "/staff/seekers?q=Budi")
    assert cache.hits >= hits + 3  # head, top and footer came from the cache
    for html, path in ((first, f"/staff/vacancies/{world.vacancy.id}/suggestions?limit=50&amp;lang=en"),
                       (second, "/staff/seekers?q=Budi&amp;lang=en")):
        assert LANG_LINK.search(html).group(1) == path  # each page links to itself in English
        assert "slot-" not in html and cache.csrf_slot not in html
        tokens = set(TOKEN.findall(html)) | {HEADER_TOKEN.search(html).group(1)}
        assert len(tokens) == 1  # the logout form and htmx carry the page's one token
    assert "Antrean kerja" in first and "Data saya" not in first


def test_each_role_and_language_has_its_own_parts(app, client, auth, world):
    auth.login("warga@test.id")
    resident = _page(client, "/me/")
    assert "Data saya" in resident and "Antrean kerja" not in resident
    english = _page(client, "/me/?lang=en")
    assert 'lang="en"' in english and "Bahasa Indonesia" in english and "Data saya" not in english
    client.post("/logout")
    auth.login("petugas@test.id")
    staff = _page(client, "/staff/")
    assert "Antrean kerja" in staff and "Data saya" not in staff


def test_two_sessions_get_their_own_token_in_the_kept_parts(app, world, auth):
    tokens = []
    for _ in range(2):
        client = app.test_client()
        html = _page(client, "/login")
        tokens.append(HEADER_TOKEN.search(html).group(1))
    assert tokens[0] != tokens[1]


def test_a_cache_of_size_zero_keeps_nothing_and_pages_still_render(app, client, auth, world):
    from app.core.fragments import FragmentCache

    empty = FragmentCache(0)
    empty.put("key", "<p>row</p>")
    assert empty.get("key") is None and empty.get_or_render("key", lambda: "<p>row</p>") == "<p>row</p>"
    kept = app.extensions["lokerwarga.fragments"]
    app.extensions["lokerwarga.fragments"] = empty
    try:
        auth.login("petugas@test.id")
        html = _page(client, f"/staff/vacancies/{world.vacancy.id}/suggestions")
        assert "Antrean kerja" in html and "slot-" not in html and empty.csrf_slot not in html
    finally:
        app.extensions["lokerwarga.fragments"] = kept


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
        assert datetime_id(moment) == "2 March 2026, 00.30 WIB"
