"""profile_correction: changes staff made to a resident's data, with their reason

Revision ID: a5d8e2c61f93
Revises: fb3067861fed
Create Date: 2026-12-07 20:50:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'a5d8e2c61f93'
down_revision = 'fb3067861fed'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'profile_correction',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('seeker_id', sa.Integer(), nullable=False),
        sa.Column('actor_id', sa.Integer(), nullable=True),
        sa.Column('data_request_id', sa.Integer(), nullable=True),
        sa.Column('reason', sa.String(length=500), nullable=False),
        sa.Column('changes', sa.JSON(), nullable=False),
        sa.Column('identity_checked', sa.Boolean(), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['seeker_id'], ['seeker_profile.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['actor_id'], ['user.id']),
        sa.ForeignKeyConstraint(['data_request_id'], ['data_request.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('profile_correction', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_profile_correction_seeker_id'), ['seeker_id'], unique=False)


def downgrade():
    with op.batch_alter_table('profile_correction', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_profile_correction_seeker_id'))
    op.drop_table('profile_correction')
