"""Fuzzing the organisation list import: never a 5xx, a dry run or a refused file stores
nothing, and what is stored comes back escaped on the register's page."""

from __future__ import annotations

from io import BytesIO

from hypothesis import example, given
from hypothesis import strategies as st
from sqlalchemy import func, select

from app.accounts.models import Role
from app.directory.models import Organisation
from app.extensions import db
from tests.proof.fuzz import BROKEN, FUZZ, text, token_on, unescaped_markup

HEADERS = ["namn", "Namn;Organisationsnummer;Slag;Webbplats", "namn,webbplats", "firma", ""]
VALID = "namn;slag\n<script>alert(1)</script> Bageri;företag\n".encode()


@st.composite
def contact_list(draw) -> bytes:
    """A header, then rows of hostile cells, sometimes in another encoding or cut short."""
    rows = [draw(st.sampled_from(HEADERS))]
    for _ in range(draw(st.integers(0, 5))):
        cells = draw(st.lists(text, max_size=4))
        rows.append(draw(st.sampled_from([";", ","])).join(cells))
    raw = "\n".join(rows).encode(draw(st.sampled_from(["utf-8", "utf-16"])), "surrogatepass")
    return raw + draw(st.sampled_from([b"", b"\n", *BROKEN]))


def _organisations(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Organisation))


def test_the_list_import_never_fails_and_escapes_what_it_stores(app, unit, make_user, login):
    staff = login(make_user(Role.ORGANISER, unit), on=app.test_client())
    url = "/manage/organisations/import"
    token, stored = token_on(staff, url), []

    @FUZZ
    @given(st.data(), st.sampled_from(["", "y"]))
    @example(None, "")
    def run(data, dry_run):
        body = VALID if data is None else data.draw(contact_list())
        form = {"csrf_token": token, "file": (BytesIO(body), "lista.csv")}
        if dry_run:
            form["dry_run"] = dry_run
        before = _organisations(app)
        response = staff.post(url, data=form, content_type="multipart/form-data")
        page = response.get_data(as_text=True)
        assert response.status_code < 500
        assert unescaped_markup(page) == []
        after = _organisations(app)
        if dry_run or 'aria-invalid="true"' in page:
            assert after == before, "a dry run or a refused file stored an organisation"
        if after > before:
            listing = staff.get("/manage/organisations/").get_data(as_text=True)
            assert unescaped_markup(listing) == []
            stored.append(body)

    run()
    assert stored, "no list was imported: the valid example must be"
