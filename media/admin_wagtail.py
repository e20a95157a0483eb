"""Wagtail's own document views where our rules need a word: deleting a locked
document says why instead of failing (locks.py), and the multiple upload checks
each file as the single upload does (validation.py), never parking one in the
public media storage.

Served at Wagtail's addresses by the `register_admin_urls` hook that comes first
(wagtail_hooks.py)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from wagtail.documents.views import documents, multiple

from .validation import safe_file_name, validate_upload


class DeleteView(documents.DeleteView):
    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
            return redirect(reverse("wagtaildocs:edit", args=[self.object.pk]))


class MultipleDeleteView(multiple.DeleteView):
    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except ValidationError as error:
            return JsonResponse(
                {"success": False, "error_message": " ".join(error.messages)}
            )


class MultipleAddView(multiple.AddView):
    def get_upload_form_class(self):
        base = super().get_upload_form_class()

        class UploadForm(base):
            def full_clean(self):
                """Any error refuses the file: Wagtail would otherwise keep it as
                an UploadedFile, in the public media storage, until staff finish
                its form."""
                super().full_clean()
                if self._errors and "file" not in self._errors:
                    refused = ErrorList()
                    for errors in self._errors.values():
                        refused.extend(errors)
                    self._errors = {"file": refused}

        return UploadForm


class CreateFromUploadedDocumentView(multiple.CreateFromUploadedDocumentView):
    """A file parked by Wagtail's multiple upload (before MultipleAddView refused
    to park any) becomes a document only once checked, with its sniffed type."""

    def get_edit_form_class(self):
        base = super().get_edit_form_class()
        view = self

        class Form(base):
            def clean(self):
                data = super().clean()
                try:
                    self.instance.content_type = validate_upload(view.upload.file)
                except ValidationError as error:
                    self.add_error(None, error)
                return data

        return Form

    def save_object(self, form):
        upload = self.upload.file
        self.object.file.save(
            safe_file_name(upload.name, self.object.content_type),
            upload.file,
            save=False,
        )
        self.object.uploaded_by_user = self.request.user
        self.object._set_document_file_metadata()
        form.save()
