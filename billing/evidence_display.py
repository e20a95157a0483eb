"""The evidence of a signature as staff read it: each step's name and details in
French, times on the agency's clock. The chain itself (billing.evidence) keeps its
raw JSON; only its display changes."""

from datetime import datetime

from django.utils.translation import gettext_lazy as _

from access.formatting import format_agency_datetime
from access.models import User

EVIDENCE_TIME = "d/m/Y H:i:s"

STEPS = {
    "opened": _("Document ouvert"),
    "terms_read": _("Conditions générales lues"),
    "terms_accepted": _("Conditions générales acceptées"),
    "code_sent": _("Code envoyé"),
    "code_verified": _("Code vérifié : document signé"),
    "code_rejected": _("Code erroné"),
    "locked": _("Signature bloquée (trop de codes erronés)"),
    "expired": _("Demande expirée"),
    "cancelled": _("Demande annulée"),
    "sealed": _("PDF signé scellé"),
}

RECORD_KINDS = {"quote": _("Devis"), "contract": _("Contrat")}
CHANNELS = {"email": _("e-mail"), "sms": _("SMS")}
CONTACT_SOURCES = {
    "account.email": _("l'adresse e-mail du compte de portail"),
    # Signatures made before the code followed the account's own address.
    "client.email": _("l'adresse e-mail de la fiche du client"),
    "client.phone": _("le téléphone de la fiche du client"),
}
CANCEL_REASONS = {
    "reopened": _("une nouvelle demande de signature a été ouverte"),
    "pdf_replaced": _("le PDF du document a été remplacé"),
}
YES_NO = {True: _("Oui"), False: _("Non")}


def step_label(step: str) -> str:
    return str(STEPS.get(step, step))


def _text(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return str(YES_NO[value])
    return str(value)


def _moment(value: str, agency) -> str:
    try:
        return format_agency_datetime(
            datetime.fromisoformat(value), agency, EVIDENCE_TIME
        )
    except (TypeError, ValueError):
        return _text(value)


def _document(value: dict) -> list[tuple[str, str]]:
    kind = RECORD_KINDS.get(value.get("type"), value.get("type"))
    return [
        (
            _("Document"),
            _("%(kind)s n° %(number)s — « %(title)s »")
            % {
                "kind": kind,
                "number": _text(value.get("number")),
                "title": _text(value.get("title")),
            },
        ),
        (_("Empreinte SHA-256 du PDF"), _text(value.get("sha256"))),
        (_("Identifiant du PDF"), _text(value.get("pdf_document_id"))),
    ]


def _terms(value: dict) -> list[tuple[str, str]]:
    return [
        (
            _("Conditions générales"),
            _("version %(version)s") % {"version": _text(value.get("version"))},
        ),
        (_("Empreinte SHA-256 des conditions"), _text(value.get("sha256"))),
        (_("Identifiant du PDF des conditions"), _text(value.get("pdf_document_id"))),
    ]


def _account(value: dict) -> list[tuple[str, str]]:
    return [
        (
            _("Compte"),
            _("%(identifier)s (compte n° %(id)s)")
            % {
                "identifier": _text(value.get("identifier")),
                "id": _text(value.get("id")),
            },
        )
    ]


def _person(value: dict) -> list[tuple[str, str]]:
    return [
        (
            _("Client"),
            _("%(name)s (fiche n° %(id)s)")
            % {"name": _text(value.get("name")), "id": _text(value.get("id"))},
        )
    ]


def _created_via(value) -> str:
    if value in User.CreatedVia.values:
        return str(User.CreatedVia(value).label)
    return _text(value)


def contact_lines(value: dict, agency) -> list[tuple[str, str]]:
    """The account's contact when the code left: its address, whether the client
    confirmed it, how the account's credentials were issued, its changes."""
    confirmed = value.get("confirmed_at")
    lines = [
        (_("Adresse du compte"), _text(value.get("email"))),
        (
            _("Adresse confirmée par le client"),
            _("Oui, le %(date)s (mot de passe choisi par le lien d'invitation)")
            % {"date": _moment(confirmed, agency)}
            if confirmed
            else _("Non"),
        ),
        (_("Identifiants du compte"), _created_via(value.get("account_created_via"))),
    ]
    for change in value.get("changes") or []:
        by = change.get("by") or {}
        lines.append(
            (
                _("Adresse du compte modifiée le %(date)s")
                % {"date": _moment(change.get("at"), agency)},
                _("%(old)s → %(new)s, par %(by)s")
                % {
                    "old": _text(change.get("old")),
                    "new": _text(change.get("new")),
                    "by": by.get("name") or _("une personne inconnue"),
                },
            )
        )
    return lines


def _labelled(label, show=_text):
    return lambda value, agency: [(label, show(value))]


FIELDS = {
    "document": lambda value, agency: _document(value),
    "terms": lambda value, agency: _terms(value),
    "read_to_end": _labelled(_("Lues jusqu'au bout")),
    "consent": _labelled(_("Consentement")),
    "channel": _labelled(_("Envoyé par"), lambda v: _text(CHANNELS.get(v, v))),
    "destination": _labelled(_("Destinataire")),
    "message_id": _labelled(_("Identifiant du message")),
    "contact_source": _labelled(
        _("Adresse prise dans"), lambda v: _text(CONTACT_SOURCES.get(v, v))
    ),
    "contact": contact_lines,
    "expires_at": lambda value, agency: [
        (_("Code valable jusqu'au"), _moment(value, agency))
    ],
    "attempt": _labelled(_("Code erroné n°")),
    "reason": _labelled(_("Motif"), lambda v: _text(CANCEL_REASONS.get(v, v))),
    "signed_document_id": _labelled(_("Identifiant du PDF signé")),
    "sha256": _labelled(_("Empreinte SHA-256 du PDF signé")),
    "account": lambda value, agency: _account(value),
    "person": lambda value, agency: _person(value),
    "ip": _labelled(_("Adresse IP")),
    "user_agent": _labelled(_("Navigateur")),
}


def _flatten(key: str, value) -> list[tuple[str, str]]:
    """A detail no label is known for: its key, and the values under it."""
    if isinstance(value, dict):
        lines = []
        for sub, inner in value.items():
            lines += _flatten(f"{key} › {sub}", inner)
        return lines
    return [(key, _text(value))]


def event_details(data: dict, agency) -> list[tuple[str, str]]:
    """An event's data as (label, value) lines: the known details in a fixed order
    (PostgreSQL's jsonb does not keep the recorded one), then any other."""
    data = data or {}
    lines = []
    for key, show in FIELDS.items():
        if key in data:
            lines += [
                (str(label), str(text)) for label, text in show(data[key], agency)
            ]
    for key in sorted(set(data) - set(FIELDS)):
        lines += _flatten(key, data[key])
    return lines
