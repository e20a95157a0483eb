import { useEffect, useMemo, useRef, useState } from "react";
import { useSearchParams } from "react-router";
import { useI18n } from "../../../app/i18n";
import { useFormat } from "../../../app/useFormat";
import { Loading, LoadError } from "../../../components/Feedback";
import { Page } from "../../../components/Page";
import { dayInZone } from "../../../lib/format";
import type { MessageKey } from "../../../locales";
import { useConfig } from "../../portal/api";
import { entriesOf, usePlanning, usePlanningSection } from "../api/planning";
import { DayList } from "../components/DayList";
import { FeedSubscribe } from "../components/FeedSubscribe";
import { type Editing, ItemForm } from "../components/ItemForm";
import { MonthGrid } from "../components/MonthGrid";
import { creatableKinds, type ItemKind, visibleKinds } from "../lib/actions";
import { isDay, itemsByDay, shift, type View, viewRange } from "../lib/dates";
import { periodTitle } from "../lib/text";
import "../planning.css";

// The view and the day live in the address (French words), so that Back, a reload
// and an offline reload show the same period.
const VIEW_SLUGS: Record<View, string> = {
  day: "jour",
  week: "semaine",
  month: "mois",
  list: "liste",
};
// The address's word back to its view; a Map, so that `?vue=constructor` is no view.
const SLUG_VIEWS = new Map(Object.entries(VIEW_SLUGS).map(([view, slug]) => [slug, view as View]));

const VIEW_LABELS: Record<View, MessageKey> = {
  day: "planning.view.day",
  week: "planning.view.week",
  month: "planning.view.month",
  list: "planning.view.list",
};
const PREVIOUS: Record<View, MessageKey> = {
  day: "planning.previous.day",
  week: "planning.previous.week",
  month: "planning.previous.month",
  list: "planning.previous.month",
};
const NEXT: Record<View, MessageKey> = {
  day: "planning.next.day",
  week: "planning.next.week",
  month: "planning.next.month",
  list: "planning.next.month",
};
export const ADD_LABELS: Record<ItemKind, MessageKey> = {
  interventions: "planning.add.interventions",
  availabilities: "planning.add.availabilities",
  absences: "planning.add.absences",
};

/** « Mon planning », both portals: the portal's default view, navigation, the
 * buttons its action matrix allows, and the calendar subscription. */
export default function Planning() {
  const { t, lang } = useI18n();
  const format = useFormat();
  const zone = format.timeZone;
  const config = useConfig();
  const { menu, section, defaultView, actions } = usePlanningSection();
  const [params, setParams] = useSearchParams();
  const today = dayInZone(new Date(), zone);
  const anchor = isDay(params.get("jour")) ? params.get("jour")! : today;
  const view = SLUG_VIEWS.get(params.get("vue") ?? "") ?? defaultView;
  const range = useMemo(() => viewRange(view, anchor), [view, anchor]);
  const planning = usePlanning(range.from, range.to, !!section);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const portalKind = config.data?.kind ?? "client";

  const entries = useMemo(() => entriesOf(planning.data), [planning.data]);
  const byDay = useMemo(
    () =>
      itemsByDay(
        entries.map((entry) => ({ ...entry, start: entry.item.start, end: entry.item.end })),
        range.days,
        zone,
      ),
    [entries, range.days, zone],
  );

  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  const go = (next: { view?: View; day?: string }, keepNotice = false) => {
    const query = new URLSearchParams(params);
    query.set("vue", VIEW_SLUGS[next.view ?? view]);
    query.set("jour", next.day ?? anchor);
    setParams(query);
    if (!keepNotice) setNotice(null);
  };

  const title = section?.label ?? t("planning.title");
  if (menu.isPending) return <Loading />;
  if (menu.isError && !menu.data) return <LoadError error={menu.error} retry={menu.refetch} />;
  if (!section) {
    return (
      <Page title={t("planning.title")}>
        <p>{t("error.section_disabled")}</p>
      </Page>
    );
  }

  const creatable = creatableKinds(actions);
  const shown = visibleKinds(actions);
  const period = periodTitle(view, range, anchor, lang, t);

  const done = (message: string, day?: string) => {
    setEditing(null);
    setNotice(message);
    // Show the period of what was just saved.
    if (day && !range.days.includes(day)) go({ day }, true);
  };

  return (
    <Page title={title}>
      <div className="pl-toolbar">
        <div className="pl-views" role="group" aria-label={t("planning.view.label")}>
          {(["day", "week", "month", "list"] as const).map((option) => (
            <button
              key={option}
              type="button"
              className="pl-toggle"
              aria-pressed={option === view}
              onClick={() => go({ view: option })}
            >
              {t(VIEW_LABELS[option])}
            </button>
          ))}
        </div>
        <div className="pl-nav" role="group" aria-label={t("planning.nav.label")}>
          <button
            type="button"
            className="button-secondary pl-step"
            onClick={() => go({ day: shift(view, anchor, -1) })}
          >
            <span aria-hidden="true">‹</span>
            <span className="visually-hidden">{t(PREVIOUS[view])}</span>
          </button>
          <button type="button" className="button-secondary" onClick={() => go({ day: today })}>
            {t("planning.today")}
          </button>
          <button
            type="button"
            className="button-secondary pl-step"
            onClick={() => go({ day: shift(view, anchor, 1) })}
          >
            <span aria-hidden="true">›</span>
            <span className="visually-hidden">{t(NEXT[view])}</span>
          </button>
        </div>
      </div>

      <h2 className="pl-period" aria-live="polite">
        {period}
      </h2>

      {creatable.length > 0 && !editing && (
        <div className="pl-add">
          {creatable.map((kind) => (
            <button
              key={kind}
              type="button"
              className="button-primary"
              onClick={() => {
                setNotice(null);
                setEditing({
                  mode: "create",
                  kind,
                  day: range.days.includes(today) ? today : anchor,
                });
              }}
            >
              {t(ADD_LABELS[kind])}
            </button>
          ))}
        </div>
      )}

      {notice && (
        <p className="notice notice-success pl-notice" role="status" tabIndex={-1} ref={noticeRef}>
          {notice}
        </p>
      )}

      {editing && (
        <ItemForm
          key={
            editing.mode === "create"
              ? `new-${editing.kind}`
              : `${editing.entry.kind}-${editing.entry.item.id}`
          }
          editing={editing}
          portalKind={portalKind}
          range={range}
          knownVisits={planning.data?.interventions ?? []}
          onCancel={() => setEditing(null)}
          onDone={done}
        />
      )}

      {planning.isPending ? (
        <Loading />
      ) : planning.isError && !planning.data ? (
        <LoadError error={planning.error} retry={planning.refetch} />
      ) : view === "month" ? (
        <MonthGrid
          anchor={anchor}
          today={today}
          caption={period}
          byDay={byDay}
          kinds={shown}
          onPick={(day) => go({ view: "day", day })}
        />
      ) : (
        <DayList
          days={range.days}
          today={today}
          byDay={byDay}
          onlyBusyDays={view === "list"}
          actions={actions}
          portalKind={portalKind}
          onChange={(entry) => {
            setNotice(null);
            setEditing({ mode: "change", entry });
          }}
          onDeleted={(message) => done(message)}
        />
      )}

      {shown.length === 0 && <p>{t("planning.nothingVisible")}</p>}

      <FeedSubscribe />
    </Page>
  );
}
