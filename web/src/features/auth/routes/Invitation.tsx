import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useI18n } from "../../../app/i18n";
import { ErrorMessage } from "../../../components/Feedback";
import { Page } from "../../../components/Page";
import { api, call, portal } from "../../../lib/api";
import { fieldErrors } from "../../../lib/errors";
import { sessionOpened } from "../api/me";
import { NewPasswordFields, type NewPasswordValue } from "../components/NewPassword";

/** « invitation?token=… »: the person chooses their first password, then is in. */
export default function Invitation() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const [value, setValue] = useState<NewPasswordValue>({ password: "", confirm: "" });
  const [mismatch, setMismatch] = useState(false);

  const accept = useMutation({
    mutationFn: () =>
      call(
        api.POST("/api/v1/portals/{portal}/auth/invitation", {
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
    if (!different) accept.mutate();
  };

  return (
    <Page title={t("auth.invitation.title")}>
      {!token ? (
        <div className="notice notice-error" role="alert">
          <p>{t("auth.tokenMissing")}</p>
        </div>
      ) : (
        <>
          <p>{t("auth.invitation.intro")}</p>
          <ErrorMessage error={accept.error} />
          <form className="form" onSubmit={submit}>
            <NewPasswordFields
              value={value}
              onChange={setValue}
              mismatch={mismatch}
              serverErrors={fieldErrors(accept.error, "new_password")}
            />
            <button type="submit" className="button-primary" disabled={accept.isPending}>
              {t("auth.invitation.submit")}
            </button>
          </form>
        </>
      )}
      <p>
        <Link to="/connexion">{t("auth.backToSignIn")}</Link>
      </p>
    </Page>
  );
}
