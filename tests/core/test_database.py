"""How a request's transaction ends (app/core/database.py): one that only read is committed, one
that wrote, holds unsaved changes or failed is left to be rolled back."""
from __future__ import annotations

import pytest
from sqlalchemy import event, select, text, update

from app.extensions import db
from app.models import Company, User


@pytest.fixture
def endings(app):
    """The commits and rollbacks the engine sees, in order."""
    seen: list[str] = []

    def on_commit(_connection):
        seen.append("commit")

    def on_rollback(_connection):
        seen.append("rollback")

    event.listen(db.engine, "commit", on_commit)
    event.listen(db.engine, "rollback", on_rollback)
    yield seen
    event.remove(db.engine, "commit", on_commit)
    event.remove(db.engine, "rollback", on_rollback)


def _end_request(app, exc=None) -> None:
    app.do_teardown_request(exc)


def test_a_page_that_only_reads_ends_with_a_commit(world, auth, client, endings):
    auth.login("warga@test.id")
    db.session.commit()
    endings.clear()
    assert client.get("/me/").status_code == 200
    assert endings == ["commit"]
    assert not db.session().in_transaction()


def test_a_transaction_that_wrote_is_not_committed_by_the_request_end(app, world, endings):
    with app.test_request_context("/"):
        db.session.execute(update(Company).where(Company.id == world.company.id).values(name="PT Tidak Disimpan"))
        _end_request(app)
        assert endings == []
        db.session.rollback()
    assert db.session.scalar(select(Company.name).where(Company.id == world.company.id)) != "PT Tidak Disimpan"


@pytest.mark.parametrize("flushed", [False, True], ids=["unflushed change", "flushed change"])
def test_changed_objects_are_not_committed_by_the_request_end(app, world, endings, flushed):
    with app.test_request_context("/"):
        company = db.session.get(Company, world.company.id)
        company.name = "PT Tidak Disimpan"
        if flushed:
            db.session.flush()  # a flush counts as a write
        _end_request(app)
        assert endings == []
        db.session.rollback()
    db.session.expire_all()
    assert db.session.get(Company, world.company.id).name != "PT Tidak Disimpan"


def test_a_plain_text_statement_counts_as_a_write(app, world, endings):
    with app.test_request_context("/"):
        db.session.execute(text("SELECT 1"))  # text() may say anything: it is never taken for a read
        _end_request(app)
        assert endings == []


def test_a_failed_request_is_not_committed(app, world, endings):
    with app.test_request_context("/"):
        db.session.scalar(select(User.id).limit(1))
        _end_request(app, RuntimeError("the view failed"))
        assert endings == []
        assert db.session().in_transaction()


def test_a_read_after_a_commit_is_committed_again(app, world, endings):
    with app.test_request_context("/"):
        db.session.execute(update(Company).where(Company.id == world.company.id).values(name="PT Disimpan"))
        db.session.commit()
        assert db.session.get(Company, world.company.id).name == "PT Disimpan"  # a new transaction, read only
        _end_request(app)
    assert endings == ["commit", "commit"]


@pytest.mark.parametrize("method, path, status", [("GET", "/me/", 200), ("POST", "/me/profile", 422)],
                         ids=["page", "form sent back"])
def test_statements_prepared_on_postgresql_outlive_a_read_only_request(world, auth, client, method, path, status):
    """psycopg forgets its prepared statements at a rollback: a request that only read (a page, or
    a form sent back with its errors) must not end in one."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite prepares nothing on a server; the PostgreSQL run of the suite checks this")
    auth.login("warga@test.id")
    db.session.remove()
    used = []

    def on_checkout(dbapi_connection, _record, _proxy):
        used.append(dbapi_connection)

    event.listen(db.engine, "checkout", on_checkout)
    try:
        for _ in range(8):  # psycopg prepares a statement from its sixth use on a connection
            assert client.open(path, method=method, data={"nik": "12"} if method == "POST" else None).status_code == status
            db.session.remove()  # as at the end of a request in production (the tests keep one app context)
    finally:
        event.remove(db.engine, "checkout", on_checkout)
    prepared = set()
    for connection in set(used):
        prepared.update(row[0] for row in connection.execute("SELECT statement FROM pg_prepared_statements"))
        connection.rollback()
    assert any('FROM "user"' in statement for statement in prepared)


def test_what_counts_as_a_read(app):
    from types import SimpleNamespace

    from sqlalchemy import column, insert, union_all
    from sqlalchemy.dialects import postgresql

    from app.core.database import _is_select

    def classify(statement) -> bool:
        compiled = statement.compile(dialect=postgresql.dialect())
        return _is_select(SimpleNamespace(compiled=compiled, isinsert=compiled.isinsert,
                                          isupdate=compiled.isupdate, isdelete=compiled.isdelete))

    assert classify(select(Company.id))
    assert classify(union_all(select(Company.id), select(User.id)))
    assert classify(select(Company.id).with_for_update())  # a commit releases its locks as a rollback would
    assert not classify(text("SELECT 1"))  # a text() statement is never parsed: it counts as a write
    assert not classify(update(Company).values(name="x"))
    assert not classify(insert(Company).values(name="x").returning(Company.id))
    assert not classify(text("UPDATE company SET name = 'x' RETURNING id").columns(column("id")))
    assert not classify(select(Company.id).add_cte(update(Company).values(name="x").returning(Company.id).cte()))


def test_a_lost_connection_can_still_be_rolled_back(app, world):
    db.session.scalar(select(Company.id).limit(1))
    db.session.connection().invalidate()  # as when the server goes away mid-request
    db.session.rollback()  # the error page and the job worker do this: it must not raise
    assert db.session.scalar(select(Company.name).where(Company.id == world.company.id)) == world.company.name
