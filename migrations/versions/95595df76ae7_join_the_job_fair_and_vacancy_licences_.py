"""Join the job-fair and vacancy-licences branches of the schema history

Revision ID: 95595df76ae7
Revises: 403b87863bec, 64b8a2e75428
Create Date: 2026-12-08 00:14:45.347514

"""
revision = '95595df76ae7'
down_revision = ('403b87863bec', '64b8a2e75428')
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
