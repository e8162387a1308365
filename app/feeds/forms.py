"""The organiser's upload form for partners' calendar files."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, SelectField

from app.core.forms import BaseForm


class ImportForm(BaseForm):
    file = FileField(
        _l("Kalenderfil (.ics)"),
        description=_l(
            "En iCalendar-fil från Outlook, Google Kalender eller Apple Kalender, högst 2 MB."
        ),
        validators=[FileRequired(_l("Välj en .ics-fil att läsa in."))],
    )
    organisation = SelectField(
        _l("Arrangör"),
        description=_l("Organisationen som står som arrangör för alla evenemang i filen."),
        coerce=str,
    )
    as_draft = BooleanField(_l("Läs in som utkast (publiceras inte förrän du publicerar dem)"))
    dry_run = BooleanField(_l("Provläs bara: visa vad som skulle hända utan att spara något"))
