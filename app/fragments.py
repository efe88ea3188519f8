"""Rendered HTML of list rows, kept per worker process and keyed on everything the row shows.

A long list (a vacancy's twenty suggestions with their reasons) spends most of its time in the
template, rendering the same rows again for every request. Each row is rendered once for a key
built from the values it displays, so a changed value is a new key and nothing needs to be
invalidated; the least recently used rows go when the cache is full.

The anti-CSRF token differs per session: rows are rendered with a per-process slot in its place,
and the slot is filled with the requesting session's token when the row is served.
"""
from __future__ import annotations

import secrets
import threading
from collections.abc import Callable, Hashable

from cachetools import LRUCache
from flask import Flask, current_app
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

EXTENSION = "lokerwarga.fragments"


class FragmentCache:
    def __init__(self, maxsize: int) -> None:
        self._rows: LRUCache = LRUCache(maxsize=maxsize)
        self._lock = threading.Lock()  # gthread workers share one cache per process
        # Random per process, so no stored value (a name, a note) can ever spell it.
        self.csrf_slot = "csrf-" + secrets.token_hex(12)
        self.hits = 0
        self.misses = 0

    def get_or_render(self, key: Hashable, render: Callable[[], str]) -> str:
        with self._lock:
            html = self._rows.get(key)
        if html is None:
            self.misses += 1
            html = str(render())
            with self._lock:
                self._rows[key] = html
        else:
            self.hits += 1
        return html

    def clear(self) -> None:
        with self._lock:
            self._rows.clear()


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = FragmentCache(app.config.get("FRAGMENT_CACHE_ROWS", 20_000))


def fragment_cache() -> FragmentCache:
    return current_app.extensions[EXTENSION]


def join_rows(rows: list[str]) -> Markup:
    """The rows as one piece of markup, with this session's anti-CSRF token in every slot."""
    html = "".join(rows)
    cache = fragment_cache()
    if cache.csrf_slot in html:
        html = html.replace(cache.csrf_slot, generate_csrf())
    return Markup(html)  # nosec B704: rows come from autoescaped templates
