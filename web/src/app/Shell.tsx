import { Suspense } from "react";
import { Link, Navigate, Outlet, useLocation } from "react-router";
import { ErrorBoundary } from "../components/ErrorBoundary";
import { Loading, LoadError } from "../components/Feedback";
import { useMe } from "../features/auth/api/me";
import { useConfig } from "../features/portal/api";
import { isApiError } from "../lib/errors";
import { Connectivity } from "./Connectivity";
import { useI18n } from "./i18n";
import { Navigation } from "./Navigation";

/** Every page's frame: skip link, header with the agency, menu once signed in,
 * the page itself. */
export function Shell() {
  const { t, lang, setLang } = useI18n();
  const config = useConfig();
  const me = useMe();
  const location = useLocation();
  const agency = config.data?.agency.name;
  const logo = config.data?.logo;
  const other = lang === "fr" ? "en" : "fr";

  return (
    <>
      <a className="skip-link" href="#contenu">
        {t("app.skip")}
      </a>
      <header className="site-header">
        <div className="header-bar">
          <Link to="/" className="brand">
            {logo && <img src={logo.small} alt="" className="brand-logo" />}
            <span className="brand-name">{agency ?? t("app.name")}</span>
          </Link>
          <button
            type="button"
            className="language-switch"
            lang={other}
            aria-label={t("app.language.switchLabel")}
            onClick={() => setLang(other)}
          >
            {t("app.language.switch")}
          </button>
        </div>
        {me.isSuccess && <Navigation />}
      </header>
      <Connectivity />
      <main id="contenu" tabIndex={-1}>
        {config.isError && <LoadError error={config.error} retry={config.refetch} />}
        <ErrorBoundary
          key={location.pathname}
          fallback={
            <div className="notice notice-error" role="alert">
              <h1>{t("app.crash.title")}</h1>
              <p>{t("app.crash.text")}</p>
              <button
                type="button"
                className="button-primary"
                onClick={() => window.location.reload()}
              >
                {t("app.reload")}
              </button>
            </div>
          }
        >
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </ErrorBoundary>
      </main>
      {agency && (
        <footer className="site-footer">
          <p>{agency}</p>
        </footer>
      )}
    </>
  );
}

/** Pages for signed-in people: the others go to « connexion », and come back here
 * once signed in. */
export function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading />;
  if (me.isError) {
    if (isApiError(me.error) && me.error.status === 401) {
      const next = encodeURIComponent(`${location.pathname}${location.search}`);
      return <Navigate to={`/connexion?suivant=${next}`} replace />;
    }
    return <LoadError error={me.error} retry={me.refetch} />;
  }
  return <Outlet />;
}
