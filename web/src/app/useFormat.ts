import { useMemo } from "react";
import { useConfig } from "../features/portal/api";
import { formatters, safeTimeZone } from "../lib/format";
import { useI18n } from "./i18n";

/** The formatters of the page's language, in the agency's time zone. */
export function useFormat() {
  const { lang } = useI18n();
  const config = useConfig();
  const timeZone = safeTimeZone(config.data?.agency.time_zone);
  return useMemo(() => formatters(lang, timeZone), [lang, timeZone]);
}
