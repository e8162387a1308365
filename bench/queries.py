"""Benchmark: SQL statements per page with 1 row and with 1,000 rows of what it lists.

In this process, for each size a fresh temporary SQLite database: one unit, its
organiser and award administrator, an award cycle whose ceremony is over (so the award
page shows its winner), then `size` rows of each listed kind: upcoming events next
month, registrations on one event, candidates with a nomination each. Each page is
requested once to warm up, then counted with a `before_cursor_execute` listener. The
page cache is off here so that the real queries count. Goal: the count at 1,000 rows
equals the count at 1 row (STYLE.md: a page's query count must not grow with its rows).

Run alone with `python -m bench.queries`, or from `make bench` through `run(context)`.
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench import row

SIZES = (1, 1000)
PASSWORD = "bench-password-1234"
MOTIVATION = "Företaget har anställt unga från området och öppnat en ny butik vid torget."

#: (label, path template, who asks: None for anonymous or the user's e-mail).
PAGES = (
    ("/events/", "/events/", None),
    ("/calendar/<y>/<m>", "/calendar/{year}/{month}", None),
    ("/calendar/list", "/calendar/list?from={first}", None),
    ("event page (registrations)", "/events/{event_id}", None),
    ("award page (candidates)", "/awards/bench/{cycle_year}/", None),
    ("staff: /manage/events/", "/manage/events/", "organiser@bench.test"),
    (
        "staff: registrations list",
        "/manage/events/{event_id}/registrations",
        "organiser@bench.test",
    ),
    ("staff: award candidates", "/manage/awards/{cycle_id}/candidates", "award@bench.test"),
)


def run(context=None) -> list[dict]:
    """Count each page's statements at every size; one row per page and size."""
    counts: dict[str, dict[int, int | None]] = {label: {} for label, _, _ in PAGES}
    for size in SIZES:
        if context is not None and context.time_left() < 30:
            break
        for label, count in measure(size).items():
            counts[label][size] = count
    return rows_of(counts)


def rows_of(counts: dict[str, dict[int, int | None]]) -> list[dict]:
    """The table's rows: the count at 1 row, and at 1,000 with the goal "= count at 1"."""
    small, large = SIZES
    rows = []
    for label, by_size in counts.items():
        base = by_size.get(small)
        rows.append(row(f"{label} @ {small} row", base, "", "", "statements"))
        goal = f"= {base}" if base is not None else ""
        rows.append(row(f"{label} @ {large:,} rows", by_size.get(large), goal, "", "= at 1 row"))
    return rows


def measure(size: int) -> dict[str, int | None]:
    """{page label: statements of one request} on a fresh database with `size` rows each."""
    import logging

    from sqlalchemy import event

    from app import create_app
    from app.extensions import db

    with tempfile.TemporaryDirectory(prefix="torget-queries-") as tmp:
        app = create_app(
            {
                "ENV_NAME": "testing",
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(tmp) / 'q.sqlite'}",
                "MAIL_OUTBOX": tmp,
                "PAGE_CACHE": False,
                "WTF_CSRF_ENABLED": False,
                "RATELIMIT_ENABLED": False,
            }
        )
        app.instance_path = tmp
        logging.getLogger("app").setLevel(logging.WARNING)  # not every seeded row's audit line
        with app.app_context():
            db.create_all()
            ids = seed(size)
            engine = db.engine
        statements: list[str] = []
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(engine, "before_cursor_execute", listener)
        try:
            return {
                label: _count(app, path.format(**ids), who, statements)
                for label, path, who in PAGES
            }
        finally:
            event.remove(engine, "before_cursor_execute", listener)
            with app.app_context():
                db.engine.dispose()


def _count(app, path: str, who: str | None, statements: list) -> int | None:
    client = app.test_client()
    if who is not None:
        answer = client.post("/login", data={"email": who, "password": PASSWORD})
        if answer.status_code != 302:
            return None
    if client.get(path).status_code != 200:  # warm up; a missing page has no count
        return None
    statements.clear()
    status = client.get(path).status_code
    return len(statements) if status == 200 else None


def seed(size: int) -> dict:
    """The base rows and `size` rows of each listed kind; the ids the page paths need."""
    from app.accounts import services as accounts
    from app.accounts.models import Role
    from app.extensions import db
    from app.units.models import Unit, UnitKind

    unit = Unit(
        name="Bänkens stadsdelsnämnd", short_name="Bänken", slug="bench", kind=UnitKind.COUNCIL
    )
    db.session.add(unit)
    db.session.flush()
    for email, role in (
        ("organiser@bench.test", Role.ORGANISER),
        ("award@bench.test", Role.AWARD_ADMIN),
    ):
        user = accounts.create_user(None, email, email.split("@")[0], PASSWORD)
        accounts.add_membership(None, user, unit.id, role)
    now = datetime.now(UTC).replace(microsecond=0)
    month = (now.replace(day=1) + timedelta(days=32)).replace(day=1, hour=9, minute=0, second=0)
    events = [
        _event(unit, f"Frukostmöte {i}", month + timedelta(minutes=37 * i)) for i in range(size)
    ]
    _registrations(events[0], size)
    cycle = _cycle(unit, now, size)
    db.session.commit()
    return {
        "year": month.year,
        "month": month.month,
        "first": month.date().isoformat(),
        "event_id": events[0].id,
        "cycle_id": cycle.id,
        "cycle_year": cycle.year,
    }


def _event(unit, title: str, starts_at: datetime, **extra):
    from app.events.models import Event, EventKind, EventStatus
    from app.events.occurrences import rebuild_occurrences
    from app.extensions import db

    event = Event(
        unit_id=unit.id,
        title=title,
        kind=EventKind.BREAKFAST_MEETING,
        status=EventStatus.PUBLISHED,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=1),
        uid=f"{hashlib.sha256(title.encode()).hexdigest()[:16]}@bench.test",
        published_at=starts_at - timedelta(days=60),
        registration_enabled=True,
        **extra,
    )
    db.session.add(event)
    db.session.flush()
    rebuild_occurrences(event)
    return event


def _registrations(event, size: int) -> None:
    from app.extensions import db
    from app.registrations.models import Registration, RegistrationStatus

    db.session.add_all(
        Registration(
            event_id=event.id,
            occurrence_start=event.starts_at,
            name=f"Deltagare {i}",
            email=f"deltagare{i}@example.org",
            status=RegistrationStatus.CONFIRMED,
            cancel_token_hash=hashlib.sha256(f"{event.id}-{i}".encode()).hexdigest(),
        )
        for i in range(size)
    )


def _cycle(unit, now: datetime, size: int):
    """A cycle whose ceremony started an hour ago, `size` candidates, the first one the winner."""
    from app.awards.models import (
        AwardCategory,
        AwardCycle,
        Candidate,
        Decision,
        Phase,
    )
    from app.extensions import db

    ceremony = _event(unit, "Prisutdelning", now - timedelta(hours=1))
    cycle = AwardCycle(
        unit_id=unit.id,
        year=now.year,
        title=f"Årets lokala företag {now.year}",
        nominations_open_at=now - timedelta(days=120),
        nominations_close_at=now - timedelta(days=90),
        ceremony_event_id=ceremony.id,
        phase=Phase.DECIDED,
    )
    db.session.add(cycle)
    db.session.flush()
    category = AwardCategory(cycle_id=cycle.id, name="Årets lokala nyföretag", position=1)
    db.session.add(category)
    db.session.flush()
    candidates = [
        Candidate(
            cycle_id=cycle.id,
            category_id=category.id,
            company_name=f"Företag {i} AB",
            org_number=f"55{i:04d}-0000",
        )
        for i in range(size)
    ]
    db.session.add_all(candidates)
    db.session.flush()
    db.session.add_all(_nomination(cycle, category, c) for c in candidates)
    db.session.add(
        Decision(category_id=category.id, candidate_id=candidates[0].id, citation="Bäst.")
    )
    return cycle


def _nomination(cycle, category, candidate):
    from app.awards.models import Nomination, Relation

    return Nomination(
        cycle_id=cycle.id,
        category_id=category.id,
        candidate_id=candidate.id,
        company_name=candidate.company_name,
        org_number=candidate.org_number,
        address="Torget 1",
        postal_code="12345",
        contact_name="Kontakt",
        contact_email="kontakt@example.org",
        motivation=MOTIVATION,
        nominator_name="Nominerare",
        nominator_email="nominerare@example.org",
        relation=Relation.CUSTOMER,
    )


if __name__ == "__main__":
    results = run()
    json.dump(results, sys.stdout, ensure_ascii=False, indent=1)
    print()
