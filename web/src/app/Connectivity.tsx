import { lazy, Suspense } from "react";
import { useMe } from "../features/auth/api/me";
import { useConfig, useMenu } from "../features/portal/api";
import { useOnline } from "../lib/online";
import "./connectivity.css";
import { useI18n } from "./i18n";

// Only care workers declare coupons: the queue's code loads for them alone.
const OutboxSync = lazy(() => import("../features/coupons/OutboxSync"));

/** The « Hors ligne » banner on every page, and for care workers the coupons kept on
 * the device, sent when the connection returns, with the server's answers. */
export function Connectivity() {
  const { t } = useI18n();
  const online = useOnline();
  const me = useMe();
  const config = useConfig();
  const menu = useMenu(me.isSuccess);
  const coupons =
    config.data?.kind === "intervenant" &&
    !!menu.data?.sections.some((section) => section.key === "coupons");
  return (
    <>
      {!online && (
        <div className="offline-banner" role="status">
          <p>
            <strong>{t("offline.banner")}</strong> {t("offline.text")}
          </p>
        </div>
      )}
      {me.isSuccess && coupons && (
        <Suspense fallback={null}>
          <OutboxSync online={online} identifier={me.data.account.identifier} />
        </Suspense>
      )}
    </>
  );
}
