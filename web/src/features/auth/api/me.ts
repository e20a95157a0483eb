import { type QueryClient, useQuery } from "@tanstack/react-query";
import type { components } from "../../../api/schema";
import { api, call, portal } from "../../../lib/api";

export type Me = components["schemas"]["PortalMe"];
export type LoginOutput = components["schemas"]["LoginOutput"];

export const ME_KEY = ["me"] as const;

/** Who is signed in; a 401 means nobody. */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: () => call(api.GET("/api/v1/portals/{portal}/me", { params: { path: portal() } })),
    staleTime: 60 * 1000,
  });
}

// The service worker's runtime caches (vite.config.ts): what one person read must
// not be shown to the next one on a shared phone.
export const PRIVATE_CACHES = ["portail-api", "portail-pages"];

async function dropPrivateCaches(): Promise<void> {
  if (!("caches" in window)) return;
  await Promise.all(PRIVATE_CACHES.map((name) => caches.delete(name).catch(() => false)));
}

/** A session just opened (sign-in, invitation, reset): forget everything read
 * before, and know who it is without asking again. */
export async function sessionOpened(queryClient: QueryClient, answer: LoginOutput): Promise<void> {
  // The token in the answer is ignored on purpose: the browser uses the session
  // cookie, and no credential is ever stored by the page.
  queryClient.removeQueries();
  await dropPrivateCaches();
  queryClient.setQueryData<Me>(ME_KEY, {
    account: { identifier: answer.account.identifier },
    person: answer.account.person,
  });
}

export async function signOut(queryClient: QueryClient): Promise<void> {
  try {
    await call(api.POST("/api/v1/portals/{portal}/auth/logout", { params: { path: portal() } }));
  } catch {
    // Already signed out (or offline): forgetting locally is what matters here.
  }
  await dropPrivateCaches();
  queryClient.removeQueries();
}
