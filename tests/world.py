"""A small world with a user per role in two units, for the access matrix."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.accounts import services as accounts
from app.accounts.models import Role
from app.directory.models import Organisation, OrganisationKind
from app.extensions import db
from app.units.models import Unit, UnitKind

PASSWORD = "correct horse battery staple"


@dataclass
class World:
    unit: Unit
    other_unit: Unit
    users: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)
    #: Plain values the routes need (secrets, tokens), kept as they are.
    values: dict = field(default_factory=dict)


def extensions() -> list:
    """Each feature's `extend(world)` from tests/<feature>/world.py, where it has one."""
    import importlib
    import pkgutil

    import tests

    found = []
    for info in sorted(pkgutil.iter_modules(tests.__path__), key=lambda i: i.name):
        if info.ispkg:
            try:
                module = importlib.import_module(f"tests.{info.name}.world")
            except ModuleNotFoundError:
                continue
            if hasattr(module, "extend"):  # some worlds hold builders only
                found.append(module.extend)
    return found


class Plain:
    """An object's column values, usable after its session has ended."""

    def __init__(self, **values):
        self.__dict__.update(values)


def _columns(obj) -> dict:
    return {c.key: getattr(obj, c.key) for c in obj.__mapper__.column_attrs}


def build_plain_world() -> World:
    """The world with plain values in place of objects (inside an app context)."""
    world = build_world()
    world.users = {name: Plain(id=u.id, email=u.email) for name, u in world.users.items()}
    world.objects = {name: Plain(**_columns(o)) for name, o in world.objects.items()}
    world.unit = Plain(**_columns(world.unit))
    world.other_unit = Plain(**_columns(world.other_unit))
    return world


def build_world() -> World:
    """Create units, partner organisations and one user per role (inside an app context)."""
    unit = Unit(
        name="Hägersten-Älvsjö stadsdelsnämnd",
        short_name="Hägersten-Älvsjö",
        slug="hagersten-alvsjo",
        kind=UnitKind.COUNCIL,
    )
    other = Unit(
        name="Bromma stadsdelsnämnd", short_name="Bromma", slug="bromma", kind=UnitKind.COUNCIL
    )
    sbr = Organisation(
        name="Stockholm Business Region",
        slug="stockholm-business-region",
        kind=OrganisationKind.CITY_COMPANY,
    )
    almi = Organisation(name="ALMI", slug="almi", kind=OrganisationKind.PARTNER)
    db.session.add_all([unit, other])
    db.session.flush()
    sbr.owner_unit_id = almi.owner_unit_id = unit.id
    db.session.add_all([sbr, almi])
    db.session.flush()
    world = World(unit=unit, other_unit=other)
    world.objects.update(sbr=sbr, almi=almi)
    specs = {
        "organiser": (unit, Role.ORGANISER, None, {}),
        "officer": (unit, Role.OFFICER, None, {}),
        "award_admin": (unit, Role.AWARD_ADMIN, None, {}),
        "juror_a": (unit, Role.JUROR, sbr, {}),
        "juror_b": (unit, Role.JUROR, almi, {}),
        "city": (None, None, None, {"is_city_officer": True}),
        "admin": (unit, Role.ADMIN, None, {}),
        "other_unit": (other, Role.ORGANISER, None, {}),
    }
    for name, (member_of, role, org, flags) in specs.items():
        owner = {"owner_unit_id": member_of.id} if member_of is not None else {}
        user = accounts.create_user(
            None, f"{name}@example.org", name.replace("_", " ").title(), PASSWORD, **flags, **owner
        )
        if member_of is not None:
            accounts.add_membership(None, user, member_of.id, role, org.id if org else None)
        world.users[name] = user
    db.session.flush()
    for extend in extensions():
        extend(world)
    db.session.commit()
    return world
