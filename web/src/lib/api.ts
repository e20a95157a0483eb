/**
 * The one API client: openapi-fetch on the generated types. The session cookie
 * travels by itself (same origin); writes carry Django's CSRF token from its cookie;
 * every call says which language the answer's messages and labels should be in.
 */
import createClient, { type Middleware } from "openapi-fetch";
import type { paths } from "../api/schema";
import { DEFAULT_LANG, type Lang } from "../locales";
import { ApiError, type ApiErrorBody, NetworkError, parseRetryAfter } from "./errors";

let language: Lang = DEFAULT_LANG;
let portalKey = "";

export function setApiLanguage(lang: Lang): void {
  language = lang;
}

export function setApiPortal(key: string): void {
  portalKey = key;
}

/** The `{portal}` path parameter every portal endpoint takes. */
export function portal(): { portal: string } {
  return { portal: portalKey };
}

export function readCookie(name: string, cookies: string): string | null {
  for (const part of cookies.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return null;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

const headers: Middleware = {
  onRequest({ request }) {
    request.headers.set("Accept-Language", language);
    if (!SAFE_METHODS.has(request.method)) {
      const token = readCookie("csrftoken", document.cookie);
      if (token) request.headers.set("X-CSRFToken", token);
    }
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: "", credentials: "same-origin" });
api.use(headers);

interface Outcome<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The answer's data, or an ApiError in the contract's shape (NetworkError when no
 * answer came at all). */
export async function call<T>(request: Promise<Outcome<T>>): Promise<T> {
  let outcome: Outcome<T>;
  try {
    outcome = await request;
  } catch {
    throw new NetworkError();
  }
  const { response } = outcome;
  if (!response.ok) {
    const body =
      outcome.error && typeof outcome.error === "object" ? (outcome.error as ApiErrorBody) : null;
    throw new ApiError(response.status, body, parseRetryAfter(response.headers.get("Retry-After")));
  }
  return outcome.data as T;
}

/** A download link stays on this origin: the API answers absolute addresses, which
 * behind the dev proxy name the other port. */
export function sameOriginPath(url: string): string {
  try {
    const parsed = new URL(url, "http://placeholder.invalid");
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}

/** The cursor of a cursor-paginated answer's `next` (or `previous`) address. */
export function cursorOf(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url, "http://placeholder.invalid").searchParams.get("cursor") ?? undefined;
  } catch {
    return undefined;
  }
}
