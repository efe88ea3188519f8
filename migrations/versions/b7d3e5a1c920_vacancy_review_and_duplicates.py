"""vacancy review and duplicate merging

Revision ID: b7d3e5a1c920
Revises: 42c2d8d84ed4
Create Date: 2026-11-28 03:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b7d3e5a1c920'
down_revision = '42c2d8d84ed4'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
