import { useMemo } from "react";
import { useConfig } from "../features/portal/api";
import {
  formatAmount,
  formatDate,
  formatDateTime,
  formatPeriod,
  formatSize,
  formatTime,
  safeTimeZone,
} from "../lib/format";
import { useI18n } from "./i18n";

/** The formatters of the page's language, in the agency's time zone. */
export function useFormat() {
  const { lang } = useI18n();
  const config = useConfig();
  const timeZone = safeTimeZone(config.data?.agency.time_zone);
  return useMemo(() => {
    const options = { lang, timeZone };
    return {
      timeZone,
      date: (value: string | Date) => formatDate(value, options),
      dateTime: (value: string | Date) => formatDateTime(value, options),
      time: (value: string | Date) => formatTime(value, options),
      amount: (cents: number, currency?: string) => formatAmount(cents, lang, currency),
      size: (bytes: number | null | undefined) => formatSize(bytes, lang),
      period: (period: string, year: number | null) => formatPeriod(period, year, lang),
    };
  }, [lang, timeZone]);
}
