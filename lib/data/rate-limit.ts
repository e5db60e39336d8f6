import "server-only";
// Fixed-window counters in SQLite, so every server process shares them.
import { getDb } from "@/db/client";

export interface Limit {
  key: string;
  limit: number;
  windowMs: number;
}

// How long until `limit` is usable again (0: it is not used up).
export function rateLimitWait(l: Limit, now = Date.now()): number {
  const row = getDb().$client.prepare(`SELECT window_start, count FROM rate_limits WHERE key = ?`).get(l.key) as
    | { window_start: number; count: number }
    | undefined;
  if (!row || row.window_start <= now - l.windowMs || row.count < l.limit) return 0;
  return row.window_start + l.windowMs - now;
}

export function countRateLimitHit(l: Limit, now = Date.now()): void {
  getDb()
    .$client.prepare(
      `INSERT INTO rate_limits (key, window_start, count) VALUES (?, ?, 1)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN window_start <= ? THEN 1 ELSE count + 1 END,
         window_start = CASE WHEN window_start <= ? THEN excluded.window_start ELSE window_start END`,
    )
    .run(l.key, now, now - l.windowMs, now - l.windowMs);
}

export function clearRateLimit(key: string): void {
  getDb().$client.prepare(`DELETE FROM rate_limits WHERE key = ?`).run(key);
}
