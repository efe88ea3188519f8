"""The triage queue of the staff home (/staff/): counters per tab, the most urgent first, reminders
done one at a time or in batches (plain POST and htmx), and each kelurahan's own work only."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from app.core.timeutil import today_wib, utcnow
from app.extensions import db
from app.models import DataRequest, Match, Reminder
from app.staff import triage

DAY = dt.timedelta(days=1)


def _reminder(world, kelurahan, match, kind, due_on, key, done=False):
    reminder = Reminder(key=key, kind=kind, kelurahan_id=kelurahan.id, match=match, due_on=due_on, note="",
                        done_at=utcnow() if done else None)
    db.session.add(reminder)
    db.session.flush()
    return reminder


@pytest.fixture
def desk(world, make):
    """Work for Nusa Jaya (and some for Cimone, which Nusa Jaya's staff never see)."""
    now, today = utcnow(), today_wib()
    hired = Match(seeker=world.seeker, vacancy=world.vacancy, status="hired", reasons=[], start_date=today - 40 * DAY)
    referred = Match(seeker=world.other_seeker, vacancy=world.other_vacancy, status="referred", reasons=[],
                     referred_at=now - 9 * DAY)
    db.session.add_all([hired, referred])
    db.session.flush()
    r = {
        "old": _reminder(world, world.nj, hired, "follow_up_1", today - 10 * DAY, "a"),
        "older": _reminder(world, world.nj, hired, "contract_end", today - 20 * DAY, "b"),
        "today": _reminder(world, world.nj, hired, "ak1_report", today, "c"),
        "later": _reminder(world, world.nj, hired, "follow_up_3", today + 5 * DAY, "d"),  # not due yet
        "done": _reminder(world, world.nj, hired, "ak1_expiry", today - 30 * DAY, "e", done=True),
        "cimone": _reminder(world, world.cm, referred, "no_answer", today - 40 * DAY, "f"),
    }
    db.session.add_all([
        DataRequest(seeker=world.seeker, kelurahan_id=world.nj.id, kind="correction", detail="RT salah",
                    created_at=now - 5 * DAY, due_at=now - 2 * DAY),
        DataRequest(seeker=world.seeker, kelurahan_id=world.nj.id, kind="deletion", detail="hapus", due_at=now + DAY),
        DataRequest(seeker=world.seeker, kelurahan_id=world.nj.id, kind="deletion", detail="x", due_at=now - DAY,
                    status="done"),
        DataRequest(seeker=world.other_seeker, kelurahan_id=world.cm.id, kind="correction", detail="y",
                    due_at=now - 50 * DAY),
    ])
    fresh = make.vacancy(world.company, title="Kasir Toko", status="review", updated_at=now - DAY)
    stale = make.vacancy(world.company, title="Admin Gudang", status="review", updated_at=now - 5 * DAY)
    make.vacancy(world.other_company, title="Satpam Cimone", status="review", updated_at=now - 9 * DAY)
    late_seeker = make.seeker(world.nj, name="Eka Menunggu", birth=dt.date(2001, 7, 7), verified_at=None,
                              created_at=now - 6 * DAY)
    new_seeker = make.seeker(world.nj, name="Fajar Baru", birth=dt.date(2002, 8, 8), verified_at=None, created_at=now)
    make.seeker(world.cm, name="Gita Cimone", birth=dt.date(2003, 9, 9), verified_at=None, created_at=now - 9 * DAY)
    pending = make.company(name="PT Menunggu", status="pending", kelurahan=world.nj, created_at=now - 2 * DAY)
    make.company(name="PT Cimone Baru", status="pending", kelurahan=world.cm)
    make.company(name="PT Tanpa Kelurahan", status="pending")  # admin verifies it
    db.session.commit()
    return dict(reminders={k: v.id for k, v in r.items()}, fresh=fresh.id, stale=stale.id,
                late_seeker=late_seeker.id, new_seeker=new_seeker.id, pending=pending.id, hired=hired.id)


def _tab_counts(page: str) -> dict[str, tuple[int, int]]:
    """Each tab link's (count, overdue) as the page shows them."""
    found = {}
    for tab, body in re.findall(r'<a href="/staff/\?tab=(\w+)" id="tab-\w+"[^>]*>(.*?)</a>', page, re.S):
        count = int(re.search(r'class="tab-count">(\d+)<', body).group(1))
        late = re.search(r"(\d+) lewat batas", body)
        found[tab] = (count, int(late.group(1)) if late else 0)
    return found


def test_counters_count_each_tab_and_its_overdue_items(app, client, auth, world, desk):
    counts = triage.counters(world.nj.id)
    assert {tab: (c.total, c.overdue) for tab, c in counts.items()} == {
        "reminders": (3, 2),  # due today counts, overdue from tomorrow; not due yet and done do not
        "requests": (2, 1),
        "review": (2, 1),  # submitted 5 days ago is past the 2 days; Cimone's company's is not ours
        "verify": (3, 1),  # two residents and a company of Nusa Jaya; the resident of 6 days is late
    }
    auth.login("petugas@test.id")
    page = client.get("/staff/").get_data(as_text=True)
    assert _tab_counts(page) == {"review": (2, 1), "verify": (3, 1), "requests": (2, 1), "reminders": (3, 2)}
    assert "Urutan: yang paling mendesak di atas" in page  # the help text says what urgent means


def test_the_page_opens_on_the_longest_overdue_tab_its_oldest_first(app, client, auth, world, desk):
    auth.login("petugas@test.id")
    page = client.get("/staff/").get_data(as_text=True)
    # The oldest overdue item: the contract end due 20 days ago (a request is 2 days late).
    assert 'id="tab-reminders" aria-current="page"' in page
    rows = re.findall(r'id="pengingat-(\d+)"', page)
    r = desk["reminders"]
    assert rows == [str(r["older"]), str(r["old"]), str(r["today"])]
    assert page.count("lewat 20 hari") == 1 and "lewat 10 hari" in page
    # The other tabs, each a URL, oldest first.
    review = client.get("/staff/?tab=review").get_data(as_text=True)
    assert review.index("Admin Gudang") < review.index("Kasir Toko") and "Satpam Cimone" not in review
    verify = client.get("/staff/?tab=verify").get_data(as_text=True)
    assert verify.index("Eka Menunggu") < verify.index("PT Menunggu") < verify.index("Fajar Baru")
    assert "Gita Cimone" not in verify and "PT Cimone Baru" not in verify and "PT Tanpa Kelurahan" not in verify
    requests = client.get("/staff/?tab=requests").get_data(as_text=True)
    assert requests.index("Perbaikan data") < requests.index("Penghapusan data")
    assert client.get("/staff/?tab=nonsense&page=-4").status_code == 200  # an unknown tab: the most urgent


def test_nothing_overdue_opens_the_first_tab_with_work(app, world, make):
    now = utcnow()
    make.seeker(world.nj, name="Hana Baru", birth=dt.date(2000, 1, 2), verified_at=None, created_at=now)
    counts = triage.counters(world.nj.id)
    assert triage.most_urgent_tab(counts) == "verify"
    make.vacancy(world.company, title="Kasir", status="review", updated_at=now)
    assert triage.most_urgent_tab(triage.counters(world.nj.id)) == "review"


def test_a_batch_marks_the_ticked_reminders_done_with_the_outcome_and_note(app, client, auth, world, desk):
    r = desk["reminders"]
    auth.login("petugas@test.id")
    response = client.post("/staff/reminders/done", data={"ids": [r["old"], r["older"], r["today"]],
                                                           "outcome": "working", "note": "ditelepon semua"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/staff/?tab=reminders")
    done = {x.id: x for x in db.session.query(Reminder).filter(Reminder.id.in_([r["old"], r["older"], r["today"]]))}
    assert all(x.done_at is not None and x.done_by_id == world.staff.id and x.note == "ditelepon semua"
               for x in done.values())
    assert done[r["old"]].outcome == "working" and done[r["older"]].outcome is None  # outcomes are for follow-ups
    page = client.get("/staff/?tab=reminders").get_data(as_text=True)
    assert "3 pengingat selesai." in page and _tab_counts(page)["reminders"] == (0, 0)


def test_one_reminder_by_its_own_button(app, client, auth, world, desk):
    r = desk["reminders"]
    auth.login("petugas@test.id")
    # The ticked boxes do not matter when a row's own button is pressed.
    response = client.post("/staff/reminders/done", data={"one": f"{r['old']}:not_working", "ids": [r["older"]]})
    assert response.status_code == 303
    assert db.session.get(Reminder, r["old"]).outcome == "not_working"
    assert db.session.get(Reminder, r["older"]).done_at is None


def test_each_follow_up_can_have_its_own_outcome(app, client, auth, world, desk):
    r = desk["reminders"]
    later = db.session.get(Reminder, r["later"])
    later.due_on = today_wib()  # a second follow-up, due today
    db.session.commit()
    auth.login("petugas@test.id")
    # Its own row's "Selesai" without choosing an outcome: the error is at that row, nothing saved.
    response = client.post("/staff/reminders/done", data={"one": str(r["old"])})
    body = response.get_data(as_text=True)
    assert response.status_code == 422 and f'id="hasil-{r["old"]}-error"' in body
    assert re.search(rf'id="hasil-{r["old"]}" class="small" aria-invalid="true"', body)
    # Ticked together, each with its own outcome (the action bar's applies where a row has none).
    response = client.post("/staff/reminders/done", data={
        "ids": [r["old"], r["later"], r["today"]], f"outcome-{r['old']}": "not_working", "outcome": "working"})
    assert response.status_code == 303
    assert db.session.get(Reminder, r["old"]).outcome == "not_working"
    assert db.session.get(Reminder, r["later"]).outcome == "working"


@pytest.mark.parametrize("data, error", [
    ({}, "Centang dulu pengingat"),
    ({"ids": ["{old}", "{cimone}"], "outcome": "working"}, "tidak ada di antrean kelurahan Anda"),
    ({"ids": ["{old}", "{later}", "abc"]}, "tidak dapat dibaca"),
    ({"ids": ["{old}", "{today}"]}, "Pilih hasil tindak lanjut"),  # a follow-up without its outcome
    ({"ids": ["{today}"], "note": "x" * 501}, "paling banyak 500"),
    ({"one": "{old}:bogus"}, "Pilih hasil tindak lanjut"),
    ({"ids": ["{old}"], "outcome-{old}": "bogus", "outcome": "working"}, "Pilih hasil tindak lanjut"),
])
def test_a_bad_batch_is_422_and_changes_nothing(app, client, auth, world, desk, data, error):
    r = desk["reminders"]
    data = {k.format(**r): [v.format(**r) for v in vs] if isinstance(vs, list) else vs.format(**r)
            for k, vs in data.items()}
    auth.login("petugas@test.id")
    response = client.post("/staff/reminders/done", data=data)
    body = response.get_data(as_text=True)
    assert response.status_code == 422 and error in body
    assert db.session.query(Reminder).filter(Reminder.done_at.is_not(None)).count() == 1  # only the one done before
    for value in data.get("ids", []):  # the ticks stay as they were
        if value.isdigit() and f'id="pilih-{value}"' in body:
            assert re.search(rf'value="{value}" id="pilih-{value}" checked', body)


def test_htmx_swaps_the_queue_block_and_its_counters(app, client, auth, world, desk):
    r = desk["reminders"]
    auth.login("petugas@test.id")
    response = client.post("/staff/reminders/done", data={"ids": [r["today"], r["older"]]},
                           headers={"HX-Request": "true"})
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and body.lstrip().startswith('<div id="triage">') and "<html" not in body
    assert "HX-Request" in response.headers["Vary"]
    assert "2 pengingat selesai." in body and _tab_counts(body)["reminders"] == (1, 1)
    assert re.findall(r'id="pengingat-(\d+)"', body) == [str(r["old"])]
    bad = client.post("/staff/reminders/done", data={"ids": [r["old"]]}, headers={"HX-Request": "true"})
    assert bad.status_code == 422 and bad.get_data(as_text=True).lstrip().startswith('<div id="triage">')


def test_staff_see_and_handle_only_their_kelurahan(app, client, auth, world, desk):
    auth.login("petugas.cimone@test.id")
    counts = _tab_counts(client.get("/staff/").get_data(as_text=True))
    assert counts == {"review": (1, 1), "verify": (2, 1), "requests": (1, 1), "reminders": (1, 1)}
    page = client.get("/staff/?tab=reminders").get_data(as_text=True)
    assert re.findall(r'id="pengingat-(\d+)"', page) == [str(desk["reminders"]["cimone"])]
    response = client.post("/staff/reminders/done", data={"ids": [desk["reminders"]["today"]]})
    assert response.status_code == 422
    assert db.session.get(Reminder, desk["reminders"]["today"]).done_at is None


def test_long_lists_are_paged(app, client, auth, world, make):
    today = today_wib()
    match = Match(seeker=world.seeker, vacancy=world.vacancy, status="hired", reasons=[], start_date=today - 40 * DAY)
    db.session.add(match)
    db.session.flush()
    per_page = app.config["PER_PAGE"]
    for i in range(per_page + 3):
        _reminder(world, world.nj, match, "ak1_report", today - (i + 1) * DAY, f"k{i}")
    db.session.commit()
    auth.login("petugas@test.id")
    first = client.get("/staff/?tab=reminders").get_data(as_text=True)
    second = client.get("/staff/?tab=reminders&page=2").get_data(as_text=True)
    assert first.count('id="pengingat-') == per_page and second.count('id="pengingat-') == 3
    assert "Halaman 2 dari 2" in second and 'href="/staff/?tab=reminders&amp;page=2"' in first
    assert "lewat 23 hari" in first and "lewat 1 hari" in second  # the oldest first
