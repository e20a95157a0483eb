"""URL conf of the benchmark server (bench/settings.py): the whole project, plus
comparison views for the documents list and the planning.

Bench only, never routed in production. The views are open on purpose: they measure
what the API costs beyond its queries (`plain`) and beyond the bare Django stack
(`empty`), and the server listens on 127.0.0.1 for the length of one benchmark run.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Q
from django.http import JsonResponse
from django.urls import path, reverse
from django.utils import timezone

from cms import urls as project
from home_pages.menu import MENUS
from media.models import PortalDocument
from media.selectors import visible_categories
from planning.models import Absence, Availability, Intervention

# The documents section with every category under it, as the client menu has them.
_DOCUMENTS = next(section for section in MENUS["client"] if section.key == "documents")
CLIENT_SECTIONS = [_DOCUMENTS.key, *(child.key for child in _DOCUMENTS.children)]
CATEGORIES = visible_categories(kind="client", sections=set(CLIENT_SECTIONS))
PAGE_SIZE = 20  # portal_api.documents.NewestFirst.page_size


def _datetime(value) -> str:
    # As DRF's DateTimeField writes it: local time, ISO 8601, "Z" for UTC.
    text = timezone.localtime(value).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def plain_documents(request, portal, agency_id, client_id):
    """The first page of the relational rule alone (own documents or the agency's
    client audience), with the API's fields: no authentication, no explicit grants,
    no portal look-up, no DRF.

    Each branch repeats `is_published`, the condition of its partial index: SQLite
    uses a partial index inside an OR only when the branch itself implies the
    index's condition (PostgreSQL also looks at the terms around the OR)."""
    published = Q(is_published=True)
    documents = (
        PortalDocument.objects.filter(published)
        .filter(
            (Q(client_id=client_id) & published)
            | (Q(agency_id=agency_id, for_clients=True) & published),
            category__in=CATEGORIES,
        )
        .order_by("-published_at", "-id")[:PAGE_SIZE]
    )
    results = [
        {
            "id": document.pk,
            "title": document.title,
            "category": document.category,
            "scope": document.scope,
            "published_at": _datetime(document.published_at),
            "size": document.file_size,
            "content_type": document.content_type,
            "year": document.year,
            "period": document.period,
            "download_url": request.build_absolute_uri(
                reverse("portal_api:document-download", args=[portal, document.pk])
            ),
        }
        for document in documents
    ]
    return JsonResponse({"next": None, "previous": None, "results": results})


def _local(moment, zone) -> str:
    return moment.astimezone(zone).isoformat()


def plain_planning(request, intervenant_id):
    """One intervenant's interventions, availabilities and absences overlapping the
    days asked for, with the API's fields: the API's planning queries alone (the
    visits' clients fetched by key, as the API does), no authentication, no portal
    look-up, no DRF."""
    zone = ZoneInfo("Europe/Paris")
    first = date.fromisoformat(request.GET["from"])
    last = date.fromisoformat(request.GET["to"])
    start = datetime.combine(first, time.min, zone)
    end = datetime.combine(last + timedelta(days=1), time.min, zone)

    def common(item):
        return {
            "id": item.pk,
            "start": _local(item.start, zone),
            "end": _local(item.end, zone),
            "version": item.version,
        }

    def mine(model):
        return model.objects.filter(
            intervenant_id=intervenant_id, start__lt=end, end__gt=start
        ).order_by("start", "pk")

    interventions = [
        {
            **common(item),
            "status": item.status,
            "service": item.service,
            "client": {
                "id": item.client.pk,
                "first_name": item.client.first_name,
                "last_name": item.client.last_name,
                "address": item.client.address,
                "postal_code": item.client.postal_code,
                "city": item.client.city,
                "phone": item.client.phone,
            },
            "intervenant": {"id": item.intervenant_id},
        }
        for item in mine(Intervention).prefetch_related("client")
    ]
    return JsonResponse(
        {
            "interventions": interventions,
            "availabilities": [common(item) for item in mine(Availability)],
            "absences": [
                {**common(item), "reason": item.reason} for item in mine(Absence)
            ],
        }
    )


def empty(request):
    """The floor: Django's middleware and a JSON response, no database."""
    return JsonResponse({})


urlpatterns = [
    path(
        "bench/plain/<slug:portal>/<int:agency_id>/<int:client_id>",
        plain_documents,
    ),
    path("bench/plain/planning/<int:intervenant_id>", plain_planning),
    path("bench/empty", empty),
    *project.urlpatterns,
]
# The project's error views, whichever it defines.
handler400 = getattr(project, "handler400", None)
handler403 = getattr(project, "handler403", None)
handler404 = getattr(project, "handler404", None)
handler500 = getattr(project, "handler500", None)
