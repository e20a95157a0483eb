import pytest
from django.urls import reverse

from billing.models import Invoice, Quote
from tests.conftest import sign_in
from tests.documents import pdf_upload
from tests.factories import ClientFactory, make_staff

from .helpers import make_invoice, make_quote

pytestmark = pytest.mark.django_db


def url(model, name, *args):
    return reverse(model.snippet_viewset.get_url_name(name), args=args)


@pytest.fixture
def staff(client, agency):
    return sign_in(client, make_staff(agency))


def test_staff_add_a_quote_with_its_pdf(staff, agency, client_person):
    response = staff.post(
        url(Quote, "add"),
        {
            "agency": agency.pk,
            "client": client_person.pk,
            "number": "D-2026-001",
            "title": "Aide à domicile",
            "issued_on": "2026-11-02",
            "status": "pending",
            "amount_cents": "45000",
            "currency": "EUR",
            "pdf": pdf_upload(),
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    quote = Quote.objects.get(number="D-2026-001")
    assert quote.document.client == client_person and quote.document.is_published


def test_a_quote_without_a_pdf_is_refused(staff, agency, client_person):
    response = staff.post(
        url(Quote, "add"),
        {
            "agency": agency.pk,
            "client": client_person.pk,
            "number": "D-2",
            "title": "Devis",
            "issued_on": "2026-11-02",
            "status": "pending",
            "amount_cents": "100",
            "currency": "EUR",
        },
    )
    assert response.status_code == 200
    assert "pdf" in response.context["form"].errors
    assert not Quote.objects.exists()


def test_a_paid_invoices_pdf_cannot_be_replaced(staff, client_person):
    invoice = make_invoice(client_person, status="paid", amount_due_cents=0)
    form = staff.get(url(Invoice, "edit", invoice.pk)).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(agency=invoice.agency_id, client=invoice.client_id, pdf=pdf_upload())
    response = staff.post(url(Invoice, "edit", invoice.pk), data)
    assert "pdf" in response.context["form"].errors


def test_staff_see_only_their_agencys_records(staff, client_person, other_agency):
    mine = make_quote(client_person, title="Le nôtre")
    theirs = make_quote(ClientFactory(agency=other_agency), title="Le leur")
    listing = staff.get(url(Quote, "list")).content.decode()
    assert "Le nôtre" in listing and "Le leur" not in listing
    assert staff.get(url(Quote, "edit", theirs.pk)).status_code == 404
    assert staff.get(url(Quote, "edit", mine.pk)).status_code == 200
    assert staff.post(url(Quote, "delete", theirs.pk)).status_code == 404
    assert Quote.objects.filter(pk=theirs.pk).exists()
