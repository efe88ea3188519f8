"""The session cookie's signature is checked once per cookie and kept (web.SessionInterface); the
anti-CSRF token is signed once a minute per session (fragments.request_csrf_token). Neither may
accept what the plain checks would refuse."""
import re

import pytest

import app.core.web as web

TOKEN = re.compile(r'data-hx-headers=\'\{"X-CSRFToken": "([^"]+)"\}\'')  # the layout's, for htmx


def _open(app, cookie: str):
    name = app.config["SESSION_COOKIE_NAME"]
    with app.test_request_context("/", headers={"Cookie": f"{name}={cookie}"}) as ctx:
        return app.session_interface.open_session(app, ctx.request)


def _cookie(app, data: dict, secret: str | None = None) -> str:
    kept = app.secret_key
    app.secret_key = secret or kept
    try:
        return app.session_interface.get_signing_serializer(app).dumps(data)
    finally:
        app.secret_key = kept


def test_a_kept_session_is_refused_once_it_is_older_than_its_lifetime(app, monkeypatch):
    cookie = _cookie(app, {"_user_id": "1:0", "seen_at": 5})
    assert dict(_open(app, cookie)) == {"_user_id": "1:0", "seen_at": 5}
    assert dict(_open(app, cookie)) == {"_user_id": "1:0", "seen_at": 5}  # now from what was kept
    lifetime = int(app.permanent_session_lifetime.total_seconds())
    real_time = web.time.time
    monkeypatch.setattr(web.time, "time", lambda: real_time() + lifetime + 5)
    assert dict(_open(app, cookie)) == {}


def test_a_changed_cookie_or_another_key_opens_an_empty_session(app):
    cookie = _cookie(app, {"_user_id": "1:0"})
    assert dict(_open(app, cookie)) == {"_user_id": "1:0"}
    payload, _dot, signature = cookie.rpartition(".")
    forged = payload + "." + ("A" if signature[0] != "A" else "B") + signature[1:]
    assert dict(_open(app, forged)) == {}
    other = _cookie(app, {"_user_id": "2:0"}, secret="another-secret")
    assert dict(_open(app, other)) == {}  # signed with a key this app does not have


def test_a_session_holding_a_list_is_read_fresh_every_time(app):
    cookie = _cookie(app, {"_flashes": [["message", "Tersimpan."]]})
    first = _open(app, cookie)
    first["_flashes"].append(["message", "changed by this request"])
    assert dict(_open(app, cookie)) == {"_flashes": [["message", "Tersimpan."]]}


@pytest.fixture
def csrf_on(app):
    assert app.config.get("WTF_CSRF_ENABLED", True)  # the suite runs with CSRF protection on
    yield


def test_the_token_kept_for_a_session_is_accepted_and_not_shared(app, world, csrf_on):
    client = app.test_client()
    first = TOKEN.search(client.get("/login").get_data(as_text=True)).group(1)
    second = TOKEN.search(client.get("/login").get_data(as_text=True)).group(1)
    assert first == second  # signed once, served again within the minute
    response = client.post("/login", data={"csrf_token": second, "login": "warga@test.id", "password": "salah-sekali"})
    assert response.status_code == 422  # the form was checked: the token was accepted
    other = app.test_client()
    assert TOKEN.search(other.get("/login").get_data(as_text=True)).group(1) != first
    refused = other.post("/login", data={"csrf_token": first, "login": "warga@test.id", "password": "salah-sekali"})
    assert refused.status_code == 400  # one session's token is no good in another


def test_a_long_cookie_is_checked_in_full_every_time(app):
    import secrets

    path = "/" + secrets.token_hex(800)  # random, so the cookie does not compress below the limit
    cookie = _cookie(app, {"pending_next": path})
    assert len(cookie) > app.session_interface.COOKIE_KEPT_MAX
    assert _open(app, cookie)["pending_next"] == path
    assert not any(key[-1] == cookie for key in app.session_interface._verified.keys())
