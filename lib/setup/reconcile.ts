// Reconciliation: texts stuck in Sending or Sent past a threshold are looked up at the provider,
// and what it says is applied through the same ordering rule as a callback (Twilio recommends a
// periodic job like this, since callbacks can be lost).
import type { Db } from "../../db/client";
import { applyStatusCallback } from "../ingest/status-callback";
import type { SmsProvider } from "../providers/types";

export interface ReconcileOptions {
  db: Db;
  provider: SmsProvider;
  olderThanMs: number; // only messages whose status has not changed for this long
  batch?: number;
}

export interface ReconcileReport {
  checked: number;
  changed: number;
  failed: number;
}

export async function reconcileStuckMessages(opts: ReconcileOptions, now = Date.now()): Promise<ReconcileReport> {
  const rows = opts.db.$client
    .prepare(
      `SELECT id, provider_message_id FROM messages
       WHERE direction = 'outbound' AND display_status IN ('sending', 'sent') AND provider_message_id IS NOT NULL AND updated_at < ?
         AND (reconciled_at IS NULL OR reconciled_at < ?)
       ORDER BY updated_at LIMIT ?`,
    )
    .all(now - opts.olderThanMs, now - opts.olderThanMs, opts.batch ?? 50) as { id: number; provider_message_id: string }[];
  const report: ReconcileReport = { checked: 0, changed: 0, failed: 0 };
  for (const row of rows) {
    report.checked++;
    try {
      const current = await opts.provider.fetchStatus(row.provider_message_id);
      if (!current) {
        opts.db.$client.prepare(`UPDATE messages SET reconciled_at = ? WHERE id = ?`).run(Date.now(), row.id);
        continue;
      }
      const r = applyStatusCallback(opts.db, {
        provider: "twilio",
        providerMessageId: row.provider_message_id,
        status: current.status,
        errorCode: current.errorCode,
        rawPayload: JSON.stringify({ reconciled: current }),
        receivedAt: Date.now(),
        source: "reconcile",
      });
      if (r.outcome === "applied") report.changed++;
      // Asked: wait another full period before asking about it again.
      opts.db.$client.prepare(`UPDATE messages SET reconciled_at = ? WHERE id = ?`).run(Date.now(), row.id);
    } catch (e) {
      report.failed++;
      console.error(`reconcile: could not fetch ${row.provider_message_id}`, e);
    }
  }
  return report;
}

export function startReconciliation(opts: ReconcileOptions & { intervalMs: number }): { stop(): Promise<void> } {
  let running = true;
  let current: Promise<unknown> = Promise.resolve();
  let timer: ReturnType<typeof setTimeout>;
  const tick = () => {
    if (!running) return;
    current = reconcileStuckMessages(opts)
      .catch((e) => console.error("reconcile: failed", e))
      .finally(() => {
        if (running) timer = setTimeout(tick, opts.intervalMs);
      });
  };
  timer = setTimeout(tick, opts.intervalMs);
  return {
    async stop() {
      running = false;
      clearTimeout(timer);
      await current;
    },
  };
}
