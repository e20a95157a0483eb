"""What a portal page's content may point to: its own agency's images, documents and
pages only (issue 11, item 3).

Ids are sequential, so a hand-made form could put another agency's image into a
home page, and the API would then show it to this portal's users. Saving refuses
such a reference (PortalPage.clean), and rendering leaves out any that got in
anyway, or whose target moved to another agency since (`owned_body`)."""

import json
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.blocks import RichTextBlock, StreamBlockValidationError
from wagtail.blocks.field_block import ChooserBlock
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page
from wagtail.rich_text.rewriters import FIND_A_TAG, FIND_EMBED_TAG, extract_attrs

# (in a chooser, inside a paragraph), per kind of target.
MESSAGES = {
    "image": (
        _("Cette image n'appartient pas à votre agence : choisissez-en une autre."),
        _("Ce paragraphe contient une image d'une autre agence : retirez-la."),
    ),
    "document": (
        _("Ce document n'appartient pas à votre agence : choisissez-en un autre."),
        _(
            "Ce paragraphe contient un lien vers un document d'une autre agence : "
            "retirez-le."
        ),
    ),
    "page": (
        _("Cette page n'appartient pas à votre agence : choisissez-en une autre."),
        _(
            "Ce paragraphe contient un lien vers une page d'une autre agence : "
            "retirez-le."
        ),
    ),
}


def kind_of(model) -> str | None:
    if issubclass(model, get_image_model()):
        return "image"
    if issubclass(model, get_document_model()):
        return "document"
    if issubclass(model, Page):
        return "page"
    return None


def agency_rows(kind: str, agency):
    """The agency's images and documents (its collection and those under it) or
    pages (its folder and those under it)."""
    if kind == "page":
        return Page.objects.descendant_of(agency.folder_page, inclusive=True)
    model = get_image_model() if kind == "image" else get_document_model()
    collections = Collection.objects.descendant_of(agency.collection, inclusive=True)
    return model.objects.filter(collection__in=collections)


def _owned_ids(kind: str, ids, agency) -> set[str]:
    numbers = {int(i) for i in ids if str(i).isdigit()}
    rows = agency_rows(kind, agency).filter(pk__in=numbers)
    return {str(pk) for pk in rows.values_list("pk", flat=True)}


def _existing_ids(kind: str, ids) -> set[str]:
    model = {"image": get_image_model(), "document": get_document_model()}.get(
        kind, Page
    )
    numbers = {int(i) for i in ids if str(i).isdigit()}
    return {
        str(pk)
        for pk in model.objects.filter(pk__in=numbers).values_list("pk", flat=True)
    }


def foreign_reference_errors(page, agency) -> dict[str, ValidationError]:
    """Per field of the page, the error naming each reference to another agency's
    image, document or page (a target that no longer exists is left to rendering,
    which skips it)."""
    errors = {}
    for field in page._meta.get_fields():
        if not hasattr(field, "extract_references"):
            continue
        value = getattr(page, field.name)
        found = defaultdict(list)  # kind -> [(id, model path, content path)]
        for model, pk, model_path, content_path in field.extract_references(value):
            kind = kind_of(model)
            if kind:
                found[kind].append((str(pk), model_path, content_path))
        foreign = []
        for kind, references in found.items():
            ids = {pk for pk, _model_path, _content_path in references}
            others = _existing_ids(kind, ids) - _owned_ids(kind, ids, agency)
            foreign += [
                (kind, model_path, content_path)
                for pk, model_path, content_path in references
                if pk in others
            ]
        if foreign:
            errors[field.name] = _field_error(value, foreign)
    return errors


def _field_error(value, foreign) -> ValidationError:
    """A StreamField's error sits on each block at fault; a rich text field's on
    the field."""
    if not hasattr(value, "raw_data"):  # a RichTextField
        return ValidationError([MESSAGES[kind][1] for kind, _m, _c in foreign])
    index_of = {child.id: index for index, child in enumerate(value) if child.id}
    block_errors, others = {}, []
    for kind, model_path, content_path in foreign:
        block = value.stream_block.child_blocks.get(model_path.split(".")[0])
        message = MESSAGES[kind][1 if isinstance(block, RichTextBlock) else 0]
        index = index_of.get((content_path or "").split(".")[0])
        if index is None:  # blocks set in code have no id yet
            others.append(message)
        else:
            block_errors.setdefault(index, ValidationError(message))
    return StreamBlockValidationError(
        block_errors=block_errors, non_block_errors=others
    )


def owned_body(stream_block, raw, agency) -> list:
    """The raw content of a StreamField (a list, or its JSON), without the chooser
    blocks and rich text references that point outside the agency."""
    blocks = json.loads(raw) if isinstance(raw, str) else list(raw)
    choosers, inline = defaultdict(set), defaultdict(set)
    for child in blocks:
        block = stream_block.child_blocks.get(child.get("type"))
        if isinstance(block, ChooserBlock) and kind_of(block.model_class):
            choosers[kind_of(block.model_class)].add(str(child.get("value")))
        elif isinstance(block, RichTextBlock):
            for kind, pk in _rich_text_references(child.get("value") or ""):
                inline[kind].add(pk)
    owned = {
        kind: _owned_ids(kind, choosers[kind] | inline[kind], agency)
        for kind in set(choosers) | set(inline)
    }
    kept = []
    for child in blocks:
        block = stream_block.child_blocks.get(child.get("type"))
        if isinstance(block, ChooserBlock) and kind_of(block.model_class):
            if str(child.get("value")) not in owned[kind_of(block.model_class)]:
                continue
        elif isinstance(block, RichTextBlock):
            child = {**child, "value": _strip(child.get("value") or "", owned)}
        kept.append(child)
    return kept


def _rich_text_references(html: str):
    for match in FIND_EMBED_TAG.finditer(html):
        attrs = extract_attrs(match.group(1))
        if attrs.get("embedtype") == "image":
            yield "image", attrs.get("id", "")
    for match in FIND_A_TAG.finditer(html):
        attrs = extract_attrs(match.group(1))
        if attrs.get("linktype") in ("document", "page"):
            yield attrs["linktype"], attrs.get("id", "")


def _strip(html: str, owned: dict[str, set[str]]) -> str:
    """Foreign images removed, links to foreign documents and pages kept as plain
    text (an <a> without address, as Wagtail renders a link whose target is gone)."""

    def embed(match):
        attrs = extract_attrs(match.group(1))
        if attrs.get("embedtype") == "image" and attrs.get("id") not in owned.get(
            "image", set()
        ):
            return ""
        return match.group(0)

    def link(match):
        attrs = extract_attrs(match.group(1))
        kind = attrs.get("linktype")
        if kind in ("document", "page") and attrs.get("id") not in owned.get(
            kind, set()
        ):
            return "<a>"
        return match.group(0)

    return FIND_A_TAG.sub(link, FIND_EMBED_TAG.sub(embed, html))
