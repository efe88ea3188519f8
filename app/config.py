"""Configuration: defaults, then the environment, then secrets kept under instance/."""
from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTANCE = ROOT / "instance"


def database_url(url: str) -> str:
    """Accept a plain postgresql:// URL and pick the driver the project installs."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def load_secrets(instance_path: Path) -> dict[str, str]:
    """Read random keys from instance/secrets.json, writing them (mode 0600) on first run."""
    path = instance_path / "secrets.json"
    if path.exists():
        return json.loads(path.read_text())
    instance_path.mkdir(parents=True, exist_ok=True)
    values = {"SECRET_KEY": secrets.token_urlsafe(48)}
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        json.dump(values, handle)
    return values


def build_config(instance_path: Path, overrides: dict | None = None) -> dict:
    overrides = dict(overrides or {})
    config: dict = {
        "SQLALCHEMY_DATABASE_URI": "sqlite:///" + str(instance_path / "lokerwarga.db"),
        "SQLALCHEMY_ENGINE_OPTIONS": {},
        "BABEL_DEFAULT_LOCALE": "id",
        "BABEL_DEFAULT_TIMEZONE": "Asia/Jakarta",
        "BABEL_TRANSLATION_DIRECTORIES": str(ROOT / "translations"),
        "LANGUAGES": ("id", "en"),
        "WTF_CSRF_TIME_LIMIT": None,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "PER_PAGE": 20,
        "SUGGESTIONS_PER_VACANCY": 50,
        "SUGGESTIONS_PER_SEEKER": 20,
        "REFERRAL_ANSWER_DAYS": 7,
        "CLAIM_CODE_HOURS": 72,
        "DEMO_LOADING": False,
    }
    if os.environ.get("DATABASE_URL"):
        config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]
    if os.environ.get("SECRET_KEY"):
        config["SECRET_KEY"] = os.environ["SECRET_KEY"]
    config.update(overrides)
    if not config.get("SECRET_KEY"):
        config["SECRET_KEY"] = load_secrets(instance_path)["SECRET_KEY"]
    config["SQLALCHEMY_DATABASE_URI"] = database_url(config["SQLALCHEMY_DATABASE_URI"])
    return config
