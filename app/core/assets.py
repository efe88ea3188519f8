"""Weight and caching of what the browser downloads: compressed text responses, static files
with a content hash in their URL (cached for a year), and the language-switch link.

Every static URL is still built with `url_for('static', filename=...)`: a URL default adds
`?v=<hash of the file>`, and a response whose `v` matches the file's current hash is marked
immutable. A changed file gets a new URL, so a cached copy is never stale.
"""
from __future__ import annotations

import gzip
import hashlib
import os
from urllib.parse import urlencode

import brotli
from flask import Flask, current_app, g, request, url_for
from markupsafe import Markup

from ..extensions import compress

YEAR = 365 * 24 * 3600
_hashes: dict[str, tuple[float, str]] = {}


def static_hash(filename: str) -> str | None:
    """A short content hash of a file under static/, recomputed only when the file changes."""
    static = current_app.static_folder
    if not static:
        return None
    path = os.path.join(static, filename)
    try:
        mtime = os.stat(path).st_mtime
    except (OSError, ValueError):
        return None
    cached = _hashes.get(path)
    if cached and cached[0] == mtime:
        return cached[1]
    with open(path, "rb") as handle:
        digest = hashlib.sha256(handle.read()).hexdigest()[:12]
    _hashes[path] = (mtime, digest)
    return digest


def _version_static_urls(endpoint: str, values: dict) -> None:
    if endpoint == "static" and "filename" in values and "v" not in values:
        digest = static_hash(values["filename"])
        if digest:
            values["v"] = digest


COMPRESSIBLE = {"text/css", "text/javascript", "application/javascript", "image/svg+xml", "application/json"}
_compressed: dict[tuple[str, float, str], bytes] = {}


def _compressed_file(path: str, algorithm: str) -> bytes:
    """A static file compressed once per process (and again only when it changes)."""
    mtime = os.stat(path).st_mtime
    key = (path, mtime, algorithm)
    if key not in _compressed:
        with open(path, "rb") as handle:
            data = handle.read()
        if algorithm == "br":
            _compressed[key] = brotli.compress(data, quality=11)
        else:
            _compressed[key] = gzip.compress(data, 9)
    return _compressed[key]


def _cache_static(response):
    if request.endpoint != "static" or response.status_code not in (200, 304):
        return response
    filename = (request.view_args or {}).get("filename", "")
    version = request.args.get("v")
    if version and version == static_hash(filename):
        response.cache_control.no_cache = None
        response.cache_control.public = True
        response.cache_control.max_age = YEAR
        response.cache_control.immutable = True
    accepted = request.headers.get("Accept-Encoding", "")
    algorithm = "br" if "br" in accepted else "gzip" if "gzip" in accepted else None
    if response.status_code == 200 and algorithm and response.mimetype in COMPRESSIBLE:
        body = _compressed_file(os.path.join(current_app.static_folder, filename), algorithm)
        response.close()  # the file that send_file opened
        response.direct_passthrough = False
        response.set_data(body)
        response.headers["Content-Encoding"] = algorithm
        response.vary.add("Accept-Encoding")
        etag, weak = response.get_etag()
        if etag:
            response.set_etag(f"{etag}:{algorithm}", weak=weak)
    return response


def lang_url(lang: str) -> str:
    """This page in another language: same path, same query string, `lang` replaced.
    After a POST to an action that has no page of its own, the home page."""
    args = [(k, v) for k, v in request.args.items(multi=True) if k != "lang"] + [("lang", lang)]
    rule = request.url_rule
    if request.endpoint and rule is not None and "GET" in (rule.methods or ()):
        base = url_for(request.endpoint, **(request.view_args or {}))
    elif request.endpoint is None and request.method == "GET":
        base = request.script_root + request.path  # an error page: stay on the same address
    else:
        base = url_for("auth.index")
    return base + "?" + urlencode(args)


SPRITE = "vendor/icons.svg"  # built by `make setup` from the pinned icon package (app/core/icons.py)
_DECORATIVE = Markup(' aria-hidden="true"')
_LABELLED = Markup(' role="img" aria-label="%s"')
_ICON = Markup('<svg class="icon"%s focusable="false"><use href="%s#i-%s"></use></svg>')


def icon(name: str, label: str | None = None) -> Markup:
    """An icon of the sprite: decorative (hidden from screen readers) unless it has a label.

    A function rather than a macro: a page draws dozens of icons (menu, chips, buttons), and a
    Python call costs a fraction of a Jinja macro call."""
    return _ICON % (_LABELLED % label if label else _DECORATIVE, _sprite_url(), name)


def _sprite_url() -> str:
    """The sprite's versioned URL, built once per request: a page draws dozens of icons, and each
    static URL checks the file it names (static_hash)."""
    url = g.get("lokerwarga_sprite_url")
    if url is None:
        url = url_for("static", filename=SPRITE)
        g.lokerwarga_sprite_url = url
    return url


def init_app(app: Flask) -> None:
    app.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip", "deflate"])
    app.config.setdefault("COMPRESS_ALGORITHM_STREAMING", ["br", "gzip", "deflate"])
    # Pages are compressed on every request: the fastest levels cost a fifth of the defaults'
    # time for pages about a sixth larger (a 28 kB page: 3.9 kB instead of 3.3 kB). Static files
    # are compressed once at the highest level (_compressed_file).
    app.config.setdefault("COMPRESS_BR_LEVEL", 1)
    app.config.setdefault("COMPRESS_LEVEL", 1)
    compress.init_app(app)
    app.url_defaults(_version_static_urls)
    app.after_request(_cache_static)
    app.jinja_env.globals.update(lang_url=lang_url, icon=icon)
