import { useInfiniteQuery } from "@tanstack/react-query";
import type { components } from "../../../api/schema";
import { api, call, cursorOf, portal } from "../../../lib/api";
import type { DocumentCategory } from "../../../lib/menu";

export type PortalDocument = components["schemas"]["Document"];

export interface DocumentFilters {
  category?: DocumentCategory;
  year?: number;
  search?: string;
}

/** `GET documents`, newest first, one cursor page after another (« Voir plus »). */
export function useDocuments(filters: DocumentFilters) {
  return useInfiniteQuery({
    queryKey: ["documents", filters],
    queryFn: ({ pageParam }) =>
      call(
        api.GET("/api/v1/portals/{portal}/documents", {
          params: {
            path: portal(),
            query: {
              category: filters.category,
              year: filters.year,
              search: filters.search || undefined,
              cursor: pageParam,
            },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => cursorOf(page.next),
  });
}
