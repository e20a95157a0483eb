import { describe, expect, it } from "vitest";
import { cursorOf, readCookie, sameOriginPath } from "./api";
import { portalPlace, routerBasename, safeNext } from "./portal";

describe("portalPlace", () => {
  it("reads the metas Django writes", () => {
    expect(portalPlace("demo-clients", "/p/demo-clients/", "/p/demo-clients/documents")).toEqual({
      key: "demo-clients",
      base: "/p/demo-clients/",
    });
    expect(portalPlace("famille", "/", "/documents")).toEqual({ key: "famille", base: "/" });
  });

  it("falls back to the /p/{key}/ address without metas", () => {
    expect(portalPlace(null, null, "/p/demo-intervenants/administratif")).toEqual({
      key: "demo-intervenants",
      base: "/p/demo-intervenants/",
    });
    expect(portalPlace(null, null, "/p/demo-clients")).toEqual({
      key: "demo-clients",
      base: "/p/demo-clients/",
    });
    expect(portalPlace(null, null, "/static/web/index.html")).toBeNull();
  });

  it("gives the router its basename", () => {
    expect(routerBasename("/p/demo-clients/")).toBe("/p/demo-clients/");
    expect(routerBasename("/p/demo-clients")).toBe("/p/demo-clients/");
    expect(routerBasename("/")).toBe("/");
  });
});

describe("safeNext", () => {
  it.each([
    ["/documents/devis?annee=2025", "/documents/devis?annee=2025"],
    ["//evil.example/", "/"],
    ["https://evil.example/", "/"],
    ["/\\evil.example", "/"],
    [null, "/"],
  ])("only returns inside the app: %j leads to %j", (next, path) => {
    expect(safeNext(next)).toBe(path);
  });
});

describe("API helpers", () => {
  it("reads the CSRF cookie among others", () => {
    expect(readCookie("csrftoken", "sessionid=x; csrftoken=abc%3D; other=1")).toBe("abc=");
    expect(readCookie("csrftoken", "sessionid=x")).toBeNull();
  });

  it("keeps download links on this origin", () => {
    expect(sameOriginPath("http://127.0.0.1:8000/api/v1/portals/p/documents/3/download")).toBe(
      "/api/v1/portals/p/documents/3/download",
    );
  });

  it("takes the cursor out of a next address", () => {
    expect(cursorOf("http://h/api/v1/portals/p/documents?cursor=cD0y&year=2025")).toBe("cD0y");
    expect(cursorOf(null)).toBeUndefined();
    expect(cursorOf("http://h/api/v1/portals/p/documents")).toBeUndefined();
  });
});
