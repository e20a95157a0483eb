import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useI18n } from "../../../app/i18n";
import { ErrorMessage, Success } from "../../../components/Feedback";
import { Field } from "../../../components/Field";
import { Page } from "../../../components/Page";
import { api, call, portal } from "../../../lib/api";
import { fieldErrors } from "../../../lib/errors";
import { useMe } from "../api/me";
import { NewPasswordFields, useNewPassword } from "../components/NewPassword";

/** « mot-de-passe »: the server signs out the account's other devices. */
export default function ChangePassword() {
  const { t } = useI18n();
  const me = useMe();
  const [current, setCurrent] = useState("");
  const newPassword = useNewPassword();

  const change = useMutation({
    mutationFn: () =>
      call(
        api.POST("/api/v1/portals/{portal}/auth/password", {
          params: { path: portal() },
          body: { current_password: current, new_password: newPassword.value.password },
        }),
      ),
    onSuccess: () => {
      setCurrent("");
      newPassword.clear();
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (newPassword.confirmed()) change.mutate();
  };

  return (
    <Page title={t("auth.change.title")}>
      {change.isSuccess && <Success>{t("auth.change.done")}</Success>}
      <ErrorMessage error={change.error} />
      <form className="form" onSubmit={submit}>
        {/* For password managers: which account this new password belongs to. */}
        <input
          type="text"
          name="username"
          autoComplete="username"
          value={me.data?.account.identifier ?? ""}
          readOnly
          hidden
        />
        <Field
          label={t("auth.currentPassword")}
          type="password"
          name="current_password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(event) => setCurrent(event.target.value)}
          errors={fieldErrors(change.error, "current_password")}
        />
        <NewPasswordFields
          state={newPassword}
          serverErrors={fieldErrors(change.error, "new_password")}
        />
        <button type="submit" className="button-primary" disabled={change.isPending}>
          {t("auth.change.submit")}
        </button>
      </form>
    </Page>
  );
}
