"""The session cookie (Flask's signed cookie, app.core.web.SessionInterface) and the anti-CSRF
token (Flask-WTF): neither may be accepted beyond what its signature and lifetime allow, and a
token belongs to its own session."""
import re

import pytest
from itsdangerous import TimestampSigner

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


def test_a_session_is_refused_once_it_is_older_than_its_lifetime(app, monkeypatch):
    cookie = _cookie(app, {"_user_id": "1:0", "seen_at": 5})
    assert dict(_open(app, cookie)) == {"_user_id": "1:0", "seen_at": 5}
    lifetime = int(app.permanent_session_lifetime.total_seconds())
    real_time = TimestampSigner.get_timestamp
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: real_time(self) + lifetime + 5)
    assert dict(_open(app, cookie)) == {}


def test_a_changed_cookie_or_another_key_opens_an_empty_session(app):
    cookie = _cookie(app, {"_user_id": "1:0"})
    assert dict(_open(app, cookie)) == {"_user_id": "1:0"}
    payload, _dot, signature = cookie.rpartition(".")
    forged = payload + "." + ("A" if signature[0] != "A" else "B") + signature[1:]
    assert dict(_open(app, forged)) == {}
    other = _cookie(app, {"_user_id": "2:0"}, secret="another-secret")
    assert dict(_open(app, other)) == {}  # signed with a key this app does not have


@pytest.fixture
def csrf_on(app):
    assert app.config.get("WTF_CSRF_ENABLED", True)  # the suite runs with CSRF protection on
    yield


def test_a_session_token_is_accepted_and_not_shared(app, world, csrf_on):
    client = app.test_client()
    first = TOKEN.search(client.get("/login").get_data(as_text=True)).group(1)
    second = TOKEN.search(client.get("/login").get_data(as_text=True)).group(1)
    response = client.post("/login", data={"csrf_token": second, "login": "warga@test.id", "password": "salah-sekali"})
    assert response.status_code == 422  # the form was checked: the token was accepted
    other = app.test_client()
    assert TOKEN.search(other.get("/login").get_data(as_text=True)).group(1) not in (first, second)
    refused = other.post("/login", data={"csrf_token": first, "login": "warga@test.id", "password": "salah-sekali"})
    assert refused.status_code == 400  # one session's token is no good in another
    assert other.post("/login", data={"login": "warga@test.id", "password": "salah-sekali"},
                      csrf=False).status_code == 400
