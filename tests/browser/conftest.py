"""Browser fixtures: the application served over real HTTP (CSRF on, as in production) on a
free local port, and headless Chromium driven by Playwright.

The served application is a second app object on the same database as the suite's `_app`,
so data built with the `world`/`make` factories (and committed) is what the browser sees, and
the `app` fixture still empties the tables after each test.
"""
from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from flask import got_request_exception
from werkzeug.serving import make_server

from app import create_app
from app.extensions import db

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"  # git-ignored
SCREENSHOTS = ARTIFACTS / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DESKTOP = {"width": 1280, "height": 800}
EXPECTED_STATUS_LOG = "Failed to load resource: the server responded with a status of 422 "
PHONE = {"width": 360, "height": 740}

# Runs in every document before the page's own scripts: keeps CSP violations on `window`
# and reports each one to the test at once (so none is lost when the page navigates away).
WATCH_SCRIPT = """
(() => {
  window.__cspViolations = [];
  document.addEventListener("securitypolicyviolation", (e) => {
    const v = {directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile,
               line: e.lineNumber, sample: e.sample, page: location.href};
    window.__cspViolations.push(v);
    if (window.__lwReportCsp) window.__lwReportCsp(v);
  });
})();
"""


@dataclass
class LiveServer:
    url: str
    app: object
    server_errors: list = field(default_factory=list)


@pytest.fixture(scope="session")
def _live_server(_app):
    live_app = create_app({
        "SECRET_KEY": "browser-test-secret",
        "SQLALCHEMY_DATABASE_URI": _app.config["SQLALCHEMY_DATABASE_URI"],
        "WTF_CSRF_ENABLED": True,
    })
    live = LiveServer(url="", app=live_app)

    def on_exception(sender, exception, **extra):
        live.server_errors.append(repr(exception))

    got_request_exception.connect(on_exception, live_app)
    werkzeug_log = logging.getLogger("werkzeug")
    old_level = werkzeug_log.level
    werkzeug_log.setLevel(logging.WARNING)  # no line per request in the test output
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    live.url = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield live
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
        got_request_exception.disconnect(on_exception, live_app)
        werkzeug_log.setLevel(old_level)
        with live_app.app_context():
            db.engine.dispose()


@pytest.fixture
def live_server(_live_server, app):
    """The served app for one test; depends on `app` so the tables are emptied afterwards."""
    _live_server.server_errors.clear()
    yield _live_server
    # The served app keeps its own in-memory ranking engine; forget it with the data. Its pooled
    # connections close too, so none outlives the test (a later test may restore the database file).
    _live_server.app.extensions.pop("lokerwarga.ranking", None)
    with _live_server.app.app_context():
        db.engine.dispose()
    errors = list(_live_server.server_errors)
    _live_server.server_errors.clear()
    assert not errors, f"the server raised: {errors}"


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (set CHROMIUM_PATH)")
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
    finally:
        playwright.stop()


class PageWatch:
    """Everything that went wrong in the browser: console errors, uncaught exceptions, CSP
    violations, failed or server-error responses, and requests to any other host."""

    def __init__(self, page, live: LiveServer):
        self.page = page
        self.live = live
        self.origin = urlsplit(live.url).netloc
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.csp_violations: list[dict] = []
        self.bad_responses: list[str] = []
        self.failed_requests: list[str] = []
        self.foreign_requests: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.page_errors.append(str(exc)))
        page.on("response", self._response)
        page.on("requestfailed", self._request_failed)
        page.on("request", self._request)

    def _console(self, msg):
        # Chromium logs every 4xx response as an error; 422 is the app's answer to a form with
        # errors (the design's rule), shown to the person as the form with its messages.
        if msg.type == "error" and not msg.text.startswith(EXPECTED_STATUS_LOG):
            where = msg.location or {}
            self.console_errors.append(f"{msg.text} ({where.get('url', '')}:{where.get('lineNumber', '')})")

    def _request_failed(self, request):
        # A navigation cancels what the previous page still had in flight (an icon, say):
        # that is the browser's choice, not a failure of the app.
        if request.failure != "net::ERR_ABORTED":
            self.failed_requests.append(f"{request.method} {request.url}: {request.failure}")

    def _response(self, response):
        if response.status >= 500:
            self.bad_responses.append(f"{response.status} {response.request.method} {response.url}")

    def _request(self, request):
        if urlsplit(request.url).netloc not in (self.origin, ""):
            self.foreign_requests.append(request.url)

    def report_csp(self, _source, violation):
        self.csp_violations.append(violation)

    def check(self, where: str = "") -> None:
        """Read the page's own CSP record too, then assert that nothing went wrong so far."""
        try:
            for v in self.page.evaluate("window.__cspViolations || []"):
                if v not in self.csp_violations:
                    self.csp_violations.append(v)
        except Exception:  # page mid-navigation: the exposed binding already reported them
            pass
        problems = {
            "console errors": self.console_errors,
            "uncaught exceptions": self.page_errors,
            "CSP violations": self.csp_violations,
            "server exceptions": self.live.server_errors,
            "server error responses": self.bad_responses,
            "failed requests": self.failed_requests,
            "requests to other hosts": self.foreign_requests,
        }
        found = {k: list(v) for k, v in problems.items() if v}
        for items in problems.values():
            items.clear()  # each problem fails the test once, not again at teardown
        assert not found, f"browser problems {where}: {found}"


@pytest.fixture
def _watched(chromium, live_server):
    """A fresh browser context (no cookies) at desktop size, and its error watch."""
    context = chromium.new_context(base_url=live_server.url, viewport=DESKTOP, locale="id-ID",
                                   timezone_id="Asia/Jakarta", service_workers="block")
    context.set_default_timeout(10_000)
    context.add_init_script(WATCH_SCRIPT)
    page = context.new_page()
    watch = PageWatch(page, live_server)
    page.expose_binding("__lwReportCsp", watch.report_csp)
    try:
        yield page, watch
    finally:
        context.close()


@pytest.fixture
def browser_page(_watched):
    return _watched[0]


@pytest.fixture
def page_watch(_watched):
    """Call `page_watch.check("after …")` after each page; the test's end checks once more."""
    yield _watched[1]
    _watched[1].check("at the end of the test")


@pytest.fixture
def open_page(chromium, live_server):
    """open_page(viewport=PHONE, javascript=False) -> (page, watch) in a fresh context of its own;
    every watch is checked once more at the end of the test."""
    opened = []

    def opener(viewport=DESKTOP, javascript=True):
        context = chromium.new_context(base_url=live_server.url, viewport=viewport, locale="id-ID",
                                       timezone_id="Asia/Jakarta", service_workers="block",
                                       java_script_enabled=javascript, has_touch=viewport == PHONE)
        context.set_default_timeout(10_000)
        context.add_init_script(WATCH_SCRIPT)
        page = context.new_page()
        watch = PageWatch(page, live_server)
        page.expose_binding("__lwReportCsp", watch.report_csp)
        opened.append((context, watch))
        return page, watch

    yield opener
    try:
        for _context, watch in opened:
            watch.check("at the end of the test")
    finally:
        for context, _watch in opened:
            context.close()


@pytest.fixture(scope="session")
def screenshot_dir():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
