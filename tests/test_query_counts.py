"""Hot pages make a fixed number of queries, whatever the number of rows they show.

Counted with a SQLAlchemy event listener around one request (the user's session and audit
included; BEGIN/COMMIT and SQLite PRAGMAs are not queries). Each page is requested with few rows
and with many: the counts must be equal and at most MAX_QUERIES."""
from __future__ import annotations

import datetime as dt
import re
from contextlib import contextmanager

import pytest
from sqlalchemy import event

from app.extensions import db
from app.models import ExperienceEntry, Match, Role
from app.core.timeutil import utcnow

MAX_QUERIES = 6
NOT_QUERIES = re.compile(r"^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|PRAGMA)\b", re.IGNORECASE)
REASONS = [
    {"code": "skills_overlap", "share": 0.5, "params": {"matched": ["bubut"], "n_matched": 1, "n_required": 2}},
    {"code": "same_area", "share": 0.3, "params": {"area": "RW 03, Nusa Jaya", "depth": 5, "vacancy_depth": 4,
                                                   "levels": ["Banten", "Kota Tangerang", "Karawaci", "Nusa Jaya"]}},
    {"code": "education_meets", "share": 0.2, "params": {"education": "SMK", "major": "Teknik Mesin", "minimum": "SMA"}},
]


@contextmanager
def counting():
    statements: list[str] = []

    def listener(conn, cursor, statement, parameters, context, executemany):
        if not NOT_QUERIES.match(statement):
            statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)


def queries(client, path: str, headers: dict | None = None) -> list[str]:
    db.session.commit()
    with counting() as statements:
        response = client.get(path, headers=headers or {})
    assert response.status_code == 200, (path, response.status_code)
    return statements


def _seekers(make, kelurahan, n: int, start: int = 0):
    return [make.seeker(kelurahan, name=f"Warga Uji {start + i:03d}", birth=dt.date(1990 + i % 10, 1 + i % 12, 1 + i % 28))
            for i in range(n)]


def _vacancies(make, company, n: int):
    return [make.vacancy(company, title=f"Operator Produksi {i:03d}") for i in range(n)]


def _check(few: list[str], many: list[str], page: str) -> None:
    detail = f"{page}: {len(few)} queries with few rows, {len(many)} with many:\n  " + "\n  ".join(many)
    assert len(many) == len(few), detail
    # A page that writes to the audit log first reads the head of its hash chain (on PostgreSQL
    # under a transaction lock): a fixed cost of the append, counted apart (app/core/audit.py).
    chain = sum(1 for statement in many if "pg_advisory_xact_lock" in statement
                or statement.lstrip().startswith("SELECT audit_log.chain_hash"))
    assert len(many) <= MAX_QUERIES + chain, detail


def _suggest(seekers, vacancy, status="suggested", **kw):
    for i, seeker in enumerate(seekers):
        db.session.add(Match(seeker=seeker, vacancy=vacancy, status=status, score=0.9 - i / 100, reasons=REASONS,
                             model_version="prior-1", **kw))
    db.session.flush()


def _pages(client, variants: dict[str, tuple]) -> dict[str, list[str]]:
    return {name: queries(client, path, headers=headers) for name, (path, headers) in variants.items()}


def _compare(client, variants: dict[str, tuple], add_rows) -> dict[str, int]:
    few = _pages(client, variants)
    add_rows()
    many = _pages(client, variants)
    for name in variants:
        _check(few[name], many[name], name)
        print(f"{name}: {len(many[name])} queries")  # shown with pytest -s
    return {name: len(many[name]) for name in variants}


HX = {"HX-Request": "true"}


def test_resident_home(world, make, client, auth):
    auth.login("warga@test.id")
    _suggest([world.seeker], world.vacancy)

    def add_rows():
        for i, vacancy in enumerate(_vacancies(make, world.company, 30)):
            status = "suggested" if i < 22 else "referred"
            db.session.add(Match(seeker=world.seeker, vacancy=vacancy, status=status, score=0.5, reasons=REASONS,
                                 referred_at=utcnow() if status == "referred" else None))

    _compare(client, {"resident home": ("/me/", {})}, add_rows)


def test_vacancy_list(world, make, client, auth):
    auth.login("warga@test.id")
    other = make.company(name="PT Banyak Lowongan", kelurahan=world.nj)
    _compare(client, {"vacancy list": ("/me/vacancies", {}), "vacancy search": ("/me/vacancies?q=operator", HX)},
             lambda: _vacancies(make, other, 30))


def test_staff_suggestions(world, make, client, auth):
    auth.login("petugas@test.id")
    path = f"/staff/vacancies/{world.vacancy.id}/suggestions"
    _suggest([world.seeker], world.vacancy)

    def add_rows():
        _suggest(_seekers(make, world.nj, 60), world.vacancy)
        _suggest(_seekers(make, world.nj, 10, start=100), world.vacancy, status="dismissed", reason_code="other")

    counts = _compare(client, {"staff suggestions": (path, {}), "staff suggestions, 50 rows": (path + "?limit=50", {}),
                               "staff suggestions fragment": (path, HX)}, add_rows)
    # 4: the user, the vacancy with its company, the suggestions, the latest decisions. One more
    # than when both lists came from one hand-built UNION of two subqueries (each with its own
    # order and limit, put back in order in Python): two plain ORM queries instead, the second
    # costing about 0.3 ms of a page of about 7 ms (in-process, SQLite, ten rows). The whole page
    # adds a fifth: whether background work has stalled (the banner of staff and admin pages);
    # the htmx fragment has no banner.
    assert counts == {"staff suggestions": 5, "staff suggestions, 50 rows": 5, "staff suggestions fragment": 4}, counts


def test_staff_seeker_search(world, make, client, auth):
    auth.login("petugas@test.id")
    _compare(client, {"staff seeker search": ("/staff/seekers?q=Warga+Uji", {}),
                      "active search": ("/staff/seekers?q=Warga+Uji", HX),
                      "staff seeker list": ("/staff/seekers", {})},
             lambda: _seekers(make, world.nj, 30))


def test_employer_vacancy_page(world, make, client, auth):
    auth.login("hrd@test.id")
    _suggest([world.seeker], world.vacancy, status="referred", referred_at=utcnow())

    def add_rows():
        seekers = _seekers(make, world.nj, 12)
        for seeker in seekers:
            db.session.add_all([ExperienceEntry(seeker=seeker, title="Operator", years=1.0),
                                ExperienceEntry(seeker=seeker, title="Helper", years=0.5)])
        _suggest(seekers[:8], world.vacancy, status="referred", referred_at=utcnow())
        _suggest(seekers[8:], world.vacancy, status="interview", referred_at=utcnow(),
                 interview_at=utcnow() + dt.timedelta(days=2))

    _compare(client, {"employer vacancy page": (f"/employer/vacancies/{world.vacancy.id}", {})}, add_rows)


def test_staff_triage_queue(world, make, client, auth):
    """The staff home: its counters in one query, one query for a tab's page of items (with their
    residents, vacancies and companies), and the two lists below the queue."""
    from app.models import Company, DataRequest, Reminder

    auth.login("petugas@test.id")
    today = utcnow().date()

    def add_rows():
        seekers = _seekers(make, world.nj, 25)
        matches = [Match(seeker=s, vacancy=world.vacancy, status="hired", reasons=[], start_date=today) for s in seekers]
        db.session.add_all(matches)
        db.session.flush()
        db.session.add_all([Reminder(key=f"q{i}", kind="follow_up_1" if i % 2 else "contract_end", kelurahan_id=world.nj.id,
                                     match=m, due_on=today - dt.timedelta(days=i), note="") for i, m in enumerate(matches)])
        db.session.add_all([Reminder(key=f"s{i}", kind="ak1_report", kelurahan_id=world.nj.id, seeker=s,
                                     due_on=today - dt.timedelta(days=i)) for i, s in enumerate(seekers[:5])])
        db.session.add_all([DataRequest(seeker=s, kelurahan_id=world.nj.id, kind="correction", detail="",
                                        due_at=utcnow()) for s in seekers[:25]])
        for i in range(25):
            make.seeker(world.nj, name=f"Baru {i:02d}", birth=dt.date(2000, 1, 1 + i), verified_at=None)
            db.session.add(Company(name=f"PT Baru {i}", status="pending", kelurahan_id=world.nj.id))
        for vacancy in _vacancies(make, world.company, 25):
            vacancy.status = "review"
        other = _vacancies(make, world.company, 15)
        for vacancy in other:
            _suggest(seekers[3:5], vacancy)
        for seeker in seekers[5:20]:
            db.session.add(Match(seeker=seeker, vacancy=other[0], status="referred", reasons=[],
                                 referred_at=utcnow() - dt.timedelta(days=9)))

    counts = _compare(client, {tab: (f"/staff/?tab={tab}", {}) for tab in ("reminders", "requests", "review", "verify")}
                      | {"reminders, htmx": ("/staff/?tab=reminders", HX)}, add_rows)
    assert counts["reminders, htmx"] == 3  # the user, the counters, the page of reminders


@pytest.mark.parametrize("role_login", ["warga@test.id", "petugas@test.id", "hrd@test.id"])
def test_the_counter_sees_the_session_user(world, client, auth, role_login):
    """The listener itself works: a logged-in page loads its user."""
    auth.login(role_login)
    statements = queries(client, {"warga@test.id": "/me/", "petugas@test.id": "/staff/seekers",
                                  "hrd@test.id": "/employer/"}[role_login])
    assert any('FROM "user"' in s or "FROM user" in s for s in statements)
    assert Role.ALL


def test_public_board(world, make, client):
    """Anonymous pages: no user to load, a bounded number of queries however many vacancies."""
    other = make.company(name="PT Banyak Lowongan", kelurahan=world.nj)
    _compare(client, {
        "board": ("/lowongan", {}),
        "board filtered": (f"/lowongan?kelurahan={world.nj.id}&education=SMK&wage=1000000&page=2", HX),
        "vacancy page": (f"/lowongan/{world.vacancy.id}", {}),
        "poster": (f"/lowongan/{world.vacancy.id}/poster", {}),
        "weekly notice": (f"/lowongan/papan/{world.nj.id}", {}),
    }, lambda: _vacancies(make, other, 30))
