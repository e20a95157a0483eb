"""Extra menu links: URLs with the signed-in person's values as placeholders."""

import re
from urllib.parse import quote

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
PLACEHOLDERS = {
    "client": ("client_id", "external_ref", "agency"),
    "intervenant": ("intervenant_id", "external_ref", "agency"),
}


def validate_link_url(url: str, kind: str) -> None:
    allowed = PLACEHOLDERS[kind]
    unknown = sorted({name for name in PLACEHOLDER.findall(url) if name not in allowed})
    if unknown:
        raise ValidationError(
            _("Paramètres inconnus : %(unknown)s. Paramètres possibles : %(allowed)s.")
            % {
                "unknown": ", ".join(f"{{{name}}}" for name in unknown),
                "allowed": ", ".join(f"{{{name}}}" for name in allowed),
            }
        )
    sample = PLACEHOLDER.sub("1", url)
    if "{" in sample or "}" in sample:
        raise ValidationError(_("Accolade non fermée dans l'adresse."))
    URLValidator(
        schemes=["http", "https"],
        message=_(
            "Saisissez une adresse web complète commençant par http:// ou https://."
        ),
    )(sample)


def person_values(person, agency) -> dict[str, str]:
    return {
        f"{person.portal_kind}_id": str(person.pk),
        "external_ref": person.external_ref,
        "agency": agency.slug,
    }


def fill_link_url(url: str, values: dict[str, str]) -> str:
    return PLACEHOLDER.sub(
        lambda match: quote(values.get(match.group(1), ""), safe=""), url
    )
