"""The document model: categories that fit the person, the period shown once,
French labels."""

import pytest
from django.core.exceptions import ValidationError

from media.models import CATEGORIES_OF_KIND, Category, PortalDocument
from tests.factories import DocumentFactory, IntervenantFactory

pytestmark = pytest.mark.django_db

CLIENT_ONLY = ["quote", "contract", "invoice", "tax_certificate", "caf_certificate"]


class TestCategories:
    def test_a_client_receives_no_payslip(self):
        assert Category.PAYSLIP not in CATEGORIES_OF_KIND["client"]

    def test_an_intervenant_receives_payslips_and_resources_only(self):
        assert CATEGORIES_OF_KIND["intervenant"] == [
            Category.PAYSLIP,
            Category.RESOURCE,
        ]

    def test_a_collective_document_is_a_resource(self):
        assert CATEGORIES_OF_KIND["collective"] == [Category.RESOURCE]

    def test_a_payslip_for_a_client_is_invalid(self, agency, client_person):
        with pytest.raises(ValidationError) as error:
            DocumentFactory(agency=agency, owner=client_person, category="payslip")
        assert "category" in error.value.message_dict

    @pytest.mark.parametrize("category", CLIENT_ONLY)
    def test_client_documents_are_invalid_for_an_intervenant(self, agency, category):
        intervenant = IntervenantFactory(agency=agency)
        with pytest.raises(ValidationError):
            DocumentFactory(agency=agency, owner=intervenant, category=category)

    @pytest.mark.parametrize("category", ["invoice", "payslip"])
    def test_a_collective_document_cannot_be_a_business_document(
        self, agency, category
    ):
        with pytest.raises(ValidationError):
            DocumentFactory(agency=agency, for_clients=True, category=category)

    @pytest.mark.parametrize("category", CLIENT_ONLY + ["resource"])
    def test_every_client_category_fits_a_client(self, agency, client_person, category):
        DocumentFactory(agency=agency, owner=client_person, category=category)


class TestPeriodLabel:
    @pytest.mark.parametrize(
        ("year", "period", "label"),
        [
            (2026, "2026-11", "novembre 2026"),
            (None, "2026-01", "janvier 2026"),
            (2025, "", "2025"),
            (2026, "T1 2026", "T1 2026"),
            (None, "", ""),
        ],
    )
    def test_the_period_shows_once(self, year, period, label):
        assert PortalDocument(year=year, period=period).period_label == label


class TestLabels:
    def test_fields_read_in_french(self):
        names = {
            field.name: str(field.verbose_name)
            for field in PortalDocument._meta.get_fields()
            if hasattr(field, "verbose_name")
        }
        assert names["for_clients"] == "portail clients"
        assert names["for_intervenants"] == "portail intervenants"
        assert names["published_at"] == "date de publication"
        assert names["category"] == "catégorie"
        assert str(PortalDocument._meta.verbose_name) == "document"

    def test_the_portal_permission_reads_in_french(self):
        from django.contrib.auth.models import Permission

        permission = Permission.objects.get(codename="view_portal_document")
        assert permission.name == "Peut voir le document sur un portail"

    @pytest.mark.parametrize(
        ("fields", "label"),
        [
            ({"for_clients": True}, "Clients"),
            ({"for_intervenants": True}, "Intervenants"),
            (
                {"for_clients": True, "for_intervenants": True},
                "Clients et intervenants",
            ),
            ({}, "Aucun"),
        ],
    )
    def test_the_audience_is_named(self, fields, label):
        assert PortalDocument(**fields).audience_label == label
