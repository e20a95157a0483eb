import { describe, expect, it } from "vitest";
import { ApiError } from "../../../lib/errors";
import { translate } from "../../../locales";
import {
  endsRequest,
  kindOfSlug,
  normalizeCode,
  SEAL_WAIT_MS,
  sealState,
  signatureError,
  signaturePath,
  stepOf,
} from "./flow";

const refusal = (status: number, code: string, message = "") =>
  new ApiError(status, { error: { code, message } });

const sentence = (error: unknown) => {
  const own = signatureError(error);
  if (!own) return null;
  return "key" in own ? translate("fr", own.key) : own.text;
};

describe("the signing steps", () => {
  it("follow the server's state of the request", () => {
    expect(stepOf(undefined)).toBe("start");
    expect(stepOf("opened")).toBe("terms");
    expect(stepOf("terms_accepted")).toBe("code");
    expect(stepOf("code_sent")).toBe("code");
    expect(stepOf("signed")).toBe("signed");
    expect(stepOf("locked")).toBe("locked");
    expect(stepOf("expired")).toBe("ended");
    expect(stepOf("cancelled")).toBe("ended");
  });

  it("have French addresses", () => {
    expect(kindOfSlug("devis")).toBe("quotes");
    expect(kindOfSlug("contrat")).toBe("contracts");
    expect(kindOfSlug("facture")).toBeNull();
    expect(signaturePath("contracts", 7)).toBe("/signature/contrat/7");
  });
});

describe("the code as typed", () => {
  it.each([
    [" 123 456 ", "123456"],
    ["123-456", "123456"],
    ["1234567", "123456"],
    ["abc", ""],
  ])("keeps its six digits, whatever the spaces or dashes: %j gives %j", (typed, code) => {
    expect(normalizeCode(typed)).toBe(code);
  });
});

describe("the sealed PDF", () => {
  it("is awaited for a while, then promised for later", () => {
    expect(sealState(null, 0)).toBe("sealing");
    expect(sealState(undefined, SEAL_WAIT_MS - 1)).toBe("sealing");
    expect(sealState(null, SEAL_WAIT_MS)).toBe("late");
    expect(sealState(42, 0)).toBe("sealed");
  });
});

describe("the flow's refusals", () => {
  it("say what to do next, in French, for each code", () => {
    expect(sentence(refusal(400, "terms_not_read", "Les conditions…"))).toBe(
      "Faites défiler les conditions générales jusqu’à la fin avant de les accepter.",
    );
    // The server counts the attempts left: its sentence says how many.
    expect(
      sentence(refusal(400, "invalid_code", "Code incorrect. Encore 4 essais avant le blocage.")),
    ).toBe("Code incorrect. Encore 4 essais avant le blocage.");
    expect(sentence(refusal(400, "invalid_code"))).toMatch(
      /^Ce code est incorrect\. .*bloquée pendant une journée\.$/,
    );
    expect(sentence(refusal(400, "code_expired"))).toMatch(/demandez-en un nouveau/);
    expect(sentence(refusal(423, "locked"))).toMatch(/^Trop de codes erronés/);
    expect(sentence(refusal(409, "terms_missing"))).toMatch(/conditions générales/);
    expect(sentence(refusal(409, "no_contact"))).toMatch(/Contactez votre agence/);
    expect(sentence(refusal(409, "no_code"))).toBe("Demandez d’abord votre code.");
  });

  it("keep the server's sentence where it tells which limit or why", () => {
    expect(
      sentence(
        refusal(429, "too_many_requests", "Nombre maximal de codes atteint pour aujourd'hui."),
      ),
    ).toBe("Nombre maximal de codes atteint pour aujourd'hui.");
    expect(sentence(refusal(429, "too_many_requests"))).toMatch(/^Trop de codes demandés/);
    expect(
      sentence(
        refusal(409, "not_signable", "Le document a changé depuis son ouverture : recommencez."),
      ),
    ).toBe("Le document a changé depuis son ouverture : recommencez.");
  });

  it("leave other errors to the app's general sentences", () => {
    expect(signatureError(refusal(500, ""))).toBeNull();
    expect(signatureError(new Error("boom"))).toBeNull();
  });

  it("reload the request's state when it cannot go on", () => {
    expect(endsRequest(refusal(423, "locked"))).toBe(true);
    expect(endsRequest(refusal(409, "not_signable"))).toBe(true);
    expect(endsRequest(refusal(400, "invalid_code"))).toBe(false);
  });
});
