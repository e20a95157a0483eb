import { describe, expect, it } from "vitest";
import { ApiError, NetworkError } from "../../../lib/errors";
import { translate } from "../../../locales";
import { planningProblem } from "./problems";

const t = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) =>
  translate("fr", key, vars);

const refused = (status: number, code = "", message = "") =>
  new ApiError(status, { error: { code, message } });

describe("planningProblem", () => {
  it("names an overlap, then the item in the way as the server words it", () => {
    const message = "Chevauchement avec l'intervention du 18/11/2026 de 08:00 à 10:00.";
    expect(planningProblem(refused(409, "overlap", message), t)).toEqual({
      title: "Ce créneau en chevauche un autre de votre planning.",
      detail: message,
    });
  });

  it("says another 409 in the server's words", () => {
    expect(planningProblem(refused(409, "conflict", "Déjà fait."), t)).toEqual({
      title: "Déjà fait.",
    });
  });

  it("explains a stale version (412) in French", () => {
    expect(planningProblem(refused(412, "stale_version", "Precondition failed"), t)).toEqual({
      title: t("planning.error.stale"),
    });
  });

  it("explains a refused action (403) and whom to ask", () => {
    const message = "Cette action n'est pas autorisée sur votre portail.";
    expect(planningProblem(refused(403, "action_not_allowed", message), t)).toEqual({
      title: message,
      detail: "Pour ce changement, contactez votre agence.",
    });
    expect(planningProblem(refused(403), t).title).toBe(
      "Cette action n’est pas autorisée sur votre portail.",
    );
  });

  it("asks for a reload when the version was not sent (428)", () => {
    expect(planningProblem(refused(428), t)).toEqual({ title: t("planning.error.precondition") });
  });

  it("says the connection failed when no answer came", () => {
    expect(planningProblem(new NetworkError(), t)).toEqual({
      title: "Connexion impossible. Vérifiez votre accès à Internet puis réessayez.",
    });
    expect(planningProblem(new Error("boom"), t)).toEqual({
      title: "Une erreur est survenue. Réessayez dans un instant.",
    });
  });
});
