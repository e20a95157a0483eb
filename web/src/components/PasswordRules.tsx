import { useI18n } from "../app/i18n";

/** The server's password rules (AUTH_PASSWORD_VALIDATORS), said before typing. */
export function PasswordRules({ id }: { id: string }) {
  const { t } = useI18n();
  return (
    <div className="password-rules" id={id}>
      <p>{t("auth.rules.title")}</p>
      <ul>
        <li>{t("auth.rules.length")}</li>
        <li>{t("auth.rules.numeric")}</li>
        <li>{t("auth.rules.common")}</li>
        <li>{t("auth.rules.personal")}</li>
      </ul>
    </div>
  );
}
