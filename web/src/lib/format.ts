/**
 * Dates, amounts and sizes for people, always in the agency's time zone (never the
 * browser's: a family abroad must read the visit times the agency planned).
 */
import type { Lang } from "../locales";

/** The zone used when the portal names none or one Intl does not know. */
export const DEFAULT_TIME_ZONE = "Europe/Paris";

const LOCALE: Record<Lang, string> = { fr: "fr-FR", en: "en-GB" };

export function localeOf(lang: Lang): string {
  return LOCALE[lang];
}

/** Which catalogue form, `.one` or `.other`, a count takes by the language's plural
 * rules (French counts 0 and 1 as singular). */
export function pluralForm(lang: Lang, count: number): "one" | "other" {
  return new Intl.PluralRules(localeOf(lang)).select(count) === "one" ? "one" : "other";
}

/** The zone itself when Intl knows it, otherwise the default. */
export function safeTimeZone(zone: string | null | undefined): string {
  if (!zone) return DEFAULT_TIME_ZONE;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone;
  } catch {
    return DEFAULT_TIME_ZONE;
  }
}

export interface FormatOptions {
  lang: Lang;
  timeZone: string;
}

function toDate(value: string | Date): Date {
  return value instanceof Date ? value : new Date(value);
}

/** « 29 mars 2026 » */
export function formatDate(value: string | Date, { lang, timeZone }: FormatOptions): string {
  return new Intl.DateTimeFormat(localeOf(lang), { dateStyle: "long", timeZone }).format(
    toDate(value),
  );
}

/** « 29 mars 2026 à 01:30 » */
export function formatDateTime(value: string | Date, { lang, timeZone }: FormatOptions): string {
  return new Intl.DateTimeFormat(localeOf(lang), {
    dateStyle: "long",
    timeStyle: "short",
    timeZone,
  }).format(toDate(value));
}

/** « 14:30 » */
export function formatTime(value: string | Date, { lang, timeZone }: FormatOptions): string {
  return new Intl.DateTimeFormat(localeOf(lang), { timeStyle: "short", timeZone }).format(
    toDate(value),
  );
}

/** The calendar day (YYYY-MM-DD) of an instant in the zone: what "today" and date
 * ranges are built from. */
export function dayInZone(value: string | Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    timeZone,
  }).formatToParts(toDate(value));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** Integer cents as money: « 1 234,56 € ». */
export function formatAmount(cents: number, lang: Lang, currency = "EUR"): string {
  return new Intl.NumberFormat(localeOf(lang), { style: "currency", currency }).format(cents / 100);
}

/** « 245 ko », « 1,3 Mo » (French units in French). */
export function formatSize(bytes: number | null | undefined, lang: Lang): string {
  if (bytes == null) return "";
  const [unit, value] =
    bytes < 1000
      ? (["byte", bytes] as const)
      : bytes < 1000 * 1000
        ? (["kilobyte", bytes / 1000] as const)
        : (["megabyte", bytes / (1000 * 1000)] as const);
  return new Intl.NumberFormat(localeOf(lang), {
    style: "unit",
    unit,
    unitDisplay: "short",
    maximumFractionDigits: unit === "megabyte" ? 1 : 0,
  }).format(value);
}

const MONTH = /^(\d{4})-(\d{2})$/;

/** A document's period once: « novembre 2026 » for 2026-11, else as typed, else
 * the year (the admin's own rule). */
export function formatPeriod(period: string, year: number | null, lang: Lang): string {
  const match = MONTH.exec(period.trim());
  if (match) {
    const month = Number(match[2]);
    if (month >= 1 && month <= 12) {
      return new Intl.DateTimeFormat(localeOf(lang), {
        month: "long",
        year: "numeric",
        timeZone: "UTC",
      }).format(Date.UTC(Number(match[1]), month - 1, 1));
    }
  }
  if (period.trim()) return period.trim();
  return year ? String(year) : "";
}

/** Every formatter above, for one language and time zone: what the pages use
 * (`useFormat`). */
export function formatters(lang: Lang, timeZone: string) {
  const options = { lang, timeZone };
  return {
    timeZone,
    date: (value: string | Date) => formatDate(value, options),
    dateTime: (value: string | Date) => formatDateTime(value, options),
    time: (value: string | Date) => formatTime(value, options),
    amount: (cents: number, currency?: string) => formatAmount(cents, lang, currency),
    size: (bytes: number | null | undefined) => formatSize(bytes, lang),
    period: (period: string, year: number | null) => formatPeriod(period, year, lang),
  };
}
