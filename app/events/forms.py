"""Forms for the organiser pages; field validators, cross-field rules in validate_*."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    SelectField,
)
from wtforms.validators import InputRequired, Optional, ValidationError

from app.core.fields import (
    ChoiceField,
    MultiCheckboxField,
    SwedishDateField,
    SwedishIntegerField,
    SwedishTimeField,
    between,
    text,
    to_int,
)
from app.core.forms import BaseForm
from app.core.swedish import STOCKHOLM
from app.events import recurrence
from app.events.labels import KIND_LABELS, NEED_LABELS, ROLE_LABELS, SUPPORT_LABELS
from app.events.models import EventKind, PartnerRole, SupportKind
from app.events.services import EventValues, OutcomeValues

REPEAT_CHOICES = [
    ("none", _l("Ingen upprepning")),
    ("weekly", _l("Varje vecka")),
    ("weeks", _l("Var N:e vecka")),
    ("monthly", _l("Varje månad")),
    ("advanced", _l("Egen regel (RRULE)")),
]
MAX_TEXT = 5000


def need_labels(values: list[str]) -> list[str]:
    """The Swedish labels of stored need values, in the list's order."""
    return [str(label) for need, label in NEED_LABELS.items() if need.value in set(values)]


MAX_NUMBER = 100_000


def combine(day: date | None, clock: time | None) -> datetime | None:
    """A local date and time as an aware UTC datetime."""
    if day is None or clock is None:
        return None
    return recurrence.localise(datetime.combine(day, clock))


class PartnerForm(Form):
    """One partner row: an organisation and its role (an empty row is ignored)."""

    organisation = ChoiceField(_l("Organisation"), message=_l("Välj en organisation i listan."))
    role = SelectField(
        _l("Roll"),
        choices=[(r.value, label) for r, label in ROLE_LABELS.items()],
        validate_choice=False,
    )

    def validate_role(self, field):
        if self.organisation.data and field.data not in {r.value for r in PartnerRole}:
            raise ValidationError(_l("Välj en roll i listan."))


class EventForm(BaseForm):
    """Every field of an event; times are local Stockholm wall-clock time."""

    unit = ChoiceField(_l("Enhet"), message=_l("Välj en enhet i listan."))
    title = text(_l("Titel"), 200, required=True)
    kind = SelectField(_l("Typ"), choices=[(k.value, v) for k, v in KIND_LABELS.items()])
    theme = text(_l("Tema"), 200, description=_l("Till exempel Kompetensförsörjning."))
    description = text(_l("Beskrivning"), MAX_TEXT)
    all_day = BooleanField(_l("Heldag (utan klockslag)"))
    start_date = SwedishDateField(
        _l("Startdatum"), validators=[InputRequired(_l("Fyll i ett startdatum."))]
    )
    start_time = SwedishTimeField(_l("Starttid"), validators=[Optional()])
    end_date = SwedishDateField(
        _l("Slutdatum"),
        validators=[Optional()],
        description=_l("Lämna tomt om evenemanget slutar samma dag."),
    )
    end_time = SwedishTimeField(_l("Sluttid"), validators=[Optional()])
    venue = ChoiceField(_l("Plats"), message=_l("Platsen finns inte. Välj en plats i listan."))
    organiser = ChoiceField(
        _l("Arrangerande organisation"), message=_l("Välj en organisation i listan.")
    )
    partners = FieldList(FormField(PartnerForm), min_entries=0, max_entries=30)
    support_kind = SelectField(
        _l("Stadsdelsnämndens stöd"),
        choices=[("", _l("Inget stöd"))] + [(k.value, v) for k, v in SUPPORT_LABELS.items()],
    )
    support_note = text(_l("Om stödet"), 1000)
    focus_areas = MultiCheckboxField(_l("Fokusområden"), coerce=to_int)
    questions = MultiCheckboxField(_l("Rapportfrågor som evenemanget besvarar"), coerce=to_int)
    repeat = SelectField(_l("Upprepning"), choices=REPEAT_CHOICES, default="none")
    interval = SwedishIntegerField(
        _l("Antal veckor mellan tillfällena"),
        validators=[Optional(), between(1, 52, _l("Ange ett tal mellan 1 och 52."))],
    )
    repeat_until = SwedishDateField(_l("Upprepa till och med"), validators=[Optional()])
    repeat_count = SwedishIntegerField(
        _l("Eller antal tillfällen"),
        validators=[
            Optional(),
            between(1, recurrence.MAX_OCCURRENCES, _l("Ange ett tal mellan 1 och 1000.")),
        ],
    )
    rrule = text(
        _l("Egen upprepningsregel (RRULE)"),
        400,
        description=_l("Till exempel FREQ=WEEKLY;BYDAY=TU;UNTIL=20220830."),
    )
    registration_enabled = BooleanField(_l("Ta emot anmälningar"))
    capacity = SwedishIntegerField(
        _l("Antal platser per tillfälle"),
        validators=[
            Optional(),
            between(1, MAX_NUMBER, _l("Ange ett tal mellan 1 och 100000.")),
        ],
        description=_l("Lämna tomt för obegränsat."),
    )
    waiting_list = BooleanField(_l("Väntelista när det är fullt"), default=True)
    closes_date = SwedishDateField(_l("Anmälan stänger, datum"), validators=[Optional()])
    closes_time = SwedishTimeField(_l("Anmälan stänger, klockslag"), validators=[Optional()])

    def validate_kind(self, field):
        if field.data not in {k.value for k in EventKind}:
            raise ValidationError(_l("Välj en typ i listan."))

    def validate_support_kind(self, field):
        if field.data and field.data not in {k.value for k in SupportKind}:
            raise ValidationError(_l("Välj ett alternativ i listan."))

    def validate_start_time(self, field):
        if not self.all_day.data and field.data is None and not field.errors:
            raise ValidationError(_l("Fyll i en starttid."))

    def validate_end_time(self, field):
        if self.all_day.data or field.errors:
            return
        if field.data is None:
            raise ValidationError(_l("Fyll i en sluttid."))
        span = self.span()
        if span and span[1] <= span[0]:
            raise ValidationError(_l("Slutet måste komma efter starten."))

    def validate_end_date(self, field):
        if field.data and self.start_date.data and field.data < self.start_date.data:
            raise ValidationError(_l("Slutdatumet kan inte ligga före startdatumet."))

    def validate_repeat(self, field):
        if field.data not in {value for value, _label in REPEAT_CHOICES}:
            raise ValidationError(_l("Välj ett alternativ i listan."))
        if field.data in ("weekly", "weeks", "monthly"):
            if not self.repeat_until.data and not self.repeat_count.data:
                raise ValidationError(
                    _l("En serie måste sluta: ange ett slutdatum eller ett antal tillfällen.")
                )
            if self.repeat_until.data and self.repeat_count.data:
                raise ValidationError(_l("Ange antingen slutdatum eller antal, inte båda."))

    def validate_rrule(self, field):
        rule = self.rule()
        if rule is None or self.start_date.data is None:
            if self.repeat.data == "advanced" and not field.data:
                raise ValidationError(_l("Skriv en upprepningsregel."))
            return
        start = self.span()
        try:
            recurrence.expand(rule, start[0] if start else combine(self.start_date.data, time()))
        except recurrence.RecurrenceError as error:
            if self.repeat.data == "advanced":
                raise ValidationError(str(error)) from None
            self.repeat.errors.append(str(error))

    def span(self) -> tuple[datetime, datetime] | None:
        """The first date's UTC start and end, or None while the fields are incomplete."""
        first, last = self.start_date.data, self.end_date.data or self.start_date.data
        if first is None:
            return None
        if self.all_day.data:
            return recurrence.local_day_bounds(first)[0], recurrence.local_day_bounds(last)[1]
        start, end = combine(first, self.start_time.data), combine(last, self.end_time.data)
        return (start, end) if start and end else None

    def rule(self) -> str | None:
        """The RRULE the builder or the advanced field describes, or None for a one-off."""
        choice = self.repeat.data
        if choice == "advanced":
            return (self.rrule.data or "").strip() or None
        if choice not in ("weekly", "weeks", "monthly"):
            return None
        parts = ["FREQ=MONTHLY" if choice == "monthly" else "FREQ=WEEKLY"]
        if choice == "weeks":
            parts.append(f"INTERVAL={self.interval.data or 2}")
        if self.repeat_until.data:
            parts.append(f"UNTIL={self.repeat_until.data:%Y%m%d}")
        elif self.repeat_count.data:
            parts.append(f"COUNT={self.repeat_count.data}")
        return ";".join(parts)


class FilterForm(BaseForm):
    """The organiser list's filters, read from the query string."""

    class Meta:
        csrf = False

    status = SelectField(_l("Status"), validate_choice=False)
    kind = SelectField(_l("Typ"), validate_choice=False)
    venue = SelectField(_l("Plats"), coerce=to_int, validate_choice=False)
    date_from = SwedishDateField(_l("Från och med"), validators=[Optional()])
    date_to = SwedishDateField(_l("Till och med"), validators=[Optional()])
    needs_outcome = BooleanField(_l("Genomförda utan registrerat utfall"))


class DateForm(BaseForm):
    """Picks one date of a series by its original start (a UTC ISO value)."""

    date = SelectField(_l("Datum"), validate_choice=False)

    def chosen(self) -> datetime | None:
        """The chosen original start as an aware datetime, or None if unreadable."""
        try:
            value = datetime.fromisoformat(self.date.data or "")
        except (TypeError, ValueError):
            return None
        return value if value.tzinfo else None

    def validate_date(self, field):
        if self.chosen() is None or field.data not in {v for v, _label in field.choices or ()}:
            raise ValidationError(_l("Datumet ingår inte i serien."))


class MoveDateForm(DateForm):
    new_date = SwedishDateField(
        _l("Nytt datum"), validators=[InputRequired(_l("Fyll i ett datum."))]
    )
    start_time = SwedishTimeField(
        _l("Ny starttid"), validators=[InputRequired(_l("Fyll i en starttid."))]
    )
    end_time = SwedishTimeField(
        _l("Ny sluttid"), validators=[InputRequired(_l("Fyll i en sluttid."))]
    )
    venue = ChoiceField(_l("Plats"), message=_l("Platsen finns inte. Välj en plats i listan."))
    reason = text(_l("Anledning (visas för alla)"), 1000, required=True)

    def validate_end_time(self, field):
        start = combine(self.new_date.data, self.start_time.data)
        end = combine(self.new_date.data, field.data)
        if start and end and end <= start:
            raise ValidationError(_l("Slutet måste komma efter starten."))


class CancelDateForm(DateForm):
    reason = text(_l("Anledning (visas för alla)"), 1000, required=True)


class CancelEventForm(BaseForm):
    reason = text(_l("Anledning (visas för alla)"), 1000, required=True)


class EndSeriesForm(BaseForm):
    last_day = SwedishDateField(
        _l("Sista dag i serien"), validators=[InputRequired(_l("Fyll i ett datum."))]
    )


class OutcomeForm(DateForm):
    attendance = SwedishIntegerField(
        _l("Antal deltagare"),
        validators=[
            Optional(),
            between(0, MAX_NUMBER, _l("Ange ett tal mellan 0 och 100000.")),
        ],
    )
    companies = SwedishIntegerField(
        _l("Antal företag"),
        validators=[
            Optional(),
            between(0, MAX_NUMBER, _l("Ange ett tal mellan 0 och 100000.")),
        ],
    )
    summary = text(_l("Sammanfattning"), MAX_TEXT)
    needs = MultiCheckboxField(
        _l("Behov som företagen tog upp"),
        choices=[(n.value, label) for n, label in NEED_LABELS.items()],
    )
    needs_note = text(_l("Behoven med egna ord"), MAX_TEXT)
    follow_ups = text(_l("Uppföljning"), MAX_TEXT)
    follow_up_unit = text(
        _l("Ansvarig enhet i staden för uppföljningen"),
        200,
        description=_l("Till exempel Trafikkontoret."),
    )
    partners = MultiCheckboxField(_l("Partner som deltog"), coerce=to_int)


def event_data(event) -> dict:
    """The event form's initial values for an existing event."""
    local_start = event.starts_at.astimezone(STOCKHOLM)
    local_end = event.ends_at.astimezone(STOCKHOLM)
    if event.all_day:
        local_end = (event.ends_at - timedelta(seconds=1)).astimezone(STOCKHOLM)
    closes = event.registration_closes_at
    closes = closes.astimezone(STOCKHOLM) if closes else None
    data = {
        name: getattr(event, name)
        for name in (
            "title",
            "theme",
            "description",
            "all_day",
            "support_note",
            "registration_enabled",
            "capacity",
            "waiting_list",
        )
    }
    data.update(
        kind=event.kind.value,
        start_date=local_start.date(),
        start_time=None if event.all_day else local_start.time(),
        end_date=local_end.date() if local_end.date() != local_start.date() else None,
        end_time=None if event.all_day else local_end.time(),
        venue=event.venue_id or 0,
        organiser=event.organiser_id or 0,
        support_kind=event.support_kind.value if event.support_kind else "",
        focus_areas=[a.id for a in event.focus_areas],
        questions=[q.id for q in event.questions],
        partners=[
            {"organisation": p.organisation_id, "role": p.role.value} for p in event.partners
        ],
        closes_date=closes.date() if closes else None,
        closes_time=closes.time() if closes else None,
    )
    data.update(_repeat_data(event.rrule))
    return data


def _repeat_data(rule: str | None) -> dict:
    """Show a simple rule in the builder and anything else as advanced text."""
    if not rule:
        return {"repeat": "none"}
    try:
        parts = recurrence.parse_rule(rule)
    except recurrence.RecurrenceError:
        return {"repeat": "advanced", "rrule": rule}
    simple = (
        set(parts) <= {"FREQ", "INTERVAL", "UNTIL", "COUNT"}
        and len(parts.get("UNTIL", "12345678")) == 8
    )
    if not simple or parts["FREQ"] not in ("WEEKLY", "MONTHLY"):
        return {"repeat": "advanced", "rrule": rule}
    interval = int(parts.get("INTERVAL", 1))
    repeat = "monthly" if parts["FREQ"] == "MONTHLY" else ("weeks" if interval > 1 else "weekly")
    if repeat == "monthly" and interval > 1:
        return {"repeat": "advanced", "rrule": rule}
    until = datetime.strptime(parts["UNTIL"], "%Y%m%d").date() if "UNTIL" in parts else None
    count = int(parts["COUNT"]) if "COUNT" in parts else None
    return {"repeat": repeat, "interval": interval, "repeat_until": until, "repeat_count": count}


def event_values(form: EventForm) -> EventValues:
    """The validated form as the service's values."""
    start, end = form.span()
    closes = combine(form.closes_date.data, form.closes_time.data or time(23, 59))
    return EventValues(
        title=form.title.data.strip(),
        kind=EventKind(form.kind.data),
        starts_at=start,
        ends_at=end,
        description=form.description.data or "",
        theme=(form.theme.data or "").strip(),
        all_day=form.all_day.data,
        rrule=recurrence.normalise_rule(form.rule()) if form.rule() else None,
        venue_id=form.venue.data or None,
        organiser_id=form.organiser.data or None,
        support_kind=SupportKind(form.support_kind.data) if form.support_kind.data else None,
        support_note=form.support_note.data or "",
        partners=[
            (row.organisation.data, PartnerRole(row.role.data))
            for row in form.partners
            if row.organisation.data
        ],
        focus_area_ids=list(form.focus_areas.data or ()),
        question_ids=list(form.questions.data or ()),
        registration_enabled=form.registration_enabled.data,
        capacity=form.capacity.data,
        waiting_list=form.waiting_list.data,
        registration_closes_at=closes,
    )


def outcome_values(form: OutcomeForm) -> OutcomeValues:
    """The validated outcome form as the service's values."""
    return OutcomeValues(
        attendance=form.attendance.data,
        companies=form.companies.data,
        summary=form.summary.data or "",
        needs=list(form.needs.data or ()),
        needs_note=form.needs_note.data or "",
        follow_ups=form.follow_ups.data or "",
        follow_up_unit=(form.follow_up_unit.data or "").strip(),
        partner_ids=list(form.partners.data or ()),
    )
