import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useI18n } from "../../../app/i18n";
import { ErrorMessage } from "../../../components/Feedback";
import { Page } from "../../../components/Page";
import { api, call, portal } from "../../../lib/api";
import { fieldErrors, isApiError } from "../../../lib/errors";
import { sessionOpened } from "../api/me";
import { NewPasswordFields, type NewPasswordValue } from "../components/NewPassword";

/** « reinitialisation?token=… »: the one-time link of a forgotten password. */
export default function ResetPassword() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const [value, setValue] = useState<NewPasswordValue>({ password: "", confirm: "" });
  const [mismatch, setMismatch] = useState(false);

  const confirm = useMutation({
    mutationFn: () =>
      call(
        api.POST("/api/v1/portals/{portal}/auth/password-reset/confirm", {
          params: { path: portal() },
          body: { token, new_password: value.password },
        }),
      ),
    onSuccess: async (answer) => {
      await sessionOpened(queryClient, answer);
      navigate("/", { replace: true });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const different = value.password !== value.confirm;
    setMismatch(different);
    if (!different) confirm.mutate();
  };

  // A dead link (used, expired, replaced): only a new one helps.
  const deadLink = isApiError(confirm.error) && confirm.error.code === "invalid_reset_link";

  return (
    <Page title={t("auth.reset.title")}>
      {!token ? (
        <div className="notice notice-error" role="alert">
          <p>{t("auth.tokenMissing")}</p>
        </div>
      ) : (
        <>
          <p>{t("auth.reset.intro")}</p>
          <ErrorMessage error={confirm.error} />
          <form className="form" onSubmit={submit}>
            <NewPasswordFields
              value={value}
              onChange={setValue}
              mismatch={mismatch}
              serverErrors={fieldErrors(confirm.error, "new_password")}
            />
            <button type="submit" className="button-primary" disabled={confirm.isPending}>
              {t("auth.reset.submit")}
            </button>
          </form>
        </>
      )}
      {(!token || deadLink) && (
        <p>
          <Link to="/mot-de-passe-oublie">{t("auth.reset.askAgain")}</Link>
        </p>
      )}
      <p>
        <Link to="/connexion">{t("auth.backToSignIn")}</Link>
      </p>
    </Page>
  );
}
