/**
 * Quotes, contracts, invoices and payments in words: the API sends states as codes
 * (`pending`, `paid`...), the page never shows one as is. A state this build does not
 * know yet reads « État non précisé », not its code.
 */
import { pluralForm } from "../../../lib/format";
import type { Lang, MessageKey } from "../../../locales";

export type BillingKind = "quotes" | "contracts" | "invoices";

/** How a state looks: something to do, done, or closed without being done. */
export type Tone = "todo" | "done" | "closed";

interface StateWords {
  key: MessageKey;
  tone: Tone;
}

const RECORD_STATES: Record<BillingKind, Record<string, StateWords>> = {
  quotes: {
    pending: { key: "billing.state.quote.pending", tone: "todo" },
    signed: { key: "billing.state.quote.signed", tone: "done" },
    refused: { key: "billing.state.quote.refused", tone: "closed" },
    expired: { key: "billing.state.quote.expired", tone: "closed" },
  },
  contracts: {
    pending: { key: "billing.state.contract.pending", tone: "todo" },
    signed: { key: "billing.state.contract.signed", tone: "done" },
    ended: { key: "billing.state.contract.ended", tone: "closed" },
  },
  invoices: {
    pending: { key: "billing.state.invoice.pending", tone: "todo" },
    paid: { key: "billing.state.invoice.paid", tone: "done" },
    cancelled: { key: "billing.state.invoice.cancelled", tone: "closed" },
  },
};

const UNKNOWN: StateWords = { key: "billing.state.unknown", tone: "closed" };

export function recordState(kind: BillingKind, status: string): StateWords {
  return RECORD_STATES[kind][status] ?? UNKNOWN;
}

const PAYMENT_STATES: Record<string, MessageKey> = {
  created: "billing.payment.created",
  pending: "billing.payment.pending",
  paid: "billing.payment.paid",
  failed: "billing.payment.failed",
  expired: "billing.payment.expired",
};

/** The state of one payment attempt. */
export function paymentStateKey(status: string): MessageKey {
  return PAYMENT_STATES[status] ?? "billing.state.unknown";
}

/** « 1 facture affichée », « 3 factures affichées »: the language's plural rules
 * (French counts 0 and 1 as singular). */
export function countKey(kind: BillingKind, count: number, lang: Lang): MessageKey {
  return `billing.count.${kind}.${pluralForm(lang, count)}`;
}

/** An invoice still to pay that the portal cannot take online (the immediate
 * advance, or nothing left to pay): the page says why there is no button. */
export function payableOffline(invoice: {
  status: string;
  payable_online: boolean;
  amount_due_cents: number;
}): boolean {
  return invoice.status === "pending" && !invoice.payable_online && invoice.amount_due_cents > 0;
}
