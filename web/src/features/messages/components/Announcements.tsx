import { useId } from "react";
import { useI18n } from "../../../app/i18n";
import { useAnnouncements } from "../api/messages";
import { formatDay } from "../lib/messages";
import "../messages.css";

/** The agency's current announcements, on the home page; nothing when there are
 * none or they cannot be read (the home page stands without them). */
export function Announcements() {
  const { t, lang } = useI18n();
  const announcements = useAnnouncements();
  const titleId = useId();
  if (!announcements.data?.length) return null;
  return (
    <section className="announcements" aria-labelledby={titleId}>
      <h2 id={titleId}>{t("announcements.title")}</h2>
      {announcements.data.map((announcement) => (
        <article key={announcement.id} className="announcement">
          <h3>{announcement.title}</h3>
          <p>{announcement.text}</p>
          {announcement.ends_on && (
            <p className="muted">
              {t("announcements.until", { date: formatDay(announcement.ends_on, lang) })}
            </p>
          )}
        </article>
      ))}
    </section>
  );
}
