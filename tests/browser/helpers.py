"""What the browser tests do on every page: log in like a person (with the second step for staff
and admin), and check a page for accessibility (axe-core, WCAG 2.2 AA), keyboard focus, sideways
scrolling and small touch targets, and weigh what it downloaded."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from playwright.sync_api import expect

from tests.factories import PASSWORD

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
_axe = None


def totp_now(app, email: str) -> str:
    """A fresh code for an enrolled test account (the app accepts each code once per account, and
    the tests log the same account in several times within one 30-second step)."""
    import pyotp

    from app.auth.services import find_user_by_login
    from app.extensions import db
    from tests.factories import TOTP_SECRET

    with app.app_context():  # its own session: no transaction of the test stays open
        user = find_user_by_login(email)
        user.totp_last_step = 0
        db.session.commit()
        secret = user.totp_secret or TOTP_SECRET
        db.session.remove()
    return pyotp.TOTP(secret).now()


def log_in(page, login: str, app=None, password_only: bool = False) -> None:
    """Through the login page; staff and admin also type the code of their authenticator
    (unless `password_only`: the test wants the second step's page itself)."""
    page.goto("/login")
    page.get_by_label("Email atau No. HP").fill(login)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk", exact=True).click()
    expect(page).not_to_have_url(re.compile(r"/login(\?.*)?$"))
    if password_only:
        expect(page).to_have_url(re.compile(r"/login/2fa(/setup)?$"))
        return
    if re.search(r"/login/2fa$", page.url):
        assert app is not None, "staff and admin log in with a second step: pass the app"
        page.get_by_label("Kode autentikasi").fill(totp_now(app, login))
        page.get_by_role("button", name="Lanjut").click()
    expect(page.get_by_role("button", name="Keluar")).to_be_visible()


def log_out(page) -> None:
    page.get_by_role("button", name="Keluar").click()
    expect(page).to_have_url(re.compile(r"/login$"))
    expect(page.get_by_text("Anda sudah keluar.")).to_be_visible()


def axe_violations(page, context=None) -> list[str]:
    """axe-core's WCAG 2.0/2.1/2.2 A and AA rules on the page as it is now; one line per problem."""
    global _axe
    if _axe is None:
        from axe_playwright_python.sync_playwright import Axe

        _axe = Axe()
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    results = _axe.run(page, context=context, options=options)
    lines = []
    for v in results.response["violations"]:
        for node in v["nodes"]:
            lines.append(f"{v['id']} ({v['impact']}): {v['help']} at {node['target']}: "
                         f"{node.get('failureSummary', '').splitlines()[-1:]}")
    return lines


SIDEWAYS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"

# Interactive elements smaller than 24×24 CSS px. Links inside running text (display: inline) are
# the exception WCAG 2.5.8 allows: their size is set by the line of text around them.
HIDDEN_IN_DETAILS = """
  // Inside a closed <details> (a summary only when the <details> around its own is closed).
  const hiddenInDetails = (el) => {
    const from = el.tagName === 'SUMMARY' ? el.parentElement.parentElement : el;
    return !!(from && from.closest('details:not([open])'));
  };
"""
SMALL_TARGETS = """
() => {""" + HIDDEN_IN_DETAILS + """
  const out = [];
  for (const el of document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary')) {
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || el.closest('[hidden]') || hiddenInDetails(el)) continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (style.display === 'inline') continue;
    if (el.classList.contains('skip')) continue;  // off screen until focused
    if (box.width < 24 || box.height < 24) {
      out.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} "${(el.innerText || el.value || el.name || '').trim().slice(0, 30)}" ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
  }
  return out;
}
"""

# The element that has focus, and whether its focus is visible (an outline or a ring).
FOCUSED = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
  const ring = s.boxShadow && s.boxShadow !== 'none';
  const box = el.getBoundingClientRect();
  return {key: el.tagName.toLowerCase() + '|' + (el.id || el.getAttribute('href') || el.name || el.innerText || '').trim().slice(0, 60) + '|' + Math.round(box.top + window.scrollY) + ',' + Math.round(box.left),
          visible: outline || ring, onScreen: box.bottom > 0 && box.right > 0 && box.top < window.innerHeight && box.left < window.innerWidth};
}
"""

# Every element a keyboard user should reach with Tab (visible, enabled, not in a closed <details>).
TABBABLE = """
() => {""" + HIDDEN_IN_DETAILS + """
  const out = [];
  for (const el of document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary')) {
    if (el.disabled || el.tabIndex < 0) continue;
    if (hiddenInDetails(el)) continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (getComputedStyle(el).visibility === 'hidden') continue;
    if (el.type === 'radio') {  // Tab stops once per group: on its checked radio, or on its first
      const checked = document.querySelector(`input[type=radio][name="${el.name}"]:checked`);
      if (el !== (checked || document.querySelector(`input[type=radio][name="${el.name}"]`))) continue;
    }
    out.push(el.tagName.toLowerCase() + '|' + (el.id || el.getAttribute('href') || el.name || el.innerText || '').trim().slice(0, 60) + '|' + Math.round(box.top + window.scrollY) + ',' + Math.round(box.left));
  }
  return out;
}
"""


def keyboard_problems(page, limit: int = 400) -> list[str]:
    """Tab through the whole page: every control is reached, and each shows where the focus is."""
    # Start from the top of the document, whatever has focus now (an autofocus field, say).
    page.evaluate("""() => { window.scrollTo(0, 0); const start = document.createElement('span');
      start.id = 'lw-tab-start'; start.tabIndex = -1; document.body.prepend(start); start.focus(); }""")
    wanted = page.evaluate(TABBABLE)
    reached, problems = [], []
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUSED)
    if not first or "skip" not in (page.evaluate("document.activeElement.className") or ""):
        problems.append("the first Tab does not land on the skip link")
    elif not first["onScreen"]:
        problems.append("the skip link stays off screen when it has focus")
    current = first
    for _ in range(limit):
        if current is None or (reached and current["key"] == reached[0]):
            break  # focus left the page, or came round again
        if not reached or current["key"] != reached[-1]:  # a date box takes several Tabs
            reached.append(current["key"])
            if not current["visible"]:
                problems.append(f"no visible focus on {current['key']}")
        page.keyboard.press("Tab")
        current = page.evaluate(FOCUSED)
    page.evaluate("document.getElementById('lw-tab-start').remove(); document.activeElement.blur()")
    missing = [w for w in wanted if w not in reached and not w.startswith("a|#main|")]
    if missing:
        problems.append(f"not reachable with Tab: {missing[:5]}")
    return problems


@dataclass
class Meter:
    """Bytes transferred (headers and compressed bodies) for everything the page loads, read from
    Chromium's own network events, with the browser cache off: every page as on a first visit."""

    cdp: object
    sizes: dict = field(default_factory=dict)
    kinds: dict = field(default_factory=dict)

    @classmethod
    def attach(cls, page):
        cdp = page.context.new_cdp_session(page)
        meter = cls(cdp)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        cdp.on("Network.responseReceived", lambda e: meter.kinds.__setitem__(e["requestId"], (e["type"], e["response"]["url"])))
        cdp.on("Network.loadingFinished", lambda e: meter.sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
        return meter

    def reset(self) -> None:
        self.sizes.clear()
        self.kinds.clear()

    def total(self) -> int:
        return sum(self.sizes.values())

    def by_kind(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for request_id, size in self.sizes.items():
            kind = self.kinds.get(request_id, ("Other", ""))[0]
            out[kind] = out.get(kind, 0) + size
        return out

    def requests(self, kind: str) -> list[tuple[str, int]]:
        return [(self.kinds[r][1], s) for r, s in self.sizes.items() if self.kinds.get(r, ("",))[0] == kind]
