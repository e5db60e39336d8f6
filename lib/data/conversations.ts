import "server-only";
import { getDb } from "@/db/client";
import type { Actor } from "./actor";
import { requireActor } from "./actor";
import { AppError } from "./errors";
import { toE164 } from "./phone";
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

export interface ConversationPage {
  items: ConversationSummary[];
  nextCursor: string | null;
}

const FAILED = `('failed','undelivered','unknown_error')`;

// Newest activity first, keyset-paginated on (last_activity_at, id) so page N costs what page 1 does.
export function listConversations(actor: Actor | null, opts: { failedOnly?: boolean; cursor?: string | null; limit?: number } = {}): ConversationPage {
  requireActor(actor);
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
  const m = opts.cursor ? /^(\d{1,15})\.(\d{1,12})$/.exec(opts.cursor) : null;
  const where: string[] = [];
  const params: number[] = [];
  if (m) {
    where.push(`(v.last_activity_at < ? OR (v.last_activity_at = ? AND v.id < ?))`);
    params.push(Number(m[1]), Number(m[1]), Number(m[2]));
  }
  if (opts.failedOnly) where.push(`EXISTS (SELECT 1 FROM messages f WHERE f.conversation_id = v.id AND f.display_status IN ${FAILED})`);
  const rows = getDb()
    .$client.prepare(
      `SELECT v.id, c.name, c.phone, v.last_activity_at,
         (SELECT body FROM messages m WHERE m.conversation_id = v.id ORDER BY m.created_at DESC, m.id DESC LIMIT 1) AS last_body,
         (SELECT direction FROM messages m WHERE m.conversation_id = v.id ORDER BY m.created_at DESC, m.id DESC LIMIT 1) AS last_direction,
         (SELECT display_status FROM messages m WHERE m.conversation_id = v.id AND m.direction = 'outbound'
            ORDER BY m.created_at DESC, m.id DESC LIMIT 1) AS last_status
       FROM conversations v JOIN contacts c ON c.id = v.contact_id
       ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
       ORDER BY v.last_activity_at DESC, v.id DESC LIMIT ?`,
    )
    .all(...params, limit + 1) as { id: number; name: string | null; phone: string; last_activity_at: number; last_body: string | null; last_direction: "inbound" | "outbound" | null; last_status: DisplayStatus | null }[];
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: r.id,
      contactName: r.name,
      phone: r.phone,
      lastActivityAt: new Date(r.last_activity_at).toISOString(),
      lastBody: r.last_body,
      lastDirection: r.last_direction,
      lastOutboundStatus: r.last_status,
    })),
    nextCursor: more && last ? `${last.last_activity_at}.${last.id}` : null,
  };
}
