"""One live registration per address and date.

A person who registered twice for the same date held two seats and got two mails. Addresses
are stored in lower case from now on. Existing duplicates are kept as history: every live
registration after an address's first for a date is marked cancelled (at the moment of this
migration) before the unique index is built.

Revision ID: 0010_one_registration
Revises: 0009_form_wording
"""


import sqlalchemy as sa
from alembic import op

revision = "0010_one_registration"
down_revision = "0009_form_wording"
branch_labels = None
depends_on = None

LIVE = sa.text("status != 'cancelled'")


def upgrade():
    registration = sa.table(
        "registration",
        sa.column("id", sa.Integer),
        sa.column("event_id", sa.Integer),
        sa.column("occurrence_start", sa.DateTime),
        sa.column("email", sa.String),
        sa.column("status", sa.String),
        sa.column("cancelled_at", sa.DateTime),
    )
    op.execute(registration.update().values(email=sa.func.lower(registration.c.email)))
    first = (
        sa.select(sa.func.min(registration.c.id))
        .where(LIVE)
        .group_by(
            registration.c.event_id,
            registration.c.occurrence_start,
            registration.c.email,
        )
    )
    op.execute(
        registration.update()
        .where(LIVE, registration.c.id.not_in(first.scalar_subquery()))
        .values(status="cancelled", cancelled_at=sa.func.current_timestamp())
    )
    op.create_index(
        "uq_registration_live_email",
        "registration",
        ["event_id", "occurrence_start", "email"],
        unique=True,
        sqlite_where=LIVE,
        postgresql_where=LIVE,
    )


def downgrade():
    op.drop_index("uq_registration_live_email", table_name="registration")
