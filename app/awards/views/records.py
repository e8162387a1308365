"""Records: the jury protocol and the redacted export for a records request."""

from __future__ import annotations

from flask_login import current_user, login_required

from app.awards import protocol, queries
from app.awards.views.blueprint import bp, load_cycle
from app.extensions import db


@bp.get("/manage/awards/<int:cycle_id>/protocol.docx")
@login_required
def protocol_docx(cycle_id: int):
    """The jury protocol as Word, for the council's records."""
    cycle = load_cycle(cycle_id)
    data = protocol.build_protocol(protocol.gather(cycle, current_user.name))
    return protocol.download(data, f"juryprotokoll-{cycle.year}.docx", protocol.DOCX)


@bp.get("/manage/awards/<int:cycle_id>/redacted.csv")
@login_required
def redacted_export(cycle_id: int):
    """The cycle's nominations for a records request, private contact details masked."""
    cycle = load_cycle(cycle_id)
    data = protocol.redacted_csv(cycle, db.session.scalars(queries.candidates_of(cycle.id)).all())
    return protocol.download(
        data, f"nomineringar-{cycle.year}-maskerad.csv", "text/csv; charset=utf-8"
    )
