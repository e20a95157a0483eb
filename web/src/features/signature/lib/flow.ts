/**
 * Signing a quote or contract (API.md: Signature), as steps the page shows: the
 * server's state decides the step, so a reload or a second tab resumes where the
 * request stands.
 */
import { isApiError } from "../../../lib/errors";
import type { MessageKey } from "../../../locales";
import type { BillingKind } from "../../billing/lib/words";

export type SignatureStatus =
  "opened" | "terms_accepted" | "code_sent" | "signed" | "locked" | "expired" | "cancelled";

/** A request that can still go on. */
export const ACTIVE: ReadonlySet<string> = new Set(["opened", "terms_accepted", "code_sent"]);

export type Step =
  /** No request in progress: the document, and a button to start. */
  | "start"
  /** Read the terms to the end and accept them. */
  | "terms"
  /** Receive the code, type it. */
  | "code"
  | "signed"
  /** Too many wrong codes. */
  | "locked"
  /** The request expired or was replaced: start again. */
  | "ended";

export function stepOf(status: string | null | undefined): Step {
  switch (status) {
    case "opened":
      return "terms";
    case "terms_accepted":
    case "code_sent":
      return "code";
    case "signed":
      return "signed";
    case "locked":
      return "locked";
    case "expired":
    case "cancelled":
      return "ended";
    default:
      return "start";
  }
}

/** `signature/:kind/:id`: French in the address, the API's kind behind it. */
const KINDS: Record<string, Exclude<BillingKind, "invoices">> = {
  devis: "quotes",
  contrat: "contracts",
};

export function kindOfSlug(slug: string | undefined): "quotes" | "contracts" | null {
  return (slug && KINDS[slug]) || null;
}

export function signaturePath(kind: "quotes" | "contracts", id: number): string {
  return `/signature/${kind === "quotes" ? "devis" : "contrat"}/${id}`;
}

/** The code as typed or pasted (« 123 456 », « 123-456 »): its digits only. */
export function normalizeCode(value: string): string {
  return value.replace(/\D/g, "").slice(0, CODE_LENGTH);
}

export const CODE_LENGTH = 6;

/** How long the page waits for the sealed PDF before saying it will come later. */
export const SEAL_POLL_MS = 2000;
export const SEAL_WAIT_MS = 2 * 60 * 1000;

export type SealState = "sealed" | "sealing" | "late";

export function sealState(signedDocument: number | null | undefined, waitedMs: number): SealState {
  if (signedDocument != null) return "sealed";
  return waitedMs >= SEAL_WAIT_MS ? "late" : "sealing";
}

// The flow's refusals, each said with what to do next. The server's own sentence is
// kept where it carries the detail (attempts left, which limit of codes, why not
// signable).
const FLOW_ERRORS: Record<string, MessageKey> = {
  terms_missing: "signature.error.terms_missing",
  terms_outdated: "signature.error.terms_outdated",
  terms_not_read: "signature.error.terms_not_read",
  terms_not_accepted: "signature.error.terms_not_accepted",
  no_code: "signature.error.no_code",
  code_expired: "signature.error.code_expired",
  locked: "signature.error.locked",
  no_contact: "signature.error.no_contact",
  section_disabled: "signature.error.section_disabled",
};

const SERVER_FIRST: Record<string, MessageKey> = {
  invalid_code: "signature.error.invalid_code",
  not_signable: "signature.error.not_signable",
  too_many_requests: "signature.error.too_many_requests",
};

/** The sentence for a refusal of the flow, or null to use the app's general one. */
export function signatureError(error: unknown): { key: MessageKey } | { text: string } | null {
  if (!isApiError(error)) return null;
  const own = FLOW_ERRORS[error.code];
  if (own) return { key: own };
  const detailed = SERVER_FIRST[error.code];
  if (detailed) return error.serverMessage ? { text: error.serverMessage } : { key: detailed };
  return null;
}

/** Refusals after which this request cannot go on: the page reloads its state (it
 * shows the lock, or the document no longer to sign). */
export function endsRequest(error: unknown): boolean {
  return isApiError(error) && (error.code === "locked" || error.code === "not_signable");
}
