"""The jury protocol (.docx) and the redacted export of a cycle for a records request."""

from __future__ import annotations

from datetime import date, datetime

from docx.shared import Pt
from flask import Response
from flask_babel import force_locale
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.audit.models import AuditEntry
from app.awards import clock, queries
from app.awards.labels import phase_labels
from app.awards.models import AwardCycle, ConflictDeclaration, JurorAssignment
from app.awards.services import ceremony_start, nomination_deadline
from app.core import word
from app.core.formatting import date_long, decimal, to_local
from app.core.spreadsheet import csv_text
from app.core.swedish import mask_email, mask_name, mask_org_number, mask_phone
from app.db import utcnow
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


def gather(cycle: AwardCycle, clerk: str) -> dict:
    """Everything the protocol states, read in a fixed number of queries per category.

    `clerk` is the person exporting it, who keeps the minutes.
    """
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
    with force_locale("sv"):  # a Swedish public record whatever language its reader uses
        phases = {key: str(label) for key, label in phase_labels().items()}
    return {
        "cycle": cycle,
        "categories": categories,
        "happened": _happened(cycle, categories, phases),
        "planned": _planned(cycle),
        "deadline": nomination_deadline(cycle, clock.now()),
        "clerk": clerk,
        "method": _method(cycle),
        "exported_at": utcnow(),
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
            (c.company_name, mask_org_number(c.org_number), len(c.nominations), _eligible(c))
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


def _eligible(candidate) -> str:
    """'ja', or 'nej' with the screening's reason, or that it has not been screened."""
    screening = candidate.screening
    if screening is None:
        return "ej granskad"
    if screening.eligible:
        return "ja"
    return f"nej: {screening.reason}" if screening.reason.strip() else "nej (skäl ej angivet)"


def _method(cycle: AwardCycle) -> str:
    """How the scores were combined, exactly as computed."""
    normalised = ", normaliserat per juryledamot" if cycle.normalise else ""
    return (
        f"Sammanvägning: {AGGREGATIONS[str(cycle.aggregation)]}{normalised}. "
        "Jurymedlemmar med jäv har inte bedömt kandidaten."
    )


def _happened(cycle: AwardCycle, categories: list[dict], phases: dict) -> list:
    """What actually happened, oldest first: phase changes, a lifted embargo, decisions."""
    rows = db.session.execute(
        select(AuditEntry.at, AuditEntry.action, AuditEntry.details)
        .where(
            AuditEntry.action.in_(("awards.phase_changed", "awards.embargo_lifted")),
            AuditEntry.object_type == "AwardCycle",
            AuditEntry.object_id == str(cycle.id),
        )
        .order_by(AuditEntry.at)
    ).all()
    events = []
    for at, action, details in rows:
        if action == "awards.embargo_lifted":
            events.append((at, f"Embargot hävdes: {details.get('reason', '')}".rstrip(": ")))
            continue
        before = phases.get(details.get("before"), details.get("before"))
        after = phases.get(details.get("after"), details.get("after"))
        how = " enligt tidsplanen" if details.get("by") == "clock" else ""
        events.append((at, f"Fasen ändrades{how} från {before} till {after}"))
    events += [
        (c["decided_at"], f"Beslut i {c['name']}: {c['winner']}")
        for c in categories
        if c["decided_at"] is not None
    ]
    return sorted(events, key=lambda e: e[0])


def _planned(cycle: AwardCycle) -> list:
    """The cycle's planned dates, in their order; the nomination deadline as the public saw it."""
    deadline = nomination_deadline(cycle, clock.now())
    closing = "Nomineringen stängdes i förtid" if deadline.early else "Sista dag att nominera"
    planned = (
        ("Nomineringen öppnar", cycle.nominations_open_at),
        (closing, deadline.last_day),
        ("Juryns bedömning ska vara klar", cycle.judging_deadline_at),
        ("Prisutdelning", ceremony_start(cycle)),
    )
    return [(label, at) for label, at in planned if at is not None]


def _day(value: date | datetime | None) -> str:
    if isinstance(value, datetime):
        value = to_local(value).date()
    return date_long(value) if value else "–"


def _score(value: float | None) -> str:
    return "–" if value is None else decimal(value, "sv")


def build_protocol(data: dict) -> bytes:
    """The protocol as minutes a registrar files: who, when, what was decided, signed."""
    cycle = data["cycle"]
    decided = [c["decided_at"] for c in data["categories"] if c["decided_at"] is not None]
    document = word.new_document(
        word.Letterhead(
            title=f"Juryprotokoll – {cycle.title}",
            subject=f"Protokoll över juryns beslut, {cycle.title}",
            author=cycle.unit.name if cycle.unit else "Stockholms stad",
            running_head=f"Juryprotokoll · {cycle.title}",
            exported_at=data["exported_at"],
            exported_day=_day(data["exported_at"]),
            keywords="pris; jury; protokoll",
        )
    )
    document.add_heading(f"Juryprotokoll – {cycle.title}", 0)
    _minutes_head(document, data, max(decided) if decided else None)
    ceremony = ceremony_start(cycle)
    document.add_paragraph(
        f"Nominering {_day(cycle.nominations_open_at)}–{_day(data['deadline'].last_day)}. "
        f"Prisutdelning: {_day(ceremony) if ceremony else 'ej bestämd'}."
    )
    for number, category in enumerate(data["categories"], start=1):
        _category_section(document, number, category, data["method"])
    document.add_heading("Vad som hände", 1)
    if data["happened"]:
        word.bullets(document, (f"{_day(at)}: {text}" for at, text in data["happened"]))
    else:
        document.add_paragraph("Inga händelser är loggade.")
    document.add_heading("Planerade datum", 1)
    word.bullets(document, (f"{label}: {_day(at)}" for label, at in data["planned"]))
    _signatures(document, data["clerk"])
    return word.finish(document)


def _minutes_head(document, data: dict, decided_at: datetime | None) -> None:
    jurors = sorted({name for c in data["categories"] for name in c["jurors"]})
    pairs = (
        ("Beslutsdatum", _day(decided_at) if decided_at else "inget beslut är fattat"),
        ("Närvarande jurymedlemmar", ", ".join(jurors) or "ingen utsedd"),
        ("Protokollförare", data["clerk"]),
        ("Justeras av", "se underskrifter sist i protokollet"),
    )
    for label, value in pairs:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(2)
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)


def _category_section(document, number: int, category: dict, method: str) -> None:
    title = f"§ {number} {category['name']}"
    document.add_heading(f"{title} ({category['partner']})" if category["partner"] else title, 1)
    document.add_paragraph("Jury: " + (", ".join(category["jurors"]) or "ingen utsedd"))
    document.add_heading("Anmält jäv", 2)
    if not category["conflicts"]:
        document.add_paragraph("Inget jäv anmäldes.")
    word.bullets(document, (_conflict_line(*conflict) for conflict in category["conflicts"]))
    document.add_heading("Kandidater och poäng", 2)
    if not category["candidates"]:
        document.add_paragraph("Inga nomineringar.")
    else:
        word.table(
            document,
            ("Företag", "Org.nr", "Nomineringar", "Behörig"),
            category["candidates"],
            widths_cm=(5.2, 3.2, 3.2, 4.4),
            title=f"Tabell {number}a. Kandidater i {category['name']}",
        )
        _ranking(document, number, category, method)
    document.add_heading("Beslut", 2)
    if category["winner"]:
        document.add_paragraph(
            f"Vinnare: {category['winner']} (beslut {_day(category['decided_at'])})"
        )
        document.add_paragraph(f"Juryns motivering: {category['citation']}")
    else:
        document.add_paragraph("Inget beslut är fattat.")


def _conflict_line(juror: str, company: str, ground: str, ruling: str, note: str) -> str:
    """One declared conflict; the ruling's note only when it adds to the ruling."""
    line = f"{juror} – {company}: {ground}. Beslut: {ruling}."
    said = note.strip().rstrip(".").casefold()
    if said and said != ruling.casefold():
        line += f" Motivering: {note.strip()}"
    return line


def _ranking(document, number: int, category: dict, method: str) -> None:
    rows = [
        (name, _score(score), rank or "–", jurors)
        for name, score, rank, jurors in category["ranking"]
    ]
    if not rows:
        document.add_paragraph("Ingen kandidat var behörig, så ingen rangordning gjordes.")
        return
    word.table(
        document,
        ("Företag", "Poäng", "Placering", "Bedömd av"),
        rows,
        widths_cm=(7.0, 2.5, 2.8, 3.7),
        title=f"Tabell {number}b. Rangordning i {category['name']}",
    )
    notes = [method]
    if any(score is None for _n, score, _r, _j in category["ranking"]):
        notes.append(
            "En kandidat utan poäng har inte bedömts av någon jurymedlem utan jäv "
            "och har därför ingen placering."
        )
    document.add_paragraph(" ".join(notes), style=word.CAPTION)


def _signatures(document, clerk: str) -> None:
    document.add_heading("Underskrifter", 1)
    for role in (f"Protokollförare: {clerk}", "Justeras av:"):
        signature = document.add_paragraph(role)
        signature.paragraph_format.keep_with_next = True
        line = document.add_paragraph("_" * 40 + "      Datum: " + "_" * 15)
        line.paragraph_format.space_before = Pt(24)
        line.paragraph_format.keep_together = True


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
