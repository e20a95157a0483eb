import { QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RouterProvider } from "react-router";
import { I18nProvider } from "./app/i18n";
import { createRouter } from "./app/router";
import { ME_KEY } from "./features/auth/api/me";
import { setApiPortal } from "./lib/api";
import { isApiError } from "./lib/errors";
import { readPortalPlace, routerBasename } from "./lib/portal";
import { DEFAULT_LANG, translate } from "./locales";
import "./styles.css";

const root = createRoot(document.getElementById("root")!);
const place = readPortalPlace();

if (!place) {
  root.render(
    <p className="notice notice-error">{translate(DEFAULT_LANG, "app.portalMissing")}</p>,
  );
} else {
  setApiPortal(place.key);

  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      // A session that ends while reading (expired, signed out elsewhere): ask again
      // who is signed in, and the pages send the person to « connexion ».
      onError: (error, query) => {
        if (isApiError(error) && error.status === 401 && query.queryKey[0] !== ME_KEY[0]) {
          void queryClient.invalidateQueries({ queryKey: ME_KEY });
        }
      },
    }),
    defaultOptions: {
      queries: {
        // A 4xx answer will not change by asking again.
        retry: (failures, error) =>
          !(isApiError(error) && error.status >= 400 && error.status < 500) && failures < 2,
        refetchOnWindowFocus: false,
        // Offline (issue 13): ask anyway, the service worker answers from its cache;
        // the default would pause every query until the connection returns.
        networkMode: "offlineFirst",
      },
    },
  });

  // The manifest is the portal's own (its start address and scope are the portal's),
  // served at the portal's address like the service worker.
  const manifest = document.createElement("link");
  manifest.rel = "manifest";
  manifest.href = `${place.base}manifest.webmanifest`;
  document.head.append(manifest);

  if (import.meta.env.PROD && "serviceWorker" in navigator) {
    window.addEventListener("load", () => {
      navigator.serviceWorker.register(`${place.base}sw.js`, { scope: place.base }).catch(() => {
        // Without a service worker the app works online only; nothing to tell.
      });
    });
  }

  root.render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <I18nProvider>
          <RouterProvider router={createRouter(routerBasename(place.base))} />
        </I18nProvider>
      </QueryClientProvider>
    </StrictMode>,
  );
}
