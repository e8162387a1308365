"""The dialogue's words for its kinds, categories and steps, in the reader's language."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.dialogue.flow import NeedStatus
from app.dialogue.models import ContactKind, NeedCategory

KIND_LABELS = {
    ContactKind.VISIT: _l("Företagsbesök"),
    ContactKind.MEETING: _l("Möte"),
    ContactKind.CALL: _l("Samtal"),
    ContactKind.ROUTED_QUESTION: _l("Lotsad fråga"),
}
CATEGORY_LABELS = {
    NeedCategory.SKILLS: _l("Kompetensförsörjning"),
    NeedCategory.PREMISES: _l("Lokaler"),
    NeedCategory.PERMITS: _l("Tillstånd och myndighetskontakter"),
    NeedCategory.SAFETY: _l("Trygghet"),
    NeedCategory.TRAFFIC: _l("Framkomlighet och trafik"),
    NeedCategory.PLACE: _l("Marknadsföring och platsutveckling"),
    NeedCategory.PROCUREMENT: _l("Upphandling"),
    NeedCategory.FINANCING: _l("Finansiering"),
    NeedCategory.OTHER: _l("Annat"),
}
STATUS_LABELS = {
    NeedStatus.NEW: _l("Ny"),
    NeedStatus.ROUTED: _l("Lotsad"),
    NeedStatus.ANSWERED: _l("Besvarad"),
    NeedStatus.FED_BACK: _l("Återkopplad"),
    NeedStatus.CLOSED: _l("Stängd"),
}
