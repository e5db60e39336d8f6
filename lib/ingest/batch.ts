// Group commit: callbacks that arrive together are applied in one SQLite transaction, so one
// fsync covers many of them. Each caller still gets its answer only after that commit.
import type { Db } from "../../db/client";
import { applyStatusCallback, applyStatusCallbackInTransaction, type ApplyResult, type StatusCallback } from "./status-callback";

interface Pending {
  cb: StatusCallback;
  resolve: (r: ApplyResult) => void;
  reject: (e: unknown) => void;
}

const MAX_BATCH = 256;
const queues = new WeakMap<Db, { items: Pending[]; scheduled: boolean }>();

function flush(db: Db): void {
  const q = queues.get(db)!;
  q.scheduled = false;
  while (q.items.length) {
    const batch = q.items.splice(0, MAX_BATCH);
    let results: ApplyResult[] | null = null;
    try {
      results = db.$client.transaction(() => batch.map((p) => applyStatusCallbackInTransaction(db, p.cb))).immediate();
    } catch {
      results = null; // one of them failed: apply them one by one so only that one fails
    }
    if (results) batch.forEach((p, i) => p.resolve(results![i]!));
    else
      for (const p of batch) {
        try {
          p.resolve(applyStatusCallback(db, p.cb));
        } catch (e) {
          p.reject(e);
        }
      }
  }
}

export function enqueueStatusCallback(db: Db, cb: StatusCallback): Promise<ApplyResult> {
  let q = queues.get(db);
  if (!q) {
    q = { items: [], scheduled: false };
    queues.set(db, q);
  }
  const promise = new Promise<ApplyResult>((resolve, reject) => q!.items.push({ cb, resolve, reject }));
  if (!q.scheduled) {
    q.scheduled = true;
    setImmediate(() => flush(db));
  }
  return promise;
}
