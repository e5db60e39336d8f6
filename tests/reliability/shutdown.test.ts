// Graceful shutdown (issue 6, property 7): SIGTERM while the server takes a steady stream of
// status callbacks and its simulator is delivering callbacks of its own. In-flight requests finish
// (2xx and stored) or fail at the connection, never with a 5xx; the simulator stops and leaves no
// job claimed; after a restart on the same file every acknowledged callback is there and the
// simulator finishes its schedule, each callback once.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { newSid, waitFor } from "../helpers/twilio";
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
} from "./harness";

const { seed: SEED, dir, token, adminToken, apps } = reliabilityRun("shutdown");
const dbPath = path.join(dir, "db.sqlite");

// Simulator scenarios (SPEC section 4) and the display status each ends in.
const SIMULATED: Record<string, string> = { "0100": "delivered", "0101": "undelivered", "0110": "delivered", "0111": "delivered", "0105": "failed" };

describe("graceful shutdown: SIGTERM under load", () => {
  it("finishes in-flight requests, stops the simulator cleanly and loses no acknowledged callback", async () => {
    const rand = rng(SEED);
    report(`shutdown: seed ${SEED}`);
    // Delay scale 1: the simulator's callbacks fall due 0.5 to 1.9 s after each send, i.e. during the load.
    const env = { SIMULATOR_DELAY_SCALE: "1" };
    const first = await startApp({ dbPath, token, adminToken, env });
    apps.push(first);
    const targets = await createSilentMessages(first.base, adminToken, 200, 16);

    const plan: Callback[] = [];
    for (const { sid } of targets) for (const k of shuffle([...CALLBACK_KINDS], rand).slice(0, 4)) plan.push({ sid, ...k });
    for (let i = 0; i < 20; i++) plan.push({ sid: newSid(), status: "delivered", code: null }); // orphans
    // Four rounds of the plan (later rounds are duplicates, as Twilio retries send): enough that
    // the stream is still running when SIGTERM comes, even on a fast machine.
    const once = plan.map((c) => prepare(c, token));
    const items = [0, 1, 2, 3].flatMap(() => shuffle([...once], rand));

    // Texts the simulator answers with callbacks, sent just before the load so they are due during it.
    const simulated: { id: number; display: string }[] = [];
    for (const [tail, display] of Object.entries(SIMULATED)) {
      const conv = await apiJson(first.base, "POST", "/api/conversations", adminToken, { phone: `+1415555${tail}` });
      for (let i = 0; i < 6; i++) {
        const r = await apiJson(first.base, "POST", `/api/conversations/${conv.json.id}/messages`, adminToken, { body: `shutdown ${tail} ${i}` });
        expect(r.status).toBe(201);
        simulated.push({ id: (r.json.message ?? r.json).id, display });
      }
    }

    const run = fire(items, [first.base], { concurrency: 32 });
    await sleep(1_500);
    const deliveredBefore = (() => {
      const db = openReadOnly(dbPath);
      try {
        return (db.prepare(`SELECT count(*) AS n FROM simulator_jobs WHERE delivered_at IS NOT NULL`).get() as { n: number }).n;
      } finally {
        db.close();
      }
    })();
    expect(childPids(first.pid)).toEqual([]);
    const termAt = Date.now();
    const acksBeforeTerm = run.answers.filter(is2xx).length;
    first.kill("SIGTERM");
    // The provider keeps calling during the shutdown; stop only once the process is gone.
    const exit = await Promise.race([first.exit, sleep(15_000).then(() => null)]);
    const exitedAt = Date.now();
    run.halt();
    await run.done;
    expect(exit, `the server did not exit within 15 s of SIGTERM:\n${first.output().slice(-2000)}`).not.toBeNull();
    expect(await portAccepts(first.port)).toBe(false);

    const answers = run.answers;
    const inFlight = answers.filter((a) => a.sentAt < termAt && a.doneAt >= termAt);
    const afterTerm = answers.filter((a) => a.sentAt >= termAt);
    const fivexx = answers.filter((a) => a.status !== null && a.status >= 500);
    const acked = answers.filter(is2xx);
    report(
      `shutdown: ${acksBeforeTerm} callbacks acknowledged in ${termAt - run.startedAt} ms before SIGTERM ` +
        `(${Math.round((acksBeforeTerm / (termAt - run.startedAt)) * 1000)}/s at 32 in flight); exit ${exit!.code ?? exit!.signal} after ${exitedAt - termAt} ms; ` +
        `in flight at SIGTERM: ${inFlight.length} (${inFlight.filter(is2xx).length} 2xx, ${inFlight.filter((a) => a.status === null).length} connection errors); ` +
        `sent after SIGTERM: ${afterTerm.length} (${afterTerm.filter(is2xx).length} 2xx); 5xx: ${fivexx.length}; simulator jobs delivered before SIGTERM: ${deliveredBefore}`,
    );
    expect(fivexx.map((a) => `${a.status} retry-after=${a.retryAfter}`), "5xx during shutdown").toEqual([]);
    expect(answers.filter((a) => a.status !== null && !is2xx(a)).map((a) => a.status)).toEqual([]);
    expect(inFlight.length, "requests were in flight at SIGTERM").toBeGreaterThan(0);
    expect(afterTerm.length, "the stream went on after SIGTERM").toBeGreaterThan(0);
    expect(first.output(), "the app's SIGTERM handler stopped the simulator before the process exited").toMatch(/SIGTERM, simulator stopped/);

    // What the first process left behind: nothing claimed and not delivered.
    const left = openReadOnly(dbPath);
    try {
      const claimed = left.prepare(`SELECT id, claimed_at, attempts, last_error FROM simulator_jobs WHERE delivered_at IS NULL AND claimed_at IS NOT NULL`).all();
      expect(claimed, "simulator jobs left claimed (a restart would wait for their 30 s lease)").toEqual([]);
      const pending = (left.prepare(`SELECT count(*) AS n FROM simulator_jobs WHERE delivered_at IS NULL`).get() as { n: number }).n;
      report(`shutdown: simulator jobs pending (unclaimed) at exit: ${pending}`);
    } finally {
      left.close();
    }

    const second = await startApp({ dbPath, token, adminToken, env, port: first.port });
    apps.push(second);
    expect(integrityCheck(dbPath)).toBe("ok");
    const db = openReadOnly(dbPath);
    try {
      const stored = storedKeys(db);
      const lost = [...new Set(acked.map((a) => keyOf(a.item)))].filter((k) => !stored.has(k));
      expect(lost, "acknowledged callbacks lost over the shutdown").toEqual([]);
      expect(ruleViolations(db, targets.map((t) => t.id))).toEqual([]);
    } finally {
      db.close();
    }

    // The simulator resumes its schedule: every text reaches its final status, each job delivered once.
    for (const m of simulated) {
      await waitFor(
        `message ${m.id} ${m.display}`,
        async () => {
          const r = await apiJson(second.base, "GET", `/api/messages/${m.id}`, adminToken);
          return (r.json.message ?? r.json).displayStatus === m.display ? true : undefined;
        },
        20_000,
      );
    }
    await waitFor("every simulator job delivered", async () => {
      const d = openReadOnly(dbPath);
      try {
        return (d.prepare(`SELECT count(*) AS n FROM simulator_jobs WHERE delivered_at IS NULL`).get() as { n: number }).n === 0 ? true : undefined;
      } finally {
        d.close();
      }
    });
    const d = openReadOnly(dbPath);
    try {
      const failed = d.prepare(`SELECT id, attempts, last_error FROM simulator_jobs WHERE last_error IS NOT NULL`).all();
      expect(failed, "simulator jobs that ended in an error").toEqual([]);
      expect(ruleViolations(d, simulated.map((m) => m.id))).toEqual([]);
    } finally {
      d.close();
    }
  }, 90_000);
});
