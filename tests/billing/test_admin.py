import pytest
from django.urls import reverse

from billing.models import Invoice, Payment, Quote
from tests.factories import (
    ClientFactory,
    InvoiceFactory,
    QuoteFactory,
    pdf_upload,
)

pytestmark = pytest.mark.django_db


def url(model, name, *args):
    return reverse(model.snippet_viewset.get_url_name(name), args=args)


def sandbox_payment(invoice, amount_cents, reference):
    """An online payment of the invoice started in the sandbox."""
    return Payment.objects.create(
        agency=invoice.agency,
        invoice=invoice,
        provider="sandbox",
        amount_cents=amount_cents,
        currency="EUR",
        reference=reference,
    )


# Each record's own fields in the admin form.
OWN_FIELDS = {
    Quote: {
        "number": "D-2026-001",
        "title": "Aide à domicile",
        "amount_cents": "450,00",
        "currency": "EUR",
    },
    Invoice: {
        "number": "F-2026-001",
        "title": "Facture de novembre",
        "amount_cents": "125,50 €",
        "amount_due_cents": "",
    },
}


def form_data(model, agency, client_person, changes):
    """The admin form's fields every billing record has, the model's own, then the
    test's `changes`."""
    return {
        "agency": agency.pk,
        "client": client_person.pk,
        "issued_on": "2026-11-02",
        "status": "pending",
        "pdf": pdf_upload(),
        **OWN_FIELDS[model],
        **changes,
    }


def quote_data(agency, client_person, **changes):
    return form_data(Quote, agency, client_person, changes)


def test_staff_add_a_quote_with_its_pdf(staff, agency, client_person):
    response = staff.post(url(Quote, "add"), quote_data(agency, client_person))
    assert response.status_code == 302, response.context["form"].errors
    quote = Quote.objects.get(number="D-2026-001")
    assert quote.document.client == client_person and quote.document.is_published
    assert quote.amount_cents == 45000


def test_a_quote_without_a_pdf_is_refused(staff, agency, client_person):
    data = quote_data(agency, client_person)
    del data["pdf"]
    response = staff.post(url(Quote, "add"), data)
    assert response.status_code == 200
    assert "pdf" in response.context["form"].errors
    assert not Quote.objects.exists()


def test_a_paid_invoices_pdf_cannot_be_replaced(staff, client_person):
    invoice = InvoiceFactory(client=client_person, status="paid", amount_due_cents=0)
    form = staff.get(url(Invoice, "edit", invoice.pk)).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(agency=invoice.agency_id, client=invoice.client_id, pdf=pdf_upload())
    response = staff.post(url(Invoice, "edit", invoice.pk), data)
    assert "pdf" in response.context["form"].errors


def test_staff_see_only_their_agencys_records(staff, client_person, other_agency):
    mine = QuoteFactory(client=client_person, title="Le nôtre")
    theirs = QuoteFactory(client=ClientFactory(agency=other_agency), title="Le leur")
    listing = staff.get(url(Quote, "list")).content.decode()
    assert "Le nôtre" in listing and "Le leur" not in listing
    assert staff.get(url(Quote, "edit", theirs.pk)).status_code == 404
    assert staff.get(url(Quote, "edit", mine.pk)).status_code == 200
    assert staff.post(url(Quote, "delete", theirs.pk)).status_code == 404
    assert Quote.objects.filter(pk=theirs.pk).exists()


def test_staff_are_offered_only_their_agencys_clients(
    staff, client_person, other_agency
):
    stranger = ClientFactory(agency=other_agency, last_name="Bertrand")
    listing = staff.get(url(Quote, "list"))
    offered = listing.context["filters"].form.fields["client"].queryset
    assert list(offered) == [client_person]
    form = staff.get(url(Quote, "add")).context["form"]
    assert list(form.fields["client"].queryset) == [client_person]
    assert stranger.last_name not in listing.content.decode()


def invoice_data(agency, client_person, **changes):
    return form_data(Invoice, agency, client_person, changes)


class TestInvoicesInEuros:
    def test_staff_add_an_invoice_in_euros_and_read_it_back(
        self, staff, agency, client_person
    ):
        response = staff.post(
            url(Invoice, "add"), invoice_data(agency, client_person), follow=True
        )
        page = response.content.decode()
        assert "La facture F-2026-001 a été créée." in page
        invoice = Invoice.objects.get(number="F-2026-001")
        # Stored in cents; left empty, the amount due is the whole amount.
        assert (invoice.amount_cents, invoice.amount_due_cents) == (12550, 12550)
        listing = staff.get(url(Invoice, "list")).content.decode()
        assert listing.count("125,50\xa0€") == 2  # amount and amount due
        assert ">Non<" in listing.replace(" ", "").replace("\n", "")
        assert "True" not in listing and "False" not in listing
        assert "centimes" not in listing
        edit = staff.get(url(Invoice, "edit", invoice.pk)).content.decode()
        assert 'value="125,50"' in edit

    def test_the_amount_due_may_be_typed_with_a_dot(self, staff, agency, client_person):
        data = invoice_data(agency, client_person, amount_due_cents="100.5")
        assert staff.post(url(Invoice, "add"), data).status_code == 302
        assert Invoice.objects.get().amount_due_cents == 10050

    @pytest.mark.parametrize(
        "typed, message",
        [
            ("douze euros", "Saisissez un montant en euros, par exemple 125,50."),
            ("-12,50", "Le montant ne peut pas être négatif."),
        ],
    )
    def test_a_wrong_amount_is_explained_in_french(
        self, staff, agency, client_person, typed, message
    ):
        data = invoice_data(agency, client_person, amount_cents=typed)
        response = staff.post(url(Invoice, "add"), data)
        assert response.status_code == 200
        assert response.context["form"].errors["amount_cents"] == [message]
        page = response.content.decode()
        assert "La facture n&#x27;a pas pu être créée" in page
        assert f'value="{typed}"' in page  # what staff typed, to correct it
        assert not Invoice.objects.exists()

    def test_more_due_than_the_amount_is_refused(self, staff, agency, client_person):
        data = invoice_data(agency, client_person, amount_due_cents="200")
        response = staff.post(url(Invoice, "add"), data)
        assert "amount_due_cents" in response.context["form"].errors


class TestWording:
    def test_the_screens_name_the_model_properly(self, staff, client_person):
        listing = staff.get(url(Invoice, "list")).content.decode()
        assert "Ajouter une facture" in listing and "un(e)" not in listing
        add = staff.get(url(Invoice, "add")).content.decode()
        assert "Nouvelle facture" in add and "Nouvel(le)" not in add
        assert "Montant TTC (€)" in add and "centimes" not in add
        assert "Utilisé(e)" not in add
        quotes = staff.get(url(Quote, "list")).content.decode()
        assert "Ajouter un devis" in quotes

    def test_an_edit_says_which_invoice_changed(self, staff, client_person):
        invoice = InvoiceFactory(client=client_person, number="F-9")
        form = staff.get(url(Invoice, "edit", invoice.pk)).context["form"]
        data = {k: v for k, v in form.initial.items() if v is not None}
        data.update(
            agency=invoice.agency_id,
            client=invoice.client_id,
            amount_cents="125,50",
            amount_due_cents="125,50",
            title="Facture corrigée",
        )
        response = staff.post(url(Invoice, "edit", invoice.pk), data, follow=True)
        assert "La facture F-9 a été modifiée." in response.content.decode()

    def test_deleting_says_which_invoice(self, staff, client_person):
        invoice = InvoiceFactory(client=client_person, number="F-10")
        confirm = staff.get(url(Invoice, "delete", invoice.pk)).content.decode()
        assert "Voulez-vous vraiment supprimer la facture F-10 ?" in confirm
        assert "ce/cette" not in confirm and "référencé(e)" not in confirm
        response = staff.post(url(Invoice, "delete", invoice.pk), follow=True)
        assert "La facture F-10 a été supprimée." in response.content.decode()
        assert not Invoice.objects.filter(pk=invoice.pk).exists()

    def test_an_invoice_with_a_payment_is_kept_and_staff_are_told_why(
        self, staff, client_person
    ):
        invoice = InvoiceFactory(client=client_person, number="F-11")
        sandbox_payment(invoice, 12550, "sbx_f11")
        response = staff.post(url(Invoice, "delete", invoice.pk), follow=True)
        assert response.status_code == 200
        assert (
            "La facture F-11 ne peut pas être supprimée : un paiement y est rattaché."
            in response.content.decode()
        )
        assert Invoice.objects.filter(pk=invoice.pk).exists()

    def test_bulk_deletion_keeps_what_a_payment_holds(self, staff, client_person):
        kept = InvoiceFactory(client=client_person, number="F-12")
        gone = InvoiceFactory(client=client_person, number="F-13")
        sandbox_payment(kept, 100, "sbx_f12")
        bulk = (
            reverse("wagtail_bulk_action", args=("billing", "invoice", "delete"))
            + f"?id={kept.pk}&id={gone.pk}"
        )
        confirm = staff.get(bulk).content.decode()
        assert "La facture F-12 ne peut pas être supprimée" in confirm
        assert "Voulez-vous vraiment" not in confirm
        staff.post(bulk)
        assert Invoice.objects.count() == 2
        alone = bulk.split("?")[0] + f"?id={gone.pk}&next={url(Invoice, 'list')}"
        assert "supprimer la facture F-13 ?" in staff.get(alone).content.decode()
        page = staff.post(alone, follow=True).content.decode()
        assert "1 facture supprimée." in page
        assert list(Invoice.objects.values_list("number", flat=True)) == ["F-12"]

    def test_bulk_deletion_asks_about_every_selected_invoice(
        self, staff, client_person
    ):
        first = InvoiceFactory(client=client_person, number="F-14")
        second = InvoiceFactory(client=client_person, number="F-15")
        bulk = (
            reverse("wagtail_bulk_action", args=("billing", "invoice", "delete"))
            + f"?id={first.pk}&id={second.pk}&next={url(Invoice, 'list')}"
        )
        confirm = staff.get(bulk).content.decode()
        assert "Voulez-vous vraiment supprimer ces 2 factures ?" in confirm
        assert (
            "2 factures supprimées." in staff.post(bulk, follow=True).content.decode()
        )
        assert not Invoice.objects.exists()


class TestPayments:
    def test_staff_read_a_payment_in_euros_and_agency_time(
        self, staff, martinique, client_person
    ):
        invoice = InvoiceFactory(client=client_person, number="F-20")
        payment = sandbox_payment(invoice, 12550, "sbx_f20")
        from access.formatting import format_agency_datetime

        local = format_agency_datetime(payment.created_at, martinique)
        listing = staff.get(url(Payment, "list")).content.decode()
        assert "125,50\xa0€" in listing and local in listing
        assert "Démonstration" in listing
        page = staff.get(url(Payment, "inspect", payment.pk)).content.decode()
        fields = page.split("<dl>")[1].split("</dl>")[0]
        assert "125,50\xa0€" in fields and local in fields
        assert "Démonstration" in fields and "sandbox" not in fields
        assert "None" not in fields
        assert "Paiement de la facture F-20" in page
