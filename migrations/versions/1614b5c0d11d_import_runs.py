"""import runs: a saved import, recorded with its rows

Revision ID: 1614b5c0d11d
Revises: c8e4f6b2d031
Create Date: 2026-11-28 07:32:48.432642

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '1614b5c0d11d'
down_revision = 'c8e4f6b2d031'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('import_run',
    sa.Column('token', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('result', sa.JSON(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('token')
    )


def downgrade():
    op.drop_table('import_run')
