/**
 * The app's side of the offline queue: IndexedDB as the store, the API as the
 * recipient, and a signal so that every part of the page showing the queue reads it
 * again after a change.
 */
import { useCallback, useEffect, useState } from "react";
import { errorText, isApiError } from "../../lib/errors";
import type { Translate } from "../../locales";
import { declareCoupon } from "./api/coupons";
import { idbStore } from "./lib/idb";
import {
  type CouponDraft,
  dismiss,
  enqueue,
  entriesOf,
  flush,
  type FlushResult,
  type OutboxEntry,
  type SendAnswer,
  withdraw,
} from "./lib/outbox";

const listeners = new Set<() => void>();

function changed(): void {
  for (const listener of listeners) listener();
}

/** The owner's entries, read again whenever the queue changes. */
export function useOutbox(owner: string | null) {
  const [entries, setEntries] = useState<OutboxEntry[]>([]);
  const read = useCallback(() => {
    if (!owner) return;
    entriesOf(idbStore, owner).then(setEntries, () => setEntries([]));
  }, [owner]);
  useEffect(() => {
    read();
    listeners.add(read);
    return () => {
      listeners.delete(read);
    };
  }, [read]);
  return entries;
}

export async function queueCoupon(owner: string, draft: CouponDraft): Promise<OutboxEntry> {
  const entry = await enqueue(idbStore, owner, draft);
  changed();
  return entry;
}

export async function dismissEntry(id: string): Promise<void> {
  await dismiss(idbStore, id);
  changed();
}

export async function withdrawEntry(id: string): Promise<void> {
  await withdraw(idbStore, id);
  changed();
}

let running: Promise<FlushResult> | null = null;

async function sendAll(owner: string, t: Translate): Promise<FlushResult> {
  const send = async (draft: CouponDraft): Promise<SendAnswer> => {
    try {
      const coupon = await declareCoupon(draft);
      return { status: 201, couponId: coupon.id };
    } catch (error) {
      return {
        status: isApiError(error) ? error.status : 0,
        message: errorText(error, t),
      };
    }
  };
  const work = () => flush(idbStore, owner, send);
  // Two tabs back online at once must not both send the same coupon.
  const result =
    typeof navigator !== "undefined" && navigator.locks
      ? await navigator.locks.request("portail-coupon-outbox", work)
      : await work();
  changed();
  return result;
}

/** Sends the owner's waiting coupons (one round at a time in this page). */
export function sendPending(owner: string, t: Translate): Promise<FlushResult> {
  if (!running) {
    running = sendAll(owner, t).finally(() => {
      running = null;
    });
  }
  return running;
}
