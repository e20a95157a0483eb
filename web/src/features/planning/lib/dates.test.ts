import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  isDay,
  isTime,
  itemsByDay,
  monthWeeks,
  offsetIso,
  shift,
  startOfWeek,
  viewRange,
  wallClock,
  weekdayIndex,
  zonedInstant,
  zoneOffsetMinutes,
} from "./dates";

describe("calendar days", () => {
  it("starts weeks on Monday", () => {
    expect(weekdayIndex("2026-11-16")).toBe(0); // a Monday
    expect(weekdayIndex("2026-11-22")).toBe(6); // a Sunday
    expect(startOfWeek("2026-11-22")).toBe("2026-11-16");
    expect(startOfWeek("2026-11-16")).toBe("2026-11-16");
    // Across a month and a year.
    expect(startOfWeek("2027-01-01")).toBe("2026-12-28");
  });

  it("adds days and months without overflowing", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2024-01-31", 1)).toBe("2024-02-29");
    expect(addMonths("2026-01-15", -1)).toBe("2025-12-15");
  });

  it("knows a real day from a look-alike", () => {
    expect(isDay("2026-02-28")).toBe(true);
    expect(isDay("2026-02-30")).toBe(false);
    expect(isDay("2026-2-3")).toBe(false);
    expect(isDay("")).toBe(false);
    expect(isDay(null)).toBe(false);
    expect(isTime("23:59")).toBe(true);
    expect(isTime("24:00")).toBe(false);
  });
});

describe("view ranges", () => {
  it("a day is itself", () => {
    expect(viewRange("day", "2026-11-18")).toEqual({
      from: "2026-11-18",
      to: "2026-11-18",
      days: ["2026-11-18"],
    });
  });

  it("a week runs Monday to Sunday around the anchor", () => {
    const range = viewRange("week", "2026-11-19");
    expect(range.from).toBe("2026-11-16");
    expect(range.to).toBe("2026-11-22");
    expect(range.days).toHaveLength(7);
  });

  it("a month grid is whole weeks, within the API's 62 days", () => {
    // November 2026 starts on a Sunday: the grid starts Monday 26 October.
    const range = viewRange("month", "2026-11-10");
    expect(range.from).toBe("2026-10-26");
    expect(range.to).toBe("2026-12-06");
    expect(range.days.length % 7).toBe(0);
    expect(range.days.length).toBeLessThanOrEqual(62);
    const weeks = monthWeeks("2026-11-10");
    expect(weeks).toHaveLength(6);
    expect(weeks.every((week) => week.length === 7 && weekdayIndex(week[0]) === 0)).toBe(true);
    // February 2027 starts on a Monday and ends on a Sunday: exactly four weeks.
    expect(monthWeeks("2027-02-14")).toHaveLength(4);
  });

  it("a list covers the calendar month", () => {
    const range = viewRange("list", "2026-02-14");
    expect(range.from).toBe("2026-02-01");
    expect(range.to).toBe("2026-02-28");
  });

  it("steps by the view's own length", () => {
    expect(shift("day", "2026-11-30", 1)).toBe("2026-12-01");
    expect(shift("week", "2026-11-18", -1)).toBe("2026-11-11");
    expect(shift("month", "2026-03-31", -1)).toBe("2026-02-28");
    expect(shift("list", "2026-12-15", 1)).toBe("2027-01-15");
  });
});

describe("the agency's zone", () => {
  it("reads offsets of the zone, not of the device", () => {
    expect(zoneOffsetMinutes(Date.UTC(2026, 0, 15, 12), "Europe/Paris")).toBe(60);
    expect(zoneOffsetMinutes(Date.UTC(2026, 6, 15, 12), "Europe/Paris")).toBe(120);
    expect(zoneOffsetMinutes(Date.UTC(2026, 0, 15, 12), "America/New_York")).toBe(-300);
    expect(zoneOffsetMinutes(Date.UTC(2026, 0, 15, 12), "Asia/Kolkata")).toBe(330);
  });

  it("turns a wall-clock time into the instant and back", () => {
    const instant = zonedInstant("2026-11-16", "08:00", "Europe/Paris");
    expect(instant.toISOString()).toBe("2026-11-16T07:00:00.000Z");
    expect(offsetIso(instant, "Europe/Paris")).toBe("2026-11-16T08:00:00+01:00");
    expect(wallClock("2026-11-16T07:00:00Z", "Europe/Paris")).toEqual({
      day: "2026-11-16",
      time: "08:00",
    });
    // La Réunion, where some agencies are: UTC+4 all year.
    expect(offsetIso(zonedInstant("2026-11-16", "08:00", "Indian/Reunion"), "Indian/Reunion")).toBe(
      "2026-11-16T08:00:00+04:00",
    );
    expect(wallClock("2026-11-16T23:30:00Z", "Indian/Reunion")).toEqual({
      day: "2026-11-17",
      time: "03:30",
    });
  });

  it("crosses the clock changes", () => {
    // 29 March 2026: Paris skips from 02:00 to 03:00.
    expect(zonedInstant("2026-03-29", "01:30", "Europe/Paris").toISOString()).toBe(
      "2026-03-29T00:30:00.000Z",
    );
    expect(zonedInstant("2026-03-29", "03:30", "Europe/Paris").toISOString()).toBe(
      "2026-03-29T01:30:00.000Z",
    );
    // 02:30 does not exist that night: read as 03:30 summer time.
    expect(offsetIso(zonedInstant("2026-03-29", "02:30", "Europe/Paris"), "Europe/Paris")).toBe(
      "2026-03-29T03:30:00+02:00",
    );
    // 25 October 2026: 02:30 happens twice; the first one is meant.
    expect(zonedInstant("2026-10-25", "02:30", "Europe/Paris").toISOString()).toBe(
      "2026-10-25T00:30:00.000Z",
    );
    expect(zonedInstant("2026-10-25", "04:00", "Europe/Paris").toISOString()).toBe(
      "2026-10-25T03:00:00.000Z",
    );
  });

  it("puts items on every day they touch, in the zone", () => {
    const zone = "Europe/Paris";
    const days = viewRange("week", "2026-11-16").days;
    const visit = { id: 1, start: "2026-11-16T08:00:00+01:00", end: "2026-11-16T10:00:00+01:00" };
    // Late on Tuesday in Paris is already Wednesday in UTC+4: the agency's day counts.
    const late = { id: 2, start: "2026-11-17T22:00:00+01:00", end: "2026-11-17T23:00:00+01:00" };
    const away = { id: 3, start: "2026-11-19T00:00:00+01:00", end: "2026-11-21T00:00:00+01:00" };
    const early = { id: 4, start: "2026-11-16T07:00:00+01:00", end: "2026-11-16T07:30:00+01:00" };
    const byDay = itemsByDay([visit, late, away, early], days, zone);
    expect(byDay.get("2026-11-16")?.map((item) => item.id)).toEqual([4, 1]);
    expect(byDay.get("2026-11-17")?.map((item) => item.id)).toEqual([2]);
    expect(byDay.get("2026-11-18")).toEqual([]);
    expect(byDay.get("2026-11-19")?.map((item) => item.id)).toEqual([3]);
    expect(byDay.get("2026-11-20")?.map((item) => item.id)).toEqual([3]);
    // Ends at midnight: not on Saturday.
    expect(byDay.get("2026-11-21")).toEqual([]);
    const reunion = itemsByDay([late], days, "Indian/Reunion");
    expect(reunion.get("2026-11-17")).toEqual([]);
    expect(reunion.get("2026-11-18")?.map((item) => item.id)).toEqual([2]);
  });
});
