// The simulator's schedule lives in SQLite: a server stopped before its callbacks are due
// delivers them after a restart, each exactly once, and never re-sends what was delivered.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "./helpers/server";
import { api, waitFor } from "./helpers/twilio";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sendstatus-restart-"));
const common = {
  DATABASE_PATH: path.join(dir, "db.sqlite"),
  TWILIO_AUTH_TOKEN: "restart-test-token",
  BOOTSTRAP_ADMIN_TOKEN: "restart-admin-token",
};
// The public URL stays the same across restarts (it is what the provider calls), whatever port
// the process listens on.
const publicBaseUrl = () => "http://sendstatus.test";
const servers: TestServer[] = [];
// The helper's db() opens the helper's own temp file; this suite points DATABASE_PATH elsewhere.
function count(sql: string): number {
  const db = new Database(common.DATABASE_PATH, { readonly: true });
  try {
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

afterAll(async () => {
  for (const s of servers) await s.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("simulator across a restart", () => {
  it("delivers every scheduled callback once, before and after the restart", async () => {
    const first = await startServer({ env: { ...common, SIMULATOR_DELAY_SCALE: "2" }, publicBaseUrl });
    servers.push(first);
    const sent: number[] = [];
    for (const tail of ["0100", "0101", "0110"]) {
      const conv = await api(first.base, "POST", "/api/conversations", { phone: `+1415555${tail}` }, common.BOOTSTRAP_ADMIN_TOKEN);
      const m = await api(first.base, "POST", `/api/conversations/${conv.json.id}/messages`, { body: `restart ${tail}` }, common.BOOTSTRAP_ADMIN_TOKEN);
      expect(m.status).toBe(201);
      sent.push(m.json.id);
    }
    // Let the first callbacks (due after ~1 s) go out, then stop before the last ones (~3.6 s).
    await waitFor("a first callback delivered", async () => {
      const n = count(`SELECT count(*) AS n FROM simulator_jobs WHERE delivered_at IS NOT NULL`);
      return n > 0 ? n : undefined;
    });
    await first.stop();
    servers.pop();
    const snapshot = (() => {
      const db = new Database(common.DATABASE_PATH, { readonly: true });
      try {
        return db.prepare(`SELECT id, delivered_at, attempts FROM simulator_jobs WHERE delivered_at IS NOT NULL`).all() as { id: number; delivered_at: number; attempts: number }[];
      } finally {
        db.close();
      }
    })();
    expect(snapshot.length).toBeGreaterThan(0);

    const pendingAtStop = count(`SELECT count(*) AS n FROM simulator_jobs WHERE delivered_at IS NULL`);
    expect(pendingAtStop).toBeGreaterThan(0);

    const second = await startServer({ env: { ...common, SIMULATOR_DELAY_SCALE: "2" }, publicBaseUrl });
    servers.push(second);
    const expected: Record<number, string> = { [sent[0]!]: "delivered", [sent[1]!]: "undelivered", [sent[2]!]: "delivered" };
    for (const id of sent) {
      await waitFor(`message ${id} final`, async () => {
        const m = await api(second.base, "GET", `/api/messages/${id}`, undefined, common.BOOTSTRAP_ADMIN_TOKEN);
        return m.json?.displayStatus === expected[id] ? true : undefined;
      }, 30_000);
    }
    await waitFor("all jobs delivered", async () => {
      const n = count(`SELECT count(*) AS n FROM simulator_jobs WHERE delivered_at IS NULL`);
      return n === 0 ? true : undefined;
    });
    const db = new Database(common.DATABASE_PATH, { readonly: true });
    const jobs = db.prepare(`SELECT id, delivered_at, attempts, last_error FROM simulator_jobs`).all() as { id: number; delivered_at: number | null; attempts: number; last_error: string | null }[];
    const callbacks = (db.prepare(`SELECT count(*) AS n FROM status_events WHERE source = 'callback' AND message_id IN (${sent.join(",")})`).get() as { n: number }).n;
    db.close();
    expect(jobs.length).toBe(6);
    for (const j of jobs) {
      expect(j.last_error).toBeNull();
      expect(j.delivered_at).not.toBeNull();
    }
    // What the first process delivered was not sent again by the second.
    for (const before of snapshot) {
      const after = jobs.find((j) => j.id === before.id)!;
      expect(after.delivered_at).toBe(before.delivered_at);
      expect(after.attempts).toBe(before.attempts);
    }
    expect(callbacks).toBe(6);
  }, 120_000);
});
