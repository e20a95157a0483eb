import { useQuery } from "@tanstack/react-query";
import type { components } from "../../api/schema";
import { api, call, portal } from "../../lib/api";

/** API.md promises `agency.time_zone`; read it when the server sends it. */
export type PortalConfig = components["schemas"]["PortalConfig"] & {
  agency: { time_zone?: string };
};
export type PortalHome = components["schemas"]["PortalHome"];
export type PortalMenu = components["schemas"]["PortalMenu"];

// The portal's identity barely changes: no refetch on every page.
const STABLE = 5 * 60 * 1000;

export function useConfig() {
  return useQuery({
    queryKey: ["config"],
    queryFn: (): Promise<PortalConfig> =>
      call(api.GET("/api/v1/portals/{portal}/config", { params: { path: portal() } })),
    staleTime: STABLE,
  });
}

export function useHome() {
  return useQuery({
    queryKey: ["home"],
    queryFn: () => call(api.GET("/api/v1/portals/{portal}/home", { params: { path: portal() } })),
  });
}

export function useMenu(enabled = true) {
  return useQuery({
    queryKey: ["menu"],
    queryFn: () => call(api.GET("/api/v1/portals/{portal}/menu", { params: { path: portal() } })),
    enabled,
  });
}
