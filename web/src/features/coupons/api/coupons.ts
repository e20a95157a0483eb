import { useQuery } from "@tanstack/react-query";
import type { components } from "../../../api/schema";
import { api, call, portal } from "../../../lib/api";
import { retryUnlessOffline } from "../../planning/api/planning";

export type Coupon = components["schemas"]["Coupon"];
export type CouponStatus = components["schemas"]["CouponStatusEnum"];
export type CouponInput = components["schemas"]["CouponInputRequest"];

export const COUPON_STATUSES: readonly CouponStatus[] = [
  "submitted",
  "validated",
  "rejected",
  "cancelled",
];
export const COUPONS_KEY = "coupons";

export interface CouponFilters {
  status?: CouponStatus;
  from?: string;
  to?: string;
}

export function useCoupons(filters: CouponFilters) {
  return useQuery({
    queryKey: [COUPONS_KEY, filters],
    queryFn: () =>
      call(
        api.GET("/api/v1/portals/{portal}/coupons", {
          params: {
            path: portal(),
            query: { status: filters.status, from: filters.from, to: filters.to },
          },
        }),
      ),
    retry: retryUnlessOffline,
  });
}

export function declareCoupon(body: CouponInput): Promise<Coupon> {
  return call(api.POST("/api/v1/portals/{portal}/coupons", { params: { path: portal() }, body }));
}

export function changeCoupon(id: number, body: Partial<CouponInput>): Promise<Coupon> {
  return call(
    api.PATCH("/api/v1/portals/{portal}/coupons/{id}", {
      params: { path: { ...portal(), id } },
      body,
    }),
  );
}

export function cancelCoupon(id: number, reason: string): Promise<Coupon> {
  return call(
    api.POST("/api/v1/portals/{portal}/coupons/{id}/cancel", {
      params: { path: { ...portal(), id } },
      body: { reason },
    }),
  );
}
