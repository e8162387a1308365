"""The public pages: start, accessibility statement with its report form, privacy notice."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.extensions import db
from app.pages.models import AccessibilityReport
from tests.conftest import post


def _reports(app) -> list[AccessibilityReport]:
    with app.app_context():
        rows = db.session.scalars(select(AccessibilityReport)).all()
        db.session.expunge_all()
        return rows


def test_home_page_in_swedish(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert '<html lang="sv">' in html
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html and "<header" in html and "<footer" in html
    assert 'aria-label="Huvudmeny"' in html


def test_privacy_notice_covers_article_13(client):
    html = client.get("/privacy").get_data(as_text=True)
    for heading in (
        "Personuppgiftsansvarig",
        "Rättslig grund",
        "Vilka får ta del av uppgifterna",
        "Hur länge",
        "Dina rättigheter",
        "Klagomål",
        "Kakor",
    ):
        assert heading in html, heading
    assert "Integritetsskyddsmyndigheten" in html and "dataskyddsombud" in html


def test_accessibility_statement_has_the_required_parts(client):
    html = client.get("/accessibility").get_data(as_text=True)
    for part in ("2018:1937", "WCAG 2.1", "Kända brister", "Digg", "Rapportera ett problem"):
        assert part in html, part


def test_a_report_is_stored_audited_and_shown_to_admins(app, client, login, make_user, unit):
    response = post(
        client,
        "/accessibility",
        {
            "page": "/events/",
            "description": "Kalendern går inte att använda med tangentbord.",
            "contact_email": "besokare@example.org",
        },
        "/accessibility",
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/accessibility"
    assert "Tack! Vi har tagit emot din rapport" in client.get("/accessibility").get_data(
        as_text=True
    )
    [report] = _reports(app)
    assert report.page == "/events/" and report.contact_email == "besokare@example.org"
    assert report.handled_at is None
    with app.app_context():
        assert db.session.scalar(select(AuditEntry.action)) == "accessibility.report"
    admin = app.test_client()
    login(make_user("admin", unit, is_site_admin=True), on=admin)
    html = admin.get("/admin/").get_data(as_text=True)
    assert "Kalendern går inte att använda med tangentbord." in html
    assert "besokare@example.org" in html


def test_admin_marks_a_report_handled(app, client, login, make_user, unit):
    post(client, "/accessibility", {"description": "Kontrasten är låg."}, "/accessibility")
    [report] = _reports(app)
    admin = make_user("admin", unit, is_site_admin=True)
    login(admin)
    response = post(client, f"/admin/accessibility-reports/{report.id}/handled", {}, "/admin/")
    assert response.status_code == 302 and response.headers["Location"] == "/admin/"
    [report] = _reports(app)
    assert report.handled_at is not None and report.handled_by_id == admin.id
    assert "Hanterad" in client.get("/admin/").get_data(as_text=True)


@pytest.mark.parametrize("role", ["organiser", "officer", "juror"])
def test_reports_are_not_shown_or_handled_by_others(app, client, login, make_user, unit, role):
    post(client, "/accessibility", {"description": "Hemlig rapport här."}, "/accessibility")
    [report] = _reports(app)
    login(make_user(role, unit))
    assert client.get("/admin/").status_code == 403
    response = post(client, f"/admin/accessibility-reports/{report.id}/handled", {}, "/")
    assert response.status_code == 403
    assert _reports(app)[0].handled_at is None


def test_the_honeypot_stores_nothing_but_thanks_the_bot(app, client):
    response = post(
        client,
        "/accessibility",
        {"description": "Köp billiga klockor nu!", "website": "http://spam.example"},
        "/accessibility",
    )
    assert response.status_code == 302
    assert _reports(app) == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"description": ""}, "Beskriv vad som inte fungerade."),
        ({"description": "kort"}, "mellan 5 och 5 000 tecken"),
        ({"description": "å" * 10_000}, "mellan 5 och 5 000 tecken"),
        ({"description": "Ett problem.", "page": "p" * 10_000}, "Högst 500 tecken."),
        ({"description": "Ett problem.", "contact_email": "inte@"}, "giltig e-postadress"),
    ],
)
def test_bad_reports_are_explained_keep_the_text_and_store_nothing(app, client, data, message):
    response = post(client, "/accessibility", data, "/accessibility")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert message in html
    assert 'aria-invalid="true"' in html and 'id="error-summary"' in html
    if data["description"]:
        assert data["description"] in html  # what was typed is kept
    assert _reports(app) == []


def test_html_in_a_report_is_escaped_for_admins(app, client, login, make_user, unit):
    post(
        client,
        "/accessibility",
        {"description": "<script>alert(1)</script> knappen", "page": '"><img src=x>'},
        "/accessibility",
    )
    login(make_user("admin", unit, is_site_admin=True))
    html = client.get("/admin/").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html and "<img src=x>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; knappen" in html


def test_reports_are_rate_limited_per_ip(client):
    statuses = [
        post(client, "/accessibility", {"description": f"Problem {i}."}, "/accessibility")
        for i in range(31)
    ]
    assert [r.status_code for r in statuses[:30]] == [302] * 30
    assert statuses[30].status_code == 429


def test_retention_deletes_reports_handled_over_a_year_ago(app, runner):
    from datetime import timedelta

    from app.db import utcnow

    now = utcnow()
    with app.app_context():
        db.session.add_all(
            [
                AccessibilityReport(description="gammal", handled_at=now - timedelta(days=400)),
                AccessibilityReport(description="nyligen", handled_at=now - timedelta(days=30)),
                AccessibilityReport(description="ohanterad", received_at=now - timedelta(days=900)),
            ]
        )
        db.session.commit()
    dry = runner.invoke(args=["pages", "retention", "--dry-run"])
    assert dry.exit_code == 0 and "1 rapporter skulle tas bort." in dry.output
    assert len(_reports(app)) == 3
    result = runner.invoke(args=["pages", "retention"])
    assert result.exit_code == 0 and "1 rapporter är borttagna." in result.output
    assert sorted(r.description for r in _reports(app)) == ["nyligen", "ohanterad"]
    with app.app_context():
        entry = db.session.scalar(
            select(AuditEntry).where(AuditEntry.action == "accessibility.retention")
        )
        assert entry.details == {"deleted": 1}


def test_home_page_query_count_does_not_grow_with_events(app, client, unit, make_event):
    from tests.conftest import count_queries

    make_event(unit)
    client.get("/")  # warm: compiled statements, catalogues
    with count_queries(app) as one:
        assert client.get("/").status_code == 200
    for _ in range(15):
        make_event(unit)
    with count_queries(app) as many:
        html = client.get("/").get_data(as_text=True)
    assert "Frukostmöte" in html
    assert many() == one()


def test_the_favicon_is_an_icon_at_the_root_and_linked_from_every_page(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response.data[:4] == b"\x00\x00\x01\x00"  # an ICO file
    assert "max-age" in response.headers["Cache-Control"]
    assert 'rel="icon"' in client.get("/privacy").get_data(as_text=True)
