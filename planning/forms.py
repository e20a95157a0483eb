from access.forms import AgencyScopedForm
from access.models import Client, Intervenant
from access.selectors import agencies_for_staff


class PlanningItemForm(AgencyScopedForm):
    """The agency and its people, limited to the staff member's agencies."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is None:
            return
        agencies = agencies_for_staff(user=for_user)
        for name, model in (("client", Client), ("intervenant", Intervenant)):
            if name in self.fields:
                self.fields[name].queryset = model.objects.filter(agency__in=agencies)

    def clean(self):
        data = super().clean()
        agency = data.get("agency")
        for name in ("client", "intervenant"):
            person = data.get(name)
            if agency and person and person.agency_id != agency.pk:
                self.add_error(name, "La personne doit être de la même agence.")
        return data
