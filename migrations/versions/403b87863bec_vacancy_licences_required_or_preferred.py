"""vacancy: licences required or preferred

Revision ID: 403b87863bec
Revises: b4e1c7d2a9f0
Create Date: 2026-12-07 23:45:00

"""
import sqlalchemy as sa
from alembic import op

revision = '403b87863bec'
down_revision = 'b4e1c7d2a9f0'
branch_labels = None
depends_on = None


def upgrade():
    # Existing vacancies ask for no licence explicitly (the engine still reads their text).
    with op.batch_alter_table('vacancy', schema=None) as batch_op:
        batch_op.add_column(sa.Column('required_licences', sa.JSON(), nullable=False, server_default='[]'))
        batch_op.add_column(sa.Column('preferred_licences', sa.JSON(), nullable=False, server_default='[]'))


def downgrade():
    with op.batch_alter_table('vacancy', schema=None) as batch_op:
        batch_op.drop_column('preferred_licences')
        batch_op.drop_column('required_licences')
