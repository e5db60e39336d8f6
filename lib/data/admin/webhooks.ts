import "server-only";
// Rejected webhook requests (answered 400/403/413/415 and recorded by lib/ingest), newest first,
// for admins tracking down forged or misconfigured callbacks.
import { getDb } from "@/db/client";
import { env } from "@/lib/env";
import { requireAdmin, type Actor } from "../actor";
import { AppError } from "../errors";

export interface RejectedWebhookDto {
  id: number;
  receivedAt: string;
  route: string;
  httpStatus: number;
  reason: string;
  /** The bounded copy that was kept (the first 2 KiB). */
  body: string;
  bodyBytes: number;
  bodyTruncated: boolean;
  remoteAddress: string | null;
}

export interface RejectedWebhookPage {
  items: RejectedWebhookDto[];
  nextCursor: string | null;
}

export interface RejectedWebhookSummary {
  total: number;
  lastDay: number;
  byStatus: { httpStatus: number; count: number }[];
}

export function parseRejectedCursor(raw: string | null | undefined): number | null {
  if (!raw) return null;
  if (!/^\d{1,12}$/.test(raw)) throw new AppError("bad_request", "This page link is out of date; start again from the newest requests.");
  return Number(raw);
}

/** Newest first; keyset on the id, which grows with received_at. */
export function listRejectedWebhooks(actor: Actor | null, before: number | null, limit = 50): RejectedWebhookPage {
  requireAdmin(actor);
  const rows = getDb()
    .$client.prepare(
      `SELECT id, received_at, route, http_status, reason, body, body_bytes, remote_address FROM rejected_webhooks
       ${before !== null ? "WHERE id < ?" : ""} ORDER BY id DESC LIMIT ?`,
    )
    .all(...(before !== null ? [before, limit + 1] : [limit + 1])) as {
    id: number;
    received_at: number;
    route: string;
    http_status: number;
    reason: string;
    body: string;
    body_bytes: number;
    remote_address: string | null;
  }[];
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  return {
    items: page.map((r) => ({
      id: r.id,
      receivedAt: new Date(r.received_at).toISOString(),
      route: r.route,
      httpStatus: r.http_status,
      reason: r.reason,
      body: r.body,
      bodyBytes: r.body_bytes,
      bodyTruncated: Buffer.byteLength(r.body) < r.body_bytes,
      remoteAddress: r.remote_address,
    })),
    nextCursor: more ? String(page[page.length - 1]!.id) : null,
  };
}

export function rejectedWebhookSummary(actor: Actor | null, now: number = Date.now()): RejectedWebhookSummary {
  requireAdmin(actor);
  const sqlite = getDb().$client;
  const byStatus = sqlite
    .prepare(`SELECT http_status AS httpStatus, count(*) AS count FROM rejected_webhooks GROUP BY http_status ORDER BY count DESC`)
    .all() as { httpStatus: number; count: number }[];
  const lastDay = (sqlite.prepare(`SELECT count(*) AS n FROM rejected_webhooks WHERE received_at >= ?`).get(now - 86_400_000) as { n: number }).n;
  return { total: byStatus.reduce((a, b) => a + b.count, 0), lastDay, byStatus };
}

/** The URLs signatures are checked against (PUBLIC_BASE_URL + path); never the signing secret. */
export function webhookEndpoints(actor: Actor | null): { publicBaseUrl: string; statusUrl: string; inboundUrl: string } {
  requireAdmin(actor);
  const base = env().publicBaseUrl;
  return { publicBaseUrl: base, statusUrl: `${base}/api/webhooks/twilio/status`, inboundUrl: `${base}/api/webhooks/twilio/inbound` };
}
