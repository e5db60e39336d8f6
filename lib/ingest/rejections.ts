import type { Db } from "../../db/client";

const MAX_BODY_COPY = 2048;
const KEEP_ROWS = 10_000;

export interface Rejection {
  route: string;
  httpStatus: number;
  reason: string;
  body: string;
  bodyBytes: number;
  remoteAddress: string | null;
}

// Recorded for admins; bounded in size (a 2 KiB copy) and count (the newest 10,000 rows).
export function recordRejectedWebhook(db: Db, r: Rejection): void {
  try {
    const sqlite = db.$client;
    sqlite
      .prepare(
        `INSERT INTO rejected_webhooks (received_at, route, http_status, reason, body, body_bytes, remote_address)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(Date.now(), r.route, r.httpStatus, r.reason.slice(0, 500), r.body.slice(0, MAX_BODY_COPY), r.bodyBytes, r.remoteAddress);
    sqlite.prepare(`DELETE FROM rejected_webhooks WHERE id <= (SELECT max(id) FROM rejected_webhooks) - ?`).run(KEEP_ROWS);
  } catch (e) {
    // A failure to record a rejection must not turn the 4xx into a 500.
    console.error("could not record a rejected webhook", e);
  }
}
