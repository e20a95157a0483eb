/**
 * The portal's planning action matrix (`menu`, section `planning`, `actions`) turned
 * into the buttons a page shows: only what the server will accept.
 */

export type ItemKind = "interventions" | "availabilities" | "absences";
export type Action = "view" | "create" | "change" | "delete";
export type ActionMatrix = Partial<Record<ItemKind, readonly Action[]>>;

export const ITEM_KINDS: readonly ItemKind[] = ["interventions", "availabilities", "absences"];

const allows = (matrix: ActionMatrix | null | undefined, kind: ItemKind, action: Action) =>
  (matrix?.[kind] ?? []).includes(action);

/** The kinds the planning shows: the server leaves out the others. */
export function visibleKinds(matrix: ActionMatrix | null | undefined): ItemKind[] {
  return ITEM_KINDS.filter((kind) => allows(matrix, kind, "view"));
}

/** The « Ajouter » buttons, one per kind the person may create. A kind one may create
 * but not see would leave the new item invisible: no button for it either. */
export function creatableKinds(matrix: ActionMatrix | null | undefined): ItemKind[] {
  return ITEM_KINDS.filter(
    (kind) => allows(matrix, kind, "create") && allows(matrix, kind, "view"),
  );
}

export interface ItemContext {
  portalKind: "client" | "intervenant";
  /** The item's start is past. */
  started: boolean;
}

export interface ItemButtons {
  change: boolean;
  delete: boolean;
}

/** « Modifier » and « Supprimer » for one item. Families may change or delete only
 * what is still to come (the server refuses the rest with 403). */
export function itemButtons(
  matrix: ActionMatrix | null | undefined,
  kind: ItemKind,
  { portalKind, started }: ItemContext,
): ItemButtons {
  const open = !(portalKind === "client" && started);
  return {
    change: open && allows(matrix, kind, "change"),
    delete: open && allows(matrix, kind, "delete"),
  };
}

export interface VisitForCoupon {
  start: string;
  status: string;
}

/** « Déclarer le coupon » under a visit: care workers whose portal has coupons, for a
 * visit that has begun and is not cancelled. */
export function canDeclareCoupon(
  visit: VisitForCoupon,
  { portalKind, coupons, now }: { portalKind: string; coupons: boolean; now: Date },
): boolean {
  return (
    portalKind === "intervenant" &&
    coupons &&
    visit.status !== "cancelled" &&
    Date.parse(visit.start) <= now.getTime()
  );
}
