from django.utils.translation import gettext_lazy as _

from access.forms import AgencyScopedForm
from access.models import Agency, Client, Intervenant
from access.staff_scope import staff_rows


class PlanningItemForm(AgencyScopedForm):
    """The agency and its people, limited to the staff member's agencies; times on
    the agency's clock (the views run the form in the agency's time zone)."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self._name_the_clock()
        if for_user is None:
            return
        for name, model in (("client", Client), ("intervenant", Intervenant)):
            if name in self.fields:
                self.fields[name].queryset = staff_rows(model, for_user)

    def _name_the_clock(self):
        agency = None
        if self.instance.agency_id:
            agency = self.instance.agency
        elif "agency" in self.fields and self.fields["agency"].initial:
            agency = Agency.objects.filter(pk=self.fields["agency"].initial).first()
        if agency is None:
            return
        for name in ("start", "end"):
            if name in self.fields:
                self.fields[name].help_text = _("À l'heure de l'agence (%(zone)s).") % {
                    "zone": agency.time_zone
                }

    def clean(self):
        data = super().clean()
        agency = data.get("agency")
        for name in ("client", "intervenant"):
            person = data.get(name)
            if agency and person and person.agency_id != agency.pk:
                self.add_error(name, _("La personne doit être de la même agence."))
        return data
