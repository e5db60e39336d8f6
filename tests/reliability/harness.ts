// Shared machinery of the reliability suite: server processes we own by PID (so a test can send
// SIGKILL or SIGTERM to the real server and restart it on the same database), a load generator
// that records every answer, and an independent model of the ordering rule (SPEC section 2).
//
// Unlike tests/helpers/server.ts, a server here never deletes or chooses its database: the test
// owns DATABASE_PATH, so several processes (or a restarted one) share one SQLite file.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll } from "vitest";
import { freePort, killOnExit, serverEnv } from "../helpers/server";
import { formBody, sign, statusParams, STATUS_PATH } from "../helpers/twilio";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");
const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
/** The build folder the servers run from (NEXT_DIST_DIR, like next.config.ts). */
export const DIST_DIR = process.env.NEXT_DIST_DIR || ".next";

/** Signatures cover this URL whatever port a process listens on (as behind a load balancer). */
export const PUBLIC_BASE_URL = "http://sendstatus.test";

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// --- Processes ---------------------------------------------------------------------------------

/** Whether something accepts TCP connections on 127.0.0.1:port. */
export function portAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect({ host: "127.0.0.1", port });
    const done = (v: boolean) => {
      sock.destroy();
      resolve(v);
    };
    sock.setTimeout(1_000, () => done(false));
    sock.once("connect", () => done(true));
    sock.once("error", () => done(false));
  });
}

/** PIDs whose parent is `pid` (Linux /proc). */
export function childPids(pid: number): number[] {
  const out: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // pid (comm) state ppid ...; comm may contain spaces and parentheses.
      const after = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(after[1]) === pid) out.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

export interface AppOptions {
  dbPath: string;
  token: string; // TWILIO_AUTH_TOKEN
  adminToken: string; // BOOTSTRAP_ADMIN_TOKEN
  env?: Record<string, string>;
  port?: number;
  /** How long to wait for /api/health to answer 200 (default 60 s). */
  readyTimeoutMs?: number;
}

export interface AppProcess {
  pid: number;
  port: number;
  base: string;
  child: ChildProcess;
  output(): string;
  /** Resolves when the process has exited. */
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  exited(): boolean;
  kill(signal: NodeJS.Signals): void;
  /** SIGTERM, then SIGKILL after graceMs; resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Spawns `next start` with node directly, so the child's PID is the server itself (next start
 * serves in-process; tests check that it forked nothing that could hold the port).
 */
export async function startApp(o: AppOptions): Promise<AppProcess> {
  if (!fs.existsSync(path.join(ROOT, DIST_DIR, "BUILD_ID"))) {
    throw new Error(`No production build in ${DIST_DIR}/; run \`NEXT_DIST_DIR=${DIST_DIR} npx next build\` first`);
  }
  const port = o.port ?? (await freePort());
  const env = serverEnv(
    {
      NODE_ENV: "production",
      NEXT_DIST_DIR: DIST_DIR,
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_PATH: o.dbPath,
      PORT: String(port),
      PUBLIC_BASE_URL,
      TWILIO_AUTH_TOKEN: o.token,
      BOOTSTRAP_ADMIN_TOKEN: o.adminToken,
      SIMULATOR_DELAY_SCALE: "0.2",
      ...o.env,
    },
    ["NODE_OPTIONS"],
  );
  const child = spawn(process.execPath, [NEXT_BIN, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (child.pid === undefined) throw new Error("could not spawn next start");
  killOnExit(child);
  let out = "";
  const keep = (d: Buffer) => {
    out += d.toString("utf8");
    if (out.length > 400_000) out = out.slice(-200_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  // "close", not "exit": it comes once the child's stdout and stderr are drained too, so output()
  // then holds everything the process printed.
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("close", (code, signal) => resolve({ code, signal }));
  });
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const base = `http://127.0.0.1:${port}`;
  const app: AppProcess = {
    pid: child.pid,
    port,
    base,
    child,
    output: () => out,
    exit,
    exited,
    kill(signal) {
      if (!exited()) child.kill(signal);
    },
    async stop(graceMs = 10_000) {
      if (exited()) return;
      child.kill("SIGTERM");
      const t = await Promise.race([exit.then(() => true), sleep(graceMs).then(() => false)]);
      if (!t) {
        child.kill("SIGKILL");
        await exit;
      }
    },
  };

  const deadline = Date.now() + (o.readyTimeoutMs ?? 60_000);
  let last = "";
  for (;;) {
    if (exited()) throw new Error(`server exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${out}`);
    // Start-up failed for good (Next keeps the process up, answering 500 to everything).
    if (/An error occurred while loading instrumentation hook/.test(out)) {
      child.kill("SIGKILL");
      await exit;
      throw new Error(`server start-up failed:\n${out}`);
    }
    try {
      const res = await fetch(base + "/api/health", { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === 200) break;
      last = `health ${res.status}`;
    } catch (e) {
      last = e instanceof Error ? e.message : String(e);
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server not healthy after ${(o.readyTimeoutMs ?? 60_000) / 1000} s (${last}):\n${out}`);
    }
    await sleep(100);
  }
  return app;
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `sendstatus-${prefix}-`));
}

export const randomToken = (p: string) => p + crypto.randomBytes(16).toString("hex");

/**
 * What one reliability test file works with: a seed for its random choices (RELIABILITY_SEED
 * replays a run), a temporary folder, the app's tokens, and the app processes it starts, which
 * are stopped, and the folder removed, after the file.
 */
export function reliabilityRun(name: string): { seed: number; dir: string; token: string; adminToken: string; apps: AppProcess[] } {
  const run = {
    seed: Number(process.env.RELIABILITY_SEED ?? Date.now() % 1_000_000_007),
    dir: tempDir(name),
    token: randomToken("tw_"),
    adminToken: randomToken("adm_"),
    apps: [] as AppProcess[],
  };
  afterAll(async () => {
    await Promise.all(run.apps.map((a) => a.stop(5_000)));
    fs.rmSync(run.dir, { recursive: true, force: true });
  });
  return run;
}

// --- REST helpers ------------------------------------------------------------------------------

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function json(base: string, method: string, p: string, token: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(base + p, {
    method,
    headers: { authorization: `Bearer ${token}`, accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { status: res.status, json: parsed };
}
export { json as apiJson };

/**
 * Sends `count` texts through the REST API to one number ending in 0199 (the simulator accepts
 * them and sends no callback), `parallel` at a time; returns their ids and SIDs.
 */
export async function createSilentMessages(base: string, adminToken: string, count: number, parallel = 8): Promise<{ id: number; sid: string }[]> {
  const conv = await json(base, "POST", "/api/conversations", adminToken, { phone: "+14155550199" });
  if (conv.status !== 200 && conv.status !== 201) throw new Error(`conversation: ${conv.status} ${JSON.stringify(conv.json)}`);
  const out: { id: number; sid: string }[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) {
        const i = next++;
        const r = await json(base, "POST", `/api/conversations/${conv.json.id}/messages`, adminToken, { body: `reliability ${i}` });
        if (r.status !== 201) throw new Error(`send: ${r.status} ${JSON.stringify(r.json)}`);
        const m = r.json.message ?? r.json;
        if (!m.providerMessageId) throw new Error(`send returned no SID: ${JSON.stringify(m)}`);
        out.push({ id: m.id, sid: m.providerMessageId });
      }
    }),
  );
  return out;
}

// --- Callbacks and load ------------------------------------------------------------------------

export interface Callback {
  sid: string;
  status: string;
  code: string | null; // ErrorCode, null when absent
}

export const keyOf = (c: { sid: string; status: string; code: string | null }) => `${c.sid}|${c.status}|${c.code ?? ""}`;

export interface PreparedCallback extends Callback {
  body: string;
  signature: string;
}

/** Form body and X-Twilio-Signature as Twilio would send them to PUBLIC_BASE_URL + path. */
export function prepare(c: Callback, token: string): PreparedCallback {
  const params = statusParams(c.sid, c.status, c.code ? { ErrorCode: c.code } : {});
  return { ...c, body: formBody(params), signature: sign(token, PUBLIC_BASE_URL + STATUS_PATH, params) };
}

export interface Answer {
  item: PreparedCallback;
  target: string;
  status: number | null; // null: no HTTP answer (connection refused/reset)
  error: string | null;
  retryAfter: string | null;
  sentAt: number;
  doneAt: number;
}

export interface LoadRun {
  answers: Answer[];
  startedAt: number;
  /** Stops handing out new requests (in-flight ones finish or fail). */
  halt(): void;
  /** Resolves when every worker has finished. */
  done: Promise<void>;
  /** Requests that got an HTTP answer so far / started. */
  inFlight(): number;
}

function post(agent: http.Agent, base: string, item: PreparedCallback, timeoutMs: number): Promise<Omit<Answer, "item" | "target" | "sentAt" | "doneAt">> {
  return new Promise((resolve) => {
    const req = http.request(
      base + STATUS_PATH,
      {
        method: "POST",
        agent,
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "content-length": Buffer.byteLength(item.body),
          "x-twilio-signature": item.signature,
        },
        timeout: timeoutMs,
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, error: null, retryAfter: (res.headers["retry-after"] as string | undefined) ?? null }));
        res.on("error", (e) => resolve({ status: null, error: `response: ${e.message}`, retryAfter: null }));
      },
    );
    req.on("timeout", () => req.destroy(new Error("client timeout")));
    req.on("error", (e: NodeJS.ErrnoException) => resolve({ status: null, error: e.code ?? e.message, retryAfter: null }));
    req.end(item.body);
  });
}

/**
 * Fires `items` with `concurrency` requests in flight over keep-alive connections; item i goes
 * to targets[i % targets.length] unless it names its own. Every answer is recorded.
 */
export function fire(
  items: (PreparedCallback & { target?: string })[],
  targets: string[],
  o: { concurrency?: number; timeoutMs?: number } = {},
): LoadRun {
  const concurrency = o.concurrency ?? 64;
  const agents = new Map(targets.map((t) => [t, new http.Agent({ keepAlive: true, maxSockets: concurrency })]));
  const answers: Answer[] = [];
  let next = 0;
  let halted = false;
  let pending = 0;
  const startedAt = Date.now();
  const worker = async () => {
    while (!halted && next < items.length) {
      const i = next++;
      const item = items[i]!;
      const target = item.target ?? targets[i % targets.length]!;
      const sentAt = Date.now();
      pending++;
      const r = await post(agents.get(target) ?? new http.Agent(), target, item, o.timeoutMs ?? 30_000);
      pending--;
      answers.push({ item, target, sentAt, doneAt: Date.now(), ...r });
    }
  };
  const done = Promise.all(Array.from({ length: concurrency }, worker)).then(() => {
    for (const a of agents.values()) a.destroy();
  });
  return {
    answers,
    startedAt,
    halt: () => {
      halted = true;
    },
    done,
    inFlight: () => pending,
  };
}

export const is2xx = (a: Answer) => a.status !== null && a.status >= 200 && a.status < 300;

/** Fisher-Yates with a seeded generator, so a failing run can be repeated. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export function shuffle<T>(xs: T[], rand: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

/** The statuses the suite sends: every rank, several error codes, one code not in the catalog. */
export const CALLBACK_KINDS: { status: string; code: string | null }[] = [
  { status: "sent", code: null },
  { status: "delivered", code: null },
  { status: "undelivered", code: "30003" },
  { status: "failed", code: "30001" },
  { status: "undelivered", code: "30008" },
  { status: "failed", code: "39999" },
  { status: "read", code: null },
  { status: "queued", code: null },
];

// --- The ordering rule, modelled independently of lib/status -------------------------------------

const RANK: Record<string, number> = {
  accepted: 1,
  scheduled: 1,
  queued: 1,
  sending: 1,
  sent: 2,
  failed: 3,
  canceled: 3,
  undelivered: 3,
  delivered: 4,
  read: 5,
};
// The error codes the suite uses, by display status (30008 and codes the catalog lacks: Unknown Error).
const FAILURE_DISPLAY: Record<string, Record<string, string>> = {
  failed: { "30001": "failed", "30008": "unknown_error", "39999": "unknown_error" },
  undelivered: { "30003": "undelivered", "30005": "undelivered", "30008": "unknown_error", "39999": "unknown_error" },
};

export interface HistoryRow {
  id: number;
  status: string;
  error_code: string; // "" when none
  received_at: number;
}

export interface Expected {
  status: string;
  display_status: string;
  error_code: string | null;
}

/**
 * What the ordering rule says a message shows after these history rows: the highest rank wins;
 * among equal failure ranks (3) the later one wins, where "later" is commit order (the row id:
 * every callback is stored and applied in one IMMEDIATE transaction, so ids follow commits).
 */
export function expectedFromHistory(rows: HistoryRow[]): Expected {
  if (rows.length === 0) throw new Error("a message without history");
  const max = Math.max(...rows.map((r) => RANK[r.status] ?? 0));
  const top = rows.filter((r) => (RANK[r.status] ?? 0) === max).sort((a, b) => a.id - b.id);
  const last = top[top.length - 1]!;
  if (max === 5) return { status: "read", display_status: "delivered", error_code: null };
  if (max === 4) return { status: "delivered", display_status: "delivered", error_code: null };
  if (max === 3) {
    const display = FAILURE_DISPLAY[last.status === "canceled" ? "failed" : last.status]?.[last.error_code];
    if (!display) throw new Error(`the model does not know ${last.status} ${last.error_code}`);
    return { status: last.status, display_status: display, error_code: last.error_code || null };
  }
  if (max === 2) return { status: "sent", display_status: "sent", error_code: null };
  return { status: last.status, display_status: "sending", error_code: null };
}

export interface MessageState {
  id: number;
  provider_message_id: string;
  status: string;
  display_status: string;
  error_code: string | null;
}

/** Messages whose stored state differs from what the rule gives over their own history. */
export function ruleViolations(db: Database.Database, messageIds: number[]): { id: number; got: Expected; want: Expected; history: HistoryRow[] }[] {
  const msg = db.prepare(`SELECT id, provider_message_id, status, display_status, error_code FROM messages WHERE id = ?`);
  const hist = db.prepare(`SELECT id, status, error_code, received_at FROM status_events WHERE message_id = ? ORDER BY id`);
  const bad: { id: number; got: Expected; want: Expected; history: HistoryRow[] }[] = [];
  for (const id of messageIds) {
    const m = msg.get(id) as MessageState;
    const history = hist.all(id) as HistoryRow[];
    const want = expectedFromHistory(history);
    const got = { status: m.status, display_status: m.display_status, error_code: m.error_code };
    if (got.status !== want.status || got.display_status !== want.display_status || got.error_code !== want.error_code) {
      bad.push({ id, got, want, history });
    }
  }
  return bad;
}

export function openReadOnly(file: string): Database.Database {
  return new Database(file, { readonly: true, fileMustExist: true });
}

/** (sid|status|code) keys stored in status_events, with their row counts. */
export function storedKeys(db: Database.Database): Map<string, number> {
  const rows = db.prepare(`SELECT provider_message_id AS sid, status, error_code AS code, count(*) AS n FROM status_events GROUP BY 1, 2, 3`).all() as {
    sid: string;
    status: string;
    code: string;
    n: number;
  }[];
  return new Map(rows.map((r) => [keyOf({ sid: r.sid, status: r.status, code: r.code || null }), r.n]));
}

export function integrityCheck(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check).join("; ");
  } finally {
    db.close();
  }
}

/** Appends a line to the suite's result log (read when writing docs/reliability.md). */
export function report(line: string): void {
  const file = process.env.RELIABILITY_REPORT;
  console.log(`[reliability] ${line}`);
  if (file) fs.appendFileSync(file, line + "\n");
}
