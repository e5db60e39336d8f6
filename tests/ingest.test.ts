// lib/ingest on a real SQLite file: ordering rule, duplicates, orphans, inbound keywords.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "../db/client";
import { runMigrations } from "../db/migrate";
import { applyStatusCallback, attachOrphanCallbacks, type StatusCallback } from "../lib/ingest/status-callback";
import { recordInboundText } from "../lib/ingest/inbound";
import { rankOf, type TwilioStatus } from "../lib/status";

let dir: string;
let db: Db;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "sendstatus-ingest-"));
  db = openDatabase(path.join(dir, "test.db"));
  runMigrations(db);
});

afterEach(() => {
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

let sidCounter = 0;
function newSid(): string {
  return "SM" + String(++sidCounter).padStart(32, "0");
}

function insertMessage(sid: string, status: TwilioStatus = "queued", to = "+14155550100"): number {
  const sqlite = db.$client;
  const now = Date.now();
  sqlite.prepare(`INSERT INTO contacts (phone, created_at) VALUES (?, ?) ON CONFLICT DO NOTHING`).run(to, now);
  const contact = sqlite.prepare(`SELECT id FROM contacts WHERE phone = ?`).get(to) as { id: number };
  sqlite.prepare(`INSERT INTO conversations (contact_id, last_activity_at, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`).run(contact.id, now, now);
  const conv = sqlite.prepare(`SELECT id FROM conversations WHERE contact_id = ?`).get(contact.id) as { id: number };
  const info = sqlite
    .prepare(
      `INSERT INTO messages (conversation_id, direction, channel, body, from_number, to_number, provider, provider_message_id, status,
         display_status, status_rank, segments, created_at, updated_at)
       VALUES (?, 'outbound', 'sms', 'hi', '+14155550000', ?, 'twilio', ?, ?, 'sending', ?, 1, ?, ?)`,
    )
    .run(conv.id, to, sid, status, rankOf(status), now, now);
  return Number(info.lastInsertRowid);
}

let clock = 1_700_000_000_000;
function cb(sid: string, status: TwilioStatus, errorCode: string | null = null): StatusCallback {
  return { provider: "twilio", providerMessageId: sid, status, errorCode, rawPayload: `MessageSid=${sid}&MessageStatus=${status}`, receivedAt: ++clock, source: "callback" };
}

function message(id: number) {
  return db.$client.prepare(`SELECT status, display_status, error_code, read_at FROM messages WHERE id = ?`).get(id) as {
    status: string;
    display_status: string;
    error_code: string | null;
    read_at: number | null;
  };
}

function historyOf(sid: string) {
  return (db.$client.prepare(`SELECT status, error_code FROM status_events WHERE provider_message_id = ? ORDER BY id`).all(sid) as { status: string; error_code: string }[]).map(
    (r) => r.status + (r.error_code ? `/${r.error_code}` : ""),
  );
}

describe("applyStatusCallback", () => {
  it("moves a message forward and keeps every callback in its history", () => {
    const sid = newSid();
    const id = insertMessage(sid);
    expect(applyStatusCallback(db, cb(sid, "sent")).outcome).toBe("applied");
    expect(applyStatusCallback(db, cb(sid, "undelivered", "30003")).outcome).toBe("applied");
    expect(message(id)).toMatchObject({ status: "undelivered", display_status: "undelivered", error_code: "30003" });
    expect(historyOf(sid)).toEqual(["sent", "undelivered/30003"]);
  });

  it("never lets a late lower-ranked callback move the status backwards", () => {
    const sid = newSid();
    const id = insertMessage(sid);
    applyStatusCallback(db, cb(sid, "delivered"));
    expect(applyStatusCallback(db, cb(sid, "sent")).outcome).toBe("history-only");
    expect(applyStatusCallback(db, cb(sid, "sending")).outcome).toBe("history-only");
    expect(message(id).display_status).toBe("delivered");
    expect(historyOf(sid)).toEqual(["delivered", "sent", "sending"]);
  });

  it("lets the later of two equal terminal ranks win", () => {
    const sid = newSid();
    const id = insertMessage(sid);
    applyStatusCallback(db, cb(sid, "failed", "30001"));
    expect(applyStatusCallback(db, cb(sid, "undelivered", "30003")).outcome).toBe("applied");
    expect(message(id)).toMatchObject({ display_status: "undelivered", error_code: "30003" });
  });

  it("treats 30008 and unknown codes as Unknown Error", () => {
    const a = newSid();
    const b = newSid();
    const ia = insertMessage(a);
    const ib = insertMessage(b);
    applyStatusCallback(db, cb(a, "undelivered", "30008"));
    applyStatusCallback(db, cb(b, "failed", "99999"));
    expect(message(ia).display_status).toBe("unknown_error");
    expect(message(ib).display_status).toBe("unknown_error");
  });

  it("stores a duplicate once and reports it", () => {
    const sid = newSid();
    insertMessage(sid);
    expect(applyStatusCallback(db, cb(sid, "sent")).outcome).toBe("applied");
    expect(applyStatusCallback(db, cb(sid, "sent")).outcome).toBe("duplicate");
    expect(historyOf(sid)).toEqual(["sent"]);
  });

  it("keeps read as a flag on a delivered message", () => {
    const sid = newSid();
    const id = insertMessage(sid);
    applyStatusCallback(db, cb(sid, "delivered"));
    applyStatusCallback(db, cb(sid, "read"));
    expect(message(id).display_status).toBe("delivered");
    expect(message(id).read_at).not.toBeNull();
  });

  it("keeps a callback for an unknown message and applies it in arrival order when the message appears", () => {
    const sid = newSid();
    expect(applyStatusCallback(db, cb(sid, "delivered")).outcome).toBe("orphan");
    expect(applyStatusCallback(db, cb(sid, "sent")).outcome).toBe("orphan");
    const id = insertMessage(sid);
    const applied = db.$client.transaction(() => attachOrphanCallbacks(db.$client, id, "twilio", sid))();
    expect(applied).toBe(2);
    expect(message(id).display_status).toBe("delivered");
    const orphansLeft = db.$client.prepare(`SELECT count(*) AS n FROM status_events WHERE provider_message_id = ? AND message_id IS NULL`).get(sid) as { n: number };
    expect(orphansLeft.n).toBe(0);
  });

  it("marks the contact when a failure is about the number itself", () => {
    const landline = newSid();
    const optedOut = newSid();
    insertMessage(landline, "queued", "+14155550103");
    insertMessage(optedOut, "queued", "+14155550112");
    applyStatusCallback(db, cb(landline, "undelivered", "30006"));
    applyStatusCallback(db, cb(optedOut, "failed", "21610"));
    const contact = (phone: string) => db.$client.prepare(`SELECT opted_out_at, unreachable_code FROM contacts WHERE phone = ?`).get(phone) as { opted_out_at: number | null; unreachable_code: string | null };
    expect(contact("+14155550103").unreachable_code).toBe("30006");
    expect(contact("+14155550112").opted_out_at).not.toBeNull();
  });
});

describe("recordInboundText", () => {
  const text = (sid: string, body: string, from = "+14155559876") => ({ providerMessageId: sid, from, to: "+14155550000", body, segments: 1, media: [] });

  it("creates the contact and conversation once, and ignores a repeated MessageSid", () => {
    const sid = newSid();
    const first = recordInboundText(db, text(sid, "hello"), "raw");
    const again = recordInboundText(db, text(sid, "hello"), "raw");
    expect(again.duplicate).toBe(true);
    expect(again.messageId).toBe(first.messageId);
    const n = db.$client.prepare(`SELECT count(*) AS n FROM messages WHERE provider_message_id = ?`).get(sid) as { n: number };
    expect(n.n).toBe(1);
  });

  it("stores markup verbatim", () => {
    const body = `<script>alert(1)</script><img src=x onerror=alert(2)> '; DROP TABLE messages; --`;
    const r = recordInboundText(db, text(newSid(), body), "raw");
    const row = db.$client.prepare(`SELECT body FROM messages WHERE id = ?`).get(r.messageId) as { body: string };
    expect(row.body).toBe(body);
  });

  it("opts a contact out on STOP and back in on START", () => {
    const from = "+14155558888";
    recordInboundText(db, text(newSid(), " stop ", from), "raw");
    const state = () => (db.$client.prepare(`SELECT opted_out_at FROM contacts WHERE phone = ?`).get(from) as { opted_out_at: number | null }).opted_out_at;
    expect(state()).not.toBeNull();
    recordInboundText(db, text(newSid(), "START", from), "raw");
    expect(state()).toBeNull();
  });
});
