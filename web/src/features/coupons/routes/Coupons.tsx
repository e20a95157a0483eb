import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, type ReactNode, useEffect, useId, useMemo, useRef, useState } from "react";
import { useSearchParams } from "react-router";
import { useI18n } from "../../../app/i18n";
import { useFormat } from "../../../app/useFormat";
import { ErrorMessage, Loading, LoadError } from "../../../components/Feedback";
import { Field, SelectField, TextAreaField } from "../../../components/Field";
import { FilterForm } from "../../../components/FilterForm";
import { FormActions } from "../../../components/FormActions";
import { Page } from "../../../components/Page";
import { portal } from "../../../lib/api";
import { isApiError } from "../../../lib/errors";
import { dayInZone } from "../../../lib/format";
import { useOnline } from "../../../lib/online";
import type { MessageKey } from "../../../locales";
import { useMe } from "../../auth/api/me";
import {
  allCachedInterventions,
  type Intervention,
  usePlanning,
} from "../../planning/api/planning";
import { addDays, isDay, wallClock } from "../../planning/lib/dates";
import { capitalise, dayTitle, spanText } from "../../planning/lib/text";
import { useMenu } from "../../portal/api";
import {
  cancelCoupon,
  changeCoupon,
  type Coupon,
  COUPON_STATUSES,
  COUPONS_KEY,
  type CouponStatus,
  declareCoupon,
  useCoupons,
} from "../api/coupons";
import { CouponFields } from "../components/CouponFields";
import { type CouponDraft, type OutboxEntry, ownerOf } from "../lib/outbox";
import { checkCoupon, type CouponValues, couponValues } from "../lib/values";
import { queueCoupon, useOutbox, withdrawEntry } from "../outboxClient";
import "../coupons.css";

export const STATUS_LABELS: Record<CouponStatus, MessageKey> = {
  submitted: "coupons.status.submitted",
  validated: "coupons.status.validated",
  rejected: "coupons.status.rejected",
  cancelled: "coupons.status.cancelled",
};

// A coupon is declared within the agency's delay after the visit (a week by
// default, PORTAL_COUPON_DELAY); the server refuses older visits, saying so.
const RECENT_DAYS = 7;

/** The French words of the filters in the address. */
const STATUS_SLUGS: Record<CouponStatus, string> = {
  submitted: "soumis",
  validated: "valide",
  rejected: "refuse",
  cancelled: "annule",
};

/** « Mes coupons » (bons d'intervention) of a care worker: declare a visit's coupon
 * with its planned times, change it while it waits, cancel it with a reason; the
 * coupons declared without coverage wait on the device. */
export default function Coupons() {
  const { t } = useI18n();
  const format = useFormat();
  const menu = useMenu();
  const me = useMe();
  const section = menu.data?.sections.find((item) => item.key === "coupons");
  const owner = me.data ? ownerOf(portal().portal, me.data.account.identifier) : null;
  const outbox = useOutbox(owner);
  const [params, setParams] = useSearchParams();
  const statusSlug = params.get("etat");
  const status = COUPON_STATUSES.find((value) => STATUS_SLUGS[value] === statusSlug);
  const from = isDay(params.get("du")) ? params.get("du")! : undefined;
  const to = isDay(params.get("au")) ? params.get("au")! : undefined;
  const filtered = !!(status || from || to);
  const coupons = useCoupons({ status, from, to });
  // Every coupon, to know which visits already have one.
  const all = useCoupons({});
  const today = dayInZone(new Date(), format.timeZone);
  const recent = usePlanning(addDays(today, -RECENT_DAYS), today);
  const queryClient = useQueryClient();
  const wanted = Number(params.get("intervention")) || null;

  const visits = useMemo(() => {
    const byId = new Map<number, Intervention>();
    for (const visit of allCachedInterventions(queryClient)) byId.set(visit.id, visit);
    for (const visit of recent.data?.interventions ?? []) byId.set(visit.id, visit);
    return byId;
    // The cache is read again whenever the recent planning arrives.
  }, [queryClient, recent.data]);

  const declarable = useMemo(() => {
    const taken = new Set(
      (all.data?.results ?? [])
        .filter((coupon) => coupon.status === "submitted" || coupon.status === "validated")
        .map((coupon) => coupon.intervention),
    );
    for (const entry of outbox) if (entry.state === "pending") taken.add(entry.draft.intervention);
    const now = Date.now();
    return [...visits.values()]
      .filter(
        (visit) =>
          visit.status !== "cancelled" && Date.parse(visit.start) <= now && !taken.has(visit.id),
      )
      .sort((a, b) => Date.parse(b.start) - Date.parse(a.start));
  }, [visits, all.data, outbox]);
  // The visit chosen in the planning already has its coupon.
  const wantedTaken =
    wanted !== null &&
    (all.data?.results ?? []).some(
      (coupon) =>
        coupon.intervention === wanted &&
        (coupon.status === "submitted" || coupon.status === "validated"),
    );

  if (menu.isPending) return <Loading />;
  if (menu.data && !section) {
    return (
      <Page title={t("coupons.title")}>
        <p>{t("error.section_disabled")}</p>
      </Page>
    );
  }

  const pending = outbox.filter((entry) => entry.state === "pending");

  return (
    <Page title={section?.label ?? t("coupons.title")}>
      <p className="muted">{t("coupons.intro")}</p>

      <Declare
        key={wanted ?? "none"}
        visits={declarable}
        wanted={wanted}
        wantedTaken={wantedTaken}
        owner={owner}
        loadingVisits={recent.isPending}
      />

      {pending.length > 0 && <Pending entries={pending} visits={visits} />}

      <section aria-labelledby="coupons-list">
        <h2 id="coupons-list">{t("coupons.list.title")}</h2>
        <Filters
          status={status}
          from={from}
          to={to}
          onApply={(next) => {
            const query = new URLSearchParams();
            if (next.status) query.set("etat", STATUS_SLUGS[next.status]);
            if (next.from) query.set("du", next.from);
            if (next.to) query.set("au", next.to);
            setParams(query);
          }}
          onReset={filtered ? () => setParams(new URLSearchParams()) : undefined}
        />
        {coupons.isPending ? (
          <Loading />
        ) : coupons.isError && !coupons.data ? (
          <LoadError error={coupons.error} retry={coupons.refetch} />
        ) : coupons.data.results.length === 0 ? (
          <p className="empty">
            {t(filtered ? "coupons.list.emptyFiltered" : "coupons.list.empty")}
          </p>
        ) : (
          <ul className="coupons">
            {coupons.data.results.map((coupon) => (
              <CouponItem key={coupon.id} coupon={coupon} visit={visits.get(coupon.intervention)} />
            ))}
          </ul>
        )}
      </section>
    </Page>
  );
}

function visitLabel(visit: Intervention, zone: string, lang: "fr" | "en"): string {
  const day = capitalise(dayTitle(wallClock(visit.start, zone).day, lang));
  const client = [visit.client.first_name, visit.client.last_name].filter(Boolean).join(" ");
  return [`${day}, ${spanText(visit.start, visit.end, zone, lang)}`, client, visit.service]
    .filter(Boolean)
    .join(" · ");
}

function Declare({
  visits,
  wanted,
  wantedTaken,
  owner,
  loadingVisits,
}: {
  visits: Intervention[];
  wanted: number | null;
  wantedTaken: boolean;
  owner: string | null;
  loadingVisits: boolean;
}) {
  const { t, lang } = useI18n();
  const format = useFormat();
  const zone = format.timeZone;
  const online = useOnline();
  const queryClient = useQueryClient();
  const titleId = useId();
  const initial = visits.find((visit) => visit.id === wanted);
  const [visitId, setVisitId] = useState<string>(initial ? String(initial.id) : "");
  const [values, setValues] = useState<CouponValues | null>(
    initial ? couponValues(initial, zone) : null,
  );
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<"sent" | "queued" | null>(null);
  const [busy, setBusy] = useState(false);
  const resultRef = useRef<HTMLParagraphElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);
  useEffect(() => {
    if (wanted) heading.current?.focus();
  }, [wanted]);

  // The visit chosen in the planning may arrive with the recent planning; it is
  // picked once, not again after its coupon is sent.
  const picked = useRef(!!initial);
  useEffect(() => {
    if (picked.current || !wanted) return;
    const found = visits.find((visit) => visit.id === wanted);
    if (found) {
      picked.current = true;
      setVisitId(String(found.id));
      setValues(couponValues(found, zone));
    }
  }, [visits, wanted, zone]);

  const choose = (id: string) => {
    setVisitId(id);
    setResult(null);
    const visit = visits.find((item) => String(item.id) === id);
    setValues(visit ? couponValues(visit, zone) : null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!values || !visitId || !owner) return;
    setErrors({});
    setError(null);
    setResult(null);
    const checked = checkCoupon(values, zone);
    if (!checked.ok) {
      setErrors({ [checked.field]: [t(checked.message)] });
      return;
    }
    const draft: CouponDraft = {
      intervention: Number(visitId),
      start: checked.start,
      end: checked.end,
      kilometres: checked.kilometres,
      comment: checked.comment,
    };
    setBusy(true);
    const keep = async () => {
      await queueCoupon(owner, draft);
      setResult("queued");
      setVisitId("");
      setValues(null);
    };
    try {
      if (!navigator.onLine) {
        await keep();
      } else {
        await declareCoupon(draft);
        await queryClient.invalidateQueries({ queryKey: [COUPONS_KEY] });
        setResult("sent");
        setVisitId("");
        setValues(null);
      }
    } catch (caught) {
      if (isApiError(caught) && caught.status === 0) {
        await keep();
      } else {
        setError(caught);
        if (isApiError(caught)) setErrors(caught.fields);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="coupon-declare" aria-labelledby={titleId}>
      <h2 id={titleId} ref={heading} tabIndex={-1}>
        {t("coupons.declare.title")}
      </h2>
      {result && (
        <p className="notice notice-success" role="status" tabIndex={-1} ref={resultRef}>
          {t(result === "sent" ? "coupons.declare.sent" : "coupons.declare.queued")}
        </p>
      )}
      {!online && !result && <p className="notice">{t("coupons.declare.offlineHint")}</p>}
      {wantedTaken && !result && <p className="notice">{t("coupons.declare.alreadyDeclared")}</p>}
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <SelectField
          label={t("coupons.declare.visit")}
          value={visitId}
          onChange={(event) => choose(event.target.value)}
          none={
            loadingVisits && visits.length === 0
              ? t("app.loading")
              : visits.length === 0
                ? t("coupons.declare.noVisit")
                : t("coupons.declare.chooseVisit")
          }
          options={visits.map((visit) => ({
            value: visit.id,
            label: visitLabel(visit, zone, lang),
          }))}
        />
        {values && (
          <>
            <CouponFields values={values} onChange={setValues} errors={errors} />
            <ErrorMessage error={error} />
            <div>
              <button type="submit" className="button-primary" disabled={busy}>
                {busy ? t("app.loading") : t("coupons.declare.submit")}
              </button>
            </div>
          </>
        )}
      </form>
    </section>
  );
}

function Pending({
  entries,
  visits,
}: {
  entries: OutboxEntry[];
  visits: Map<number, Intervention>;
}) {
  const { t, lang } = useI18n();
  const format = useFormat();
  return (
    <section className="coupon-pending" aria-labelledby="coupons-pending">
      <h2 id="coupons-pending">{t("coupons.pending.title")}</h2>
      <p className="muted">{t("coupons.pending.text")}</p>
      <ul className="coupons">
        {entries.map((entry) => {
          const visit = visits.get(entry.draft.intervention);
          return (
            <li key={entry.id} className="coupon">
              <p className="coupon-title">
                {visit
                  ? visitLabel(visit, format.timeZone, lang)
                  : capitalise(dayTitle(wallClock(entry.draft.start, format.timeZone).day, lang))}
              </p>
              <p>
                {t("coupons.declaredTimes", {
                  span: spanText(entry.draft.start, entry.draft.end, format.timeZone, lang),
                })}
              </p>
              <button
                type="button"
                className="button-secondary"
                onClick={() => void withdrawEntry(entry.id)}
              >
                {t("coupons.pending.withdraw")}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function Filters({
  status,
  from,
  to,
  onApply,
  onReset,
}: {
  status: CouponStatus | undefined;
  from: string | undefined;
  to: string | undefined;
  onApply: (filters: { status?: CouponStatus; from?: string; to?: string }) => void;
  onReset?: () => void;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState({ status: status ?? "", from: from ?? "", to: to ?? "" });
  return (
    <FilterForm
      label={t("coupons.filters")}
      apply={t("coupons.filter.apply")}
      reset={t("coupons.filter.reset")}
      onApply={() =>
        onApply({
          status: (draft.status || undefined) as CouponStatus | undefined,
          from: isDay(draft.from) ? draft.from : undefined,
          to: isDay(draft.to) ? draft.to : undefined,
        })
      }
      clear={() => setDraft({ status: "", from: "", to: "" })}
      onReset={onReset}
    >
      <SelectField
        label={t("coupons.filter.status")}
        value={draft.status}
        onChange={(event) => setDraft({ ...draft, status: event.target.value })}
        none={t("coupons.filter.allStatuses")}
        options={COUPON_STATUSES.map((value) => ({ value, label: t(STATUS_LABELS[value]) }))}
      />
      <Field
        label={t("coupons.filter.from")}
        type="date"
        value={draft.from}
        onChange={(event) => setDraft({ ...draft, from: event.target.value })}
      />
      <Field
        label={t("coupons.filter.to")}
        type="date"
        value={draft.to}
        onChange={(event) => setDraft({ ...draft, to: event.target.value })}
      />
    </FilterForm>
  );
}

function CouponItem({ coupon, visit }: { coupon: Coupon; visit: Intervention | undefined }) {
  const { t, lang } = useI18n();
  const format = useFormat();
  const zone = format.timeZone;
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<"view" | "change" | "cancel">("view");
  const [values, setValues] = useState<CouponValues>(() => couponValues(coupon, zone));
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<MessageKey | null>(null);
  const titleId = useId();
  const day = dayTitle(couponValues(coupon, zone).day, lang);

  // Both forms start afresh, check what they can locally, then send.
  const begin = (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    setError(null);
  };

  const send = async (write: () => Promise<unknown>, message: MessageKey) => {
    setBusy(true);
    try {
      await write();
      await queryClient.invalidateQueries({ queryKey: [COUPONS_KEY] });
      setMode("view");
      setDone(message);
    } catch (caught) {
      setError(caught);
      if (isApiError(caught)) setErrors(caught.fields);
    } finally {
      setBusy(false);
    }
  };

  const open = (action: "change" | "cancel") => {
    setDone(null);
    if (action === "change") setValues(couponValues(coupon, zone));
    setMode(action);
  };

  const save = async (event: FormEvent) => {
    begin(event);
    const checked = checkCoupon(values, zone);
    if (!checked.ok) {
      setErrors({ [checked.field]: [t(checked.message)] });
      return;
    }
    await send(
      () =>
        changeCoupon(coupon.id, {
          start: checked.start,
          end: checked.end,
          kilometres: checked.kilometres,
          comment: checked.comment,
        }),
      "coupons.changed",
    );
  };

  const cancel = async (event: FormEvent) => {
    begin(event);
    if (!reason.trim()) {
      setErrors({ reason: [t("coupons.cancel.reasonRequired")] });
      return;
    }
    await send(() => cancelCoupon(coupon.id, reason.trim()), "coupons.cancelled");
  };

  return (
    <li className="coupon">
      <h3 className="coupon-title" id={titleId}>
        {t("coupons.item.title", { day })}
      </h3>
      <p>
        <span className={`coupon-status coupon-${coupon.status}`}>
          {t(STATUS_LABELS[coupon.status])}
        </span>
        {coupon.status === "submitted" && (
          <span className="muted"> {t("coupons.status.submittedHelp")}</span>
        )}
      </p>
      {done && (
        <p className="notice notice-success" role="status">
          {t(done)}
        </p>
      )}
      <dl className="coupon-details">
        <dt>{t("coupons.item.declared")}</dt>
        <dd>{spanText(coupon.start, coupon.end, zone, lang)}</dd>
        {visit && (
          <>
            <dt>{t("coupons.item.planned")}</dt>
            <dd>{visitLabel(visit, zone, lang)}</dd>
          </>
        )}
        {coupon.kilometres && (
          <>
            <dt>{t("coupons.item.kilometres")}</dt>
            <dd>
              {t("coupons.item.km", { value: Number(coupon.kilometres).toLocaleString(lang) })}
            </dd>
          </>
        )}
        {coupon.comment && (
          <>
            <dt>{t("coupons.item.comment")}</dt>
            <dd className="coupon-comment">{coupon.comment}</dd>
          </>
        )}
        {coupon.reason && (
          <>
            <dt>
              {t(
                coupon.status === "rejected"
                  ? "coupons.item.rejectedWhy"
                  : "coupons.item.cancelledWhy",
              )}
            </dt>
            <dd>{coupon.reason}</dd>
          </>
        )}
      </dl>

      {coupon.status === "submitted" && mode === "view" && (
        <div className="filters-actions">
          {(["change", "cancel"] as const).map((action) => (
            <button
              key={action}
              type="button"
              className="button-secondary"
              aria-describedby={titleId}
              onClick={() => open(action)}
            >
              {t(action === "change" ? "coupons.change" : "coupons.cancel")}
            </button>
          ))}
        </div>
      )}

      {mode !== "view" && (
        <ActionForm
          action={mode}
          onSubmit={mode === "change" ? save : cancel}
          error={error}
          busy={busy}
          onClose={() => setMode("view")}
        >
          {mode === "change" ? (
            <CouponFields values={values} onChange={setValues} errors={errors} />
          ) : (
            <TextAreaField
              label={t("coupons.cancel.reason")}
              rows={2}
              maxLength={300}
              required
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              errors={errors.reason}
            />
          )}
        </ActionForm>
      )}
    </li>
  );
}

// The buttons of the two forms under a coupon.
const ACTION_BUTTONS = {
  change: { submit: "coupons.change.save", close: "coupons.change.close" },
  cancel: { submit: "coupons.cancel.confirm", close: "coupons.cancel.keep" },
} as const;

/** The form under a coupon that changes or cancels it: its fields, what went wrong,
 * then the button that sends and the one that closes the form. */
function ActionForm({
  action,
  onSubmit,
  error,
  busy,
  onClose,
  children,
}: {
  action: keyof typeof ACTION_BUTTONS;
  onSubmit: (event: FormEvent) => Promise<void>;
  error: unknown;
  busy: boolean;
  onClose: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const { submit, close } = ACTION_BUTTONS[action];
  return (
    <form className="form coupon-form" onSubmit={(event) => void onSubmit(event)} noValidate>
      {children}
      <ErrorMessage error={error} />
      <FormActions submit={t(submit)} busy={busy} second={t(close)} onSecond={onClose} />
    </form>
  );
}
