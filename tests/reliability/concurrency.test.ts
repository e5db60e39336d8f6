// Concurrency (issue 6, property 2): many writers on one SQLite file, the same messages at the
// same moment — duplicates across processes, opposite orders, a send racing its own first
// callbacks — end in exactly the state the ordering rule defines (SPEC section 2), with one
// history row per distinct (MessageSid, status, ErrorCode) and no SQLITE_BUSY reaching a caller
// (no 5xx, in particular no 503 + Retry-After, and no exception out of the ingest code).
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client";
import { runMigrations } from "../../db/migrate";
import { startFakeTwilio, type FakeTwilio } from "../fake-twilio";
import { newSid, postForm, statusParams, STATUS_PATH } from "../helpers/twilio";
import type { WorkerJob, WorkerResult } from "./ingest-worker";
import {
  apiJson,
  CALLBACK_KINDS,
  createSilentMessages,
  fire,
  integrityCheck,
  is2xx,
  keyOf,
  openReadOnly,
  prepare,
  reliabilityRun,
  report,
  ROOT,
  rng,
  ruleViolations,
  shuffle,
  startApp,
  storedKeys,
  type AppProcess,
  type Callback,
} from "./harness";

const { seed: SEED, dir, token, adminToken, apps } = reliabilityRun("concurrency");

/** Callbacks of these messages committed before / after the row of their send. */
function beatTheSend(db: ReturnType<typeof openReadOnly>, messageIds: number[]): { before: number; after: number } {
  return db
    .prepare(
      `SELECT coalesce(sum(e.id < s.id), 0) AS before, coalesce(sum(e.id > s.id), 0) AS after
       FROM status_events e JOIN status_events s ON s.message_id = e.message_id AND s.source = 'send'
       WHERE e.message_id IN (SELECT value FROM json_each(?)) AND e.source = 'callback'`,
    )
    .get(JSON.stringify(messageIds)) as { before: number; after: number };
}

const failureLog = /webhook could not be stored|SQLITE_BUSY|database is locked/i;

// ------------------------------------------------------------------------------------------------

describe("three server processes on one database file", () => {
  const dbPath = path.join(dir, "multi.sqlite");
  let servers: AppProcess[] = [];

  beforeAll(async () => {
    const first = await startApp({ dbPath, token, adminToken });
    apps.push(first);
    const rest = await Promise.all([startApp({ dbPath, token, adminToken }), startApp({ dbPath, token, adminToken })]);
    apps.push(...rest);
    servers = [first, ...rest];
  });

  it("the same callbacks sent to every process at once, in opposite orders", async () => {
    const rand = rng(SEED);
    report(`concurrency: seed ${SEED}`);
    const messages = await createSilentMessages(servers[0]!.base, adminToken, 80, 16);
    const orphanSids = Array.from({ length: 10 }, () => newSid());
    const distinct: Callback[] = [];
    for (const sid of [...messages.map((m) => m.sid), ...orphanSids]) {
      for (const k of shuffle([...CALLBACK_KINDS], rand).slice(0, 3 + Math.floor(rand() * 5))) distinct.push({ sid, ...k });
    }
    const prepared = distinct.map((c) => prepare(c, token));
    // Process 1 gets them in plan order, process 2 reversed, process 3 shuffled; all at once.
    const orders = [prepared, [...prepared].reverse(), shuffle([...prepared], rand)];
    const started = Date.now();
    const runs = servers.map((s, i) => fire(orders[i]!, [s.base], { concurrency: 24 }));
    await Promise.all(runs.map((r) => r.done));
    const answers = runs.flatMap((r) => r.answers);
    const ms = Date.now() - started;
    const busy = answers.filter((a) => a.status === 503 || a.retryAfter !== null);
    const bad = answers.filter((a) => !is2xx(a));
    report(
      `concurrency: 3 processes, ${answers.length} requests (${prepared.length} distinct callbacks x 3) in ${ms} ms ` +
        `(${Math.round((answers.length / ms) * 1000)}/s); non-2xx ${bad.length}, 503/Retry-After ${busy.length}`,
    );
    expect(busy.length, "503 + Retry-After: SQLITE_BUSY reached a caller").toBe(0);
    expect(bad.map((a) => `${a.status ?? a.error}`)).toEqual([]);
    for (const s of servers) expect(s.output()).not.toMatch(failureLog);

    const db = openReadOnly(dbPath);
    try {
      const stored = storedKeys(db);
      expect(prepared.map(keyOf).filter((k) => stored.get(k) !== 1), "callbacks not stored exactly once").toEqual([]);
      // Nothing else in these messages' histories but their send ("accepted") and the callbacks.
      const rows = (db.prepare(`SELECT count(*) AS n FROM status_events WHERE provider_message_id IN (SELECT value FROM json_each(?))`).get(
        JSON.stringify([...messages.map((m) => m.sid), ...orphanSids]),
      ) as { n: number }).n;
      expect(rows).toBe(prepared.length + messages.length);
      const orphans = (db.prepare(`SELECT count(*) AS n FROM status_events WHERE message_id IS NULL AND provider_message_id IN (SELECT value FROM json_each(?))`).get(
        JSON.stringify(orphanSids),
      ) as { n: number }).n;
      expect(orphans).toBe(prepared.filter((c) => orphanSids.includes(c.sid)).length);
      expect(ruleViolations(db, messages.map((m) => m.id))).toEqual([]);
    } finally {
      db.close();
    }
    expect(integrityCheck(dbPath)).toBe("ok");
  }, 90_000);
});

// ------------------------------------------------------------------------------------------------

// By the last four digits of the recipient: the callbacks the fake Twilio sends for the text, and
// the display status it must end in.
const SCENARIOS: Record<string, { callbacks: [string, string?][]; display: string }> = {
  "0001": { callbacks: [["sent"], ["delivered"]], display: "delivered" },
  "0002": { callbacks: [["delivered"], ["sent"]], display: "delivered" },
  "0003": { callbacks: [["sent"], ["undelivered", "30003"]], display: "undelivered" },
  "0004": { callbacks: [["sent"], ["delivered"], ["read"]], display: "delivered" },
  "0005": { callbacks: [["failed", "30001"]], display: "failed" },
};

describe("a send racing its first callbacks (Twilio provider, two processes)", () => {
  const dbPath = path.join(dir, "race.sqlite");
  // One fake Twilio per process, so that each knows which process sent the text.
  const fakes: FakeTwilio[] = [];
  const servers: AppProcess[] = [];
  const callbackAnswers: Promise<number>[] = [];
  const created: { sid: string; mode: string; sender: number }[] = [];
  let createCount = 0;

  beforeAll(async () => {
    for (const sender of [0, 1]) {
      const fake = await startFakeTwilio({
        accountSid: "AC" + "1".repeat(32),
        authToken: token,
        beforeCreateAnswer: async (message, form) => {
          const callbackUrl = form.StatusCallback ?? "";
          // The callbacks go to the other process, as a load balancer would send them.
          const other = servers[1 - sender]!;
          const mode = createCount++ % 2 === 0 ? "before" : "race";
          created.push({ sid: message.sid, mode, sender });
          const deliver = async () => {
            for (const [status, code] of SCENARIOS[message.to.slice(-4)]!.callbacks) {
              const params = statusParams(message.sid, status, { To: message.to, From: message.from, ...(code ? { ErrorCode: code } : {}) });
              const r = await postForm(other.base, STATUS_PATH, params, { token, signatureUrl: callbackUrl });
              if (r.status < 200 || r.status >= 300) return r.status;
            }
            return 204;
          };
          if (mode === "before") {
            // Every callback answered (and so committed) before the send API answers.
            const p = deliver();
            callbackAnswers.push(p);
            await p;
          } else {
            // The callbacks and the send's answer race each other.
            callbackAnswers.push(deliver());
          }
        },
      });
      fakes.push(fake);
      const app = await startApp({ dbPath, token, adminToken, env: { TWILIO_ACCOUNT_SID: fake.accountSid, TWILIO_API_BASE_URL: fake.url } });
      apps.push(app);
      servers.push(app);
    }
  });

  afterAll(async () => {
    await Promise.all(fakes.map((f) => f.close()));
  });

  it("ends every text in the state its callbacks give, with all of them in its history", async () => {
    const convs: Record<string, number> = {};
    for (const tail of Object.keys(SCENARIOS)) {
      const c = await apiJson(servers[0]!.base, "POST", "/api/conversations", adminToken, { phone: `+1404555${tail}` });
      expect([200, 201]).toContain(c.status);
      convs[tail] = c.json.id;
    }
    const tails = Object.keys(SCENARIOS);
    const PER = 10; // texts per scenario
    const jobs = Array.from({ length: tails.length * PER }, (_, i) => ({ tail: tails[i % tails.length]!, via: servers[i % 2]! }));
    const sent: { id: number; sid: string; tail: string }[] = [];
    let next = 0;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        while (next < jobs.length) {
          const j = jobs[next++]!;
          const r = await apiJson(j.via.base, "POST", `/api/conversations/${convs[j.tail]}/messages`, adminToken, { body: `race ${j.tail}` });
          expect(r.status, JSON.stringify(r.json)).toBe(201);
          const m = r.json.message ?? r.json;
          sent.push({ id: m.id, sid: m.providerMessageId, tail: j.tail });
        }
      }),
    );
    const answers = await Promise.all(callbackAnswers);
    report(`concurrency: ${sent.length} sends racing ${answers.length} callback sequences over 2 processes in ${Date.now() - started} ms`);
    expect(answers.filter((s) => s !== 204)).toEqual([]);
    for (const s of servers) expect(s.output()).not.toMatch(failureLog);

    const db = openReadOnly(dbPath);
    try {
      const stored = storedKeys(db);
      const history = db.prepare(`SELECT status, error_code FROM status_events WHERE message_id = ? ORDER BY id`);
      for (const m of sent) {
        const want = SCENARIOS[m.tail]!;
        const got = (history.all(m.id) as { status: string; error_code: string }[]).map((h) => `${h.status}|${h.error_code}`).sort();
        expect(got, `history of ${m.sid} (${created.find((c) => c.sid === m.sid)?.mode})`).toEqual(
          ["queued|", ...want.callbacks.map(([s, c]) => `${s}|${c ?? ""}`)].sort(),
        );
        for (const [s, c] of want.callbacks) expect(stored.get(keyOf({ sid: m.sid, status: s, code: c ?? null }))).toBe(1);
        const orphan = db.prepare(`SELECT count(*) AS n FROM status_events WHERE provider_message_id = ? AND message_id IS NULL`).get(m.sid) as { n: number };
        expect(orphan.n).toBe(0);
        const row = db.prepare(`SELECT display_status FROM messages WHERE id = ?`).get(m.id) as { display_status: string };
        expect(row.display_status, `${m.sid} ${m.tail}`).toBe(want.display);
      }
      expect(ruleViolations(db, sent.map((m) => m.id))).toEqual([]);
      // How the race went: callbacks committed before the text's own row (kept as orphans, then
      // attached by the send) and after it.
      const split = beatTheSend(db, sent.map((m) => m.id));
      report(`concurrency: racing sends: ${split.before} callbacks committed before their text's row, ${split.after} after`);
      expect(split.before).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  }, 90_000);
});

// ------------------------------------------------------------------------------------------------

describe("five connections in five OS processes calling the ingest code at once", () => {
  it("per-callback transactions, group commits and sends racing orphans end in the rule's state, no SQLITE_BUSY", async () => {
    const rand = rng(SEED + 1);
    const dbPath = path.join(dir, "connections.sqlite");
    const setup = openDatabase(dbPath);
    runMigrations(setup);
    const sqlite = setup.$client;
    const now = Date.now();
    sqlite.prepare(`INSERT INTO contacts (phone, created_at) VALUES ('+14155550100', ?)`).run(now);
    const contactId = (sqlite.prepare(`SELECT id FROM contacts WHERE phone = '+14155550100'`).get() as { id: number }).id;
    const conversationId = Number(sqlite.prepare(`INSERT INTO conversations (contact_id, last_activity_at, created_at) VALUES (?, ?, ?)`).run(contactId, now, now).lastInsertRowid);
    const existing: { id: number; sid: string }[] = [];
    for (let i = 0; i < 100; i++) {
      const sid = newSid();
      const id = Number(
        sqlite
          .prepare(
            `INSERT INTO messages (conversation_id, direction, channel, body, from_number, to_number, provider, provider_message_id,
               status, display_status, status_rank, error_code, segments, created_at, updated_at)
             VALUES (?, 'outbound', 'sms', 'x', '+14155550000', '+14155550100', 'twilio', ?, 'queued', 'sending', 1, NULL, 1, ?, ?)`,
          )
          .run(conversationId, sid, now, now).lastInsertRowid,
      );
      sqlite
        .prepare(`INSERT INTO status_events (provider, provider_message_id, message_id, status, error_code, source, raw_payload, received_at) VALUES ('twilio', ?, ?, 'queued', '', 'send', '{}', ?)`)
        .run(sid, id, now);
      existing.push({ id, sid });
    }
    sqlite.close();

    // Texts created while their callbacks are arriving. Each gets at most one failure status: the
    // rule's "later one wins" among equal failure ranks is by arrival, which across processes and
    // orphans is not a well-defined order; for existing texts it is commit order and is checked.
    const late = Array.from({ length: 40 }, () => newSid());
    const lateSet = new Set(late);
    const plan: Callback[] = [];
    for (const { sid } of existing) for (const k of shuffle([...CALLBACK_KINDS], rand).slice(0, 3 + Math.floor(rand() * 5))) plan.push({ sid, ...k });
    const nonFailure = CALLBACK_KINDS.filter((k) => !["failed", "undelivered"].includes(k.status));
    const failure = CALLBACK_KINDS.filter((k) => ["failed", "undelivered"].includes(k.status));
    for (const sid of late) {
      for (const k of shuffle([...nonFailure], rand).slice(0, 1 + Math.floor(rand() * 3))) plan.push({ sid, ...k });
      if (rand() < 0.5) plan.push({ sid, ...failure[Math.floor(rand() * failure.length)]! });
    }
    const forever = Array.from({ length: 10 }, () => newSid());
    for (const sid of forever) plan.push({ sid, status: "delivered", code: null });
    shuffle(plan, rand);

    const jobs: WorkerJob[] = [
      { dbPath, mode: "each", callbacks: plan },
      { dbPath, mode: "each", callbacks: [...plan].reverse() },
      { dbPath, mode: "batch", callbacks: shuffle([...plan], rand) },
      { dbPath, mode: "batch", callbacks: shuffle([...plan], rand) },
      { dbPath, mode: "sender", sends: late.map((sid) => ({ sid, conversationId, to: "+14155550100" })) },
    ];
    const workerFile = path.join(ROOT, "tests", "reliability", "ingest-worker.ts");
    const procs = jobs.map((job, i) => {
      const jobFile = path.join(dir, `job-${i}.json`);
      fs.writeFileSync(jobFile, JSON.stringify(job));
      const env = { ...process.env };
      delete env.SQLITE_SYNCHRONOUS; // FULL, as in production
      delete env.NODE_OPTIONS;
      const child = spawn(process.execPath, ["--import", "tsx", workerFile, jobFile], { cwd: ROOT, env, stdio: ["pipe", "pipe", "pipe"] });
      let out = "";
      let err = "";
      child.stdout.on("data", (d: Buffer) => (out += d.toString()));
      child.stderr.on("data", (d: Buffer) => (err += d.toString()));
      const ready = new Promise<void>((resolve, reject) => {
        const check = () => (out.includes("ready\n") ? resolve() : undefined);
        child.stdout.on("data", check);
        child.once("exit", (code) => reject(new Error(`worker ${i} exited (${code}) before it was ready: ${err}`)));
      });
      const result = new Promise<WorkerResult>((resolve, reject) => {
        child.once("exit", (code) => {
          const line = out.split("\n").find((l) => l.startsWith("{"));
          if (code === 0 && line) resolve(JSON.parse(line) as WorkerResult);
          else reject(new Error(`worker ${i} exited with ${code}: ${err.slice(-2000)}`));
        });
      });
      result.catch(() => undefined);
      return { child, ready, result };
    });
    try {
      await Promise.all(procs.map((p) => p.ready));
      const started = Date.now();
      for (const p of procs) p.child.stdin.end("go\n");
      const results = await Promise.all(procs.map((p) => p.result));
      const ms = Date.now() - started;
      report(
        `concurrency: 5 processes, ${plan.length * 4} callback applications + ${late.length} racing sends in ${ms} ms ` +
          `(${results.map((r) => `${r.mode} ${r.done} in ${r.ms} ms, longest call ${r.maxCallMs} ms`).join("; ")}); errors ${results.reduce((n, r) => n + r.errors.length, 0)}`,
      );
      expect(results.flatMap((r) => r.errors), "errors (e.g. SQLITE_BUSY) that reached the ingest code's caller").toEqual([]);
    } finally {
      for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill("SIGKILL");
    }

    const db = openReadOnly(dbPath);
    try {
      const stored = storedKeys(db);
      const distinct = [...new Set(plan.map(keyOf))];
      expect(distinct.filter((k) => stored.get(k) !== 1), "callbacks not stored exactly once").toEqual([]);
      const lateRows = db.prepare(`SELECT id FROM messages WHERE provider_message_id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(late)) as { id: number }[];
      expect(lateRows).toHaveLength(late.length);
      const leftOrphans = db.prepare(`SELECT provider_message_id AS sid FROM status_events WHERE message_id IS NULL`).all() as { sid: string }[];
      expect(leftOrphans.filter((o) => lateSet.has(o.sid)), "orphans not attached when their text appeared").toEqual([]);
      expect(leftOrphans.length).toBe(forever.length);
      expect(ruleViolations(db, [...existing.map((m) => m.id), ...lateRows.map((r) => r.id)])).toEqual([]);
      const split = beatTheSend(db, lateRows.map((r) => r.id));
      report(`concurrency: late texts: ${split.before} callbacks committed before their text's row, ${split.after} after`);
      expect(split.before).toBeGreaterThan(0);
    } finally {
      db.close();
    }
    expect(integrityCheck(dbPath)).toBe("ok");
  }, 90_000);
});

// ------------------------------------------------------------------------------------------------

describe("server processes started together on a fresh database file", () => {
  // Every process migrates and seeds at start (lib/setup/start.ts). Started together, as a
  // process manager starts a cluster, they must all come up, with the demo data seeded once.
  it("all come up, and the migrations and demo data are applied once", async () => {
    const problems: string[] = [];
    for (let round = 0; round < 3 && problems.length === 0; round++) {
      const dbPath = path.join(dir, `fresh-${round}.sqlite`);
      const results = await Promise.allSettled([0, 1, 2, 3].map(() => startApp({ dbPath, token, adminToken, readyTimeoutMs: 30_000 })));
      for (const r of results) {
        if (r.status === "fulfilled") apps.push(r.value);
        else problems.push(`round ${round}: ${String(r.reason).match(/(SqliteError|DrizzleError)[^\n]*|An error occurred[^\n]*/)?.[0] ?? String(r.reason).slice(0, 300)}`);
      }
      const db = openReadOnly(dbPath);
      try {
        const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
        expect(n(`SELECT count(*) AS n FROM user`)).toBe(2);
        expect(n(`SELECT count(*) AS n FROM sender_numbers`)).toBe(6);
        expect(n(`SELECT count(*) AS n FROM api_tokens`)).toBe(1);
        expect(n(`SELECT count(*) AS n FROM __drizzle_migrations`)).toBe(fs.readdirSync(path.join(ROOT, "db", "migrations")).filter((f) => f.endsWith(".sql")).length);
      } finally {
        db.close();
      }
      await Promise.all(results.map((r) => (r.status === "fulfilled" ? r.value.stop(5_000) : undefined)));
    }
    report(`concurrency: simultaneous start on a fresh database: ${problems.length ? problems.join("; ") : "all processes up"}`);
    expect(problems, "processes that failed to start (they stay up answering 500 to every request)").toEqual([]);
  }, 120_000);
});
