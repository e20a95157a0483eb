"""Messages in the admin: the inbox (menu item with the unread count), the Messages
tab of a person's record, and announcements as a snippet scoped to the agency."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy, ngettext, ngettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.snippets.models import register_snippet

from access.admin_scoping import ScopedSnippetViewSet
from access.admin_ui import AgencyTimeColumn, YesNoColumn
from access.admin_wording import WordedDeleteBulkAction, Wording
from access.forms import AgencyScopedForm
from access.policies import staff_agency_ids

from .admin_ui import MESSAGES_TAB
from .models import Announcement
from .selectors import unread_count_for_staff
from .services import announcement_save


class MessagesMenuItem(MenuItem):
    """« Messages », with the number of the people's messages nobody read yet."""

    def is_shown(self, request):
        user = request.user
        return user.is_superuser or bool(staff_agency_ids(user))

    def render_component(self, request):
        unread = unread_count_for_staff(request.user)
        component = super().render_component(request)
        if unread:
            component.label = ngettext(
                "Messages (%(count)s non lu)", "Messages (%(count)s non lus)", unread
            ) % {"count": unread}
        return component


@hooks.register("register_admin_menu_item")
def messages_menu():
    return MessagesMenuItem(
        gettext_lazy("Messages"),
        reverse("messaging_admin:inbox"),
        name="messages",
        icon_name="mail",
        order=215,
    )


@hooks.register("register_admin_urls")
def messaging_admin_urls():
    return [path("messages/", include("messaging.admin_urls"))]


hooks.register("register_person_tabs", MESSAGES_TAB)


class AnnouncementForm(AgencyScopedForm):
    def save(self, commit=True):
        return announcement_save(announcement=self.instance)


class AnnouncementViewSet(ScopedSnippetViewSet):
    model = Announcement
    icon = "info-circle"
    menu_label = gettext_lazy("Annonces")
    menu_name = "announcements"
    menu_order = 216
    add_to_admin_menu = True
    usage_shown = False
    related = ("agency",)
    ordering = ["-created_at", "-pk"]
    list_display = [
        "title",
        YesNoColumn("for_clients", label=gettext_lazy("Clients")),
        YesNoColumn("for_intervenants", label=gettext_lazy("Intervenants")),
        "ends_on",
        YesNoColumn("published", label=gettext_lazy("Publiée")),
        AgencyTimeColumn("published_at", label=gettext_lazy("Publiée le")),
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("agency"),
            FieldPanel("title"),
            FieldPanel("text"),
            FieldRowPanel([FieldPanel("for_clients"), FieldPanel("for_intervenants")]),
            FieldPanel("ends_on"),
            FieldPanel("published"),
        ],
        base_form_class=AnnouncementForm,
    )
    wording = Wording(
        add=gettext_lazy("Nouvelle annonce"),
        new=gettext_lazy("Nouvelle annonce"),
        created=gettext_lazy("L'annonce « %(object)s » a été créée."),
        updated=gettext_lazy("L'annonce « %(object)s » a été modifiée."),
        deleted=gettext_lazy("L'annonce « %(object)s » a été supprimée."),
        error=gettext_lazy(
            "L'annonce n'a pas pu être enregistrée : corrigez les erreurs signalées."
        ),
        confirm_delete=gettext_lazy(
            "Voulez-vous vraiment supprimer l'annonce « %(object)s » ?"
        ),
        empty=gettext_lazy("Aucune annonce pour le moment."),
        deleted_many=ngettext_lazy(
            "%(count)s annonce supprimée.", "%(count)s annonces supprimées.", "count"
        ),
        confirm_delete_many=ngettext_lazy(
            "Voulez-vous vraiment supprimer %(count)s annonce ?",
            "Voulez-vous vraiment supprimer ces %(count)s annonces ?",
            "count",
        ),
    )


register_snippet(AnnouncementViewSet)


class AnnouncementDeleteBulkAction(WordedDeleteBulkAction):
    models = [Announcement]


hooks.register("register_bulk_action", AnnouncementDeleteBulkAction, order=1)
