import { useI18n } from "../../../app/i18n";
import { ErrorMessage } from "../../../components/Feedback";
import { isApiError } from "../../../lib/errors";
import type { MessageKey } from "../../../locales";
import { useMenu } from "../../portal/api";
import { usePay } from "../api/billing";
import { type BillingKind, recordState } from "../lib/words";

/** The record's state in words, never its code. */
export function StateText({ kind, status }: { kind: BillingKind; status: string }) {
  const { t } = useI18n();
  const state = recordState(kind, status);
  return (
    <span className={`state state-${state.tone}`}>
      <span className="visually-hidden">{t("billing.stateLabel")} </span>
      {t(state.key)}
    </span>
  );
}

/** Whether the portal offers a section (signature, payment: actions, not pages). */
export function useSection(key: string): boolean | undefined {
  const menu = useMenu();
  return menu.data ? menu.data.sections.some((section) => section.key === key) : undefined;
}

const PAYMENT_ERRORS: Record<string, MessageKey> = {
  not_payable: "billing.error.not_payable",
  payment_in_progress: "billing.error.payment_in_progress",
};

/** « Payer en ligne »: opens the checkout and leaves for it. */
export function PayButton({
  invoice,
  label,
  primary = true,
}: {
  invoice: { id: number; number: string };
  label?: string;
  primary?: boolean;
}) {
  const { t } = useI18n();
  const pay = usePay();
  const leaving = pay.isPending || pay.isSuccess;
  const own = isApiError(pay.error) ? PAYMENT_ERRORS[pay.error.code] : undefined;
  return (
    <div className="pay">
      <button
        type="button"
        className={primary ? "button-primary" : "button-secondary"}
        onClick={() => pay.mutate(invoice.id)}
        disabled={leaving}
      >
        {leaving ? t("billing.paying") : (label ?? t("billing.pay"))}
        {!leaving && (
          <span className="visually-hidden">
            {" "}
            ({t("billing.number", { number: invoice.number })})
          </span>
        )}
      </button>
      {own ? (
        <div className="notice notice-error" role="alert">
          <p>{t(own)}</p>
        </div>
      ) : (
        <ErrorMessage error={pay.error} />
      )}
    </div>
  );
}
