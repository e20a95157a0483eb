import { describe, expect, it } from "vitest";
import { canPayAgain, keepPolling, PAYMENT_WAIT_MS, paymentOutcome, readIssue } from "./progress";

const facts = (over: Partial<Parameters<typeof paymentOutcome>[0]> = {}) =>
  paymentOutcome({
    issue: "ok",
    invoiceStatus: "pending",
    paymentStatus: "created",
    waitedMs: 0,
    ...over,
  });

describe("the payment return page", () => {
  it("reads only the provider's three outcomes from the address", () => {
    expect(readIssue("ok")).toBe("ok");
    expect(readIssue("annule")).toBe("annule");
    expect(readIssue("echec")).toBe("echec");
    expect(readIssue("OK")).toBeNull();
    expect(readIssue(null)).toBeNull();
  });

  it("waits for the provider's callback after a payment, then stops asking", () => {
    expect(facts()).toBe("waiting");
    expect(keepPolling(facts())).toBe(true);
    expect(facts({ paymentStatus: "pending", waitedMs: PAYMENT_WAIT_MS - 1 })).toBe("waiting");
    expect(facts({ waitedMs: PAYMENT_WAIT_MS })).toBe("late");
    expect(keepPolling("late")).toBe(false);
  });

  it("believes the invoice, not the address", () => {
    // Back with « ok » but the callback said no.
    expect(facts({ paymentStatus: "failed" })).toBe("failed");
    // Back with « echec » but the invoice was paid meanwhile (another attempt).
    expect(facts({ issue: "echec", invoiceStatus: "paid", paymentStatus: "failed" })).toBe("paid");
    expect(keepPolling("paid")).toBe(false);
  });

  it("says when money came for an invoice the agency changed meanwhile", () => {
    expect(facts({ paymentStatus: "paid" })).toBe("received");
    expect(keepPolling("received")).toBe(false);
  });

  it("reads the invoice again when it was read before the payment's callback", () => {
    expect(facts({ paymentStatus: "paid", invoiceReadAfterPayment: false })).toBe("waiting");
  });

  it("does not wait after the family left the checkout", () => {
    expect(facts({ issue: "annule" })).toBe("cancelled");
    expect(canPayAgain("cancelled")).toBe(true);
    // …unless the provider already holds the payment.
    expect(facts({ issue: "annule", paymentStatus: "pending" })).toBe("waiting");
  });

  it("waits for the callback of a refused payment too", () => {
    expect(facts({ issue: "echec" })).toBe("waiting");
    expect(facts({ issue: "echec", paymentStatus: "failed" })).toBe("failed");
    expect(facts({ issue: "echec", paymentStatus: "expired" })).toBe("expired");
    expect(canPayAgain("failed")).toBe(true);
  });

  it("shows an invoice opened without coming back from a checkout as it is", () => {
    expect(facts({ issue: null })).toBe("unpaid");
    expect(facts({ issue: null, paymentStatus: undefined })).toBe("unpaid");
    expect(keepPolling("unpaid")).toBe(false);
    expect(facts({ issue: null, invoiceStatus: "cancelled", paymentStatus: undefined })).toBe(
      "void",
    );
    expect(canPayAgain("void")).toBe(false);
  });
});
