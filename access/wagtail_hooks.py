"""Admin screens for the agency's people, each scoped to the staff member's agencies."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.permissions import policy_registry, register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import DeleteView, EditView, SnippetViewSet

from .forms import AgencyScopedForm
from .models import Client, Intervenant
from .policies import AgencyScopedPermissionPolicy

register_permission_policy(Client, AgencyScopedPermissionPolicy(Client))
register_permission_policy(Intervenant, AgencyScopedPermissionPolicy(Intervenant))


class ScopedObjectMixin:
    """Looks objects up among the user's agency's rows: another agency's id is a 404."""

    def get_queryset(self):
        return policy_registry.get_by_type(
            self.model
        ).instances_user_has_permission_for(self.request.user, self.permission_required)


class ScopedEditView(ScopedObjectMixin, EditView):
    pass


class ScopedDeleteView(ScopedObjectMixin, DeleteView):
    pass


PERSON_PANELS = [
    FieldPanel("agency"),
    FieldRowPanel([FieldPanel("first_name"), FieldPanel("last_name")]),
    FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
    MultiFieldPanel(
        [
            FieldPanel("address"),
            FieldRowPanel([FieldPanel("postal_code"), FieldPanel("city")]),
        ],
        heading=_("Adresse"),
    ),
    FieldPanel("external_ref"),
]


class PersonViewSet(SnippetViewSet):
    add_to_admin_menu = True
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    list_display = ["last_name", "first_name", "email", "phone", "external_ref"]
    list_filter = ["agency"]
    search_fields = ["first_name", "last_name", "email", "external_ref"]
    edit_handler = ObjectList(PERSON_PANELS, base_form_class=AgencyScopedForm)
    copy_view_enabled = False
    inspect_view_enabled = False

    def get_queryset(self, request):
        return (
            policy_registry.get_by_type(self.model)
            .instances_user_has_any_permission_for(request.user, ["change", "view"])
            .select_related("agency")
        )


class ClientViewSet(PersonViewSet):
    model = Client
    icon = "group"
    menu_label = _("Clients")
    menu_order = 200


class IntervenantViewSet(PersonViewSet):
    model = Intervenant
    icon = "user"
    menu_label = _("Intervenants")
    menu_order = 210


register_snippet(ClientViewSet)
register_snippet(IntervenantViewSet)
