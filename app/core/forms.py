"""The one base of every form in Torget, and the form with only a CSRF token.

Two rules hold for every form here, whatever page it is on:
- A field arrives as the person typed it or not at all. A client can send any field as a
  file part of a multipart body; Flask-WTF would then hand a text field a file object and
  its validators would crash. Only file fields take file parts.
- A message is given once. Two rules can fail with the same words (a field's validator and
  the form's `validate_<field>` method, say); the person reads it once beside the field and
  once in the summary, whichever template renders the errors.
- Text holds no control characters. A single-line field (a name, a title, an address)
  refuses every one, line breaks included, since such a value ends up in a mail header, a
  calendar line or a document heading; a multi-line field keeps its line breaks and tabs.
  The message stands beside the field and nothing is saved.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from werkzeug.datastructures import CombinedMultiDict, FileStorage, MultiDict
from wtforms import Field, FieldList, FormField, StringField, TextAreaField

from app.core.markup import is_control

SINGLE_LINE_MESSAGE = _l("Fältet innehåller otillåtna tecken, till exempel en radbrytning.")
MULTI_LINE_MESSAGE = _l("Texten innehåller otillåtna tecken.")
#: Characters a multi-line text may hold besides printable ones.
LINE_BREAKS = "\r\n\t"


def has_control(text: str, allowed: str = "") -> bool:
    """True when `text` holds a control character (C0, DEL or C1) not in `allowed`."""
    return any(is_control(ch) and ch not in allowed for ch in text)


class BaseForm(FlaskForm):
    """Flask-WTF's form with Torget's two rules (see the module)."""

    class Meta(FlaskForm.Meta):
        def wrap_formdata(self, form, formdata):
            data = super().wrap_formdata(form, formdata)
            if not isinstance(data, CombinedMultiDict):
                return data
            files = {name for name, field in form._fields.items() if isinstance(field, FileField)}
            return MultiDict(
                (key, value)
                for key, value in data.items(multi=True)
                if not isinstance(value, FileStorage) or key in files
            )

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for field in text_fields(self):
            if not isinstance(field.data, str):
                continue
            multi_line = isinstance(field, TextAreaField)
            if has_control(field.data, LINE_BREAKS if multi_line else ""):
                message = MULTI_LINE_MESSAGE if multi_line else SINGLE_LINE_MESSAGE
                field.errors = [*field.errors, message]
                valid = False
        for field in leaf_fields(self):
            if isinstance(field.errors, list | tuple) and len(field.errors) > 1:
                field.errors = once_each(field.errors)
        return valid


def once_each(messages) -> list:
    """The messages in order, each text once (a lazy string and its text are the same)."""
    by_text: dict[str, object] = {}
    for message in messages:
        by_text.setdefault(str(message), message)
    return list(by_text.values())


def leaf_fields(form) -> list[Field]:
    """Every field that holds its own errors, inside field lists and sub-forms too."""
    fields = []
    for field in form:
        if isinstance(field, FieldList):
            for entry in field:
                fields.extend(leaf_fields(entry.form) if isinstance(entry, FormField) else [entry])
        elif isinstance(field, FormField):
            fields.extend(leaf_fields(field.form))
        else:
            fields.append(field)
    return fields


def text_fields(form) -> list[Field]:
    """Every text field of a form, inside field lists and sub-forms too."""
    return [field for field in leaf_fields(form) if isinstance(field, StringField)]


class EmptyForm(BaseForm):
    """A form with only the CSRF token, for POST buttons."""
