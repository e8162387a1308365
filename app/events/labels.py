"""Swedish labels for the events' controlled lists, shared by the public and organiser pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.events.models import EventKind, Need, PartnerRole, SupportKind

KIND_LABELS = {
    EventKind.BREAKFAST_MEETING: _l("Frukostmöte"),
    EventKind.SQUARE_EVENT: _l("Torgevenemang"),
    EventKind.FAIR: _l("Mässa"),
    EventKind.CEREMONY: _l("Ceremoni"),
    EventKind.INAUGURATION: _l("Invigning"),
    EventKind.CULTURE: _l("Kultur"),
    EventKind.MEETING: _l("Möte"),
    EventKind.OTHER: _l("Övrigt"),
}
ROLE_LABELS = {
    PartnerRole.CO_ORGANISER: _l("Medarrangör"),
    PartnerRole.HOST: _l("Värd"),
    PartnerRole.VENUE_OWNER: _l("Fastighetsägare"),
    PartnerRole.SPONSOR: _l("Sponsor"),
    PartnerRole.PARTICIPANT: _l("Deltagare"),
}
SUPPORT_LABELS = {
    SupportKind.OPERATING_GRANT: _l("Verksamhetsbidrag"),
    SupportKind.ORGANISER_GRANT: _l("Arrangörsstöd"),
    SupportKind.OTHER: _l("Annat stöd"),
}
NEED_LABELS = {
    Need.PERMITS: _l("Tillstånd"),
    Need.SAFETY: _l("Trygghet"),
    Need.SKILLS_SUPPLY: _l("Kompetensförsörjning"),
    Need.PREMISES: _l("Lokaler"),
    Need.ACCESSIBILITY: _l("Tillgänglighet och framkomlighet"),
    Need.FINANCING: _l("Finansiering"),
    Need.MARKETING: _l("Marknadsföring"),
    Need.OTHER: _l("Annat"),
}
