"""The demo award: complete 2022 cycle, an open cycle this year, idempotent loading."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from app.awards import clock, queries
from app.awards.models import AwardCycle, ConflictDeclaration, Decision, Phase, Score
from app.demo import awards, events, foundation
from app.events.models import Event
from app.extensions import db


def load_all():
    for module in (foundation, events, awards):
        module.load(password="demo", echo=lambda *a, **k: None)


def test_the_demo_award_loads_twice_without_changes(app, client):
    with app.app_context():
        load_all()
        db.session.commit()
        load_all()
        changed = [o for o in db.session.dirty if db.session.is_modified(o)]
        assert not db.session.new and changed == []
        db.session.commit()
        cycle = db.session.scalars(select(AwardCycle).where(AwardCycle.year == 2022)).one()
        assert [c.name for c in cycle.categories][0] == "Årets lokala nyföretag"
        assert len(cycle.categories) == 5
        assert {c.partner.slug for c in cycle.categories} == {
            "stockholm-business-region",
            "almi",
            "hagersten-alvsjo-sdf",
            "jobbtorget",
            "foretagarna",
        }
        assert db.session.scalar(select(func.count()).select_from(Decision)) == 5
        assert db.session.scalar(select(func.count()).select_from(Score)) > 0
        conflict = db.session.scalar(
            select(ConflictDeclaration).where(ConflictDeclaration.has_conflict)
        )
        assert conflict.ruling == "confirmed"
        assert sorted(q.position for q in cycle.questions) == [7, 8]
        ceremony = db.session.get(Event, cycle.ceremony_event_id)
        assert ceremony.uid == "foretagsdialog-2022@hagersten-alvsjo.torget"
        assert len(queries.winners_for_event(ceremony.id)) == 5
        current = db.session.scalars(
            select(AwardCycle).where(AwardCycle.year == date.today().year)
        ).one()
        assert current.phase == Phase.NOMINATIONS_OPEN
        assert current.nominations_open_at < clock.now() < current.nominations_close_at
        assert current.ceremony.uid == f"foretagsdialog-{date.today().year}@hagersten-alvsjo.torget"
        assert "Gott ledarskap och en förebild" in [c.name for c in current.criteria]
    page = client.get("/awards/hagersten-alvsjo/2022/").get_data(as_text=True)
    assert "Exempelbageriet i Älvsjö AB" in page and "850412-9803" not in page
    form = client.get(f"/awards/hagersten-alvsjo/{date.today().year}/nominate")
    assert 'name="org_number"' in form.get_data(as_text=True)
