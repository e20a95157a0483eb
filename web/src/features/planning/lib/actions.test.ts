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

  // Families may change or delete only what is still to come; care workers keep
  // them (the server allows it).
  const matrices = {
    intervenant,
    client,
    allChanges: { absences: ["view", "change", "delete"] } as const,
  };
  it.each([
    ["intervenant", "availabilities", "intervenant", false, { change: true, delete: true }],
    ["intervenant", "absences", "intervenant", false, { change: false, delete: false }],
    ["intervenant", "interventions", "intervenant", false, { change: false, delete: false }],
    ["client", "absences", "client", false, { change: false, delete: true }],
    ["allChanges", "absences", "client", true, { change: false, delete: false }],
    ["allChanges", "absences", "intervenant", true, { change: true, delete: true }],
  ] as const)(
    "offers change and delete as the %s matrix says: %s in the %s portal, begun: %s",
    (matrix, kind, portalKind, started, buttons) => {
      expect(itemButtons(matrices[matrix], kind, { portalKind, started })).toEqual(buttons);
    },
  );

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
