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
    with op.batch_alter_table('match', schema=None) as batch_op:
        batch_op.add_column(sa.Column('contract_end_date', sa.Date(), nullable=True))
    with op.batch_alter_table('seeker_profile', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ak1_number', sa.String(length=30), nullable=True))
        batch_op.add_column(sa.Column('ak1_valid_until', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('ak1_last_report', sa.Date(), nullable=True))
    op.create_table(
        'reminder',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('key', sa.String(length=80), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('kelurahan_id', sa.Integer(), nullable=False),
        sa.Column('match_id', sa.Integer(), nullable=True),
        sa.Column('seeker_id', sa.Integer(), nullable=True),
        sa.Column('due_on', sa.Date(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('done_at', sa.DateTime(), nullable=True),
        sa.Column('done_by_id', sa.Integer(), nullable=True),
        sa.Column('outcome', sa.String(length=12), nullable=True),
        sa.Column('note', sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(['kelurahan_id'], ['kelurahan.id'], name=op.f('fk_reminder_kelurahan_id_kelurahan')),
        sa.ForeignKeyConstraint(['match_id'], ['match.id'], name=op.f('fk_reminder_match_id_match'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['seeker_id'], ['seeker_profile.id'], name=op.f('fk_reminder_seeker_id_seeker_profile'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['done_by_id'], ['user.id'], name=op.f('fk_reminder_done_by_id_user')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_reminder')),
        sa.UniqueConstraint('key', name=op.f('uq_reminder_key')),
    )
    op.create_index('ix_reminder_kelurahan_open', 'reminder', ['kelurahan_id', 'done_at', 'due_on'], unique=False)
    op.create_index(op.f('ix_reminder_match_id'), 'reminder', ['match_id'], unique=False)
    op.create_index(op.f('ix_reminder_seeker_id'), 'reminder', ['seeker_id'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_reminder_seeker_id'), table_name='reminder')
    op.drop_index(op.f('ix_reminder_match_id'), table_name='reminder')
    op.drop_index('ix_reminder_kelurahan_open', table_name='reminder')
    op.drop_table('reminder')
    with op.batch_alter_table('seeker_profile', schema=None) as batch_op:
        batch_op.drop_column('ak1_last_report')
        batch_op.drop_column('ak1_valid_until')
        batch_op.drop_column('ak1_number')
    with op.batch_alter_table('match', schema=None) as batch_op:
        batch_op.drop_column('contract_end_date')
