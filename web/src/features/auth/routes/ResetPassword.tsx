import { Link } from "react-router";
import { useI18n } from "../../../app/i18n";
import { isApiError } from "../../../lib/errors";
import { OneTimeLinkPassword } from "../components/OneTimeLinkPassword";

/** « reinitialisation?token=… »: the one-time link of a forgotten password. */
export default function ResetPassword() {
  const { t } = useI18n();
  return (
    <OneTimeLinkPassword
      link="reset"
      links={(token, error) => {
        // A dead link (used, expired, replaced): only a new one helps.
        const deadLink = isApiError(error) && error.code === "invalid_reset_link";
        return (
          (!token || deadLink) && (
            <p>
              <Link to="/mot-de-passe-oublie">{t("auth.reset.askAgain")}</Link>
            </p>
          )
        );
      }}
    />
  );
}
