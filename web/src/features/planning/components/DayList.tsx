import { useI18n } from "../../../app/i18n";
import type { Entry } from "../api/planning";
import { capitalise, dayTitle } from "../lib/text";
import { ItemCard, type ItemCardContext } from "./ItemCard";

/** The day, week and list views: one heading per day and its items, in order. On
 * phones a column of days; wide screens set a week's days side by side. */
export function DayList({
  days,
  today,
  byDay,
  onlyBusyDays,
  ...card
}: {
  days: string[];
  today: string;
  byDay: Map<string, Entry[]>;
  onlyBusyDays: boolean;
} & ItemCardContext) {
  const { t, lang } = useI18n();
  const shown = onlyBusyDays ? days.filter((day) => (byDay.get(day) ?? []).length > 0) : days;
  if (shown.length === 0) return <p className="empty">{t("planning.emptyPeriod")}</p>;
  return (
    <ol className={days.length === 7 && !onlyBusyDays ? "pl-days pl-week" : "pl-days"}>
      {shown.map((day) => {
        const items = byDay.get(day) ?? [];
        return (
          <li key={day} className={day === today ? "pl-day pl-today" : "pl-day"}>
            <h3 className="pl-day-title">
              {capitalise(dayTitle(day, lang))}
              {day === today && <span className="pl-today-mark"> {t("planning.todayMark")}</span>}
            </h3>
            {items.length === 0 ? (
              <p className="pl-nothing">{t("planning.emptyDay")}</p>
            ) : (
              <ul className="pl-items">
                {items.map((entry) => (
                  <ItemCard key={`${entry.kind}-${entry.item.id}`} entry={entry} {...card} />
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}
