import io

import pytest
from django.core.management import CommandError, call_command

from billing.models import Contract, Invoice, Quote
from cms.demo_pdf import simple_pdf
from media.models import PortalDocument
from tests.factories import ClientFactory

pytestmark = pytest.mark.django_db
HEADER = (
    "agency,type,number,client_ref,title,issued_on,amount_cents,pdf,"
    "amount_due_cents,immediate_advance\n"
)


@pytest.fixture
def folder(tmp_path):
    for name in ("d1.pdf", "c1.pdf", "f1.pdf"):
        (tmp_path / name).write_bytes(simple_pdf(name))
    return tmp_path


def run(folder, rows):
    path = folder / "billing.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    call_command("import_billing", str(path), stdout=io.StringIO())


def test_a_file_of_quotes_contracts_and_invoices_is_loaded(agency, folder):
    ClientFactory(agency=agency, external_ref="C1")
    run(
        folder,
        [
            "alpha,quote,D-1,C1,Devis,2026-11-01,45000,d1.pdf,,\n",
            "alpha,contract,K-1,C1,Contrat,2026-11-02,0,c1.pdf,,\n",
            "alpha,invoice,F-1,C1,Facture,2026-11-30,12000,f1.pdf,0,oui\n",
        ],
    )
    invoice = Invoice.objects.get()
    assert invoice.immediate_advance and invoice.amount_due_cents == 0
    assert Quote.objects.get().document.category == "quote"
    assert Contract.objects.get().document.is_published


def stored_files():
    storage = PortalDocument._meta.get_field("file").storage
    return (
        set(storage.listdir("documents")[1]) if storage.exists("documents") else set()
    )


def test_a_bad_row_saves_nothing_and_leaves_no_file(agency, folder):
    ClientFactory(agency=agency, external_ref="C1")
    before = stored_files()
    with pytest.raises(CommandError):
        run(
            folder,
            [
                "alpha,quote,D-1,C1,Devis,2026-11-01,45000,d1.pdf,,\n",
                "alpha,quote,D-2,C9,Devis,2026-11-01,45000,d1.pdf,,\n",
            ],
        )
    assert not Quote.objects.exists()
    assert not PortalDocument.objects.exists()
    assert stored_files() == before


def test_a_pdf_outside_the_folder_is_refused(agency, folder):
    ClientFactory(agency=agency, external_ref="C1")
    with pytest.raises(CommandError):
        run(folder, ["alpha,quote,D-1,C1,Devis,2026-11-01,1,../secret.pdf,,\n"])
    assert not Quote.objects.exists()
