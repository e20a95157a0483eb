import type { ReactNode } from "react";
import { useI18n } from "../app/i18n";
import { errorText } from "../lib/errors";

/** An error in words, announced as soon as it shows. */
export function ErrorMessage({ error, children }: { error: unknown; children?: ReactNode }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <div className="notice notice-error" role="alert">
      <p>{errorText(error, t)}</p>
      {children}
    </div>
  );
}

export function Success({ children }: { children: ReactNode }) {
  return (
    <div className="notice notice-success" role="status">
      <p>{children}</p>
    </div>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      {t("app.loading")}
    </p>
  );
}

/** A failed read, with a way to try again. */
export function LoadError({ error, retry }: { error: unknown; retry?: () => void }) {
  const { t } = useI18n();
  return (
    <ErrorMessage error={error}>
      {retry && (
        <button type="button" className="button-secondary" onClick={() => retry()}>
          {t("app.retry")}
        </button>
      )}
    </ErrorMessage>
  );
}
