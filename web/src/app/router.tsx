import type { ComponentType } from "react";
import { createBrowserRouter } from "react-router";
import { DeadEnd } from "../components/Page";
import { useI18n } from "./i18n";
import { RequireAuth, Shell } from "./Shell";

// Every page is its own chunk: the first load carries only the shell. The router
// loads a page's chunk before showing it (its `lazy`), rather than React.lazy under
// Suspense: React holds a revealed Suspense boundary back ~300 ms after its fallback,
// which would delay every page by that much on a fast connection.
const SignIn = () => import("../features/auth/routes/SignIn");
const Invitation = () => import("../features/auth/routes/Invitation");
const ForgotPassword = () => import("../features/auth/routes/ForgotPassword");
const ResetPassword = () => import("../features/auth/routes/ResetPassword");
const ChangePassword = () => import("../features/auth/routes/ChangePassword");
const Home = () => import("../features/home/routes/Home");
const Documents = () => import("../features/documents/routes/Documents");
const Profile = () => import("../features/profile/routes/Profile");
// Planning and coupons (issue 13)
const Planning = () => import("../features/planning/routes/Planning");
const Coupons = () => import("../features/coupons/routes/Coupons");
// End planning and coupons (issue 13)
// Billing, signature and payment (issue 13)
const BillingList = () => import("../features/billing/routes/BillingList");
const InvoiceDetail = () => import("../features/billing/routes/InvoiceDetail");
const PaymentReturn = () => import("../features/billing/routes/PaymentReturn");
const Sign = () => import("../features/signature/routes/Sign");
// End billing, signature and payment (issue 13)
// Messages (issue 14)
const Messages = () => import("../features/messages/routes/Messages");
const NewConversation = () => import("../features/messages/routes/NewConversation");
const Conversation = () => import("../features/messages/routes/Conversation");
// End messages (issue 14)

/** A route's page, loaded with the route; `props` are fixed per route. */
function page<P extends object>(
  load: () => Promise<{ default: ComponentType<P> }>,
  props: P = {} as P,
) {
  return async () => {
    const { default: Component } = await load();
    return { element: <Component {...props} /> };
  };
}

function NotFound() {
  const { t } = useI18n();
  return (
    <DeadEnd title={t("app.notFound.title")} back={t("app.backHome")} backTo="/">
      <p>{t("app.notFound.text")}</p>
    </DeadEnd>
  );
}

/** The app's routes (web_contract.md), under the portal's address. */
export function createRouter(basename: string) {
  return createBrowserRouter(
    [
      {
        element: <Shell />,
        children: [
          { path: "connexion", lazy: page(SignIn) },
          { path: "invitation", lazy: page(Invitation) },
          { path: "mot-de-passe-oublie", lazy: page(ForgotPassword) },
          { path: "reinitialisation", lazy: page(ResetPassword) },
          {
            element: <RequireAuth />,
            children: [
              { index: true, lazy: page(Home) },
              { path: "mot-de-passe", lazy: page(ChangePassword) },
              { path: "documents", lazy: page(Documents, { section: "documents" }) },
              { path: "documents/:category", lazy: page(Documents, { section: "documents" }) },
              { path: "administratif", lazy: page(Documents, { section: "administrative" }) },
              {
                path: "administratif/:category",
                lazy: page(Documents, { section: "administrative" }),
              },
              { path: "profil", lazy: page(Profile) },
              // Planning and coupons (issue 13)
              { path: "planning", lazy: page(Planning) },
              { path: "coupons", lazy: page(Coupons) },
              // End planning and coupons (issue 13)
              // Billing, signature and payment (issue 13)
              { path: "devis", lazy: page(BillingList, { kind: "quotes" }) },
              { path: "contrats", lazy: page(BillingList, { kind: "contracts" }) },
              { path: "factures", lazy: page(BillingList, { kind: "invoices" }) },
              { path: "factures/:id", lazy: page(InvoiceDetail) },
              { path: "signature/:kind/:id", lazy: page(Sign) },
              { path: "paiement/:invoice", lazy: page(PaymentReturn) },
              // End billing, signature and payment (issue 13)
              // Messages (issue 14)
              { path: "messages", lazy: page(Messages) },
              { path: "messages/nouveau", lazy: page(NewConversation) },
              { path: "messages/:id", lazy: page(Conversation) },
              // End messages (issue 14)
            ],
          },
          { path: "*", element: <NotFound /> },
        ],
      },
    ],
    { basename: basename || "/" },
  );
}
