import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { useI18n } from "../../../app/i18n";
import { useFormat } from "../../../app/useFormat";
import { isApiError } from "../../../lib/errors";
import type { MessageKey } from "../../../locales";
import { deleteItem, type Entry, PLANNING_KEY, usePlanningSection } from "../api/planning";
import { type ActionMatrix, canDeclareCoupon, itemButtons, type ItemKind } from "../lib/actions";
import { wallClock } from "../lib/dates";
import { planningProblem, type Problem } from "../lib/problems";
import { spanText } from "../lib/text";
import { ProblemNotice } from "./ProblemNotice";

export const KIND_LABELS: Record<ItemKind, MessageKey> = {
  interventions: "planning.kind.interventions",
  availabilities: "planning.kind.availabilities",
  absences: "planning.kind.absences",
};
const CONFIRM: Record<ItemKind, MessageKey> = {
  interventions: "planning.delete.confirm.interventions",
  availabilities: "planning.delete.confirm.availabilities",
  absences: "planning.delete.confirm.absences",
};
const DELETED: Record<ItemKind, MessageKey> = {
  interventions: "planning.deleted.interventions",
  availabilities: "planning.deleted.availabilities",
  absences: "planning.deleted.absences",
};
const STATUS: Record<string, MessageKey> = {
  planned: "planning.status.planned",
  done: "planning.status.done",
  cancelled: "planning.status.cancelled",
};

/** What every item card of a view shares: the portal's rules, and what « Modifier »
 * and a deletion do. */
export interface ItemCardContext {
  actions: ActionMatrix | null;
  portalKind: "client" | "intervenant";
  onChange: (entry: Entry) => void;
  onDeleted: (message: string) => void;
}

/** One item of the planning: when, what, with whom, and the buttons the portal
 * allows on it. */
export function ItemCard({
  entry,
  actions,
  portalKind,
  onChange,
  onDeleted,
}: { entry: Entry } & ItemCardContext) {
  const { t, lang } = useI18n();
  const format = useFormat();
  const queryClient = useQueryClient();
  const { coupons } = usePlanningSection();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const { kind, item } = entry;
  const now = new Date();
  const started = Date.parse(item.start) <= now.getTime();
  const buttons = itemButtons(actions, kind, { portalKind, started });
  const span = spanText(item.start, item.end, format.timeZone, lang);
  const label = `${t(KIND_LABELS[kind])} ${span}`;

  const remove = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await deleteItem(kind, item.id, item.version);
      await queryClient.invalidateQueries({ queryKey: [PLANNING_KEY] });
      onDeleted(t(DELETED[kind]));
    } catch (error) {
      setProblem(
        isApiError(error) && error.status === 412
          ? { title: t("planning.error.staleDelete") }
          : planningProblem(error, t),
      );
      setConfirming(false);
      // A 412 means someone changed it: show it as it is now.
      await queryClient.invalidateQueries({ queryKey: [PLANNING_KEY] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className={`pl-item pl-${kind}`}>
      <p className="pl-when">
        <span className="pl-kind">{t(KIND_LABELS[kind])}</span> <span>{span}</span>
      </p>
      {kind === "interventions" && (
        <>
          {item.service && <p className="pl-service">{item.service}</p>}
          <VisitParty entry={entry} portalKind={portalKind} />
          <p className={`pl-status pl-status-${item.status}`}>
            {t(STATUS[item.status] ?? "planning.status.planned")}
          </p>
        </>
      )}
      {kind === "absences" && item.reason && <p className="pl-reason">{item.reason}</p>}

      {problem && <ProblemNotice problem={problem} />}

      {confirming ? (
        <div className="pl-confirm" role="group" aria-label={t(CONFIRM[kind])}>
          <p>{t(CONFIRM[kind])}</p>
          <button
            type="button"
            className="button-primary"
            onClick={() => void remove()}
            disabled={busy}
          >
            {t("planning.delete.yes")}
          </button>
          <button
            type="button"
            className="button-secondary"
            onClick={() => setConfirming(false)}
            disabled={busy}
          >
            {t("planning.delete.no")}
          </button>
        </div>
      ) : (
        (buttons.change ||
          buttons.delete ||
          (kind === "interventions" && canDeclareCoupon(item, { portalKind, coupons, now }))) && (
          <div className="pl-actions">
            {buttons.change && (
              <button type="button" className="button-secondary" onClick={() => onChange(entry)}>
                {t("planning.change")}
                <span className="visually-hidden"> {label}</span>
              </button>
            )}
            {buttons.delete && (
              <button
                type="button"
                className="button-secondary"
                onClick={() => {
                  setProblem(null);
                  setConfirming(true);
                }}
              >
                {t("planning.delete")}
                <span className="visually-hidden"> {label}</span>
              </button>
            )}
            {kind === "interventions" && canDeclareCoupon(item, { portalKind, coupons, now }) && (
              <Link
                className="button-secondary button-link"
                to={`/coupons?intervention=${item.id}&jour=${wallClock(item.start, format.timeZone).day}`}
              >
                {t("planning.declareCoupon")}
                <span className="visually-hidden"> {label}</span>
              </Link>
            )}
          </div>
        )
      )}
    </li>
  );
}

function VisitParty({ entry, portalKind }: { entry: Entry; portalKind: "client" | "intervenant" }) {
  const { t } = useI18n();
  if (entry.kind !== "interventions") return null;
  const { client, intervenant } = entry.item;
  if (portalKind === "client") {
    const name = [intervenant?.first_name, intervenant?.last_name].filter(Boolean).join(" ");
    return (
      <p className="pl-party">
        {name ? t("planning.withWorker", { name }) : t("planning.noWorkerYet")}
      </p>
    );
  }
  const name = [client.first_name, client.last_name].filter(Boolean).join(" ");
  const address = [client.address, [client.postal_code, client.city].filter(Boolean).join(" ")]
    .filter(Boolean)
    .join(", ");
  return (
    <div className="pl-party">
      {name && <p>{t("planning.atClient", { name })}</p>}
      {address && <p>{address}</p>}
      {client.phone && (
        <p>
          <a href={`tel:${client.phone.replace(/[^\d+]/g, "")}`}>{client.phone}</a>
        </p>
      )}
    </div>
  );
}
