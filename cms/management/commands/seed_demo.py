"""Load the demo agencies, portals, people and accounts (idempotent)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from access.models import Agency, Client, Intervenant, SenderAddress, fold_identifier
from access.services import portal_account_create
from cms.demo_billing import seed_billing
from cms.demo_documents import seed_documents
from cms.demo_messages import seed_messages
from cms.demo_planning import seed_planning
from home_pages.menu import every_section
from home_pages.models import PortalPage
from home_pages.services import agency_create, agency_setup, portal_page_configure

PASSWORD = "portail-demo-2026"

AGENCIES = [
    {
        "fields": {
            "name": "Agence Démo",
            "slug": "demo",
            "plan": Agency.Plan.PREMIUM,
            "client_module": True,
            "intervenant_module": True,
            "sender_emails": ("contact@demo.example", "planning@demo.example"),
        },
        # Staff of this agency only (not a superuser), as agencies work every day.
        "staff": ("marie", "marie@demo.example", "Marie", "Lefèvre"),
        "clients": [
            ("Camille", "Martin", "client1@demo.example", "C-001"),
            ("Louis", "Bernard", "client2@demo.example", "C-002"),
        ],
        # Without an account, to try « Création de portails »; one has no e-mail.
        "clients_without_account": [
            ("Jeanne", "Roux", "client3@demo.example", "C-003"),
            ("Paul", "Fournier", "client4@demo.example", "C-004"),
            ("Marcel", "Girard", "", "C-005"),
        ],
        "intervenants": [
            ("Inès", "Durand", "intervenant1@demo.example", "I-001"),
            ("Hugo", "Petit", "intervenant2@demo.example", "I-002"),
        ],
    },
    {
        "fields": {
            "name": "Agence Démo 2",
            "slug": "demo2",
            "plan": Agency.Plan.PREMIUM,
            "client_module": True,
            "intervenant_module": False,
            "sender_emails": ("contact@demo2.example",),
        },
        "staff": ("lucas", "lucas@demo2.example", "Lucas", "Garnier"),
        "clients": [("Alice", "Moreau", "client1@demo2.example", "C-001")],
        "clients_without_account": [],
        "intervenants": [],
    },
]

PORTAL_SETTINGS = {
    "client": {
        "menu_sections": every_section("client"),
        "planning_default_view": "week",
        "planning_interventions": ["view"],
        "planning_availabilities": [],
        "planning_absences": ["view", "create", "delete"],
        "links": [
            (
                "Demander une prestation",
                "https://forms.example.org/demande?client={client_id}&agence={agency}",
            )
        ],
    },
    "intervenant": {
        "menu_sections": every_section("intervenant"),
        "planning_default_view": "week",
        "planning_interventions": ["view"],
        "planning_availabilities": ["view", "create", "change", "delete"],
        "planning_absences": ["view", "create"],
        "links": [
            (
                "Note de frais",
                "https://forms.example.org/frais?intervenant={intervenant_id}",
            )
        ],
    },
}


class Command(BaseCommand):
    help = "Load the demo data (agencies demo and demo2, their people and accounts)."

    @transaction.atomic
    def handle(self, *args, **options):
        User = get_user_model()
        if not User.objects.filter(identifier_key=fold_identifier("admin")).exists():
            User.objects.create_superuser("admin", "admin@demo.example", PASSWORD)
        for spec in AGENCIES:
            agency = Agency.objects.filter(slug=spec["fields"]["slug"]).first()
            if agency is None:
                agency = agency_create(**spec["fields"])
                for page in PortalPage.objects.filter(portal__agency=agency):
                    portal_page_configure(
                        page=page, **PORTAL_SETTINGS[page.portal.kind]
                    )
            else:
                agency_setup(agency=agency)
            username, email, first_name, last_name = spec["staff"]
            if not User.objects.filter(
                identifier_key=fold_identifier(username)
            ).exists():
                staff = User.objects.create_user(
                    username,
                    email,
                    PASSWORD,
                    is_staff=True,
                    first_name=first_name,
                    last_name=last_name,
                )
                staff.groups.add(agency.staff_group)
            for email in spec["fields"]["sender_emails"]:
                SenderAddress.objects.get_or_create(
                    agency=agency, email=email, defaults={"display_name": agency.name}
                )
            for model, people, with_account in (
                (Client, spec["clients"], True),
                (Intervenant, spec["intervenants"], True),
                (Client, spec["clients_without_account"], False),
            ):
                for first_name, last_name, email, ref in people:
                    person = self.person(
                        model, agency, first_name, last_name, email, ref
                    )
                    if with_account and not person.accounts.exists():
                        portal_account_create(
                            person=person, identifier=email, password=PASSWORD
                        )
            seed_documents(agency)
            seed_billing(agency)
            seed_planning(agency)
            seed_messages(agency)
        self.stdout.write(
            self.style.SUCCESS(f"Demo data ready. Every demo password is {PASSWORD}.")
        )

    def person(self, model, agency, first_name, last_name, email, ref):
        person, _created = model.objects.get_or_create(
            agency=agency,
            external_ref=ref,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "email": email,
                "phone": "06 00 00 00 00",
                "address": "1 rue de la Paix",
                "postal_code": "75002",
                "city": "Paris",
            },
        )
        return person
