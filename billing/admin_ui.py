"""How the billing admin speaks: each model's own French wording, naming a record
by its number and terms by their version (access.admin_wording), and list columns
in euros."""

from functools import partial

from wagtail.admin.ui.tables import Column

from access.admin_wording import Wording

from .money import format_amount


def short_name(instance) -> str:
    for attribute in ("number", "version"):
        if getattr(instance, attribute, None):
            return getattr(instance, attribute)
    return str(instance)


# A billing model's sentences: `%(object)s` is the row's short name.
BillingWording = partial(Wording, describe=short_name)


def amount_column(name, label):
    """`125,50 €` from a field in cents, sortable."""
    return Column(
        name,
        label=label,
        accessor=lambda row: format_amount(getattr(row, name), row.currency),
        sort_key=name,
    )
