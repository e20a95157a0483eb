"""Cursor pagination of the API lists (API.md: cursor-paginated): the portal's
pages of 20, the envelope and parameters of every page, a bad cursor as a 400."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination

from access.errors import ApplicationError


class PortalCursorPagination(CursorPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


# The envelope of a page; each list adds its `results`. (A comment, not a docstring:
# drf-spectacular would copy a docstring into every page's schema.)
class CursorPage(serializers.Serializer):
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)


# A list's query parameters for its cursor pages.
CURSOR_PARAMETERS = [
    OpenApiParameter("cursor", str),
    OpenApiParameter("page_size", int),
]


def cursor_page_of(item: type[serializers.Serializer], name: str) -> type[CursorPage]:
    """The page of a list of `item`s, called `name` in the schema."""
    return type(name, (CursorPage,), {"results": item(many=True)})


def cursor_page(paginator, queryset, request, view) -> list:
    """The page the request's cursor points at; a cursor that cannot be read is a
    400 in the API's shape, where DRF would answer 404."""
    try:
        return paginator.paginate_queryset(queryset, request, view=view)
    except NotFound as error:
        raise ApplicationError.invalid_field(
            "cursor", _("Curseur de pagination invalide.")
        ) from error
