from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BillingConfig(AppConfig):
    name = "billing"
    verbose_name = _("Facturation")

    def ready(self):
        from media.locks import register_document_locker

        from .locks import LOCKERS
        from .providers import refuse_a_forbidden_sandbox

        refuse_a_forbidden_sandbox()

        for locker in LOCKERS:
            register_document_locker(locker)
