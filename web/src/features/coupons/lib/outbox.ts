/**
 * Coupons declared without coverage: kept on the device, sent in order when the
 * connection returns, and the server's answer kept until the person has read it.
 * The storage is behind `OutboxStore` (IndexedDB in the app, memory in tests).
 */

export interface CouponDraft {
  intervention: number;
  start: string;
  end: string;
  kilometres?: string | null;
  comment?: string;
}

export type EntryState = "pending" | "accepted" | "refused";

export interface OutboxEntry {
  id: string;
  /** Whose declaration it is (portal and account): a shared phone sends each
   * person's coupons only under their own session. */
  owner: string;
  createdAt: string;
  draft: CouponDraft;
  state: EntryState;
  /** Why the server refused it, in its words. */
  message?: string;
  /** The coupon the server made of it. */
  couponId?: number;
}

export interface OutboxStore {
  all(): Promise<OutboxEntry[]>;
  put(entry: OutboxEntry): Promise<void>;
  remove(id: string): Promise<void>;
}

export function memoryStore(initial: OutboxEntry[] = []): OutboxStore {
  const entries = new Map(initial.map((entry) => [entry.id, structuredClone(entry)]));
  return {
    all: async () => [...entries.values()].map((entry) => structuredClone(entry)),
    put: async (entry) => {
      entries.set(entry.id, structuredClone(entry));
    },
    remove: async (id) => {
      entries.delete(id);
    },
  };
}

export function ownerOf(portal: string, identifier: string): string {
  return `${portal}\u0000${identifier}`;
}

function newId(now: Date): string {
  const random =
    typeof crypto !== "undefined" && "randomUUID" in crypto
      ? crypto.randomUUID()
      : Math.random().toString(36).slice(2);
  return `${now.getTime()}-${random}`;
}

export async function enqueue(
  store: OutboxStore,
  owner: string,
  draft: CouponDraft,
  now: Date = new Date(),
): Promise<OutboxEntry> {
  const entry: OutboxEntry = {
    id: newId(now),
    owner,
    createdAt: now.toISOString(),
    draft,
    state: "pending",
  };
  await store.put(entry);
  return entry;
}

const byAge = (a: OutboxEntry, b: OutboxEntry) =>
  a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

export async function entriesOf(store: OutboxStore, owner: string): Promise<OutboxEntry[]> {
  return (await store.all()).filter((entry) => entry.owner === owner).sort(byAge);
}

/** What one attempt came to: `status` 0 when no answer came at all. */
export interface SendAnswer {
  status: number;
  couponId?: number;
  message?: string;
}

/** No answer, the server down or busy: the same coupon may pass later. Any other
 * refusal (invalid times, delay past, visit cancelled...) will not change by trying
 * again: it is the person's to read. */
export function shouldRetry(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}

export interface FlushResult {
  /** The entries that got their answer in this round. */
  answered: OutboxEntry[];
  /** Entries left waiting (no connection, server unavailable). */
  waiting: number;
}

/**
 * Sends the owner's pending coupons, oldest first, one at a time; stops at the first
 * one that gets no usable answer (the following ones would fare no better) and
 * leaves it and the rest pending.
 */
export async function flush(
  store: OutboxStore,
  owner: string,
  send: (draft: CouponDraft) => Promise<SendAnswer>,
): Promise<FlushResult> {
  const pending = (await entriesOf(store, owner)).filter((entry) => entry.state === "pending");
  const answered: OutboxEntry[] = [];
  for (let index = 0; index < pending.length; index += 1) {
    const entry = pending[index];
    let answer: SendAnswer;
    try {
      answer = await send(entry.draft);
    } catch {
      answer = { status: 0 };
    }
    if (shouldRetry(answer.status)) {
      return { answered, waiting: pending.length - index };
    }
    const done: OutboxEntry =
      answer.status >= 200 && answer.status < 300
        ? { ...entry, state: "accepted", couponId: answer.couponId }
        : { ...entry, state: "refused", message: answer.message ?? "" };
    await store.put(done);
    answered.push(done);
  }
  return { answered, waiting: 0 };
}

/** The person has read the answer: the entry goes. A pending one stays. */
export async function dismiss(store: OutboxStore, id: string): Promise<void> {
  const entry = (await store.all()).find((item) => item.id === id);
  if (entry && entry.state !== "pending") await store.remove(id);
}

/** The person drops a coupon not yet sent (typed by mistake). */
export async function withdraw(store: OutboxStore, id: string): Promise<void> {
  const entry = (await store.all()).find((item) => item.id === id);
  if (entry && entry.state === "pending") await store.remove(id);
}
