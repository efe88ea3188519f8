"""Join the outbox-retries and audit-chain branches of the schema history

Revision ID: fb3067861fed
Revises: e3a9c4f17b20, e7c3b9a2d415
Create Date: 2026-12-07 19:19:54.436245

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'fb3067861fed'
down_revision = ('e3a9c4f17b20', 'e7c3b9a2d415')
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
