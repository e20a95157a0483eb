import type { ReactNode } from "react";
import { useI18n } from "../app/i18n";
import { LoadError } from "./Feedback";

/** The paging side of an infinite query, as TanStack Query gives it. */
interface Pages {
  error: unknown;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  isFetchNextPageError: boolean;
  fetchNextPage: () => Promise<unknown>;
}

/** A long list read page by page: how many are shown, the items, then a button
 * for the next page (and what went wrong with it, if anything). */
export function PagedList({
  count,
  className,
  pages,
  more,
  children,
}: {
  count: string;
  className: string;
  pages: Pages;
  more: string;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <>
      <p className="count" role="status">
        {count}
      </p>
      <ul className={className}>{children}</ul>
      {pages.isFetchNextPageError && <LoadError error={pages.error} />}
      {pages.hasNextPage && (
        <button
          type="button"
          className="button-secondary"
          onClick={() => void pages.fetchNextPage()}
          disabled={pages.isFetchingNextPage}
        >
          {pages.isFetchingNextPage ? t("app.loading") : more}
        </button>
      )}
    </>
  );
}
