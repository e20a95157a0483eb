import re

import pytest
from django.core import mail
from django.urls import reverse

from billing import signatures as services
from billing.models import Signature, Terms
from tests.conftest import sign_in
from tests.documents import pdf_upload
from tests.factories import ClientFactory, make_account, make_staff

from .helpers import make_quote

pytestmark = pytest.mark.django_db
META = {"ip": "203.0.113.7", "user_agent": "pytest", "identifier": "x"}


def signed_signature(account):
    quote = make_quote(account.client)
    signature = services.signature_open(account=account, record=quote, meta=META)
    services.signature_accept_terms(
        signature=signature, version="2026-11", read_to_end=True, meta=META
    )
    services.signature_send_code(signature=signature, meta=META)
    code = re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)
    services.signature_confirm(signature=signature, code=code, meta=META)
    return services.signature_seal(signature=signature)


@pytest.fixture
def staff(client, agency):
    return sign_in(client, make_staff(agency))


def inspect_url(signature):
    return reverse(
        Signature.snippet_viewset.get_url_name("inspect"), args=[signature.pk]
    )


def test_staff_see_the_evidence_and_verify_the_seal(staff, client_account, terms, seal):
    signature = signed_signature(client_account)
    page = staff.get(inspect_url(signature)).content.decode()
    assert "code_verified" in page and "La chaîne de preuve est intacte." in page
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
    sign_in(client, make_staff(other_agency))
    assert client.get(inspect_url(signature)).status_code == 404
    verify = reverse("billing_admin:signature_verify", args=[signature.pk])
    assert client.post(verify).status_code == 404


def test_staff_publish_a_new_version_of_the_terms(staff, agency):
    response = staff.post(
        reverse(Terms.snippet_viewset.get_url_name("add")),
        {"agency": agency.pk, "version": "2027-01", "pdf": pdf_upload()},
    )
    assert response.status_code == 302
    terms = Terms.objects.get(version="2027-01")
    assert terms.document.for_clients and terms.document.is_published
    assert len(terms.sha256) == 64


def test_the_newest_terms_are_the_ones_asked_for(agency, terms, client_person):
    from billing.services import terms_publish

    newer = terms_publish(agency=agency, version="2027-01", upload=pdf_upload())
    account = make_account(ClientFactory(agency=agency))
    quote = make_quote(account.client)
    signature = services.signature_open(account=account, record=quote, meta=META)
    assert signature.terms == newer


def test_a_failed_sealing_can_be_run_again(
    staff, client_account, terms, seal, settings
):
    settings.PORTAL_SEAL_PKCS12 = "/nonexistent/seal.p12"
    quote = make_quote(client_account.client)
    signature = services.signature_open(account=client_account, record=quote, meta=META)
    services.signature_accept_terms(
        signature=signature, version="2026-11", read_to_end=True, meta=META
    )
    services.signature_send_code(signature=signature, meta=META)
    code = re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)
    services.signature_confirm(signature=signature, code=code, meta=META)
    from billing.sealing import SealError

    with pytest.raises(SealError):  # what the worker would have met
        services.signature_seal(signature=signature)
    assert "Sceller à nouveau" in staff.get(inspect_url(signature)).content.decode()
    settings.PORTAL_SEAL_PKCS12 = str(seal / "seal.p12")
    staff.post(reverse("billing_admin:signature_seal", args=[signature.pk]))
    signature.refresh_from_db()
    assert signature.signed_document_id
