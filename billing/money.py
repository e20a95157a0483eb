"""Amounts as staff and clients read and type them: euros with a decimal comma
(`125,50 €`), while records keep integer cents (`amount_cents`) and the API
speaks cents."""

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext_lazy as _

CURRENCY_SYMBOLS = {"EUR": "€"}
NBSP = "\xa0"
# Any kind of space typed or pasted between thousands: space, no-break space,
# narrow no-break space, thin space.
SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+,\d{1,2}$")  # 1.250,50
AMOUNT = re.compile(r"^(?P<units>\d+)(?:[.,](?P<decimals>\d*))?$")
MAX_UNITS_DIGITS = 12  # a thousand billion euros: beyond, a typing mistake

INVALID = _("Saisissez un montant en euros, par exemple 125,50.")
NEGATIVE = _("Le montant ne peut pas être négatif.")
TOO_PRECISE = _("Un montant a au plus deux décimales (les centimes).")
TOO_LARGE = _("Ce montant est trop élevé.")


def format_amount(cents: int | None, currency: str = "EUR") -> str:
    """`1 250,50 €` in French (no-break spaces), in the active language's format;
    empty for no amount."""
    if cents is None:
        return ""
    number = formats.number_format(
        Decimal(cents) / 100, 2, use_l10n=True, force_grouping=True
    )
    return f"{number}{NBSP}{CURRENCY_SYMBOLS.get(currency, currency)}"


def parse_euros(text: str) -> int:
    """The cents of an amount typed in euros: `125,50 €`, `125.50`, `125`,
    `1 250,50`; a ValidationError in French for anything else."""
    value = SPACES.sub("", str(text)).removesuffix("€")
    if value.upper().endswith("EUR"):
        value = value[:-3]
    if value.startswith("-") and AMOUNT.match(value[1:]):
        raise ValidationError(NEGATIVE, code="negative")
    if GROUPED.match(value):
        value = value.replace(".", "")
    match = AMOUNT.match(value)
    if match is None:
        raise ValidationError(INVALID, code="invalid")
    units, decimals = match["units"], match["decimals"] or ""
    if len(decimals) > 2:
        raise ValidationError(TOO_PRECISE, code="too_precise")
    if len(units.lstrip("0")) > MAX_UNITS_DIGITS:
        raise ValidationError(TOO_LARGE, code="too_large")
    return int(units) * 100 + int(decimals.ljust(2, "0"))


class EuroInput(forms.TextInput):
    """A text box for euros: the phone's numeric keypad with the decimal sign."""

    def __init__(self, attrs=None):
        super().__init__(
            {"inputmode": "decimal", "autocomplete": "off", **(attrs or {})}
        )


class EuroField(forms.Field):
    """A form field in euros for a model field in cents: shows `125,50`, takes
    `125,50 €`, `125.50` or `125`, and cleans to 12550."""

    widget = EuroInput
    default_error_messages = {"invalid": INVALID}

    def to_python(self, value):
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, int):
            return value
        return parse_euros(value)

    def prepare_value(self, value):
        if isinstance(value, int) and not isinstance(value, bool):
            return formats.number_format(
                Decimal(value) / 100, 2, use_l10n=True, force_grouping=True
            )
        return value

    def has_changed(self, initial, data):
        try:
            return self.to_python(data) != initial
        except ValidationError:
            return True
