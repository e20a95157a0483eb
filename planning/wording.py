"""What the planning admin says about each kind of item, in natural French
(access.admin_wording): every sentence staff read about an item is written here in
full. `%(item)s` is the item's description, "du 04/12/2026 08:00", on the agency's
clock."""

from functools import partial

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from access.admin_wording import Wording


def item_description(item) -> str:
    """`du 04/12/2026 08:00`, or `d'Inès Durand du 04/12/2026 08:00` for a coupon:
    what the messages put after the item's name."""
    from .display import of_name
    from .models import Coupon, agency_when

    if isinstance(item, Coupon):
        return _("%(of_person)s du %(when)s") % {
            "of_person": of_name(str(item.intervenant)),
            "when": agency_when(item, item.start),
        }
    return _("du %(when)s") % {"when": item.when}


PlanningWording = partial(Wording, describe=item_description, placeholder="item")

INTERVENTION = PlanningWording(
    add=_("Ajouter une intervention"),
    new=_("Nouvelle intervention"),
    created=_("L'intervention %(item)s a été créée."),
    updated=_("L'intervention %(item)s a été modifiée."),
    deleted=_("L'intervention %(item)s a été supprimée."),
    not_created=_("L'intervention n'a pas pu être créée : corrigez les erreurs."),
    error=_("L'intervention n'a pas pu être enregistrée : corrigez les erreurs."),
    confirm_delete=_("Voulez-vous vraiment supprimer cette intervention ?"),
    empty=_("Aucune intervention pour l'instant."),
    no_match=_("Aucune intervention ne correspond à votre recherche."),
    deleted_many=ngettext_lazy(
        "%(count)d intervention supprimée.",
        "%(count)d interventions supprimées.",
        "count",
    ),
    confirm_delete_many=ngettext_lazy(
        "Voulez-vous vraiment supprimer cette intervention ?",
        "Voulez-vous vraiment supprimer ces %(count)d interventions ?",
        "count",
    ),
)

AVAILABILITY = PlanningWording(
    add=_("Ajouter une disponibilité"),
    new=_("Nouvelle disponibilité"),
    created=_("La disponibilité %(item)s a été créée."),
    updated=_("La disponibilité %(item)s a été modifiée."),
    deleted=_("La disponibilité %(item)s a été supprimée."),
    not_created=_("La disponibilité n'a pas pu être créée : corrigez les erreurs."),
    error=_("La disponibilité n'a pas pu être enregistrée : corrigez les erreurs."),
    confirm_delete=_("Voulez-vous vraiment supprimer cette disponibilité ?"),
    empty=_("Aucune disponibilité pour l'instant."),
    no_match=_("Aucune disponibilité ne correspond à votre recherche."),
    deleted_many=ngettext_lazy(
        "%(count)d disponibilité supprimée.",
        "%(count)d disponibilités supprimées.",
        "count",
    ),
    confirm_delete_many=ngettext_lazy(
        "Voulez-vous vraiment supprimer cette disponibilité ?",
        "Voulez-vous vraiment supprimer ces %(count)d disponibilités ?",
        "count",
    ),
)

ABSENCE = PlanningWording(
    add=_("Ajouter une absence"),
    new=_("Nouvelle absence"),
    created=_("L'absence %(item)s a été créée."),
    updated=_("L'absence %(item)s a été modifiée."),
    deleted=_("L'absence %(item)s a été supprimée."),
    not_created=_("L'absence n'a pas pu être créée : corrigez les erreurs."),
    error=_("L'absence n'a pas pu être enregistrée : corrigez les erreurs."),
    confirm_delete=_("Voulez-vous vraiment supprimer cette absence ?"),
    empty=_("Aucune absence pour l'instant."),
    no_match=_("Aucune absence ne correspond à votre recherche."),
    deleted_many=ngettext_lazy(
        "%(count)d absence supprimée.", "%(count)d absences supprimées.", "count"
    ),
    confirm_delete_many=ngettext_lazy(
        "Voulez-vous vraiment supprimer cette absence ?",
        "Voulez-vous vraiment supprimer ces %(count)d absences ?",
        "count",
    ),
)

COUPON = PlanningWording(
    add=_("Ajouter un coupon"),  # never shown: intervenants declare coupons
    new=_("Nouveau coupon"),
    created=_("Le coupon %(item)s a été créé."),
    updated=_("Le coupon %(item)s a été modifié."),
    deleted=_("Le coupon %(item)s a été supprimé."),
    not_created=_("Le coupon n'a pas pu être créé : corrigez les erreurs."),
    error=_("Le coupon n'a pas pu être enregistré : corrigez les erreurs."),
    confirm_delete=_("Voulez-vous vraiment supprimer ce coupon ?"),
    empty=_(
        "Aucun coupon pour l'instant : les intervenants les déclarent depuis "
        "leur portail."
    ),
    no_match=_("Aucun coupon ne correspond à votre recherche."),
    deleted_many=ngettext_lazy(
        "%(count)d coupon supprimé.", "%(count)d coupons supprimés.", "count"
    ),
    confirm_delete_many=ngettext_lazy(
        "Voulez-vous vraiment supprimer ce coupon ?",
        "Voulez-vous vraiment supprimer ces %(count)d coupons ?",
        "count",
    ),
)
