/**
 * The outbox in IndexedDB: one database, one store keyed by entry id. A few lines
 * of our own rather than a library (the first load's budget).
 */
import type { OutboxEntry, OutboxStore } from "./outbox";

const DATABASE = "portail";
const STORE = "coupon-outbox";

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  if (!opening) {
    opening = new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(DATABASE, 1);
      request.onupgradeneeded = () => {
        if (!request.result.objectStoreNames.contains(STORE)) {
          request.result.createObjectStore(STORE, { keyPath: "id" });
        }
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new Error("IndexedDB blocked"));
    }).catch((error: unknown) => {
      opening = null;
      throw error;
    });
  }
  return opening;
}

function run<T>(
  mode: IDBTransactionMode,
  act: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  return open().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const transaction = db.transaction(STORE, mode);
        const request = act(transaction.objectStore(STORE));
        // Resolved once written for good, not when the request alone succeeds.
        transaction.oncomplete = () => resolve(request.result);
        transaction.onerror = () => reject(transaction.error);
        transaction.onabort = () => reject(transaction.error);
      }),
  );
}

export const idbStore: OutboxStore = {
  all: () => run("readonly", (store) => store.getAll() as IDBRequest<OutboxEntry[]>),
  put: (entry) => run("readwrite", (store) => store.put(entry)).then(() => undefined),
  remove: (id) => run("readwrite", (store) => store.delete(id)).then(() => undefined),
};
