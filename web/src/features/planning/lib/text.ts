/** How the planning names its periods, days and spans, in the page's language and
 * the agency's zone. */
import { localeOf, pluralForm } from "../../../lib/format";
import type { Lang, MessageKey, Translate } from "../../../locales";
import { dayAsDate, type Range, type View, wallClock } from "./dates";

const UTC = "UTC";

function dayFormat(lang: Lang, options: Intl.DateTimeFormatOptions): (day: string) => string {
  const format = new Intl.DateTimeFormat(localeOf(lang), { ...options, timeZone: UTC });
  return (day) => format.format(dayAsDate(day));
}

export function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

/** « lundi 16 novembre » */
export function dayTitle(day: string, lang: Lang, withYear = false): string {
  return dayFormat(lang, {
    weekday: "long",
    day: "numeric",
    month: "long",
    ...(withYear ? { year: "numeric" } : {}),
  })(day);
}

/** « Novembre 2026 » */
export function monthTitle(day: string, lang: Lang): string {
  return capitalise(dayFormat(lang, { month: "long", year: "numeric" })(day));
}

/** The heading of the period shown: « Mercredi 18 novembre 2026 », « Semaine du 16
 * au 22 novembre 2026 », « Novembre 2026 ». */
export function periodTitle(
  view: View,
  range: Range,
  anchor: string,
  lang: Lang,
  t: Translate,
): string {
  if (view === "day") return capitalise(dayTitle(anchor, lang, true));
  if (view === "week") {
    const sameYear = range.from.slice(0, 4) === range.to.slice(0, 4);
    const sameMonth = range.from.slice(0, 7) === range.to.slice(0, 7);
    const from = dayFormat(lang, {
      day: "numeric",
      ...(sameMonth ? {} : { month: "long" }),
      ...(sameYear ? {} : { year: "numeric" }),
    })(range.from);
    const to = dayFormat(lang, { day: "numeric", month: "long", year: "numeric" })(range.to);
    return t("planning.period.week", { from, to });
  }
  return monthTitle(anchor, lang);
}

/** « 08:00 – 10:00 » within one day of the agency, « 19 nov. 00:00 – 21 nov. 00:00 »
 * across days. */
export function spanText(start: string, end: string, zone: string, lang: Lang): string {
  const from = wallClock(start, zone);
  const to = wallClock(end, zone);
  if (from.day === to.day) return `${from.time} – ${to.time}`;
  const short = dayFormat(lang, { day: "numeric", month: "short" });
  return `${short(from.day)} ${from.time} – ${short(to.day)} ${to.time}`;
}

/** « 2 interventions », « 1 absence »: the catalogue's `.one` or `.other` form by the
 * language's plural rules. */
export function countText(
  t: Translate,
  lang: Lang,
  base:
    "planning.count.interventions" | "planning.count.availabilities" | "planning.count.absences",
  count: number,
): string {
  return t(`${base}.${pluralForm(lang, count)}` as MessageKey, { count });
}
