import "server-only";
// What the deliverability page shows beside the message list: counts per display status and per
// error code for a filter (facets), sent / delivered / failed over time, and the error codes an
// admin can filter on. Every query goes through filterWhere, the same WHERE as GET /api/messages,
// and stays on the messages indexes; nothing loads rows into JavaScript to count them.
import { getDb } from "@/db/client";
import { ERROR_CATALOG, errorInfo, UNKNOWN_ERROR_INFO } from "@/lib/errors/catalog";
import { DISPLAY_STATUSES, OUTBOUND_DISPLAY_STATUSES, isFailure, type DisplayStatus } from "@/lib/status";
import { requireAdmin, type Actor } from "../actor";
import { filterWhere, type MessageFilter } from "../messages";
import { addDays, DAY, HOUR, startOfHour, startOfZonedDay, zonedDay, zonedMidnight } from "./zoned-time";

export interface CodeFacet {
  code: string;
  title: string;
  count: number;
}

export interface DeliverabilityFacets {
  /** Per display status, for the filter without its displayStatus part (so each is a choice). */
  statuses: Record<DisplayStatus, number>;
  /** Outbound texts for the filter without its displayStatus part. */
  outbound: number;
  /** Delivered, of the outbound texts with a final outcome; null when none has one yet. */
  deliveryRate: number | null;
  /** The most frequent error codes, for the filter without its errorCode part. */
  codes: CodeFacet[];
  /** Texts matching the whole filter. */
  matching: number;
}

const TOP_CODES = 12;

function titleOf(code: string): string {
  return (errorInfo(code) ?? UNKNOWN_ERROR_INFO).title;
}

export function deliverabilityFacets(actor: Actor | null, filter: MessageFilter): DeliverabilityFacets {
  requireAdmin(actor);
  const sqlite = getDb().$client;
  const byStatus = filterWhere({ ...filter, displayStatus: undefined });
  const statusRows = sqlite
    .prepare(`SELECT m.display_status AS s, count(*) AS n FROM messages m WHERE ${byStatus.where} GROUP BY m.display_status`)
    .all(...byStatus.params) as { s: string; n: number }[];
  const statuses = Object.fromEntries(DISPLAY_STATUSES.map((s) => [s, 0])) as Record<DisplayStatus, number>;
  for (const r of statusRows) if (r.s in statuses) statuses[r.s as DisplayStatus] = r.n;

  const byCode = filterWhere({ ...filter, errorCode: undefined });
  const codeRows = sqlite
    .prepare(
      `SELECT m.error_code AS code, count(*) AS n FROM messages m
       WHERE ${byCode.where} AND m.error_code IS NOT NULL AND m.error_code <> ''
       GROUP BY m.error_code ORDER BY n DESC, m.error_code LIMIT ${TOP_CODES}`,
    )
    .all(...byCode.params) as { code: string; n: number }[];

  const outbound = OUTBOUND_DISPLAY_STATUSES.reduce((sum, s) => sum + statuses[s], 0);
  const final = statuses.delivered + OUTBOUND_DISPLAY_STATUSES.filter(isFailure).reduce((sum, s) => sum + statuses[s], 0);
  const selected = filter.displayStatus?.length ? filter.displayStatus : DISPLAY_STATUSES;
  return {
    statuses,
    outbound,
    deliveryRate: final > 0 ? statuses.delivered / final : null,
    codes: codeRows.map((r) => ({ code: r.code, title: titleOf(r.code), count: r.n })),
    matching: [...new Set(selected)].reduce((sum, s) => sum + (statuses[s] ?? 0), 0),
  };
}

// --- Sent / delivered / failed over time ---

export type BucketSize = "hour" | "day" | "week";

export interface SeriesBucket {
  start: string;
  end: string;
  /** Every outbound text created in the bucket, whatever its status. */
  sent: number;
  delivered: number;
  /** Failed, Undelivered or Unknown Error. */
  failed: number;
  /** Still Sending or Sent (no receipt yet). */
  pending: number;
}

export interface DeliverySeries {
  size: BucketSize;
  from: string;
  to: string;
  buckets: SeriesBucket[];
  /** True when the filter has no since: the chart shows the last 7 days. */
  defaultRange: boolean;
  /** True when the range was longer than the chart shows (its newest two years). */
  clipped: boolean;
}

const MAX_WEEKS = 104;

function bucketStarts(from: number, to: number, size: BucketSize, tz: string): number[] {
  const starts: number[] = [];
  if (size === "hour") {
    for (let t = startOfHour(from); t < to; t += HOUR) starts.push(t);
    return starts;
  }
  const step = size === "day" ? 1 : 7;
  let day = zonedDay(from, tz);
  let t = startOfZonedDay(from, tz);
  while (t < to && starts.length < 1000) {
    starts.push(t);
    day = addDays(day, step);
    t = zonedMidnight(day, tz) ?? t + step * DAY;
  }
  return starts;
}

/**
 * Outbound texts per hour, day or week over the filter's since..until (the last 7 days when it
 * has no since), for the filter's other parts: the series ignores the displayStatus filter, so
 * that narrowing the list to failures still charts failures against everything sent.
 */
export function deliverySeries(actor: Actor | null, filter: MessageFilter, opts: { tz: string; now?: number }): DeliverySeries {
  requireAdmin(actor);
  const now = opts.now ?? Date.now();
  const to = filter.until ?? now;
  const defaultRange = filter.since === undefined;
  let from = filter.since ?? startOfZonedDay(to - 1 - 6 * DAY, opts.tz);
  let clipped = false;
  if (to - from > MAX_WEEKS * 7 * DAY) {
    from = to - MAX_WEEKS * 7 * DAY;
    clipped = true;
  }
  const span = Math.max(to - from, 0);
  const size: BucketSize = span <= 2 * DAY ? "hour" : span <= 120 * DAY ? "day" : "week";
  const starts = bucketStarts(from, to, size, opts.tz);
  const buckets: SeriesBucket[] = starts.map((s, i) => ({
    start: new Date(s).toISOString(),
    end: new Date(starts[i + 1] ?? to).toISOString(),
    sent: 0,
    delivered: 0,
    failed: 0,
    pending: 0,
  }));
  if (buckets.length) {
    const { where, params } = filterWhere({ ...filter, displayStatus: [...OUTBOUND_DISPLAY_STATUSES], since: from, until: to });
    // Hourly counts (covered by the display_status index when no other filter applies), folded
    // into local days or weeks here: a few thousand rows at most.
    const rows = getDb()
      .$client.prepare(
        `SELECT m.created_at / ${HOUR} AS h, m.display_status AS s, count(*) AS n FROM messages m
         WHERE ${where} GROUP BY h, s`,
      )
      .all(...params) as { h: number; s: DisplayStatus; n: number }[];
    for (const r of rows) {
      const t = r.h * HOUR;
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid]! <= t) lo = mid;
        else hi = mid - 1;
      }
      const b = buckets[lo]!;
      b.sent += r.n;
      if (r.s === "delivered") b.delivered += r.n;
      else if (isFailure(r.s)) b.failed += r.n;
      else b.pending += r.n;
    }
  }
  return { size, from: new Date(from).toISOString(), to: new Date(to).toISOString(), buckets, defaultRange, clipped };
}

// --- Filter choices ---

export interface ErrorCodeOption {
  code: string;
  title: string;
  /** The code occurs in the data. */
  seen: boolean;
}

/** Codes seen in the data (walked on the error_code index, one seek per code) plus the catalog's. */
export function errorCodeOptions(actor: Actor | null): ErrorCodeOption[] {
  requireAdmin(actor);
  const next = getDb().$client.prepare(`SELECT min(error_code) AS code FROM messages WHERE error_code > ?`);
  const seen = new Set<string>();
  let after = "";
  for (let i = 0; i < 500; i++) {
    const row = next.get(after) as { code: string | null };
    if (row.code === null) break;
    seen.add(row.code);
    after = row.code;
  }
  const codes = new Set([...seen, ...ERROR_CATALOG.map((e) => e.code)]);
  return [...codes]
    .sort((a, b) => Number(a) - Number(b) || a.localeCompare(b))
    .map((code) => ({ code, title: titleOf(code), seen: seen.has(code) }));
}
