/**
 * The payment return page: what to tell the family and whether to keep asking the
 * API. Coming back from the checkout changes nothing by itself; only the provider's
 * callback settles the invoice, which may arrive a little after the family does.
 */

/** `issue` in the return address (billing.payments.return_url). */
export type Issue = "ok" | "annule" | "echec" | null;

export function readIssue(value: string | null): Issue {
  return value === "ok" || value === "annule" || value === "echec" ? value : null;
}

export type PaymentOutcome =
  /** The invoice is paid. */
  | "paid"
  /** The money came, but staff changed the invoice meanwhile: theirs to settle. */
  | "received"
  /** The provider's callback has not come yet. */
  | "waiting"
  /** Still no callback after PAYMENT_WAIT_MS: stop asking, say what to do. */
  | "late"
  | "failed"
  | "expired"
  /** The family left the checkout without paying. */
  | "cancelled"
  /** The invoice was cancelled by the agency. */
  | "void"
  /** Nothing was attempted from here: the invoice is simply still to pay. */
  | "unpaid";

export interface PaymentFacts {
  issue: Issue;
  /** The invoice's status, when read. */
  invoiceStatus?: string;
  /** The status of the attempt the family comes back from, when read. */
  paymentStatus?: string;
  /** The invoice was read no earlier than the payment: the two queries poll apart,
   * so a payment read as paid may sit beside an invoice read just before the callback. */
  invoiceReadAfterPayment?: boolean;
  /** Since the page started following the payment. */
  waitedMs: number;
}

/** How often the page asks again, and for how long at most. */
export const POLL_MS = 2000;
export const PAYMENT_WAIT_MS = 2 * 60 * 1000;

export function paymentOutcome({
  issue,
  invoiceStatus,
  paymentStatus,
  invoiceReadAfterPayment = true,
  waitedMs,
}: PaymentFacts): PaymentOutcome {
  if (invoiceStatus === "paid") return "paid";
  if (paymentStatus === "paid") return invoiceReadAfterPayment ? "received" : "waiting";
  if (paymentStatus === "failed") return "failed";
  if (paymentStatus === "expired") return "expired";
  if (invoiceStatus === "cancelled") return "void";
  // The attempt is still open (`created`) or in the provider's hands (`pending`).
  if (issue === "annule" && paymentStatus !== "pending") return "cancelled";
  if (paymentStatus === "pending" || issue === "ok" || issue === "echec") {
    return waitedMs >= PAYMENT_WAIT_MS ? "late" : "waiting";
  }
  return "unpaid";
}

/** Ask the API again only while the answer may still change soon. */
export function keepPolling(outcome: PaymentOutcome): boolean {
  return outcome === "waiting";
}

/** Outcomes after which paying again is offered. */
export function canPayAgain(outcome: PaymentOutcome): boolean {
  return (
    outcome === "failed" || outcome === "expired" || outcome === "cancelled" || outcome === "unpaid"
  );
}
