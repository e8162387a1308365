"""Benchmark: a year's report for one unit and the city-wide compilation at city scale.

Builds a city-scale database of its own (45 units, 10,000 events over one year with
their dates, outcomes and links to each unit's questions), opens every unit's annual
report (VB), then times, as the median of several runs:

- drafting one unit's eight answers from the year's evidence,
- downloading that unit's `.docx` (evidence-free form plus the chart),
- the report page, and
- the city-wide compilation page and its `.docx`.

`flask demo scale` builds the city's events without report questions or outcomes, so this
benchmark makes its own city of the same size where events serve questions and have
outcomes. Figures are printed and written to bench-results/reports.json. Goal: 2 s or less each.
Run alone with `python -m bench.reports`, or through `make bench`.
"""

from __future__ import annotations

import json
import os
import random
import re
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select

UNITS = 45
EVENTS = 10_000
YEAR = 2022
RUNS = 5
GOAL_SECONDS = 2.0
PASSWORD = "benchmark password 2022"
RESULTS = Path("bench-results") / "reports.json"


def build_app(url: str):
    from app import create_app

    return create_app(
        {"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": url, "RATELIMIT_ENABLED": False}
    )


def populate(seed: int = 2022) -> dict:
    """Units, questions, events with dates, outcomes and links; returns what the runs need."""
    from app.accounts import services as accounts
    from app.accounts.models import Role
    from app.demo import seed_2022
    from app.events.models import (
        Event,
        EventKind,
        EventStatus,
        Occurrence,
        Outcome,
        event_focus_area,
        event_question,
    )
    from app.extensions import db
    from app.policy.models import FocusArea, ReportQuestion
    from app.units.models import Unit, UnitKind

    rng = random.Random(seed)
    areas = [
        FocusArea(number=n, name=name, policy=seed_2022.POLICY) for n, name in seed_2022.FOCUS_AREAS
    ]
    units = [
        Unit(
            name=f"Stadsdelsnämnd {i:02d}",
            short_name=f"SDN {i:02d}",
            slug=f"sdn-{i:02d}",
            kind=UnitKind.COUNCIL,
            contact_name="Kim Exempelsson",
            contact_phone="+46850800000",
            contact_email="kim@example.org",
        )
        for i in range(1, UNITS + 1)
    ]
    db.session.add_all(areas + units)
    db.session.flush()
    by_number = {a.number: a.id for a in areas}
    questions = {}
    for unit in units:
        rows = [
            ReportQuestion(
                unit_id=unit.id, year=YEAR, focus_area_id=by_number[n], position=i + 1, text=q
            )
            for i, (n, q, _answer) in enumerate(seed_2022.QUESTIONS_2022)
        ]
        db.session.add_all(rows)
        db.session.flush()
        questions[unit.id] = [(q.id, q.focus_area_id) for q in rows]
    events, occurrences, outcomes, links, area_links = [], [], [], [], []
    start_of_year = datetime(YEAR, 1, 1, 7, tzinfo=UTC)
    for n in range(EVENTS):
        unit = units[n % UNITS]
        starts = start_of_year + timedelta(days=rng.randrange(0, 358), hours=rng.randrange(0, 10))
        count = 4 if n % 5 == 0 else 1
        events.append(
            {
                "id": n + 1,
                "unit_id": unit.id,
                "title": f"Frukostmöte {n}",
                "kind": EventKind.BREAKFAST_MEETING,
                "status": EventStatus.PUBLISHED,
                "starts_at": starts,
                "ends_at": starts + timedelta(hours=2),
                "rrule": "FREQ=WEEKLY;COUNT=4" if count > 1 else None,
                "uid": f"bench-{n}@torget.test",
                "theme": rng.choice(["Kompetensförsörjning", "Trygghet", "Tillstånd", ""]),
                "published_at": starts - timedelta(days=30),
                "description": "",
                "cancel_reason": "",
                "rdates": [],
                "all_day": False,
                "support_note": "",
                "registration_enabled": False,
                "waiting_list": True,
                "sequence": 0,
                "source": "torget",
                "created_at": starts,
                "updated_at": starts,
            }
        )
        for k in range(count):
            at = starts + timedelta(weeks=k)
            occurrences.append(
                {
                    "event_id": n + 1,
                    "unit_id": unit.id,
                    "original_start": at,
                    "starts_at": at,
                    "ends_at": at + timedelta(hours=2),
                    "is_moved": False,
                    "is_cancelled": False,
                    "reason": "",
                }
            )
            outcomes.append(
                {
                    "event_id": n + 1,
                    "occurrence_start": at,
                    "attendance": rng.randrange(5, 60),
                    "companies": rng.randrange(1, 20),
                    "summary": "Företagen träffade förvaltningen.",
                    "needs": rng.sample(["permits", "safety", "skills_supply", "premises"], 2),
                    "needs_note": "",
                    "follow_ups": "",
                    "follow_up_unit": "",
                    "recorded_at": at,
                    "updated_at": at,
                }
            )
        for qid, area_id in rng.sample(questions[unit.id], 2):
            links.append({"event_id": n + 1, "question_id": qid})
            if {"event_id": n + 1, "focus_area_id": area_id} not in area_links[-2:]:
                area_links.append({"event_id": n + 1, "focus_area_id": area_id})
    db.session.execute(insert(Event), events)
    db.session.execute(insert(Occurrence), occurrences)
    db.session.execute(insert(Outcome), outcomes)
    db.session.execute(insert(event_question), links)
    db.session.execute(insert(event_focus_area), area_links)
    officer = accounts.create_user(None, "officer@bench.test", "Handläggare", PASSWORD)
    accounts.add_membership(None, officer, units[0].id, Role.OFFICER)
    accounts.create_user(None, "city@bench.test", "Stadsledning", PASSWORD, is_city_officer=True)
    db.session.commit()
    return {"unit": units[0].slug, "occurrences": len(occurrences)}


def open_every_period() -> float:
    from app.extensions import db
    from app.reports import services
    from app.reports.periods import PeriodKind
    from app.units.models import Unit

    started = time.perf_counter()
    for unit in db.session.scalars(select(Unit).order_by(Unit.id)).all():
        services.open_period(None, unit, YEAR, PeriodKind.VB, None)
    db.session.commit()
    return time.perf_counter() - started


def login(client, email: str) -> None:
    html = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
    response = client.post(
        "/login", data={"email": email, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302, "benchmark sign-in failed"


def median_seconds(action) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return round(statistics.median(times), 3)


def fetch(client, path: str):
    from app.reports.export import chart

    def run():
        chart._render.cache_clear()  # measure the chart drawn afresh every time
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        response.get_data()

    return run


def measure(app, unit_slug: str) -> dict:
    from app.extensions import db
    from app.reports import services
    from app.reports.models import ReportPeriod
    from app.units.models import Unit

    def draft():
        with app.app_context():
            unit = db.session.scalar(select(Unit).where(Unit.slug == unit_slug))
            period = db.session.scalar(select(ReportPeriod).filter_by(unit_id=unit.id, year=YEAR))
            services.regenerate(None, period)
            db.session.commit()

    officer, city = app.test_client(), app.test_client()
    login(officer, "officer@bench.test")
    login(city, "city@bench.test")
    base = f"/reports/{unit_slug}/{YEAR}/vb"
    return {
        "unit_draft_s": median_seconds(draft),
        "unit_docx_s": median_seconds(fetch(officer, f"{base}.docx")),
        "unit_page_s": median_seconds(fetch(officer, f"{base}/")),
        "unit_csv_s": median_seconds(fetch(officer, f"{base}.csv")),
        "city_page_s": median_seconds(fetch(city, f"/reports/city/{YEAR}/vb/")),
        "city_docx_s": median_seconds(fetch(city, f"/reports/city/{YEAR}/vb.docx")),
    }


def main() -> dict:
    """Build the data, run the measurements, print and store the figures."""
    from app.extensions import db

    with tempfile.TemporaryDirectory(prefix="torget-bench-") as tmp:
        url = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{Path(tmp) / 'bench.sqlite'}")
        app = build_app(url)
        with app.app_context():
            db.drop_all()
            db.create_all()
            started = time.perf_counter()
            facts = populate()
            facts["populate_s"] = round(time.perf_counter() - started, 2)
            facts["open_45_periods_s"] = round(open_every_period(), 2)
        figures = measure(app, facts["unit"])
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
    result = {
        "benchmark": "reports",
        "units": UNITS,
        "events": EVENTS,
        "occurrences": facts["occurrences"],
        "database": url.split(":", 1)[0],
        "goal_s": GOAL_SECONDS,
        "setup": {k: facts[k] for k in ("populate_s", "open_45_periods_s")},
        "median_of_runs": RUNS,
        "figures": figures,
        "meets_goal": all(v <= GOAL_SECONDS for v in figures.values()),
    }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    for name, value in figures.items():
        print(f"reports {name:14} {value:7.3f} s  (goal ≤ {GOAL_SECONDS} s)")
    print(f"written to {RESULTS}")
    return result


def run(context) -> list[dict]:
    """The harness's interface (`make bench`): one row per figure, each with its goal."""
    result = main()
    context["reports"] = result
    return [
        {"name": name, "value": value, "goal": f"<= {GOAL_SECONDS}", "unit": "s"}
        for name, value in result["figures"].items()
    ]


if __name__ == "__main__":
    main()
