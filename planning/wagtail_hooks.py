"""Staff manage the planning in the admin: lists filterable by person and date,
forms with the model's validations (overlaps included), scoped to their agency,
times on the agency's clock and sentences in natural French."""

import django_filters
from django.http import Http404
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from access.admin_scoping import AgencyStaffMenuItem, ScopedEditView
from access.admin_wording import WordedCreateView, WordedIndexView
from access.models import Client, Intervenant
from access.policies import AgencyScopedPermissionPolicy
from access.staff_scope import staff_rows

from .admin_snippets import (
    AgencySpanColumn,
    PlanningDeleteBulkAction,
    PlanningViewSet,
    time_column,
)
from .admin_ui import PLANNING_TAB
from .forms import PlanningItemForm
from .models import Absence, Availability, Coupon, Intervention, PlanningItem
from .wording import ABSENCE, AVAILABILITY, COUPON, INTERVENTION, item_description

for model in (Intervention, Availability, Absence, Coupon):
    register_permission_policy(model, AgencyScopedPermissionPolicy(model))


def _people(model):
    def queryset(request):
        return staff_rows(model, request.user)

    return queryset


def filterset_for(model, people, status=False):
    fields = {
        name: django_filters.ModelChoiceFilter(
            queryset=_people(person_model),
            label=capfirst(person_model._meta.verbose_name),
        )
        for name, person_model in people
    }
    fields["start"] = django_filters.DateFromToRangeFilter(
        label=_("Date"), widget=DateRangePickerWidget
    )
    names = [name for name, _m in people]
    if status:
        fields["status"] = django_filters.ChoiceFilter(
            choices=model.Status.choices, label=_("Statut")
        )
        names.append("status")
    meta = type("Meta", (), {"model": model, "fields": names})
    return type(
        f"{model.__name__}FilterSet", (WagtailFilterSet,), {**fields, "Meta": meta}
    )


# Every planning item's start and end (PlanningItem's fields), on the agency's clock.
TIMES = FieldRowPanel([FieldPanel("start"), FieldPanel("end")])
TIME_COLUMNS = [time_column(PlanningItem, "start"), time_column(PlanningItem, "end")]


class InterventionViewSet(PlanningViewSet):
    model = Intervention
    wording = INTERVENTION
    icon = "date"
    related = ("agency", "client", "intervenant")
    list_display = ["__str__", "intervenant", *TIME_COLUMNS, "status", "service"]
    filterset_class = filterset_for(
        Intervention, [("client", Client), ("intervenant", Intervenant)], status=True
    )
    edit_handler = ObjectList(
        [
            FieldPanel("agency"),
            FieldRowPanel([FieldPanel("client"), FieldPanel("intervenant")]),
            TIMES,
            FieldRowPanel([FieldPanel("status"), FieldPanel("service")]),
        ],
        base_form_class=PlanningItemForm,
    )


class AvailabilityViewSet(PlanningViewSet):
    model = Availability
    wording = AVAILABILITY
    icon = "time"
    related = ("agency", "intervenant")
    list_display = ["__str__", *TIME_COLUMNS]
    filterset_class = filterset_for(Availability, [("intervenant", Intervenant)])
    edit_handler = ObjectList(
        [FieldPanel("agency"), FieldPanel("intervenant"), TIMES],
        base_form_class=PlanningItemForm,
    )


class AbsenceViewSet(PlanningViewSet):
    model = Absence
    wording = ABSENCE
    icon = "warning"
    related = ("agency", "client", "intervenant")
    list_display = ["__str__", *TIME_COLUMNS, "reason"]
    filterset_class = filterset_for(
        Absence, [("client", Client), ("intervenant", Intervenant)]
    )
    edit_handler = ObjectList(
        [
            FieldPanel("agency"),
            FieldRowPanel([FieldPanel("client"), FieldPanel("intervenant")]),
            TIMES,
            FieldPanel("reason"),
        ],
        base_form_class=PlanningItemForm,
    )


class CouponActionsColumn(Column):
    """Valider (a POST carrying the CSRF token, outside any form) and Refuser (the
    coupon's screen, where the reason is asked) while the coupon is submitted;
    the reason of a refusal or cancellation once decided."""

    cell_template_name = "planning/admin/coupon_actions_cell.html"

    def __init__(self):
        super().__init__("actions", label=_("Décision"))

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["description"] = item_description(instance)
        return context


class CouponIndexView(WordedIndexView):
    """A row opens the coupon's screen (validation, or its decision once made).
    No "add": intervenants declare coupons from their portal."""

    def get_add_url(self):
        return None

    def get_edit_url(self, instance):
        return reverse("planning_admin:coupon_review", args=[instance.pk])

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        review = self.get_edit_url(instance)
        for button in buttons:
            if getattr(button, "url", None) == review:
                button.label = _("Voir le coupon")
                button.icon_name = "view"
        return buttons


class CouponCreateView(WordedCreateView):
    """Staff never make up a coupon: only the intervenant declares what they did."""

    def dispatch(self, request, *args, **kwargs):
        raise Http404


class CouponEditView(ScopedEditView):
    """What the intervenant declared is theirs: staff never edit a coupon, they
    validate or refuse it on its screen."""

    def dispatch(self, request, *args, **kwargs):
        return redirect("planning_admin:coupon_review", self.object.pk)


class CouponViewSet(PlanningViewSet):
    model = Coupon
    wording = COUPON
    index_view_class = CouponIndexView
    add_view_class = CouponCreateView
    edit_view_class = CouponEditView
    icon = "clipboard-list"
    related = ("agency", "intervenant", "intervention__client")
    list_display = [
        "__str__",
        Column(
            "client",
            label=_("Client"),
            accessor="intervention.client",
        ),
        AgencySpanColumn(
            "planned",
            label=_("Prévu"),
            start="intervention__start",
            end="intervention__end",
        ),
        AgencySpanColumn("declared", label=_("Déclaré"), start="start", end="end"),
        "kilometres",
        "status",
        CouponActionsColumn(),
    ]
    filterset_class = filterset_for(Coupon, [("intervenant", Intervenant)], status=True)
    # Never rendered (the edit view sends staff to the coupon's screen); declared
    # values are not in it.
    edit_handler = ObjectList([FieldPanel("reason", read_only=True)])


class PlanningGroup(SnippetViewSetGroup):
    items = (InterventionViewSet, AvailabilityViewSet, AbsenceViewSet, CouponViewSet)
    menu_icon = "calendar"
    menu_label = _("Planning")
    menu_name = "planning"
    menu_order = 220


register_snippet(PlanningGroup)


hooks.register("register_bulk_action", PlanningDeleteBulkAction, order=1)


hooks.register("register_person_tabs", PLANNING_TAB)


@hooks.register("register_admin_urls")
def coupon_decision_urls():
    return [path("planning/", include("planning.admin_urls"))]


@hooks.register("register_admin_menu_item")
def digest_menu():
    return AgencyStaffMenuItem(
        _("Résumé quotidien"),
        reverse("planning_admin:digest"),
        icon_name="mail",
        order=225,
    )
