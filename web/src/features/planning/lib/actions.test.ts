import { describe, expect, it } from "vitest";
import { canDeclareCoupon, creatableKinds, itemButtons, visibleKinds } from "./actions";

// The demo's portals (cms seed_demo).
const intervenant = {
  interventions: ["view"],
  availabilities: ["view", "create", "change", "delete"],
  absences: ["view", "create"],
} as const;
const client = {
  interventions: ["view"],
  availabilities: [],
  absences: ["view", "create", "delete"],
} as const;

describe("action matrix to buttons", () => {
  it("shows the kinds the portal lets people see", () => {
    expect(visibleKinds(intervenant)).toEqual(["interventions", "availabilities", "absences"]);
    expect(visibleKinds(client)).toEqual(["interventions", "absences"]);
    expect(visibleKinds(undefined)).toEqual([]);
  });

  it("offers « Ajouter » only for kinds one may create and see", () => {
    expect(creatableKinds(intervenant)).toEqual(["availabilities", "absences"]);
    expect(creatableKinds(client)).toEqual(["absences"]);
    expect(creatableKinds({ absences: ["create"] })).toEqual([]);
    expect(creatableKinds(null)).toEqual([]);
  });

  it("offers change and delete as the matrix says", () => {
    const future = { portalKind: "intervenant" as const, started: false };
    expect(itemButtons(intervenant, "availabilities", future)).toEqual({
      change: true,
      delete: true,
    });
    expect(itemButtons(intervenant, "absences", future)).toEqual({ change: false, delete: false });
    expect(itemButtons(intervenant, "interventions", future)).toEqual({
      change: false,
      delete: false,
    });
    expect(itemButtons(client, "absences", { portalKind: "client", started: false })).toEqual({
      change: false,
      delete: true,
    });
  });

  it("lets families change only what is still to come", () => {
    const matrix = { absences: ["view", "change", "delete"] } as const;
    expect(itemButtons(matrix, "absences", { portalKind: "client", started: true })).toEqual({
      change: false,
      delete: false,
    });
    // Care workers keep them (the server allows it).
    expect(itemButtons(matrix, "absences", { portalKind: "intervenant", started: true })).toEqual({
      change: true,
      delete: true,
    });
  });

  it("offers a coupon for a begun visit of a care worker", () => {
    const now = new Date("2026-11-18T10:00:00+01:00");
    const begun = { start: "2026-11-18T08:00:00+01:00", status: "planned" };
    const context = { portalKind: "intervenant", coupons: true, now };
    expect(canDeclareCoupon(begun, context)).toBe(true);
    expect(canDeclareCoupon({ ...begun, status: "done" }, context)).toBe(true);
    expect(canDeclareCoupon({ ...begun, status: "cancelled" }, context)).toBe(false);
    expect(canDeclareCoupon({ ...begun, start: "2026-11-18T11:00:00+01:00" }, context)).toBe(false);
    expect(canDeclareCoupon(begun, { ...context, coupons: false })).toBe(false);
    expect(canDeclareCoupon(begun, { ...context, portalKind: "client" })).toBe(false);
  });
});
