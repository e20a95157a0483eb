import { describe, expect, it } from "vitest";
import {
  type CouponDraft,
  dismiss,
  enqueue,
  entriesOf,
  flush,
  memoryStore,
  ownerOf,
  type SendAnswer,
  shouldRetry,
  withdraw,
} from "./outbox";

const INES = ownerOf("demo-intervenants", "intervenant1@demo.example");
const HUGO = ownerOf("demo-intervenants", "intervenant2@demo.example");

const draft = (intervention: number): CouponDraft => ({
  intervention,
  start: "2026-11-18T08:00:00+01:00",
  end: "2026-11-18T10:00:00+01:00",
});

function server(answers: Record<number, SendAnswer | "offline">) {
  const sent: number[] = [];
  const send = async (body: CouponDraft): Promise<SendAnswer> => {
    const answer = answers[body.intervention];
    if (answer === "offline") throw new TypeError("Failed to fetch");
    sent.push(body.intervention);
    return answer;
  };
  return { sent, send };
}

describe("the offline coupon queue", () => {
  it("keeps coupons in the order they were declared", async () => {
    const store = memoryStore();
    await enqueue(store, INES, draft(2), new Date("2026-11-18T12:00:00Z"));
    await enqueue(store, INES, draft(1), new Date("2026-11-18T11:00:00Z"));
    const entries = await entriesOf(store, INES);
    expect(entries.map((entry) => entry.draft.intervention)).toEqual([1, 2]);
    expect(entries.every((entry) => entry.state === "pending")).toBe(true);
  });

  it("sends them and keeps the server's answer, accepted or refused", async () => {
    const store = memoryStore();
    await enqueue(store, INES, draft(1), new Date("2026-11-18T11:00:00Z"));
    await enqueue(store, INES, draft(2), new Date("2026-11-18T12:00:00Z"));
    const { sent, send } = server({
      1: { status: 201, couponId: 41 },
      2: { status: 400, message: "Le délai de saisie de ce coupon est dépassé." },
    });
    const result = await flush(store, INES, send);
    expect(sent).toEqual([1, 2]);
    expect(result.waiting).toBe(0);
    const [first, second] = await entriesOf(store, INES);
    expect(first).toMatchObject({ state: "accepted", couponId: 41 });
    expect(second).toMatchObject({
      state: "refused",
      message: "Le délai de saisie de ce coupon est dépassé.",
    });
    // Answered entries are not sent twice.
    await flush(store, INES, send);
    expect(sent).toEqual([1, 2]);
  });

  it("stops at the first coupon without an answer and keeps the rest pending", async () => {
    const store = memoryStore();
    await enqueue(store, INES, draft(1), new Date("2026-11-18T11:00:00Z"));
    await enqueue(store, INES, draft(2), new Date("2026-11-18T12:00:00Z"));
    const offline = server({ 1: "offline", 2: { status: 201, couponId: 5 } });
    expect(await flush(store, INES, offline.send)).toEqual({ answered: [], waiting: 2 });
    expect(offline.sent).toEqual([]);
    const busy = server({ 1: { status: 503 }, 2: { status: 201, couponId: 5 } });
    expect((await flush(store, INES, busy.send)).waiting).toBe(2);
    expect(busy.sent).toEqual([1]);
    expect((await entriesOf(store, INES)).map((entry) => entry.state)).toEqual([
      "pending",
      "pending",
    ]);
    const back = server({ 1: { status: 201, couponId: 4 }, 2: { status: 201, couponId: 5 } });
    expect((await flush(store, INES, back.send)).answered).toHaveLength(2);
  });

  it("sends only the signed-in person's coupons", async () => {
    const store = memoryStore();
    await enqueue(store, HUGO, draft(7));
    await enqueue(store, INES, draft(1));
    const { sent, send } = server({ 1: { status: 201, couponId: 1 }, 7: { status: 201 } });
    await flush(store, INES, send);
    expect(sent).toEqual([1]);
    expect((await entriesOf(store, HUGO))[0].state).toBe("pending");
  });

  it("forgets an answer once read, and a pending coupon only when withdrawn", async () => {
    const store = memoryStore();
    const pending = await enqueue(store, INES, draft(1));
    await dismiss(store, pending.id);
    expect(await entriesOf(store, INES)).toHaveLength(1);
    await flush(store, INES, server({ 1: { status: 201, couponId: 3 } }).send);
    await dismiss(store, pending.id);
    expect(await entriesOf(store, INES)).toHaveLength(0);
    const other = await enqueue(store, INES, draft(2));
    await withdraw(store, other.id);
    expect(await entriesOf(store, INES)).toHaveLength(0);
  });

  it("retries only what may pass later", () => {
    expect([0, 408, 429, 500, 503].every(shouldRetry)).toBe(true);
    expect([400, 403, 404, 409, 423].some(shouldRetry)).toBe(false);
  });
});
