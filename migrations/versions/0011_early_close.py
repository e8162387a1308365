"""An award call closed early keeps the moment it closed

Revision ID: 0011_early_close
Revises: 0010_one_registration
Create Date: 2026-12-03 08:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

import app.db


# revision identifiers, used by Alembic.
revision = '0011_early_close'
down_revision = "0010_one_registration"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('award_cycle', schema=None) as batch_op:
        batch_op.add_column(sa.Column('nominations_closed_at', app.db.UTCDateTime(timezone=True), nullable=True))
    _backfill()


def _backfill():
    """A cycle already past its call before its planned close was closed by a person: the
    audit log has the moment (the last change away from an open call before that close)."""
    cycle = sa.table(
        'award_cycle',
        sa.column('id', sa.Integer),
        sa.column('phase', sa.String),
        sa.column('nominations_close_at', app.db.UTCDateTime(timezone=True)),
        sa.column('nominations_closed_at', app.db.UTCDateTime(timezone=True)),
    )
    audit = sa.table(
        'audit_entry',
        sa.column('at', app.db.UTCDateTime(timezone=True)),
        sa.column('action', sa.String),
        sa.column('object_type', sa.String),
        sa.column('object_id', sa.String),
        sa.column('details', sa.JSON),
    )
    connection = op.get_bind()
    cycles = connection.execute(
        sa.select(cycle.c.id, cycle.c.nominations_close_at).where(
            cycle.c.phase.notin_(('draft', 'nominations_open'))
        )
    ).all()
    for cycle_id, close_at in cycles:
        changes = connection.execute(
            sa.select(audit.c.at, audit.c.details)
            .where(
                audit.c.action == 'awards.phase_changed',
                audit.c.object_type == 'AwardCycle',
                audit.c.object_id == str(cycle_id),
            )
            .order_by(audit.c.at)
        ).all()
        closed = [
            at for at, details in changes
            if (details or {}).get('before') == 'nominations_open'
            and (details or {}).get('after') != 'nominations_open'
            and at < close_at
        ]
        if closed:
            connection.execute(
                cycle.update().where(cycle.c.id == cycle_id).values(nominations_closed_at=closed[-1])
            )


def downgrade():
    with op.batch_alter_table('award_cycle', schema=None) as batch_op:
        batch_op.drop_column('nominations_closed_at')
