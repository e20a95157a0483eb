/**
 * Which portal this page is: Django writes its key and address into two metas
 * (web_contract.md); a page served without them (Vite's dev server) reads the
 * `/p/{key}/` address instead.
 */
export interface PortalPlace {
  /** The portal key of the API paths. */
  key: string;
  /** The portal's address, with a trailing slash: `/p/demo-clients/` or `/`. */
  base: string;
}

const ADDRESS = /^\/p\/([a-z0-9][a-z0-9_-]*)\//i;

export function portalPlace(
  metaKey: string | null | undefined,
  metaBase: string | null | undefined,
  pathname: string,
): PortalPlace | null {
  if (metaKey) {
    let base = metaBase || "/";
    if (!base.startsWith("/")) base = `/${base}`;
    if (!base.endsWith("/")) base = `${base}/`;
    return { key: metaKey, base };
  }
  const match = ADDRESS.exec(pathname.endsWith("/") ? pathname : `${pathname}/`);
  return match ? { key: match[1], base: `/p/${match[1]}/` } : null;
}

/** The router's basename: the base itself, trailing slash kept, so that the home
 * page's address is `/p/{key}/` (inside the service worker's scope), not `/p/{key}`. */
export function routerBasename(base: string): string {
  return base.endsWith("/") ? base : `${base}/`;
}

export function readPortalPlace(doc: Document = document): PortalPlace | null {
  const meta = (name: string) =>
    doc.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content ?? null;
  return portalPlace(meta("portail-portal"), meta("portail-base"), doc.location.pathname);
}

/** Where to go after signing in: only a path inside the app, never another site. */
export function safeNext(value: string | null | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) {
    return "/";
  }
  return value;
}
