"""match: one index in the order a vacancy's suggestions are shown

Revision ID: 5d2a9c7e41b3
Revises: 1614b5c0d11d
Create Date: 2026-11-28 12:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5d2a9c7e41b3'
down_revision = '1614b5c0d11d'
branch_labels = None
depends_on = None


def upgrade():
    # A vacancy's suggestions are listed by interest, then score with unscored rows last. With the
    # index in that order the database reads the first rows of the list instead of sorting all
    # of the vacancy's suggestions. SQLite sorts NULL below every number, so its DESC already
    # puts them last; PostgreSQL needs it said.
    nulls_last = " NULLS LAST" if op.get_bind().dialect.name == "postgresql" else ""
    op.create_index('ix_match_vacancy_rank', 'match',
                    ['vacancy_id', 'status', sa.text('interested DESC'), sa.text('score DESC' + nulls_last)])
    op.drop_index('ix_match_vacancy_status_score', table_name='match')


def downgrade():
    op.create_index('ix_match_vacancy_status_score', 'match', ['vacancy_id', 'status', 'score'])
    op.drop_index('ix_match_vacancy_rank', table_name='match')
