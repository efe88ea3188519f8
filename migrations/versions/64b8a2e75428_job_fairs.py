"""job fairs: the event, invited companies and their vacancies, residents' invitations and passes,
booth visits (consent to share) and booth records; a referral's source fair

Revision ID: 64b8a2e75428
Revises: 960aad537947
Create Date: 2026-12-07 23:22:20.143147

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '64b8a2e75428'
down_revision = '960aad537947'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('fair',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kelurahan_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=160), nullable=False),
    sa.Column('place', sa.String(length=255), nullable=False),
    sa.Column('starts_at', sa.DateTime(), nullable=False),
    sa.Column('ends_at', sa.DateTime(), nullable=False),
    sa.Column('scope', sa.String(length=12), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['kelurahan_id'], ['kelurahan.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('fair', schema=None) as batch_op:
        batch_op.create_index('ix_fair_starts_at', ['starts_at'], unique=False)

    op.create_table('fair_company',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('fair_id', sa.Integer(), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('invited_at', sa.DateTime(), nullable=False),
    sa.Column('invited_by_id', sa.Integer(), nullable=True),
    sa.Column('joined_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['company_id'], ['company.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['fair_id'], ['fair.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['invited_by_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('fair_id', 'company_id')
    )
    with op.batch_alter_table('fair_company', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fair_company_company_id'), ['company_id'], unique=False)

    op.create_table('fair_invitation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('fair_id', sa.Integer(), nullable=False),
    sa.Column('seeker_id', sa.Integer(), nullable=False),
    sa.Column('vacancy_id', sa.Integer(), nullable=True),
    sa.Column('channel', sa.String(length=12), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=False),
    sa.Column('sent_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['fair_id'], ['fair.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['seeker_id'], ['seeker_profile.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['sent_by_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['vacancy_id'], ['vacancy.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('fair_id', 'seeker_id')
    )
    with op.batch_alter_table('fair_invitation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fair_invitation_seeker_id'), ['seeker_id'], unique=False)

    op.create_table('fair_pass',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('fair_id', sa.Integer(), nullable=False),
    sa.Column('seeker_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=12), nullable=False),
    sa.Column('channel', sa.String(length=8), nullable=False),
    sa.Column('registered_by_id', sa.Integer(), nullable=True),
    sa.Column('registered_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['fair_id'], ['fair.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['registered_by_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['seeker_id'], ['seeker_profile.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('code'),
    sa.UniqueConstraint('fair_id', 'seeker_id')
    )
    with op.batch_alter_table('fair_pass', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fair_pass_seeker_id'), ['seeker_id'], unique=False)

    op.create_table('fair_vacancy',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('fair_id', sa.Integer(), nullable=False),
    sa.Column('vacancy_id', sa.Integer(), nullable=False),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.Column('added_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['added_by_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['fair_id'], ['fair.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['vacancy_id'], ['vacancy.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('fair_id', 'vacancy_id')
    )
    with op.batch_alter_table('fair_vacancy', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fair_vacancy_vacancy_id'), ['vacancy_id'], unique=False)

    op.create_table('fair_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pass_id', sa.Integer(), nullable=False),
    sa.Column('vacancy_id', sa.Integer(), nullable=False),
    sa.Column('match_id', sa.Integer(), nullable=True),
    sa.Column('outcome', sa.String(length=12), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['match_id'], ['match.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['pass_id'], ['fair_pass.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['vacancy_id'], ['vacancy.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('pass_id', 'vacancy_id')
    )
    with op.batch_alter_table('fair_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fair_record_match_id'), ['match_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_fair_record_vacancy_id'), ['vacancy_id'], unique=False)

    op.create_table('fair_visit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pass_id', sa.Integer(), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['company_id'], ['company.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['pass_id'], ['fair_pass.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('pass_id', 'company_id')
    )
    with op.batch_alter_table('fair_visit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fair_visit_company_id'), ['company_id'], unique=False)

    # A referral's source fair. SQLite adds a column with its reference in place; a batch copy of
    # the table would lose the DESC of ix_match_vacancy_rank.
    if op.get_bind().dialect.name == "sqlite":
        op.execute('ALTER TABLE "match" ADD COLUMN fair_id INTEGER '
                   'CONSTRAINT fk_match_fair_id_fair REFERENCES fair (id) ON DELETE SET NULL')
    else:
        op.add_column('match', sa.Column('fair_id', sa.Integer(), nullable=True))
        op.create_foreign_key('fk_match_fair_id_fair', 'match', 'fair', ['fair_id'], ['id'], ondelete='SET NULL')
    op.create_index('ix_match_fair_id', 'match', ['fair_id'], unique=False)



def downgrade():
    op.drop_index('ix_match_fair_id', table_name='match')
    sqlite = op.get_bind().dialect.name == "sqlite"
    with op.batch_alter_table('match', schema=None) as batch_op:
        if not sqlite:
            batch_op.drop_constraint('fk_match_fair_id_fair', type_='foreignkey')
        batch_op.drop_column('fair_id')
    if sqlite:  # the batch copy of the table lost the index's DESC: make it again
        op.drop_index('ix_match_vacancy_rank', table_name='match')
        op.create_index('ix_match_vacancy_rank', 'match',
                        ['vacancy_id', 'status', sa.text('interested DESC'), sa.text('score DESC')])

    with op.batch_alter_table('fair_visit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fair_visit_company_id'))

    op.drop_table('fair_visit')
    with op.batch_alter_table('fair_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fair_record_vacancy_id'))
        batch_op.drop_index(batch_op.f('ix_fair_record_match_id'))

    op.drop_table('fair_record')
    with op.batch_alter_table('fair_vacancy', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fair_vacancy_vacancy_id'))

    op.drop_table('fair_vacancy')
    with op.batch_alter_table('fair_pass', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fair_pass_seeker_id'))

    op.drop_table('fair_pass')
    with op.batch_alter_table('fair_invitation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fair_invitation_seeker_id'))

    op.drop_table('fair_invitation')
    with op.batch_alter_table('fair_company', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fair_company_company_id'))

    op.drop_table('fair_company')
    with op.batch_alter_table('fair', schema=None) as batch_op:
        batch_op.drop_index('ix_fair_starts_at')

    op.drop_table('fair')
