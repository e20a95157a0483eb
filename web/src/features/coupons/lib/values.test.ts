import { describe, expect, it } from "vitest";
import { checkCoupon, couponValues } from "./values";

const ZONE = "Europe/Paris";

describe("coupon times", () => {
  it("prefills from the visit on the agency's clock", () => {
    expect(
      couponValues(
        { start: "2026-11-17T07:00:00Z", end: "2026-11-17T09:00:00Z", kilometres: "12.0" },
        ZONE,
      ),
    ).toEqual({
      day: "2026-11-17",
      startTime: "08:00",
      endTime: "10:00",
      kilometres: "12",
      comment: "",
    });
  });

  it("reads the times back with the zone's offset", () => {
    const values = {
      day: "2026-11-17",
      startTime: "08:00",
      endTime: "10:30",
      kilometres: "12,5",
      comment: " ok ",
    };
    expect(checkCoupon(values, ZONE)).toEqual({
      ok: true,
      start: "2026-11-17T08:00:00+01:00",
      end: "2026-11-17T10:30:00+01:00",
      kilometres: "12.5",
      comment: "ok",
    });
  });

  it("ends a night visit the next morning", () => {
    const values = {
      day: "2026-11-17",
      startTime: "21:00",
      endTime: "07:00",
      kilometres: "",
      comment: "",
    };
    expect(checkCoupon(values, ZONE)).toMatchObject({
      start: "2026-11-17T21:00:00+01:00",
      end: "2026-11-18T07:00:00+01:00",
      kilometres: null,
    });
  });

  it("says which field is wrong", () => {
    const base = {
      day: "2026-11-17",
      startTime: "08:00",
      endTime: "10:00",
      kilometres: "",
      comment: "",
    };
    expect(checkCoupon({ ...base, startTime: "" }, ZONE)).toMatchObject({
      ok: false,
      field: "day",
    });
    expect(checkCoupon({ ...base, kilometres: "douze" }, ZONE)).toMatchObject({
      ok: false,
      field: "kilometres",
    });
    expect(checkCoupon({ ...base, kilometres: "1.25" }, ZONE)).toMatchObject({ ok: false });
  });
});
