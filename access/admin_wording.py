"""The sentences Wagtail builds from a model's name ("Ajouter un(e) %s", "%s « x »
créé(e).") written out in natural French, per model: a snippet viewset names its
`wording` and every view of it uses those sentences."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Wording:
    """`%(object)s` in a message is replaced by the object's text."""

    add: str  # "Ajouter une facture"
    created: str  # "La facture « %(object)s » a été créée."
    updated: str  # "La facture « %(object)s » a été enregistrée."
    deleted: str  # "La facture « %(object)s » a été supprimée."
    error: str  # "La facture n'a pas pu être enregistrée : corrigez les erreurs."


class WordedViewSetMixin:
    """For a SnippetViewSet: its list, add, edit and delete views speak `wording`."""

    wording: Wording | None = None

    def get_index_view_kwargs(self, **kwargs):
        if self.wording:
            kwargs.setdefault("add_item_label", self.wording.add)
        return super().get_index_view_kwargs(**kwargs)

    def get_add_view_kwargs(self, **kwargs):
        if self.wording:
            kwargs.setdefault("success_message", self.wording.created)
            kwargs.setdefault("error_message", self.wording.error)
        return super().get_add_view_kwargs(**kwargs)

    def get_edit_view_kwargs(self, **kwargs):
        if self.wording:
            kwargs.setdefault("success_message", self.wording.updated)
            kwargs.setdefault("error_message", self.wording.error)
        return super().get_edit_view_kwargs(**kwargs)

    def get_delete_view_kwargs(self, **kwargs):
        if self.wording:
            kwargs.setdefault("success_message", self.wording.deleted)
        return super().get_delete_view_kwargs(**kwargs)
