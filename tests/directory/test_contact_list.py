"""Reading councils' organisation lists: what is taken, what is refused, and why."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.directory import contact_list
from app.directory.models import Organisation
from app.extensions import db
from tests.conftest import post
from tests.events.conftest import errors

LIST = (
    "Namn;Organisationsnummer;Slag;Webbplats\n"
    "Alfabageriet AB;556036-0793;företag;alfabageriet.se\n"
    "Västertorps företagareförening;;företagareförening;\n"
    ";;;\n"
    "Felnummer AB;556036-0794;;\n"
    "Konstig sort;;rymdskepp;\n"
    '=HYPERLINK("http://x");;;\n'
    "Nul\0tecken;;;\n"
)


@pytest.mark.nodb
def test_rows_are_taken_or_refused_with_their_line():
    rows = contact_list.read(LIST.encode("cp1252"))
    taken = [(r.line, r.name, r.org_number, r.kind, r.website) for r in rows if not r.problem]
    assert taken == [
        (2, "Alfabageriet AB", "556036-0793", "company", "https://alfabageriet.se"),
        (3, "Västertorps företagareförening", None, "business_association", None),
        (7, '=HYPERLINK("http://x")', None, "company", None),
    ]
    refused = {r.line: r.problem for r in rows if r.problem}
    assert refused == {
        5: "Organisationsnumret stämmer inte (kontrollsiffran är fel). Kontrollera numret.",
        6: "Okänt slag. Skriv till exempel företag, förening eller fastighetsägare.",
        8: "Namnet är för långt eller har otillåtna tecken.",
    }


@pytest.mark.nodb
@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Filen är tom"),
        (b"firma;nummer\nA;B\n", "saknar kolumnen"),
        (b"namn\n" + b"x\n" * 5001, "fler än 5 000 rader"),
        (b"x" * (contact_list.MAX_BYTES + 1), "större än 2 MB"),
    ],
)
def test_a_file_that_is_no_list_is_refused_as_a_whole(data, message):
    with pytest.raises(contact_list.UnreadableList, match=message):
        contact_list.read(data)


@pytest.mark.nodb
def test_slugs_are_plain_ascii():
    assert contact_list.slug_of("Älvsjö Bageri & Café AB") == "alvsjo-bageri-cafe-ab"
    assert contact_list.slug_of("!!!") == "organisation"


def _send(client, data: bytes, dry_run: bool):
    url = "/manage/organisations/import"
    form = {"file": (io.BytesIO(data), "lista.csv")}
    if dry_run:
        form["dry_run"] = "y"
    return post(client, url, form, token_from=url)


def test_a_dry_run_shows_the_result_and_saves_nothing(app, client, login, organiser):
    login(organiser)
    response = _send(client, LIST.encode(), dry_run=True)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Provläsning: inget har sparats" in html and "Nya: 3" in html
    assert "Hoppade över: 3" in html and "kontrollsiffran är fel" in html
    with app.app_context():
        assert db.session.scalars(select(Organisation)).all() == []


def test_an_import_adds_the_new_and_leaves_what_is_there(app, client, login, organiser, unit):
    login(organiser)
    with app.app_context():
        db.session.add(Organisation(name="Alfabageriet", slug="alfa", kind="company",
                                    org_number="556036-0793"))  # fmt: skip
        db.session.commit()
    response = _send(client, LIST.encode(), dry_run=False)
    html = response.get_data(as_text=True)
    assert "Nya: 2" in html and "Finns redan: 1" in html
    with app.app_context():
        names = {o.name: o for o in db.session.scalars(select(Organisation))}
        assert set(names) == {"Alfabageriet", "Västertorps företagareförening",
                              '=HYPERLINK("http://x")'}  # fmt: skip
        assert names["Västertorps företagareförening"].slug == "vastertorps-foretagareforening"
        assert names["Västertorps företagareförening"].owner_unit_id == unit.id
        audit = db.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "organisation.import")
        )
        assert audit.one().details["created"] == 2
    again = _send(client, LIST.encode(), dry_run=False).get_data(as_text=True)
    assert "Nya: 0" in again and "Finns redan: 3" in again


def test_a_file_that_is_no_list_is_shown_beside_the_field(app, client, login, organiser):
    login(organiser)
    response = _send(client, b"foo,bar\n1,2\n", dry_run=False)
    assert response.status_code == 400
    assert any(f == "file" and "saknar kolumnen" in m for f, m in errors(response))
