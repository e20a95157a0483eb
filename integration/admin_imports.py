"""*Importer* in the admin: staff upload a CSV or Excel file for one of their
agencies, read the preview of every row (nothing saved), then apply it all or
nothing (integration/imports.py does the work, as `import_file` does).

Between the preview and the application the file waits in the private storage
(shared by every node, on disk or S3) under a random name in the staff member's
folder; the session (server side) holds that name with the agency and the kind, so
that applying re-reads what staff previewed and nothing the browser sends but the
name, which must be the one of their session. It expires after an hour."""

import secrets
import time

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permissions import policy_registry

from access.admin_ui import AdminTitleMixin
from access.models import Agency
from access.staff_scope import staff_rows
from media.storage import private_storage

from .import_billing import (
    BILLING_KINDS,
    MAX_PDF_TOTAL,
    MAX_PDFS,
    PdfFiles,
    pdfs_read,
)
from .imports import KINDS, MAX_FILE_SIZE, ImportFileError, import_file

SESSION_KEY = "integration_imports"
FOLDER = "imports"
TTL = 3600  # seconds a previewed file waits to be applied

TITLES = {
    "clients": gettext_lazy("Importer des clients"),
    "intervenants": gettext_lazy("Importer des intervenants"),
    "interventions": gettext_lazy("Importer des interventions"),
    "availabilities": gettext_lazy("Importer des disponibilités"),
    "absences": gettext_lazy("Importer des absences"),
    "quotes": gettext_lazy("Importer des devis"),
    "contracts": gettext_lazy("Importer des contrats"),
    "invoices": gettext_lazy("Importer des factures"),
}


def can_import(user, kind: str) -> bool:
    """Adding and changing that kind of row, in at least one agency."""
    policy = policy_registry.get_by_type(KINDS[kind].model)
    return (
        policy.user_has_permission(user, "add")
        and policy.user_has_permission(user, "change")
        and staff_rows(Agency, user).exists()
    )


# The main menu's submenus (by name) that get an « Importer » item, and the kinds
# it imports: the item opens the first one staff may import, and the page links to
# the others.
MENUS = {
    "clients": ("clients",),
    "intervenants": ("intervenants",),
    "planning": ("interventions", "availabilities", "absences"),
    "billing": tuple(BILLING_KINDS),
}


def import_menu_items(request, menu_items) -> None:
    """For the construct_main_menu hook: *Importer* in the Clients, Intervenants,
    Planning and Facturation submenus, for staff who may. The submenu is copied for
    this request: the registered one is shared by all."""
    for index, item in enumerate(menu_items):
        kinds = MENUS.get(item.name, ())
        kind = next((k for k in kinds if can_import(request.user, k)), None)
        if not isinstance(item, SubmenuMenuItem) or kind is None:
            continue
        entry = MenuItem(
            gettext_lazy("Importer"),
            reverse("integration_admin:import", args=[kind]),
            name=f"import-{kind}",
            icon_name="upload",
            order=900,
        )
        menu_items[index] = SubmenuMenuItem(
            item.label,
            Menu(items=[*item.menu.registered_menu_items, entry]),
            name=item.name,
            classname=item.classname,
            icon_name=item.icon_name,
            attrs=item.attrs,
            order=item.order,
        )


class ImportForm(forms.Form):
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.none(), label=gettext_lazy("Agence")
    )
    file = forms.FileField(
        label=gettext_lazy("Fichier"),
        help_text=gettext_lazy(
            "CSV (séparé par « ; » ou « , ») ou Excel (.xlsx) ; la première ligne "
            "nomme les colonnes."
        ),
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        if len(agencies) == 1:
            self.fields["agency"].initial = agencies[0]
            self.fields["agency"].empty_label = None

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_SIZE:
            raise forms.ValidationError(
                _("Le fichier dépasse %(size)d Mo.") % {"size": MAX_FILE_SIZE // 2**20}
            )
        return upload


class MultiplePdfInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePdfField(forms.FileField):
    widget = MultiplePdfInput

    def clean(self, data, initial=None):
        # The list of uploads as sent: each PDF is checked as the row stores it.
        return [upload for upload in (data or []) if upload]


class BillingImportForm(ImportForm):
    """The table and the PDFs its rows name (*Fichier PDF*), several at once."""

    pdfs = MultiplePdfField(
        label=gettext_lazy("PDF"),
        required=False,
        widget=MultiplePdfInput(attrs={"accept": ".pdf,.zip"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Formatted here, in the request's language, not once at import time.
        self.fields["pdfs"].help_text = _(
            "Sélectionnez ensemble tous les PDF que nomme la colonne « Fichier PDF », "
            "ou une archive .zip qui les contient (%(count)d fichiers au plus, "
            "%(size)d Mo en tout) ; un PDF n'est requis que pour créer."
        ) % {"count": MAX_PDFS, "size": MAX_PDF_TOTAL // 2**20}

    def clean_pdfs(self):
        return pdfs_read(self.cleaned_data["pdfs"])


# The file between preview and application


def _path(user, token: str) -> str:
    return f"{FOLDER}/{user.pk}/{token}"


def _purge_expired(storage) -> None:
    """Files previewed and never applied, by anyone, once expired."""
    try:
        folders, _files = storage.listdir(FOLDER)
    except (FileNotFoundError, NotADirectoryError):
        return
    now = time.time()
    for folder in folders:
        for name in storage.listdir(f"{FOLDER}/{folder}")[1]:
            path = f"{FOLDER}/{folder}/{name}"
            if now - storage.get_modified_time(path).timestamp() > TTL:
                storage.delete(path)


def pending_store(request, *, kind, agency, name, content) -> str:
    storage = private_storage()
    _purge_expired(storage)
    pending = request.session.get(SESSION_KEY, {})
    previous = pending.get(kind)
    if previous:
        storage.delete(previous["path"])
    token = secrets.token_urlsafe(24)
    path = storage.save(_path(request.user, token), ContentFile(content))
    pending[kind] = {
        "token": token,
        "path": path,  # as the storage named it
        "agency": agency.pk,
        "name": name,
        "at": time.time(),
    }
    request.session[SESSION_KEY] = pending
    return token


def pending_take(request, *, kind, token):
    """(meta, content) of the file previewed under `token`, removed from the
    session and the storage; None when it is not this session's or has expired."""
    pending = request.session.get(SESSION_KEY, {})
    meta = pending.get(kind)
    # Bytes: compare_digest refuses str with non-ASCII characters (a forged token).
    if not meta or not secrets.compare_digest(
        meta["token"].encode(), (token or "").encode()
    ):
        return None
    del pending[kind]
    request.session[SESSION_KEY] = pending
    storage = private_storage()
    path = meta["path"]
    try:
        with storage.open(path, "rb") as file:
            content = file.read()
    except FileNotFoundError:
        return None
    finally:
        storage.delete(path)
    if time.time() - meta["at"] > TTL:
        return None
    return meta, content


# The views


class ImportView(AdminTitleMixin, WagtailAdminTemplateMixin, TemplateView):
    """GET: the form and the columns read. POST: the preview of the file sent."""

    template_name = "integration/import.html"
    header_icon = "upload"

    def dispatch(self, request, *args, kind, **kwargs):
        if kind not in KINDS:
            raise Http404
        if not can_import(request.user, kind):
            raise PermissionDenied
        self.kind = kind
        self.billing = kind in BILLING_KINDS
        self.form_class = BillingImportForm if self.billing else ImportForm
        self.agencies = staff_rows(Agency, request.user).order_by("name")
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return TITLES[self.kind]

    def listing_url(self):
        return reverse(KINDS[self.kind].model.snippet_viewset.get_url_name("list"))

    def get_breadcrumbs_items(self):
        model = KINDS[self.kind].model
        return [
            *WagtailAdminTemplateMixin.breadcrumbs_items,
            {
                "url": self.listing_url(),
                "label": capfirst(model._meta.verbose_name_plural),
            },
            # Wagtail shows the last item as the page's visible title.
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", self.form_class(agencies=self.agencies))
        return super().get_context_data(
            kind=self.kind,
            spec=KINDS[self.kind],
            columns=KINDS[self.kind].columns,
            # The page links to the other kinds of its menu (the menu opens one).
            other_kinds=[
                (TITLES[k], reverse("integration_admin:import", args=[k]))
                for k in next((ks for ks in MENUS.values() if self.kind in ks), ())
                if k != self.kind and can_import(self.request.user, k)
            ],
            listing_url=self.listing_url(),
            apply_url=reverse("integration_admin:import_apply", args=[self.kind]),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = self.form_class(request.POST, request.FILES, agencies=self.agencies)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        agency, upload = form.cleaned_data["agency"], form.cleaned_data["file"]
        content = upload.read()
        files = PdfFiles(form.cleaned_data["pdfs"]) if self.billing else None
        try:
            report = import_file(
                agency=agency,
                kind=self.kind,
                content=content,
                name=upload.name,
                preview=True,
                files=files,
            )
        except ImportFileError as error:
            form.add_error("file", error.message)
            return self.render_to_response(self.get_context_data(form=form))
        token = None
        if report.rows and not report.has_errors:
            token = pending_store(
                request,
                kind=self.kind,
                agency=agency,
                name=upload.name,
                # The table with its PDFs, as one file.
                content=content if files is None else files.pack(content),
            )
        return self.render_report(report, agency, upload.name, token=token)

    def render_report(self, report, agency, file_name, **more):
        """The page again with the file's report, the form ready for the next one
        of the same agency."""
        form = self.form_class(agencies=self.agencies, initial={"agency": agency})
        return self.render_to_response(
            self.get_context_data(
                form=form, report=report, agency=agency, file_name=file_name, **more
            )
        )


class ImportApplyView(ImportView):
    """POST only: the previewed file, read again and applied all or nothing."""

    def get(self, request, *args, **kwargs):
        return redirect("integration_admin:import", self.kind)

    def post(self, request, *args, **kwargs):
        taken = pending_take(request, kind=self.kind, token=request.POST.get("token"))
        if taken is None:
            messages.error(
                request,
                _(
                    "Ce fichier n'est plus disponible (plus d'une heure après "
                    "l'aperçu, ou déjà importé) : envoyez-le de nouveau."
                ),
            )
            return redirect("integration_admin:import", self.kind)
        meta, content = taken
        # The agency is the one previewed, if the staff member still has it.
        agency = self.agencies.filter(pk=meta["agency"]).first()
        if agency is None:
            raise Http404
        files = None
        if self.billing:
            content, files = PdfFiles.unpack(content)
        try:
            report = import_file(
                agency=agency,
                kind=self.kind,
                content=content,
                name=meta["name"],
                preview=False,
                files=files,
            )
        except ImportFileError as error:
            messages.error(request, error.message)
            return redirect("integration_admin:import", self.kind)
        return self.render_report(report, agency, meta["name"])
