"""The menu of the role with the most entries (staff) is one row at 360 px: it scrolls sideways
inside the header instead of wrapping, and the page itself never scrolls sideways."""
from __future__ import annotations

import pytest

from app.extensions import db
from tests.browser.helpers import log_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("login, path", [("petugas@test.id", "/staff/"), ("admin@test.id", "/admin/")])
def test_the_menu_is_one_row_on_a_phone(login, path, app, world, live_server, open_page):
    db.session.remove()
    page, _watch = open_page(viewport={"width": 360, "height": 740}, javascript=True)
    log_in(page, login, app)
    page.goto(path)
    tops = page.eval_on_selector_all(".nav > li", "items => items.map(li => Math.round(li.getBoundingClientRect().top))")
    assert len(tops) >= 6 and len(set(tops)) == 1, tops
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    last = page.locator(".nav > li").last.locator("a")
    last.scroll_into_view_if_needed()
    box = last.bounding_box()
    assert box is not None and 0 <= box["x"] and box["x"] + box["width"] <= 360  # reachable by scrolling the menu
