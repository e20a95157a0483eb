"""Template filters for natural French: `{{ agency.name|of_name }}` gives
"d'Agence Démo"."""

from django import template

from ..formatting import of_name as of_name_text

register = template.Library()


@register.filter
def of_name(name) -> str:
    return of_name_text(str(name))
