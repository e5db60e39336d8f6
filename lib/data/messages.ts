import "server-only";
// Messages: send, read one with its history, and the admin filter (one query for the API, the
// admin page and the CSV export).
import { getDb } from "@/db/client";
import { errorInfo, UNKNOWN_ERROR_INFO } from "@/lib/errors/catalog";
import { env } from "@/lib/env";
import { attachOrphanCallbacks } from "@/lib/ingest";
import { getProvider, type SendResult } from "@/lib/providers";
import { countSegments } from "@/lib/segments";
import { displayStatusOf, isFailure, rankOf, type DisplayStatus } from "@/lib/status";
import { requireActor, requireAdmin, type Actor } from "./actor";
import { AppError } from "./errors";
import { toE164 } from "./phone";

export interface MessageDto {
  id: number;
  conversationId: number;
  direction: "outbound" | "inbound";
  channel: "sms" | "mms";
  body: string;
  from: string;
  to: string;
  providerMessageId: string | null;
  status: string;
  displayStatus: DisplayStatus;
  errorCode: string | null;
  errorTitle: string | null;
  segments: number;
  read: boolean;
  resendOfId: number | null;
  contactName: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface HistoryEntry {
  status: string;
  errorCode: string | null;
  receivedAt: string;
}

export interface MessageWithHistory extends MessageDto {
  media: { url: string; contentType: string | null }[];
  history: HistoryEntry[];
}

export interface MessageRow {
  id: number;
  conversation_id: number;
  direction: "outbound" | "inbound";
  channel: "sms" | "mms";
  body: string;
  from_number: string;
  to_number: string;
  provider_message_id: string | null;
  status: string;
  display_status: DisplayStatus;
  error_code: string | null;
  segments: number;
  read_at: number | null;
  resend_of_id: number | null;
  contact_name: string | null;
  created_at: number;
  updated_at: number;
}

export const MESSAGE_COLUMNS = `m.id, m.conversation_id, m.direction, m.channel, m.body, m.from_number, m.to_number,
  m.provider_message_id, m.status, m.display_status, m.error_code, m.segments, m.read_at, m.resend_of_id,
  c.name AS contact_name, m.created_at, m.updated_at`;

export function errorTitleOf(code: string | null): string | null {
  if (!code) return null;
  return errorInfo(code)?.title ?? UNKNOWN_ERROR_INFO.title;
}

export function toMessageDto(r: MessageRow): MessageDto {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    direction: r.direction,
    channel: r.channel,
    body: r.body,
    from: r.from_number,
    to: r.to_number,
    providerMessageId: r.provider_message_id,
    status: r.status,
    displayStatus: r.display_status,
    errorCode: r.error_code,
    errorTitle: errorTitleOf(r.error_code),
    segments: r.segments,
    read: r.read_at !== null,
    resendOfId: r.resend_of_id,
    contactName: r.contact_name,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export function getMessage(actor: Actor | null, id: number): MessageWithHistory {
  requireActor(actor);
  const sqlite = getDb().$client;
  const row = sqlite
    .prepare(
      `SELECT ${MESSAGE_COLUMNS} FROM messages m JOIN conversations v ON v.id = m.conversation_id
       JOIN contacts c ON c.id = v.contact_id WHERE m.id = ?`,
    )
    .get(id) as MessageRow | undefined;
  if (!row) throw new AppError("not_found", `There is no message ${id}`);
  const history = sqlite
    .prepare(`SELECT status, error_code, received_at FROM status_events WHERE message_id = ? ORDER BY received_at, id`)
    .all(id) as { status: string; error_code: string; received_at: number }[];
  const media = sqlite.prepare(`SELECT url, content_type FROM message_media WHERE message_id = ? ORDER BY id`).all(id) as {
    url: string;
    content_type: string | null;
  }[];
  return {
    ...toMessageDto(row),
    media: media.map((m) => ({ url: m.url, contentType: m.content_type })),
    history: history.map((h) => ({ status: h.status, errorCode: h.error_code || null, receivedAt: new Date(h.received_at).toISOString() })),
  };
}

export interface SendInput {
  body: string;
  mediaUrls?: string[];
  from?: string | null;
  resendOfId?: number | null;
}

interface SenderRow {
  id: number;
  phone: string;
}

function chooseSender(from: string | null | undefined): SenderRow {
  const sqlite = getDb().$client;
  if (from) {
    const phone = toE164(from);
    const row = phone ? (sqlite.prepare(`SELECT id, phone FROM sender_numbers WHERE phone = ?`).get(phone) as SenderRow | undefined) : undefined;
    if (!row) throw new AppError("bad_request", `"${from.slice(0, 40)}" is not one of the team's sender numbers`);
    return row;
  }
  const row = sqlite.prepare(`SELECT id, phone FROM sender_numbers ORDER BY is_default DESC, id LIMIT 1`).get() as SenderRow | undefined;
  if (!row) throw new AppError("conflict", "The team has no sender number yet; an admin must add one");
  return row;
}

export async function sendMessage(actor: Actor | null, conversationId: number, input: SendInput): Promise<MessageWithHistory> {
  const a = requireActor(actor);
  const sqlite = getDb().$client;
  const conv = sqlite
    .prepare(`SELECT v.id, c.phone FROM conversations v JOIN contacts c ON c.id = v.contact_id WHERE v.id = ?`)
    .get(conversationId) as { id: number; phone: string } | undefined;
  if (!conv) throw new AppError("not_found", `There is no conversation ${conversationId}`);
  const mediaUrls = input.mediaUrls ?? [];
  const sender = chooseSender(input.from);
  const e = env();
  let result: SendResult;
  try {
    result = await getProvider().send({
      from: sender.phone,
      to: conv.phone,
      body: input.body,
      mediaUrls,
      statusCallbackUrl: `${e.publicBaseUrl}/api/webhooks/twilio/status`,
    });
  } catch (err) {
    console.error("provider send failed", err);
    throw new AppError("provider_unavailable", "The SMS provider could not be reached, so the text was not sent. Try again in a minute.");
  }
  const now = Date.now();
  const channel = mediaUrls.length ? "mms" : "sms";
  const display = displayStatusOf(result.status, result.errorCode);
  const segments = Math.max(countSegments(input.body).segments, 1);
  const id = sqlite
    .transaction((): number => {
      const info = sqlite
        .prepare(
          `INSERT INTO messages (conversation_id, direction, channel, body, from_number, to_number, provider, provider_message_id,
             status, display_status, status_rank, error_code, segments, resend_of_id, sender_number_id, sent_by_user_id, created_at, updated_at)
           VALUES (?, 'outbound', ?, ?, ?, ?, 'twilio', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          conv.id,
          channel,
          input.body,
          sender.phone,
          conv.phone,
          result.providerMessageId,
          result.status,
          display,
          rankOf(result.status),
          result.errorCode,
          segments,
          input.resendOfId ?? null,
          sender.id,
          a.userId,
          now,
          now,
        );
      const messageId = Number(info.lastInsertRowid);
      const insertMedia = sqlite.prepare(`INSERT INTO message_media (message_id, url, content_type) VALUES (?, ?, NULL)`);
      for (const url of mediaUrls) insertMedia.run(messageId, url);
      // The initial status is in the history too; Twilio sends no callback for it.
      sqlite
        .prepare(
          `INSERT INTO status_events (provider, provider_message_id, message_id, status, error_code, source, raw_payload, received_at)
           VALUES ('twilio', ?, ?, ?, ?, 'send', ?, ?) ON CONFLICT DO NOTHING`,
        )
        .run(result.providerMessageId ?? `local-${messageId}`, messageId, result.status, result.errorCode ?? "", JSON.stringify(result), now);
      if (result.providerMessageId) attachOrphanCallbacks(sqlite, messageId, "twilio", result.providerMessageId);
      sqlite.prepare(`UPDATE conversations SET last_activity_at = ? WHERE id = ?`).run(now, conv.id);
      return messageId;
    })
    .immediate();
  return getMessage(a, id);
}

// --- The admin filter ---

export interface MessageFilter {
  displayStatus?: DisplayStatus[];
  errorCode?: string[];
  from?: string[];
  to?: string[];
  since?: number;
  until?: number;
  channel?: ("sms" | "mms")[];
}

export interface Cursor {
  createdAt: number;
  id: number;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(`${c.createdAt}.${c.id}`).toString("base64url");
}

export function decodeCursor(s: string): Cursor | null {
  const m = /^(\d{1,15})\.(\d{1,15})$/.exec(Buffer.from(s, "base64url").toString("utf8"));
  return m ? { createdAt: Number(m[1]), id: Number(m[2]) } : null;
}

export function filterWhere(f: MessageFilter): { where: string; params: (string | number)[] } {
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  const inList = (column: string, values: readonly string[] | undefined) => {
    if (!values?.length) return;
    clauses.push(`${column} IN (${values.map(() => "?").join(", ")})`);
    params.push(...values);
  };
  inList("m.display_status", f.displayStatus);
  inList("m.error_code", f.errorCode);
  inList("m.from_number", f.from);
  inList("m.to_number", f.to);
  inList("m.channel", f.channel);
  if (f.since !== undefined) {
    clauses.push("m.created_at >= ?");
    params.push(f.since);
  }
  if (f.until !== undefined) {
    clauses.push("m.created_at < ?");
    params.push(f.until);
  }
  return { where: clauses.length ? clauses.join(" AND ") : "1 = 1", params };
}

export interface MessagePage {
  items: MessageDto[];
  nextCursor: string | null;
}

export function queryMessagePage(filter: MessageFilter, cursor: Cursor | null, limit: number): MessagePage {
  // The cursor becomes the range's upper bound (created_at <= cursor), which the index seeks to;
  // written as one OR over (created_at, id) SQLite would scan from the newest row instead.
  const bounded = cursor ? { ...filter, until: Math.min(filter.until ?? Infinity, cursor.createdAt + 1) } : filter;
  const { where, params } = filterWhere(bounded);
  const keyset = cursor ? ` AND (m.created_at < ? OR m.id < ?)` : "";
  const keysetParams = cursor ? [cursor.createdAt, cursor.id] : [];
  const rows = getDb()
    .$client.prepare(
      `SELECT ${MESSAGE_COLUMNS} FROM messages m JOIN conversations v ON v.id = m.conversation_id
       JOIN contacts c ON c.id = v.contact_id
       WHERE ${where}${keyset} ORDER BY m.created_at DESC, m.id DESC LIMIT ?`,
    )
    .all(...params, ...keysetParams, limit + 1) as MessageRow[];
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  return {
    items: page.map(toMessageDto),
    nextCursor: more && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null,
  };
}

export function listMessages(actor: Actor | null, filter: MessageFilter, cursor: Cursor | null, limit = 50): MessagePage {
  requireAdmin(actor);
  return queryMessagePage(filter, cursor, limit);
}

// A resend is a new text with the same body, media and sender, linked to the original. It is
// refused where the catalog says resending cannot help (opted out, landline, unregistered ...).
export async function resendMessage(actor: Actor | null, messageId: number): Promise<MessageWithHistory> {
  const original = getMessage(actor, messageId);
  if (original.direction !== "outbound") throw new AppError("bad_request", "Only texts we sent can be resent.");
  if (!isFailure(original.displayStatus)) {
    throw new AppError("bad_request", "Only texts that failed can be resent.");
  }
  const info = errorInfo(original.errorCode) ?? UNKNOWN_ERROR_INFO;
  if (!info.resendCanHelp) throw new AppError("conflict", `Resending won't help: ${info.cause}`);
  const already = getDb().$client.prepare(`SELECT id FROM messages WHERE resend_of_id = ?`).get(messageId);
  if (already) throw new AppError("conflict", "This text was already resent.");
  return sendMessage(actor, original.conversationId, {
    body: original.body,
    mediaUrls: original.media.map((m) => m.url),
    from: original.from,
    resendOfId: original.id,
  });
}
