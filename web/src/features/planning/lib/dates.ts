/**
 * The planning's calendar arithmetic. Calendar days are "YYYY-MM-DD" strings that
 * belong to no zone; instants become days and wall-clock times only through the
 * agency's IANA zone, never the device's (a family abroad reads the agency's times).
 */

export type View = "day" | "week" | "month" | "list";
export const VIEWS: readonly View[] = ["day", "week", "month", "list"];

export function isView(value: unknown): value is View {
  return typeof value === "string" && (VIEWS as readonly string[]).includes(value);
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

interface YMD {
  y: number;
  m: number;
  d: number;
}

function parse(day: string): YMD {
  const match = DAY.exec(day);
  if (!match) throw new RangeError(`not a day: ${day}`);
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

function fromUtc(time: number): string {
  const date = new Date(time);
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** A real calendar day written YYYY-MM-DD (not 2026-02-30). */
export function isDay(value: string | null | undefined): value is string {
  if (!value || !DAY.test(value)) return false;
  const { y, m, d } = parse(value);
  return fromUtc(Date.UTC(y, m - 1, d)) === value && y >= 1900 && y <= 2999;
}

/** The day as a UTC midnight: what Intl formats with `timeZone: "UTC"` to name it. */
export function dayAsDate(day: string): Date {
  const { y, m, d } = parse(day);
  return new Date(Date.UTC(y, m - 1, d));
}

export function addDays(day: string, count: number): string {
  const { y, m, d } = parse(day);
  return fromUtc(Date.UTC(y, m - 1, d + count));
}

/** 0 for Monday … 6 for Sunday (French weeks start on Monday). */
export function weekdayIndex(day: string): number {
  return (dayAsDate(day).getUTCDay() + 6) % 7;
}

export function startOfWeek(day: string): string {
  return addDays(day, -weekdayIndex(day));
}

export function startOfMonth(day: string): string {
  const { y, m } = parse(day);
  return `${pad(y, 4)}-${pad(m)}-01`;
}

export function endOfMonth(day: string): string {
  const { y, m } = parse(day);
  return fromUtc(Date.UTC(y, m, 0));
}

/** The same day of another month, or that month's last day (31 January + 1 month
 * is 28 or 29 February). */
export function addMonths(day: string, count: number): string {
  const { y, m, d } = parse(day);
  const first = fromUtc(Date.UTC(y, m - 1 + count, 1));
  const last = Number(endOfMonth(first).slice(8));
  return `${first.slice(0, 8)}${pad(Math.min(d, last))}`;
}

/** Every day from `from` to `to`, both included. */
export function daysFrom(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

export interface Range {
  /** The API's `from` and `to` (both included). */
  from: string;
  to: string;
  /** The days shown, in order. */
  days: string[];
}

/** The days a view shows around `anchor`: the day; its week, Monday to Sunday; its
 * month as whole weeks (the grid, at most 42 days, within the API's 62); the list
 * covers the month itself. */
export function viewRange(view: View, anchor: string): Range {
  let from: string;
  let to: string;
  if (view === "day") {
    from = to = anchor;
  } else if (view === "week") {
    from = startOfWeek(anchor);
    to = addDays(from, 6);
  } else if (view === "month") {
    from = startOfWeek(startOfMonth(anchor));
    to = addDays(startOfWeek(endOfMonth(anchor)), 6);
  } else {
    from = startOfMonth(anchor);
    to = endOfMonth(anchor);
  }
  return { from, to, days: daysFrom(from, to) };
}

/** The month grid's weeks, each Monday to Sunday. */
export function monthWeeks(anchor: string): string[][] {
  const { days } = viewRange("month", anchor);
  const weeks: string[][] = [];
  for (let index = 0; index < days.length; index += 7) weeks.push(days.slice(index, index + 7));
  return weeks;
}

/** « Précédent » and « Suivant »: one day, week or month away. */
export function shift(view: View, anchor: string, direction: -1 | 1): string {
  if (view === "day") return addDays(anchor, direction);
  if (view === "week") return addDays(anchor, 7 * direction);
  return addMonths(anchor, direction);
}

export function sameMonth(a: string, b: string): boolean {
  return a.slice(0, 7) === b.slice(0, 7);
}

// Zones ----------------------------------------------------------------------

const partsFormats = new Map<string, Intl.DateTimeFormat>();

function partsFormat(zone: string): Intl.DateTimeFormat {
  let format = partsFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", {
      timeZone: zone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    partsFormats.set(zone, format);
  }
  return format;
}

interface Wall extends YMD {
  hour: number;
  minute: number;
  second: number;
}

function wallParts(time: number, zone: string): Wall {
  const parts = partsFormat(zone).formatToParts(new Date(time));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return {
    y: get("year"),
    m: get("month"),
    d: get("day"),
    hour: get("hour") % 24,
    minute: get("minute"),
    second: get("second"),
  };
}

/** How many minutes the zone's clock is ahead of UTC at that instant. */
export function zoneOffsetMinutes(instant: Date | number, zone: string): number {
  const time = typeof instant === "number" ? instant : instant.getTime();
  const wall = wallParts(time, zone);
  const asUtc = Date.UTC(wall.y, wall.m - 1, wall.d, wall.hour, wall.minute, wall.second);
  return Math.round((asUtc - Math.floor(time / 1000) * 1000) / 60000);
}

const TIME = /^(\d{2}):(\d{2})$/;

export function isTime(value: string | null | undefined): value is string {
  const match = value ? TIME.exec(value) : null;
  return !!match && Number(match[1]) < 24 && Number(match[2]) < 60;
}

/** The instant the zone's clock shows `time` on `day`. A time the clock skips (the
 * spring change) is read with the offset before the change, so 02:30 becomes 03:30;
 * a time it shows twice (autumn) is the first of the two. */
export function zonedInstant(day: string, time: string, zone: string): Date {
  const { y, m, d } = parse(day);
  const match = TIME.exec(time);
  if (!match) throw new RangeError(`not a time: ${time}`);
  const wall = Date.UTC(y, m - 1, d, Number(match[1]), Number(match[2]));
  // The offsets an hour (or a change) either side bracket the answer.
  const before = zoneOffsetMinutes(wall - 24 * 3600 * 1000, zone);
  const after = zoneOffsetMinutes(wall + 24 * 3600 * 1000, zone);
  const candidates = [wall - before * 60000, wall - after * 60000].filter(
    (time) => zoneOffsetMinutes(time, zone) * 60000 === wall - time,
  );
  if (candidates.length) return new Date(Math.min(...candidates));
  // Skipped: the clock jumped over it; keep the offset it had before the jump.
  return new Date(wall - before * 60000);
}

/** ISO 8601 with the zone's offset at that instant: `2026-11-16T08:00:00+01:00`,
 * the form the API answers in and reads back. */
export function offsetIso(instant: Date, zone: string): string {
  const offset = zoneOffsetMinutes(instant, zone);
  const wall = wallParts(instant.getTime(), zone);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  return (
    `${pad(wall.y, 4)}-${pad(wall.m)}-${pad(wall.d)}T${pad(wall.hour)}:${pad(wall.minute)}:` +
    `${pad(wall.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** The day and the « HH:MM » the zone's clock shows at that instant. */
export function wallClock(instant: string | Date, zone: string): { day: string; time: string } {
  const time = (instant instanceof Date ? instant : new Date(instant)).getTime();
  const wall = wallParts(time, zone);
  return {
    day: `${pad(wall.y, 4)}-${pad(wall.m)}-${pad(wall.d)}`,
    time: `${pad(wall.hour)}:${pad(wall.minute)}`,
  };
}

/** A span as a form shows it: the day and time of its start and of its end. */
export function wallClockSpan(
  start: string | Date,
  end: string | Date,
  zone: string,
): { startDay: string; startTime: string; endDay: string; endTime: string } {
  const from = wallClock(start, zone);
  const to = wallClock(end, zone);
  return { startDay: from.day, startTime: from.time, endDay: to.day, endTime: to.time };
}

export interface Timed {
  start: string;
  end: string;
}

/** The items sharing some time with each day (midnight to midnight on the agency's
 * clock): an absence over three days shows on each of them; one ending at midnight
 * does not show on the next day. Each day's items in order of start. */
export function itemsByDay<T extends Timed>(
  items: T[],
  days: string[],
  zone: string,
): Map<string, T[]> {
  const spans = items
    .map((item) => ({ item, start: Date.parse(item.start), end: Date.parse(item.end) }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const byDay = new Map<string, T[]>();
  for (const day of days) {
    const dayStart = zonedInstant(day, "00:00", zone).getTime();
    const dayEnd = zonedInstant(addDays(day, 1), "00:00", zone).getTime();
    byDay.set(
      day,
      spans.filter((span) => span.start < dayEnd && span.end > dayStart).map((span) => span.item),
    );
  }
  return byDay;
}
