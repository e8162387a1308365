"""A timed event may end when it starts, as RFC 5545 reads an event without DTEND

Revision ID: 0006_dates
Revises: 0005_embargo
Create Date: 2026-12-02

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0006_dates'
down_revision = '0005_embargo'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_event_ends_after_start'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_event_ends_not_before_start'), 'ends_at >= starts_at')


def downgrade():
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_event_ends_not_before_start'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_event_ends_after_start'), 'ends_at > starts_at')
