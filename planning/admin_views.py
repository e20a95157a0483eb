"""Staff review coupons (validate, or refuse with a reason) and choose their daily
digest. A coupon's declared values are the intervenant's: nothing here edits them."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from access.admin_ui import AdminPage
from access.errors import ApplicationError
from access.models import Agency
from access.staff_scope import staff_rows, staff_rows_with_permission

from .coupons import coupon_reject, coupon_validate
from .digest import digest_agencies_of, digest_subscriptions_set
from .display import format_when
from .models import Coupon
from .wording import item_description


def coupon_for_staff(user, pk):
    """One of the staff member's agencies' coupons; another agency's is a 404."""
    rows = staff_rows_with_permission(Coupon, user, ["change"]).select_related(
        "agency", "intervenant", "intervention__client", "decided_by"
    )
    return get_object_or_404(rows, pk=pk)


def coupons_url():
    return reverse(Coupon.snippet_viewset.get_url_name("list"))


def review_url(coupon):
    return reverse("planning_admin:coupon_review", args=[coupon.pk])


def shift(planned, declared) -> str:
    """`+30 min`, `−1 h 15` from what was planned to what was declared (moments or
    durations); empty when they agree."""
    minutes = round((declared - planned).total_seconds() / 60)
    if minutes == 0:
        return ""
    sign = "+" if minutes > 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    if not hours:
        return f"{sign}{rest} min"
    return f"{sign}{hours} h {rest:02d}"


def duration(start, end) -> str:
    hours, rest = divmod(round((end - start).total_seconds() / 60), 60)
    return f"{hours} h {rest:02d}"


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Motif du refus"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "L'intervenant lit ce motif sur son portail et peut déclarer à nouveau."
        ),
        error_messages={"required": gettext_lazy("Indiquez le motif du refus.")},
    )


# A decided coupon's sentence: with when and by whom, with when, or bare.
DECISIONS = {
    Coupon.Status.VALIDATED: (
        gettext_lazy("Validé le %(when)s par %(who)s."),
        gettext_lazy("Validé le %(when)s."),
        gettext_lazy("Validé."),
    ),
    Coupon.Status.REJECTED: (
        gettext_lazy("Refusé le %(when)s par %(who)s."),
        gettext_lazy("Refusé le %(when)s."),
        gettext_lazy("Refusé."),
    ),
}


class CouponReviewView(WagtailAdminTemplateMixin, TemplateView):
    """The coupon's screen: what was planned beside what the intervenant declared,
    with Valider and Refuser while it is submitted, its decision once decided."""

    template_name = "planning/admin/coupon_review.html"
    page_title = gettext_lazy("Coupon")
    header_icon = "clipboard-list"

    def dispatch(self, request, *args, **kwargs):
        self.coupon = coupon_for_staff(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return _("Coupon %(item)s") % {"item": item_description(self.coupon)}

    def get_header_title(self):
        return self.get_page_subtitle()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": coupons_url(), "label": capfirst(Coupon._meta.verbose_name_plural)},
            {"url": "", "label": self.get_page_subtitle()},
        ]

    def times(self):
        coupon, agency = self.coupon, self.coupon.agency
        planned_start, planned_end = coupon.planned
        return [
            {
                "label": _("Début"),
                "planned": format_when(planned_start, agency),
                "declared": format_when(coupon.start, agency),
                "shift": shift(planned_start, coupon.start),
            },
            {
                "label": _("Fin"),
                "planned": format_when(planned_end, agency),
                "declared": format_when(coupon.end, agency),
                "shift": shift(planned_end, coupon.end),
            },
            {
                "label": _("Durée"),
                "planned": duration(planned_start, planned_end),
                "declared": duration(coupon.start, coupon.end),
                "shift": shift(planned_end - planned_start, coupon.end - coupon.start),
            },
        ]

    def kilometres(self):
        if self.coupon.kilometres is None:
            return ""
        km = self.coupon.kilometres
        places = 0 if km == km.to_integral_value() else 1
        return _("%(km)s km") % {"km": formats.number_format(km, decimal_pos=places)}

    def decision(self):
        coupon = self.coupon
        if not coupon.is_decided:
            return ""
        when = format_when(coupon.decided_at, coupon.agency)
        who = ""
        if coupon.decided_by is not None:
            who = coupon.decided_by.get_full_name() or coupon.decided_by.username
        if coupon.status not in DECISIONS:
            return _("Annulé par l'intervenant.")
        dated_by, dated, bare = DECISIONS[coupon.status]
        text = dated_by if when and who else dated if when else bare
        return text % {"when": when, "who": who}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        coupon = self.coupon
        context.update(
            coupon=coupon,
            times=self.times(),
            kilometres=self.kilometres(),
            decision=self.decision(),
            reject_form=kwargs.get("reject_form") or RejectForm(),
            intervention_url=reverse(
                type(coupon.intervention).snippet_viewset.get_url_name("edit"),
                args=[coupon.intervention_id],
            ),
            coupons_url=coupons_url(),
        )
        return context


class CouponDecisionView(CouponReviewView):
    """A POST that decides on the coupon. A refused decision goes back to the
    review with the reason; a decision made goes on to the page asked for."""

    def decide(self, decision, done_message):
        try:
            decision()
        except ApplicationError as error:
            messages.error(self.request, error.message)
            return redirect(review_url(self.coupon))
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
            return redirect(review_url(self.coupon))
        messages.success(
            self.request, done_message % {"item": item_description(self.coupon)}
        )
        return redirect(get_valid_next_url_from_request(self.request) or coupons_url())


class CouponValidateView(CouponDecisionView):
    """POST: the coupon is validated as declared (the visit becomes done)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        return self.decide(
            lambda: coupon_validate(coupon=self.coupon, by=request.user),
            _("Le coupon %(item)s a été validé : l'intervention est réalisée."),
        )


class CouponRejectView(CouponDecisionView):
    """POST: the coupon is refused, with the reason the intervenant will read."""

    def get(self, request, *args, **kwargs):
        return redirect(review_url(self.coupon))

    def post(self, request, *args, **kwargs):
        form = RejectForm(request.POST)
        if not form.is_valid():
            messages.error(
                request, _("Le coupon n'a pas été refusé : indiquez le motif.")
            )
            return self.render_to_response(self.get_context_data(reject_form=form))
        return self.decide(
            lambda: coupon_reject(
                coupon=self.coupon, reason=form.cleaned_data["reason"], by=request.user
            ),
            _("Le coupon %(item)s a été refusé."),
        )


class DigestView(AdminPage, TemplateView):
    """Staff choose, per agency, to receive the daily e-mail of portal changes."""

    template_name = "planning/admin/digest.html"
    page_title = gettext_lazy("Résumé quotidien du planning")
    header_icon = "mail"

    def get_context_data(self, **kwargs):
        agencies = digest_agencies_of(
            user=self.request.user, agencies=staff_rows(Agency, self.request.user)
        )
        return super().get_context_data(agencies=agencies, **kwargs)

    def post(self, request, *args, **kwargs):
        # Compared as text: a posted value need not be a number (« ² » is a digit).
        wanted = set(request.POST.getlist("agency"))
        digest_subscriptions_set(
            user=request.user,
            agencies=staff_rows(Agency, request.user),
            wanted=wanted,
        )
        messages.success(request, _("Vos préférences sont enregistrées."))
        return redirect(request.path)
