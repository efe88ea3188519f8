"""The audit log is tamper-evident: a hash chain `flask --app app audit verify` checks, which
finds a removed, changed or forged row even with the append-only triggers dropped."""
from __future__ import annotations

import base64
import contextlib
import datetime as dt
import hashlib
import hmac

from sqlalchemy import select, text

from app.core import audit
from app.extensions import db
from app.models import AuditLog


@contextlib.contextmanager
def _triggers_lifted():
    """What someone with the database's owner rights can do: switch the append-only triggers off."""
    conn = db.session.connection()
    if conn.dialect.name == "postgresql":
        conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change"))
        yield conn
        conn.execute(text("ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change"))
    else:
        triggers = conn.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                                     "AND tbl_name = 'audit_log'")).all()
        for name, _sql in triggers:
            conn.execute(text(f'DROP TRIGGER "{name}"'))
        yield conn
        for _name, sql in triggers:
            conn.execute(text(sql))
    db.session.commit()


def _five_rows(world) -> list[int]:
    ids = [audit.record(world.staff, "view", "seeker", world.seeker.id, f"row {n}").id for n in range(5)]
    db.session.commit()
    db.session.expire_all()  # verify what the database holds
    return ids


def _verify(app):
    result = app.test_cli_runner().invoke(args=["audit", "verify"])
    return result.exit_code, result.output


def test_an_untouched_log_verifies(app, world, client, auth):
    auth.login("petugas@test.id")  # rows written by requests, too
    client.get(f"/staff/seekers/{world.seeker.id}")
    _five_rows(world)
    count, breaks, head = audit.verify()
    assert count >= 7 and breaks == [] and len(head) == 64
    code, output = _verify(app)
    assert code == 0 and "0 break(s)" in output


def test_a_removed_row_is_found(app, world):
    ids = _five_rows(world)
    with _triggers_lifted() as conn:
        conn.execute(text("DELETE FROM audit_log WHERE id = :id"), {"id": ids[2]})
    code, output = _verify(app)
    assert code == 1 and f"row {ids[3]}: chain broken" in output
    assert [b.row_id for b in audit.verify()[1]] == [ids[3]]


def test_a_changed_row_is_found(app, world):
    ids = _five_rows(world)
    with _triggers_lifted() as conn:
        conn.execute(text("UPDATE audit_log SET object_id = '999' WHERE id = :id"), {"id": ids[1]})
    code, output = _verify(app)
    assert code == 1 and f"row {ids[1]}: chain broken" in output
    assert [b.row_id for b in audit.verify()[1]] == [ids[1]]


def test_a_forged_row_is_found(app, world):
    ids = _five_rows(world)
    previous = db.session.get(AuditLog, ids[-1]).chain_hash
    forged = AuditLog(at=dt.datetime.now(dt.UTC), actor_id=world.admin.id, action="view", object_type="seeker",
                      object_id=str(world.seeker.id), ip="", detail="")
    wrong_key = base64.urlsafe_b64encode(b"k" * 32)
    fields = audit._fields(forged)
    forged.chain_hash = hmac.new(base64.urlsafe_b64decode(wrong_key), f"{previous}\x1e{fields}".encode(),
                                 hashlib.sha256).hexdigest()
    db.session.add(forged)  # an INSERT: the triggers allow it
    db.session.commit()
    code, output = _verify(app)
    assert code == 1 and f"row {forged.id}: chain broken" in output
    # A row without a chain hash is refused as well.
    db.session.add(AuditLog(at=dt.datetime.now(dt.UTC), action="view", object_type="seeker", object_id="1"))
    db.session.commit()
    assert "no chain hash" in _verify(app)[1]


def test_rows_hold_no_names_emails_or_phones(app, world, client, auth):
    client.post("/login", data={"login": "tidak.ada@test.id", "password": "salah-sekali"})
    client.post("/login", data={"login": "warga@test.id", "password": "salah-sekali"})
    auth.login("warga@test.id")
    rows = db.session.scalars(select(AuditLog)).all()
    assert rows
    text_of_rows = " ".join(f"{r.object_id} {r.detail}" for r in rows)
    for personal in ("tidak.ada", "warga@test.id", world.seeker.full_name, world.seeker.phone):
        assert personal not in text_of_rows


def test_exports_record_which_filters_were_used_never_the_search_terms(client, auth, world):
    auth.login("petugas@test.id")
    assert client.get("/staff/seekers/export?q=Budi+Santoso").status_code == 200
    assert client.get("/staff/vacancies/export?q=Sinar").status_code == 200
    auth.logout()
    auth.login("admin@test.id")
    assert client.get("/admin/audit/export?actor=petugas").status_code == 200
    details = " ".join(db.session.scalars(select(AuditLog.detail).where(AuditLog.action == "export")))
    assert "q" in details and "actor" in details
    for term in ("Budi", "Santoso", "Sinar", "petugas"):
        assert term not in details


def test_every_recorded_action_and_object_has_a_label():
    """The audit log page shows labels: every action and object type the code records has one."""
    import ast
    import re
    from pathlib import Path

    from app.core import labels

    source = "\n".join(p.read_text() for p in Path("app").rglob("*.py"))
    literal = re.findall(r'audit\.record\([^,]+, "([a-z0-9_]+)", "([a-z_]+)"', source)
    actions = {a for a, _ in literal} | set(re.findall(r'_record_failure\("([a-z_]+)"', source))
    actions |= {"verify", "reject", "publish", "ask_changes", "refuse", "reset_2fa", "deactivate", "reactivate"}
    downloads = [node.args[3].value for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Call)
                 and getattr(node.func, "id", "") == "audited_download" and isinstance(node.args[3], ast.Constant)]
    objects = {o for _, o in literal} | set(downloads)
    assert len(literal) > 30 and len(downloads) > 10
    assert actions - set(labels.AUDIT_ACTION) == set()
    assert objects - set(labels.AUDIT_OBJECT) == set()
