import "server-only";
import { getDb } from "@/db/client";
import type { Actor } from "./actor";
import { requireActor } from "./actor";
import { AppError } from "./errors";
import { toE164 } from "./phone";
import { MESSAGE_COLUMNS, toMessageDto, type MessageDto, type MessageRow } from "./messages";
import type { DisplayStatus } from "@/lib/status";

export interface ConversationRef {
  id: number;
  created: boolean;
}

export function findOrCreateConversation(actor: Actor | null, input: { phone: string; name?: string | null }): ConversationRef {
  requireActor(actor);
  const phone = toE164(input.phone);
  if (!phone) throw new AppError("bad_request", `"${input.phone.slice(0, 40)}" is not a phone number; use the E.164 form, e.g. +14155550101`);
  const name = input.name?.trim() || null;
  const sqlite = getDb().$client;
  const now = Date.now();
  return sqlite
    .transaction((): ConversationRef => {
      sqlite.prepare(`INSERT INTO contacts (phone, name, created_at) VALUES (?, ?, ?) ON CONFLICT (phone) DO NOTHING`).run(phone, name, now);
      const contact = sqlite.prepare(`SELECT id, name FROM contacts WHERE phone = ?`).get(phone) as { id: number; name: string | null };
      if (name && !contact.name) sqlite.prepare(`UPDATE contacts SET name = ? WHERE id = ?`).run(name, contact.id);
      const inserted = sqlite
        .prepare(`INSERT INTO conversations (contact_id, last_activity_at, created_at) VALUES (?, ?, ?) ON CONFLICT (contact_id) DO NOTHING`)
        .run(contact.id, now, now);
      const conv = sqlite.prepare(`SELECT id FROM conversations WHERE contact_id = ?`).get(contact.id) as { id: number };
      return { id: conv.id, created: inserted.changes > 0 };
    })
    .immediate();
}

export interface ConversationSummary {
  id: number;
  contactName: string | null;
  phone: string;
  lastActivityAt: string;
  lastBody: string | null;
  lastDirection: "inbound" | "outbound" | null;
  lastOutboundStatus: DisplayStatus | null;
}

export function listConversations(actor: Actor | null, opts: { failedOnly?: boolean; limit?: number } = {}): ConversationSummary[] {
  requireActor(actor);
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
  const rows = getDb()
    .$client.prepare(
      `SELECT v.id, c.name, c.phone, v.last_activity_at,
         (SELECT body FROM messages m WHERE m.conversation_id = v.id ORDER BY m.created_at DESC, m.id DESC LIMIT 1) AS last_body,
         (SELECT direction FROM messages m WHERE m.conversation_id = v.id ORDER BY m.created_at DESC, m.id DESC LIMIT 1) AS last_direction,
         (SELECT display_status FROM messages m WHERE m.conversation_id = v.id AND m.direction = 'outbound'
            ORDER BY m.created_at DESC, m.id DESC LIMIT 1) AS last_status
       FROM conversations v JOIN contacts c ON c.id = v.contact_id
       ${opts.failedOnly ? `WHERE EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = v.id AND m.display_status IN ('failed','undelivered','unknown_error'))` : ""}
       ORDER BY v.last_activity_at DESC, v.id DESC LIMIT ?`,
    )
    .all(limit) as { id: number; name: string | null; phone: string; last_activity_at: number; last_body: string | null; last_direction: "inbound" | "outbound" | null; last_status: DisplayStatus | null }[];
  return rows.map((r) => ({
    id: r.id,
    contactName: r.name,
    phone: r.phone,
    lastActivityAt: new Date(r.last_activity_at).toISOString(),
    lastBody: r.last_body,
    lastDirection: r.last_direction,
    lastOutboundStatus: r.last_status,
  }));
}

export interface ConversationDetail {
  id: number;
  contactName: string | null;
  phone: string;
  optedOut: boolean;
  unreachableCode: string | null;
  messages: (MessageDto & { media: { url: string; contentType: string | null }[] })[];
}

export function getConversation(actor: Actor | null, id: number, limit = 200): ConversationDetail {
  requireActor(actor);
  const sqlite = getDb().$client;
  const conv = sqlite
    .prepare(
      `SELECT v.id, c.name, c.phone, c.opted_out_at, c.unreachable_code FROM conversations v JOIN contacts c ON c.id = v.contact_id WHERE v.id = ?`,
    )
    .get(id) as { id: number; name: string | null; phone: string; opted_out_at: number | null; unreachable_code: string | null } | undefined;
  if (!conv) throw new AppError("not_found", `There is no conversation ${id}`);
  const rows = (
    sqlite
      .prepare(
        `SELECT ${MESSAGE_COLUMNS} FROM messages m JOIN conversations v ON v.id = m.conversation_id JOIN contacts c ON c.id = v.contact_id
         WHERE m.conversation_id = ? ORDER BY m.created_at DESC, m.id DESC LIMIT ?`,
      )
      .all(id, limit) as MessageRow[]
  ).reverse();
  const media = new Map<number, { url: string; contentType: string | null }[]>();
  if (rows.length) {
    const mediaRows = sqlite
      .prepare(`SELECT message_id, url, content_type FROM message_media WHERE message_id BETWEEN ? AND ? ORDER BY id`)
      .all(rows[0]!.id, rows[rows.length - 1]!.id) as { message_id: number; url: string; content_type: string | null }[];
    for (const m of mediaRows) {
      const list = media.get(m.message_id) ?? [];
      list.push({ url: m.url, contentType: m.content_type });
      media.set(m.message_id, list);
    }
  }
  return {
    id: conv.id,
    contactName: conv.name,
    phone: conv.phone,
    optedOut: conv.opted_out_at !== null,
    unreachableCode: conv.unreachable_code,
    messages: rows.map((r) => ({ ...toMessageDto(r), media: media.get(r.id) ?? [] })),
  };
}
