import { Link, useParams } from "react-router";
import { useI18n } from "../../../app/i18n";
import { useFormat } from "../../../app/useFormat";
import { Loading, LoadError } from "../../../components/Feedback";
import { Page } from "../../../components/Page";
import { documentDownloadPath, type InvoiceDetail as Invoice, useInvoice } from "../api/billing";
import { PayButton, StateText, useSection } from "../components/parts";
import { payableOffline, paymentStateKey } from "../lib/words";

/** « factures/:id »: one invoice, its state, its last online payment, and the
 * button to pay it when the portal takes payments. */
export default function InvoiceDetail() {
  const { t } = useI18n();
  const id = Number(useParams().id);
  const invoice = useInvoice(id);
  const title = invoice.data
    ? t("billing.invoice.title", { number: invoice.data.number })
    : t("billing.invoices.title");
  return (
    <Page title={title}>
      {invoice.isPending ? (
        <Loading />
      ) : invoice.isError ? (
        <LoadError error={invoice.error} retry={invoice.refetch} />
      ) : (
        <InvoiceFacts invoice={invoice.data} />
      )}
      <p>
        <Link to="/factures">{t("billing.invoice.back")}</Link>
      </p>
    </Page>
  );
}

export function InvoiceFacts({ invoice, pay = true }: { invoice: Invoice; pay?: boolean }) {
  const { t } = useI18n();
  const format = useFormat();
  const paying = useSection("payment");
  return (
    <>
      <h2 className="document-title">{invoice.title}</h2>
      <ul className="facts">
        <li>
          <StateText kind="invoices" status={invoice.status} />
        </li>
        <li>{t("billing.number", { number: invoice.number })}</li>
        <li>{t("billing.issuedOn", { date: format.date(invoice.issued_on) })}</li>
        {invoice.due_on && <li>{t("billing.dueOn", { date: format.date(invoice.due_on) })}</li>}
        <li>
          {t("billing.amount", { amount: format.amount(invoice.amount_cents, invoice.currency) })}
        </li>
        {invoice.status === "pending" && (
          <li>
            {t("billing.amountDue", {
              amount: format.amount(invoice.amount_due_cents, invoice.currency),
            })}
          </li>
        )}
        {invoice.payment && (
          <li>
            {t("billing.invoice.lastPayment", {
              state: t(paymentStateKey(invoice.payment.status)),
            })}
          </li>
        )}
      </ul>
      {payableOffline(invoice) && <p className="muted">{t("billing.notOnline")}</p>}
      <div className="actions">
        {pay && invoice.payable_online && paying && <PayButton invoice={invoice} />}
        {invoice.document != null && (
          <a
            className="button-secondary button-link"
            href={documentDownloadPath(invoice.document)}
            download
          >
            {t("billing.pdf")}
          </a>
        )}
      </div>
    </>
  );
}
