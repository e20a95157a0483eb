/**
 * The messages pages' decisions, apart from React: what a send error means for the
 * form, which chosen files the server will refuse, how long to wait, what an unread
 * count says, and the multipart body sent to the API.
 */
import type { components } from "../../../api/schema";
import { isApiError } from "../../../lib/errors";
import { formatDate, localeOf, pluralForm } from "../../../lib/format";
import type { Lang, MessageKey, Translate } from "../../../locales";

export type Conversation = components["schemas"]["Conversation"];
export type ConversationSummary = components["schemas"]["ConversationSummary"];
export type ConversationStatus = components["schemas"]["ConversationStatusEnum"];
export type Message = components["schemas"]["Message"];
export type Announcement = components["schemas"]["Announcement"];

// The server's defaults, used until `config` (its `limits`) has answered; the server
// checks again and its refusal is shown as it comes.
export const BODY_MAX_LENGTH = 5000;
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;
export const SUBJECT_MAX_LENGTH = 200;

/** What the file picker offers: the types the server accepts (media/validation.py),
 * by extension and type, as the picker matches either. */
export const ACCEPTED_FILES = [
  ".pdf",
  ".png",
  ".jpg",
  ".jpeg",
  ".webp",
  ".doc",
  ".docx",
  ".xls",
  ".xlsx",
  ".pptx",
  ".odt",
  ".ods",
  "application/pdf",
  "image/png",
  "image/jpeg",
  "image/webp",
].join(",");

const ACCEPTED_EXTENSIONS = new Set(
  ACCEPTED_FILES.split(",")
    .filter((item) => item.startsWith("."))
    .map((item) => item.slice(1)),
);

export interface ChosenFile {
  name: string;
  size: number;
}

export type FileProblem = "too_large" | "empty" | "type";

/** The chosen files the server would refuse, and why: said before the upload rather
 * than after minutes of sending 30 MB over a phone. The server sniffs the content;
 * here only the name and size are known. */
export function fileProblems(
  files: readonly ChosenFile[],
  maxBytes: number = ATTACHMENT_MAX_BYTES,
): { name: string; problem: FileProblem }[] {
  const problems: { name: string; problem: FileProblem }[] = [];
  for (const file of files) {
    const extension = file.name.includes(".") ? file.name.split(".").pop()!.toLowerCase() : "";
    if (file.size > maxBytes) problems.push({ name: file.name, problem: "too_large" });
    else if (file.size === 0) problems.push({ name: file.name, problem: "empty" });
    else if (!ACCEPTED_EXTENSIONS.has(extension))
      problems.push({ name: file.name, problem: "type" });
  }
  return problems;
}

export const FILE_PROBLEM_KEYS: Record<FileProblem, MessageKey> = {
  too_large: "messages.file.tooLarge",
  empty: "messages.file.empty",
  type: "messages.file.type",
};

/** A wait in the largest whole unit, rounded up: 3600 s is « 1 heure », 90 s
 * « 2 minutes ». */
export function waitIn(seconds: number): { unit: "minutes" | "hours"; count: number } {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  if (minutes >= 60 && minutes % 60 === 0) return { unit: "hours", count: minutes / 60 };
  if (minutes > 90) return { unit: "hours", count: Math.ceil(minutes / 60) };
  return { unit: "minutes", count: minutes };
}

/** « 1 heure », « 45 minutes ». */
export function waitText(seconds: number, lang: Lang, t: Translate): string {
  const { unit, count } = waitIn(seconds);
  return t(`messages.wait.${unit}.${pluralForm(lang, count)}`, { count });
}

/** What a refused send means for the form. */
export type SendRefusal = "closed" | "throttled" | "too_large" | "other";

export function sendRefusal(error: unknown): SendRefusal {
  if (!isApiError(error)) return "other";
  if (error.status === 409 && error.code === "conversation_closed") return "closed";
  if (error.status === 429 && error.code !== "locked_out") return "throttled";
  // A proxy in front of Django refuses a body over its own limit before Django sees it.
  if (error.status === 413) return "too_large";
  return "other";
}

/** The sentence for a refused send; null when the generic one (errorText) fits. */
export function sendErrorText(error: unknown, lang: Lang, t: Translate): string | null {
  switch (sendRefusal(error)) {
    case "closed":
      return t("messages.error.closed");
    case "throttled": {
      const seconds = isApiError(error) ? error.retryAfterSeconds : null;
      return seconds
        ? t("messages.error.throttledWait", { wait: waitText(seconds, lang, t) })
        : t("messages.error.throttled");
    }
    case "too_large":
      return t("messages.error.tooLarge");
    default:
      return null;
  }
}

/** The agency's messages the person has not read: the conversation is marked read
 * when it opens only if there are some (no write for nothing, none offline). */
export function hasUnreadFromAgency(conversation: Pick<Conversation, "messages">): boolean {
  return conversation.messages.some((message) => message.author.side === "agency" && !message.read);
}

/** The body of `POST messages` and `POST messages/{id}/replies`: always multipart, so
 * that attachments and text travel together (the API reads both forms). */
export function messageFormData(
  fields: { subject?: string; body: string },
  files: readonly Blob[] = [],
): FormData {
  const data = new FormData();
  if (fields.subject !== undefined) data.append("subject", fields.subject.trim());
  data.append("body", fields.body);
  for (const file of files) data.append("attachments", file);
  return data;
}

/** An announcement's last day (a calendar date, not an instant): read as such, in
 * no time zone, so that it is the same day everywhere. */
export function formatDay(day: string, lang: Lang): string {
  return formatDate(`${day}T12:00:00Z`, { lang, timeZone: "UTC" });
}

export type StatusFilter = ConversationStatus | undefined;

/** `?etat=ouvertes|fermees` in the address, the API's status behind it. */
export const STATUS_SLUGS: Record<string, ConversationStatus> = {
  ouvertes: "open",
  fermees: "closed",
};

export function statusFromSlug(slug: string | null): StatusFilter {
  return slug ? STATUS_SLUGS[slug] : undefined;
}

/** The upload limit as the server says it (binary megabytes, Django's
 * filesizeformat): « 20 Mo », not the « 21 Mo » of decimal units. */
export function formatLimit(bytes: number, lang: Lang): string {
  return new Intl.NumberFormat(localeOf(lang), {
    style: "unit",
    unit: "megabyte",
    unitDisplay: "short",
    maximumFractionDigits: 1,
  }).format(bytes / (1024 * 1024));
}

/** « 5 000 » */
export function formatCount(count: number, lang: Lang): string {
  return new Intl.NumberFormat(localeOf(lang)).format(count);
}
