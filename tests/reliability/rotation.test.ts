// Signatures while rotating the Twilio auth token (issue 6, property 4): with
// TWILIO_AUTH_TOKEN=A and TWILIO_AUTH_TOKEN_SECONDARY=B both tokens are accepted on both webhook
// routes and any other token is refused (403, recorded, nothing stored); with only A, B is refused.
// The built-in simulator keeps signing with the primary token, which the server accepts.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INBOUND_PATH, newSid, postForm, statusParams, STATUS_PATH, waitFor, type Params } from "../helpers/twilio";
import { apiJson, openReadOnly, PUBLIC_BASE_URL, randomToken, startApp, tempDir, type AppProcess } from "./harness";

const A = "token-A-" + randomToken("");
const B = "token-B-" + randomToken("");
const C = "token-C-" + randomToken("");
const adminToken = randomToken("adm_");
const dir = tempDir("rotation");

let rotating: AppProcess; // A primary, B secondary
let rotated: AppProcess; // B primary, A secondary (the next step of a rotation)
let single: AppProcess; // A only
const dbOf = new Map<AppProcess, string>();

beforeAll(async () => {
  const start = async (name: string, primary: string, secondary?: string) => {
    const dbPath = path.join(dir, `${name}.sqlite`);
    const app = await startApp({
      dbPath,
      token: primary,
      adminToken,
      env: { SIMULATOR_DELAY_SCALE: "0.05", ...(secondary ? { TWILIO_AUTH_TOKEN_SECONDARY: secondary } : {}) },
    });
    dbOf.set(app, dbPath);
    return app;
  };
  [rotating, rotated, single] = await Promise.all([start("rotating", A, B), start("rotated", B, A), start("single", A)]);
});

afterAll(async () => {
  await Promise.all([rotating, rotated, single].filter(Boolean).map((a) => a.stop(5_000)));
  fs.rmSync(dir, { recursive: true, force: true });
});

function inbound(): Params {
  const sid = newSid();
  return {
    AccountSid: "AC" + "0".repeat(32),
    ApiVersion: "2010-04-01",
    MessageSid: sid,
    SmsSid: sid,
    SmsMessageSid: sid,
    From: `+1646555${String(Math.floor(Math.random() * 9000) + 1000)}`,
    To: "+14155550000",
    Body: "rotation check",
    NumMedia: "0",
    NumSegments: "1",
  };
}

function stored(app: AppProcess, sid: string): number {
  const db = openReadOnly(dbOf.get(app)!);
  try {
    return (db.prepare(`SELECT count(*) AS n FROM status_events WHERE provider_message_id = ?`).get(sid) as { n: number }).n;
  } finally {
    db.close();
  }
}

function lastRejection(app: AppProcess): { http_status: number; route: string; reason: string } | undefined {
  const db = openReadOnly(dbOf.get(app)!);
  try {
    return db.prepare(`SELECT http_status, route, reason FROM rejected_webhooks ORDER BY id DESC LIMIT 1`).get() as
      | { http_status: number; route: string; reason: string }
      | undefined;
  } finally {
    db.close();
  }
}

const send = (app: AppProcess, route: string, params: Params, token: string) =>
  postForm(app.base, route, params, { token, signatureUrl: PUBLIC_BASE_URL + route });

describe("token rotation: primary + secondary", () => {
  for (const route of [STATUS_PATH, INBOUND_PATH]) {
    const params = () => (route === STATUS_PATH ? statusParams(newSid(), "sent") : inbound());

    it(`${route}: A (primary) and B (secondary) are accepted and stored`, async () => {
      for (const token of [A, B]) {
        const p = params();
        const r = await send(rotating, route, p, token);
        expect(r.status, r.text).toBeGreaterThanOrEqual(200);
        expect(r.status, r.text).toBeLessThan(300);
        expect(stored(rotating, p.MessageSid as string)).toBe(1);
      }
    });

    it(`${route}: any other token is refused with 403, recorded, nothing stored`, async () => {
      for (const token of [C, A + "x", B.slice(0, -1)]) {
        const p = params();
        const r = await send(rotating, route, p, token);
        expect(r.status).toBe(403);
        expect(stored(rotating, p.MessageSid as string)).toBe(0);
        expect(lastRejection(rotating)).toMatchObject({ http_status: 403, route });
      }
      const unsigned = params();
      expect((await postForm(rotating.base, route, unsigned)).status).toBe(403);
    });

    it(`${route}: the next step (B primary, A secondary) accepts both, refuses C`, async () => {
      for (const token of [A, B]) {
        const r = await send(rotated, route, params(), token);
        expect(r.status, r.text).toBeLessThan(300);
      }
      expect((await send(rotated, route, params(), C)).status).toBe(403);
    });

    it(`${route}: with only A configured, B is refused and A accepted`, async () => {
      const pb = params();
      const rb = await send(single, route, pb, B);
      expect(rb.status).toBe(403);
      expect(stored(single, pb.MessageSid as string)).toBe(0);
      expect(lastRejection(single)).toMatchObject({ http_status: 403, route });
      const ra = await send(single, route, params(), A);
      expect(ra.status, ra.text).toBeLessThan(300);
    });
  }

  it("the simulator signs with the primary token, so its callbacks are accepted while rotating", async () => {
    for (const app of [rotating, rotated]) {
      const conv = await apiJson(app.base, "POST", "/api/conversations", adminToken, { phone: "+14155550100" });
      expect([200, 201]).toContain(conv.status);
      const sent = await apiJson(app.base, "POST", `/api/conversations/${conv.json.id}/messages`, adminToken, { body: "rotation" });
      expect(sent.status).toBe(201);
      const id = (sent.json.message ?? sent.json).id as number;
      await waitFor(
        "the simulator's callbacks",
        async () => {
          const m = await apiJson(app.base, "GET", `/api/messages/${id}`, adminToken);
          return (m.json.message ?? m.json).displayStatus === "delivered" ? true : undefined;
        },
        15_000,
      );
    }
  });
});
