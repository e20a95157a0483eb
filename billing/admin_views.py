"""Staff see each signature's state and evidence, and re-validate its sealed PDF."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from access.admin_scoping import ScopedInspectView, scoped_rows

from .evidence import evidence_verify
from .models import Signature
from .sealing import SealError, verify


def signature_for_staff(user, pk):
    return get_object_or_404(scoped_rows(Signature, user, ["view"]), pk=pk)


class SignatureInspectView(ScopedInspectView):
    """The signature's state, its evidence chain (and whether it holds), and the
    Vérifier action for its sealed PDF."""

    template_name = "billing/admin/signature_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        events = list(self.object.events.all())
        context.update(
            events=events,
            broken_at=evidence_verify(events, self.object.evidence_head),
            verify_url=reverse("billing_admin:signature_verify", args=[self.object.pk]),
        )
        return context


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
    if signature.status == Signature.Status.SIGNED and not signature.signed_document_id:
        seal_signature.enqueue(signature.pk)
        messages.success(request, _("Scellement relancé."))
    else:
        messages.error(request, _("Rien à sceller pour cette signature."))
    return redirect(Signature.snippet_viewset.get_url_name("inspect"), pk)
