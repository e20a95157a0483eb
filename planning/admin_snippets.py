"""The planning's snippet views, speaking natural French (planning/wording.py) and
reading and writing times on the agency's clock."""

from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.text import capfirst
from wagtail.admin.ui.tables import Column

from access.admin_scoping import ScopedEditView, ScopedSnippetViewSet
from access.admin_ui import AgencyTimeColumn
from access.admin_wording import WordedCreateView, WordedDeleteBulkAction
from access.models import Agency
from access.staff_scope import staff_rows

from .display import format_span
from .models import Absence, Availability, Coupon, Intervention


class AgencySpanColumn(Column):
    """`04/12/2026 de 08:00 à 10:00` from two moments of the row (or of a related
    row, `intervention__start`), on the row's agency's clock."""

    def __init__(self, name, *, start, end, **kwargs):
        super().__init__(name, **kwargs)
        self.start, self.end = start, end

    def _moment(self, instance, path):
        for part in path.split("__"):
            instance = getattr(instance, part)
        return instance

    def get_value(self, instance):
        return format_span(
            self._moment(instance, self.start),
            self._moment(instance, self.end),
            instance.agency,
        )


def time_column(model, name):
    return AgencyTimeColumn(
        name, label=capfirst(model._meta.get_field(name).verbose_name)
    )


class AgencyClockMixin:
    """Times typed into and shown by the form are on the agency's clock: the
    request runs, and its response renders, in the agency's time zone."""

    def clock_agency(self):
        return None

    def dispatch(self, request, *args, **kwargs):
        agency = self.clock_agency()
        if agency is None:
            return super().dispatch(request, *args, **kwargs)
        with timezone.override(ZoneInfo(agency.time_zone)):
            response = super().dispatch(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            return response


class PlanningCreateView(AgencyClockMixin, WordedCreateView):
    def clock_agency(self):
        agencies = list(staff_rows(Agency, self.request.user))
        chosen = self.request.POST.get("agency")
        for agency in agencies:
            if str(agency.pk) == chosen:
                return agency
        if len({agency.time_zone for agency in agencies}) == 1:
            return agencies[0]
        return None


class PlanningEditView(AgencyClockMixin, ScopedEditView):
    def clock_agency(self):
        return self.object.agency


class PlanningViewSet(ScopedSnippetViewSet):
    add_view_class = PlanningCreateView
    edit_view_class = PlanningEditView
    index_results_template_name = "planning/admin/index_results.html"
    ordering = ["-start"]
    usage_shown = False  # nothing refers to a planning row


class PlanningDeleteBulkAction(WordedDeleteBulkAction):
    """Bulk deletion of planning rows, in each model's words."""

    models = [Intervention, Availability, Absence, Coupon]
