// A separate OS process with its own better-sqlite3 connection, run by concurrency.test.ts with
// `node --import tsx`. It calls the app's own ingest code (lib/ingest) so that several connections
// write the same messages at the same moment. Protocol: prints "ready", waits for "go" on stdin,
// does its job, prints one JSON line with what happened (every error that reached the caller).
import fs from "node:fs";
import readline from "node:readline";
import { openDatabase } from "../../db/client";
import { enqueueStatusCallback } from "../../lib/ingest/batch";
import { applyStatusCallback, attachOrphanCallbacks, type StatusCallback } from "../../lib/ingest/status-callback";
import type { TwilioStatus } from "../../lib/status";

export interface WorkerJob {
  dbPath: string;
  mode: "each" | "batch" | "sender";
  callbacks?: { sid: string; status: string; code: string | null }[];
  // mode "sender": texts to create the way lib/data/messages.ts sendMessage stores them.
  sends?: { sid: string; conversationId: number; to: string }[];
}

export interface WorkerResult {
  mode: string;
  done: number;
  errors: string[];
  ms: number;
  // The longest a single call waited (for the write lock, mostly), in ms.
  maxCallMs: number;
}

const job = JSON.parse(fs.readFileSync(process.argv[2]!, "utf8")) as WorkerJob;
const db = openDatabase(job.dbPath);
const sqlite = db.$client;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function toCallback(c: { sid: string; status: string; code: string | null }): StatusCallback {
  return {
    provider: "twilio",
    providerMessageId: c.sid,
    status: c.status as TwilioStatus,
    errorCode: c.code,
    rawPayload: `MessageSid=${c.sid}&MessageStatus=${c.status}${c.code ? `&ErrorCode=${c.code}` : ""}`,
    receivedAt: Date.now(),
    source: "callback",
  };
}

// The insert of sendMessage (lib/data/messages.ts), which cannot be imported outside Next
// ("server-only"): message row, the initial status in the history, orphans attached, one
// IMMEDIATE transaction.
function storeSentMessage(s: { sid: string; conversationId: number; to: string }): void {
  sqlite
    .transaction(() => {
      const now = Date.now();
      const info = sqlite
        .prepare(
          `INSERT INTO messages (conversation_id, direction, channel, body, from_number, to_number, provider, provider_message_id,
             status, display_status, status_rank, error_code, segments, created_at, updated_at)
           VALUES (?, 'outbound', 'sms', 'race', '+14155550000', ?, 'twilio', ?, 'queued', 'sending', 1, NULL, 1, ?, ?)`,
        )
        .run(s.conversationId, s.to, s.sid, now, now);
      const id = Number(info.lastInsertRowid);
      sqlite
        .prepare(
          `INSERT INTO status_events (provider, provider_message_id, message_id, status, error_code, source, raw_payload, received_at)
           VALUES ('twilio', ?, ?, 'queued', '', 'send', '{}', ?) ON CONFLICT DO NOTHING`,
        )
        .run(s.sid, id, now);
      attachOrphanCallbacks(sqlite, id, "twilio", s.sid);
    })
    .immediate();
}

async function run(): Promise<WorkerResult> {
  const errors: string[] = [];
  const started = Date.now();
  let done = 0;
  let maxCallMs = 0;
  const timed = <T>(f: () => T): T => {
    const t = performance.now();
    try {
      return f();
    } finally {
      maxCallMs = Math.max(maxCallMs, performance.now() - t);
    }
  };
  const fail = (e: unknown) => errors.push(`${(e as { code?: string }).code ?? ""} ${e instanceof Error ? e.message : String(e)}`.trim());
  if (job.mode === "each") {
    for (const c of job.callbacks ?? []) {
      try {
        timed(() => applyStatusCallback(db, toCallback(c)));
        done++;
      } catch (e) {
        fail(e);
      }
      // Callbacks arrive over time, not in one tight loop: a short pause now and then leaves the
      // write lock to the other processes (SQLite's busy handler polls; it does not queue).
      if (done % 8 === 0) await sleep(2);
    }
  } else if (job.mode === "batch") {
    const all = job.callbacks ?? [];
    for (let i = 0; i < all.length; i += 24) {
      const t = performance.now();
      const results = await Promise.allSettled(all.slice(i, i + 24).map((c) => enqueueStatusCallback(db, toCallback(c))));
      maxCallMs = Math.max(maxCallMs, performance.now() - t);
      await sleep(2);
      for (const r of results) {
        if (r.status === "fulfilled") done++;
        else fail(r.reason);
      }
    }
  } else {
    for (const s of job.sends ?? []) {
      await sleep(Math.floor(Math.random() * 4));
      try {
        timed(() => storeSentMessage(s));
        done++;
      } catch (e) {
        fail(e);
      }
    }
  }
  return { mode: job.mode, done, errors, ms: Date.now() - started, maxCallMs: Math.round(maxCallMs) };
}

process.stdout.write("ready\n");
const rl = readline.createInterface({ input: process.stdin });
rl.once("line", () => {
  rl.close();
  void run().then((r) => {
    sqlite.close();
    process.stdout.write(JSON.stringify(r) + "\n");
  });
});
