"""audit log hash chain: each row carries an HMAC of the previous row's chain hash and its own fields

Revision ID: d41a7c2e9b10
Revises: 5d2a9c7e41b3
Create Date: 2026-12-07 18:30:00

Existing rows are chained here, in id order, with the deployment's AUDIT_KEY (the same
computation as app/core/audit.py at the time of writing, copied so that this step never changes).
"""
import base64
import hashlib
import hmac

import sqlalchemy as sa
from alembic import op
from flask import current_app

revision = 'd41a7c2e9b10'
down_revision = '5d2a9c7e41b3'
branch_labels = None
depends_on = None

SQLITE_TRIGGERS = {
    'audit_log_no_update': "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
                           "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    'audit_log_no_delete': "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
                           "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
}


def _chain(key: bytes, previous, row) -> str:
    at = row.at.strftime("%Y-%m-%dT%H:%M:%S.%f")  # naive UTC, as stored
    fields = "\x1f".join([at, str(row.actor_id or ""), row.action, row.object_type, row.object_id or "",
                          row.ip or "", row.detail or ""])
    return hmac.new(key, f"{previous or ''}\x1e{fields}".encode(), hashlib.sha256).hexdigest()


def _lift_triggers(conn) -> None:
    if conn.dialect.name == 'postgresql':
        op.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change")
    else:
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")


def _restore_triggers(conn) -> None:
    if conn.dialect.name == 'postgresql':
        op.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change")
    else:
        for sql in SQLITE_TRIGGERS.values():
            op.execute(sql)


def upgrade():
    conn = op.get_bind()
    op.add_column('audit_log', sa.Column('chain_hash', sa.String(length=64), nullable=True))
    audit = sa.table('audit_log', sa.column('id', sa.Integer), sa.column('at', sa.DateTime),
                     sa.column('actor_id', sa.Integer), sa.column('action', sa.String),
                     sa.column('object_type', sa.String), sa.column('object_id', sa.String),
                     sa.column('ip', sa.String), sa.column('detail', sa.String),
                     sa.column('chain_hash', sa.String))
    rows = conn.execute(sa.select(audit).order_by(audit.c.id)).all()
    if not rows:
        return
    key = base64.urlsafe_b64decode(current_app.config["AUDIT_KEY"])
    _lift_triggers(conn)
    previous = None
    for row in rows:
        previous = _chain(key, previous, row)
        conn.execute(audit.update().where(audit.c.id == row.id).values(chain_hash=previous))
    _restore_triggers(conn)


def downgrade():
    conn = op.get_bind()
    _lift_triggers(conn)  # SQLite rebuilds the table, and its triggers with it
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_column('chain_hash')
    _restore_triggers(conn)
