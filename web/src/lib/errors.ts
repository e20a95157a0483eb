/**
 * The API's one error shape (API.md, Errors) as an exception, and the sentence shown
 * for it: the server's message first (it is already in the request's language), then
 * ours per code, then per status.
 */
import type { MessageKey, Translate } from "../locales";

export interface ApiErrorBody {
  error?: { code?: string; message?: string; fields?: Record<string, string[]> };
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly serverMessage: string;
  readonly fields: Record<string, string[]>;
  /** From `Retry-After`, when the server says how long to wait. */
  readonly retryAfterSeconds: number | null;

  constructor(
    status: number,
    body: ApiErrorBody | null | undefined,
    retryAfterSeconds: number | null = null,
  ) {
    super(body?.error?.message || `HTTP ${status}`);
    this.name = "ApiError";
    this.status = status;
    this.code = body?.error?.code ?? "";
    this.serverMessage = body?.error?.message ?? "";
    this.fields = body?.error?.fields ?? {};
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Status 0: the request never got an answer (offline, DNS, server down). */
export class NetworkError extends ApiError {
  constructor() {
    super(0, null);
    this.name = "NetworkError";
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

/** `Retry-After` in seconds (delta form or HTTP date), or null. */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

const BY_CODE: Record<string, MessageKey> = {
  invalid: "error.invalid",
  invalid_credentials: "error.invalid_credentials",
  locked_out: "error.locked_out",
  too_many_requests: "error.too_many_requests",
  module_disabled: "error.module_disabled",
  section_disabled: "error.section_disabled",
  action_not_allowed: "error.action_not_allowed",
  not_found: "error.not_found",
  overlap: "error.overlap",
  stale_version: "error.stale_version",
  locked: "error.locked",
  invalid_invitation: "error.invalid_token",
  invalid_reset_link: "error.invalid_token",
};

function byStatus(status: number): MessageKey {
  if (status === 0) return "error.network";
  if (status === 400) return "error.invalid";
  if (status === 401) return "error.unauthenticated";
  if (status === 403) return "error.forbidden";
  if (status === 404) return "error.not_found";
  if (status === 409) return "error.conflict";
  if (status === 412) return "error.stale_version";
  if (status === 423) return "error.locked";
  if (status === 428) return "error.precondition_required";
  if (status === 429) return "error.too_many_requests";
  if (status >= 500) return "error.server";
  return "error.generic";
}

/** The sentence to show for an error of any kind. */
export function errorText(error: unknown, t: Translate): string {
  if (!isApiError(error)) return t("error.generic");
  if (error.status === 0) return t("error.network");
  // The server does not put the wait in its sentence; when it sends Retry-After,
  // say how long.
  if (error.code === "locked_out" && error.retryAfterSeconds) {
    const minutes = Math.max(1, Math.ceil(error.retryAfterSeconds / 60));
    return minutes === 1 ? t("error.locked_out_wait_one") : t("error.locked_out_wait", { minutes });
  }
  if (error.serverMessage) return error.serverMessage;
  const key = BY_CODE[error.code] ?? byStatus(error.status);
  return t(key);
}

/** The messages of one form field, if the server gave any. */
export function fieldErrors(error: unknown, field: string): string[] {
  return isApiError(error) ? (error.fields[field] ?? []) : [];
}
