// The ingest part: signed Twilio status callbacks through the real route, with autocannon, against
// the same server's GET /api/health measured the same way.
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { createRequire } from "node:module";
import { hexId, log, rng, round, weighted } from "./util.mjs";

const require = createRequire(import.meta.url);
const { getExpectedTwilioSignature } = require("twilio/lib/webhooks/webhooks");

export const STATUS_ROUTE = "/api/webhooks/twilio/status";
const ACCOUNT_SID = "AC" + "0".repeat(32);
const SERVICE_SID = "MG" + "1".repeat(32);
const RANK = { queued: 1, sent: 2, failed: 3, undelivered: 3, delivered: 4 };

/**
 * Outbound texts the callbacks are about, written straight into the server's database (WAL lets
 * this run while the server does): a broadcast from one sender to `contacts` contacts, each text
 * still "queued", with the "send" row in its history as the app writes it.
 */
export function createKnownMessages(dbPath, { count, contacts = 2000, seed = 7 }) {
  const random = rng(seed);
  const db = new Database(dbPath);
  db.pragma("busy_timeout = 10000");
  const now = Date.now();
  const sender = db.prepare(`SELECT id, phone FROM sender_numbers ORDER BY is_default DESC, id LIMIT 1`).get();
  const insertContact = db.prepare(`INSERT INTO contacts (phone, name, created_at) VALUES (?, ?, ?) RETURNING id`);
  const insertConversation = db.prepare(`INSERT INTO conversations (contact_id, last_activity_at, created_at) VALUES (?, ?, ?) RETURNING id`);
  const insertMessage = db.prepare(
    `INSERT INTO messages (conversation_id, direction, channel, body, from_number, to_number, provider, provider_message_id,
       status, display_status, status_rank, error_code, segments, sender_number_id, created_at, updated_at)
     VALUES (?, 'outbound', 'sms', ?, ?, ?, 'twilio', ?, 'queued', 'sending', 1, NULL, 1, ?, ?, ?) RETURNING id`,
  );
  const insertEvent = db.prepare(
    `INSERT INTO status_events (provider, provider_message_id, message_id, status, error_code, source, raw_payload, received_at)
     VALUES ('twilio', ?, ?, 'queued', '', 'send', '{"bench":true}', ?)`,
  );
  const people = [];
  const messages = [];
  db.transaction(() => {
    for (let i = 0; i < contacts; i++) {
      const phone = `+1646${String(5000000 + i).padStart(7, "0")}`;
      const c = insertContact.get(phone, null, now);
      const v = insertConversation.get(c.id, now, now);
      people.push({ phone, conversationId: v.id });
    }
    for (let i = 0; i < count; i++) {
      const p = people[i % people.length];
      const sid = "SM" + hexId(random);
      const m = insertMessage.get(p.conversationId, "Your table is ready. Reply STOP to opt out.", sender.phone, p.phone, sid, sender.id, now, now);
      insertEvent.run(sid, m.id, now);
      messages.push({ sid, from: sender.phone, to: p.phone });
    }
  })();
  db.close();
  return messages;
}

/**
 * A stream of callbacks in a realistic mix. Each `next()` returns {kind, body, signature, key}
 * where key = "sid|status|code" names the status_events row the callback must end up in.
 *  - new: the next status of a known text, in lifecycle order (sent, then delivered / undelivered,
 *    or failed at once); some texts are "delivered-first" and their "sent" comes later:
 *  - out-of-order: that late "sent", arriving after "delivered";
 *  - duplicate: a callback already sent, byte for byte (Twilio retries);
 *  - unknown: a SID no text has (yet): kept as an orphan.
 */
export function callbackStream({ messages, token, url, seed = 11, mix = { new: 55, outOfOrder: 15, duplicate: 20, unknown: 10 } }) {
  const random = rng(seed);
  const pickKind = weighted([
    ["new", mix.new],
    ["outOfOrder", mix.outOfOrder],
    ["duplicate", mix.duplicate],
    ["unknown", mix.unknown],
  ]);
  // What happens to a text: [steps...]; "late" texts get delivered first and sent afterwards.
  const pickPlan = weighted([
    [{ steps: [["sent"], ["delivered"]] }, 40],
    [{ steps: [["delivered"]], late: true }, 45],
    [{ steps: [["sent"], ["undelivered", "30003"]] }, 5],
    [{ steps: [["sent"], ["undelivered", "30006"]] }, 3],
    [{ steps: [["sent"], ["undelivered", "30008"]] }, 2],
    [{ steps: [["failed", "30001"]] }, 3],
    [{ steps: [["failed", "21610"]] }, 2],
  ]);
  let fresh = 0;
  const active = [];
  const late = [];
  const sentBefore = [];
  const RING = 4096;
  const counts = { new: 0, outOfOrder: 0, duplicate: 0, unknown: 0, exhausted: 0 };

  function build(msg, status, code) {
    const params = {
      AccountSid: ACCOUNT_SID,
      ApiVersion: "2010-04-01",
      From: msg.from,
      MessageSid: msg.sid,
      MessageStatus: status,
      MessagingServiceSid: SERVICE_SID,
      SmsSid: msg.sid,
      SmsStatus: status,
      To: msg.to,
    };
    if (code) params.ErrorCode = code;
    if (status === "delivered" || status === "undelivered") params.RawDlrDoneDate = "2601151200";
    const body = new URLSearchParams(params).toString();
    const signature = getExpectedTwilioSignature(token, url, params);
    const item = { body, signature, key: `${msg.sid}|${status}|${code ?? ""}`, sid: msg.sid, rank: RANK[status] };
    if (sentBefore.length < RING) sentBefore.push(item);
    else sentBefore[Math.floor(random() * RING)] = item;
    return item;
  }

  function nextNew() {
    while (active.length < 256 && fresh < messages.length) active.push({ msg: messages[fresh++], plan: pickPlan(random()), step: 0 });
    if (!active.length) return null;
    const i = Math.floor(random() * active.length);
    const a = active[i];
    const [status, code] = a.plan.steps[a.step++];
    if (a.step >= a.plan.steps.length) {
      active[i] = active[active.length - 1];
      active.pop();
      if (a.plan.late) late.push(a.msg);
    }
    return build(a.msg, status, code);
  }

  return {
    counts,
    next() {
      let kind = pickKind(random());
      if (kind === "outOfOrder" && !late.length) kind = "new";
      if (kind === "duplicate" && !sentBefore.length) kind = "new";
      let item;
      if (kind === "new") {
        item = nextNew();
        if (!item) {
          // Every known text has had all its callbacks: the run is longer than the pool; repeat.
          counts.exhausted++;
          kind = "duplicate";
        }
      }
      if (kind === "outOfOrder") item = build(late.shift(), "sent", null);
      if (kind === "duplicate") item = { ...sentBefore[Math.floor(random() * sentBefore.length)] };
      if (kind === "unknown") {
        const sid = "SM" + hexId(random);
        item = build({ sid, from: messages[0].from, to: "+16465550000" }, random() < 0.5 ? "sent" : "delivered", null);
      }
      counts[kind]++;
      return { kind, ...item };
    },
  };
}

function summarizeRun(r) {
  return {
    rps: round(r.requests.average, 1),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    maxMs: r.latency.max,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    status: { "2xx": r["2xx"], "4xx": r["4xx"], "5xx": r["5xx"] },
  };
}

function run(opts) {
  return new Promise((resolve, reject) => {
    autocannon({ timeout: 30, ...opts }, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

/** GET /api/health: the framework's own ceiling on this machine. */
export async function benchNoop(base, { connections, duration }) {
  await run({ url: base + "/api/health", connections, duration: 2 }); // warm-up
  const r = await run({ url: base + "/api/health", connections, duration });
  return summarizeRun(r);
}

/**
 * Posts the stream at `connections` for `duration` s. Every callback answered 2xx is remembered
 * (its status_events key and rank) so that it can be checked against the database afterwards.
 */
export async function benchCallbacks(base, stream, { connections, duration, acked, overallRate }) {
  const statusCodes = {};
  const r = await run({
    url: base + STATUS_ROUTE,
    connections,
    duration,
    ...(overallRate ? { overallRate } : {}),
    requests: [
      {
        method: "POST",
        setupRequest(req, context) {
          const c = stream.next();
          context.item = c;
          req.body = c.body;
          req.headers = {
            ...req.headers,
            "content-type": "application/x-www-form-urlencoded",
            "x-twilio-signature": c.signature,
            "user-agent": "TwilioProxy/1.1",
          };
          return req;
        },
        onResponse(status, _body, context) {
          statusCodes[status] = (statusCodes[status] ?? 0) + 1;
          const c = context.item;
          if (c && status >= 200 && status < 300) {
            const prev = acked.get(c.key);
            acked.set(c.key, { sid: c.sid, rank: c.rank, n: (prev?.n ?? 0) + 1 });
          }
        },
      },
    ],
  });
  return { ...summarizeRun(r), statusCodes };
}

/**
 * After the runs: every acknowledged callback must be in status_events, and every known text
 * must stand at least at the highest status acknowledged for it.
 */
export function verifyAcknowledged(dbPath, acked) {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  const event = db.prepare(`SELECT 1 FROM status_events WHERE provider = 'twilio' AND provider_message_id = ? AND status = ? AND error_code = ?`);
  const message = db.prepare(`SELECT status_rank FROM messages WHERE provider = 'twilio' AND provider_message_id = ?`);
  let missing = 0;
  let behind = 0;
  const bestRank = new Map();
  for (const [key, a] of acked) {
    const [sid, status, code] = key.split("|");
    if (!event.get(sid, status, code)) missing++;
    bestRank.set(sid, Math.max(bestRank.get(sid) ?? 0, a.rank));
  }
  for (const [sid, rank] of bestRank) {
    const m = message.get(sid);
    if (m && m.status_rank < rank) behind++;
  }
  const total = db.prepare(`SELECT count(*) AS n FROM status_events WHERE source = 'callback'`).get().n;
  db.close();
  return { acknowledgedKeys: acked.size, missing, messagesBehind: behind, callbackRowsInDb: total };
}

export async function benchIngest(server, dbPath, token, { connections = 32, duration = 10, knownMessages = 60_000, log: say = log } = {}) {
  say(`ingest: creating ${knownMessages} known outbound texts directly in SQLite`);
  const messages = createKnownMessages(dbPath, { count: knownMessages });
  const stream = callbackStream({ messages, token, url: server.base + STATUS_ROUTE });
  const acked = new Map();

  say(`ingest: GET /api/health, ${connections} connections, ${duration} s`);
  const noop = await benchNoop(server.base, { connections, duration });
  say(`ingest: health ${noop.rps} req/s, p50 ${noop.p50Ms} ms, p99 ${noop.p99Ms} ms`);

  say(`ingest: warm-up of the status route (2 s)`);
  await benchCallbacks(server.base, stream, { connections, duration: 2, acked });
  const before = { ...stream.counts };
  say(`ingest: POST ${STATUS_ROUTE}, ${connections} connections, ${duration} s`);
  const status = await benchCallbacks(server.base, stream, { connections, duration, acked });
  const mix = Object.fromEntries(Object.entries(stream.counts).map(([k, v]) => [k, v - before[k]]));
  say(`ingest: status ${status.rps} req/s, p50 ${status.p50Ms} ms, p99 ${status.p99Ms} ms, non-2xx ${status.non2xx}`);

  // Twice the load: twice the connections, each offering callbacks so that together they ask for
  // twice the throughput just measured. The route may queue or slow down, never refuse or lose.
  const overloadConnections = connections * 2;
  const offeredRps = Math.round(2 * status.rps);
  say(`ingest: overload, ${overloadConnections} connections offering ${offeredRps} req/s, ${duration} s`);
  const overload = await benchCallbacks(server.base, stream, { connections: overloadConnections, duration, acked, overallRate: offeredRps });
  say(`ingest: overload ${overload.rps} req/s, p50 ${overload.p50Ms} ms, p99 ${overload.p99Ms} ms, non-2xx ${overload.non2xx}`);

  const verification = verifyAcknowledged(dbPath, acked);
  say(`ingest: ${verification.acknowledgedKeys} acknowledged callbacks checked; ${verification.missing} missing, ${verification.messagesBehind} texts behind`);
  return {
    rps: status.rps,
    p50Ms: status.p50Ms,
    p99Ms: status.p99Ms,
    non2xx: status.non2xx,
    noopRps: noop.rps,
    ratio: round(status.rps / noop.rps, 3),
    connections,
    durationS: duration,
    mix,
    noop,
    status,
    overload: { connections: overloadConnections, offeredRps, ...overload, ...verification },
  };
}
