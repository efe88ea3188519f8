"""Application-wide behaviour: health, CSRF, headers, errors."""
import pytest

from app import create_app


def test_healthz_up(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json["status"] == "ok"


def test_healthz_down_when_database_is_unreachable(tmp_path):
    app = create_app({"TESTING": True, "SECRET_KEY": "x",
                      "SQLALCHEMY_DATABASE_URI": "sqlite:///" + str(tmp_path / "missing" / "x.db")})
    response = app.test_client().get("/healthz")
    assert response.status_code == 503


def test_healthz_waits_for_demo_data(app):
    app.config["DEMO_LOADING"] = True
    try:
        assert app.test_client().get("/healthz").status_code == 503
    finally:
        app.config["DEMO_LOADING"] = False


def test_missing_csrf_token_is_refused_with_400(client, world):
    response = client.post("/login", data={"login": "warga@test.id", "password": "rahasia123"}, csrf=False)
    assert response.status_code == 400 and "Formulir kedaluwarsa" in response.get_data(as_text=True)


def test_csrf_token_in_header_is_accepted(client, world):
    page = client.get("/login").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    response = client.post("/login", data={"login": "warga@test.id", "password": "rahasia123"},
                           headers={"X-CSRFToken": token}, csrf=False)
    assert response.status_code == 303
    body = client.get("/me/").get_data(as_text=True)
    assert 'data-hx-headers=\'{"X-CSRFToken": "' in body


def test_security_headers(client, auth, world):
    response = client.get("/login")
    csp = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp and "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    auth.login("warga@test.id")
    assert client.get("/me/").headers["Cache-Control"] == "no-store"


def test_pages_load_nothing_from_other_hosts(client, auth, world):
    auth.login("warga@test.id")
    for url in ("/", "/me/", "/me/vacancies", "/me/profile"):
        text = client.get(url).get_data(as_text=True)
        assert 'src="http' not in text and 'href="http' not in text.replace('href="https://wa.me', '')


def test_get_never_changes_state(client, auth, world):
    auth.login("warga@test.id")
    assert client.get(f"/me/vacancies/{world.vacancy.id}/interest").status_code == 405
    assert client.get("/logout").status_code == 405


def test_language_switch_is_remembered(client, world):
    assert 'lang="en"' in client.get("/login?lang=en").get_data(as_text=True)
    assert 'lang="en"' in client.get("/login").get_data(as_text=True)
    assert 'lang="id"' in client.get("/login?lang=id").get_data(as_text=True)


def test_a_token_from_another_session_is_refused(app, client, world):
    other = app.test_client()
    page = other.get("/login").get_data(as_text=True)
    foreign = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    client.get("/login")
    response = client.post("/login", data={"login": "warga@test.id", "password": "rahasia123", "csrf_token": foreign},
                           csrf=False)
    assert response.status_code == 400
