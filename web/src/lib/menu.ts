/**
 * The `menu` answer turned into the app's navigation: each section key has its page
 * (web_contract.md, routes), children are the document categories.
 */
import type { components } from "../api/schema";

type MenuSection = components["schemas"]["MenuSection"];
export type DocumentCategory = components["schemas"]["CategoryEnum"];

export interface NavItem {
  key: string;
  label: string;
  /** Relative to the portal's base, without a leading slash. */
  path: string;
  children: NavItem[];
}

/** The page of each section; sections without a page of their own (signature,
 * payment: actions offered inside other pages) are not in the navigation. */
export const SECTION_PATHS: Record<string, string> = {
  documents: "documents",
  administrative: "administratif",
  planning: "planning",
  coupons: "coupons",
  profile: "profil",
  messages: "messages",
};

export interface DocumentSlug {
  /** The menu child this page stands for. */
  child: string;
  /** What the API filters on. */
  category: DocumentCategory;
}

/** `documents/:category` and `administratif/:category`: French slugs in the address,
 * the API's category behind each. */
export const DOCUMENT_SLUGS: Record<string, Record<string, DocumentSlug>> = {
  documents: {
    devis: { child: "quotes", category: "quote" },
    contrats: { child: "contracts", category: "contract" },
    factures: { child: "invoices", category: "invoice" },
    "attestations-fiscales": { child: "tax_certificates", category: "tax_certificate" },
    "attestations-caf": { child: "caf_certificates", category: "caf_certificate" },
    ressources: { child: "resources", category: "resource" },
  },
  administrative: {
    "bulletins-de-salaire": { child: "payslips", category: "payslip" },
    // The API shows under « Autres documents » every category but payslips; the
    // documents published to care workers are resources.
    "autres-documents": { child: "other_documents", category: "resource" },
  },
};

// Billing (issue 13): quotes, contracts and invoices have pages of their own (state,
// signing, paying), not the documents list of their category.
export const CHILD_PAGES: Record<string, Record<string, string>> = {
  documents: { quotes: "devis", contracts: "contrats", invoices: "factures" },
};

// The pages a child's page leads to, which belong to its section too.
const CHILD_STEPS: Record<string, string[]> = {
  quotes: ["signature/devis"],
  contracts: ["signature/contrat"],
  invoices: ["paiement"],
};

/** Whether the page at `pathname` belongs to a menu item: the item's own page
 * excluded (its link says so already), any page under it or under a child's. */
export function inSection(item: NavItem, pathname: string): boolean {
  const under = (path: string) => pathname.startsWith(`/${path}/`);
  return (
    under(item.path) ||
    item.children.some(
      (child) =>
        pathname === `/${child.path}` ||
        under(child.path) ||
        (CHILD_STEPS[child.key] ?? []).some(under),
    )
  );
}
// End billing (issue 13).

/** The page of a section's child, relative to the base, or null when it has none. */
export function childPath(section: string, child: string): string | null {
  const page = CHILD_PAGES[section]?.[child];
  if (page) return page;
  const slugs = DOCUMENT_SLUGS[section];
  if (!slugs) return null;
  const slug = Object.keys(slugs).find((s) => slugs[s].child === child);
  return slug ? `${SECTION_PATHS[section]}/${slug}` : null;
}

/**
 * The navigation in the menu's order. `routed` names the sections this build has a
 * page for: a section the server offers before its page exists is left out rather
 * than shown as a dead link.
 */
export function menuToNav(sections: MenuSection[], routed: ReadonlySet<string>): NavItem[] {
  const items: NavItem[] = [];
  for (const section of sections) {
    const path = SECTION_PATHS[section.key];
    if (!path || !routed.has(section.key)) continue;
    const children: NavItem[] = [];
    for (const child of section.children) {
      const childRoute = childPath(section.key, child.key);
      if (childRoute) {
        children.push({ key: child.key, label: child.label, path: childRoute, children: [] });
      }
    }
    items.push({ key: section.key, label: section.label, path, children });
  }
  return items;
}

/** The category behind `:category` of a section's page, or null when unknown. */
export function documentSlug(section: string, slug: string | undefined): DocumentSlug | null {
  const slugs = DOCUMENT_SLUGS[section];
  // The address is anyone's to type: `constructor` is no category.
  if (!slug || !slugs || !Object.hasOwn(slugs, slug)) return null;
  return slugs[slug];
}

/** Only web addresses open from the menu's extra links (never `javascript:`). */
export function safeExternalUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
  } catch {
    return null;
  }
}
