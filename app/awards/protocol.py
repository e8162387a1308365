"""The jury protocol (.docx) and the redacted export of a cycle for a records request."""

from __future__ import annotations

import csv
import io
from datetime import datetime

from docx import Document
from flask import Response
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.audit.models import AuditEntry
from app.awards import queries
from app.awards.models import AwardCycle, ConflictDeclaration, JurorAssignment
from app.awards.validation import mask_email, mask_name, mask_org_number, mask_phone
from app.core.formatting import date_long, to_local
from app.extensions import db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
RULINGS = {"pending": "ej prövat", "confirmed": "jäv föreligger", "rejected": "inget jäv"}
RELATIONS = {
    "self": "egen nominering",
    "customer": "kund",
    "employee": "anställd",
    "business_partner": "samarbetspartner",
    "neighbour": "granne eller boende",
    "other": "annan",
}
#: The protocol is a Swedish public record whatever language its reader uses.
GROUNDS = {
    "own_interest": "saken angår juryledamoten själv eller en närstående (16 § 1 FL)",
    "significant_effect": "juryledamoten eller en närstående påverkas i betydande mån (16 § 2 FL)",
    "representative": "ställföreträdare eller ombud (16 § 3 FL)",
    "other_authority": "medverkat hos en annan myndighet (16 § 4 FL)",
    "special_circumstance": "annan särskild omständighet (16 § 5 FL)",
}


def gather(cycle: AwardCycle) -> dict:
    """Everything the protocol states, read in a fixed number of queries."""
    candidates = db.session.scalars(queries.candidates_of(cycle.id)).all()
    ids = [c.id for c in candidates]
    assignments = db.session.scalars(
        select(JurorAssignment)
        .where(JurorAssignment.category_id.in_([c.id for c in cycle.categories]))
        .options(selectinload(JurorAssignment.user))
    ).all()
    declarations = db.session.scalars(
        select(ConflictDeclaration)
        .where(ConflictDeclaration.candidate_id.in_(ids), ConflictDeclaration.has_conflict)
        .options(selectinload(ConflictDeclaration.juror))
    ).all()
    decisions = queries.decisions_of(cycle.id)
    categories = []
    for category in cycle.categories:
        own = [c for c in candidates if c.category_id == category.id]
        categories.append(
            {
                "name": category.name,
                "partner": category.partner.name if category.partner else "",
                "jurors": [a.user.name for a in assignments if a.category_id == category.id],
                "conflicts": [
                    (
                        d.juror.name,
                        next(c.company_name for c in own if c.id == d.candidate_id),
                        GROUNDS[str(d.ground)],
                        RULINGS.get(str(d.ruling), ""),
                        d.ruling_note,
                    )
                    for d in declarations
                    if d.candidate_id in {c.id for c in own}
                ],
                "candidates": [
                    (
                        c.company_name,
                        mask_org_number(c.org_number),
                        len(c.nominations),
                        "ja" if c.screening and c.screening.eligible else "nej",
                    )
                    for c in own
                ],
                "ranking": [
                    (
                        next(c.company_name for c in own if c.id == r.candidate_id),
                        r.score,
                        r.rank,
                        r.jurors,
                    )
                    for r in queries.ranking(category, cycle)
                ],
                "winner": decisions[category.id].candidate.company_name
                if category.id in decisions
                else "",
                "citation": decisions[category.id].citation if category.id in decisions else "",
                "decided_at": decisions[category.id].decided_at
                if category.id in decisions
                else None,
            }
        )
    timeline = db.session.execute(
        select(AuditEntry.at, AuditEntry.action, AuditEntry.details)
        .where(
            AuditEntry.action == "awards.phase_changed",
            AuditEntry.object_type == "AwardCycle",
            AuditEntry.object_id == str(cycle.id),
        )
        .order_by(AuditEntry.at)
    ).all()
    return {"cycle": cycle, "categories": categories, "timeline": timeline}


def _day(value: datetime | None) -> str:
    return date_long(to_local(value)) if value else "–"


def build_protocol(data: dict) -> bytes:
    """The protocol as a Word document."""
    cycle = data["cycle"]
    document = Document()
    document.add_heading(f"Juryprotokoll – {cycle.title}", 0)
    document.add_paragraph(
        f"Nominering {_day(cycle.nominations_open_at)}–{_day(cycle.nominations_close_at)}. "
        f"Prisutdelning: {_day(cycle.ceremony.starts_at) if cycle.ceremony else 'ej bestämd'}."
    )
    for category in data["categories"]:
        _category_section(document, category)
    document.add_heading("Tidslinje", 1)
    for label, at in (
        ("Nomineringen öppnade", cycle.nominations_open_at),
        ("Nomineringen stängde", cycle.nominations_close_at),
        ("Juryns bedömning klar", cycle.judging_deadline_at),
        ("Prisutdelning", cycle.ceremony.starts_at if cycle.ceremony else None),
    ):
        if at is not None:
            document.add_paragraph(f"{_day(at)}: {label}", style="List Bullet")
    for at, _action, details in data["timeline"]:
        document.add_paragraph(
            f"{_day(at)}: fas {details.get('before')} → {details.get('after')}", style="List Bullet"
        )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _category_section(document, category: dict) -> None:
    document.add_heading(f"{category['name']} ({category['partner']})", 1)
    document.add_paragraph("Jury: " + (", ".join(category["jurors"]) or "ingen utsedd"))
    document.add_heading("Anmält jäv", 2)
    if not category["conflicts"]:
        document.add_paragraph("Inget jäv anmäldes.")
    for juror, company, ground, ruling, note in category["conflicts"]:
        document.add_paragraph(
            f"{juror} – {company}: {ground}. Beslut: {ruling}. {note}".strip(), style="List Bullet"
        )
    document.add_heading("Kandidater och poäng", 2)
    _table(document, ("Företag", "Org.nr", "Nomineringar", "Behörig"), category["candidates"])
    rows = [
        (name, "–" if score is None else f"{score:.2f}", rank or "–", jurors)
        for name, score, rank, jurors in category["ranking"]
    ]
    _table(document, ("Företag", "Poäng", "Placering", "Jurymedlemmar"), rows)
    document.add_heading("Beslut", 2)
    if category["winner"]:
        document.add_paragraph(
            f"Vinnare: {category['winner']} (beslut {_day(category['decided_at'])})"
        )
        document.add_paragraph(f"Juryns motivering: {category['citation']}")
    else:
        document.add_paragraph("Inget beslut är fattat.")


def _table(document, headings: tuple, rows: list) -> None:
    table = document.add_table(rows=1, cols=len(headings))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headings, strict=True):
        cell.text = text
    for row in rows:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = str(value)


REDACTED_COLUMNS = (
    "kategori",
    "företag",
    "organisationsnummer",
    "adress",
    "postnummer",
    "webbplats",
    "kontaktperson",
    "kontaktperson e-post",
    "kontaktperson telefon",
    "motivering",
    "nominerad av",
    "nominerande e-post",
    "nominerande telefon",
    "relation",
    "inkom",
)


def redacted_csv(cycle: AwardCycle, candidates) -> bytes:
    """Every nomination, with private individuals' names and contact details masked."""
    names = {c.id: c.name for c in cycle.categories}
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(REDACTED_COLUMNS)
    for candidate in candidates:
        for n in candidate.nominations:
            writer.writerow(
                (
                    names.get(n.category_id, ""),
                    n.company_name,
                    mask_org_number(n.org_number),
                    n.address,
                    n.postal_code,
                    n.website,
                    mask_name(n.contact_name),
                    mask_email(n.contact_email),
                    mask_phone(n.contact_phone),
                    n.motivation,
                    mask_name(n.nominator_name),
                    mask_email(n.nominator_email),
                    mask_phone(n.nominator_phone),
                    RELATIONS.get(str(n.relation), ""),
                    to_local(n.received_at).date().isoformat(),
                )
            )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def download(data: bytes, filename: str, mimetype: str) -> Response:
    return Response(
        data,
        mimetype=mimetype,
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )
