"""outbox: attempts, next attempt and a reason for a refused message; job: a heartbeat; job_worker: each worker's last sign of life

Revision ID: e3a9c4f17b20
Revises: 5d2a9c7e41b3
Create Date: 2026-12-07 18:20:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e3a9c4f17b20'
down_revision = '5d2a9c7e41b3'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('outbox') as batch:
        batch.add_column(sa.Column('attempts', sa.Integer(), nullable=False, server_default='0'))
        batch.add_column(sa.Column('next_attempt_at', sa.DateTime(), nullable=True))
        batch.add_column(sa.Column('failed_at', sa.DateTime(), nullable=True))
        batch.add_column(sa.Column('error', sa.Text(), nullable=False, server_default=''))
    op.create_index('ix_outbox_pending', 'outbox', ['sent_at', 'failed_at', 'id'])
    with op.batch_alter_table('job') as batch:
        batch.add_column(sa.Column('heartbeat_at', sa.DateTime(), nullable=True))
    op.create_table('job_worker',
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('backend', sa.String(length=8), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=False),
    sa.Column('beat_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('name')
    )


def downgrade():
    op.drop_table('job_worker')
    with op.batch_alter_table('job') as batch:
        batch.drop_column('heartbeat_at')
    op.drop_index('ix_outbox_pending', table_name='outbox')
    with op.batch_alter_table('outbox') as batch:
        batch.drop_column('error')
        batch.drop_column('failed_at')
        batch.drop_column('next_attempt_at')
        batch.drop_column('attempts')
