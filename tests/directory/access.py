from tests.access import Route, staff_only

#: Organisers and admins of any unit keep the shared directory; others are refused.
_arrangers = staff_only(officer=403, award_admin=403, juror_a=403, juror_b=403, city=403)

ROUTES = [
    Route("directory.list_venues", lambda w: "/manage/venues/", expect=_arrangers),
    Route("directory.new_venue", lambda w: "/manage/venues/new", expect=_arrangers),
    Route(
        "directory.edit_venue",
        lambda w: f"/manage/venues/{w.objects['manage_venue'].id}",
        expect=_arrangers,
    ),
    Route("directory.list_organisations", lambda w: "/manage/organisations/", expect=_arrangers),
    Route("directory.new_organisation", lambda w: "/manage/organisations/new", expect=_arrangers),
    Route(
        "directory.edit_organisation",
        lambda w: f"/manage/organisations/{w.objects['sbr'].id}",
        expect=_arrangers,
    ),
]
