"""The planning's snippet views, speaking natural French (planning/wording.py) and
reading and writing times on the agency's clock."""

from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.text import capfirst
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import CreateView, IndexView

from access.admin_scoping import (
    ScopedDeleteBulkAction,
    ScopedDeleteView,
    ScopedEditView,
    ScopedSnippetViewSet,
)
from access.admin_ui import AgencyTimeColumn
from access.selectors import agencies_for_staff

from .display import format_span
from .models import Absence, Availability, Coupon, Intervention
from .wording import ABSENCE, AVAILABILITY, COUPON, INTERVENTION, item_description

WORDINGS = {
    Intervention: INTERVENTION,
    Availability: AVAILABILITY,
    Absence: ABSENCE,
    Coupon: COUPON,
}


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


class WordingMixin:
    """The model's own sentences (planning/wording.py) instead of Wagtail's generic
    ones built from verbose names."""

    @property
    def wording(self):
        return WORDINGS[self.model]

    def get_header_title(self):
        title, subtitle = self.get_page_title(), self.get_page_subtitle()
        return f"{title} : {subtitle}" if subtitle and subtitle != title else title


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


class PlanningIndexView(WordingMixin, IndexView):
    @property
    def add_item_label(self):
        return self.wording.add

    @property
    def no_results_message(self):
        if self.is_searching or self.is_filtering:
            return self.wording.no_match
        return self.wording.empty


class PlanningCreateView(WordingMixin, AgencyClockMixin, CreateView):
    def clock_agency(self):
        agencies = list(agencies_for_staff(user=self.request.user))
        chosen = self.request.POST.get("agency")
        for agency in agencies:
            if str(agency.pk) == chosen:
                return agency
        if len({agency.time_zone for agency in agencies}) == 1:
            return agencies[0]
        return None

    def get_page_title(self):
        return self.wording.new

    def get_page_subtitle(self):
        return self.wording.new

    def get_breadcrumbs_items(self):
        items = super().get_breadcrumbs_items()
        return [*items[:-1], {"url": "", "label": self.wording.new}]

    def get_success_message(self, instance):
        return self.wording.created % {"item": item_description(instance)}

    def get_error_message(self):
        if self.expects_json_response:
            return super().get_error_message()
        return self.wording.create_error


class PlanningEditView(WordingMixin, AgencyClockMixin, ScopedEditView):
    def clock_agency(self):
        return self.object.agency

    def get_success_message(self):
        return self.wording.updated % {"item": item_description(self.object)}

    def get_error_message(self):
        if self.expects_json_response:
            return super().get_error_message()
        return self.wording.edit_error


class PlanningDeleteView(WordingMixin, ScopedDeleteView):
    @property
    def confirmation_message(self):
        return self.wording.confirm_delete

    def get_success_message(self):
        return self.wording.deleted % {"item": item_description(self.object)}


class PlanningViewSet(ScopedSnippetViewSet):
    index_view_class = PlanningIndexView
    add_view_class = PlanningCreateView
    edit_view_class = PlanningEditView
    delete_view_class = PlanningDeleteView
    index_results_template_name = "planning/admin/index_results.html"
    ordering = ["-start"]

    def get_common_view_kwargs(self, **kwargs):
        # Nothing refers to a planning row: no "référencé(e) 0 fois" to read.
        return super().get_common_view_kwargs(**{"usage_url_name": None, **kwargs})


class PlanningDeleteBulkAction(ScopedDeleteBulkAction):
    """Bulk deletion of planning rows, in each model's words."""

    models = [Intervention, Availability, Absence, Coupon]
    template_name = "planning/admin/confirm_bulk_delete.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        count = len(context.get("items", []))
        context["confirm_message"] = WORDINGS[self.model].bulk_confirm % {
            "count": count
        }
        return context

    def get_success_message(self, num_parent_objects, num_child_objects):
        if num_parent_objects == 1:
            return WORDINGS[self.model].deleted % {
                "item": item_description(self.actionable_objects[0])
            }
        return WORDINGS[self.model].bulk_deleted % {"count": num_parent_objects}
