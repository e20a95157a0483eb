import { describe, expect, it } from "vitest";
import type { components } from "../api/schema";
import { childPath, documentSlug, inSection, menuToNav, safeExternalUrl } from "./menu";

type MenuSection = components["schemas"]["MenuSection"];

const ALL = new Set(["documents", "administrative", "profile", "planning", "coupons"]);

/** A menu section as the API sends it, its children given as [key, label]. */
const section = (key: string, label: string, ...children: [string, string][]): MenuSection => ({
  key,
  label,
  children: children.map(([childKey, childLabel]) => ({ key: childKey, label: childLabel })),
});

const clientMenu: MenuSection[] = [
  section("documents", "Mes documents", ["quotes", "Mes devis"], ["resources", "Mes ressources"]),
  { ...section("planning", "Mon planning"), default_view: "week" },
  section("profile", "Mes informations"),
  section("signature", "Signer mes devis et contrats"),
  section("payment", "Payer mes factures"),
];

describe("menuToNav", () => {
  it("keeps the menu's order and labels, with French addresses", () => {
    expect(menuToNav(clientMenu, ALL)).toEqual([
      {
        key: "documents",
        label: "Mes documents",
        path: "documents",
        children: [
          { key: "quotes", label: "Mes devis", path: "devis", children: [] },
          { key: "resources", label: "Mes ressources", path: "documents/ressources", children: [] },
        ],
      },
      { key: "planning", label: "Mon planning", path: "planning", children: [] },
      { key: "profile", label: "Mes informations", path: "profil", children: [] },
    ]);
  });

  it("leaves out sections that are actions, not pages (signature, payment)", () => {
    const keys = menuToNav(clientMenu, ALL).map((item) => item.key);
    expect(keys).not.toContain("signature");
    expect(keys).not.toContain("payment");
  });

  it("leaves out sections this build has no page for yet", () => {
    const keys = menuToNav(clientMenu, new Set(["documents", "profile"])).map((item) => item.key);
    expect(keys).toEqual(["documents", "profile"]);
  });

  it("maps the care worker's paperwork", () => {
    const nav = menuToNav(
      [
        section("coupons", "Mes coupons"),
        section(
          "administrative",
          "Mon administratif",
          ["payslips", "Mes bulletins de salaire"],
          ["other_documents", "Autres documents"],
        ),
      ],
      ALL,
    );
    expect(nav.map((item) => item.path)).toEqual(["coupons", "administratif"]);
    expect(nav[1].children.map((child) => child.path)).toEqual([
      "administratif/bulletins-de-salaire",
      "administratif/autres-documents",
    ]);
  });

  it("ignores unknown sections and children", () => {
    const nav = menuToNav(
      [section("wormhole", "?"), section("documents", "Mes documents", ["nope", "x"])],
      ALL,
    );
    expect(nav).toEqual([
      { key: "documents", label: "Mes documents", path: "documents", children: [] },
    ]);
  });
});

// Billing (issue 13)
describe("billing pages", () => {
  it("leads quotes, contracts and invoices to their own pages", () => {
    expect(childPath("documents", "quotes")).toBe("devis");
    expect(childPath("documents", "contracts")).toBe("contrats");
    expect(childPath("documents", "invoices")).toBe("factures");
    // The other categories keep the documents list.
    expect(childPath("documents", "tax_certificates")).toBe("documents/attestations-fiscales");
    expect(childPath("administrative", "invoices")).toBeNull();
  });

  it("marks the documents section on its children's pages and their steps", () => {
    const [documents] = menuToNav(
      [
        section(
          "documents",
          "Mes documents",
          ["quotes", "Mes devis"],
          ["invoices", "Mes factures"],
        ),
      ],
      ALL,
    );
    for (const path of [
      "/documents/ressources",
      "/devis",
      "/factures",
      "/factures/12",
      "/signature/devis/3",
      "/paiement/12",
    ]) {
      expect(inSection(documents, path), path).toBe(true);
    }
    // Its own page is marked by its link; contracts are not in this menu.
    for (const path of [
      "/documents",
      "/contrats",
      "/signature/contrat/3",
      "/devisx",
      "/planning",
    ]) {
      expect(inSection(documents, path), path).toBe(false);
    }
  });
});
// End billing (issue 13)

describe("documentSlug", () => {
  it("gives the API category behind an address", () => {
    expect(documentSlug("documents", "attestations-fiscales")).toEqual({
      child: "tax_certificates",
      category: "tax_certificate",
    });
    expect(documentSlug("administrative", "bulletins-de-salaire")?.category).toBe("payslip");
  });

  it("knows no category of another section or an unknown one", () => {
    expect(documentSlug("administrative", "devis")).toBeNull();
    expect(documentSlug("documents", "n-importe-quoi")).toBeNull();
    expect(documentSlug("documents", undefined)).toBeNull();
    expect(documentSlug("documents", "constructor")).toBeNull();
    expect(documentSlug("constructor", "devis")).toBeNull();
  });
});

describe("safeExternalUrl", () => {
  it("lets web addresses through and nothing else", () => {
    expect(safeExternalUrl("https://example.org/form?client=42")).toBe(
      "https://example.org/form?client=42",
    );
    expect(safeExternalUrl("javascript:alert(1)")).toBeNull();
    expect(safeExternalUrl("not a url")).toBeNull();
  });
});
