"""Absolute links for emails, letters and messages, built from the configured public address.

A link that leaves the page it was made on (a reset email, an answer link, the QR code on a
letter) must never carry the Host or X-Forwarded-Host a client sent: anyone could ask for a reset
of someone else's account with `Host: evil.example` and receive the token at their own server.
The address comes from PUBLIC_BASE_URL, else SERVER_NAME with PREFERRED_URL_SCHEME and
APPLICATION_ROOT, else the local development address."""
from __future__ import annotations

import os
from urllib.parse import urlsplit

from flask import Flask, current_app
from werkzeug.exceptions import SecurityError


def public_base_url() -> str:
    config = current_app.config
    if config.get("PUBLIC_BASE_URL"):
        return config["PUBLIC_BASE_URL"]
    if config.get("SERVER_NAME"):
        root = (config.get("APPLICATION_ROOT") or "/").rstrip("/")
        return f"{config.get('PREFERRED_URL_SCHEME') or 'http'}://{config['SERVER_NAME']}{root}"
    return f"http://localhost:{os.environ.get('PORT') or 5000}"  # `make run` and `make serve`


def external_url(endpoint: str, **values) -> str:
    """`url_for(endpoint, _external=True, **values)` at the configured address, whatever the request."""
    base = urlsplit(public_base_url())
    current_app.inject_url_defaults(endpoint, values)
    adapter = current_app.url_map.bind(base.netloc, script_name=base.path or "/", url_scheme=base.scheme or "https")
    return adapter.build(endpoint, values, force_external=True)


def host_of(base_url: str) -> str:
    return urlsplit(base_url).hostname or ""


def base_url_warning(app: Flask) -> str | None:
    """Why links in emails and letters will be wrong in production, or None.

    Without PUBLIC_BASE_URL (or SERVER_NAME) every link that leaves the app falls back to the
    local development address, and no host is refused: a reset email, an employer's answer link
    and the QR code on a letter point to this machine instead of the address residents use."""
    if app.debug or app.testing or app.config.get("PUBLIC_BASE_URL") or app.config.get("SERVER_NAME"):
        return None
    with app.app_context():
        fallback = public_base_url()
    return (f"WARNING: PUBLIC_BASE_URL is not set: links in emails and letters (password reset, answer links, "
            f"the QR code on referral letters) will point to {fallback}, and requests naming any host are "
            "answered. Set PUBLIC_BASE_URL to the address residents reach the app at, e.g. "
            "PUBLIC_BASE_URL=https://loker.tangerangkota.go.id (docs/operations.md).")


def _untrusted_host(error: SecurityError):
    # Plain text: no URL can be built for a request whose host was refused, so no page template.
    return "400 Bad Request: unknown host", 400, {"Content-Type": "text/plain; charset=utf-8"}


def init_app(app: Flask) -> None:
    """Requests for a host outside TRUSTED_HOSTS get a plain 400 (Flask checks the host); a
    production configuration without PUBLIC_BASE_URL is warned about in the log."""
    app.register_error_handler(SecurityError, _untrusted_host)
    warning = base_url_warning(app)
    if warning:
        app.logger.warning(warning)
