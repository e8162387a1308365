"""The one form base: what every form in Torget does with its errors."""

from __future__ import annotations

from flask import render_template_string
from wtforms import StringField
from wtforms.validators import Length, Regexp, ValidationError

from app.core.forms import BaseForm

MESSAGE = "Skriv bara bokstäver, högst tre."


class TwoRulesOneMessage(BaseForm):
    """Two validators that fail with the same words, as a field's rule and a form's method can."""

    class Meta:
        csrf = False

    code = StringField(
        "Kod", validators=[Length(max=3, message=MESSAGE), Regexp("^[a-z]*$", message=MESSAGE)]
    )

    def validate_code(self, field):
        if " " in (field.data or ""):
            raise ValidationError(MESSAGE)


def test_a_message_is_given_once_however_many_rules_give_it(app):
    with app.test_request_context("/", method="POST", data={"code": "12 45"}):
        form = TwoRulesOneMessage()
        assert not form.validate()
        assert form.code.errors == [MESSAGE]
        assert form.errors == {"code": [MESSAGE]}
        html = render_template_string(
            '{% from "_macros/forms.html" import field, error_summary %}'
            "{{ error_summary(form) }}{{ field(form.code) }}",
            form=form,
        )
    assert html.count(MESSAGE) == 2  # the summary and the field, once each


def test_different_messages_are_all_kept_in_order(app):
    class Form(TwoRulesOneMessage):
        def validate_code(self, field):
            raise ValidationError("Ett annat fel.")

    with app.test_request_context("/", method="POST", data={"code": "12 45"}):
        form = Form()
        assert not form.validate()
        assert form.code.errors == [MESSAGE, "Ett annat fel."]
