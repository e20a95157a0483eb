import { describe, expect, it } from "vitest";
import { checkCoupon, couponValues } from "./values";

const ZONE = "Europe/Paris";

// A coupon as typed: 17 November, 08:00 to 10:00, nothing more; each case changes
// what it is about.
const TYPED = {
  day: "2026-11-17",
  startTime: "08:00",
  endTime: "10:00",
  kilometres: "",
  comment: "",
};

describe("coupon times", () => {
  it("prefills from the visit on the agency's clock", () => {
    expect(
      couponValues(
        { start: "2026-11-17T07:00:00Z", end: "2026-11-17T09:00:00Z", kilometres: "12.0" },
        ZONE,
      ),
    ).toEqual({ ...TYPED, kilometres: "12" });
  });

  it.each([
    [
      "reads the times back with the zone's offset",
      { endTime: "10:30", kilometres: "12,5", comment: " ok " },
      {
        start: "2026-11-17T08:00:00+01:00",
        end: "2026-11-17T10:30:00+01:00",
        kilometres: "12.5",
        comment: "ok",
      },
    ],
    [
      "ends a night visit the next morning",
      { startTime: "21:00", endTime: "07:00" },
      {
        start: "2026-11-17T21:00:00+01:00",
        end: "2026-11-18T07:00:00+01:00",
        kilometres: null,
        comment: "",
      },
    ],
  ])("%s", (_, typed, read) => {
    expect(checkCoupon({ ...TYPED, ...typed }, ZONE)).toEqual({ ok: true, ...read });
  });

  it.each([
    { typed: { startTime: "" }, field: "day" },
    { typed: { kilometres: "douze" }, field: "kilometres" },
    { typed: { kilometres: "1.25" }, field: "kilometres" },
  ])("says which field is wrong: $field for $typed", ({ typed, field }) => {
    expect(checkCoupon({ ...TYPED, ...typed }, ZONE)).toMatchObject({ ok: false, field });
  });
});
