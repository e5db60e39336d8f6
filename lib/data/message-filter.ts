// The admin filter's query parameters (SPEC section 4), parsed once for the API, the export and
// the admin page: displayStatus, errorCode, from, to, since, until, channel, cursor, limit.
import { DISPLAY_STATUSES, parseDisplayStatus, type DisplayStatus } from "@/lib/status";
import { AppError } from "./errors";
import { decodeCursor, type Cursor, type MessageFilter } from "./messages";
import { toE164 } from "./phone";

function list(sp: URLSearchParams, key: string): string[] {
  return sp
    .getAll(key)
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);
}

function time(sp: URLSearchParams, key: string): number | undefined {
  const v = sp.get(key)?.trim();
  if (!v) return undefined;
  const t = Date.parse(v);
  if (!/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(t)) {
    throw new AppError("bad_request", `${key} must be an ISO-8601 time such as 2026-01-31 or 2026-01-31T09:00:00Z (got "${v.slice(0, 40)}")`);
  }
  return t;
}

function phones(sp: URLSearchParams, key: string): string[] | undefined {
  const values = list(sp, key);
  if (!values.length) return undefined;
  return values.map((v) => {
    const e164 = toE164(v);
    if (!e164) throw new AppError("bad_request", `${key} must be a phone number such as +14155550100 (got "${v.slice(0, 40)}")`);
    return e164;
  });
}

export interface ParsedFilter {
  filter: MessageFilter;
  cursor: Cursor | null;
  limit: number;
}

export function parseMessageFilter(sp: URLSearchParams): ParsedFilter {
  const filter: MessageFilter = {};
  const statuses = list(sp, "displayStatus");
  if (statuses.length) {
    filter.displayStatus = statuses.map((s): DisplayStatus => {
      const d = parseDisplayStatus(s);
      if (!d) throw new AppError("bad_request", `displayStatus "${s.slice(0, 40)}" is not one of ${DISPLAY_STATUSES.join(", ")}`);
      return d;
    });
  }
  const codes = list(sp, "errorCode");
  if (codes.length) {
    for (const c of codes) if (!/^\d{1,6}$/.test(c)) throw new AppError("bad_request", `errorCode must be a number such as 30003 (got "${c.slice(0, 40)}")`);
    filter.errorCode = codes;
  }
  filter.from = phones(sp, "from");
  filter.to = phones(sp, "to");
  filter.since = time(sp, "since");
  filter.until = time(sp, "until");
  if (filter.since !== undefined && filter.until !== undefined && filter.since > filter.until) {
    throw new AppError("bad_request", "since must be before until");
  }
  const channels = list(sp, "channel");
  if (channels.length) {
    filter.channel = channels.map((c) => {
      const lower = c.toLowerCase();
      if (lower !== "sms" && lower !== "mms") throw new AppError("bad_request", `channel must be sms or mms (got "${c.slice(0, 20)}")`);
      return lower;
    });
  }
  const rawCursor = sp.get("cursor");
  let cursor: Cursor | null = null;
  if (rawCursor) {
    cursor = decodeCursor(rawCursor);
    if (!cursor) throw new AppError("bad_request", "cursor is not one this API gave out; start again without it");
  }
  const rawLimit = sp.get("limit");
  let limit = 50;
  if (rawLimit) {
    limit = Number(rawLimit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new AppError("bad_request", "limit must be a whole number from 1 to 500");
  }
  return { filter, cursor, limit };
}
