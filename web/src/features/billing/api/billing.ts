import { useInfiniteQuery, useMutation, useQuery } from "@tanstack/react-query";
import type { components } from "../../../api/schema";
import { api, call, cursorOf, portal } from "../../../lib/api";
import type { BillingKind } from "../lib/words";

export type Quote = components["schemas"]["Quote"];
export type Contract = components["schemas"]["Contract"];
export type Invoice = components["schemas"]["Invoice"];
export type InvoiceDetail = components["schemas"]["InvoiceDetail"];
export type QuoteDetail = components["schemas"]["QuoteDetail"];
export type ContractDetail = components["schemas"]["ContractDetail"];
export type Payment = components["schemas"]["Payment"];

/** One row of any of the three lists; invoices carry more. */
export type BillingItem = Quote &
  Partial<Pick<Invoice, "due_on" | "amount_due_cents" | "payable_online">>;

interface Page {
  next: string | null;
  results: BillingItem[];
}

function fetchPage(kind: BillingKind, cursor: string | undefined): Promise<Page> {
  const params = { path: portal(), query: { cursor } };
  switch (kind) {
    case "quotes":
      return call(api.GET("/api/v1/portals/{portal}/quotes", { params }));
    case "contracts":
      return call(api.GET("/api/v1/portals/{portal}/contracts", { params }));
    case "invoices":
      return call(api.GET("/api/v1/portals/{portal}/invoices", { params }));
  }
}

export const billingKey = (kind: BillingKind) => ["billing", kind] as const;

/** `GET quotes|contracts|invoices`, newest first, a cursor page at a time. */
export function useRecords(kind: BillingKind) {
  return useInfiniteQuery({
    queryKey: billingKey(kind),
    queryFn: ({ pageParam }) => fetchPage(kind, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => cursorOf(page.next),
  });
}

/** A quote or contract with its latest signature. */
export function useSignable(kind: "quotes" | "contracts", id: number) {
  return useQuery({
    queryKey: [...billingKey(kind), id],
    queryFn: (): Promise<QuoteDetail | ContractDetail> => {
      const params = { path: { ...portal(), id } };
      return kind === "quotes"
        ? call(api.GET("/api/v1/portals/{portal}/quotes/{id}", { params }))
        : call(api.GET("/api/v1/portals/{portal}/contracts/{id}", { params }));
    },
  });
}

/** An invoice with its latest payment; `pollMs` asks again while it may change. */
export function useInvoice(id: number, pollMs: number | false = false) {
  return useQuery({
    queryKey: [...billingKey("invoices"), id],
    queryFn: () =>
      call(
        api.GET("/api/v1/portals/{portal}/invoices/{id}", {
          params: { path: { ...portal(), id } },
        }),
      ),
    refetchInterval: pollMs,
  });
}

/** The invoice's payment attempts (section `payment`). */
export function usePayments(invoice: number, pollMs: number | false = false, enabled = true) {
  return useQuery({
    queryKey: [...billingKey("invoices"), invoice, "payments"],
    queryFn: () =>
      call(
        api.GET("/api/v1/portals/{portal}/invoices/{id}/payments", {
          params: { path: { ...portal(), id: invoice } },
        }),
      ),
    refetchInterval: pollMs,
    enabled,
  });
}

/** Opens the provider's checkout (a new one, or the invoice's open one) and leaves
 * for it: the provider sends the family back to « paiement/:invoice ». */
export function usePay() {
  return useMutation({
    mutationFn: (invoice: number) =>
      call(
        api.POST("/api/v1/portals/{portal}/invoices/{id}/payments", {
          params: { path: { ...portal(), id: invoice } },
        }),
      ),
    onSuccess: (payment) => {
      window.location.assign(payment.checkout_url);
    },
  });
}

/** Where a document of the portal is downloaded (`documents/{id}/download`). */
export function documentDownloadPath(document: number): string {
  return `/api/v1/portals/${encodeURIComponent(portal().portal)}/documents/${document}/download`;
}
