"""Join the referral-packet and profile-corrections branches of the schema history

Revision ID: 960aad537947
Revises: a5d8e2c61f93, a8d2f61c0b97
Create Date: 2026-12-07 21:36:45.018564

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '960aad537947'
down_revision = ('a5d8e2c61f93', 'a8d2f61c0b97')
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
