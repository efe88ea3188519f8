"""follow-ups, reminders and the AK/I card

Revision ID: c8e4f6b2d031
Revises: b7d3e5a1c920
Create Date: 2026-11-28 03:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c8e4f6b2d031'
down_revision = 'b7d3e5a1c920'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
