// An incoming text: find or create the contact and conversation, store the message and its
// media, and honour the carrier opt-out keywords. One transaction; a repeated MessageSid is a no-op.
import type { Db } from "../../db/client";
import { isTwilioStatus } from "../status";
import { param, type FormParams } from "./webhook-request";

// Twilio's default opt-out and opt-in keywords (case-insensitive, whole message).
const OPT_OUT = new Set(["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "REVOKE"]);
const OPT_IN = new Set(["START", "YES", "UNSTOP", "OPTIN"]);

export type KeywordKind = "opt-out" | "opt-in" | null;

export function keywordOf(body: string): KeywordKind {
  const word = body.trim().toUpperCase();
  if (OPT_OUT.has(word)) return "opt-out";
  if (OPT_IN.has(word)) return "opt-in";
  return null;
}

export interface InboundText {
  providerMessageId: string;
  from: string;
  to: string;
  body: string;
  segments: number;
  media: { url: string; contentType: string | null }[];
}

export function inboundTextFromParams(params: FormParams): InboundText | { error: string } {
  const sid = param(params, "MessageSid");
  const from = param(params, "From");
  const to = param(params, "To");
  if (!sid) return { error: "MessageSid is missing" };
  if (!from) return { error: "From is missing" };
  if (!to) return { error: "To is missing" };
  const status = param(params, "MessageStatus");
  if (status !== undefined && !isTwilioStatus(status)) return { error: `MessageStatus "${status.slice(0, 40)}" is not a known Twilio message status` };
  const numMedia = Math.min(Math.max(Number.parseInt(param(params, "NumMedia") ?? "0", 10) || 0, 0), 10);
  const media: InboundText["media"] = [];
  for (let i = 0; i < numMedia; i++) {
    const url = param(params, `MediaUrl${i}`);
    if (url && /^https?:\/\//i.test(url)) media.push({ url, contentType: param(params, `MediaContentType${i}`) ?? null });
  }
  const segments = Math.min(Math.max(Number.parseInt(param(params, "NumSegments") ?? "1", 10) || 1, 1), 100);
  return { providerMessageId: sid, from: from.slice(0, 64), to: to.slice(0, 64), body: param(params, "Body") ?? "", segments, media };
}

export interface InboundResult {
  messageId: number;
  conversationId: number;
  duplicate: boolean;
  keyword: KeywordKind;
}

export function recordInboundText(db: Db, text: InboundText, rawPayload: string, now = Date.now()): InboundResult {
  const sqlite = db.$client;
  return sqlite
    .transaction((): InboundResult => {
      const existing = sqlite
        .prepare(`SELECT id, conversation_id FROM messages WHERE provider = 'twilio' AND provider_message_id = ?`)
        .get(text.providerMessageId) as { id: number; conversation_id: number } | undefined;
      if (existing) return { messageId: existing.id, conversationId: existing.conversation_id, duplicate: true, keyword: null };

      sqlite.prepare(`INSERT INTO contacts (phone, created_at) VALUES (?, ?) ON CONFLICT (phone) DO NOTHING`).run(text.from, now);
      const contact = sqlite.prepare(`SELECT id FROM contacts WHERE phone = ?`).get(text.from) as { id: number };
      sqlite
        .prepare(
          `INSERT INTO conversations (contact_id, last_activity_at, created_at) VALUES (?, ?, ?)
           ON CONFLICT (contact_id) DO UPDATE SET last_activity_at = max(last_activity_at, excluded.last_activity_at)`,
        )
        .run(contact.id, now, now);
      const conversation = sqlite.prepare(`SELECT id FROM conversations WHERE contact_id = ?`).get(contact.id) as { id: number };
      const info = sqlite
        .prepare(
          `INSERT INTO messages (conversation_id, direction, channel, body, from_number, to_number, provider, provider_message_id,
             status, display_status, status_rank, error_code, segments, created_at, updated_at)
           VALUES (?, 'inbound', ?, ?, ?, ?, 'twilio', ?, 'received', 'received', 0, NULL, ?, ?, ?)`,
        )
        .run(conversation.id, text.media.length ? "mms" : "sms", text.body, text.from, text.to, text.providerMessageId, text.segments, now, now);
      const messageId = Number(info.lastInsertRowid);
      const insertMedia = sqlite.prepare(`INSERT INTO message_media (message_id, url, content_type) VALUES (?, ?, ?)`);
      for (const m of text.media) insertMedia.run(messageId, m.url, m.contentType);
      sqlite
        .prepare(
          `INSERT INTO status_events (provider, provider_message_id, message_id, status, error_code, source, raw_payload, received_at)
           VALUES ('twilio', ?, ?, 'received', '', 'callback', ?, ?) ON CONFLICT DO NOTHING`,
        )
        .run(text.providerMessageId, messageId, rawPayload, now);

      const keyword = keywordOf(text.body);
      if (keyword === "opt-out") sqlite.prepare(`UPDATE contacts SET opted_out_at = ? WHERE id = ? AND opted_out_at IS NULL`).run(now, contact.id);
      if (keyword === "opt-in") sqlite.prepare(`UPDATE contacts SET opted_out_at = NULL WHERE id = ?`).run(contact.id);
      return { messageId, conversationId: conversation.id, duplicate: false, keyword };
    })
    .immediate();
}
