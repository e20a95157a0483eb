from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from access.formatting import format_agency_datetime
from access.models import SenderAddress
from access.services import account_email_change
from billing import signatures as services
from billing.models import Signature, Terms
from tests.billing.signing import META, signature_to_code, signed_signature
from tests.conftest import sign_in
from tests.factories.access import (
    PASSWORD,
    ClientFactory,
    PortalAccountFactory,
    StaffFactory,
)
from tests.factories.billing import QuoteFactory, TermsFactory
from tests.factories.media import pdf_upload

pytestmark = pytest.mark.django_db


def inspect_url(signature):
    return reverse(
        Signature.snippet_viewset.get_url_name("inspect"), args=[signature.pk]
    )


def test_staff_see_the_evidence_and_verify_the_seal(staff, client_account, terms, seal):
    signature = signed_signature(client_account)
    page = staff.get(inspect_url(signature)).content.decode()
    assert "Code vérifié : document signé" in page
    assert "La chaîne de preuve est intacte." in page
    response = staff.post(
        reverse("billing_admin:signature_verify", args=[signature.pk]), follow=True
    )
    assert "PDF scellé intact" in response.content.decode()


def test_a_tampered_sealed_pdf_fails_verification(staff, client_account, terms, seal):
    signature = signed_signature(client_account)
    file = signature.signed_document.file
    with file.open("rb") as stream:
        data = bytearray(stream.read())
    data[200] ^= 0x01  # in the original, which the seal covers
    with file.storage.open(file.name, "wb") as stream:
        stream.write(bytes(data))
    response = staff.post(
        reverse("billing_admin:signature_verify", args=[signature.pk]), follow=True
    )
    assert "ne se vérifie pas" in response.content.decode()


def test_another_agencys_signature_is_not_found(
    client, other_agency, client_account, terms, seal
):
    signature = signed_signature(client_account)
    sign_in(client, StaffFactory(agency=other_agency))
    assert client.get(inspect_url(signature)).status_code == 404
    verify = reverse("billing_admin:signature_verify", args=[signature.pk])
    assert client.post(verify).status_code == 404


def test_staff_publish_a_new_version_of_the_terms(staff, agency):
    add = reverse(Terms.snippet_viewset.get_url_name("add"))
    assert "Nouvelles conditions générales" in staff.get(add).content.decode()
    data = {"agency": agency.pk, "version": "2027-01", "pdf": pdf_upload()}
    response = staff.post(add, data, follow=True)
    page = response.content.decode()
    assert "Les conditions générales 2027-01 ont été publiées." in page
    assert "Publier de nouvelles conditions générales" in page
    terms = Terms.objects.get(version="2027-01")
    assert terms.document.for_clients and terms.document.is_published
    assert len(terms.sha256) == 64


def test_the_newest_terms_are_the_ones_asked_for(agency, terms, client_person):
    newer = TermsFactory(agency=agency, version="2027-01")
    account = PortalAccountFactory(person=ClientFactory(agency=agency))
    quote = QuoteFactory(client=account.client)
    signature = services.signature_open(account=account, record=quote, meta=META)
    assert signature.terms == newer


def unsealed_signature(client_account, settings):
    """A signed signature whose sealing failed (no seal certificate at the time)."""
    settings.PORTAL_SEAL_PKCS12 = "/nonexistent/seal.p12"
    signature = signed_signature(client_account, seal=False)
    from billing.sealing import SealError

    with pytest.raises(SealError):  # what the worker would have met
        services.signature_seal(signature=signature)
    return signature


def test_a_failed_sealing_can_be_run_again(
    client, client_account, terms, seal, settings
):
    signature = unsealed_signature(client_account, settings)
    root = get_user_model().objects.create_superuser("root", "r@x.org", PASSWORD)
    sign_in(client, root)
    assert "Sceller à nouveau" in client.get(inspect_url(signature)).content.decode()
    settings.PORTAL_SEAL_PKCS12 = str(seal / "seal.p12")
    client.post(reverse("billing_admin:signature_seal", args=[signature.pk]))
    signature.refresh_from_db()
    assert signature.signed_document_id


def test_sealing_again_takes_the_change_permission_not_view(
    staff, client_account, terms, seal, settings
):
    signature = unsealed_signature(client_account, settings)
    page = staff.get(inspect_url(signature)).content.decode()
    assert "pas encore été produit" in page
    assert "Sceller à nouveau" not in page
    settings.PORTAL_SEAL_PKCS12 = str(seal / "seal.p12")
    response = staff.post(reverse("billing_admin:signature_seal", args=[signature.pk]))
    assert response.status_code == 403
    signature.refresh_from_db()
    assert not signature.signed_document_id


class TestInspectPage:
    def test_staff_read_the_evidence_in_french_on_the_agencys_clock(
        self, staff, martinique, client_account, terms, seal
    ):
        signature = signed_signature(client_account)
        page = staff.get(inspect_url(signature)).content.decode()
        for label in (
            "Détail de la signature",
            "Ouverte le",
            "Signée le",
            "Conditions générales",
            "version 2026-11",
            "Document ouvert",
            "Conditions générales lues",
            "Conditions générales acceptées",
            "Code envoyé",
            "Code vérifié : document signé",
            "PDF signé scellé",
            "Adresse IP",
            "203.0.113.7",
            "Lues jusqu&#x27;au bout :",
            "Destinataire :",
        ):
            assert label in page, label
        assert format_agency_datetime(signature.created_at, martinique) in page
        assert format_agency_datetime(signature.signed_at, martinique) in page
        for event in signature.events.all():
            assert format_agency_datetime(event.at, martinique, "d/m/Y H:i:s") in page
        paris = signature.signed_at.astimezone(ZoneInfo("Europe/Paris"))
        assert paris.strftime("%d/%m/%Y %H:%M") not in page
        main = page.split('id="main"')[1].split('class="nice-padding">', 1)[1]
        for raw in (
            "code_sent",
            "opened",
            "terms_accepted",
            "{&#x27;",
            "None",
            "True",
            "Code digest",
            "Evidence head",
            "Created at",
            "Contrat :",
        ):
            assert raw not in main, raw

    def test_staff_read_whose_address_received_the_code(
        self, staff, agency, client_account, terms
    ):
        colleague = StaffFactory(agency=agency)
        colleague.first_name, colleague.last_name = "Sam", "Bureau"
        colleague.save()
        account_email_change(
            account=client_account,
            email="bureau@agence.example",
            changed_by=colleague,
        )
        signature = signature_to_code(client_account)
        page = staff.get(inspect_url(signature)).content.decode()
        for text in (
            "Adresse prise dans :",
            "l&#x27;adresse e-mail du compte de portail",
            "Adresse du compte :",
            "bureau@agence.example",
            "Adresse confirmée par le client :",
            "Identifiants du compte :",
            "Mot de passe saisi par l&#x27;agence",
            "Adresse du compte modifiée le",
            "camille@example.org → bureau@agence.example, par Sam Bureau",
        ):
            assert text in page, text

    def test_an_unknown_detail_still_reads_as_lines(self, agency):
        from billing.evidence_display import event_details

        lines = event_details({"ip": None, "extra": {"a": 1}}, agency)
        assert lines == [("Adresse IP", "—"), ("extra › a", "1")]


class TestSenderAddress:
    def test_the_code_goes_out_from_the_agencys_first_sender_address(
        self, agency, client_account, terms
    ):
        SenderAddress.objects.create(
            agency=agency, email="autre@alpha.example", sort_order=1
        )
        SenderAddress.objects.create(
            agency=agency,
            email="facturation@alpha.example",
            display_name="Agence Alpha",
            sort_order=0,
        )
        mail.outbox.clear()
        signature_to_code(client_account)
        (message,) = mail.outbox
        assert message.from_email == "Agence Alpha <facturation@alpha.example>"
        assert message.to == [client_account.email]
        assert "portail@localhost" not in message.message().as_string()

    def test_without_a_display_name_the_agency_signs_with_its_name(
        self, agency, client_account, terms
    ):
        SenderAddress.objects.create(agency=agency, email="contact@alpha.example")
        mail.outbox.clear()
        signature_to_code(client_account)
        assert mail.outbox[0].from_email == f"{agency.name} <contact@alpha.example>"

    def test_staff_hear_of_a_signature_from_the_agencys_address(
        self, agency, client_account, terms, seal, django_capture_on_commit_callbacks
    ):
        SenderAddress.objects.create(agency=agency, email="contact@alpha.example")
        marie = StaffFactory(agency=agency)
        marie.email = "marie@alpha.example"
        marie.save(update_fields=["email"])
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            signature = signed_signature(client_account)
        (notice,) = [m for m in mail.outbox if m.to == ["marie@alpha.example"]]
        assert notice.from_email == f"{agency.name} <contact@alpha.example>"
        assert format_agency_datetime(signature.signed_at, agency) in notice.body
        assert f"/signature/inspect/{signature.pk}/" in notice.body
