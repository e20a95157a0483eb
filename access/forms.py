from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm

from .models import Agency
from .staff_scope import staff_rows


class AgencyScopedForm(WagtailAdminModelForm):
    """A staff form whose agency can only be one of the staff member's agencies."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None and "agency" in self.fields:
            agencies = staff_rows(Agency, for_user)
            self.fields["agency"].queryset = agencies
            if self.instance.pk is None and len(agencies) == 1:
                self.fields["agency"].initial = agencies[0].pk
        if self.instance.pk is not None and "agency" in self.fields:
            # Accounts, documents and planning hang on the agency: it never changes.
            self.fields["agency"].disabled = True


def add_service_errors(
    form, error: ValidationError, *, unnamed=None, renamed=None
) -> None:
    """A service's refusal shown on its form: each message under its field, or above
    the form when the form has no such field. A refusal that names no field goes
    under `unnamed` (None: above the form); `renamed`: {service's field: form's
    field} where the two differ."""
    if not hasattr(error, "error_dict"):
        error = ValidationError({unnamed: error.error_list})
    for name, errors in error.error_dict.items():
        name = (renamed or {}).get(name, name)
        form.add_error(name if name in form.fields else None, errors)
