"""The second factor's pages: the code at sign-in, setting up an app, the recovery
codes (shown once) and the staff member's own page, linked from their account."""

from base64 import b32encode

import segno
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import services
from .forms import AppCodeForm, CodeForm

NEW_CODES_SESSION_KEY = "two_factor_new_codes"


def next_url(request) -> str:
    """Where to go once done: the page asked for, on this site only."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


def with_next(view_name: str, request) -> str:
    return f"{reverse(view_name)}?{urlencode({'next': next_url(request)})}"


class VerifyView(FormView):
    """The code asked after the password: from the app, or a recovery code."""

    template_name = "access/two_factor/verify.html"
    form_class = CodeForm
    extra_context = {"title": gettext_lazy("Code de vérification")}

    def dispatch(self, request, *args, **kwargs):
        if services.pending_step(request.user) != "verify":
            return redirect(next_url(request))
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["code"].label = _("Code de l'application ou code de secours")
        return form

    def form_valid(self, form):
        try:
            right = services.verify(self.request, form.cleaned_data["code"])
        except services.LockedOut:
            form.add_error(
                None,
                _("Trop de codes erronés. Réessayez dans quelques minutes."),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        if not right:
            form.add_error(None, _("Code incorrect."))
            return self.form_invalid(form)
        return redirect(next_url(self.request))


class SetupView(FormView):
    """Setting up an authenticator app: scan the QR code (or type the key), confirm
    with a code it shows."""

    template_name = "access/two_factor/setup.html"
    form_class = AppCodeForm
    extra_context = {"title": gettext_lazy("Configurer la double authentification")}

    def dispatch(self, request, *args, **kwargs):
        if not services.may_enrol(request.user):
            return redirect(with_next("two_factor:verify", request))
        self.device = services.enrolment_device(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        key = b32encode(self.device.bin_key).decode()
        qr = segno.make(self.device.config_url, error="m")
        return super().get_context_data(
            qr_code=qr.svg_data_uri(scale=5, border=2, dark="#000", light="#fff"),
            key_groups=[key[i : i + 4] for i in range(0, len(key), 4)],
            required=services.required(),
            **kwargs,
        )

    def form_valid(self, form):
        codes = services.confirm_enrolment(
            self.request, self.device, form.cleaned_data["code"]
        )
        if codes is None:
            form.add_error(
                None,
                _(
                    "Code incorrect. Vérifiez que l'heure de votre téléphone est "
                    "juste, puis saisissez le code affiché à ce moment-là."
                ),
            )
            return self.form_invalid(form)
        self.request.session[NEW_CODES_SESSION_KEY] = codes
        return redirect(with_next("two_factor:recovery_codes", self.request))


class RecoveryCodesView(TemplateView):
    """The recovery codes just issued, shown this once."""

    template_name = "access/two_factor/recovery_codes.html"
    extra_context = {"title": gettext_lazy("Vos codes de secours")}

    def get(self, request, *args, **kwargs):
        codes = request.session.pop(NEW_CODES_SESSION_KEY, None)
        if not codes:
            return redirect("two_factor:devices")
        return self.render_to_response(
            self.get_context_data(codes=codes, next=next_url(request))
        )


class RegenerateRecoveryCodesView(View):
    http_method_names = ["post"]

    def post(self, request):
        if not services.has_app(request.user):
            return redirect("two_factor:devices")
        codes = services.regenerate_recovery_codes(request.user)
        request.session[NEW_CODES_SESSION_KEY] = codes
        query = urlencode({"next": reverse("two_factor:devices")})
        return redirect(f"{reverse('two_factor:recovery_codes')}?{query}")


class DevicesView(WagtailAdminTemplateMixin, TemplateView):
    """The staff member's second factor: their app and how many recovery codes are
    left, with what they can change."""

    template_name = "access/two_factor/devices.html"
    page_title = gettext_lazy("Double authentification")
    header_icon = "lock"

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_account"), "label": _("Compte")},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        user = self.request.user
        app = services.app_device(user)
        return super().get_context_data(
            app=app,
            codes_left=services.recovery_codes_left(user) if app else 0,
            required=services.required(),
            **kwargs,
        )
