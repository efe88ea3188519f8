"""Every page of every role in Chromium, as a first visit: zero console errors and CSP reports,
zero axe-core violations of WCAG 2.2 AA (at 1280×800 and at 360×740), every control reachable with
Tab and showing its focus, nothing sideways-scrolling or too small to tap at 360 px, and at most
60 KB transferred. Screenshots of each role's main pages go to test-artifacts/screenshots/, the
measured weights to test-artifacts/weights/."""
from __future__ import annotations

import pytest

from tests.browser import sitemap
from tests.browser.conftest import ARTIFACTS, DESKTOP, PHONE
from tests.browser.helpers import SIDEWAYS, SMALL_TARGETS, Meter, axe_violations, keyboard_problems, log_in

pytestmark = pytest.mark.browser

PAGE_BUDGET = 60 * 1024


@pytest.mark.parametrize("role", list(sitemap.LOGINS))
def test_every_page_of_role(role, app, world, make, live_server, browser_page, page_watch, screenshot_dir):
    ids = sitemap.with_reset_token(sitemap.build(world, make), live_server.app)
    page = browser_page
    if sitemap.LOGINS[role]:
        log_in(page, sitemap.LOGINS[role], app, password_only=role in sitemap.PASSWORD_ONLY)
    meter = Meter.attach(page)
    problems, weights = [], []
    for p in (p for p in sitemap.pages(ids) if p.role == role):
        where = f"{role} {p.path}"
        page.set_viewport_size(DESKTOP)
        meter.reset()
        response = page.goto(p.path)
        page.wait_for_load_state("load")
        assert response.status == p.status, f"{where}: {response.status}"
        if p.status >= 400:  # Chromium logs the error status of the document itself
            page_watch.console_errors[:] = [e for e in page_watch.console_errors
                                            if f"status of {p.status}" not in e]
        page_watch.check(f"on {where}")
        weight = meter.total()
        weights.append(f"{role:9} {p.path:45} {weight:6} B  " +
                       " ".join(f"{k}={v}" for k, v in sorted(meter.by_kind().items())))
        if weight > PAGE_BUDGET:
            problems.append(f"{where}: {weight} B transferred on first load (budget {PAGE_BUDGET})")
        problems += [f"{where} at 1280: {v}" for v in axe_violations(page)]
        problems += [f"{where}: {k}" for k in keyboard_problems(page)]
        if p.main:
            page.screenshot(path=screenshot_dir / f"{p.name}-1280.png", full_page=True)

        page.set_viewport_size(PHONE)
        sideways = page.evaluate(SIDEWAYS)
        if sideways > 0:
            problems.append(f"{where}: scrolls sideways at 360 px ({sideways} px too wide)")
        problems += [f"{where} at 360: target smaller than 24 px: {t}" for t in page.evaluate(SMALL_TARGETS)]
        problems += [f"{where} at 360: {v}" for v in axe_violations(page)]
        if p.main:
            page.screenshot(path=screenshot_dir / f"{p.name}-360.png", full_page=True)
        page_watch.check(f"on {where} after the checks")

    (ARTIFACTS / "weights").mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "weights" / f"browser-{role}.txt").write_text("\n".join(weights) + "\n")
    assert not problems, "\n".join(problems)
