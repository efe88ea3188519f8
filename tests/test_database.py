"""How a request's transaction ends (app/database.py): one that only read is committed, one
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


def test_statements_prepared_on_postgresql_outlive_a_form_sent_back(world, auth, client):
    """psycopg forgets its prepared statements at a rollback: a request that only read must not
    end in one. (Pages that only read run outside a transaction on PostgreSQL, see below; a form
    sent back with errors is read in one.)"""
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
            assert client.post("/me/profile", data={"nik": "12"}).status_code == 422
            db.session.remove()  # as at the end of a request in production (the tests keep one app context)
    finally:
        event.remove(db.engine, "checkout", on_checkout)
    prepared = set()
    for connection in set(used):
        prepared.update(row[0] for row in connection.execute("SELECT statement FROM pg_prepared_statements"))
        connection.rollback()
    assert any('FROM "user"' in statement for statement in prepared)


@pytest.fixture
def postgresql(app):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only; the PostgreSQL run of the suite checks this")
    from psycopg.pq import TransactionStatus

    def state():
        driver = db.session.connection().connection.driver_connection
        return driver.autocommit, driver.info.transaction_status

    return TransactionStatus, state


def test_a_page_reads_outside_a_transaction_until_its_first_write(app, world, postgresql):
    status, state = postgresql
    company_id, name = world.company.id, world.company.name
    db.session.remove()
    with app.test_request_context("/me/"):
        assert db.session.get(Company, company_id).name == name
        assert state() == (True, status.IDLE)  # no BEGIN was sent: nothing to end either
        db.session.execute(update(Company).where(Company.id == company_id).values(name="PT Dibatalkan"))
        assert state() == (False, status.INTRANS)  # the write opened a transaction of its own
        db.session.rollback()
        assert db.session.get(Company, company_id).name == name
        assert state() == (True, status.IDLE)  # the next transaction reads outside one again
    db.session.remove()


def test_row_locks_and_forms_get_a_transaction(app, world, postgresql):
    status, state = postgresql
    company_id = world.company.id
    db.session.remove()
    with app.test_request_context("/me/"):
        db.session.scalar(select(Company.id).where(Company.id == company_id).with_for_update())
        assert state() == (False, status.INTRANS)  # the lock lasts until the transaction ends
        db.session.rollback()
    db.session.remove()
    with app.test_request_context("/me/", method="POST"):
        db.session.scalar(select(Company.id))
        assert state() == (False, status.INTRANS)
        db.session.rollback()
    db.session.remove()
    with app.test_request_context("/me/"):
        db.session.execute(text("SELECT 1"))
        assert state() == (False, status.INTRANS)
        db.session.rollback()
    db.session.remove()


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
    assert not classify(update(Company).values(name="x"))
    assert not classify(insert(Company).values(name="x").returning(Company.id))
    assert not classify(text("UPDATE company SET name = 'x' RETURNING id").columns(column("id")))
    assert not classify(select(Company.id).add_cte(update(Company).values(name="x").returning(Company.id).cte()))


def test_a_lost_connection_can_still_be_rolled_back(app, world):
    db.session.scalar(select(Company.id).limit(1))
    db.session.connection().invalidate()  # as when the server goes away mid-request
    db.session.rollback()  # the error page and the job worker do this: it must not raise
    assert db.session.scalar(select(Company.name).where(Company.id == world.company.id)) == world.company.name


def test_a_connection_asked_for_in_autocommit_keeps_it(app, world, postgresql):
    for context in (app.test_request_context("/me/"), app.test_request_context("/me/", method="POST")):
        with context, db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM (ANALYZE) kelurahan"))  # refused inside a transaction
            assert connection.connection.driver_connection.autocommit
