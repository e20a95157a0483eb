"""`{% listing_table %}`: the `<table class="listing">` of the admin screens,
so that each screen writes only its headings and its rows.

    {% load i18n admin_listing %}
    {% listing_table _("Nom") _("Agence") rows=keys empty=_("Aucune clé.") %}
      {% for key in keys %}<tr>…</tr>{% endfor %}
    {% endlisting_table %}

Headings are column headers (`scope="col"`); an empty heading leaves the
corner above a column of row headers blank. `actions=True` adds a last
column for buttons, named for screen readers only. With `rows`, an empty
list shows the `empty` sentence instead of the table; without it the table
is always shown. The caption names the table for screen readers (and the
browser tests); `caption_class` makes it visible.
"""

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html

register = template.Library()


@register.simple_block_tag
def listing_table(
    content,
    *headings,
    rows=None,
    empty="",
    caption="",
    caption_class="w-sr-only",
    classname="",
    actions=False,
):
    if rows is not None and not rows:
        return format_html("<p>{}</p>", empty) if empty else ""
    return render_to_string(
        "access/admin/listing_table.html",
        {
            "body": content,
            "headings": headings,
            "caption": caption,
            "caption_class": caption_class,
            "classname": classname,
            "actions": actions,
        },
    )
