import { useI18n } from "../../../app/i18n";
import { localeOf } from "../../../lib/format";
import type { Entry } from "../api/planning";
import type { ItemKind } from "../lib/actions";
import { dayAsDate, monthWeeks, sameMonth } from "../lib/dates";
import { countText, dayTitle } from "../lib/text";
import { KIND_LABELS } from "./ItemCard";

const COUNT_KEYS = {
  interventions: "planning.count.interventions",
  availabilities: "planning.count.availabilities",
  absences: "planning.count.absences",
} as const;

/** The month as a table of weeks (Monday first). Each day is a button that opens
 * that day, named with what it holds; the marks in it are only a glance. */
export function MonthGrid({
  anchor,
  today,
  caption,
  byDay,
  kinds,
  onPick,
}: {
  anchor: string;
  today: string;
  caption: string;
  byDay: Map<string, Entry[]>;
  /** The kinds the portal shows, for the legend. */
  kinds: ItemKind[];
  onPick: (day: string) => void;
}) {
  const { t, lang } = useI18n();
  const weeks = monthWeeks(anchor);
  const long = new Intl.DateTimeFormat(localeOf(lang), { weekday: "long", timeZone: "UTC" });
  const short = new Intl.DateTimeFormat(localeOf(lang), { weekday: "short", timeZone: "UTC" });

  const summary = (day: string, entries: Entry[]) => {
    const counts = new Map<ItemKind, number>();
    for (const entry of entries) counts.set(entry.kind, (counts.get(entry.kind) ?? 0) + 1);
    const parts = [...counts.entries()].map(([kind, count]) =>
      countText(t, lang, COUNT_KEYS[kind], count),
    );
    const what = parts.length ? parts.join(", ") : t("planning.emptyDay");
    const name = dayTitle(day, lang);
    return `${name}${day === today ? ` (${t("planning.todayMark")})` : ""} : ${what}`;
  };

  return (
    <>
      <table className="pl-month">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {weeks[0].map((day) => (
              <th key={day} scope="col">
                <abbr title={long.format(dayAsDate(day))}>{short.format(dayAsDate(day))}</abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0]}>
              {week.map((day) => {
                const entries = byDay.get(day) ?? [];
                const classes = [
                  "pl-cell",
                  sameMonth(day, anchor) ? "" : "pl-outside",
                  day === today ? "pl-today" : "",
                ]
                  .filter(Boolean)
                  .join(" ");
                return (
                  <td key={day} className={classes}>
                    <button
                      type="button"
                      className="pl-cell-button"
                      aria-label={summary(day, entries)}
                      aria-current={day === today ? "date" : undefined}
                      onClick={() => onPick(day)}
                    >
                      <span className="pl-cell-day">{Number(day.slice(8))}</span>
                      <span className="pl-marks" aria-hidden="true">
                        {entries.slice(0, 3).map((entry) => (
                          <span
                            key={`${entry.kind}-${entry.item.id}`}
                            className={`pl-mark pl-mark-${entry.kind}`}
                          />
                        ))}
                        {entries.length > 3 && (
                          <span className="pl-more">+{entries.length - 3}</span>
                        )}
                      </span>
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="pl-legend" aria-hidden="true">
        {kinds.map((kind) => (
          <li key={kind}>
            <span className={`pl-mark pl-mark-${kind}`} /> {t(KIND_LABELS[kind])}
          </li>
        ))}
      </ul>
    </>
  );
}
