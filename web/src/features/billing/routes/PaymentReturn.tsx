import { useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { useI18n } from "../../../app/i18n";
import { Loading, LoadError } from "../../../components/Feedback";
import { Page } from "../../../components/Page";
import type { MessageKey } from "../../../locales";
import { useInvoice, usePayments } from "../api/billing";
import { PayButton, useSection } from "../components/parts";
import {
  canPayAgain,
  keepPolling,
  type PaymentOutcome,
  paymentOutcome,
  POLL_MS,
  readIssue,
} from "../lib/progress";
import { InvoiceFacts } from "./InvoiceDetail";

const WORDS: Record<PaymentOutcome, MessageKey> = {
  paid: "payment.paid",
  received: "payment.received",
  waiting: "payment.waiting",
  late: "payment.late",
  failed: "payment.failed",
  expired: "payment.expired",
  cancelled: "payment.cancelled",
  void: "payment.void",
  unpaid: "payment.unpaid",
};

const GOOD: ReadonlySet<PaymentOutcome> = new Set(["paid", "received"]);
const BAD: ReadonlySet<PaymentOutcome> = new Set(["failed", "expired"]);

/** « paiement/:invoice »: where the provider sends the family back. Coming back
 * proves nothing, so the page shows the invoice as the API has it and follows it
 * until the provider's callback has settled it (or says why it stopped waiting). */
export default function PaymentReturn() {
  const { t } = useI18n();
  const id = Number(useParams().invoice);
  const [params] = useSearchParams();
  const issue = readIssue(params.get("issue"));
  const attempt = Number(params.get("paiement")) || null;
  const paying = useSection("payment");
  // The page follows the payment from when it opened.
  const [since, setSince] = useState(() => Date.now());
  const [outcome, setOutcome] = useState<PaymentOutcome | null>(null);
  const poll = outcome === null || keepPolling(outcome) ? POLL_MS : false;

  const invoice = useInvoice(id, poll);
  const payments = usePayments(id, poll, paying !== false);
  const payment = payments.data?.results.find((item) => item.id === attempt) ?? null;
  const ready = invoice.isSuccess && (payments.isSuccess || payments.isError || paying === false);
  const now = Math.max(invoice.dataUpdatedAt, payments.dataUpdatedAt, since);
  const current = ready
    ? paymentOutcome({
        issue,
        invoiceStatus: invoice.data?.status,
        paymentStatus: payment?.status ?? invoice.data?.payment?.status,
        invoiceReadAfterPayment: invoice.dataUpdatedAt >= payments.dataUpdatedAt,
        waitedMs: now - since,
      })
    : null;
  if (current !== outcome) setOutcome(current);

  const title = invoice.data
    ? t("payment.title", { number: invoice.data.number })
    : t("payment.titleShort");

  return (
    <Page title={title}>
      {invoice.isError ? (
        <LoadError error={invoice.error} retry={invoice.refetch} />
      ) : !ready || !current || !invoice.data ? (
        <Loading />
      ) : (
        <>
          <div
            className={
              GOOD.has(current)
                ? "notice notice-success"
                : BAD.has(current)
                  ? "notice notice-error"
                  : "notice notice-info"
            }
            role={BAD.has(current) ? "alert" : "status"}
          >
            <p>{t(WORDS[current], { number: invoice.data.number })}</p>
            {current === "late" && (
              <button
                type="button"
                className="button-secondary"
                onClick={() => {
                  setSince(Date.now());
                  setOutcome(null);
                }}
              >
                {t("payment.checkAgain")}
              </button>
            )}
          </div>
          {canPayAgain(current) && invoice.data.payable_online && paying && (
            <div className="actions">
              <PayButton invoice={invoice.data} />
            </div>
          )}
          <InvoiceFacts invoice={invoice.data} pay={false} />
        </>
      )}
      <p>
        <Link to="/factures">{t("payment.toInvoices")}</Link>
      </p>
    </Page>
  );
}
