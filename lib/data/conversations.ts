import "server-only";
import { getDb } from "@/db/client";
import type { Actor } from "./actor";
import { requireActor } from "./actor";
import { AppError } from "./errors";
import { toE164 } from "./phone";

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
