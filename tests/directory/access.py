import io

from tests.access import Route, only, staff_only

#: Organisers and admins of any unit keep the shared directory; others are refused.
_arrangers = staff_only(officer=403, award_admin=403, juror_a=403, juror_b=403, city=403)

#: POST: organisers and admins of any unit add to the directory.
_writers = only("organiser", "admin", "other_unit")
#: POST to an entry: the owning unit's organisers and admins; another unit's may only read it.
_owners = only("organiser", "admin", other_unit=403)
_venue = {
    "name": "Nya torget",
    "slug": "nya-torget",
    "address": "Torget 1",
    "postal_code": "125 30",
}
_organisation = {"name": "Nya föreningen", "slug": "nya-foreningen", "kind": "association"}

ROUTES = [
    Route("directory.list_venues", lambda w: "/manage/venues/", expect=_arrangers),
    Route(
        "directory.new_venue",
        lambda w: "/manage/venues/new",
        expect=_arrangers,
        post_url=lambda w: "/manage/venues/new",
        post_data=lambda w: _venue,
        post_expect=_writers,
    ),
    Route(
        "directory.edit_venue",
        lambda w: f"/manage/venues/{w.objects['manage_venue'].id}",
        expect=_arrangers,
        post_url=lambda w: f"/manage/venues/{w.objects['manage_venue'].id}",
        post_data=lambda w: dict(_venue, name="Testtorget i Midsommarkransen", slug="testtorget"),
        post_expect=_owners,
    ),
    Route("directory.list_organisations", lambda w: "/manage/organisations/", expect=_arrangers),
    Route(
        "directory.new_organisation",
        lambda w: "/manage/organisations/new",
        expect=_arrangers,
        post_url=lambda w: "/manage/organisations/new",
        post_data=lambda w: _organisation,
        post_expect=_writers,
    ),
    Route(
        "directory.edit_organisation",
        lambda w: f"/manage/organisations/{w.objects['sbr'].id}",
        expect=_arrangers,
        post_url=lambda w: f"/manage/organisations/{w.objects['sbr'].id}",
        post_data=lambda w: {
            "name": "Stockholm Business Region AB",
            "slug": "stockholm-business-region",
            "kind": "city_company",
        },
        post_expect=_owners,
    ),
]


def _contact_list(world) -> dict:
    return {"file": (io.BytesIO("namn;slag\nNy firma AB;företag\n".encode()), "lista.csv")}


ROUTES.append(
    Route(
        "directory.import_organisations",
        lambda w: "/manage/organisations/import",
        expect=_arrangers,
        post_url=lambda w: "/manage/organisations/import",
        post_data=_contact_list,
        # The result is shown on the page itself (200), with what was read in.
        post_expect={**_writers, "organiser": 200, "admin": 200, "other_unit": 200},
    )
)
