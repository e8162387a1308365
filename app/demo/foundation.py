"""Demo foundation: units, users per role, the seed's organisations and venues, the form."""

from __future__ import annotations

from app.accounts import services as accounts
from app.accounts.models import Membership, Role, User
from app.accounts.passwords import verify_password
from app.demo import seed_2022
from app.demo.upsert import upsert
from app.directory.models import Organisation, OrganisationKind, Venue
from app.policy import areas as policy
from app.policy.models import FocusArea, ReportQuestion
from app.units.models import Unit, UnitKind

K = OrganisationKind

#: (slug, name, kind, org number or None)
ORGANISATIONS = (
    ("stockholm-business-region", "Stockholm Business Region", K.CITY_COMPANY, "556036-0793"),
    ("almi", "ALMI Företagspartner Stockholm Sörmland", K.PARTNER, None),
    (
        "hagersten-alvsjo-sdf",
        "Hägersten-Älvsjö stadsdelsförvaltning",
        K.CITY_ADMINISTRATION,
        "212000-0142",
    ),
    (
        "jobbtorget",
        "Arbetsmarknadsförvaltningen – Jobbtorget",
        K.CITY_ADMINISTRATION,
        "212000-0142",
    ),
    ("foretagarna", "Företagarna Stockholms stad", K.BUSINESS_ASSOCIATION, None),
    ("liljeholmens-foretagsgrupp", "Liljeholmens företagsgrupp", K.BUSINESS_ASSOCIATION, None),
    ("alvsjoforetagarna", "Älvsjöföretagarna", K.BUSINESS_ASSOCIATION, None),
    (
        "vastertorps-foretagareforening",
        "Västertorps företagareförening",
        K.BUSINESS_ASSOCIATION,
        None,
    ),
    ("foretagsgruppen-vastberga", "Företagsgruppen Västberga", K.BUSINESS_ASSOCIATION, None),
    ("citycon", "Citycon (Liljeholmens galleria)", K.PROPERTY_OWNER, None),
    ("niam", "Niam (Fruängens centrum)", K.PROPERTY_OWNER, None),
    ("rotary-stockholm-sydvast", "Rotary Stockholm Sydväst", K.ASSOCIATION, None),
    ("trafikkontoret", "Trafikkontoret", K.CITY_ADMINISTRATION, "212000-0142"),
    ("exploateringskontoret", "Exploateringskontoret", K.CITY_ADMINISTRATION, "212000-0142"),
    ("socialforvaltningen", "Socialförvaltningen", K.CITY_ADMINISTRATION, "212000-0142"),
    ("stadsledningskontoret", "Stadsledningskontoret", K.CITY_ADMINISTRATION, "212000-0142"),
    ("shis", "SHIS Bostäder", K.CITY_COMPANY, None),
    ("polisen", "Polisen, lokalpolisområde Globen", K.PARTNER, None),
    ("sl", "SL (Region Stockholm)", K.PARTNER, None),
    ("mtr", "MTR", K.COMPANY, None),
    ("keolis", "Keolis", K.COMPANY, None),
    ("hagerstensasens-medborgarhus", "Hägerstensåsens medborgarhus", K.ASSOCIATION, None),
    ("solberga-bollklubb", "Solberga bollklubb", K.ASSOCIATION, None),
    ("malarhojdsforeningen", "Mälarhöjdsföreningen", K.ASSOCIATION, None),
    ("kulturforeningen-tellus", "Kulturföreningen Tellus", K.ASSOCIATION, None),
    ("langbro-parks-tradgardar", "Långbro parks trädgårdar", K.ASSOCIATION, None),
    ("foretagen-runt-telefonplan", "Företagen runt Telefonplan", K.BUSINESS_ASSOCIATION, None),
)

#: (slug, name, address, postal code, district area, latitude, longitude); positions approximate.
VENUES = (
    ("alvsjo-torg", "Älvsjö torg", "Älvsjö torg", "125 30", "Älvsjö", 59.2786, 18.0106),
    (
        "liljeholmstorget",
        "Liljeholmstorget",
        "Liljeholmstorget",
        "117 61",
        "Liljeholmen",
        59.3100,
        18.0230,
    ),
    (
        "liljeholmstorgets-galleria",
        "Liljeholmstorgets galleria",
        "Liljeholmstorget 7",
        "117 63",
        "Liljeholmen",
        59.3097,
        18.0215,
    ),
    ("teaterparken", "Teaterparken", "Sedelvägen", "129 38", "Hägerstensåsen", 59.2965, 17.9775),
    (
        "parkleken-kristallen",
        "Parkleken Kristallen",
        "Solberga",
        "125 44",
        "Älvsjö",
        59.2839,
        18.0020,
    ),
    ("svandammsparken", "Svandammsparken", "Västertorp", "129 35", "Hägersten", 59.2938, 17.9665),
    (
        "malarhojdsparken",
        "Mälarhöjdsparken",
        "Mälarhöjden",
        "129 40",
        "Mälarhöjden",
        59.3003,
        17.9592,
    ),
    (
        "langbro-park",
        "Långbro park, gemensamhetsodlingen",
        "Långbro park",
        "125 59",
        "Älvsjö",
        59.2731,
        18.0012,
    ),
    (
        "herrangens-gard",
        "Herrängens gård",
        "Herrängens gård",
        "125 38",
        "Herrängen",
        59.2788,
        17.9975,
    ),
    (
        "alvsjo-resecentrum",
        "Älvsjö resecentrum",
        "Älvsjö station",
        "125 30",
        "Älvsjö",
        59.2779,
        18.0117,
    ),
    (
        "hagerstensasens-medborgarhus",
        "Hägerstensåsens medborgarhus",
        "Sedelvägen 4",
        "129 38",
        "Hägerstensåsen",
        59.2958,
        17.9790,
    ),
    (
        "hagersten-alvsjo-sdf",
        "Stadsdelsförvaltningen, Hägersten-Älvsjö",
        "Årstaängsvägen 21 C",
        "117 43",
        "Liljeholmen",
        59.3070,
        18.0265,
    ),
)

#: (email, name, unit slug, role, partner organisation slug, flags, text for the login list)
USERS = (
    (
        "admin@example.org",
        "Alva Admin",
        "hagersten-alvsjo",
        Role.ADMIN,
        None,
        {"is_site_admin": True},
        "administratör (Hägersten-Älvsjö och systemet)",
    ),
    (
        "organiser@example.org",
        "Olle Arrangör",
        "hagersten-alvsjo",
        Role.ORGANISER,
        None,
        {},
        "arrangör, Hägersten-Älvsjö",
    ),
    (
        "officer@example.org",
        "Kim Exempelsson",
        "hagersten-alvsjo",
        Role.OFFICER,
        None,
        {},
        "handläggare för rapporten, Hägersten-Älvsjö",
    ),
    (
        "award-admin@example.org",
        "Ada Prisadmin",
        "hagersten-alvsjo",
        Role.AWARD_ADMIN,
        None,
        {},
        "administratör för Årets lokala företag",
    ),
    (
        "juror.sbr@example.org",
        "Sara SBR-jury",
        "hagersten-alvsjo",
        Role.JUROR,
        "stockholm-business-region",
        {},
        "jury, Stockholm Business Region",
    ),
    (
        "juror.almi@example.org",
        "Arvid ALMI-jury",
        "hagersten-alvsjo",
        Role.JUROR,
        "almi",
        {},
        "jury, ALMI",
    ),
    (
        "city@example.org",
        "Cecilia Stadsledning",
        None,
        None,
        None,
        {"is_city_officer": True},
        "stadsledningskontoret, läser alla enheter",
    ),
    (
        "organiser@bromma.example.org",
        "Bo Brommaarrangör",
        "bromma",
        Role.ORGANISER,
        None,
        {},
        "arrangör, Bromma (en annan enhet)",
    ),
)

DEMO_USERS_TEXT = tuple((u[0], u[6]) for u in USERS)


def load(password: str, echo) -> None:
    """Create or update the foundation's demo rows."""
    units = _units()
    owner = units["hagersten-alvsjo"].id  # the demo's directory is Hägersten-Älvsjö's
    organisations = {
        slug: upsert(
            Organisation, {"slug": slug}, name=name, kind=kind, org_number=number,
            owner_unit_id=owner,
        )
        for slug, name, kind, number in ORGANISATIONS
    }  # fmt: skip
    for slug, name, address, postal, area, lat, lon in VENUES:
        upsert(
            Venue,
            {"slug": slug},
            owner_unit_id=owner,
            name=name,
            address=address,
            postal_code=postal,
            district_area=area,
            latitude=lat,
            longitude=lon,
        )
    for email, name, unit_slug, role, org_slug, flags, _text in USERS:
        owner = {"owner_unit_id": units[unit_slug].id} if unit_slug else {}
        user = _user(email, name, password, {**flags, **owner})
        if unit_slug:
            org = organisations[org_slug].id if org_slug else None
            upsert(
                Membership,
                {"user_id": user.id, "unit_id": units[unit_slug].id, "role": role},
                organisation_id=org,
            )
    _questions(units["hagersten-alvsjo"])
    echo(
        f"Grund: {len(units)} enheter, {len(USERS)} användare, {len(ORGANISATIONS)} organisationer, "
        f"{len(VENUES)} platser, {len(seed_2022.QUESTIONS_2022)} frågor för 2022."
    )


def _units() -> dict[str, Unit]:
    return {
        "hagersten-alvsjo": upsert(
            Unit,
            {"slug": "hagersten-alvsjo"},
            name="Hägersten-Älvsjö stadsdelsnämnd",
            short_name="Hägersten-Älvsjö",
            kind=UnitKind.COUNCIL,
            contact_name="Kim Exempelsson",
            contact_phone="+46850821000",
            contact_email="kim.exempelsson@example.org",
        ),
        "bromma": upsert(
            Unit,
            {"slug": "bromma"},
            name="Bromma stadsdelsnämnd",
            short_name="Bromma",
            kind=UnitKind.COUNCIL,
            contact_name="Robin Exempel",
            contact_phone="+46850806000",
            contact_email="robin.exempel@example.org",
        ),
    }


def _user(email: str, name: str, password: str, flags: dict) -> User:
    user = accounts.find_user(email)
    if user is None:
        return accounts.create_user(None, email, name, password, **flags)
    if not verify_password(user.password_hash, password):
        user.password_hash = accounts.make_password_hash(password)
    for key, value in {"name": name, "is_active": True, **flags}.items():
        if getattr(user, key) != value:
            setattr(user, key, value)
    return user


def _questions(unit: Unit) -> None:
    areas = {
        number: upsert(FocusArea, {"policy": policy.POLICY, "number": number}, name=name)
        for number, name in policy.FOCUS_AREAS
    }
    for position, (area, text, _answer) in enumerate(seed_2022.QUESTIONS_2022, start=1):
        upsert(
            ReportQuestion,
            {"unit_id": unit.id, "year": 2022, "position": position},
            focus_area_id=areas[area].id,
            text=text,
        )
