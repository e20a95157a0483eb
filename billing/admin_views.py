"""Staff see each signature's state and evidence, and re-validate its sealed PDF."""

from django.contrib import messages
from django.http import HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from access.admin_scoping import ScopedInspectView
from access.admin_ui import AdminTitleMixin
from access.formatting import format_agency_datetime
from access.staff_scope import staff_rows_with_permission

from .evidence import evidence_verify
from .evidence_display import EVIDENCE_TIME, event_details, step_label
from .models import Signature
from .sealing import SealError, verify


def signature_for_staff(user, pk):
    rows = staff_rows_with_permission(Signature, user, ["view"])
    return get_object_or_404(rows, pk=pk)


def can_seal_again(user, signature) -> bool:
    """Sealing again changes the signature (it produces its sealed PDF): it takes the
    change permission on it, not view, which is all that staff hold."""
    policy = Signature.snippet_viewset.permission_policy
    return policy.user_has_permission_for_instance(user, "change", signature)


def _field(label, value):
    return {"label": label, "value": "—" if value in (None, "") else value}


class SignatureInspectView(AdminTitleMixin, ScopedInspectView):
    """The signature's state, its evidence chain (and whether it holds), and the
    Vérifier action for its sealed PDF; every time on the agency's clock."""

    template_name = "billing/admin/signature_inspect.html"
    page_title = _lazy("Détail de la signature")

    def get_fields_context(self):
        signature, agency = self.object, self.object.agency
        record = signature.record

        def when(moment):
            return format_agency_datetime(moment, agency)

        return [
            _field(
                _("Document"),
                f"{capfirst(record._meta.verbose_name)} {record.number} — "
                f"{record.title}"
                if record
                else None,
            ),
            _field(_("Client"), str(signature.client)),
            _field(
                _("Compte"), signature.account.username if signature.account else None
            ),
            _field(_("État"), signature.get_status_display()),
            _field(
                _("Conditions générales"),
                _("version %(version)s") % {"version": signature.terms.version}
                if signature.terms
                else None,
            ),
            _field(_("Empreinte SHA-256 du PDF à signer"), signature.document_sha256),
            _field(_("Ouverte le"), when(signature.created_at)),
            _field(_("Dernier code envoyé le"), when(signature.last_code_sent_at)),
            _field(
                _("Code valable jusqu'au"),
                when(signature.code_expires_at)
                if signature.status == Signature.Status.CODE_SENT
                else None,
            ),
            _field(_("Codes erronés"), str(signature.code_attempts)),
            _field(_("Signée le"), when(signature.signed_at)),
            _field(
                _("PDF signé"),
                signature.signed_document.title
                if signature.signed_document
                else _("pas encore produit"),
            ),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        agency = self.object.agency
        events = list(self.object.events.all())
        context.update(
            events=[
                {
                    "sequence": event.sequence,
                    "step": step_label(event.step),
                    "at": format_agency_datetime(event.at, agency, EVIDENCE_TIME),
                    "details": event_details(event.data, agency),
                    "hash": event.hash,
                }
                for event in events
            ],
            time_zone=agency.time_zone,
            broken_at=evidence_verify(events, self.object.evidence_head),
            verify_url=reverse("billing_admin:signature_verify", args=[self.object.pk]),
            seal_url=reverse("billing_admin:signature_seal", args=[self.object.pk]),
            can_seal_again=can_seal_again(self.request.user, self.object),
        )
        return context


class PaymentInspectView(AdminTitleMixin, ScopedInspectView):
    """One payment attempt as staff read it: amounts in euros, agency times."""

    page_title = _lazy("Détail du paiement")

    def get_fields_context(self):
        payment, agency = self.object, self.object.agency
        invoice = payment.invoice
        return [
            _field(_("Facture"), f"{invoice.number} — {invoice.title}"),
            _field(_("Client"), str(invoice.client)),
            _field(_("Montant"), payment.amount_display),
            _field(_("État"), payment.get_status_display()),
            _field(_("Prestataire"), payment.get_provider_display()),
            _field(_("Référence du prestataire"), payment.reference),
            _field(_("Compte"), payment.account.username if payment.account else None),
            _field(_("Créé le"), format_agency_datetime(payment.created_at, agency)),
            _field(
                _("Mis à jour le"), format_agency_datetime(payment.updated_at, agency)
            ),
        ]


@require_POST
def signature_verify(request, pk):
    signature = signature_for_staff(request.user, pk)
    back = redirect(Signature.snippet_viewset.get_url_name("inspect"), pk)
    if signature.signed_document is None:
        messages.error(request, _("Pas encore de PDF scellé pour cette signature."))
        return back
    try:
        with signature.signed_document.file.open("rb") as stream:
            result = verify(stream.read(), signature.agency)
    except (OSError, SealError, ValueError) as error:
        messages.error(
            request, _("Vérification impossible : %(error)s") % {"error": error}
        )
        return back
    if result["intact"] and result["trusted"] and result["covers_whole_file"]:
        messages.success(
            request,
            _("PDF scellé intact, cachet reconnu par la racine de l'agence%(ts)s.")
            % {
                "ts": _(", horodaté")
                if result["timestamped"]
                else _(", sans horodatage")
            },
        )
    else:
        messages.error(
            request,
            _(
                "Le PDF scellé ne se vérifie pas : intact %(intact)s, reconnu "
                "%(trusted)s."
            )
            % {
                "intact": _("oui") if result["intact"] else _("non"),
                "trusted": _("oui") if result["trusted"] else _("non"),
            },
        )
    return back


@require_POST
def signature_seal_again(request, pk):
    """Queue the sealing again, for a signature whose sealing failed (a seal
    certificate missing or expired at the time, say)."""
    from .tasks import seal_signature

    signature = signature_for_staff(request.user, pk)
    if not can_seal_again(request.user, signature):
        # A plain 403: Wagtail would turn PermissionDenied into a redirect home.
        return HttpResponseForbidden()
    if signature.status == Signature.Status.SIGNED and not signature.signed_document_id:
        seal_signature.enqueue(signature.pk)
        messages.success(request, _("Scellement relancé."))
    else:
        messages.error(request, _("Rien à sceller pour cette signature."))
    return redirect(Signature.snippet_viewset.get_url_name("inspect"), pk)
