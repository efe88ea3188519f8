"""A production configuration without PUBLIC_BASE_URL is warned about: in the log when the app
is made, by the start-up checks of `make serve`, and by `flask --app app check`."""
from __future__ import annotations

import logging

import pytest

from app import create_app
from app.core import links, serving
from app.extensions import db

GOOD_KEY = "k3y-" + "x7Qm9vR2pL5sT8wZ" * 3


def _production_app(tmp_path, **config):
    app = create_app({"SECRET_KEY": GOOD_KEY, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'p.db'}", **config})
    with app.app_context():
        db.create_all()  # the checks count demo accounts
        db.engine.dispose()
    return app


def test_create_app_logs_a_warning_without_public_base_url(tmp_path, caplog):
    with caplog.at_level(logging.WARNING):
        app = _production_app(tmp_path)
    warnings = [r.getMessage() for r in caplog.records if "PUBLIC_BASE_URL is not set" in r.getMessage()]
    assert len(warnings) == 1 and "http://localhost:" in warnings[0]
    assert links.base_url_warning(app) == warnings[0]


@pytest.mark.parametrize("config", [{"PUBLIC_BASE_URL": "https://loker.tangerangkota.go.id"},
                                    {"SERVER_NAME": "loker.tangerangkota.go.id"}, {"TESTING": True}, {"DEBUG": True}])
def test_no_warning_when_the_address_is_configured_or_not_in_production(tmp_path, caplog, config):
    with caplog.at_level(logging.WARNING):
        app = _production_app(tmp_path, **config)
    assert not [r for r in caplog.records if "PUBLIC_BASE_URL" in r.getMessage()]
    assert links.base_url_warning(app) is None


def test_start_up_checks_and_the_check_command_warn(tmp_path):
    app = _production_app(tmp_path)
    (warning,) = serving.check(app)
    assert warning.startswith("WARNING: PUBLIC_BASE_URL is not set")
    result = app.test_cli_runner().invoke(args=["check"])
    assert result.exit_code == 0, result.output
    assert "PUBLIC_BASE_URL is not set" in result.stderr and "1 warning(s)" in result.stdout
    configured = _production_app(tmp_path, PUBLIC_BASE_URL="https://loker.tangerangkota.go.id")
    assert serving.check(configured) == []
    result = configured.test_cli_runner().invoke(args=["check"])
    assert result.exit_code == 0 and "0 warning(s)" in result.stdout and result.stderr == ""


def test_the_check_command_refuses_a_placeholder_key(tmp_path):
    app = _production_app(tmp_path, PUBLIC_BASE_URL="https://loker.tangerangkota.go.id")
    app.config["SECRET_KEY"] = "change-me"
    result = app.test_cli_runner().invoke(args=["check"])
    assert result.exit_code == 1 and "placeholder" in result.stderr
