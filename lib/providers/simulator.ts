// The built-in provider: it answers like Twilio's create-message call, then delivers real signed
// Twilio status callbacks to our own webhook route over HTTP. The outcome depends on the
// destination's last four digits (SPEC section 4, "Built-in simulator"). Its schedule lives in
// SQLite, so a restart neither loses nor repeats a callback.
import crypto from "node:crypto";
import { getExpectedTwilioSignature } from "twilio/lib/webhooks/webhooks";
import type Database from "better-sqlite3";
import type { Db } from "../../db/client";
import { registrationBlockCode, type TwilioStatus } from "../status";
import type { OutboundText, ProviderStatus, SendResult, SmsProvider } from "./types";

export const SIMULATOR_ACCOUNT_SID = "AC" + "5e0d5a7a7e5".padEnd(32, "0");

export interface ScriptedCallback {
  afterMs: number;
  status: TwilioStatus;
  errorCode?: string;
}

export interface SenderState {
  kind: "long_code" | "toll_free" | "short_code";
  a2pState: string | null;
  tfvState: string | null;
}

const sentThen = (status: TwilioStatus, errorCode?: string): ScriptedCallback[] => [
  { afterMs: 500, status: "sent" },
  { afterMs: 1800, status, errorCode },
];

// What happens to a text, decided by the last four digits of its destination.
export function scenarioFor(to: string, isMms: boolean, sender: SenderState | null): { initial: TwilioStatus; callbacks: ScriptedCallback[] } {
  const tail = to.replace(/\D/g, "").slice(-4);
  const queued = (callbacks: ScriptedCallback[]) => ({ initial: "queued" as const, callbacks });
  switch (tail) {
    case "0100":
      return queued(sentThen("delivered"));
    case "0101":
      return queued(sentThen("undelivered", "30003"));
    case "0102":
      return queued(sentThen("undelivered", "30005"));
    case "0103":
      return queued(sentThen("undelivered", "30006"));
    case "0104":
      return queued(sentThen("undelivered", "30007"));
    case "0105":
      return queued([{ afterMs: 700, status: "failed", errorCode: "30001" }]);
    case "0106":
      return queued(isMms ? [{ afterMs: 700, status: "failed", errorCode: "30019" }] : sentThen("delivered"));
    case "0107":
      return queued(sentThen("undelivered", "30008"));
    case "0108":
      return queued([{ afterMs: 500, status: "sent" }]);
    case "0109":
      return queued([{ afterMs: 900, status: "undelivered", errorCode: "30034" }]);
    case "0110":
      return queued([
        { afterMs: 500, status: "delivered" },
        { afterMs: 1300, status: "sent" },
      ]);
    case "0111":
      return queued(
        sentThen("delivered").flatMap((c) => [c, { ...c, afterMs: c.afterMs + 40 }, { ...c, afterMs: c.afterMs + 80 }]),
      );
    case "0112":
      return queued([{ afterMs: 600, status: "failed", errorCode: "21610" }]);
    case "0199":
      return { initial: "accepted", callbacks: [] };
  }
  const blocked = sender ? registrationBlockCode(sender) : null;
  return queued(blocked ? sentThen("undelivered", blocked) : sentThen("delivered"));
}

export function newMessageSid(isMms: boolean): string {
  return (isMms ? "MM" : "SM") + crypto.randomBytes(16).toString("hex");
}

export interface SimulatorOptions {
  db: Db;
  delayScale: number;
  accountSid?: string;
}

export function createSimulatorProvider(opts: SimulatorOptions): SmsProvider {
  const sqlite = opts.db.$client;
  const senderState = sqlite.prepare(`SELECT kind, a2p_state AS a2pState, tfv_state AS tfvState FROM sender_numbers WHERE phone = ?`);
  const insertJob = sqlite.prepare(`INSERT INTO simulator_jobs (provider_message_id, due_at, params) VALUES (?, ?, ?)`);
  const accountSid = opts.accountSid ?? SIMULATOR_ACCOUNT_SID;
  return {
    name: "simulator",
    async send(text: OutboundText): Promise<SendResult> {
      const isMms = text.mediaUrls.length > 0;
      const sid = newMessageSid(isMms);
      const sender = (senderState.get(text.from) as SenderState | undefined) ?? null;
      const { initial, callbacks } = scenarioFor(text.to, isMms, sender);
      const now = Date.now();
      sqlite.transaction(() => {
        for (const c of callbacks) {
          const params: Record<string, string> = {
            AccountSid: accountSid,
            ApiVersion: "2010-04-01",
            From: text.from,
            To: text.to,
            MessageSid: sid,
            SmsSid: sid,
            MessageStatus: c.status,
            SmsStatus: c.status,
          };
          if (c.errorCode) params.ErrorCode = c.errorCode;
          if (c.status === "delivered" || c.status === "undelivered") params.RawDlrDoneDate = dlrDoneDate(now + c.afterMs);
          insertJob.run(sid, now + Math.round(c.afterMs * opts.delayScale), JSON.stringify({ url: text.statusCallbackUrl, params }));
        }
      })();
      return { providerMessageId: sid, status: initial, errorCode: null };
    },
    async fetchStatus(providerMessageId: string): Promise<ProviderStatus | null> {
      const row = sqlite
        .prepare(`SELECT status, error_code FROM messages WHERE provider = 'twilio' AND provider_message_id = ?`)
        .get(providerMessageId) as { status: TwilioStatus; error_code: string | null } | undefined;
      return row ? { status: row.status, errorCode: row.error_code } : null;
    },
  };
}

// Twilio's RawDlrDoneDate: YYMMDDhhmm, minute precision.
function dlrDoneDate(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(d.getUTCFullYear() % 100)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}`;
}

// --- Delivery of scheduled callbacks ---

interface JobRow {
  id: number;
  params: string;
  attempts: number;
}

export interface DeliveryOptions {
  db: Db;
  authToken: string;
  // Where to POST (this server, over loopback); the signature is over the public URL Twilio
  // would have called, which the job carries.
  deliverTo: string;
  leaseMs?: number;
  // Checked before each POST: once true, the remaining claimed jobs are released for the next
  // process instead of waiting for their lease to expire.
  stopping?: () => boolean;
}

// The delivery loop runs every 100 ms on every server: its statements are compiled once.
function prepareJobStatements(sqlite: Database.Database) {
  return {
    claim: sqlite.prepare(
      `UPDATE simulator_jobs SET claimed_at = ?, attempts = attempts + 1
       WHERE id IN (SELECT id FROM simulator_jobs WHERE delivered_at IS NULL AND due_at <= ?
                    AND (claimed_at IS NULL OR claimed_at < ?) ORDER BY due_at, id LIMIT 50)
       RETURNING id, params, attempts`,
    ),
    release: sqlite.prepare(`UPDATE simulator_jobs SET claimed_at = NULL, attempts = attempts - 1 WHERE id = ? AND delivered_at IS NULL`),
    done: sqlite.prepare(`UPDATE simulator_jobs SET delivered_at = ?, last_error = ? WHERE id = ?`),
    retry: sqlite.prepare(`UPDATE simulator_jobs SET claimed_at = NULL, due_at = ?, last_error = ? WHERE id = ?`),
  };
}

const jobStatementCache = new WeakMap<Database.Database, ReturnType<typeof prepareJobStatements>>();

function jobStatements(sqlite: Database.Database): ReturnType<typeof prepareJobStatements> {
  let q = jobStatementCache.get(sqlite);
  if (!q) {
    q = prepareJobStatements(sqlite);
    jobStatementCache.set(sqlite, q);
  }
  return q;
}

// Claims the callbacks that are due and POSTs them; returns how many it delivered.
export async function deliverDueCallbacks(opts: DeliveryOptions, now = Date.now()): Promise<number> {
  const sqlite = opts.db.$client;
  const lease = opts.leaseMs ?? 30_000;
  const q = jobStatements(sqlite);
  const jobs = q.claim.all(now, now, now - lease) as JobRow[];
  jobs.sort((a, b) => a.id - b.id);
  let delivered = 0;
  // In due order, one at a time: a script's order (e.g. delivered before sent) is part of the test.
  for (const job of jobs) {
    if (opts.stopping?.()) {
      q.release.run(job.id);
      continue;
    }
    const { url, params } = JSON.parse(job.params) as { url: string; params: Record<string, string> };
    const signature = getExpectedTwilioSignature(opts.authToken, url, params);
    const target = opts.deliverTo + new URL(url).pathname + new URL(url).search;
    let error: string | null = null;
    let final = false;
    try {
      const res = await fetch(target, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature, "user-agent": "SendStatusSimulator/1.0" },
        body: new URLSearchParams(params).toString(),
        signal: AbortSignal.timeout(15_000),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) final = true;
      else if (res.status >= 400 && res.status < 500) {
        final = true; // Twilio does not retry a 4xx either
        error = `HTTP ${res.status}`;
      } else error = `HTTP ${res.status}`;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    if (final) {
      q.done.run(Date.now(), error, job.id);
      if (!error) delivered++;
    } else if (job.attempts >= 8) {
      q.done.run(Date.now(), `gave up: ${error}`, job.id);
    } else {
      const backoff = 500 * 2 ** job.attempts;
      q.retry.run(Date.now() + backoff, error, job.id);
    }
  }
  return delivered;
}

// Runs deliverDueCallbacks on a short timer until stopped.
export function startCallbackDelivery(opts: DeliveryOptions, intervalMs = 100): { stop(): Promise<void> } {
  let running = true;
  let current: Promise<unknown> = Promise.resolve();
  const tick = () => {
    if (!running) return;
    current = deliverDueCallbacks({ ...opts, stopping: () => !running })
      .catch((e) => console.error("simulator: delivery failed", e))
      .finally(() => {
        if (running) timer = setTimeout(tick, intervalMs);
      });
  };
  let timer = setTimeout(tick, intervalMs);
  return {
    async stop() {
      running = false;
      clearTimeout(timer);
      await current;
    },
  };
}
