import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect } from "react";
import { useI18n } from "../../app/i18n";
import { useFormat } from "../../app/useFormat";
import { portal } from "../../lib/api";
import { PLANNING_KEY } from "../planning/api/planning";
import { spanText } from "../planning/lib/text";
import { COUPONS_KEY } from "./api/coupons";
import { type OutboxEntry, ownerOf } from "./lib/outbox";
import { dismissEntry, sendPending, useOutbox } from "./outboxClient";

// While coupons wait and the browser says it is online, try again this often (the
// `online` event alone misses a server that was briefly unreachable).
const RETRY_MS = 30_000;

/** Sends the coupons kept on the device as soon as the connection returns, from
 * whichever page is open, and shows what the server answered to each. */
export default function OutboxSync({
  online,
  identifier,
}: {
  online: boolean;
  identifier: string;
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const owner = ownerOf(portal().portal, identifier);
  const entries = useOutbox(owner);
  const pending = entries.filter((entry) => entry.state === "pending").length;
  const answered = entries.filter((entry) => entry.state !== "pending");

  const run = useCallback(async () => {
    const result = await sendPending(owner, t);
    if (result.answered.length) {
      await queryClient.invalidateQueries({ queryKey: [COUPONS_KEY] });
      await queryClient.invalidateQueries({ queryKey: [PLANNING_KEY] });
    }
  }, [owner, t, queryClient]);

  useEffect(() => {
    if (!online || pending === 0) return;
    void run();
    const timer = window.setInterval(() => void run(), RETRY_MS);
    return () => window.clearInterval(timer);
  }, [online, pending, run]);

  if (pending === 0 && answered.length === 0) return null;
  return (
    <div className="outbox">
      {pending > 0 && (
        <p className="notice" role="status">
          {t(pending === 1 ? "coupons.outbox.waiting.one" : "coupons.outbox.waiting.other", {
            count: pending,
          })}
        </p>
      )}
      {answered.map((entry) => (
        <Answer key={entry.id} entry={entry} />
      ))}
    </div>
  );
}

function Answer({ entry }: { entry: OutboxEntry }) {
  const { t, lang } = useI18n();
  const format = useFormat();
  const when = t("coupons.outbox.when", {
    date: format.date(entry.draft.start),
    span: spanText(entry.draft.start, entry.draft.end, format.timeZone, lang),
  });
  const accepted = entry.state === "accepted";
  return (
    <div
      className={`notice ${accepted ? "notice-success" : "notice-error"}`}
      role={accepted ? "status" : "alert"}
    >
      <p>
        {accepted
          ? t("coupons.outbox.accepted", { when })
          : t("coupons.outbox.refused", { when, reason: entry.message ?? "" })}
      </p>
      <button
        type="button"
        className="button-secondary"
        onClick={() => void dismissEntry(entry.id)}
      >
        {t("coupons.outbox.dismiss")}
      </button>
    </div>
  );
}
