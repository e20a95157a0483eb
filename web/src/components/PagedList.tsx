import { Fragment, type ReactNode } from "react";
import { useI18n } from "../app/i18n";
import { Loading, LoadError } from "./Feedback";

/** An infinite query of the API's paged lists, as TanStack Query gives it. */
interface PagedQuery<T> {
  data: { pages: { results: T[] }[] } | undefined;
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => void;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  isFetchNextPageError: boolean;
  fetchNextPage: () => Promise<unknown>;
}

/** A long list read page by page: while the first page loads, why it failed or that
 * there is nothing; then how many are shown, the items, and a button for the next
 * page (and what went wrong with it, if anything). */
export function PagedList<T extends { id: number }>({
  query,
  empty,
  count,
  className,
  more,
  item,
}: {
  query: PagedQuery<T>;
  empty: string;
  count: (count: number) => string;
  className: string;
  more: string;
  item: (result: T) => ReactNode;
}) {
  const { t } = useI18n();
  const results = query.data?.pages.flatMap((page) => page.results) ?? [];
  if (query.isPending) return <Loading />;
  // Results already shown stay when a later read fails.
  if (query.isError && results.length === 0) {
    return <LoadError error={query.error} retry={query.refetch} />;
  }
  if (results.length === 0) return <p className="empty">{empty}</p>;
  return (
    <>
      <p className="count" role="status">
        {count(results.length)}
      </p>
      <ul className={className}>
        {results.map((result) => (
          <Fragment key={result.id}>{item(result)}</Fragment>
        ))}
      </ul>
      {query.isFetchNextPageError && <LoadError error={query.error} />}
      {query.hasNextPage && (
        <button
          type="button"
          className="button-secondary"
          onClick={() => void query.fetchNextPage()}
          disabled={query.isFetchingNextPage}
        >
          {query.isFetchingNextPage ? t("app.loading") : more}
        </button>
      )}
    </>
  );
}
