"""Links in emails come from the configured public address, never from the request's Host or
X-Forwarded-Host (password-reset poisoning), and requests for other hosts are refused."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app import create_app
from app.extensions import db
from app.models import Outbox

PUBLIC = "https://loker.tangerangkota.go.id"
KEY = "k3y-" + "x7Qm9vR2pL5sT8wZ" * 3


@pytest.fixture
def make_app(app):
    """Another app on the suite's database, configured as a deployment would be."""
    made = []

    def build(**config):
        other = create_app({"TESTING": True, "SECRET_KEY": KEY, "WTF_CSRF_ENABLED": False,
                            "SQLALCHEMY_DATABASE_URI": db.engine.url.render_as_string(hide_password=False), **config})
        made.append(other)
        return other

    yield build
    for other in made:
        with other.app_context():
            db.engine.dispose()


def _reset_email() -> str:
    db.session.rollback()  # see what the other app committed
    message = db.session.scalar(select(Outbox).where(Outbox.recipient == "hrd@test.id"))
    assert message is not None
    return message.body


@pytest.mark.parametrize("headers, proxies", [
    ({"Host": "evil.example"}, 0),
    ({"X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "http"}, 1),
])
def test_reset_link_carries_the_configured_address_whatever_the_request_says(make_app, world, headers, proxies):
    # TRUSTED_HOSTS lifted, so that the request reaches the link-building code at all.
    other = make_app(PUBLIC_BASE_URL=PUBLIC, PROXY_FIX=proxies, TRUSTED_HOSTS=None)
    response = other.test_client().post("/reset", data={"login": "hrd@test.id"}, headers=headers)
    assert response.status_code == 303
    body = _reset_email()
    assert "evil.example" not in body
    assert f"{PUBLIC}/reset/" in body


def test_without_a_base_url_links_use_server_name(make_app, world):
    other = make_app(SERVER_NAME="loker.example.go.id", PREFERRED_URL_SCHEME="https", PROXY_FIX=1)
    other.test_client().post("/reset", data={"login": "hrd@test.id"}, base_url="https://loker.example.go.id",
                             headers={"X-Forwarded-Host": "evil.example"})
    body = _reset_email()
    assert "evil.example" not in body and "https://loker.example.go.id/reset/" in body


@pytest.mark.parametrize("headers, proxies", [
    ({"Host": "evil.example"}, 0),
    ({"X-Forwarded-Host": "evil.example"}, 1),
])
def test_requests_for_another_host_are_refused(make_app, world, headers, proxies):
    other = make_app(PUBLIC_BASE_URL=PUBLIC, PROXY_FIX=proxies)
    client = other.test_client()
    assert client.get("/login", base_url=PUBLIC).status_code == 200
    assert client.post("/reset", data={"login": "hrd@test.id"}, base_url=PUBLIC, headers=headers).status_code == 400
    db.session.rollback()
    assert db.session.scalar(select(Outbox)) is None


def test_base_url_from_the_environment_sets_the_trusted_hosts(monkeypatch, tmp_path):
    from app.config import build_config

    monkeypatch.setenv("PUBLIC_BASE_URL", PUBLIC + "/")
    monkeypatch.setenv("TRUSTED_HOSTS", "localhost")
    config = build_config(tmp_path, {"SECRET_KEY": KEY, "NIK_ENC_KEYS": ["x"], "NIK_HMAC_KEY": "y"})
    assert config["PUBLIC_BASE_URL"] == PUBLIC
    assert config["TRUSTED_HOSTS"] == ["localhost", "loker.tangerangkota.go.id"]
