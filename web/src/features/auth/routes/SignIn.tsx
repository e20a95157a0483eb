import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import { useI18n } from "../../../app/i18n";
import { Page } from "../../../components/Page";
import { api, call, portal } from "../../../lib/api";
import { fieldErrors } from "../../../lib/errors";
import { safeNext } from "../../../lib/portal";
import { AccountForm } from "../components/AccountForm";
import { CurrentPasswordField, IdentifierField } from "../components/AccountFields";
import { ShowPassword } from "../components/NewPassword";
import { sessionOpened, useMe } from "../api/me";

export default function SignIn() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get("suivant"));
  const me = useMe();
  const [identifier, setIdentifier] = useState("");
  const [password, setPassword] = useState("");
  const [shown, setShown] = useState(false);

  const login = useMutation({
    mutationFn: () =>
      call(
        api.POST("/api/v1/portals/{portal}/auth/login", {
          params: { path: portal() },
          body: { identifier: identifier.trim(), password },
        }),
      ),
    onSuccess: async (answer) => {
      await sessionOpened(queryClient, answer);
      navigate(next, { replace: true });
    },
    onError: () => setPassword(""),
  });

  if (me.isSuccess && !login.isPending) return <Navigate to={next} replace />;

  return (
    <Page title={t("auth.signIn.title")}>
      <p>{t("auth.signIn.intro")}</p>
      <AccountForm request={login} submit={t("auth.signIn.submit")} onSubmit={() => login.mutate()}>
        <IdentifierField
          value={identifier}
          onChange={setIdentifier}
          errors={fieldErrors(login.error, "identifier")}
        />
        <CurrentPasswordField
          label={t("auth.password")}
          name="password"
          shown={shown}
          value={password}
          onChange={setPassword}
          errors={fieldErrors(login.error, "password")}
        />
        <ShowPassword shown={shown} onChange={setShown} />
      </AccountForm>
      <p>
        <Link to="/mot-de-passe-oublie">{t("auth.signIn.forgotten")}</Link>
      </p>
    </Page>
  );
}
