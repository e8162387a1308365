"""Focus area 3 is named as the report form names it ("… och bättre framkomlighet").

Revision ID: 0009_form_wording
Revises: 0008_mailing
"""

from alembic import op
import sqlalchemy as sa

revision = "0009_form_wording"
down_revision = "0008_mailing"
branch_labels = None
depends_on = None

POLICY = "Attraktivare miljöer och en bättre framkomlighet"
FORM = "Attraktivare miljöer och bättre framkomlighet"


def _rename(old: str, new: str) -> None:
    focus_area = sa.table("focus_area", sa.column("name", sa.String))
    op.execute(focus_area.update().where(focus_area.c.name == old).values(name=new))


def upgrade():
    _rename(POLICY, FORM)


def downgrade():
    _rename(FORM, POLICY)
