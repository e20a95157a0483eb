import { type QueryClient, useQuery } from "@tanstack/react-query";
import type { components } from "../../../api/schema";
import { api, call, portal } from "../../../lib/api";
import { isApiError } from "../../../lib/errors";
import { useMenu } from "../../portal/api";
import type { ActionMatrix, ItemKind } from "../lib/actions";
import type { View } from "../lib/dates";

export type Planning = components["schemas"]["Planning"];
export type Intervention = components["schemas"]["Intervention"];
export type Availability = components["schemas"]["Availability"];
export type Absence = components["schemas"]["Absence"];
export type PlanningItem = Intervention | Availability | Absence;
export type ItemInput = components["schemas"]["ItemInputRequest"];

/** One item with its kind, as the pages handle them. */
export type Entry =
  | { kind: "interventions"; item: Intervention }
  | { kind: "availabilities"; item: Availability }
  | { kind: "absences"; item: Absence };

export const PLANNING_KEY = "planning";

export function planningKey(from: string, to: string) {
  return [PLANNING_KEY, from, to] as const;
}

async function fetchPlanning(from: string, to: string): Promise<Planning> {
  return call(
    api.GET("/api/v1/portals/{portal}/planning", {
      params: { path: portal(), query: { from, to } },
    }),
  );
}

/** The app's retry rule, except that a read without any answer while the browser is
 * offline fails at once (the service worker had nothing cached): waiting for the
 * connection would leave the page on « Chargement… ». */
export function retryUnlessOffline(failures: number, error: unknown): boolean {
  if (!isApiError(error)) return failures < 2;
  if (error.status === 0) return navigator.onLine && failures < 2;
  return !(error.status >= 400 && error.status < 500) && failures < 2;
}

/** `GET planning?from=&to=` (the service worker keeps the last answer of each range
 * for reading offline). */
export function usePlanning(from: string, to: string, enabled = true) {
  return useQuery({
    queryKey: planningKey(from, to),
    queryFn: () => fetchPlanning(from, to),
    enabled,
    retry: retryUnlessOffline,
  });
}

export function entriesOf(planning: Planning | undefined): Entry[] {
  if (!planning) return [];
  return [
    ...planning.interventions.map((item) => ({ kind: "interventions" as const, item })),
    ...planning.availabilities.map((item) => ({ kind: "availabilities" as const, item })),
    ...planning.absences.map((item) => ({ kind: "absences" as const, item })),
  ];
}

/** An item of this kind and id in any planning read during this visit. */
export function findCached(
  queryClient: QueryClient,
  kind: ItemKind,
  id: number,
): PlanningItem | undefined {
  for (const [, data] of queryClient.getQueriesData<Planning>({ queryKey: [PLANNING_KEY] })) {
    const found = data?.[kind].find((item) => item.id === id);
    if (found) return found;
  }
  return undefined;
}

export function allCachedInterventions(queryClient: QueryClient): Intervention[] {
  const byId = new Map<number, Intervention>();
  for (const [, data] of queryClient.getQueriesData<Planning>({ queryKey: [PLANNING_KEY] })) {
    for (const visit of data?.interventions ?? []) byId.set(visit.id, visit);
  }
  return [...byId.values()];
}

/** The `planning` section of the menu: default view and action matrix. */
export function usePlanningSection() {
  const menu = useMenu();
  const section = menu.data?.sections.find((item) => item.key === "planning");
  return {
    menu,
    section,
    defaultView: (section?.default_view ?? "week") as View,
    actions: (section?.actions ?? null) as ActionMatrix | null,
    coupons: !!menu.data?.sections.some((item) => item.key === "coupons"),
  };
}

const ifMatch = (version: number) => ({ "If-Match": `"${version}"` });

export function createItem(kind: ItemKind, body: ItemInput): Promise<PlanningItem> {
  return call(
    api.POST("/api/v1/portals/{portal}/planning/{kind}", {
      params: { path: { ...portal(), kind } },
      body,
    }),
  );
}

export function updateItem(
  kind: ItemKind,
  id: number,
  version: number,
  body: Partial<ItemInput>,
): Promise<PlanningItem> {
  return call(
    api.PATCH("/api/v1/portals/{portal}/planning/{kind}/{id}", {
      params: { path: { ...portal(), kind, id }, header: ifMatch(version) },
      body,
    }),
  );
}

export function deleteItem(kind: ItemKind, id: number, version: number): Promise<unknown> {
  return call(
    api.DELETE("/api/v1/portals/{portal}/planning/{kind}/{id}", {
      params: { path: { ...portal(), kind, id }, header: ifMatch(version) },
    }),
  );
}

/** The item as the server has it now, to show what changed after a 412: the
 * plannings of its day read again. Null when it is gone. */
export async function reloadItem(
  queryClient: QueryClient,
  kind: ItemKind,
  id: number,
  from: string,
  to: string,
): Promise<PlanningItem | null> {
  const fresh = await queryClient.fetchQuery({
    queryKey: planningKey(from, to),
    queryFn: () => fetchPlanning(from, to),
    staleTime: 0,
  });
  return fresh[kind].find((item) => item.id === id) ?? null;
}

/** A new secret calendar address (the previous one stops working). */
export function renewFeed(): Promise<components["schemas"]["CalendarFeed"]> {
  return call(api.POST("/api/v1/portals/{portal}/planning/feed", { params: { path: portal() } }));
}
