// The deliverability page's whole view lives in its URL, under the query parameter names of
// GET /api/messages (displayStatus, errorCode, from, to, since, until, channel, cursor, limit).
// This module reads those parameters as strings, writes canonical URLs (lists comma-separated,
// empty fields left out) and the export link. Validation is the API parser's job.

export type RawSearch = Record<string, string | string[] | undefined>;

/** What an admin most often needs: the texts that did not get through. */
export const DEFAULT_STATUSES = ["failed", "undelivered", "unknown_error"] as const;

export const DELIVERABILITY_PATH = "/admin/deliverability";

export interface FilterQuery {
  /** The statuses in effect; empty means every status. */
  displayStatus: string[];
  errorCode: string[];
  from: string[];
  to: string[];
  channel: string[];
  since: string;
  until: string;
  cursor: string;
  limit: string;
}

const LIST_KEYS = ["displayStatus", "errorCode", "from", "to", "channel"] as const;
const ORDER = ["displayStatus", "errorCode", "from", "to", "since", "until", "channel", "limit", "cursor"] as const;
type Key = (typeof ORDER)[number];

function rawValues(raw: RawSearch, key: string): string[] {
  const v = raw[key];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function listOf(raw: RawSearch, key: string): string[] {
  const out: string[] = [];
  for (const v of rawValues(raw, key)) {
    for (const part of v.split(",")) {
      const s = part.trim();
      if (s && !out.includes(s)) out.push(s);
    }
  }
  return out;
}

function single(raw: RawSearch, key: string): string {
  return (rawValues(raw, key).find((v) => v.trim() !== "") ?? "").trim();
}

export function readFilterQuery(raw: RawSearch): FilterQuery {
  return {
    displayStatus: raw.displayStatus === undefined ? [...DEFAULT_STATUSES] : listOf(raw, "displayStatus"),
    errorCode: listOf(raw, "errorCode"),
    from: listOf(raw, "from"),
    to: listOf(raw, "to"),
    channel: listOf(raw, "channel"),
    since: single(raw, "since"),
    until: single(raw, "until"),
    cursor: single(raw, "cursor"),
    limit: single(raw, "limit"),
  };
}

function isDefaultStatuses(statuses: readonly string[]): boolean {
  return statuses.length === DEFAULT_STATUSES.length && DEFAULT_STATUSES.every((s) => statuses.includes(s));
}

// encodeURIComponent keeps the URL readable (commas and digits as they are; + as %2B).
function pairs(entries: [string, string][]): string {
  return entries.map(([k, v]) => `${k}=${v.split(",").map(encodeURIComponent).join(",")}`).join("&");
}

function entriesOf(q: FilterQuery, keys: readonly Key[]): [string, string][] {
  const out: [string, string][] = [];
  for (const key of keys) {
    if (key === "displayStatus") {
      // Left out when it is the default; present but empty when every status is wanted.
      if (!isDefaultStatuses(q.displayStatus)) out.push([key, q.displayStatus.join(",")]);
      continue;
    }
    const v = q[key];
    const s = Array.isArray(v) ? v.join(",") : v;
    if (s) out.push([key, s]);
  }
  return out;
}

/** The canonical query string of a view (no leading "?"). */
export function canonicalQuery(q: FilterQuery): string {
  return pairs(entriesOf(q, ORDER));
}

/** The query string as the request spelled it, in canonical key order, for comparison. */
export function requestQuery(raw: RawSearch): string {
  const entries: [string, string][] = [];
  for (const key of ORDER) {
    const values = rawValues(raw, key);
    if (values.length) entries.push([key, values.join(",")]);
  }
  return pairs(entries);
}

/** A link to the page with some of the view changed; the cursor resets unless given. */
export function filterHref(q: FilterQuery, patch: Partial<FilterQuery> = {}): string {
  const next: FilterQuery = { ...q, cursor: "", ...patch };
  const query = canonicalQuery(next);
  return query ? `${DELIVERABILITY_PATH}?${query}` : DELIVERABILITY_PATH;
}

/** The same filter for GET /api/messages/export: statuses always explicit, no cursor or limit. */
export function exportHref(q: FilterQuery): string {
  const entries = entriesOf({ ...q, cursor: "", limit: "" }, ORDER.filter((k) => k !== "displayStatus"));
  if (q.displayStatus.length) entries.unshift(["displayStatus", q.displayStatus.join(",")]);
  const query = pairs(entries);
  return query ? `/api/messages/export?${query}` : "/api/messages/export";
}

/** URLSearchParams for lib/data/message-filter's parser. */
export function toSearchParams(q: FilterQuery): URLSearchParams {
  const sp = new URLSearchParams();
  if (q.displayStatus.length) sp.set("displayStatus", q.displayStatus.join(","));
  for (const key of LIST_KEYS) if (key !== "displayStatus" && q[key].length) sp.set(key, q[key].join(","));
  for (const key of ["since", "until", "cursor", "limit"] as const) if (q[key]) sp.set(key, q[key]);
  return sp;
}

export function hasNarrowing(q: FilterQuery): boolean {
  return Boolean(q.errorCode.length || q.from.length || q.to.length || q.channel.length || q.since || q.until || !isDefaultStatuses(q.displayStatus));
}
