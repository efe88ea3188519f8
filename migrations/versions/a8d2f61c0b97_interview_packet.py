"""match: the interview's place, contact person, what to bring and notes (the referral packet)

Revision ID: a8d2f61c0b97
Revises: fb3067861fed
Create Date: 2026-12-07 20:30:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'a8d2f61c0b97'
down_revision = 'fb3067861fed'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('match', schema=None) as batch_op:
        batch_op.add_column(sa.Column('interview_place', sa.String(length=255), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('interview_contact', sa.String(length=160), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('interview_bring', sa.String(length=500), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('interview_notes', sa.String(length=1000), nullable=False, server_default=''))


def downgrade():
    with op.batch_alter_table('match', schema=None) as batch_op:
        batch_op.drop_column('interview_notes')
        batch_op.drop_column('interview_bring')
        batch_op.drop_column('interview_contact')
        batch_op.drop_column('interview_place')
