// Crash safety (issue 6, property 1): signed status callbacks at several hundred a second, the
// server killed with SIGKILL in the middle, restarted on the same SQLite file. Every callback that
// was answered 2xx must be in the message's history, the file must pass PRAGMA integrity_check,
// and every message must show what the ordering rule gives over its history.
//
// Runs with SQLITE_SYNCHRONOUS unset, i.e. the production setting (WAL + synchronous=FULL).
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  apiJson,
  CALLBACK_KINDS,
  childPids,
  createSilentMessages,
  fire,
  integrityCheck,
  is2xx,
  keyOf,
  openReadOnly,
  portAccepts,
  prepare,
  reliabilityRun,
  report,
  rng,
  ruleViolations,
  shuffle,
  sleep,
  startApp,
  storedKeys,
  type Callback,
  type PreparedCallback,
} from "./harness";
import { newSid } from "../helpers/twilio";

const MESSAGES = 400;
const ORPHAN_SIDS = 40;
const CONCURRENCY = 64;
const KILL_AFTER_MS = 2_000;
// "Hundreds of callbacks a second": below this the run does not show what it must show.
const MIN_RATE = Number(process.env.RELIABILITY_MIN_RATE ?? 200);
const { seed: SEED, dir, token, adminToken, apps } = reliabilityRun("crash");
const dbPath = path.join(dir, "db.sqlite");

/** Per message: a random subset of the kinds in random order, some of them repeated. */
function callbacksFor(sids: string[], rand: () => number): Callback[] {
  const out: Callback[] = [];
  for (const sid of sids) {
    const kinds = shuffle([...CALLBACK_KINDS], rand).slice(0, 3 + Math.floor(rand() * 4));
    for (const k of kinds) {
      out.push({ sid, ...k });
      if (rand() < 0.3) out.push({ sid, ...k }); // a duplicate (Twilio retries, or sends twice)
    }
  }
  return out;
}

describe("crash safety: SIGKILL under load", () => {
  it("keeps every acknowledged callback, an intact database and the ordering rule", async () => {
    const rand = rng(SEED);
    report(`crash: seed ${SEED}`);
    const env = {}; // SQLITE_SYNCHRONOUS unset: FULL
    const first = await startApp({ dbPath, token, adminToken, env });
    apps.push(first);
    const t0 = Date.now();
    const messages = await createSilentMessages(first.base, adminToken, MESSAGES, 16);
    report(`crash: created ${messages.length} messages in ${Date.now() - t0} ms`);

    const orphanSids = Array.from({ length: ORPHAN_SIDS }, () => newSid());
    const plan = shuffle(callbacksFor([...messages.map((m) => m.sid), ...orphanSids], rand), rand);
    const items: PreparedCallback[] = plan.map((c) => prepare(c, token));

    // The server is the process we spawned: next start serves in-process and forks nothing.
    expect(childPids(first.pid), "next start forked a process that could outlive a SIGKILL").toEqual([]);

    // Warm-up (a cold server compiles the route on first use): the first callbacks of the plan.
    const WARM = 300;
    const warm = fire(items.slice(0, WARM), [first.base], { concurrency: CONCURRENCY });
    await warm.done;
    expect(warm.answers.filter((a) => !is2xx(a)).map((a) => `${a.status} ${a.error}`)).toEqual([]);

    const run = fire(items.slice(WARM), [first.base], { concurrency: CONCURRENCY });
    // Kill after KILL_AFTER_MS, or earlier if most of the plan went through (a fast machine).
    while (Date.now() - run.startedAt < KILL_AFTER_MS && run.answers.length < (items.length - WARM) * 0.7) await sleep(5);
    expect(childPids(first.pid)).toEqual([]);
    const inFlightAtKill = run.inFlight();
    first.kill("SIGKILL");
    const killedAt = Date.now();
    run.halt();
    const exit = await first.exit;
    await run.done;
    expect(exit.signal).toBe("SIGKILL");
    expect(await portAccepts(first.port), "something still accepts connections on the killed server's port").toBe(false);

    const before = run.answers.filter((a) => a.doneAt <= killedAt);
    const acked = [...warm.answers, ...run.answers].filter(is2xx);
    const fivexx = run.answers.filter((a) => a.status !== null && a.status >= 500);
    const other = run.answers.filter((a) => a.status !== null && !is2xx(a) && a.status < 500);
    const noAnswer = run.answers.filter((a) => a.status === null);
    const elapsed = killedAt - run.startedAt;
    const rate = Math.round((before.filter(is2xx).length / elapsed) * 1000);
    report(
      `crash: ${items.length} planned, ${WARM} warm-up + ${run.answers.length} sent, ${acked.length} acknowledged; ${before.filter(is2xx).length} in the ${elapsed} ms before SIGKILL ` +
        `(${rate} callbacks/s at ${CONCURRENCY} in flight; ${inFlightAtKill} in flight at the kill, ${noAnswer.length} without an answer, ${fivexx.length} 5xx)`,
    );
    expect(fivexx.map((a) => `${a.status} retry-after=${a.retryAfter}`), "5xx answers under load").toEqual([]);
    expect(other.map((a) => a.status)).toEqual([]);
    expect(rate, `callbacks/s before the kill (need ≥ ${MIN_RATE} to show crash safety under load)`).toBeGreaterThanOrEqual(MIN_RATE);
    expect(run.answers.length, "the kill came before the plan ran out").toBeLessThan(items.length - WARM);

    // Restart on the same file and port.
    const second = await startApp({ dbPath, token, adminToken, env, port: first.port });
    apps.push(second);
    expect(integrityCheck(dbPath)).toBe("ok");

    const db = openReadOnly(dbPath);
    try {
      const stored = storedKeys(db);
      const lost = [...new Set(acked.map((a) => keyOf(a.item)))].filter((k) => !stored.has(k));
      report(`crash: after restart ${lost.length} of ${new Set(acked.map((a) => keyOf(a.item))).size} acknowledged callbacks missing`);
      expect(lost, "acknowledged callbacks lost by the crash").toEqual([]);
      const repeated = [...stored].filter(([, n]) => n !== 1);
      expect(repeated).toEqual([]);
      // Acknowledged callbacks for unknown SIDs are kept as orphans.
      const orphanRows = db.prepare(`SELECT count(*) AS n FROM status_events WHERE message_id IS NULL AND provider_message_id IN (${orphanSids.map(() => "?").join(",")})`).get(...orphanSids) as { n: number };
      const ackedOrphans = new Set(acked.filter((a) => orphanSids.includes(a.item.sid)).map((a) => keyOf(a.item)));
      expect(orphanRows.n).toBeGreaterThanOrEqual(ackedOrphans.size);
      expect(ruleViolations(db, messages.map((m) => m.id))).toEqual([]);
    } finally {
      db.close();
    }
    // The REST API shows the same histories (a sample).
    const byMessage = new Map(messages.map((m) => [m.sid, m.id]));
    for (const a of acked.slice(0, 20)) {
      const id = byMessage.get(a.item.sid);
      if (id === undefined) continue;
      const r = await apiJson(second.base, "GET", `/api/messages/${id}`, adminToken);
      expect(r.status).toBe(200);
      const m = r.json.message ?? r.json;
      const history = (m.history as { status: string; errorCode: string | null }[]).map((h) => `${h.status}|${h.errorCode ?? ""}`);
      expect(history).toContain(`${a.item.status}|${a.item.code ?? ""}`);
    }

    // Twilio retries what it got no 2xx for: send the whole plan again to the restarted server.
    const retry = fire(items, [second.base], { concurrency: CONCURRENCY });
    await retry.done;
    const retryRate = Math.round((retry.answers.length / (Date.now() - retry.startedAt)) * 1000);
    report(`crash: replayed ${items.length} callbacks after the restart at ${retryRate}/s`);
    expect(retry.answers.filter((a) => !is2xx(a)).map((a) => `${a.status} ${a.error}`)).toEqual([]);
    const db2 = openReadOnly(dbPath);
    try {
      const stored = storedKeys(db2);
      const distinct = new Set(items.map(keyOf));
      expect([...distinct].filter((k) => !stored.has(k))).toEqual([]);
      expect([...stored].filter(([, n]) => n !== 1)).toEqual([]);
      // Callbacks plus one "accepted" row per message from the send.
      const total = (db2.prepare(`SELECT count(*) AS n FROM status_events WHERE provider_message_id IN (SELECT value FROM json_each(?))`).get(JSON.stringify([...messages.map((m) => m.sid), ...orphanSids])) as { n: number }).n;
      expect(total).toBe(distinct.size + messages.length);
      expect(ruleViolations(db2, messages.map((m) => m.id))).toEqual([]);
    } finally {
      db2.close();
    }
    expect(integrityCheck(dbPath)).toBe("ok");
  }, 90_000);
});
