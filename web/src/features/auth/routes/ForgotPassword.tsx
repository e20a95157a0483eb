import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { useI18n } from "../../../app/i18n";
import { Success } from "../../../components/Feedback";
import { Page } from "../../../components/Page";
import { api, call, portal } from "../../../lib/api";
import { fieldErrors } from "../../../lib/errors";
import { AccountForm } from "../components/AccountForm";
import { IdentifierField } from "../components/AccountFields";

/** « mot-de-passe-oublie »: the server answers the same whether the identifier
 * exists or not, and so does this page. */
export default function ForgotPassword() {
  const { t } = useI18n();
  const [identifier, setIdentifier] = useState("");

  const request = useMutation({
    mutationFn: () =>
      call(
        api.POST("/api/v1/portals/{portal}/auth/password-reset", {
          params: { path: portal() },
          body: { identifier: identifier.trim() },
        }),
      ),
  });

  return (
    <Page title={t("auth.forgot.title")}>
      {request.isSuccess ? (
        <Success>{t("auth.forgot.sent")}</Success>
      ) : (
        <>
          <p>{t("auth.forgot.intro")}</p>
          <AccountForm
            request={request}
            submit={t("auth.forgot.submit")}
            onSubmit={() => request.mutate()}
          >
            <IdentifierField
              value={identifier}
              onChange={setIdentifier}
              errors={fieldErrors(request.error, "identifier")}
            />
          </AccountForm>
        </>
      )}
      <p>
        <Link to="/connexion">{t("auth.backToSignIn")}</Link>
      </p>
    </Page>
  );
}
