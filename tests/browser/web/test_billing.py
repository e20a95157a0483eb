"""Quotes, contracts and invoices in the clients' web portal: the lists with their
states, a quote signed end to end with the code read from the SMTP sink, and an
invoice paid through the sandbox checkout."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import CLIENT, assert_no_violations, shot, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

# Intl writes French amounts with narrow no-break spaces.
SPACE = "[\u202f\u00a0 ]"


def amount(text: str) -> re.Pattern:
    return re.compile(text.replace(" ", SPACE))


def item(page, title: str):
    return page.get_by_role("listitem").filter(
        has=page.get_by_role("heading", name=title, exact=True)
    )


def follow(page, navigation: str, title: str) -> None:
    """The link `title` of the navigation `navigation` opens the page of that title."""
    page.get_by_role("navigation", name=navigation).get_by_role(
        "link", name=title
    ).click()
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()


def test_a_family_reads_its_quotes_contracts_and_invoices(demo, phone, portal_url):
    sign_in(phone, portal_url("demo-clients", "connexion"), CLIENT)
    expect(phone.get_by_role("heading", name="Portail clients")).to_be_visible()
    # The menu's children lead to the pages of their own.
    phone.get_by_role("button", name="Menu").click()
    follow(phone, "Menu principal", "Mes devis")
    expect(phone).to_have_url(portal_url("demo-clients", "devis"))
    quote = item(phone, "Devis aide à domicile")
    expect(quote).to_contain_text("À signer")
    expect(quote).to_contain_text("N° D-C-001-01")
    expect(quote).to_contain_text("Date d’émission : 2 novembre 2026")
    expect(quote).to_contain_text(amount("Montant : 480,00 €"))
    expect(
        quote.get_by_role("link", name=re.compile("^Signer ce devis"))
    ).to_be_visible()
    expect(phone.get_by_role("status")).to_have_text("1 devis affiché")
    assert_no_violations(phone)
    shot(phone, "client-quotes")

    follow(phone, "Mes documents", "Mes contrats")
    contract = item(phone, "Contrat de prestation")
    expect(contract).to_contain_text("À signer")
    expect(
        contract.get_by_role("link", name=re.compile("^Signer ce contrat"))
    ).to_be_visible()
    assert_no_violations(phone)
    shot(phone, "client-contracts")

    follow(phone, "Mes documents", "Mes factures")
    expect(phone.get_by_role("status")).to_have_text("3 factures affichées")
    october = item(phone, "Facture d'octobre 2026")
    expect(october).to_contain_text("À payer")
    expect(october).to_contain_text("Échéance : 30 novembre 2026")
    expect(
        october.get_by_role("button", name=re.compile("^Payer en ligne"))
    ).to_be_visible()
    september = item(phone, "Facture de septembre 2026")
    expect(september).to_contain_text("Payée")
    expect(september.get_by_role("button")).to_have_count(0)
    advance = item(phone, "Facture de novembre 2026 (avance immédiate)")
    expect(advance).to_contain_text(amount("Reste à payer : 152,00 €"))
    expect(advance).to_contain_text("ne se règle pas en ligne")
    expect(advance.get_by_role("button")).to_have_count(0)
    # States in words only, never the API's codes.
    main = phone.locator("main")
    for code in ("pending", "paid", "immediate"):
        expect(main).not_to_contain_text(code)
    assert_no_violations(phone)
    shot(phone, "client-invoices")

    october.get_by_role("link", name=re.compile("^Voir le détail")).click()
    expect(
        phone.get_by_role("heading", name="Facture F-C-001-10", level=1)
    ).to_be_visible()
    expect(phone.locator("main")).to_contain_text(amount("Reste à payer : 312,50 €"))
    assert_no_violations(phone)
    shot(phone, "client-invoice")


def test_a_family_signs_a_quote_with_the_e_mailed_code(
    demo, phone, portal_url, smtp, evidence_cleared
):
    from billing.models import Quote, Signature

    refused = []
    phone.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and refused.append(message.text)
        ),
    )
    sign_in(phone, portal_url("demo-clients", "devis"), CLIENT)
    item(phone, "Devis aide à domicile").get_by_role(
        "link", name=re.compile("^Signer ce devis")
    ).click()
    expect(
        phone.get_by_role("heading", name="Signer le devis D-C-001-01", level=1)
    ).to_be_visible()
    # The quote itself, drawn by pdf.js in the page (a worker from 'self', under the
    # app's CSP), its text there for screen readers.
    expect(phone.locator(".pdf-page canvas")).to_have_count(1)
    expect(phone.locator(".pdf-page").first).to_contain_text("Montant TTC")
    assert_no_violations(phone)
    shot(phone, "client-sign-document")
    # A real worker, loaded as a file of the build, and nothing the CSP refused.
    assert [w.url for w in phone.workers if "/static/web/assets/pdf.worker" in w.url]
    assert not refused

    phone.get_by_role("button", name="Commencer la signature").click()
    expect(
        phone.get_by_role("heading", name="Étape 1 sur 2 : les conditions générales")
    ).to_be_focused()
    terms = phone.get_by_role("region", name="Conditions générales, version 2026-11")
    expect(terms.locator("canvas")).to_have_count(1)
    expect(terms).to_contain_text("Article 4")
    # Scrolled to the end; the API records it.
    terms.evaluate("box => box.scrollTo(0, box.scrollHeight)")
    expect(
        phone.get_by_text("Vous avez lu les conditions générales jusqu’à la fin.")
    ).to_be_visible()
    consent = phone.get_by_label(re.compile("^J'ai lu et j'accepte les conditions"))
    phone.get_by_role("button", name="Accepter et recevoir mon code").click()
    expect(phone.get_by_text("Cochez la case pour accepter")).to_be_visible()
    consent.check()
    assert_no_violations(phone)
    shot(phone, "client-sign-terms")
    phone.get_by_role("button", name="Accepter et recevoir mon code").click()

    expect(
        phone.get_by_role("heading", name="Étape 2 sur 2 : le code de confirmation")
    ).to_be_focused()
    expect(
        phone.get_by_role("status").filter(has_text="Un code à 6 chiffres")
    ).to_contain_text("vient d’être envoyé par e-mail à c")
    (message,) = [m for m in smtp.inbox.messages if "code de signature" in m["Subject"]]
    assert message["To"] == CLIENT
    body = message.get_body(("plain",)).get_content()
    code = re.search(r"\b(\d{6})\b", body).group(1)
    field = phone.get_by_label("Code reçu")
    expect(field).to_have_attribute("autocomplete", "one-time-code")
    expect(field).to_have_attribute("inputmode", "numeric")
    assert_no_violations(phone)
    shot(phone, "client-sign-code")

    # A wrong code is refused and explained; the right one signs.
    field.fill(f"{(int(code) + 1) % 1_000_000:06d}")
    phone.get_by_role("button", name="Signer", exact=True).click()
    expect(phone.get_by_role("alert")).to_contain_text(
        "Code incorrect. Encore 4 essais avant le blocage de la signature."
    )
    assert_no_violations(phone)
    field.fill(f"{code[:3]} {code[3:]}")
    expect(field).to_have_value(code)
    phone.get_by_role("button", name="Signer", exact=True).click()

    expect(phone.get_by_text("Votre devis est signé. Merci !")).to_be_visible()
    sealed = phone.get_by_role("link", name="Télécharger le document signé (PDF)")
    expect(sealed).to_be_visible()
    assert_no_violations(phone)
    shot(phone, "client-sign-done")
    with phone.expect_download() as download:
        sealed.click()
    assert download.value.suggested_filename.endswith(".pdf")

    quote = Quote.objects.get(number="D-C-001-01", client__email=CLIENT)
    assert quote.status == "signed"
    signature = Signature.objects.get(quote=quote, status="signed")
    assert signature.signed_document_id
    steps = [event.step for event in signature.events.order_by("sequence")]
    assert steps[:4] == ["opened", "terms_read", "terms_accepted", "code_sent"]
    assert "code_rejected" in steps and steps[-1] == "sealed"
    read = signature.events.get(step="terms_read")
    assert read.data["read_to_end"] is True

    # Back in the list, the quote is signed and no longer offered to sign.
    phone.get_by_role("link", name="Revenir à mes devis").click()
    quote_item = item(phone, "Devis aide à domicile")
    expect(quote_item).to_contain_text("Signé")
    expect(quote_item.get_by_role("link", name=re.compile("^Signer"))).to_have_count(0)


def test_a_family_pays_an_invoice_through_the_checkout(
    demo, phone, portal_url, settings
):
    from billing.models import Invoice

    # The sandbox's checkout page is served by this service, at its base address.
    settings.WAGTAILADMIN_BASE_URL = demo.url
    sign_in(phone, portal_url("demo-clients", "factures"), CLIENT)
    october = item(phone, "Facture d'octobre 2026")
    october.get_by_role("button", name=re.compile("^Payer en ligne")).click()

    # Refused first: the return page says so and offers to pay again.
    expect(
        phone.get_by_role("heading", name="Paiement de démonstration")
    ).to_be_visible()
    phone.get_by_role("button", name="Refuser le paiement").click()
    expect(phone).to_have_url(
        re.compile(r"/p/demo-clients/paiement/\d+\?paiement=\d+&issue=echec$")
    )
    expect(phone.get_by_role("alert")).to_have_text(
        "Le paiement a été refusé : aucune somme n’a été débitée. "
        "Vous pouvez réessayer, avec une autre carte si besoin."
    )
    assert_no_violations(phone)
    shot(phone, "client-payment-refused")

    phone.get_by_role("button", name=re.compile("^Payer en ligne")).click()
    expect(
        phone.get_by_role("heading", name="Paiement de démonstration")
    ).to_be_visible()
    phone.get_by_role("button", name="Payer", exact=True).click()
    expect(phone).to_have_url(
        re.compile(r"/p/demo-clients/paiement/\d+\?paiement=\d+&issue=ok$")
    )
    expect(
        phone.get_by_text("Merci ! La facture n° F-C-001-10 est payée.")
    ).to_be_visible()
    expect(phone.locator("main")).to_contain_text("Payée")
    assert_no_violations(phone)
    shot(phone, "client-payment-paid")

    invoice = Invoice.objects.get(number="F-C-001-10", client__email=CLIENT)
    assert invoice.status == "paid" and invoice.amount_due_cents == 0
    assert [p.status for p in invoice.payments.order_by("pk")] == ["failed", "paid"]

    phone.get_by_role("link", name="Voir mes factures").click()
    october = item(phone, "Facture d'octobre 2026")
    expect(october).to_contain_text("Payée")
    expect(october.get_by_role("button")).to_have_count(0)


def test_a_return_before_the_callback_waits_for_it(demo, phone, portal_url, settings):
    """Back from the checkout before the provider's callback: the page follows the
    invoice and shows it paid once the callback has come."""
    from billing.models import Invoice
    from billing.payments import payment_start
    from billing.providers import SandboxProvider

    settings.WAGTAILADMIN_BASE_URL = demo.url
    invoice = Invoice.objects.get(number="F-C-001-10", client__email=CLIENT)
    payment, _ = payment_start(account=None, invoice=invoice)
    sign_in(
        phone,
        portal_url(
            "demo-clients", f"paiement/{invoice.pk}?paiement={payment.pk}&issue=ok"
        ),
        CLIENT,
    )
    expect(
        phone.get_by_role("status").filter(has_text="en cours de confirmation")
    ).to_be_visible()
    assert_no_violations(phone)
    shot(phone, "client-payment-waiting")
    # The provider's callback, as it comes: over HTTP, signed.
    body, headers = SandboxProvider().simulate(payment=payment, paid=True)
    answer = phone.request.post(
        f"{demo.url}/api/v1/payments/webhooks/sandbox",
        data=body,
        headers={**headers, "Content-Type": "application/json"},
    )
    assert answer.json() == {"received": True, "outcome": "paid"}
    expect(
        phone.get_by_text("Merci ! La facture n° F-C-001-10 est payée.")
    ).to_be_visible()
