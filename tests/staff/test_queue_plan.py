"""The work queue's list of vacancies with new suggestions reads only the suggestions of the
kelurahan's residents. Joined to the residents, SQLite walked every open vacancy's suggestions
(200,000 at city size) and made the staff home the slowest page: 2-4 s on a busy server with
ANALYZE statistics, 6 s on an idle one without them (each open vacancy against each resident).
The test database has no statistics, like a kelurahan's own; the plan is checked for both."""
from __future__ import annotations

import pytest
from sqlalchemy import event

from app.extensions import db
from app.staff.queue import _vacancies_with_new_suggestions

# What ANALYZE recorded on the city data set (bench/load_seed.py: 50,000 residents in 20
# kelurahan, 2,000 open vacancies, 200,000 suggestions).
CITY_STATISTICS = [
    ("seeker_profile", "ix_seeker_kelurahan_status", "50000 2500 834"),
    ("seeker_profile", "ix_seeker_kelurahan_birth", "50000 2500 2"),
    ("match", "ix_match_vacancy_rank", "209807 105 28 22 1"),
    ("match", "ix_match_seeker_status", "209807 5 5"),
    ("match", "sqlite_autoindex_match_1", "209807 5 1"),
    ("vacancy", "ix_vacancy_status", "2200 734"),
    ("company", None, "400"),
]


@pytest.fixture
def statistics(request, app):
    """None: no ANALYZE ever ran (a kelurahan's database); "city": the city data set's."""
    if db.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL plans from its statistics; the SQLite run checks the plan")
    connection = db.session.connection()
    if request.param == "city":
        connection.exec_driver_sql("ANALYZE")  # creates sqlite_stat1
        connection.exec_driver_sql("DELETE FROM sqlite_stat1")
        for row in CITY_STATISTICS:
            connection.exec_driver_sql("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)", row)
        connection.exec_driver_sql("ANALYZE sqlite_master")  # loads them
    yield request.param
    db.session.rollback()  # the statistics were never committed: SQLite forgets them


@pytest.mark.parametrize("statistics", [None, "city"], indirect=True)
def test_new_suggestions_are_read_from_the_kelurahans_residents(app, world, statistics):
    seen = []

    def capture(_conn, _cursor, statement, parameters, _context, _many):
        seen.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", capture)
    try:
        _vacancies_with_new_suggestions(world.nj.id)
    finally:
        event.remove(db.engine, "before_cursor_execute", capture)
    statement, parameters = next((s, p) for s, p in seen if 'FROM vacancy' in s and 'match' in s)
    plan = [row[-1] for row in db.session.connection().exec_driver_sql(
        "EXPLAIN QUERY PLAN " + statement, parameters).all()]
    # the residents first, their suggestions by resident, and only then each vacancy by its key
    steps = [step for step in plan if step.startswith(("SEARCH", "SCAN"))]
    assert [step.split(" USING ")[0] for step in steps if "per_vacancy" not in step] == [
        "SEARCH seeker_profile", "SEARCH match", "SEARCH vacancy", "SEARCH company"], plan
    assert "ix_match_seeker_status" in steps[1] and "PRIMARY KEY" in steps[-2], plan
