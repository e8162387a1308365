"""Demo award: the 2022 pilot, complete, and an open cycle for the current year.

Company names are plainly invented; organisation numbers are made up with a valid
Luhn digit. The sole trader's number lies in a test-style serial range.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from app.accounts import services as accounts
from app.accounts.models import Membership, Role
from app.awards import scoring
from app.awards.models import (
    AwardCategory,
    AwardCycle,
    Candidate,
    ConflictDeclaration,
    ConflictGround,
    ConflictRuling,
    Criterion,
    Decision,
    JurorAssignment,
    Nomination,
    Phase,
    Relation,
    Score,
    Screening,
)
from app.core.swedish import STOCKHOLM
from app.demo.upsert import upsert
from app.directory.models import Organisation, Venue
from app.events.models import Event, EventKind, EventStatus
from app.events.occurrences import rebuild_occurrences
from app.extensions import db
from app.policy.models import ReportQuestion
from app.units.models import Unit

DOMAIN = "hagersten-alvsjo.torget"

#: (category, partner slug, juror e-mail, juror name, eligibility, own criterion)
CATEGORIES = (
    (
        "Årets lokala nyföretag",
        "stockholm-business-region",
        "juror.sbr@example.org",
        "Sara SBR-jury",
        "Verksamt i högst tre år",
        "God tillväxtpotential",
    ),
    (
        "Årets lokala innovativa företag",
        "almi",
        "juror.almi@example.org",
        "Arvid ALMI-jury",
        "",
        None,
    ),
    (
        "Årets lokala trygghetsskapande företag",
        "hagersten-alvsjo-sdf",
        "juror.sdf@example.org",
        "Tove Trygghetsjury",
        "",
        None,
    ),
    (
        "Årets lokala inkluderande företag",
        "jobbtorget",
        "juror.jobbtorget@example.org",
        "Ivar Jobbtorgsjury",
        "",
        None,
    ),
    (
        "Årets lokala företagare",
        "foretagarna",
        "juror.foretagarna@example.org",
        "Fredrika Företagarjury",
        "",
        None,
    ),
)

#: The 2023 general criteria (DOMAIN.md): (name, weight, screened rather than scored)
CRITERIA = (
    ("Huvudsaklig verksamhet i stadsdelsområdet", 1.0, True),
    ("Gott ledarskap och en förebild", 2.0, False),
    ("Kreativitet eller företagsamhet värd att belöna", 1.5, False),
    ("Långsiktigt lönsam", 1.0, False),
    ("Drivs med hänsyn till hållbarhet", 1.0, False),
    ("Inga allvarliga betalningsanmärkningar", 1.0, True),
)

#: 2022 candidates per category: (company, org number, eligible, scores by juror 1–5)
COMPANIES_2022 = (
    (
        ("Exempelbageriet i Älvsjö AB", "559101-2348", True, 5),
        ("Påhittade Cykelverkstan Liljeholmen AB", "559102-3451", True, 4),
    ),
    (
        ("Fiktiva Solpanelsbolaget Västberga AB", "559103-4565", True, 5),
        ("Låtsasappen Telefonplan AB", "559104-5678", True, 4),
    ),
    (
        ("Exempelvakten Fruängen AB", "559105-6782", True, 4),
        ("Påhittade Kvarterskaféet i Solberga AB", "559106-7896", True, 5),
    ),
    (
        ("Fiktiva Städkooperativet Hägersten ek. för.", "559107-8901", True, 5),
        ("Exempelrestaurangen vid torget AB", "559108-9015", False, 0),
    ),
    (
        ("Frisörsalongen Exempelsson (enskild firma)", "850412-9803", True, 5),
        ("Låtsasblomsterhandeln i Mälarhöjden AB", "559109-0120", True, 3),
    ),
)

CITATIONS = (
    "Ett ungt bageri som på kort tid har blivit en mötesplats vid Älvsjö torg och anställt "
    "tre unga från området.",
    "Ett företag som gör taken i Västberga till ett kraftverk och delar med sig av sitt kunnande.",
    "Ett kafé som håller öppet sent, samarbetar med platssamverkan och gör Solberga tryggare.",
    "Ett kooperativ som ger personer långt från arbetsmarknaden en väg in i arbetslivet.",
    "En frisör som i trettio år har varit en trogen del av Hägerstensåsens centrum.",
)


def load(password: str, echo) -> None:
    """Create or update the demo award (running it twice changes nothing)."""
    unit = db.session.scalars(select(Unit).where(Unit.slug == "hagersten-alvsjo")).one()
    orgs = {o.slug: o for o in db.session.scalars(select(Organisation))}
    jurors = [_juror(unit, spec, orgs, password) for spec in CATEGORIES]
    cycle = _cycle_2022(unit)
    categories = _categories(cycle, orgs)
    _questions(cycle, unit)
    for category, juror, companies, citation in zip(
        categories, jurors, COMPANIES_2022, CITATIONS, strict=True
    ):
        db.session.add(upsert(JurorAssignment, {"category_id": category.id, "user_id": juror.id}))
        candidates = [_candidate(cycle, category, spec, n) for n, spec in enumerate(companies)]
        _scores(cycle, category, juror, candidates, companies)
        _decision(cycle, category, candidates, citation)
    _conflict(categories[1], jurors[1])
    db.session.flush()
    _current_cycle(unit, orgs)
    echo("Utmärkelsen: omgången 2022 (avgjord) och en öppen omgång i år.")


def _juror(unit, spec, orgs, password):
    _name, partner, email, juror_name, *_ = spec
    user = accounts.find_user(email)
    if user is None:
        user = accounts.create_user(None, email, juror_name, password, owner_unit_id=unit.id)
    if not db.session.scalar(
        select(Membership.id).where(
            Membership.user_id == user.id,
            Membership.unit_id == unit.id,
            Membership.role == Role.JUROR,
        )
    ):
        accounts.add_membership(None, user, unit.id, Role.JUROR, orgs[partner].id)
    return user


def _local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), STOCKHOLM).astimezone(STOCKHOLM)


def _ceremony(unit, uid: str, day: date) -> Event:
    """The company dialogue with its mingle fair, where the award is presented."""
    event = db.session.scalars(select(Event).where(Event.uid == uid)).first()
    if event is not None:
        return event
    venue = db.session.scalars(
        select(Venue).where(Venue.slug == "liljeholmstorgets-galleria")
    ).first()
    event = Event(
        unit_id=unit.id,
        title="Företagsdialog med mingelmässa",
        description="Stockholm Business Regions företagsdialog med mingelmässa för lokala "
        "företag. Här delas Årets lokala företag ut.",
        kind=EventKind.FAIR,
        status=EventStatus.PUBLISHED,
        starts_at=_local(day, 9),
        ends_at=_local(day, 15, 30),
        venue_id=venue.id if venue else None,
        uid=uid,
        published_at=_local(day - timedelta(days=60), 9),
    )
    db.session.add(event)
    db.session.flush()
    rebuild_occurrences(event)
    return event


def _cycle_2022(unit) -> AwardCycle:
    ceremony = _ceremony(unit, f"foretagsdialog-2022@{DOMAIN}", date(2022, 12, 9))
    return upsert(
        AwardCycle,
        {"unit_id": unit.id, "year": 2022},
        title="Årets lokala företag i Hägersten-Älvsjö 2022",
        description="Ett pilotprojekt i samverkan med Stockholm Business Region: fem "
        "kategorier, var och en med en partner som utser vinnaren.",
        nominations_open_at=_local(date(2022, 9, 19), 0),
        nominations_close_at=_local(date(2022, 10, 30), 0),
        judging_deadline_at=_local(date(2022, 11, 25), 0),
        ceremony_event_id=ceremony.id,
        phase=Phase.ANNOUNCED,
    )


def _categories(cycle, orgs) -> list[AwardCategory]:
    result = []
    for position, (name, partner, _e, _n, eligibility, _own) in enumerate(CATEGORIES, 1):
        category = upsert(
            AwardCategory,
            {"cycle_id": cycle.id, "name": name},
            partner_id=orgs[partner].id,
            eligibility=eligibility,
            position=position,
        )
        result.append(category)
    for position, (name, weight, screened) in enumerate(CRITERIA, 1):
        upsert(
            Criterion,
            {"cycle_id": cycle.id, "name": name},
            weight=weight,
            screening_only=screened,
            position=position,
        )
    upsert(
        Criterion,
        {"cycle_id": cycle.id, "name": CATEGORIES[0][5]},
        category_id=result[0].id,
        weight=1.0,
        position=len(CRITERIA) + 1,
    )
    db.session.flush()
    db.session.expire(cycle, ["categories", "criteria"])
    return result


def _questions(cycle, unit) -> None:
    """The 2022 cycle serves the seed's questions 7 and 8."""
    questions = db.session.scalars(
        select(ReportQuestion).where(
            ReportQuestion.unit_id == unit.id,
            ReportQuestion.year == 2022,
            ReportQuestion.position.in_((7, 8)),
        )
    ).all()
    for question in questions:
        if question not in cycle.questions:
            cycle.questions.append(question)


NOMINATORS = (
    ("Nora Exempeldotter", "nora.exempeldotter@example.org", Relation.CUSTOMER),
    ("Oskar Påhittsson", "oskar.pahittsson@example.org", Relation.NEIGHBOUR),
)


def _candidate(
    cycle, category, spec, n: int, received: datetime | None = None, screen: bool = True
) -> Candidate:
    company, number, eligible, _score = spec
    candidate = upsert(
        Candidate,
        {"category_id": category.id, "org_number": number},
        cycle_id=cycle.id,
        company_name=company,
    )
    name, email, relation = NOMINATORS[n % 2]
    upsert(
        Nomination,
        {"candidate_id": candidate.id, "nominator_email": email},
        cycle_id=cycle.id,
        category_id=category.id,
        company_name=company,
        org_number=number,
        address="Exempelgatan 1",
        postal_code="125 30",
        website="",
        contact_name="Kim Kontaktsson",
        contact_email="kontakt@example.org",
        contact_phone="+46850821083",
        motivation=f"{company} gör stor skillnad för området: nya jobb, ett levande torg och "
        "ett engagemang i det lokala näringslivet som många lägger märke till.",
        nominator_name=name,
        nominator_phone=None,
        relation=relation,
        received_at=received or cycle.nominations_open_at + timedelta(days=3 + n),
    )
    if not screen:
        return candidate
    upsert(
        Screening,
        {"candidate_id": candidate.id},
        eligible=eligible,
        reason="" if eligible else "Huvudsaklig verksamhet ligger utanför stadsdelsområdet.",
        screened_at=cycle.nominations_close_at + timedelta(days=2),
    )
    return candidate


def _scores(cycle, category, juror, candidates, companies) -> None:
    criteria = [
        c for c in cycle.criteria if not c.screening_only and c.category_id in (None, category.id)
    ]
    for candidate, (_c, _n, eligible, value) in zip(candidates, companies, strict=True):
        if not eligible or candidate.id == _conflicted_id(category):
            continue
        upsert(
            ConflictDeclaration,
            {"candidate_id": candidate.id, "juror_id": juror.id},
            has_conflict=False,
            declared_at=cycle.nominations_close_at + timedelta(days=5),
        )
        for criterion in criteria:
            upsert(
                Score,
                {"juror_id": juror.id, "candidate_id": candidate.id, "criterion_id": criterion.id},
                value=value,
                comment="",
                updated_at=cycle.nominations_close_at + timedelta(days=10),
            )


def _conflicted_id(category) -> int | None:
    """In the innovation category the ALMI juror declares a conflict on the second candidate."""
    if category.name != CATEGORIES[1][0]:
        return None
    return db.session.scalar(
        select(Candidate.id).where(
            Candidate.category_id == category.id, Candidate.org_number == COMPANIES_2022[1][1][1]
        )
    )


def _conflict(category, juror) -> None:
    candidate_id = _conflicted_id(category)
    upsert(
        ConflictDeclaration,
        {"candidate_id": candidate_id, "juror_id": juror.id},
        has_conflict=True,
        ground=ConflictGround.REPRESENTATIVE,
        note="Jag har varit rådgivare åt företaget i ett ALMI-lån.",
        declared_at=_local(date(2022, 11, 4), 10),
        ruling=ConflictRuling.CONFIRMED,
        ruling_note="Jäv föreligger. Kandidaten bedöms av övriga i juryn.",
        ruled_at=_local(date(2022, 11, 7), 14),
    )


def _decision(cycle, category, candidates, citation) -> None:
    by_juror: dict[int, dict[int, float]] = {}
    ids = [c.id for c in candidates]
    for score in db.session.scalars(select(Score).where(Score.candidate_id.in_(ids))):
        by_juror.setdefault(score.juror_id, {})[score.candidate_id] = float(score.value)
    ranked = scoring.rank(by_juror, {c.id: 1 for c in candidates})
    upsert(
        Decision,
        {"category_id": category.id},
        candidate_id=ranked[0].candidate_id,
        citation=citation,
        decided_at=_local(date(2022, 11, 28), 15),
        locked=True,
    )


def _current_cycle(unit, orgs) -> None:
    """This year's cycle, open today; its window is set once, at the first load."""
    year = date.today().year
    cycle = db.session.scalars(
        select(AwardCycle).where(AwardCycle.unit_id == unit.id, AwardCycle.year == year)
    ).first()
    if cycle is None:
        today = date.today()
        close = today + timedelta(days=21)
        ceremony = _ceremony(unit, f"foretagsdialog-{year}@{DOMAIN}", close + timedelta(days=24))
        cycle = AwardCycle(
            unit_id=unit.id,
            year=year,
            title=f"Årets lokala företag i Hägersten-Älvsjö {year}",
            description="Vem som helst får nominera ett företag i stadsdelsområdet, även sitt "
            "eget. Fem kategorier, var och en med en partner som utser vinnaren.",
            nominations_open_at=_local(today - timedelta(days=14), 0),
            nominations_close_at=_local(close + timedelta(days=1), 0),
            judging_deadline_at=_local(close + timedelta(days=14), 0),
            ceremony_event_id=ceremony.id,
            phase=Phase.NOMINATIONS_OPEN,
        )
        db.session.add(cycle)
        db.session.flush()
    categories = _categories(cycle, orgs)
    examples = (
        ("Exempelglassen på Liljeholmstorget AB", "559110-1232", True, 0),
        ("Exempelglassen Liljeholmen", "559111-2346", True, 0),
    )
    for n, spec in enumerate(examples):
        received = cycle.nominations_open_at + timedelta(days=2 + n)
        _candidate(cycle, categories[0], spec, n, received, screen=False)
