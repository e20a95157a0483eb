import { describe, expect, it } from "vitest";
import {
  dayInZone,
  DEFAULT_TIME_ZONE,
  formatAmount,
  formatDate,
  formatDateTime,
  formatPeriod,
  formatSize,
  formatTime,
  pluralForm,
  safeTimeZone,
} from "./format";

// Intl separates French thousands and the euro sign with narrow no-break spaces.
const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, " ");

describe("dates in the agency's time zone", () => {
  const paris = { lang: "fr" as const, timeZone: "Europe/Paris" };

  it("shows a UTC instant at the agency's wall-clock time, not the browser's", () => {
    // 23:30 UTC on 31 December is already New Year's Day in Paris.
    expect(formatDateTime("2025-12-31T23:30:00Z", paris)).toBe("1 janvier 2026 à 00:30");
    expect(
      formatDateTime("2025-12-31T23:30:00Z", { lang: "fr", timeZone: "America/Cayenne" }),
    ).toBe("31 décembre 2025 à 20:30");
  });

  it("follows the summer time change of the zone", () => {
    expect(formatTime("2026-03-29T00:30:00Z", paris)).toBe("01:30");
    expect(formatTime("2026-03-29T01:30:00Z", paris)).toBe("03:30");
  });

  it("reads an offset given by the API", () => {
    expect(formatDate("2026-06-01T01:00:00+02:00", paris)).toBe("1 juin 2026");
  });

  it("writes English dates in English", () => {
    expect(formatDate("2026-06-01T10:00:00Z", { lang: "en", timeZone: "Europe/Paris" })).toBe(
      "1 June 2026",
    );
  });

  it("gives the calendar day of an instant in the zone", () => {
    expect(dayInZone("2025-12-31T23:30:00Z", "Europe/Paris")).toBe("2026-01-01");
    expect(dayInZone("2025-12-31T23:30:00Z", "UTC")).toBe("2025-12-31");
  });

  it("falls back to Paris for a missing or unknown zone", () => {
    expect(safeTimeZone(undefined)).toBe(DEFAULT_TIME_ZONE);
    expect(safeTimeZone("Mars/Olympus_Mons")).toBe(DEFAULT_TIME_ZONE);
    expect(safeTimeZone("Indian/Reunion")).toBe("Indian/Reunion");
  });
});

describe("amounts from cents", () => {
  it("formats euros the French way", () => {
    expect(plain(formatAmount(123456, "fr"))).toBe("1 234,56 €");
    expect(plain(formatAmount(5, "fr"))).toBe("0,05 €");
  });

  it("formats euros the English way", () => {
    expect(formatAmount(123456, "en")).toBe("€1,234.56");
  });
});

describe("file sizes", () => {
  it("uses French units in French", () => {
    expect(plain(formatSize(500, "fr"))).toBe("500 o");
    expect(plain(formatSize(245_300, "fr"))).toBe("245 ko");
    expect(plain(formatSize(1_250_000, "fr"))).toBe("1,3 Mo");
  });

  it("says nothing for an unknown size", () => {
    expect(formatSize(null, "fr")).toBe("");
  });
});

describe("document periods", () => {
  it("names the month of a YYYY-MM period", () => {
    expect(formatPeriod("2026-11", 2026, "fr")).toBe("novembre 2026");
    expect(formatPeriod("2026-01", null, "en")).toBe("January 2026");
  });

  it("keeps a period typed otherwise, else shows the year", () => {
    expect(formatPeriod("T1 2026", 2026, "fr")).toBe("T1 2026");
    expect(formatPeriod("2026-13", 2026, "fr")).toBe("2026-13");
    expect(formatPeriod("", 2025, "fr")).toBe("2025");
    expect(formatPeriod("", null, "fr")).toBe("");
  });
});

describe("pluralForm", () => {
  it("counts 0 and 1 as singular in French, only 1 in English", () => {
    expect([0, 1, 2].map((n) => pluralForm("fr", n))).toEqual(["one", "one", "other"]);
    expect([0, 1, 2].map((n) => pluralForm("en", n))).toEqual(["other", "one", "other"]);
  });
});
