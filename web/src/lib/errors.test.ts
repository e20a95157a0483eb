import { describe, expect, it } from "vitest";
import { translate } from "../locales";
import { ApiError, errorText, fieldErrors, NetworkError, parseRetryAfter } from "./errors";

const t = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) =>
  translate("fr", key, vars);

const apiError = (status: number, code = "", message = "", fields = {}) =>
  new ApiError(status, { error: { code, message, fields } });

describe("errorText", () => {
  it("shows the server's sentence, already in the request's language", () => {
    expect(
      errorText(apiError(401, "invalid_credentials", "Wrong identifier or password."), t),
    ).toBe("Wrong identifier or password.");
  });

  it("falls back to French per code when the server gives no sentence", () => {
    expect(errorText(apiError(401, "invalid_credentials"), t)).toBe(
      "Identifiant ou mot de passe incorrect.",
    );
    expect(errorText(apiError(403, "module_disabled"), t)).toBe(
      "Ce portail n’est pas ouvert pour le moment.",
    );
    expect(errorText(apiError(403, "section_disabled"), t)).toBe(
      "Cette rubrique n’est pas proposée sur votre portail.",
    );
    expect(errorText(apiError(409, "overlap"), t)).toBe(
      "Ce créneau chevauche un autre créneau de votre planning.",
    );
    expect(errorText(apiError(400, "invalid_reset_link"), t)).toMatch(/n’est plus valable/);
  });

  it("falls back per status for an unknown code", () => {
    expect(errorText(apiError(404, "whatever"), t)).toMatch(/^Introuvable/);
    expect(errorText(apiError(412), t)).toMatch(/modifié entre-temps/);
    expect(errorText(apiError(403), t)).toBe("Vous n’avez pas accès à cette action.");
    expect(errorText(apiError(502), t)).toMatch(/problème/);
    expect(errorText(apiError(418), t)).toBe(t("error.generic"));
  });

  it("says how long a locked-out person waits when the server sends Retry-After", () => {
    const locked = (seconds: number | null) =>
      new ApiError(
        429,
        { error: { code: "locked_out", message: "Réessayez plus tard." } },
        seconds,
      );
    expect(errorText(locked(900), t)).toBe(
      "Trop de tentatives de connexion. Réessayez dans 15 minutes.",
    );
    expect(errorText(locked(30), t)).toBe(
      "Trop de tentatives de connexion. Réessayez dans 1 minute.",
    );
    expect(errorText(locked(null), t)).toBe("Réessayez plus tard.");
    expect(errorText(new ApiError(429, { error: { code: "locked_out" } }), t)).toBe(
      "Trop de tentatives de connexion. Réessayez plus tard.",
    );
  });

  it("tells a network failure apart from a refusal", () => {
    expect(errorText(new NetworkError(), t)).toMatch(/^Connexion impossible/);
    expect(errorText(new TypeError("boom"), t)).toBe(t("error.generic"));
  });

  it("answers in English when asked", () => {
    const english = (key: Parameters<typeof translate>[1]) => translate("en", key);
    expect(errorText(apiError(409, "overlap"), english)).toBe(
      "This slot overlaps another slot of your planning.",
    );
  });
});

describe("fieldErrors", () => {
  it("gives one field's messages, and none for other errors", () => {
    const error = apiError(400, "invalid", "Invalide", { new_password: ["Trop court."] });
    expect(fieldErrors(error, "new_password")).toEqual(["Trop court."]);
    expect(fieldErrors(error, "token")).toEqual([]);
    expect(fieldErrors(new Error("x"), "token")).toEqual([]);
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter("120")).toBe(120);
    const now = Date.parse("2026-01-01T10:00:00Z");
    expect(parseRetryAfter("Thu, 01 Jan 2026 10:05:00 GMT", now)).toBe(300);
    expect(parseRetryAfter("soon")).toBeNull();
    expect(parseRetryAfter(null)).toBeNull();
  });
});
