import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useI18n } from "../../../app/i18n";
import { Success } from "../../../components/Feedback";
import { Page } from "../../../components/Page";
import { api, call, portal } from "../../../lib/api";
import { fieldErrors } from "../../../lib/errors";
import { useMe } from "../api/me";
import { AccountForm } from "../components/AccountForm";
import { CurrentPasswordField } from "../components/AccountFields";
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

  return (
    <Page title={t("auth.change.title")}>
      {change.isSuccess && <Success>{t("auth.change.done")}</Success>}
      <AccountForm
        request={change}
        submit={t("auth.change.submit")}
        onSubmit={() => {
          if (newPassword.confirmed()) change.mutate();
        }}
      >
        {/* For password managers: which account this new password belongs to. */}
        <input
          type="text"
          name="username"
          autoComplete="username"
          value={me.data?.account.identifier ?? ""}
          readOnly
          hidden
        />
        <CurrentPasswordField
          label={t("auth.currentPassword")}
          name="current_password"
          value={current}
          onChange={setCurrent}
          errors={fieldErrors(change.error, "current_password")}
        />
        <NewPasswordFields
          state={newPassword}
          serverErrors={fieldErrors(change.error, "new_password")}
        />
      </AccountForm>
    </Page>
  );
}
