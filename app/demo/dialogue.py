"""Demo dialogue for Hägersten-Älvsjö: the networks and centre owners the 2022 answer names,
questions routed to the right authority, and needs from the breakfast meeting followed to
feedback; this year a few living items, one of them overdue. Loaded before the reports, so
the 2022 drafts state reach, routing and needs. Loading twice changes nothing."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from app.accounts.models import User
from app.core.formatting import to_local
from app.db import utcnow
from app.demo.reports import copy_questions
from app.demo.upsert import upsert
from app.dialogue.flow import NeedStatus
from app.dialogue.models import Contact, ContactKind, Need, NeedCategory
from app.directory.models import Organisation
from app.extensions import db
from app.policy.models import ReportQuestion
from app.units.models import Unit

UNIT = "hagersten-alvsjo"
#: Report questions by position: samverkan, "Växla upp Stockholm", needs and obstacles.
COOPERATION, ROUTING, NEEDS = 1, 2, 8

K = ContactKind
#: (day, kind, topic, organisation slugs, authority, answered after days)
CONTACTS_2022 = (
    (date(2022, 2, 10), K.MEETING, "Nätverksmöte med Liljeholmens företagsgrupp",
     ["liljeholmens-foretagsgrupp"], "", None),
    (date(2022, 3, 15), K.VISIT, "Företagsbesök runt Telefonplan",
     ["foretagen-runt-telefonplan"], "", None),
    (date(2022, 4, 5), K.MEETING, "Årsmöte hos Älvsjöföretagarna", ["alvsjoforetagarna"], "", None),
    (date(2022, 5, 12), K.MEETING, "Möte med Västertorps företagareförening",
     ["vastertorps-foretagareforening"], "", None),
    (date(2022, 6, 1), K.MEETING, "Centrumdialog i Fruängens centrum", ["niam"], "", None),
    (date(2022, 8, 23), K.MEETING, "Planering av mingelmässan med Citycon", ["citycon"], "", None),
    (date(2022, 9, 20), K.CALL, "Samtal med Rotary Stockholm Sydväst",
     ["rotary-stockholm-sydvast"], "", None),
    (date(2022, 10, 4), K.VISIT, "Besök hos Företagsgruppen Västberga",
     ["foretagsgruppen-vastberga"], "", None),
    (date(2022, 11, 8), K.MEETING, "Avstämning med Företagarna Stockholms stad", ["foretagarna"], "", None),
    (date(2022, 4, 20), K.ROUTED_QUESTION, "Uteservering på Liljeholmstorget", ["citycon"],
     "Trafikkontoret", 12),
    (date(2022, 6, 14), K.ROUTED_QUESTION, "Buller från leveranser i Västberga",
     ["foretagsgruppen-vastberga"], "Miljöförvaltningen", 20),
    (date(2022, 9, 6), K.ROUTED_QUESTION, "Skyltlov för butik i Fruängens centrum", ["niam"],
     "Stadsbyggnadskontoret", 9),
    (date(2022, 11, 22), K.ROUTED_QUESTION, "Klotter och otrygghet vid Telefonplan",
     ["foretagen-runt-telefonplan"], "Polisen", None),
)  # fmt: skip

N = NeedCategory
#: Needs raised at the 2022 breakfast meeting: (category, description, days to feedback)
BREAKFAST = date(2022, 3, 24)
NEEDS_2022 = (
    (N.SKILLS, "Svårt att rekrytera personal till handel och restaurang.", 14),
    (N.PREMISES, "Små företag söker lokaler i Liljeholmen.", 21),
    (N.SAFETY, "Otrygghet på torget kvällstid.", 30),
    (N.PERMITS, "Långa handläggningstider för tillstånd.", None),
)


def load(password: str, echo) -> None:
    unit = db.session.scalar(select(Unit).where(Unit.slug == UNIT))
    if unit is None:
        echo("Dialog: enheten saknas, hoppar över.")
        return
    orgs = {o.slug: o for o in db.session.scalars(select(Organisation))}
    owner = db.session.scalar(select(User).where(User.email == "officer@example.org"))
    year_2022 = _questions(unit, 2022)
    for day, kind, topic, slugs, authority, answered in CONTACTS_2022:
        position = ROUTING if kind is K.ROUTED_QUESTION else COOPERATION
        _contact(unit, day, kind, topic, [orgs[s] for s in slugs if s in orgs], authority,
                 answered, year_2022.get(position))  # fmt: skip
    for category, description, days in NEEDS_2022:
        _need(unit, BREAKFAST, category, description, days, owner, year_2022.get(NEEDS))
    today = to_local(utcnow()).date()
    copy_questions(unit, 2022, today.year)  # this year's form, as the reports will have it
    now = _questions(unit, today.year)
    if today.timetuple().tm_yday > 45:
        _contact(unit, today - timedelta(days=40), K.VISIT, "Besök hos nya företag i Västberga",
                 [orgs["foretagsgruppen-vastberga"]], "", None, now.get(COOPERATION))  # fmt: skip
        _need(unit, today - timedelta(days=40), N.PREMISES,
              "Lager söker större lokal i Västberga.", None, owner, now.get(NEEDS))  # fmt: skip
        _need(unit, today - timedelta(days=44), N.TRAFFIC,
              "Lastzon saknas vid Hägerstensvägen.", 10, owner, now.get(NEEDS))  # fmt: skip
    db.session.flush()
    echo(f"Dialog: {len(CONTACTS_2022)} kontakter och {len(NEEDS_2022)} behov för 2022.")


def _questions(unit: Unit, year: int) -> dict[int, ReportQuestion]:
    rows = db.session.scalars(select(ReportQuestion).filter_by(unit_id=unit.id, year=year))
    return {q.position: q for q in rows}


def _contact(unit, day, kind, topic, organisations, authority, answered, question) -> None:
    upsert(
        Contact,
        {"unit_id": unit.id, "held_on": day, "topic": topic},
        kind=kind,
        authority=authority,
        answered_on=day + timedelta(days=answered) if answered is not None else None,
        organisations=organisations,
        questions=[question] if question else [],
    )


def _need(unit, day, category, description, days, owner, question) -> None:
    fed_back = day + timedelta(days=days) if days is not None else None
    upsert(
        Need,
        {"unit_id": unit.id, "raised_on": day, "description": description},
        category=category,
        owner_id=owner.id if owner else None,
        status=NeedStatus.FED_BACK if fed_back else NeedStatus.ROUTED,
        routed_on=day + timedelta(days=2),
        answered_on=fed_back,
        fed_back_on=fed_back,
        feedback="Företaget fick svar och kontaktuppgifter till rätt handläggare."
        if fed_back
        else "",
        questions=[question] if question else [],
    )
