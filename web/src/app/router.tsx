import { lazy } from "react";
import { createBrowserRouter, Link } from "react-router";
import { Page } from "../components/Page";
import { useI18n } from "./i18n";
import { RequireAuth, Shell } from "./Shell";

// Every page is its own chunk: the first load carries only the shell.
const SignIn = lazy(() => import("../features/auth/routes/SignIn"));
const Invitation = lazy(() => import("../features/auth/routes/Invitation"));
const ForgotPassword = lazy(() => import("../features/auth/routes/ForgotPassword"));
const ResetPassword = lazy(() => import("../features/auth/routes/ResetPassword"));
const ChangePassword = lazy(() => import("../features/auth/routes/ChangePassword"));
const Home = lazy(() => import("../features/home/routes/Home"));
const Documents = lazy(() => import("../features/documents/routes/Documents"));
const Profile = lazy(() => import("../features/profile/routes/Profile"));
// Planning and coupons (issue 13)
const Planning = lazy(() => import("../features/planning/routes/Planning"));
const Coupons = lazy(() => import("../features/coupons/routes/Coupons"));
// End planning and coupons (issue 13)
// Billing, signature and payment (issue 13)
const BillingList = lazy(() => import("../features/billing/routes/BillingList"));
const InvoiceDetail = lazy(() => import("../features/billing/routes/InvoiceDetail"));
const PaymentReturn = lazy(() => import("../features/billing/routes/PaymentReturn"));
const Sign = lazy(() => import("../features/signature/routes/Sign"));
// End billing, signature and payment (issue 13)

function NotFound() {
  const { t } = useI18n();
  return (
    <Page title={t("app.notFound.title")}>
      <p>{t("app.notFound.text")}</p>
      <p>
        <Link to="/">{t("app.backHome")}</Link>
      </p>
    </Page>
  );
}

/** The app's routes (web_contract.md), under the portal's address. */
export function createRouter(basename: string) {
  return createBrowserRouter(
    [
      {
        element: <Shell />,
        children: [
          { path: "connexion", element: <SignIn /> },
          { path: "invitation", element: <Invitation /> },
          { path: "mot-de-passe-oublie", element: <ForgotPassword /> },
          { path: "reinitialisation", element: <ResetPassword /> },
          {
            element: <RequireAuth />,
            children: [
              { index: true, element: <Home /> },
              { path: "mot-de-passe", element: <ChangePassword /> },
              { path: "documents", element: <Documents section="documents" /> },
              { path: "documents/:category", element: <Documents section="documents" /> },
              { path: "administratif", element: <Documents section="administrative" /> },
              {
                path: "administratif/:category",
                element: <Documents section="administrative" />,
              },
              { path: "profil", element: <Profile /> },
              // Planning and coupons (issue 13)
              { path: "planning", element: <Planning /> },
              { path: "coupons", element: <Coupons /> },
              // End planning and coupons (issue 13)
              // Billing, signature and payment (issue 13)
              { path: "devis", element: <BillingList key="quotes" kind="quotes" /> },
              { path: "contrats", element: <BillingList key="contracts" kind="contracts" /> },
              { path: "factures", element: <BillingList key="invoices" kind="invoices" /> },
              { path: "factures/:id", element: <InvoiceDetail /> },
              { path: "signature/:kind/:id", element: <Sign /> },
              { path: "paiement/:invoice", element: <PaymentReturn /> },
              // End billing, signature and payment (issue 13)
            ],
          },
          { path: "*", element: <NotFound /> },
        ],
      },
    ],
    { basename: basename || "/" },
  );
}
