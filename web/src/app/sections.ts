/** The menu sections this build has a page for (router.tsx); the menu leaves the
 * others out until their pages arrive. */
export const ROUTED_SECTIONS: ReadonlySet<string> = new Set([
  "documents",
  "administrative",
  "profile",
  // Planning and coupons (issue 13)
  "planning",
  "coupons",
  // Messages (issue 14)
  "messages",
]);
