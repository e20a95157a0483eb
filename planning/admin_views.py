"""Staff validate or reject coupons."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from access.admin_scoping import scoped_rows
from access.errors import ApplicationError
from access.selectors import agencies_for_staff

from .coupons import coupon_reject, coupon_validate
from .models import Coupon, DigestSubscription


def coupon_for_staff(user, pk):
    return get_object_or_404(scoped_rows(Coupon, user, ["change"]), pk=pk)


def back_to_coupons():
    return redirect(Coupon.snippet_viewset.get_url_name("list"))


@require_POST
def validate(request, pk):
    try:
        coupon_validate(coupon=coupon_for_staff(request.user, pk))
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Coupon validé : l'intervention est réalisée."))
    return back_to_coupons()


class RejectForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Motif du refus"), max_length=300)


class RejectView(WagtailAdminTemplateMixin, FormView):
    template_name = "planning/admin/reject.html"
    form_class = RejectForm
    page_title = gettext_lazy("Refuser le coupon")
    header_icon = "cross"

    def dispatch(self, request, *args, **kwargs):
        self.coupon = coupon_for_staff(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.coupon)

    def form_valid(self, form):
        try:
            coupon_reject(coupon=self.coupon, reason=form.cleaned_data["reason"])
        except ApplicationError as error:
            messages.error(self.request, error.message)
        else:
            messages.success(self.request, _("Coupon refusé."))
        return back_to_coupons()


class DigestView(WagtailAdminTemplateMixin, TemplateView):
    """Staff choose, per agency, to receive the daily e-mail of portal changes."""

    template_name = "planning/admin/digest.html"
    page_title = gettext_lazy("Résumé quotidien du planning")
    header_icon = "mail"

    def get_context_data(self, **kwargs):
        subscribed = set(
            DigestSubscription.objects.filter(user=self.request.user).values_list(
                "agency_id", flat=True
            )
        )
        agencies = [
            (a, a.pk in subscribed) for a in agencies_for_staff(user=self.request.user)
        ]
        return super().get_context_data(agencies=agencies, **kwargs)

    def post(self, request, *args, **kwargs):
        wanted = set(request.POST.getlist("agency"))
        for agency in agencies_for_staff(user=request.user):
            if str(agency.pk) in wanted:
                DigestSubscription.objects.get_or_create(
                    user=request.user, agency=agency
                )
            else:
                DigestSubscription.objects.filter(
                    user=request.user, agency=agency
                ).delete()
        messages.success(request, _("Vos préférences sont enregistrées."))
        return redirect(request.path)
