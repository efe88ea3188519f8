"""Rendered HTML of list rows, kept per worker process and keyed on everything the row shows.

A long list (a vacancy's twenty suggestions with their reasons) spends most of its time in the
template, rendering the same rows again for every request. Each row is rendered once for a key
built from the values it displays, so a changed value is a new key and nothing needs to be
invalidated; the least recently used rows go when the cache is full.

The anti-CSRF token differs per session: rows are rendered with a per-process slot in its place,
and the slot is filled with the requesting session's token when the row is served.

The parts of the page layout that are the same for every user of a role in a language (the menu,
the links to styles and scripts, the footer) are kept the same way (`layout_part`).
"""
from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable, Hashable

from cachetools import LRUCache
from flask import Flask, current_app, g, render_template, request, session
from flask_babel import get_locale
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup, escape

EXTENSION = "lokerwarga.fragments"


class FragmentCache:
    def __init__(self, maxsize: int) -> None:
        self._rows: LRUCache = LRUCache(maxsize=maxsize)
        self._lock = threading.Lock()  # gthread workers share one cache per process
        # Random per process, so no stored value (a name, a note) can ever spell it.
        self.csrf_slot = "csrf-" + secrets.token_hex(12)
        self._slot_prefix = "slot-" + secrets.token_hex(12) + "-"
        self.hits = 0
        self.misses = 0

    def get_or_render(self, key: Hashable, render: Callable[[], str]) -> str:
        html = self.get(key)
        if html is None:
            html = str(render())
            self.put(key, html)
        return html

    def get(self, key: Hashable):
        """What is kept under `key`, or None (counted as a miss)."""
        if not self._rows.maxsize:  # FRAGMENT_CACHE_ROWS = 0: keep nothing
            self.misses += 1
            return None
        with self._lock:
            value = self._rows.get(key)
        if value is None:
            self.misses += 1
        else:
            self.hits += 1
        return value

    def put(self, key: Hashable, value) -> None:
        if not self._rows.maxsize:
            return
        with self._lock:
            self._rows[key] = value

    def slot(self, name: str) -> str:
        """The stand-in for a per-request value `name` in a kept fragment."""
        return self._slot_prefix + name

    def with_token(self, html: str) -> str:
        """`html` with this session's anti-CSRF token in every slot of it."""
        return html.replace(self.csrf_slot, request_csrf_token()) if self.csrf_slot in html else html

    def clear(self) -> None:
        with self._lock:
            self._rows.clear()


SIGNED_TOKEN_SECONDS = 60  # a page's token is at most this much older than the page
_signed_tokens: LRUCache = LRUCache(maxsize=4096)
_signed_lock = threading.Lock()


def request_csrf_token() -> str:
    """The session's anti-CSRF token, signed as Flask-WTF's `generate_csrf` signs it. Signing
    (a key derivation and an HMAC) is done once a minute per session and kept, instead of once
    per request. A token is checked against its session (WTF_CSRF_TIME_LIMIT is off), so one
    signed a minute earlier is as good as a new one."""
    token = g.get("csrf_token")  # where generate_csrf keeps it for the rest of the request
    if token or current_app.config.get("WTF_CSRF_TIME_LIMIT") is not None:  # an older token expires sooner
        return token or generate_csrf()
    raw = session.get("csrf_token")
    key = (current_app.config.get("WTF_CSRF_SECRET_KEY") or current_app.secret_key, raw)
    now = time.monotonic()
    if raw:
        with _signed_lock:
            kept = _signed_tokens.get(key)
        if kept is not None and now - kept[1] < SIGNED_TOKEN_SECONDS:
            g.csrf_token = kept[0]
            return kept[0]
    token = generate_csrf()
    with _signed_lock:
        _signed_tokens[(key[0], session.get("csrf_token"))] = (token, now)
    return token


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = FragmentCache(app.config.get("FRAGMENT_CACHE_ROWS", 20_000))
    # Registered after CSRFProtect's processor, so templates call this one.
    app.context_processor(lambda: {"csrf_token": request_csrf_token})
    app.jinja_env.globals["layout_part"] = layout_part


def fragment_cache() -> FragmentCache:
    return current_app.extensions[EXTENSION]


def join_rows(rows: list[str]) -> Markup:
    """The rows as one piece of markup, with this session's anti-CSRF token in every slot."""
    return Markup(fragment_cache().with_token("".join(rows)))  # nosec B704: rows come from autoescaped templates


def kept_template(template: str, shown: tuple, **context) -> Markup:
    """`template` rendered with `context` once per worker for the values it shows (`shown`, which
    must hold every one of them), in the request's language and under its URL prefix. For parts
    without forms: no token is filled in."""
    key = (template, str(get_locale()), request.script_root, *shown)
    return Markup(fragment_cache().get_or_render(  # nosec B704: the part comes from an autoescaped template
        key, lambda: render_template(template, **context)))


# The static files the layout links to: in development their content hashes are part of the
# layout's key, so a changed file is linked under its new URL at once.
LAYOUT_ASSETS = ("favicon.svg", "css/app.css", "vendor/htmx.min.js", "js/app.js")


def layout_part(template: str, **per_request: str) -> Markup:
    """A part of the layout, rendered once per worker for each role and language. The values in
    `per_request` (a URL of this page, say) are rendered as slots and filled in, escaped, when
    the part is served, as is the session's anti-CSRF token."""
    from .assets import static_hash
    from .web import select_locale

    cache = fragment_cache()
    role = current_user.role if current_user.is_authenticated else None
    # In production the static files change only with a new release (and a restart); in
    # development they are checked on every page.
    assets = tuple(static_hash(name) for name in LAYOUT_ASSETS) if current_app.debug else ()
    key = ("layout", template, request.script_root, role, select_locale(), assets)  # the template's current_lang
    slots = {name: Markup(cache.slot(name)) for name in per_request}  # nosec B704: letters and hex digits
    html = cache.get_or_render(key, lambda: render_template(template, csrf=cache.csrf_slot, **slots))
    for name, value in per_request.items():
        html = html.replace(cache.slot(name), str(escape(value)))
    return Markup(cache.with_token(html))  # nosec B704: the part comes from an autoescaped template
