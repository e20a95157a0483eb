import { useId } from "react";
import { useI18n } from "../../../app/i18n";
import { LoadError } from "../../../components/Feedback";
import { errorText } from "../../../lib/errors";
import { useMessagingSettings, useSaveMessagingSettings } from "../api/messages";

/** « Me prévenir par e-mail des nouveaux messages »: the person's own switch, saved as
 * soon as it changes, the outcome said in words (a polite live region for the
 * confirmation, an alert for a refusal, after which the box shows the kept choice). */
export function EmailNotifications() {
  const { t } = useI18n();
  const id = useId();
  const settings = useMessagingSettings();
  const save = useSaveMessagingSettings();

  // Nothing until known: a box ticked by default could say the wrong thing.
  if (settings.isPending) return null;
  if (settings.isError) return <LoadError error={settings.error} retry={settings.refetch} />;

  const checked = save.isPending ? save.variables : settings.data.email_notifications;
  const headingId = `${id}-heading`;
  const helpId = `${id}-help`;
  return (
    <section className="message-settings" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("messages.notifications.title")}</h2>
      <div className="checkbox">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          aria-describedby={helpId}
          onChange={(event) => save.mutate(event.target.checked)}
        />
        <label htmlFor={id}>{t("messages.notifications.label")}</label>
      </div>
      <p className="field-help" id={helpId}>
        {t("messages.notifications.help")}
      </p>
      <p className="message-settings-saved" aria-live="polite">
        {save.isSuccess &&
          t(
            save.data.email_notifications
              ? "messages.notifications.on"
              : "messages.notifications.off",
          )}
      </p>
      {save.isError && (
        <div className="notice notice-error" role="alert">
          <p>{t("messages.notifications.error", { reason: errorText(save.error, t) })}</p>
        </div>
      )}
    </section>
  );
}
