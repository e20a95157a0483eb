import {
  addDays,
  isDay,
  isTime,
  offsetIso,
  wallClockSpan,
  zonedInstant,
} from "../../planning/lib/dates";

/** What a care worker types for a coupon: the day, when they arrived and left (a
 * departure before the arrival is the next morning), kilometres and a comment. */
export interface CouponValues {
  day: string;
  startTime: string;
  endTime: string;
  kilometres: string;
  comment: string;
}

export function couponValues(
  times: { start: string; end: string; kilometres?: string | null; comment?: string },
  zone: string,
): CouponValues {
  const { startDay, startTime, endTime } = wallClockSpan(times.start, times.end, zone);
  return {
    day: startDay,
    startTime,
    endTime,
    kilometres: times.kilometres ? times.kilometres.replace(/\.0$/, "") : "",
    comment: times.comment ?? "",
  };
}

const KILOMETRES = /^\d{1,5}([.,]\d)?$/;

export type CouponCheck =
  | { ok: true; start: string; end: string; kilometres: string | null; comment: string }
  | {
      ok: false;
      field: "day" | "kilometres";
      message: "coupons.form.incomplete" | "coupons.form.badKilometres";
    };

/** The values as the API reads them, or which field is wrong. */
export function checkCoupon(values: CouponValues, zone: string): CouponCheck {
  if (!isDay(values.day) || !isTime(values.startTime) || !isTime(values.endTime)) {
    return { ok: false, field: "day", message: "coupons.form.incomplete" };
  }
  const kilometres = values.kilometres.trim();
  if (kilometres && !KILOMETRES.test(kilometres)) {
    return { ok: false, field: "kilometres", message: "coupons.form.badKilometres" };
  }
  const start = zonedInstant(values.day, values.startTime, zone);
  let end = zonedInstant(values.day, values.endTime, zone);
  if (end <= start) end = zonedInstant(addDays(values.day, 1), values.endTime, zone);
  return {
    ok: true,
    start: offsetIso(start, zone),
    end: offsetIso(end, zone),
    kilometres: kilometres ? kilometres.replace(",", ".") : null,
    comment: values.comment.trim(),
  };
}
