import react from "@vitejs/plugin-react";
import { defineConfig, type ProxyOptions } from "vite";
import { VitePWA } from "vite-plugin-pwa";

// `make web-dev` runs Django on 127.0.0.1:$(PORT); DJANGO_URL points elsewhere.
const DJANGO = process.env.DJANGO_URL ?? "http://127.0.0.1:8000";

// The built files are Django static files under /static/web/ (web_contract.md); the
// dev server serves the sources at its root.
const BUILD_BASE = "/static/web/";

const toDjango: ProxyOptions = { target: DJANGO };

export default defineConfig(({ command }) => ({
  base: command === "build" ? BUILD_BASE : "/",
  plugins: [
    react(),
    VitePWA({
      strategies: "generateSW",
      // main.tsx registers `{portal address}sw.js` itself: Django serves the worker
      // there so that its scope is the portal, and no inline script may register it.
      injectRegister: false,
      // The manifest is public/manifest.webmanifest, linked by main.tsx at the portal's
      // address: its start address and scope are relative to where it is served, and
      // the plugin would link it under /static/web/.
      manifest: false,
      workbox: {
        // Precache entries are resolved against the worker's address (the portal's),
        // but the files live under /static/web/.
        modifyURLPrefix: { "": BUILD_BASE },
        globPatterns: ["**/*.{js,css,svg,png,woff2}"],
        // pdf.js (about 120 KB gzipped) serves families signing online: fetched when
        // a signing page opens, not installed on every care worker's phone.
        globIgnores: ["**/pdf-*.js"],
        // No precached index: Django writes the portal's metas into each one.
        navigateFallback: null,
        // One file: a separate workbox runtime would be looked up beside the worker,
        // under the portal's address, where Django answers the app.
        inlineWorkboxRuntime: true,
        cleanupOutdatedCaches: true,
        runtimeCaching: [
          {
            urlPattern: ({ request }) => request.mode === "navigate",
            handler: "NetworkFirst",
            options: {
              cacheName: "portail-pages",
              networkTimeoutSeconds: 5,
              cacheableResponse: { statuses: [200] },
              expiration: { maxEntries: 20 },
            },
          },
          {
            // What a care worker reads again without coverage: the shell's answers,
            // the planning and the documents list (never the files themselves);
            // coupons too (issue 13: planning and coupons); the conversations and the
            // home's announcements (issue 14: messages).
            urlPattern:
              /\/api\/v1\/portals\/[^/]+\/(config|home|me|menu|planning|documents|coupons|messages|announcements)(\/\d+)?\/?(\?.*)?$/,
            method: "GET",
            handler: "NetworkFirst",
            options: {
              cacheName: "portail-api",
              networkTimeoutSeconds: 5,
              cacheableResponse: { statuses: [200] },
              expiration: { maxEntries: 200, maxAgeSeconds: 30 * 24 * 3600 },
            },
          },
        ],
      },
    }),
  ],
  build: {
    manifest: true,
    // Same-origin ES modules only (CSP script-src 'self').
    modulePreload: { polyfill: false },
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      "/api": toDjango,
      "/static": toDjango,
      "/media": toDjango,
      "/p": {
        ...toDjango,
        // Pages of a portal come from this server (with hot reload); the portal's
        // worker and manifest from Django.
        bypass: (request) =>
          request.headers.accept?.includes("text/html") ? "/index.html" : undefined,
      },
    },
  },
}));
