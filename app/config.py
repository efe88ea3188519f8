"""Configuration: defaults, then the environment, then secrets kept under instance/."""
from __future__ import annotations

import json
import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

from .core.crypto import new_key

ROOT = Path(__file__).resolve().parent.parent
INSTANCE = ROOT / "instance"
SECRET_NAMES = ("SECRET_KEY", "NIK_ENC_KEYS", "NIK_HMAC_KEY", "AUDIT_KEY")


def database_url(url: str) -> str:
    """Accept a plain postgresql:// URL and pick the driver the project installs."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def env_flag(value: str) -> bool:
    """An on/off setting from the environment: true/yes/on/1 or false/no/off/0."""
    text = value.strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off", ""):
        return False
    raise ValueError(f"expected true or false, not {value!r}")


def _random_secrets() -> dict:
    return {"SECRET_KEY": secrets.token_urlsafe(48), "NIK_ENC_KEYS": [new_key()], "NIK_HMAC_KEY": new_key(),
            "AUDIT_KEY": new_key()}


def load_secrets(instance_path: Path) -> dict:
    """Read random keys from instance/secrets.json, writing them (mode 0600) on first run and
    adding any key a newer version needs."""
    path = instance_path / "secrets.json"
    values = json.loads(path.read_text()) if path.exists() else {}
    missing = {k: v for k, v in _random_secrets().items() if k not in values}
    if missing:
        values.update(missing)
        instance_path.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            json.dump(values, handle)
        os.replace(tmp, path)
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
        "SUGGESTIONS_SHOWN": 10,  # rows on a vacancy's suggestions page before "show more" (the top 10 is what is evaluated)
        "SUGGESTIONS_PER_SEEKER": 20,
        "REFERRAL_ANSWER_DAYS": 7,
        # The staff home's triage queue: days after which a vacancy waiting for review, and a
        # registration or company waiting for verification, count as overdue (app/staff/triage.py).
        "TRIAGE_REVIEW_DAYS": 2,
        "TRIAGE_VERIFY_DAYS": 3,
        # An employer sees a resident it refused (or who withdrew) this long after that final answer.
        "EMPLOYER_ACCESS_DAYS_AFTER_ANSWER": 30,
        "CLAIM_CODE_HOURS": 72,
        "DEMO_LOADING": False,
        "SESSION_IDLE_MINUTES": {"staff": 30, "admin": 30, "city": 60, "employer": 120, "seeker": 240},
        "SESSION_ABSOLUTE_HOURS": 12,
        "LOGIN_MAX_FAILURES": 10,
        "LOGIN_WINDOW_SECONDS": 60,
        # Per account from any address: free failures a day, then a doubling delay up to the cap
        # (app/auth/throttle.py); per address across accounts: failures per window.
        "LOGIN_ACCOUNT_FREE_FAILURES": 10,
        "LOGIN_ACCOUNT_MAX_DELAY": 900,
        "LOGIN_ADDRESS_MAX_FAILURES": 50,
        "LOGIN_ADDRESS_WINDOW_SECONDS": 3600,
        "REGISTER_MAX_PER_WINDOW": 20,
        "REGISTER_MAX_REFUSALS_PER_DAY": 5,  # a NIK, phone or email already registered, per address
        "TOTP_ISSUER": "LokerWarga",
        "PASSWORD_MIN_LENGTH": 8,
        "CV_MAX_BYTES": 2 * 1024 * 1024,
        "MAX_CONTENT_LENGTH": 3 * 1024 * 1024,  # a request larger than any form or CV is refused (413)
        "RETENTION_DAYS": 730,
        # Counts of 1 to this minus one person are hidden in every figure that leaves the kelurahan
        # office (city dashboard, its downloads, the city's monthly report and exports):
        # app/reports/disclosure.py, docs/security.md.
        "SMALL_CELL_THRESHOLD": 5,
        "DATA_REQUEST_HOURS": 72,
        # UMK Kota Tangerang per year (Kepgub Banten); a full-time offer below it is flagged to staff.
        # Add each new year when the governor sets it (usually November); until then vacancies of a
        # year not listed are compared with the latest earlier year and the flag says so (README).
        "UMK": {"2025": 5069708.36, "2026": 5399405.69},
        # Serving and background jobs (see app/core/serving.py and app/jobs/).
        # The address residents reach the app at: every link in an email or letter starts with it,
        # and requests for any other host are refused (app/core/links.py, docs/operations.md).
        "PUBLIC_BASE_URL": None,
        "PROXY_FIX": 0,  # number of reverse proxies in front that set X-Forwarded-* headers
        "RANKING_UPDATES": "inline",  # "worker": suggestions refresh in the background worker (make serve)
        "JOBS_BACKEND": "db",  # "db": the embedded runner (a table); "rq": RQ on Redis
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "JOBS_QUEUE": "lokerwarga",
        "JOBS_POLL_SECONDS": 1.0,
        "JOBS_TICK_SECONDS": 3600,
        "JOBS_KEEP_DAYS": 30,
        # The lease of a running job: its worker renews the heartbeat this often, and a job whose
        # heartbeat is older than the lease was abandoned (a killed worker) and is taken back by
        # any worker, up to JOBS_MAX_ATTEMPTS runs; then it fails with the reason shown.
        "JOBS_HEARTBEAT_SECONDS": 15,
        "JOBS_LEASE_SECONDS": 120,
        "JOBS_MAX_ATTEMPTS": 3,
        # Who this worker is: the same name after a restart (a container's hostname changes
        # nothing if WORKER_ID is set) lets it take its own abandoned jobs back at once.
        "WORKER_ID": "",
        # The worker's fit and ranking run this much nicer than the web workers (Linux; 0: off).
        # Off: at city size on SQLite it did not make the desk faster (docs/benchmarks.md).
        "WORKER_NICE": 0,
        "JOBS_RECONNECT_MAX_SECONDS": 60,  # a worker that lost the database or Redis tries again, waiting up to this
        # Bounded waits on the database. PostgreSQL: every statement, and every wait for a lock;
        # SQLite: a web request's wait for the write lock (commands and the worker wait longer).
        # A request that runs out of time gets a "coba lagi" page (503), /healthz a 503 within
        # HEALTH_TIMEOUT_MS instead of hanging (app/core/timeouts.py, app/jobs/health.py).
        "DB_STATEMENT_TIMEOUT_MS": 30000,
        "DB_LOCK_TIMEOUT_MS": 5000,
        "SQLITE_WEB_BUSY_MS": 3000,
        "HEALTH_TIMEOUT_MS": 2000,
        "BACKUP_DIR": str(instance_path / "backups"),
        # Mail (app/core/outbox.py): SMTP_SSL for port 465, else STARTTLS unless turned off;
        # certificates are verified either way. Temporary refusals wait MAIL_RETRY_SECONDS,
        # doubling each time; after MAIL_MAX_ATTEMPTS the message is set aside.
        "SMTP_PORT": 587,
        "SMTP_STARTTLS": True,
        "SMTP_SSL": False,
        "SMTP_TIMEOUT": 30,
        "MAIL_FROM": "lokerwarga@localhost",
        "MAIL_RETRY_SECONDS": 60,
        "MAIL_MAX_ATTEMPTS": 8,
    }
    if os.environ.get("DATABASE_URL"):
        config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]
    if os.environ.get("SECRET_KEY"):
        config["SECRET_KEY"] = os.environ["SECRET_KEY"]
    for name in ("JOBS_BACKEND", "REDIS_URL", "JOBS_QUEUE", "BACKUP_DIR", "RANKING_UPDATES", "WORKER_ID"):
        if os.environ.get(name):
            config[name] = os.environ[name]
    if os.environ.get("PROXY_FIX"):
        value = os.environ["PROXY_FIX"].strip().lower()
        config["PROXY_FIX"] = 1 if value in ("true", "yes", "on") else 0 if value in ("false", "no", "off") else int(value)
    if os.environ.get("PUBLIC_BASE_URL"):
        config["PUBLIC_BASE_URL"] = os.environ["PUBLIC_BASE_URL"].strip().rstrip("/")
    if os.environ.get("TRUSTED_HOSTS"):  # comma-separated, beside the host of PUBLIC_BASE_URL
        config["TRUSTED_HOSTS"] = [h.strip() for h in os.environ["TRUSTED_HOSTS"].split(",") if h.strip()]
    for name in ("SMTP_HOST", "SMTP_USER", "SMTP_PASSWORD", "MAIL_FROM"):
        if os.environ.get(name):
            config[name] = os.environ[name]
    for name in ("SMALL_CELL_THRESHOLD", "SMTP_PORT", "SMTP_TIMEOUT", "MAIL_RETRY_SECONDS", "MAIL_MAX_ATTEMPTS",
                 "JOBS_HEARTBEAT_SECONDS", "JOBS_LEASE_SECONDS", "JOBS_MAX_ATTEMPTS", "JOBS_RECONNECT_MAX_SECONDS", "WORKER_NICE",
                 "DB_STATEMENT_TIMEOUT_MS", "DB_LOCK_TIMEOUT_MS", "SQLITE_WEB_BUSY_MS", "HEALTH_TIMEOUT_MS"):
        if os.environ.get(name):
            config[name] = int(os.environ[name])
    for name in ("SMTP_STARTTLS", "SMTP_SSL"):
        if os.environ.get(name):
            config[name] = env_flag(os.environ[name])
    if os.environ.get("NIK_ENC_KEYS"):  # comma-separated, newest first
        config["NIK_ENC_KEYS"] = [k.strip() for k in os.environ["NIK_ENC_KEYS"].split(",") if k.strip()]
    if os.environ.get("NIK_HMAC_KEY"):
        config["NIK_HMAC_KEY"] = os.environ["NIK_HMAC_KEY"]
    if os.environ.get("AUDIT_KEY"):  # signs the audit log's hash chain
        config["AUDIT_KEY"] = os.environ["AUDIT_KEY"]
    config.update(overrides)
    if config.get("PUBLIC_BASE_URL") and "TRUSTED_HOSTS" not in overrides:
        # Flask answers 400 to a request for any other Host (or X-Forwarded-Host behind PROXY_FIX).
        host = urlsplit(config["PUBLIC_BASE_URL"]).hostname
        config["TRUSTED_HOSTS"] = sorted({host, *config.get("TRUSTED_HOSTS", [])} - {None})
    if not all(config.get(k) for k in SECRET_NAMES):
        stored = load_secrets(instance_path)
        for key in SECRET_NAMES:
            config[key] = config.get(key) or stored[key]
    config["SQLALCHEMY_DATABASE_URI"] = database_url(config["SQLALCHEMY_DATABASE_URI"])
    if config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        config["SQLALCHEMY_ENGINE_OPTIONS"] = postgresql_timeouts(config)
    return config


def postgresql_timeouts(config: dict) -> dict:
    """Engine options giving every PostgreSQL session the configured statement and lock timeouts
    (0 turns one off), unless the engine options already pass server options of their own."""
    options = dict(config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
    connect_args = dict(options.get("connect_args") or {})
    connect_args.setdefault("options", f"-c statement_timeout={int(config['DB_STATEMENT_TIMEOUT_MS'])} "
                                       f"-c lock_timeout={int(config['DB_LOCK_TIMEOUT_MS'])}")
    options["connect_args"] = connect_args
    return options
