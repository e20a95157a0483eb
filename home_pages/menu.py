"""The menu sections each kind of portal offers (API.md, Portal content)."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    children: tuple["Section", ...] = field(default=())


MENUS: dict[str, tuple[Section, ...]] = {
    "client": (
        Section(
            "documents",
            _("Mes documents"),
            (
                Section("quotes", _("Mes devis")),
                Section("contracts", _("Mes contrats")),
                Section("invoices", _("Mes factures")),
                Section("tax_certificates", _("Mes attestations fiscales")),
                Section("caf_certificates", _("Mes attestations CAF")),
                Section("resources", _("Mes ressources")),
            ),
        ),
        Section("planning", _("Mon planning")),
        Section("profile", _("Mes informations")),
        Section("signature", _("Signer mes devis et contrats")),
        Section("payment", _("Payer mes factures")),
        Section("messages", _("Messages")),
    ),
    "intervenant": (
        Section("profile", _("Mes informations")),
        Section("planning", _("Mon planning")),
        Section("coupons", _("Mes coupons")),
        Section(
            "administrative",
            _("Mon administratif"),
            (
                Section("payslips", _("Mes bulletins de salaire")),
                Section("other_documents", _("Autres documents")),
            ),
        ),
        Section("messages", _("Messages")),
    ),
}


def section_choices(kind: str) -> list[tuple[str, str]]:
    """Flat (key, label) choices, children shown under their parent."""
    choices = []
    for section in MENUS[kind]:
        choices.append((section.key, section.label))
        choices.extend((child.key, f"— {child.label}") for child in section.children)
    return choices


def every_section(kind: str) -> list[str]:
    """Every section key of the kind's menu, in menu order (children after their
    parent): the demo and the role table switch them all on."""
    return [key for key, _label in section_choices(kind)]


def section_keys(kind: str) -> set[str]:
    return set(every_section(kind))


def enabled_sections(kind: str, enabled: set[str]) -> list[Section]:
    """The enabled sections, each with only its enabled children; a child needs its
    parent.
    """
    return [
        Section(s.key, s.label, tuple(c for c in s.children if c.key in enabled))
        for s in MENUS[kind]
        if s.key in enabled
    ]
