import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useI18n } from "../../../app/i18n";
import { Page } from "../../../components/Page";
import { api, call, portal } from "../../../lib/api";
import { fieldErrors } from "../../../lib/errors";
import { sessionOpened } from "../api/me";
import { AccountForm } from "./AccountForm";
import { NewPasswordFields, useNewPassword } from "./NewPassword";

// The two one-time links: the endpoint that takes the token with the new password,
// and the page's texts.
const LINKS = {
  invitation: {
    endpoint: "/api/v1/portals/{portal}/auth/invitation",
    title: "auth.invitation.title",
    intro: "auth.invitation.intro",
    submit: "auth.invitation.submit",
  },
  reset: {
    endpoint: "/api/v1/portals/{portal}/auth/password-reset/confirm",
    title: "auth.reset.title",
    intro: "auth.reset.intro",
    submit: "auth.reset.submit",
  },
} as const;

/** A password chosen through a one-time link (« ?token=… » from an e-mail): the
 * token is sent with the new password, and the answer opens the session. */
export function OneTimeLinkPassword({
  link,
  links,
}: {
  link: keyof typeof LINKS;
  /** Shown above « back to sign-in »: what else helps, given the token and the failure. */
  links?: (token: string, error: Error | null) => ReactNode;
}) {
  const { endpoint, title, intro, submit } = LINKS[link];
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const newPassword = useNewPassword();

  const choose = useMutation({
    mutationFn: () =>
      call(
        api.POST(endpoint, {
          params: { path: portal() },
          body: { token, new_password: newPassword.value.password },
        }),
      ),
    onSuccess: async (answer) => {
      await sessionOpened(queryClient, answer);
      navigate("/", { replace: true });
    },
  });

  return (
    <Page title={t(title)}>
      {!token ? (
        <div className="notice notice-error" role="alert">
          <p>{t("auth.tokenMissing")}</p>
        </div>
      ) : (
        <>
          <p>{t(intro)}</p>
          <AccountForm
            request={choose}
            submit={t(submit)}
            onSubmit={() => {
              if (newPassword.confirmed()) choose.mutate();
            }}
          >
            <NewPasswordFields
              state={newPassword}
              serverErrors={fieldErrors(choose.error, "new_password")}
            />
          </AccountForm>
        </>
      )}
      {links?.(token, choose.error)}
      <p>
        <Link to="/connexion">{t("auth.backToSignIn")}</Link>
      </p>
    </Page>
  );
}
