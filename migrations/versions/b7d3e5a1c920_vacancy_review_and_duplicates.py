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
    op.create_table('vacancy_review_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('vacancy_id', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=12), nullable=False),
    sa.Column('note', sa.String(length=1000), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['vacancy_id'], ['vacancy.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('vacancy_review_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vacancy_review_event_vacancy_id'), ['vacancy_id'], unique=False)

    op.create_table('duplicate_dismissal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('seeker_a_id', sa.Integer(), nullable=False),
    sa.Column('seeker_b_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['seeker_a_id'], ['seeker_profile.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['seeker_b_id'], ['seeker_profile.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('seeker_a_id', 'seeker_b_id')
    )
    with op.batch_alter_table('duplicate_dismissal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_duplicate_dismissal_seeker_b_id'), ['seeker_b_id'], unique=False)

    op.create_table('seeker_merge',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kept_id', sa.Integer(), nullable=False),
    sa.Column('merged_seeker_id', sa.Integer(), nullable=False),
    sa.Column('moved', sa.JSON(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['kept_id'], ['seeker_profile.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('seeker_merge', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_seeker_merge_kept_id'), ['kept_id'], unique=False)

    with op.batch_alter_table('seeker_profile', schema=None) as batch_op:
        batch_op.create_index('ix_seeker_kelurahan_birth', ['kelurahan_id', 'birth_date'], unique=False)


def downgrade():
    with op.batch_alter_table('seeker_profile', schema=None) as batch_op:
        batch_op.drop_index('ix_seeker_kelurahan_birth')

    with op.batch_alter_table('seeker_merge', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_seeker_merge_kept_id'))
    op.drop_table('seeker_merge')

    with op.batch_alter_table('duplicate_dismissal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_duplicate_dismissal_seeker_b_id'))
    op.drop_table('duplicate_dismissal')

    with op.batch_alter_table('vacancy_review_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vacancy_review_event_vacancy_id'))
    op.drop_table('vacancy_review_event')
