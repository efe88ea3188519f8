"""kelurahan: the lurah's NIP, printed under the signature of reports and letters

Revision ID: b4e1c7d2a9f0
Revises: 960aad537947
Create Date: 2026-12-07 23:59:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'b4e1c7d2a9f0'
down_revision = '960aad537947'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('kelurahan', schema=None) as batch_op:
        batch_op.add_column(sa.Column('lurah_nip', sa.String(length=18), server_default='', nullable=False))


def downgrade():
    with op.batch_alter_table('kelurahan', schema=None) as batch_op:
        batch_op.drop_column('lurah_nip')
