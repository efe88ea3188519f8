"""user: a password to change at the first log-in, and the pending TOTP secret kept on the server

Revision ID: e7c3b9a2d415
Revises: d41a7c2e9b10
Create Date: 2026-12-07 18:40:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'e7c3b9a2d415'
down_revision = 'd41a7c2e9b10'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('totp_pending_secret', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('must_change_password', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))


def downgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('must_change_password')
        batch_op.drop_column('totp_pending_secret')
