import "server-only";
// A conversation as an agent sees it: contact, reachability, sender numbers, and a window of
// messages (newest first, older ones on demand) each with its status history.
import { getDb } from "@/db/client";
import { errorInfo, UNKNOWN_ERROR_INFO } from "@/lib/errors/catalog";
import { env } from "@/lib/env";
import { isFailure, registrationBlockCode } from "@/lib/status";
import { requireActor, type Actor } from "./actor";
import { AppError } from "./errors";
import { MESSAGE_COLUMNS, toMessageDto, type HistoryEntry, type MessageDto, type MessageRow } from "./messages";

export interface SenderNumberDto {
  id: number;
  phone: string;
  label: string;
  kind: "long_code" | "toll_free" | "short_code";
  a2pState: string | null;
  tfvState: string | null;
  isDefault: boolean;
  // Texts from it are likely to be blocked: unregistered 10DLC or unverified toll-free.
  likelyBlocked: boolean;
}

export interface TimelineMessage extends MessageDto {
  media: { url: string; contentType: string | null }[];
  history: HistoryEntry[];
  statusChangedAt: string;
  resendCanHelp: boolean;
}

// What a conversation page's frame needs: who it is with, and the numbers to send from.
export interface ConversationHead {
  id: number;
  contactId: number;
  contactName: string | null;
  phone: string;
  optedOut: boolean;
  unreachableCode: string | null;
  senders: SenderNumberDto[];
  sentHintHours: number;
}

// A window of a conversation's messages, oldest first.
export interface TimelineWindow {
  messages: TimelineMessage[];
  olderCursor: number | null; // the id of the oldest message shown, when there are older ones
}

export type ConversationView = ConversationHead & TimelineWindow;

export function listSenderNumbers(actor: Actor | null): SenderNumberDto[] {
  requireActor(actor);
  const rows = getDb()
    .$client.prepare(`SELECT id, phone, label, kind, a2p_state, tfv_state, is_default FROM sender_numbers ORDER BY is_default DESC, id`)
    .all() as { id: number; phone: string; label: string; kind: SenderNumberDto["kind"]; a2p_state: string | null; tfv_state: string | null; is_default: number }[];
  return rows.map((r) => ({
    id: r.id,
    phone: r.phone,
    label: r.label,
    kind: r.kind,
    a2pState: r.a2p_state,
    tfvState: r.tfv_state,
    isDefault: r.is_default === 1,
    likelyBlocked: registrationBlockCode({ kind: r.kind, a2pState: r.a2p_state, tfvState: r.tfv_state }) !== null,
  }));
}

export function resendCanHelp(m: Pick<MessageDto, "direction" | "displayStatus" | "errorCode">): boolean {
  if (m.direction !== "outbound" || !isFailure(m.displayStatus)) return false;
  return (errorInfo(m.errorCode) ?? UNKNOWN_ERROR_INFO).resendCanHelp;
}

export const TIMELINE_PAGE = 50;

export function getConversationHead(actor: Actor | null, id: number): ConversationHead {
  requireActor(actor);
  const conv = getDb()
    .$client.prepare(
      `SELECT v.id, c.id AS contact_id, c.name, c.phone, c.opted_out_at, c.unreachable_code
       FROM conversations v JOIN contacts c ON c.id = v.contact_id WHERE v.id = ?`,
    )
    .get(id) as { id: number; contact_id: number; name: string | null; phone: string; opted_out_at: number | null; unreachable_code: string | null } | undefined;
  if (!conv) throw new AppError("not_found", `There is no conversation ${id}`);
  return {
    id: conv.id,
    contactId: conv.contact_id,
    contactName: conv.name,
    phone: conv.phone,
    optedOut: conv.opted_out_at !== null,
    unreachableCode: conv.unreachable_code,
    senders: listSenderNumbers(actor),
    sentHintHours: env().sentHintHours,
  };
}

// The newest `limit` messages of conversation `id`, or the `limit` before message `before`.
export function getTimelineWindow(actor: Actor | null, id: number, before: number | null = null, limit = TIMELINE_PAGE): TimelineWindow {
  requireActor(actor);
  const sqlite = getDb().$client;
  // Keyset on (created_at, id) of the oldest message already shown.
  const rows = sqlite
    .prepare(
      `SELECT ${MESSAGE_COLUMNS} FROM messages m JOIN conversations v ON v.id = m.conversation_id JOIN contacts c ON c.id = v.contact_id
       WHERE m.conversation_id = ? ${before !== null ? `AND (m.created_at, m.id) < (SELECT created_at, id FROM messages WHERE id = ?)` : ""}
       ORDER BY m.created_at DESC, m.id DESC LIMIT ?`,
    )
    .all(...(before !== null ? [id, before, limit + 1] : [id, limit + 1])) as MessageRow[];
  const more = rows.length > limit;
  const page = (more ? rows.slice(0, limit) : rows).reverse();
  const ids = page.map((r) => r.id);
  const history = new Map<number, HistoryEntry[]>();
  const media = new Map<number, TimelineMessage["media"]>();
  if (ids.length) {
    const list = ids.join(",");
    const events = sqlite
      .prepare(`SELECT message_id, status, error_code, received_at FROM status_events WHERE message_id IN (${list}) ORDER BY received_at, id`)
      .all() as { message_id: number; status: string; error_code: string; received_at: number }[];
    for (const e of events) {
      const h = history.get(e.message_id) ?? [];
      h.push({ status: e.status, errorCode: e.error_code || null, receivedAt: new Date(e.received_at).toISOString() });
      history.set(e.message_id, h);
    }
    const mediaRows = sqlite
      .prepare(`SELECT message_id, url, content_type FROM message_media WHERE message_id IN (${list}) ORDER BY id`)
      .all() as { message_id: number; url: string; content_type: string | null }[];
    for (const m of mediaRows) {
      const l = media.get(m.message_id) ?? [];
      l.push({ url: m.url, contentType: m.content_type });
      media.set(m.message_id, l);
    }
  }
  return {
    messages: page.map((r) => {
      const dto = toMessageDto(r);
      return {
        ...dto,
        media: media.get(r.id) ?? [],
        history: history.get(r.id) ?? [],
        statusChangedAt: dto.updatedAt,
        resendCanHelp: resendCanHelp(dto),
      };
    }),
    olderCursor: more && page.length ? page[0]!.id : null,
  };
}

// Messages changed since a point in time, for live updates. Polling the database (not an
// in-process event bus) keeps this right with several server processes on one database.
export interface MessageChange {
  id: number;
  conversationId: number;
  displayStatus: string;
  updatedAt: number;
}

export function messageChangesSince(actor: Actor | null, since: number): MessageChange[] {
  requireActor(actor);
  return getDb()
    .$client.prepare(
      `SELECT id, conversation_id AS conversationId, display_status AS displayStatus, updated_at AS updatedAt
       FROM messages WHERE updated_at > ? ORDER BY updated_at LIMIT 1000`,
    )
    .all(since) as MessageChange[];
}
