"""Demo events: every activity of the 2022 seed report, held, with outcomes; plus upcoming ones.

Each event is found by its stable UID, so loading twice changes nothing. The upcoming
events are placed relative to the day they are first loaded and then left alone.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from app.accounts.models import User
from app.core.swedish import STOCKHOLM
from app.demo.upsert import upsert
from app.directory.models import Organisation, Venue
from app.events.models import (
    Event,
    EventKind,
    EventPartner,
    EventStatus,
    Need,
    OccurrenceChange,
    Outcome,
    PartnerRole,
    SupportKind,
)
from app.events.occurrences import rebuild_occurrences
from app.events.recurrence import localise
from app.extensions import db
from app.policy.models import FocusArea, ReportQuestion
from app.registrations.models import Registration, RegistrationStatus
from app.registrations.services import hash_token
from app.units.models import Unit

K, R, N, S = EventKind, PartnerRole, Need, SupportKind
DOMAIN = "hagersten-alvsjo.torget"


@dataclass
class Spec:
    """One demo event: when, where, with whom, what it serves and what came of it."""

    uid: str
    title: str
    kind: EventKind
    day: date
    start: time
    end: time
    venue: str | None
    description: str
    theme: str = ""
    rrule: str | None = None
    organiser: str | None = "hagersten-alvsjo-sdf"
    partners: tuple[tuple[str, PartnerRole], ...] = ()
    support: tuple[SupportKind, str] | None = None
    questions: tuple[int, ...] = ()
    #: (original local date, new local date or None to cancel, new venue slug, reason)
    changes: tuple[tuple[date, date | None, str | None, str], ...] = ()
    #: (attendance, companies, needs, needs note, follow-ups, follow-up unit, summary)
    outcome: tuple = ()
    status: EventStatus = EventStatus.PUBLISHED
    registration: dict = field(default_factory=dict)


ASSOCIATIONS = (("liljeholmens-foretagsgrupp", R.CO_ORGANISER), ("citycon", R.HOST),
                ("alvsjoforetagarna", R.PARTICIPANT), ("vastertorps-foretagareforening", R.PARTICIPANT),
                ("foretagsgruppen-vastberga", R.PARTICIPANT))  # fmt: skip
PLACE_PARTNERS = (("polisen", R.PARTICIPANT), ("sl", R.PARTICIPANT), ("mtr", R.PARTICIPANT),
                  ("keolis", R.PARTICIPANT), ("trafikkontoret", R.PARTICIPANT),
                  ("alvsjoforetagarna", R.PARTICIPANT))  # fmt: skip
D = date
EVENTS_2022 = (
    Spec("frukost-kompetens-2022@" + DOMAIN, "Frukostmöte: Kompetensförsörjning", K.BREAKFAST_MEETING,
         D(2022, 3, 24), time(7, 30), time(9), "liljeholmstorgets-galleria",
         "Frukostmöte med de lokala företagareföreningarna om hur företagen hittar rätt kompetens.",
         theme="Kompetensförsörjning", partners=ASSOCIATIONS, questions=(1, 8),
         outcome=(34, 22, (N.SKILLS_SUPPLY, N.PREMISES), "Svårt att rekrytera till handel och restaurang.",
                  "Bjuda in Jobbtorget till nästa möte.", "Arbetsmarknadsförvaltningen",
                  "Företagen beskrev brist på personal och behov av större lokaler.")),
    Spec("frukost-trygghet-2022@" + DOMAIN, "Frukostmöte: Trygghet i och runt centrum", K.BREAKFAST_MEETING,
         D(2022, 9, 29), time(7, 30), time(9), "liljeholmstorgets-galleria",
         "Frukostmöte om trygghet kvällstid kring Liljeholmstorget, med polisen.",
         theme="Trygghet", partners=ASSOCIATIONS + (("polisen", R.PARTICIPANT),), questions=(1, 5, 8),
         outcome=(29, 18, (N.SAFETY,), "Belysning och nedskräpning vid entréerna.",
                  "Anmäla belysning till trafikkontoret.", "Trafikkontoret",
                  "Polisen berättade om läget; företagen vill ha bättre belysning.")),
    Spec("frukost-tillstand-2022@" + DOMAIN, "Frukostmöte: Tillstånd och regler", K.BREAKFAST_MEETING,
         D(2022, 11, 10), time(7, 30), time(9), "liljeholmstorgets-galleria",
         "Frukostmöte om serveringstillstånd, skyltar och uteserveringar.",
         theme="Tillstånd", partners=ASSOCIATIONS, questions=(1, 2, 8),
         outcome=(26, 20, (N.PERMITS, N.MARKETING), "Långa handläggningstider för uteserveringar.",
                  "Lotsa frågorna till stadsbyggnadskontoret.", "Stadsbyggnadskontoret",
                  "Genomgång av tillstånd; flera frågor lotsades vidare.")),
    Spec("trygghet-trivsel-2022@" + DOMAIN, "Trygghet och trivsel på Älvsjö torg", K.SQUARE_EVENT,
         D(2022, 6, 9), time(14), time(19), "alvsjo-torg",
         "Event för trygghet och trivsel med kultur, föreningar, näringsliv och platssamverkans "
         "aktörer. Startskottet för Sommar på torget.",
         partners=PLACE_PARTNERS, questions=(5, 6),
         outcome=(450, 14, (N.SAFETY, N.ACCESSIBILITY), "Önskemål om fler sittplatser och bättre belysning.",
                  "Programmet för Älvsjö resecentrum tar med synpunkterna.", "Trafikkontoret",
                  "Välbesökt eftermiddag med musik, föreningsbord och polisen på plats.")),
    Spec("sommar-alvsjo-2022@" + DOMAIN, "Sommar på torget – Älvsjö torg", K.SQUARE_EVENT,
         D(2022, 6, 16), time(15), time(18), "alvsjo-torg",
         "Aktiviteter varje torsdag hela sommaren: musik, barnteater och lokala företag.",
         rrule="FREQ=WEEKLY;UNTIL=20220825", partners=(("alvsjoforetagarna", R.CO_ORGANISER),),
         questions=(5, 6),
         changes=((D(2022, 7, 7), D(2022, 7, 8), None, "Flyttat en dag på grund av åskvarning."),
                  (D(2022, 7, 21), None, None, "Inställt på grund av regn.")),
         outcome=(120, 6, (N.MARKETING,), "", "", "", "Musik och aktiviteter på torget.")),
    Spec("sommar-liljeholmen-2022@" + DOMAIN, "Sommar på torget – Liljeholmstorget", K.SQUARE_EVENT,
         D(2022, 6, 14), time(14), time(17), "liljeholmstorget",
         "Aktiviteter varje tisdag hela sommaren tillsammans med centrumägaren och företagen.",
         rrule="FREQ=WEEKLY;UNTIL=20220823",
         partners=(("citycon", R.VENUE_OWNER), ("liljeholmens-foretagsgrupp", R.CO_ORGANISER)),
         questions=(5, 6),
         changes=((D(2022, 7, 12), D(2022, 7, 12), "liljeholmstorgets-galleria",
                   "Flyttat inomhus till gallerian på grund av regn."),
                  (D(2022, 8, 2), None, None, "Inställt på grund av regn.")),
         outcome=(150, 9, (N.MARKETING,), "", "", "", "Aktiviteter på torget med företagen.")),
    Spec("teaterparken-2022@" + DOMAIN, "Invigning av Teaterparken", K.INAUGURATION,
         D(2022, 8, 20), time(14), time(22), "teaterparken",
         "Invigning av den upprustade Teaterparken med barnteater och utomhusbio i amfiteatern.",
         partners=(("hagerstensasens-medborgarhus", R.CO_ORGANISER),
                   ("exploateringskontoret", R.VENUE_OWNER)), questions=(6,),
         outcome=(600, 5, (), "", "", "", "Barnteater på eftermiddagen och utomhusbio på kvällen.")),
    Spec("kristallen-2022@" + DOMAIN, "Artister och teater i parkleken Kristallen", K.CULTURE,
         D(2022, 6, 18), time(12), time(16), "parkleken-kristallen",
         "Solberga bollklubb bjuder in till artister och teater.", organiser="solberga-bollklubb",
         support=(S.ORGANISER_GRANT, "Arrangörsstöd från stadsdelsnämnden."), questions=(6,),
         outcome=(220, 0, (), "", "", "", "Artister och teater för familjer.")),
    Spec("malarhojden-2022@" + DOMAIN, "Mälarhöjdsföreningens utomhusfest", K.CULTURE,
         D(2022, 8, 27), time(13), time(20), "malarhojdsparken",
         "Utomhusfest med kulturella inslag.", organiser="malarhojdsforeningen",
         support=(S.OPERATING_GRANT, "Verksamhetsbidrag från stadsdelsnämnden."), questions=(6,),
         outcome=(300, 3, (), "", "", "", "Fest med musik och lokala företag.")),
    Spec("tellus-bio-2022@" + DOMAIN, "Utomhusbio i Svandammsparken", K.CULTURE,
         D(2022, 8, 12), time(20, 30), time(23), "svandammsparken",
         "Kulturföreningen Tellus visar film under bar himmel.", organiser="kulturforeningen-tellus",
         support=(S.ORGANISER_GRANT, "Arrangörsstöd från stadsdelsnämnden."), questions=(6,),
         outcome=(180, 0, (), "", "", "", "Utomhusbio en sommarkväll.")),
    Spec("langbro-2022@" + DOMAIN, "Barnteater vid invigningen av gemensamhetsodlingen", K.CULTURE,
         D(2022, 5, 21), time(11), time(13), "langbro-park",
         "Långbro parks trädgårdar inviger sin nya gemensamhetsodling med barnteater.",
         organiser="langbro-parks-tradgardar",
         support=(S.OPERATING_GRANT, "Verksamhetsbidrag från stadsdelsnämnden."), questions=(6,),
         outcome=(90, 0, (), "", "", "", "Barnteater och visning av odlingen.")),
    Spec("platssamverkan-2022@" + DOMAIN, "Platssamverkan Älvsjö centrum–Solberga", K.MEETING,
         D(2022, 2, 8), time(9), time(10, 30), "alvsjo-resecentrum",
         "Samverkansmöte om trygghet och trivsel kring Älvsjö centrum, Solberga och resecentrum.",
         rrule="FREQ=MONTHLY;BYMONTH=2,3,4,5,6,8,9,10,11,12;BYDAY=2TU;UNTIL=20221213",
         partners=PLACE_PARTNERS, questions=(2, 5),
         outcome=(14, 3, (N.SAFETY, N.ACCESSIBILITY), "Trängsel och otrygghet vid stationen.",
                  "Arkitekten tar fram programmet för resecentrum.", "Trafikkontoret",
                  "Lägesbild från polisen och trafikbolagen.")),
    Spec("fastighetsagare-vastberga-2022@" + DOMAIN,
         "Trygghetsmöte med fastighetsägare i Västberga industriområde", K.MEETING,
         D(2022, 2, 16), time(8, 30), time(10), None,
         "Trygghetsstrategen träffar fastighetsägare och företagsgruppen om trygghet i området.",
         rrule="FREQ=MONTHLY;INTERVAL=3;BYDAY=3WE;COUNT=4",
         partners=(("foretagsgruppen-vastberga", R.PARTICIPANT), ("shis", R.PARTICIPANT),
                   ("socialforvaltningen", R.PARTICIPANT)), questions=(4,),
         outcome=(11, 7, (N.SAFETY, N.PREMISES), "Skadegörelse och belysning.",
                  "Samordning med SHIS och socialförvaltningen om boendena.", "Socialförvaltningen",
                  "Genomgång av trygghetsfrågor med fastighetsägarna.")),
    Spec("fastighetsagare-alvsjo-2022@" + DOMAIN,
         "Trygghetsmöte med fastighetsägare i Älvsjö industriområde", K.MEETING,
         D(2022, 3, 2), time(8, 30), time(10), None,
         "Trygghetsstrategen träffar fastighetsägare i Älvsjö industriområde.",
         rrule="FREQ=MONTHLY;INTERVAL=3;BYDAY=1WE;COUNT=4", partners=(("alvsjoforetagarna", R.PARTICIPANT),),
         questions=(4,),
         outcome=(9, 6, (N.SAFETY,), "Inbrott och nedskräpning.", "", "",
                  "Gemensam lägesbild och åtgärder för trygghet.")),
    Spec("foretagsdialog-2022@" + DOMAIN, "Företagsdialog med mingelmässa", K.FAIR,
         D(2022, 12, 9), time(9), time(15, 30), "liljeholmstorgets-galleria",
         "SBR:s företagsdialog med mingelmässa för lokala företag. Årets lokala företag delas ut.",
         partners=(("stockholm-business-region", R.CO_ORGANISER), ("citycon", R.HOST),
                   ("liljeholmens-foretagsgrupp", R.PARTICIPANT)), questions=(7, 8),
         outcome=(160, 64, (N.SKILLS_SUPPLY, N.PERMITS, N.FINANCING), "Behov av kompetens och kapital.",
                  "SBR följer upp företagen som vill ha rådgivning.", "Stockholm Business Region",
                  "Företagsdialog och mingelmässa; utdelning av Årets lokala företag.")),
)  # fmt: skip


#: The full breakfast's people: every seat taken, two waiting (fictional, example.org).
FULL_BREAKFAST_PEOPLE = (
    ("Sara Lind", "Lind & Dotter Bageri"), ("Johan Ek", "Eks Cykel"),
    ("Amina Haddad", "Salong Amina"), ("Per Holm", "Holms Järn"),
    ("Lina Berg", "Bergs Blommor"), ("Omar Nasser", "Nassers Livs"),
    ("Eva Strand", "Strands Café"), ("Nils Åberg", "Åbergs Ram"),
)  # fmt: skip
FULL_BREAKFAST_SEATS = 6


def summer_year(today: date) -> int:
    """The summer the demo's next Sommar på torget is in: this year's until June, then next."""
    return today.year if today < date(today.year, 6, 1) else today.year + 1


def upcoming(today: date) -> tuple[Spec, ...]:
    """Events ahead of `today`: a breakfast open for registration, a full one with a queue,
    a meeting series, next summer's series on both squares, and a draft."""
    breakfast = _weekday_on_or_after(today + timedelta(days=14), 3)  # a Thursday
    full = _weekday_on_or_after(today + timedelta(days=9), 2)  # a Wednesday
    meeting = _weekday_on_or_after(today + timedelta(days=7), 1)  # a Tuesday
    dialogue = _weekday_on_or_after(today + timedelta(days=60), 4)  # a Friday
    closes = localise(datetime.combine(breakfast - timedelta(days=1), time(12)))
    summer = summer_year(today)
    first_thursday = _weekday_on_or_after(date(summer, 6, 5), 3)
    first_tuesday = _weekday_on_or_after(date(summer, 6, 3), 1)
    return (
        Spec(f"sommar-alvsjo-{summer}@" + DOMAIN, "Sommar på torget – Älvsjö torg",
             K.SQUARE_EVENT, first_thursday, time(16), time(19), "alvsjo-torg",
             "Aktiviteter varje torsdag hela sommaren: musik, barnteater och lokala företag.",
             rrule=f"FREQ=WEEKLY;UNTIL={summer}0828",
             partners=(("alvsjoforetagarna", R.CO_ORGANISER),)),
        Spec(f"sommar-liljeholmen-{summer}@" + DOMAIN, "Sommar på torget – Liljeholmstorget",
             K.SQUARE_EVENT, first_tuesday, time(14), time(17), "liljeholmstorget",
             "Aktiviteter varje tisdag hela sommaren tillsammans med centrumägaren och företagen.",
             rrule=f"FREQ=WEEKLY;UNTIL={summer}0826",
             partners=(("citycon", R.VENUE_OWNER), ("liljeholmens-foretagsgrupp", R.CO_ORGANISER))),
        Spec("frukost-fullbokad-kommande@" + DOMAIN, "Frukostmöte: Anställ din första medarbetare",
             K.BREAKFAST_MEETING, full, time(7, 30), time(9), "liljeholmstorgets-galleria",
             "Jobbtorget och Företagarna berättar om stöd vid första anställningen. Fullbokat; "
             "ställ dig gärna på väntelistan.",
             theme="Kompetensförsörjning", partners=ASSOCIATIONS,
             registration={"registration_enabled": True, "capacity": FULL_BREAKFAST_SEATS,
                           "waiting_list": True}),
        Spec("frukost-kommande@" + DOMAIN, "Frukostmöte: Kompetensförsörjning och praktikplatser",
             K.BREAKFAST_MEETING, breakfast, time(7, 30), time(9), "liljeholmstorgets-galleria",
             "Frukostmöte med de lokala företagareföreningarna om praktikplatser och rekrytering. "
             "Anmäl dig, platserna är begränsade.",
             theme="Kompetensförsörjning", partners=ASSOCIATIONS,
             registration={"registration_enabled": True, "capacity": 30, "waiting_list": True,
                           "registration_closes_at": closes}),
        Spec("platssamverkan-kommande@" + DOMAIN, "Platssamverkan Älvsjö centrum–Solberga",
             K.MEETING, meeting, time(9), time(10, 30), "alvsjo-resecentrum",
             "Samverkansmöte om trygghet och trivsel kring Älvsjö centrum och resecentrum.",
             rrule="FREQ=WEEKLY;INTERVAL=4;COUNT=4", partners=PLACE_PARTNERS),
        Spec("foretagsdialog-kommande@" + DOMAIN, "Företagsdialog med mingelmässa", K.FAIR,
             dialogue, time(9), time(15, 30), "liljeholmstorgets-galleria",
             "Planeras tillsammans med Stockholm Business Region.",
             partners=(("stockholm-business-region", R.CO_ORGANISER), ("citycon", R.HOST)),
             status=EventStatus.DRAFT),
    )  # fmt: skip


def _weekday_on_or_after(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


@dataclass
class Context:
    """The rows every demo event refers to, loaded once."""

    unit: Unit
    author: User | None
    organisations: dict[str, Organisation]
    venues: dict[str, Venue]
    questions: dict[tuple[int, int], ReportQuestion]


def load(password: str, echo) -> None:
    """Create or update the demo events, their date changes and outcomes."""
    unit = db.session.scalars(select(Unit).where(Unit.slug == "hagersten-alvsjo")).one()
    ctx = Context(
        unit=unit,
        author=db.session.scalar(select(User).where(User.email_key == "organiser@example.org")),
        organisations={o.slug: o for o in db.session.scalars(select(Organisation))},
        venues={v.slug: v for v in db.session.scalars(select(Venue))},
        questions={(q.year, q.position): q for q in db.session.scalars(
            select(ReportQuestion).where(ReportQuestion.unit_id == unit.id))},
    )  # fmt: skip
    outcomes = sum(_outcomes(spec, _event(spec, ctx), ctx) for spec in EVENTS_2022)
    known = set(db.session.scalars(select(Event.uid).where(Event.uid.like(f"%@{DOMAIN}"))))
    ahead = [spec for spec in upcoming(date.today()) if spec.uid not in known]
    for spec in ahead:
        event = _event(spec, ctx)
        if spec.uid.startswith("frukost-fullbokad-"):
            _fill(event)
    echo(
        f"Evenemang: {len(EVENTS_2022)} från 2022 med {outcomes} utfall, {len(ahead)} nya kommande."
    )


def _fill(event: Event) -> None:
    """Every seat of the event's date taken and two people waiting, in order of arrival."""
    for n, (name, company) in enumerate(FULL_BREAKFAST_PEOPLE):
        status = (
            RegistrationStatus.CONFIRMED if n < FULL_BREAKFAST_SEATS else RegistrationStatus.WAITING
        )
        email = name.lower().replace(" ", ".").replace("å", "a").replace("ä", "a").replace("ö", "o")
        db.session.add(Registration(
            event_id=event.id, occurrence_start=event.starts_at, name=name,
            email=f"{email}@example.org", organisation=company, status=status,
            cancel_token_hash=hash_token(secrets.token_urlsafe(32)),
            created_at=event.starts_at - timedelta(days=20 - n),
        ))  # fmt: skip
    db.session.flush()


def _local(day: date, clock: time) -> datetime:
    return localise(datetime.combine(day, clock))


def _event(spec: Spec, ctx: Context) -> Event:
    starts_at = _local(spec.day, spec.start)
    published = spec.status == EventStatus.PUBLISHED
    event = upsert(
        Event, {"uid": spec.uid},
        unit_id=ctx.unit.id, title=spec.title, kind=spec.kind, description=spec.description,
        theme=spec.theme, status=spec.status, starts_at=starts_at,
        ends_at=_local(spec.day, spec.end), rrule=spec.rrule,
        venue_id=ctx.venues[spec.venue].id if spec.venue else None,
        organiser_id=ctx.organisations[spec.organiser].id if spec.organiser else None,
        support_kind=spec.support[0] if spec.support else None,
        support_note=spec.support[1] if spec.support else "",
        published_at=starts_at - timedelta(days=30) if published else None,
        **_stamps(spec, starts_at),
        created_by_id=ctx.author.id if ctx.author else None, **spec.registration,
    )  # fmt: skip
    _partners(event, [(ctx.organisations[slug].id, role) for slug, role in spec.partners])
    questions = [ctx.questions[(spec.day.year, n)] for n in spec.questions
                 if (spec.day.year, n) in ctx.questions]  # fmt: skip
    _replace(event, "questions", sorted(questions, key=lambda q: q.position))
    areas = {q.focus_area_id for q in questions}
    _replace(event, "focus_areas", list(db.session.scalars(
        select(FocusArea).where(FocusArea.id.in_(areas or {-1})).order_by(FocusArea.number))))  # fmt: skip
    for original, new_day, venue, reason in spec.changes:
        _change(event, spec, ctx, original, new_day, venue, reason)
    db.session.flush()
    db.session.expire(event, ["changes"])
    rebuild_occurrences(event)
    return event


def _stamps(spec: Spec, starts_at: datetime) -> dict:
    """Plausible creation times for the 2022 events; upcoming ones keep their real ones."""
    if spec.day.year != 2022:
        return {}
    return {
        "created_at": starts_at - timedelta(days=37),
        "updated_at": starts_at - timedelta(days=30),
    }


def _partners(event: Event, wanted: list[tuple[int, PartnerRole]]) -> None:
    if sorted((p.organisation_id, p.role) for p in event.partners) != sorted(wanted):
        event.partners = [EventPartner(organisation_id=o, role=r) for o, r in wanted]
        db.session.flush()


def _replace(obj, name: str, rows: list) -> None:
    if {row.id for row in getattr(obj, name)} != {row.id for row in rows}:
        setattr(obj, name, rows)


def _change(event, spec, ctx, original: date, new_day, venue, reason) -> None:
    moved = new_day is not None and new_day != original
    upsert(
        OccurrenceChange, {"event_id": event.id, "original_start": _local(original, spec.start)},
        starts_at=_local(new_day, spec.start) if moved else None,
        ends_at=_local(new_day, spec.end) if moved else None,
        venue_id=ctx.venues[venue].id if venue else None,
        is_cancelled=new_day is None, reason=reason,
        updated_at=_local(original, spec.start) - timedelta(days=1),
        updated_by_id=ctx.author.id if ctx.author else None,
    )  # fmt: skip


def _outcomes(spec: Spec, event: Event, ctx: Context) -> int:
    """An outcome for every held date; numbers vary a little from date to date."""
    if not spec.outcome:
        return 0
    attendance, companies, needs, note, follow_ups, unit, summary = spec.outcome
    partners = sorted((p.organisation for p in event.partners), key=lambda o: o.id)
    held = [
        o for o in event.occurrences if not o.is_cancelled and o.ends_at < datetime.now(STOCKHOLM)
    ]
    for n, occurrence in enumerate(held):
        factor = 1 + ((n * 7) % 5 - 2) / 10  # 0.8–1.2, the same on every load
        outcome = upsert(
            Outcome, {"event_id": event.id, "occurrence_start": occurrence.original_start},
            attendance=round(attendance * factor), companies=round(companies * factor),
            summary=summary, needs=[need.value for need in needs], needs_note=note,
            follow_ups=follow_ups, follow_up_unit=unit,
            recorded_at=occurrence.ends_at + timedelta(days=1),
            updated_at=occurrence.ends_at + timedelta(days=1),
            recorded_by_id=ctx.author.id if ctx.author else None,
        )  # fmt: skip
        _replace(outcome, "partners", partners)
    return len(held)
