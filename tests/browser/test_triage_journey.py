"""The staff home as a triage queue, at a 1366×768 desk screen, with JavaScript on and off: the
counters and the most urgent tab's first items are above the fold, one reminder is handled by its
own button, then two at once, and the counters follow."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from app.core.timeutil import today_wib, utcnow
from app.extensions import db
from app.models import DataRequest, Match, Reminder
from tests.browser.helpers import axe_violations, log_in

pytestmark = pytest.mark.browser

DESK = {"width": 1366, "height": 768}


def _desk_work(world, make) -> dict:
    """A busy morning: reminders overdue for weeks, a registration and a data request still in time."""
    today, now = today_wib(), utcnow()
    names = ["Rina Wulandari", "Dedi Kurniawan", "Sari Puspita", "Joko Susilo", "Wati Lestari", "Agus Salim"]
    reminders = {}
    for i, name in enumerate(names):
        seeker = make.seeker(world.nj, name=name, birth=dt.date(1995, 1 + i, 3 + i))
        match = Match(seeker=seeker, vacancy=world.vacancy, status="hired", reasons=[], start_date=today - 40 * dt.timedelta(days=1))
        db.session.add(match)
        db.session.flush()
        kind = "follow_up_1" if i % 2 else "contract_end"
        reminder = Reminder(key=f"j{i}", kind=kind, kelurahan_id=world.nj.id, match=match,
                            due_on=today - dt.timedelta(days=30 - i), note="")
        db.session.add(reminder)
        db.session.flush()
        reminders[name] = reminder.id
    make.seeker(world.nj, name="Eka Baru", birth=dt.date(2001, 7, 7), verified_at=None, created_at=now)
    db.session.add(DataRequest(seeker=world.seeker, kelurahan_id=world.nj.id, kind="correction", detail="RT",
                               due_at=now + dt.timedelta(days=2)))
    db.session.commit()
    return reminders


def _count(page, tab: str) -> int:
    return int(page.locator(f"#tab-{tab} .tab-count").inner_text())


def _above_the_fold(page, locator, what: str) -> None:
    box = locator.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= DESK["height"], (what, box)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_staff_work_the_triage_queue(javascript, app, world, make, live_server, open_page, screenshot_dir):
    reminders = _desk_work(world, make)
    db.session.remove()  # no transaction of the test thread stays open while the server works
    page, watch = open_page(viewport=DESK, javascript=javascript)
    log_in(page, "petugas@test.id", app)
    page.goto("/staff/")

    # Counters and tabs on top; the most urgent tab (reminders overdue for weeks) is open.
    tabs = page.get_by_role("navigation", name="Jenis pekerjaan di antrean")
    for tab in ("review", "verify", "requests", "reminders"):
        _above_the_fold(page, page.locator(f"#tab-{tab}"), tab)
    expect(page.locator("#tab-reminders")).to_have_attribute("aria-current", "page")
    expect(tabs.locator("#tab-reminders")).to_contain_text("6 lewat batas")
    assert (_count(page, "reminders"), _count(page, "verify"), _count(page, "requests")) == (6, 1, 1)
    rows = page.locator(".triage-row")
    expect(rows).to_have_count(6)
    expect(rows.first).to_contain_text("Rina Wulandari")  # the longest overdue first
    expect(rows.first).to_contain_text("lewat 30 hari")
    for n in range(3):
        _above_the_fold(page, rows.nth(n), f"reminder row {n + 1}")
    _above_the_fold(page, page.get_by_role("button", name="Selesaikan yang dicentang"), "the batch button")
    if javascript:
        # (No screenshot nor axe before the swaps: they leave style="" on inputs, which htmx would
        # copy back while settling, against the page's Content-Security-Policy.)
        page.evaluate("window.__samePage = true")

    # One at a time: a contract end, by its own button.
    row = rows.filter(has_text="Rina Wulandari")
    row.get_by_role("button", name=re.compile("^Selesai")).click()
    expect(page.locator("main").get_by_text("1 pengingat selesai.")).to_be_visible()
    expect(page.locator("#tab-reminders .tab-count")).to_have_text("5")
    expect(page.locator(".triage-row").filter(has_text="Rina Wulandari")).to_have_count(0)

    # A bad batch (nothing ticked) says why, and nothing changes.
    page.get_by_role("button", name="Selesaikan yang dicentang").click()
    expect(page.locator("main").get_by_text("Centang dulu pengingat yang sudah ditangani.")).to_be_visible()
    expect(page.locator("#tab-reminders .tab-count")).to_have_text("5")

    # Two at once, a follow-up among them: its outcome from the action bar.
    page.get_by_role("checkbox", name=re.compile("Dedi Kurniawan")).check()
    page.get_by_role("checkbox", name=re.compile("Sari Puspita")).check()
    page.get_by_label("Hasil tindak lanjut (untuk tindak lanjut)").select_option(label="Masih bekerja")
    page.get_by_label("Catatan (opsional)").fill("ditelepon pagi ini")
    page.get_by_role("button", name="Selesaikan yang dicentang").click()
    expect(page.locator("main").get_by_text("2 pengingat selesai.")).to_be_visible()
    expect(page.locator("#tab-reminders .tab-count")).to_have_text("3")
    expect(page.locator("#tab-reminders")).to_contain_text("3 lewat batas")
    expect(page.locator(".triage-row").first).to_contain_text("Joko Susilo")

    # A follow-up on its own: its outcome chosen on its row.
    row = page.locator(".triage-row").filter(has_text="Joko Susilo")
    row.get_by_label(re.compile("Hasil tindak lanjut")).select_option(label="Tidak bekerja lagi")
    row.get_by_role("button", name=re.compile("^Selesai")).click()
    expect(page.locator("main").get_by_text("1 pengingat selesai.")).to_be_visible()
    expect(page.locator("#tab-reminders .tab-count")).to_have_text("2")
    expect(page.locator(".triage-row").first).to_contain_text("Wati Lestari")
    if javascript:
        assert page.evaluate("window.__samePage") is True  # htmx swapped the queue in place
        assert not axe_violations(page)
    else:
        assert page.url.endswith("/staff/?tab=reminders")
    watch.check("after the reminders")
    page.screenshot(path=screenshot_dir / f"staff-triage-1366-{'js' if javascript else 'nojs'}.png")

    db.session.remove()
    done = {r.id: r for r in db.session.query(Reminder).filter(Reminder.done_at.is_not(None))}
    assert set(done) == {reminders[n] for n in ("Rina Wulandari", "Dedi Kurniawan", "Sari Puspita", "Joko Susilo")}
    assert done[reminders["Dedi Kurniawan"]].outcome == "working"
    assert done[reminders["Joko Susilo"]].outcome == "not_working"
    assert done[reminders["Sari Puspita"]].note == "ditelepon pagi ini"
