"""Staff manage the planning in the admin: lists filterable by person and date,
forms with the model's validations (overlaps included), scoped to their agency."""

import django_filters
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from access.admin_scoping import (
    ScopedDeleteBulkAction,
    ScopedEditView,
    ScopedSnippetViewSet,
)
from access.models import Client, Intervenant
from access.policies import AgencyScopedPermissionPolicy
from access.selectors import agencies_for_staff

from .admin_ui import planning_tab
from .forms import PlanningItemForm
from .models import Absence, Availability, Coupon, Intervention

for model in (Intervention, Availability, Absence, Coupon):
    register_permission_policy(model, AgencyScopedPermissionPolicy(model))


def _people(model):
    def queryset(request):
        return model.objects.filter(agency__in=agencies_for_staff(user=request.user))

    return queryset


def filterset_for(model, people):
    fields = {
        name: django_filters.ModelChoiceFilter(
            queryset=_people(person_model), label=person_model._meta.verbose_name
        )
        for name, person_model in people
    }
    fields["start"] = django_filters.DateFromToRangeFilter(
        label=_("Date"), widget=DateRangePickerWidget
    )
    meta = type("Meta", (), {"model": model, "fields": [name for name, _m in people]})
    return type(
        f"{model.__name__}FilterSet", (WagtailFilterSet,), {**fields, "Meta": meta}
    )


class PlanningViewSet(ScopedSnippetViewSet):
    ordering = ["-start"]


TIMES = FieldRowPanel([FieldPanel("start"), FieldPanel("end")])


class InterventionViewSet(PlanningViewSet):
    model = Intervention
    icon = "date"
    related = ("client", "intervenant")
    list_display = ["__str__", "intervenant", "start", "end", "status", "service"]
    filterset_class = filterset_for(
        Intervention, [("client", Client), ("intervenant", Intervenant)]
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
    icon = "time"
    related = ("intervenant",)
    list_display = ["intervenant", "start", "end"]
    filterset_class = filterset_for(Availability, [("intervenant", Intervenant)])
    edit_handler = ObjectList(
        [FieldPanel("agency"), FieldPanel("intervenant"), TIMES],
        base_form_class=PlanningItemForm,
    )


class AbsenceViewSet(PlanningViewSet):
    model = Absence
    icon = "warning"
    related = ("client", "intervenant")
    list_display = ["__str__", "start", "end", "reason"]
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
    cell_template_name = "planning/admin/coupon_actions_cell.html"

    def __init__(self):
        super().__init__("actions", label=_("Décision"))


class CouponEditView(ScopedEditView):
    """A coupon is staff-editable while submitted; once decided it is locked."""

    def dispatch(self, request, *args, **kwargs):
        if self.object.status != Coupon.Status.SUBMITTED:
            messages.error(request, _("Ce coupon est verrouillé : il a été traité."))
            return redirect(self.index_url_name)
        return super().dispatch(request, *args, **kwargs)


class CouponViewSet(PlanningViewSet):
    model = Coupon
    edit_view_class = CouponEditView
    icon = "tick"
    related = ("intervenant", "intervention__client")
    list_display = ["intervenant", "start", "end", "kilometres", CouponActionsColumn()]
    filterset_class = filterset_for(Coupon, [("intervenant", Intervenant)])
    add_view_enabled = False
    edit_handler = ObjectList(
        [TIMES, FieldPanel("kilometres"), FieldPanel("comment")],
        base_form_class=PlanningItemForm,
    )


class PlanningGroup(SnippetViewSetGroup):
    items = (InterventionViewSet, AvailabilityViewSet, AbsenceViewSet, CouponViewSet)
    menu_icon = "calendar"
    menu_label = _("Planning")
    menu_name = "planning"
    menu_order = 220


register_snippet(PlanningGroup)


class PlanningDeleteBulkAction(ScopedDeleteBulkAction):
    models = [Intervention, Availability, Absence, Coupon]


hooks.register("register_bulk_action", PlanningDeleteBulkAction, order=1)


hooks.register("register_person_tabs", planning_tab)


@hooks.register("register_admin_urls")
def coupon_decision_urls():
    return [path("planning/", include("planning.admin_urls"))]


class DigestMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(agencies_for_staff(user=request.user).exists())


@hooks.register("register_admin_menu_item")
def digest_menu():
    return DigestMenuItem(
        _("Résumé quotidien"),
        reverse("planning_admin:digest"),
        icon_name="mail",
        order=225,
    )
