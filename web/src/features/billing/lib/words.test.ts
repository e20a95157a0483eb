import { describe, expect, it } from "vitest";
import { translate } from "../../../locales";
import { countKey, payableOffline, paymentStateKey, recordState } from "./words";

const fr = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) =>
  translate("fr", key, vars);

describe("record states in words", () => {
  it("says each state of the API in French", () => {
    expect(fr(recordState("quotes", "pending").key)).toBe("À signer");
    expect(fr(recordState("quotes", "refused").key)).toBe("Refusé");
    expect(fr(recordState("contracts", "ended").key)).toBe("Terminé");
    expect(fr(recordState("invoices", "pending").key)).toBe("À payer");
    expect(fr(recordState("invoices", "paid").key)).toBe("Payée");
    expect(fr(recordState("invoices", "cancelled").key)).toBe("Annulée");
  });

  it("tells what is to do from what is done or closed", () => {
    expect(recordState("quotes", "pending").tone).toBe("todo");
    expect(recordState("contracts", "signed").tone).toBe("done");
    expect(recordState("invoices", "cancelled").tone).toBe("closed");
  });

  it("never shows a code it does not know, nor one of another kind", () => {
    expect(fr(recordState("invoices", "refunded").key)).toBe("État non précisé");
    expect(fr(recordState("contracts", "paid").key)).toBe("État non précisé");
    expect(fr(paymentStateKey("disputed"))).toBe("État non précisé");
  });

  it("says payment states", () => {
    expect(fr(paymentStateKey("pending"))).toBe("en cours de traitement");
    expect(fr(paymentStateKey("failed"))).toBe("refusé");
  });

  it("has English words for every state", () => {
    for (const [kind, status] of [
      ["quotes", "expired"],
      ["contracts", "pending"],
      ["invoices", "paid"],
    ] as const) {
      const key = recordState(kind, status).key;
      expect(translate("en", key)).not.toBe(fr(key));
    }
  });
});

describe("counts with the language's plural rules", () => {
  it("writes French singular for 0 and 1, plural above", () => {
    expect(fr(countKey("invoices", 1, "fr"), { count: 1 })).toBe("1 facture affichée");
    expect(fr(countKey("invoices", 0, "fr"), { count: 0 })).toBe("0 facture affichée");
    expect(fr(countKey("invoices", 12, "fr"), { count: 12 })).toBe("12 factures affichées");
    expect(fr(countKey("quotes", 2, "fr"), { count: 2 })).toBe("2 devis affichés");
    expect(fr(countKey("contracts", 3, "fr"), { count: 3 })).toBe("3 contrats affichés");
  });

  it("follows English rules in English", () => {
    expect(translate("en", countKey("invoices", 0, "en"), { count: 0 })).toBe("0 invoices shown");
    expect(translate("en", countKey("invoices", 1, "en"), { count: 1 })).toBe("1 invoice shown");
  });
});

describe("invoices that are not paid online", () => {
  it("are the ones still to pay that the portal cannot take", () => {
    const invoice = { status: "pending", payable_online: false, amount_due_cents: 15200 };
    expect(payableOffline(invoice)).toBe(true);
    expect(payableOffline({ ...invoice, payable_online: true })).toBe(false);
    expect(payableOffline({ ...invoice, status: "paid" })).toBe(false);
    expect(payableOffline({ ...invoice, amount_due_cents: 0 })).toBe(false);
  });
});
