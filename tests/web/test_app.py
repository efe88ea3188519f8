"""Application-wide behaviour: health, CSRF, headers, errors."""
import pytest

from app import create_app


def test_healthz_up(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json == {"status": "ok"}


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


@pytest.fixture
def csrf_client(_app):
    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret",
                      "SQLALCHEMY_DATABASE_URI": _app.config["SQLALCHEMY_DATABASE_URI"]})
    yield app.test_client()
    with app.app_context():
        from app.extensions import db

        db.engine.dispose()


def test_missing_csrf_token_is_refused_with_400(csrf_client, app, world):
    response = csrf_client.post("/login", data={"login": "warga@test.id", "password": "rahasia123"})
    assert response.status_code == 400 and "Formulir kedaluwarsa" in response.get_data(as_text=True)


def test_csrf_token_in_header_is_accepted(csrf_client, app, world):
    page = csrf_client.get("/login").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    response = csrf_client.post("/login", data={"login": "warga@test.id", "password": "rahasia123"},
                                headers={"X-CSRFToken": token})
    assert response.status_code == 303
    body = csrf_client.get("/me/").get_data(as_text=True)
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


def test_a_token_from_another_session_is_refused(csrf_client, _app, app, world):
    from app import create_app

    other = create_app({"TESTING": True, "SECRET_KEY": "test-secret",
                        "SQLALCHEMY_DATABASE_URI": _app.config["SQLALCHEMY_DATABASE_URI"]}).test_client()
    page = other.get("/login").get_data(as_text=True)
    foreign = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    csrf_client.get("/login")
    response = csrf_client.post("/login", data={"login": "warga@test.id", "password": "rahasia123", "csrf_token": foreign})
    assert response.status_code == 400
    with other.application.app_context():
        from app.extensions import db

        db.engine.dispose()


def test_nul_characters_are_dropped_not_stored(client, auth, world):
    from app.extensions import db

    auth.login("warga@test.id")
    response = client.post("/me/experience", data={"exp-title": "Ka\x00sir", "exp-years": "1"})
    assert response.status_code == 303
    db.session.refresh(world.seeker)
    assert world.seeker.experiences[0].title == "Kasir"
    assert client.get("/me/vacancies?q=op\x00erator").status_code == 200


def test_wage_range_shows_one_figure_when_the_ends_agree():
    from app.core.web import wage_range

    assert wage_range(3_000_000, 4_500_000) == "Rp3.000.000 – Rp4.500.000"
    assert wage_range(4_000_000, 4_000_000) == "Rp4.000.000"
    assert wage_range(None, 4_000_000) == wage_range(4_000_000, None) == "Rp4.000.000"
    assert wage_range(None, None) == ""
