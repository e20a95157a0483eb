import { useId, useRef, useState } from "react";
import { useI18n } from "../../../app/i18n";
import { ErrorMessage } from "../../../components/Feedback";
import { renewFeed } from "../api/planning";

/** The planning in the phone's own calendar: the API gives a secret address (a new
 * one each time, the previous one then stops working), shown to copy. */
export function FeedSubscribe() {
  const { t } = useI18n();
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const fieldId = useId();
  const helpId = useId();

  const ask = async () => {
    setBusy(true);
    setError(null);
    setCopied(null);
    try {
      setUrl((await renewFeed()).url);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const copy = async () => {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      setCopied("yes");
    } catch {
      // No clipboard access (older browser, permission): select the text instead.
      input.current?.select();
      setCopied(document.execCommand?.("copy") ? "yes" : "no");
    }
  };

  return (
    <section className="pl-feed" aria-labelledby={titleId}>
      <h2 id={titleId}>{t("planning.feed.title")}</h2>
      <p>{t("planning.feed.intro")}</p>
      {url && (
        <div className="field">
          <label htmlFor={fieldId}>{t("planning.feed.address")}</label>
          <p className="field-help" id={helpId}>
            {t("planning.feed.secret")}
          </p>
          <div className="pl-copy">
            <input
              ref={input}
              id={fieldId}
              type="url"
              readOnly
              value={url}
              aria-describedby={helpId}
              onFocus={(event) => event.target.select()}
            />
            <button type="button" className="button-primary" onClick={() => void copy()}>
              {t("planning.feed.copy")}
            </button>
          </div>
          <p role="status" className="pl-copied">
            {copied === "yes"
              ? t("planning.feed.copied")
              : copied === "no"
                ? t("planning.feed.copyByHand")
                : ""}
          </p>
          <p>
            <a href={url.replace(/^https?:/, "webcal:")}>{t("planning.feed.open")}</a>
          </p>
        </div>
      )}
      <ErrorMessage error={error} />
      <button type="button" className="button-secondary" onClick={() => void ask()} disabled={busy}>
        {busy ? t("app.loading") : url ? t("planning.feed.renew") : t("planning.feed.get")}
      </button>
      {!url && <p className="field-help">{t("planning.feed.replaces")}</p>}
    </section>
  );
}
