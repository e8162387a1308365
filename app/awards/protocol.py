"""The jury protocol (.docx) and the redacted export of a cycle for a records request."""

from __future__ import annotations

import io
from datetime import date, datetime

from docx import Document
from flask import Response
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.audit.models import AuditEntry
from app.awards import clock, queries
from app.awards.models import AwardCycle, ConflictDeclaration, JurorAssignment
from app.awards.services import ceremony_start, nomination_deadline
from app.awards.validation import mask_email, mask_name, mask_org_number, mask_phone
from app.core.formatting import date_long, decimal, to_local
from app.core.spreadsheet import csv_text
from app.extensions import db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
#: The ranking's method as `scoring` computes it (see `forms.aggregation_labels`).
AGGREGATIONS = {
    "mean": "viktat medelvärde",
    "median": "median av juryledamöternas viktade medelvärden",
}
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
    """Everything the protocol states, read in a fixed number of queries per category."""
    candidates = db.session.scalars(queries.candidates_of(cycle.id)).all()
    assignments = db.session.scalars(
        select(JurorAssignment)
        .where(JurorAssignment.category_id.in_([c.id for c in cycle.categories]))
        .options(selectinload(JurorAssignment.user))
    ).all()
    declarations = db.session.scalars(
        select(ConflictDeclaration)
        .where(
            ConflictDeclaration.candidate_id.in_([c.id for c in candidates]),
            ConflictDeclaration.has_conflict,
        )
        .options(selectinload(ConflictDeclaration.juror))
    ).all()
    decisions = queries.decisions_of(cycle.id)
    categories = [
        _summary(cycle, category, candidates, assignments, declarations, decisions)
        for category in cycle.categories
    ]
    return {
        "cycle": cycle,
        "categories": categories,
        "timeline": _timeline(cycle),
        "deadline": nomination_deadline(cycle, clock.now()),
    }


def _summary(cycle, category, candidates, assignments, declarations, decisions) -> dict:
    """One category's jurors, conflicts, candidates, scores and decision."""
    own = {c.id: c for c in candidates if c.category_id == category.id}
    decision = decisions.get(category.id)
    return {
        "name": category.name,
        "partner": category.partner.name if category.partner else "",
        "jurors": [a.user.name for a in assignments if a.category_id == category.id],
        "conflicts": [
            (
                d.juror.name,
                own[d.candidate_id].company_name,
                GROUNDS[str(d.ground)],
                RULINGS.get(str(d.ruling), ""),
                d.ruling_note,
            )
            for d in declarations
            if d.candidate_id in own
        ],
        "candidates": [
            (
                c.company_name,
                mask_org_number(c.org_number),
                len(c.nominations),
                "ja" if c.screening and c.screening.eligible else "nej",
            )
            for c in own.values()
        ],
        "ranking": [
            (own[r.candidate_id].company_name, r.score, r.rank, r.jurors)
            for r in queries.ranking(category, cycle)
        ],
        "winner": decision.candidate.company_name if decision else "",
        "citation": decision.citation if decision else "",
        "decided_at": decision.decided_at if decision else None,
    }


def _timeline(cycle: AwardCycle) -> list:
    """The cycle's logged phase changes, oldest first."""
    return db.session.execute(
        select(AuditEntry.at, AuditEntry.action, AuditEntry.details)
        .where(
            AuditEntry.action == "awards.phase_changed",
            AuditEntry.object_type == "AwardCycle",
            AuditEntry.object_id == str(cycle.id),
        )
        .order_by(AuditEntry.at)
    ).all()


def _day(value: date | datetime | None) -> str:
    if isinstance(value, datetime):
        value = to_local(value).date()
    return date_long(value) if value else "–"


def build_protocol(data: dict) -> bytes:
    """The protocol as a Word document."""
    cycle, deadline = data["cycle"], data["deadline"]
    document = Document()
    document.add_heading(f"Juryprotokoll – {cycle.title}", 0)
    document.add_paragraph(
        f"Nominering {_day(cycle.nominations_open_at)}–{_day(deadline.last_day)}. "
        f"Prisutdelning: {_day(ceremony_start(cycle)) if ceremony_start(cycle) else 'ej bestämd'}."
    )
    method = AGGREGATIONS[str(cycle.aggregation)]
    normalised = ", normaliserat per juryledamot" if cycle.normalise else ""
    document.add_paragraph(f"Sammanvägning: {method}{normalised}.")
    for category in data["categories"]:
        _category_section(document, category)
    document.add_heading("Tidslinje", 1)
    for label, at in (
        ("Nomineringen öppnade", cycle.nominations_open_at),
        (
            "Nomineringen stängdes i förtid" if deadline.early else "Sista dag att nominera",
            deadline.last_day,
        ),
        ("Juryns bedömning klar", cycle.judging_deadline_at),
        ("Prisutdelning", ceremony_start(cycle)),
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
        (name, "–" if score is None else decimal(score, "sv"), rank or "–", jurors)
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
    rows = (
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
        for candidate in candidates
        for n in candidate.nominations
    )
    return csv_text(REDACTED_COLUMNS, rows).encode("utf-8")


def download(data: bytes, filename: str, mimetype: str) -> Response:
    return Response(
        data,
        mimetype=mimetype,
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )
