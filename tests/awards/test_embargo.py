"""The embargo follows the ceremony as it will actually happen, and only the award's
administrator moves it: every reader asks one rule (`services.winners_public`)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.awards import services
from app.awards.facts import award_facts
from app.awards.models import AwardCycle, Phase
from app.awards.phases import may_show_winners
from app.events import services as events
from app.events.models import Event, EventStatus, Occurrence
from app.extensions import db
from tests.awards.test_records import CITATION, decided_cycle
from tests.awards.world import CEREMONY
from tests.conftest import post

LATER = CEREMONY + timedelta(days=7)
WINNER = "Alfabageriet AB"


@pytest.fixture(autouse=True)
def _linked_question(request):
    """The cycle answers a report question, so its facts reach the report's drafts."""
    if "award" not in request.fixturenames:
        return
    app, award = request.getfixturevalue("app"), request.getfixturevalue("award")
    from app.policy.models import FocusArea, ReportQuestion

    with app.app_context():
        area = FocusArea(number=1, name="Stimulera tillväxt", policy="Policy")
        db.session.add(area)
        db.session.flush()
        question = ReportQuestion(
            unit_id=award.unit.id, year=2030, focus_area_id=area.id, position=1, text="Hur?"
        )
        db.session.add(question)
        cycle = db.session.get(AwardCycle, award.cycle_id)
        cycle.questions.append(question)
        db.session.commit()


def _public_bodies(client, award, ceremony_id) -> str:
    paths = (f"{award.public}/", f"/events/{ceremony_id}", "/", "/feeds/events.ics")
    return "\n".join(client.get(path).get_data(as_text=True) for path in paths)


def _ceremony_id(app, award) -> int:
    with app.app_context():
        return db.session.get(AwardCycle, award.cycle_id).ceremony_event_id


def _report_text(app, award) -> str:
    with app.app_context():
        facts = award_facts(award.unit.id, 2030, date(2030, 1, 1), date(2030, 12, 31))
        return " ".join(f.text for f in facts)


def _as(app, award, role, change) -> None:
    """Run `change(actor, event)` as one of the award's users, and commit."""
    from app.accounts.models import User

    ceremony_id = _ceremony_id(app, award)
    with app.app_context():
        actor = db.session.get(User, award.users[role].id)
        event = db.session.get(Event, ceremony_id)
        change(actor, event)
        db.session.commit()


# --- the one rule ------------------------------------------------------------------------


@pytest.mark.nodb
@pytest.mark.parametrize(
    ("phase", "ceremony", "lifted", "now", "shown"),
    [
        (Phase.JUDGING, CEREMONY, None, LATER, False),  # not decided: never
        (Phase.DECIDED, CEREMONY, None, CEREMONY - timedelta(seconds=1), False),
        (Phase.DECIDED, CEREMONY, None, CEREMONY, True),
        (Phase.ANNOUNCED, CEREMONY, None, CEREMONY, True),
        (Phase.DECIDED, None, None, LATER, False),  # no ceremony to wait for: embargo holds
        (Phase.DECIDED, None, CEREMONY, CEREMONY, True),  # lifted by the administrator
        (Phase.DECIDED, LATER, CEREMONY, CEREMONY, True),
        (Phase.SCREENING, None, CEREMONY, LATER, False),  # a lift before deciding shows nothing
    ],
)
def test_may_show_winners(phase, ceremony, lifted, now, shown):
    assert may_show_winners(phase, ceremony, lifted, now) is shown


# --- the ceremony as it will actually happen ------------------------------------------------


def test_a_ceremony_moved_later_keeps_the_winners_until_its_new_start(app, client, award, frozen):
    decided_cycle(app, award)
    ceremony_id = _ceremony_id(app, award)
    _as(
        app,
        award,
        "award_admin",
        lambda actor, event: events.move_date(
            actor, event, event.starts_at, LATER, LATER + timedelta(hours=3), None, "Flyttad"
        ),
    )
    frozen(CEREMONY + timedelta(hours=1))  # the original start has passed
    assert WINNER not in _public_bodies(client, award, ceremony_id)
    assert WINNER not in _report_text(app, award)
    frozen(LATER)
    body = _public_bodies(client, award, ceremony_id)
    assert WINNER in body and CITATION in body
    assert WINNER in _report_text(app, award)


@pytest.mark.parametrize("how", ["date", "event", "deleted", "draft"])
def test_a_cancelled_or_missing_ceremony_keeps_the_embargo(app, client, award, frozen, how):
    decided_cycle(app, award)
    ceremony_id = _ceremony_id(app, award)
    if how == "date":
        _as(app, award, "award_admin", lambda a, e: events.cancel_date(a, e, e.starts_at, "Regn"))
    elif how == "event":
        _as(app, award, "award_admin", lambda a, e: events.cancel_event(a, e, "Inställd"))
    else:
        with app.app_context():
            event = db.session.get(Event, ceremony_id)
            if how == "deleted":
                db.session.delete(event)
            else:
                event.status = EventStatus.DRAFT
            db.session.commit()
    frozen(LATER + timedelta(days=365))
    body = _public_bodies(client, award, ceremony_id)
    assert WINNER not in body and CITATION not in body
    assert WINNER not in _report_text(app, award)


def test_the_administrator_lifts_the_embargo_with_a_logged_reason(
    app, client, award, login, frozen
):
    decided_cycle(app, award)
    _as(app, award, "award_admin", lambda actor, e: events.cancel_event(actor, e, "Inställd"))
    admin = login(award.users["award_admin"], on=app.test_client())
    path = f"/manage/awards/{award.cycle_id}/embargo"
    assert "ingen prisutdelning att vänta på" in admin.get(path).get_data(as_text=True)
    refused = post(admin, path, {"reason": "   "}, token_from=path)
    assert refused.status_code == 400
    assert "Skriv varför embargot hävs." in refused.get_data(as_text=True)
    assert WINNER not in client.get(f"{award.public}/").get_data(as_text=True)
    response = post(admin, path, {"reason": "Prisutdelningen ställdes in."}, token_from=path)
    assert response.status_code == 302
    assert WINNER in client.get(f"{award.public}/").get_data(as_text=True)
    assert WINNER in _report_text(app, award)
    with app.app_context():
        cycle = db.session.get(AwardCycle, award.cycle_id)
        assert cycle.embargo_lift_reason == "Prisutdelningen ställdes in."
        entry = db.session.scalar(
            select(AuditEntry).where(AuditEntry.action == "awards.embargo_lifted")
        )
        assert entry.details["reason"] == "Prisutdelningen ställdes in."
    assert post(admin, path, {"reason": "Igen"}, token_from=path).status_code == 400


@pytest.mark.parametrize("role", ["organiser", "juror_a"])
def test_only_the_administrator_may_lift_the_embargo(app, client, award, login, role):
    decided_cycle(app, award)
    other = login(award.users[role], on=app.test_client())
    path = f"/manage/awards/{award.cycle_id}/embargo"
    assert post(other, path, {"reason": "Vill se"}, token_from="/").status_code == 403
    with app.app_context():
        assert db.session.get(AwardCycle, award.cycle_id).embargo_lifted_at is None


# --- who may move the ceremony -------------------------------------------------------------


def _organiser_attempts(award, ceremony_id: int, original: str) -> list[tuple[str, dict]]:
    base = f"/manage/events/{ceremony_id}"
    past = {"new_date": "2030-09-01", "start_time": "08:00", "end_time": "09:00"}
    return [
        (f"{base}/move-date", {"date": original, **past, "venue": "0", "reason": "Tidigare"}),
        (f"{base}/cancel-date", {"date": original, "reason": "Inställd"}),
        (f"{base}/cancel", {"reason": "Inställd"}),
        (
            base,
            {
                "title": "Företagsdialog med mingelmässa",
                "kind": "fair",
                "start_date": "2030-09-01",
                "start_time": "08:00",
                "end_time": "09:00",
                "venue": "0",
                "organiser": "0",
                "support_kind": "",
                "repeat": "none",
                "unit": str(award.unit.id),
            },
        ),
    ]


def test_an_organiser_cannot_move_retime_or_cancel_a_decided_cycles_ceremony(
    app, client, award, login
):
    decided_cycle(app, award)
    ceremony_id = _ceremony_id(app, award)
    original = CEREMONY.isoformat()
    organiser = login(award.users["organiser"], on=app.test_client())
    for path, data in _organiser_attempts(award, ceremony_id, original):
        response = post(organiser, path, data, token_from=path)
        assert response.status_code in (200, 400), path
        assert "Bara utmärkelsens administratör" in response.get_data(as_text=True), path
    with app.app_context():
        event = db.session.get(Event, ceremony_id)
        assert event.status == EventStatus.PUBLISHED and event.starts_at == CEREMONY
        assert event.changes == []
        [occurrence] = db.session.scalars(select(Occurrence).where(Occurrence.event_id == event.id))
        assert occurrence.starts_at == CEREMONY and not occurrence.is_cancelled


def test_before_the_decision_the_organiser_moves_the_ceremony_freely(app, award, frozen):
    with app.app_context():
        assert db.session.get(AwardCycle, award.cycle_id).phase == Phase.NOMINATIONS_OPEN
    _as(
        app,
        award,
        "organiser",
        lambda actor, event: events.move_date(
            actor, event, event.starts_at, LATER, LATER + timedelta(hours=2), None, "Flyttad"
        ),
    )
    with app.app_context():
        cycle = db.session.get(AwardCycle, award.cycle_id)
        assert services.ceremony_start(cycle) == LATER


def test_a_reimport_cannot_move_a_protected_ceremony(app, award):
    """A ceremony linked from an imported event stays put when the partner's file moves it."""
    from app.feeds.importer import parse
    from app.feeds.services import import_calendar

    decided_cycle(app, award)
    ceremony_id = _ceremony_id(app, award)
    with app.app_context():
        event = db.session.get(Event, ceremony_id)
        event.source = "import"
        uid = event.uid
        db.session.commit()
    text = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Partner//SE\r\nBEGIN:VEVENT\r\n"
        f"UID:{uid}\r\nDTSTAMP:20300101T000000Z\r\nSUMMARY:Företagsdialog\r\n"
        "DTSTART:20300901T080000Z\r\nDTEND:20300901T090000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    from app.accounts.models import User
    from app.units.models import Unit

    with app.app_context():
        organiser = db.session.get(User, award.users["organiser"].id)
        result = import_calendar(
            organiser, db.session.get(Unit, award.unit.id), parse(text.encode())
        )
        db.session.commit()
        assert result.updated == 0 and len(result.skipped) == 1
        assert "Bara utmärkelsens administratör" in result.skipped[0].reason
        assert db.session.get(Event, ceremony_id).starts_at == CEREMONY


def test_the_administrator_may_move_it_and_the_embargo_follows(app, client, award, frozen):
    decided_cycle(app, award)
    ceremony_id = _ceremony_id(app, award)
    earlier = datetime(2030, 11, 1, 16, 0, tzinfo=UTC)
    _as(
        app,
        award,
        "award_admin",
        lambda actor, event: events.move_date(
            actor, event, event.starts_at, earlier, earlier + timedelta(hours=2), None, "Tidigare"
        ),
    )
    frozen(earlier + timedelta(minutes=1))
    assert WINNER in _public_bodies(client, award, ceremony_id)
