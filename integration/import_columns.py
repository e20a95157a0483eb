"""What the imports read: each kind's columns (their French names and the agency
API's field names), the form a row goes through, and the service its rows run
through, the one the API's bulk endpoint of that kind runs."""

import unicodedata
from dataclasses import dataclass, replace
from functools import partial

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from access.models import Client, Intervenant
from planning.display import format_span
from planning.models import Absence, Availability, Intervention, PlanningItem

from .bulk import bulk_upsert
from .people import person_upsert
from .planning import intervention_bulk_upsert
from .presence import PRESENCE, presence_upsert

# Dates as spreadsheets write them in France, after ISO 8601 (which Django's
# DateTimeField reads first).
DATETIME_FORMATS = [
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %Hh%M",
    "%d/%m/%y %H:%M",
    "%d-%m-%Y %H:%M",
    "%Y-%m-%d %H:%M",
]


@dataclass(frozen=True)
class Column:
    field: str
    label: str
    aliases: tuple[str, ...] = ()
    required: bool = False


def normal(header) -> str:
    """« E-mail », « email », « EMAIL », « e_mail »... compare alike: no accents,
    no case, dashes and underscores as spaces."""
    text = unicodedata.normalize("NFKD", str(header or ""))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    for mark in "-_.'’":
        text = text.replace(mark, " ")
    return " ".join(text.split())


def status_value(text: str, choices):
    """The status a cell names, by its value (`planned`) or its French name
    (« Prévue »); None for an empty cell, which leaves the status as it is."""
    key = normal(text)
    if not key:
        return None
    for value, label in choices:
        if key in (normal(value), normal(label)):
            return value
    raise ValidationError(
        _("« %(value)s » n'est pas un statut : %(choices)s.")
        % {"value": text, "choices": ", ".join(str(label) for _v, label in choices)}
    )


REF = Column(
    "external_ref",
    gettext_lazy("Référence"),
    ("référence", "réf", "ref", "référence externe", "reference externe"),
    required=True,
)
PERSON_COLUMNS = (
    REF,
    Column("first_name", gettext_lazy("Prénom"), ("prénom",), required=True),
    Column("last_name", gettext_lazy("Nom"), ("nom", "nom de famille"), required=True),
    Column("email", gettext_lazy("E-mail"), ("e-mail", "courriel", "adresse e-mail")),
    Column("phone", gettext_lazy("Téléphone"), ("téléphone", "tél", "tel")),
    Column("address", gettext_lazy("Adresse"), ("adresse",)),
    Column("postal_code", gettext_lazy("Code postal"), ("code postal", "cp")),
    Column("city", gettext_lazy("Ville"), ("ville", "commune")),
)
CLIENT = Column(
    "client", gettext_lazy("Client"), ("client", "référence client", "client ref")
)
INTERVENANT = Column(
    "intervenant",
    gettext_lazy("Intervenant"),
    ("intervenant", "référence intervenant", "intervenant ref"),
)
SPAN = (
    Column("start", gettext_lazy("Début"), ("début",), required=True),
    Column("end", gettext_lazy("Fin"), ("fin",), required=True),
)
INTERVENTION_COLUMNS = (
    REF,
    replace(CLIENT, required=True),
    INTERVENANT,
    *SPAN,
    Column("status", gettext_lazy("Statut"), ("statut",)),
    Column("service", gettext_lazy("Prestation"), ("prestation",)),
)
AVAILABILITY_COLUMNS = (REF, replace(INTERVENANT, required=True), *SPAN)
ABSENCE_COLUMNS = (
    REF,
    CLIENT,
    INTERVENANT,
    *SPAN,
    Column("reason", gettext_lazy("Motif"), ("motif", "raison")),
)


class PersonRow(forms.Form):
    external_ref = forms.CharField()
    first_name = forms.CharField()
    last_name = forms.CharField()
    email = forms.EmailField(required=False)
    phone = forms.CharField(required=False)
    address = forms.CharField(required=False)
    postal_code = forms.CharField(required=False)
    city = forms.CharField(required=False)


class SpanRow(forms.Form):
    """A row of the planning: its reference and its time."""

    external_ref = forms.CharField()
    start = forms.DateTimeField(input_formats=DATETIME_FORMATS)
    end = forms.DateTimeField(input_formats=DATETIME_FORMATS)


def no_one(field):
    """An empty cell of a person's column names no one."""
    return lambda form: form.cleaned_data[field] or None


class InterventionRow(SpanRow):
    client = forms.CharField()
    intervenant = forms.CharField(required=False)
    status = forms.CharField(required=False)
    service = forms.CharField(required=False)

    clean_intervenant = no_one("intervenant")  # not yet staffed

    def clean_status(self):
        # Empty: a new visit is planned.
        return status_value(self.cleaned_data["status"], Intervention.Status.choices)


class AvailabilityRow(SpanRow):
    intervenant = forms.CharField()


class AbsenceRow(SpanRow):
    # One of the two, as the model's clean() says.
    client = forms.CharField(required=False)
    intervenant = forms.CharField(required=False)
    reason = forms.CharField(required=False)

    clean_client = no_one("client")
    clean_intervenant = no_one("intervenant")


@dataclass(frozen=True)
class Kind:
    """What one import writes: its model (for the staff's permissions), columns,
    row form and upsert."""

    name: str
    model: type
    columns: tuple[Column, ...]
    form: type[forms.Form]
    key: str = "external_ref"  # the field naming the row (billing: `number`)

    def values(self, form, data: dict) -> dict:
        """The row's values for the upsert: only the file's columns, so that a
        column left out of the file leaves that field as it is."""
        values = {n: v for n, v in form.cleaned_data.items() if n in data}
        values.pop(self.key)
        if values.get("status", "") is None:
            values.pop("status")
        return values

    def describe(self, item, agency) -> str:
        if not isinstance(item, PlanningItem):
            return str(item)
        span = format_span(item.start, item.end, agency)
        if isinstance(item, Intervention):
            who = f" — {item.intervenant}" if item.intervenant_id else ""
            return f"{item.client}, {span}{who}"
        person = item.intervenant if item.intervenant_id else item.client
        return f"{person}, {span}"

    def bulk(self, *, agency, rows, atomic: bool, files=None) -> list[dict]:
        """The rows through what the API's bulk endpoint of this kind runs."""
        if self.model is Intervention:
            return intervention_bulk_upsert(agency=agency, rows=rows, atomic=atomic)
        if self.name in PRESENCE:
            upsert = partial(presence_upsert, agency=agency, kind=self.name)
        else:
            upsert = partial(person_upsert, agency=agency, resource=self.name)
        return bulk_upsert(
            rows=rows,
            upsert=lambda ref, values: upsert(external_ref=ref, values=values),
            atomic=atomic,
        )

    def label(self, name: str) -> str:
        for column in self.columns:
            if column.field == name:
                return str(column.label)
        return name


KINDS = {
    "clients": Kind("clients", Client, PERSON_COLUMNS, PersonRow),
    "intervenants": Kind("intervenants", Intervenant, PERSON_COLUMNS, PersonRow),
    "interventions": Kind(
        "interventions", Intervention, INTERVENTION_COLUMNS, InterventionRow
    ),
    "availabilities": Kind(
        "availabilities", Availability, AVAILABILITY_COLUMNS, AvailabilityRow
    ),
    "absences": Kind("absences", Absence, ABSENCE_COLUMNS, AbsenceRow),
}
