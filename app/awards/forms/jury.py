"""The juror's forms: the declaration of jäv before seeing a candidate, then a score per criterion."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, RadioField, SelectField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from app.awards.labels import ground_labels
from app.awards.models import ConflictGround
from app.core.forms import BaseForm


class DeclarationForm(BaseForm):
    has_conflict = RadioField(
        _l("Har du jäv mot kandidaten?"),
        choices=[("no", _l("Nej, jag har inget jäv")), ("yes", _l("Ja, jag anmäler jäv"))],
        validators=[InputRequired(_l("Svara ja eller nej."))],
    )
    ground = SelectField(_l("Jävsgrund"), validate_choice=False)
    note = TextAreaField(_l("Beskrivning"), validators=[Optional(), Length(max=2000)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.ground.choices = [("", _l("Välj grund om du anmäler jäv"))] + [
            (str(k), v) for k, v in ground_labels().items()
        ]

    def validate_ground(self, field):
        if self.has_conflict.data == "yes" and field.data not in {str(g) for g in ConflictGround}:
            raise ValidationError(_l("Välj vilken jävsgrund som gäller."))


def scale_text(criterion):
    """What the ends of the scale mean. Criteria have no anchors of their own, so the scale
    means the same for every criterion: how far the candidate meets it."""
    return _l(
        "%(low)s = uppfyller inte kriteriet, %(high)s = uppfyller kriteriet helt.",
        low=criterion.scale_min,
        high=criterion.scale_max,
    )


def score_form(criteria, data=None):
    """A value and a comment per criterion; the hint says what the scale's ends mean."""

    class ScoreForm(BaseForm):
        pass

    for c in criteria:
        message = _l(
            "Ge ett heltal mellan %(low)s och %(high)s.", low=c.scale_min, high=c.scale_max
        )
        hint = f"{c.description} {scale_text(c)}" if c.description else scale_text(c)
        setattr(
            ScoreForm,
            f"score_{c.id}",
            IntegerField(
                c.name,
                description=hint,
                validators=[InputRequired(message), NumberRange(c.scale_min, c.scale_max, message)],
            ),
        )
        setattr(
            ScoreForm,
            f"comment_{c.id}",
            TextAreaField(_l("Kommentar"), validators=[Optional(), Length(max=2000)]),
        )
    return ScoreForm(data=data)
