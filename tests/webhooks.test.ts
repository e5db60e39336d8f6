// The two Twilio webhook routes against the real production server (SPEC section 4): signature,
// content type, size and parameter checks, the record of every rejection, the ordering rule,
// duplicates, orphans, inbound texts and opt-out keywords, and a seeded fuzz run.
//
// The main server runs behind a pretend TLS-terminating proxy: PUBLIC_BASE_URL is
// https://hooks.sendstatus.test while the tests talk to http://127.0.0.1:<port>, so every
// accepted request proves the signature is checked against PUBLIC_BASE_URL.
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeTwilio, type FakeTwilio } from "./fake-twilio";
import { startServer, type TestServer } from "./helpers/server";
import {
  api,
  formBody,
  INBOUND_PATH,
  newSid,
  parseFormIndependently,
  postForm,
  rawRequest,
  sign,
  statusParams,
  STATUS_PATH,
  waitFor,
  type HttpAnswer,
  type Params,
} from "./helpers/twilio";

const PUBLIC = "https://hooks.sendstatus.test";
const FIXTURE = path.resolve(process.cwd(), "../shared/fixtures/twilio.json");
const fixture = fs.existsSync(FIXTURE)
  ? (JSON.parse(fs.readFileSync(FIXTURE, "utf8")) as { inbound: Record<string, Record<string, string>>; statusCallbacks: Record<string, Record<string, string>> })
  : null;

const INBOUND_SMS: Record<string, string> = fixture?.inbound.sms ?? {
  AccountSid: "ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
  ApiVersion: "2010-04-01",
  Body: "Is my pizza on the way?",
  From: "+15558675310",
  FromCity: "SAN FRANCISCO",
  FromCountry: "US",
  FromState: "CA",
  FromZip: "94105",
  MessageSid: "SM7d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a",
  NumMedia: "0",
  NumSegments: "1",
  SmsMessageSid: "SM7d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a",
  SmsSid: "SM7d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a",
  SmsStatus: "received",
  To: "+15017250604",
  ToCountry: "US",
};
const INBOUND_MMS: Record<string, string> = fixture?.inbound.mms ?? {
  ...INBOUND_SMS,
  Body: "Here is the receipt",
  MediaContentType0: "image/jpeg",
  MediaUrl0: "https://api.twilio.com/2010-04-01/Accounts/ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX/Messages/MM1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d/Media/ME0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d",
  NumMedia: "1",
};

let phoneCounter = 1000;
/** A fresh customer number that no seed or other test uses. */
const freshFrom = () => `+1646555${String(phoneCounter++).padStart(4, "0")}`;

function inboundParams(extra: Record<string, string> = {}, template = INBOUND_SMS): Record<string, string> {
  const sid = extra.MessageSid ?? newSid(template === INBOUND_MMS ? "MM" : "SM");
  return { ...template, MessageSid: sid, SmsSid: sid, SmsMessageSid: sid, From: freshFrom(), To: "+14155550000", ...extra };
}

const ok = (r: HttpAnswer) => r.status >= 200 && r.status < 300;
const describeAnswer = (r: HttpAnswer) => `${r.status} ${r.text.slice(0, 200)}`;

// --- The main server ---

let s: TestServer;

beforeAll(async () => {
  s = await startServer({ publicBaseUrl: () => PUBLIC });
});

afterAll(async () => {
  await s?.stop();
});

/** Signed exactly as Twilio would sign a request to PUBLIC_BASE_URL + path. */
function signedPost(p: string, params: Params, o: Parameters<typeof postForm>[3] = {}) {
  return postForm(s.base, p, params, { token: s.token, signatureUrl: PUBLIC + p, ...o });
}

interface Counts {
  messages: number;
  status_events: number;
  contacts: number;
  conversations: number;
  message_media: number;
  rejected: number;
  maxRejectedId: number;
}

function counts(): Counts {
  const db = s.db();
  const n = (t: string) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  return {
    messages: n("messages"),
    status_events: n("status_events"),
    contacts: n("contacts"),
    conversations: n("conversations"),
    message_media: n("message_media"),
    rejected: n("rejected_webhooks"),
    maxRejectedId: (db.prepare(`SELECT coalesce(max(id), 0) AS n FROM rejected_webhooks`).get() as { n: number }).n,
  };
}

interface RejectedRow {
  id: number;
  received_at: number;
  route: string;
  http_status: number;
  reason: string;
  body: string;
  body_bytes: number;
}

/**
 * Runs a request that must be rejected with `status`, and checks: JSON {error}, nothing stored
 * besides exactly one rejected_webhooks row (route, status, reason, a body copy of ≤ 2048 chars
 * that is a prefix of what was sent).
 */
async function expectRejected(route: string, status: number, send: () => Promise<HttpAnswer>, sentBody?: string): Promise<RejectedRow> {
  const before = counts();
  const r = await send();
  expect(r.status, describeAnswer(r)).toBe(status);
  expect(r.type).toMatch(/application\/json/);
  const json = r.json as { error?: unknown } | null;
  expect(typeof json?.error).toBe("string");
  expect((json!.error as string).length).toBeGreaterThan(3);
  const after = counts();
  expect({ ...after, rejected: 0, maxRejectedId: 0 }).toEqual({ ...before, rejected: 0, maxRejectedId: 0 });
  const rows = s.db().prepare(`SELECT * FROM rejected_webhooks WHERE id > ? ORDER BY id`).all(before.maxRejectedId) as RejectedRow[];
  expect(rows).toHaveLength(1);
  const row = rows[0]!;
  expect(row.route).toBe(route);
  expect(row.http_status).toBe(status);
  expect(row.reason.length).toBeGreaterThan(3);
  expect(row.received_at).toBeGreaterThan(Date.now() - 60_000);
  expect(row.body.length).toBeLessThanOrEqual(2048);
  if (sentBody !== undefined) {
    expect(sentBody.startsWith(row.body), "the stored body copy is a prefix of the request body").toBe(true);
    if (status !== 413) expect(row.body).toBe(sentBody.slice(0, 2048));
  }
  return row;
}

// ---------------------------------------------------------------------------------------------
// Request checks, for both routes
// ---------------------------------------------------------------------------------------------

const ROUTES = [
  { route: STATUS_PATH, valid: () => statusParams(newSid(), "sent") as Record<string, string> },
  { route: INBOUND_PATH, valid: () => inboundParams() },
];

for (const { route, valid } of ROUTES) {
  describe(`${route}: requests that must be refused`, () => {
    it("unsigned -> 403", async () => {
      const p = valid();
      await expectRejected(route, 403, () => postForm(s.base, route, p), formBody(p));
    });

    it("empty X-Twilio-Signature -> 403", async () => {
      const p = valid();
      await expectRejected(route, 403, () => postForm(s.base, route, p, { signature: "" }), formBody(p));
    });

    it("forged with the wrong token -> 403", async () => {
      const p = valid();
      await expectRejected(route, 403, () => postForm(s.base, route, p, { token: "not-the-token", signatureUrl: PUBLIC + route }), formBody(p));
    });

    it("a parameter tampered with after signing -> 403", async () => {
      const p = valid();
      const tampered = route === STATUS_PATH ? { ...p, MessageStatus: "delivered", SmsStatus: "delivered" } : { ...p, Body: p.Body + "!" };
      await expectRejected(route, 403, () => signedPost(route, tampered, { signatureParams: p }), formBody(tampered));
    });

    it("a parameter added after signing -> 403", async () => {
      const p = valid();
      const added = { ...p, ErrorCode: "30003" };
      await expectRejected(route, 403, () => signedPost(route, added, { signatureParams: p }));
    });

    it("signed over the Host header a proxy passed on instead of PUBLIC_BASE_URL -> 403", async () => {
      const p = valid();
      await expectRejected(route, 403, () =>
        postForm(s.base, route, p, { token: s.token, signatureUrl: `http://evil.example${route}`, headers: { host: "evil.example" } }),
      );
      await expectRejected(route, 403, () =>
        postForm(s.base, route, p, {
          token: s.token,
          signatureUrl: `https://evil.example${route}`,
          headers: { host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" },
        }),
      );
    });

    it("signed over the URL the server actually listens on (not PUBLIC_BASE_URL) -> 403", async () => {
      const p = valid();
      await expectRejected(route, 403, () => postForm(s.base, route, p, { token: s.token, signatureUrl: s.base + route }));
    });

    it("signed for http instead of https, or another path -> 403", async () => {
      const p = valid();
      await expectRejected(route, 403, () => postForm(s.base, route, p, { token: s.token, signatureUrl: PUBLIC.replace("https:", "http:") + route }));
      const other = route === STATUS_PATH ? INBOUND_PATH : STATUS_PATH;
      await expectRejected(route, 403, () => postForm(s.base, route, p, { token: s.token, signatureUrl: PUBLIC + other }));
    });

    it("a query string the signature does not cover -> 403", async () => {
      const p = valid();
      await expectRejected(route, 403, () => postForm(s.base, route + "?tenant=acme", p, { token: s.token, signatureUrl: PUBLIC + route }));
    });

    it("the stored body copy is bounded to 2048 characters", async () => {
      const p = { ...valid(), Padding: "p".repeat(10_000) };
      const body = formBody(p);
      const row = await expectRejected(route, 403, () => postForm(s.base, route, p), body);
      expect(row.body).toHaveLength(2048);
      expect(row.body_bytes).toBe(Buffer.byteLength(body));
    });

    for (const [label, contentType, body] of [
      ["application/json", "application/json", null],
      ["text/plain", "text/plain", null],
      ["multipart/form-data", "multipart/form-data; boundary=xyz", null],
      ["no Content-Type", null, null],
    ] as const) {
      it(`wrong content type (${label}) -> 415, even when correctly signed`, async () => {
        const p = valid();
        const raw = contentType === "application/json" ? JSON.stringify(p) : (body ?? formBody(p));
        await expectRejected(route, 415, () => signedPost(route, p, { contentType, rawBody: raw }), raw);
      });
    }

    it("body over 64 KiB with a Content-Length -> 413", async () => {
      const p = { ...valid(), Padding: "z".repeat(64 * 1024) };
      const body = formBody(p);
      expect(Buffer.byteLength(body)).toBeGreaterThan(65536);
      await expectRejected(route, 413, () => signedPost(route, p), body);
    });

    it("body over 64 KiB sent chunked, without a Content-Length -> 413", async () => {
      const p = { ...valid(), Padding: "z".repeat(200 * 1024) };
      const body = formBody(p);
      await expectRejected(route, 413, () => signedPost(route, p, { chunked: true }), body);
    });

    it("body of 65,537 bytes -> 413 (one byte over)", async () => {
      const p = valid();
      const head = formBody(p) + "&Padding=";
      const body = head + "y".repeat(65537 - head.length);
      expect(Buffer.byteLength(body)).toBe(65537);
      await expectRejected(route, 413, () => signedPost(route, p, { rawBody: body, signatureParams: parseFormIndependently(body) }), body);
    });

    it("missing MessageSid -> 400 with JSON {error}", async () => {
      const p = valid();
      delete p.MessageSid;
      const row = await expectRejected(route, 400, () => signedPost(route, p), formBody(p));
      expect(row.reason).toMatch(/MessageSid/);
    });

    it("empty MessageSid -> 400", async () => {
      const p = { ...valid(), MessageSid: "" };
      await expectRejected(route, 400, () => signedPost(route, p), formBody(p));
    });

    // SPEC section 4 lists this under "Both" routes.
    it("an unknown MessageStatus value -> 400", async () => {
      const p = { ...valid(), MessageStatus: "exploded" };
      const row = await expectRejected(route, 400, () => signedPost(route, p), formBody(p));
      expect(row.reason).toMatch(/MessageStatus|exploded/);
    });

    if (route === STATUS_PATH) {
      it("missing MessageStatus -> 400", async () => {
        const p: Record<string, string> = statusParams(newSid(), "sent");
        delete p.MessageStatus;
        await expectRejected(route, 400, () => signedPost(route, p), formBody(p));
      });

      it("MessageStatus in another case (DELIVERED) is not a Twilio value -> 400", async () => {
        const p = statusParams(newSid(), "DELIVERED");
        await expectRejected(route, 400, () => signedPost(route, p), formBody(p));
      });
    }
  });

  describe(`${route}: requests that must be accepted`, () => {
    it("correctly signed for PUBLIC_BASE_URL -> 2xx", async () => {
      const r = await signedPost(route, valid());
      expect(ok(r), describeAnswer(r)).toBe(true);
    });

    it("correctly signed, sent through a proxy that rewrote Host -> 2xx", async () => {
      const r = await signedPost(route, valid(), { headers: { host: "internal:9999" } });
      expect(ok(r), describeAnswer(r)).toBe(true);
      const r2 = await signedPost(route, valid(), {
        headers: { host: "10.0.0.7:3000", "x-forwarded-host": "evil.example", "x-forwarded-proto": "http", "x-forwarded-for": "203.0.113.9" },
      });
      expect(ok(r2), describeAnswer(r2)).toBe(true);
    });

    it("signed with the standard port in the URL (https://host:443/...) -> 2xx", async () => {
      const r = await postForm(s.base, route, valid(), { token: s.token, signatureUrl: PUBLIC + ":443" + route });
      expect(ok(r), describeAnswer(r)).toBe(true);
    });

    it("with a query string covered by the signature -> 2xx", async () => {
      const r = await postForm(s.base, route + "?tenant=acme&x=1", valid(), { token: s.token, signatureUrl: PUBLIC + route + "?tenant=acme&x=1" });
      expect(ok(r), describeAnswer(r)).toBe(true);
    });

    it("Content-Type with a charset parameter or in upper case -> 2xx", async () => {
      const r = await signedPost(route, valid(), { contentType: "application/x-www-form-urlencoded; charset=utf-8" });
      expect(ok(r), describeAnswer(r)).toBe(true);
      const r2 = await signedPost(route, valid(), { contentType: "Application/X-WWW-Form-URLEncoded" });
      expect(ok(r2), describeAnswer(r2)).toBe(true);
    });

    it("a body of exactly 64 KiB is not too large -> 2xx", async () => {
      const p = valid();
      const head = formBody(p) + "&Padding=";
      const body = head + "y".repeat(65536 - head.length);
      expect(Buffer.byteLength(body)).toBe(65536);
      const r = await signedPost(route, p, { rawBody: body, signatureParams: parseFormIndependently(body) });
      expect(ok(r), describeAnswer(r)).toBe(true);
      // The same size sent chunked (no Content-Length), as a new message.
      const p2 = valid();
      const head2 = formBody(p2) + "&Padding=";
      const body2 = head2 + "y".repeat(65536 - head2.length);
      const chunked = await signedPost(route, p2, { rawBody: body2, chunked: true, signatureParams: parseFormIndependently(body2) });
      expect(ok(chunked), describeAnswer(chunked)).toBe(true);
    });

    it("a chunked body under the limit is read whole -> 2xx", async () => {
      const p = { ...valid(), Padding: "q".repeat(40_000) };
      const r = await signedPost(route, p, { chunked: true });
      expect(ok(r), describeAnswer(r)).toBe(true);
    });
  });
}

describe("parameter names that collide with Object.prototype members", () => {
  // Twilio signs every parameter it sends; the form parser must treat these names like any other.
  it("a genuinely signed callback with a parameter named constructor / toString / valueOf is accepted", async () => {
    const refused: string[] = [];
    for (const name of ["constructor", "toString", "valueOf", "hasOwnProperty"]) {
      const p = { ...statusParams(newSid(), "sent"), [name]: "x" };
      const r = await signedPost(STATUS_PATH, p);
      if (!ok(r)) refused.push(`${name}: ${describeAnswer(r)}`);
    }
    expect(refused).toEqual([]);
  });

  it("a __proto__ parameter appended to a signed request is refused (it is not covered by the signature)", async () => {
    const p = statusParams(newSid(), "sent");
    const before = counts();
    const r = await signedPost(STATUS_PATH, p, { rawBody: formBody(p) + "&__proto__=injected", signatureParams: p });
    expect(r.status, describeAnswer(r)).toBe(403);
    expect(counts().status_events).toBe(before.status_events);
  });
});

// ---------------------------------------------------------------------------------------------
// The rules: status changes, ordering, duplicates, orphans
// ---------------------------------------------------------------------------------------------

interface MessageJson {
  id: number;
  conversationId: number;
  direction: string;
  channel: string;
  body: string;
  from: string;
  to: string;
  providerMessageId: string;
  status: string;
  displayStatus: string;
  errorCode: string | null;
  errorTitle: string | null;
  read?: boolean;
  media?: { url: string; contentType: string | null }[];
  history: { status: string; errorCode: string | null; receivedAt: string }[];
}

const SILENT_PHONE = "+12125550199"; // ends in 0199: the simulator sends no callbacks
let silentConversation: number | null = null;

async function sendSilent(body = "status test"): Promise<MessageJson> {
  if (silentConversation === null) {
    const conv = await api(s.base, "POST", "/api/conversations", { phone: SILENT_PHONE, name: "Webhook tests" }, s.adminToken);
    expect([200, 201], conv.text).toContain(conv.status);
    silentConversation = conv.json.id as number;
  }
  const r = await api(s.base, "POST", `/api/conversations/${silentConversation}/messages`, { body }, s.adminToken);
  expect(r.status, r.text).toBe(201);
  const m = (r.json.message ?? r.json) as MessageJson;
  expect(typeof m.providerMessageId).toBe("string");
  expect(m.providerMessageId.length).toBeGreaterThan(2);
  return m;
}

async function getMessage(id: number): Promise<MessageJson> {
  const r = await api(s.base, "GET", `/api/messages/${id}`, undefined, s.adminToken);
  expect(r.status, r.text).toBe(200);
  return (r.json.message ?? r.json) as MessageJson;
}

async function callback(m: MessageJson, status: string, errorCode?: string): Promise<HttpAnswer> {
  const extra: Record<string, string> = { To: m.to, From: m.from };
  if (errorCode) extra.ErrorCode = errorCode;
  const r = await signedPost(STATUS_PATH, statusParams(m.providerMessageId, status, extra));
  expect(ok(r), `callback ${status} ${errorCode ?? ""}: ${describeAnswer(r)}`).toBe(true);
  return r;
}

const historyOf = (m: MessageJson) => m.history.map((h) => (h.errorCode ? `${h.status}:${h.errorCode}` : h.status));

describe("status callbacks drive a message's status (REST-created message)", () => {
  it("sending -> sent -> delivered -> read, each kept in the history", async () => {
    const m = await sendSilent();
    expect(m.direction).toBe("outbound");
    expect(m.displayStatus).toBe("sending");
    expect(m.to).toBe(SILENT_PHONE);
    expect((await getMessage(m.id)).displayStatus).toBe("sending");

    await callback(m, "queued");
    expect((await getMessage(m.id)).displayStatus).toBe("sending");
    await callback(m, "sent");
    let now = await getMessage(m.id);
    expect(now.displayStatus).toBe("sent");
    expect(now.status).toBe("sent");
    await callback(m, "delivered");
    now = await getMessage(m.id);
    expect(now.displayStatus).toBe("delivered");
    expect(now.errorCode).toBeNull();
    await callback(m, "read");
    now = await getMessage(m.id);
    expect(now.displayStatus).toBe("delivered");
    if (now.read !== undefined) expect(now.read).toBe(true);
    expect(historyOf(now)).toEqual(["accepted", "queued", "sent", "delivered", "read"]);
    for (const h of now.history) expect(Number.isNaN(Date.parse(h.receivedAt))).toBe(false);
  });

  it("undelivered with a known code shows Undelivered with the code and its title", async () => {
    const m = await sendSilent();
    await callback(m, "sent");
    await callback(m, "undelivered", "30006");
    const now = await getMessage(m.id);
    expect(now.displayStatus).toBe("undelivered");
    expect(now.errorCode).toBe("30006");
    expect(typeof now.errorTitle).toBe("string");
    expect(historyOf(now)).toEqual(["accepted", "sent", "undelivered:30006"]);
  });

  it("failed 30001 shows Failed; failed/undelivered with 30008 or an unknown code show Unknown Error", async () => {
    const a = await sendSilent();
    await callback(a, "failed", "30001");
    expect(await getMessage(a.id)).toMatchObject({ displayStatus: "failed", errorCode: "30001" });

    const b = await sendSilent();
    await callback(b, "sent");
    await callback(b, "undelivered", "30008");
    expect(await getMessage(b.id)).toMatchObject({ displayStatus: "unknown_error", errorCode: "30008" });

    const c = await sendSilent();
    await callback(c, "failed", "31999");
    expect(await getMessage(c.id)).toMatchObject({ displayStatus: "unknown_error", errorCode: "31999" });
  });

  it("20 concurrent identical callbacks: all 2xx, stored once", async () => {
    const m = await sendSilent();
    const params = statusParams(m.providerMessageId, "sent", { To: m.to, From: m.from });
    const answers = await Promise.all(Array.from({ length: 20 }, () => signedPost(STATUS_PATH, params)));
    for (const r of answers) expect(ok(r), describeAnswer(r)).toBe(true);
    const now = await getMessage(m.id);
    expect(now.displayStatus).toBe("sent");
    expect(historyOf(now)).toEqual(["accepted", "sent"]);
    const rows = s.db().prepare(`SELECT count(*) AS n FROM status_events WHERE provider_message_id = ? AND status = 'sent'`).get(m.providerMessageId) as { n: number };
    expect(rows.n).toBe(1);
  });

  it("concurrent callbacks of different statuses end at the highest rank, each stored once", async () => {
    const m = await sendSilent();
    const statuses: [string, string?][] = [["queued"], ["sent"], ["undelivered", "30003"], ["delivered"], ["sent"], ["queued"], ["delivered"]];
    const answers = await Promise.all(
      [...statuses, ...statuses].map(([st, code]) =>
        signedPost(STATUS_PATH, statusParams(m.providerMessageId, st, { To: m.to, ...(code ? { ErrorCode: code } : {}) })),
      ),
    );
    for (const r of answers) expect(ok(r), describeAnswer(r)).toBe(true);
    const now = await getMessage(m.id);
    expect(now.displayStatus).toBe("delivered");
    expect(now.errorCode).toBeNull();
    expect([...historyOf(now)].sort()).toEqual(["accepted", "delivered", "queued", "sent", "undelivered:30003"]);
  });

  it("out of order: delivered then sent stays Delivered, both in the history", async () => {
    const m = await sendSilent();
    await callback(m, "delivered");
    await callback(m, "sent");
    const now = await getMessage(m.id);
    expect(now.displayStatus).toBe("delivered");
    expect(historyOf(now)).toEqual(["accepted", "delivered", "sent"]);
  });

  it("undelivered 30003 then delivered: Delivered wins (rank 4 > 3)", async () => {
    const m = await sendSilent();
    await callback(m, "sent");
    await callback(m, "undelivered", "30003");
    expect((await getMessage(m.id)).displayStatus).toBe("undelivered");
    await callback(m, "delivered");
    const now = await getMessage(m.id);
    expect(now.displayStatus).toBe("delivered");
    expect(now.errorCode).toBeNull();
    expect(historyOf(now)).toEqual(["accepted", "sent", "undelivered:30003", "delivered"]);
  });

  it("delivered then undelivered: stays Delivered", async () => {
    const m = await sendSilent();
    await callback(m, "delivered");
    await callback(m, "undelivered", "30003");
    const now = await getMessage(m.id);
    expect(now.displayStatus).toBe("delivered");
    expect(historyOf(now)).toEqual(["accepted", "delivered", "undelivered:30003"]);
  });

  it("failed then undelivered (equal rank): the later one wins", async () => {
    const m = await sendSilent();
    await callback(m, "failed", "30001");
    expect((await getMessage(m.id)).displayStatus).toBe("failed");
    await callback(m, "undelivered", "30003");
    const now = await getMessage(m.id);
    expect(now.displayStatus).toBe("undelivered");
    expect(now.errorCode).toBe("30003");
    expect(historyOf(now)).toEqual(["accepted", "failed:30001", "undelivered:30003"]);
  });

  it("undelivered then sent/queued: a lower rank never moves the status back", async () => {
    const m = await sendSilent();
    await callback(m, "undelivered", "30005");
    await callback(m, "sent");
    await callback(m, "queued");
    const now = await getMessage(m.id);
    expect(now.displayStatus).toBe("undelivered");
    expect(now.errorCode).toBe("30005");
    expect(historyOf(now)).toEqual(["accepted", "undelivered:30005", "sent", "queued"]);
  });

  it("a duplicate (same id, status and code) is stored once; the same status with another code is kept", async () => {
    const m = await sendSilent();
    await callback(m, "failed", "30001");
    await callback(m, "failed", "30001");
    await callback(m, "failed", "30002");
    const now = await getMessage(m.id);
    expect(historyOf(now)).toEqual(["accepted", "failed:30001", "failed:30002"]);
    expect(now.errorCode).toBe("30002");
  });

  it("a duplicate later does not re-apply over a newer status", async () => {
    const m = await sendSilent();
    await callback(m, "failed", "30001");
    await callback(m, "undelivered", "30003");
    await callback(m, "failed", "30001"); // a retry of the first one
    const now = await getMessage(m.id);
    expect(now.displayStatus).toBe("undelivered");
    expect(now.errorCode).toBe("30003");
  });

  it("a status callback for an unknown MessageSid is acknowledged and kept (orphan)", async () => {
    const sid = newSid();
    const before = counts();
    const r = await signedPost(STATUS_PATH, statusParams(sid, "delivered"));
    expect(ok(r), describeAnswer(r)).toBe(true);
    const again = await signedPost(STATUS_PATH, statusParams(sid, "delivered"));
    expect(ok(again), describeAnswer(again)).toBe(true);
    const rows = s.db().prepare(`SELECT message_id, status, error_code, raw_payload FROM status_events WHERE provider_message_id = ?`).all(sid) as {
      message_id: number | null;
      status: string;
      raw_payload: string;
    }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.message_id).toBeNull();
    expect(rows[0]!.status).toBe("delivered");
    expect(rows[0]!.raw_payload).toContain(sid);
    expect(counts().messages).toBe(before.messages);
  });
});

// ---------------------------------------------------------------------------------------------
// Inbound texts
// ---------------------------------------------------------------------------------------------

describe("inbound texts", () => {
  const messageBySid = (sid: string) =>
    s.db().prepare(`SELECT * FROM messages WHERE provider_message_id = ?`).get(sid) as
      | { id: number; conversation_id: number; direction: string; channel: string; body: string; from_number: string; to_number: string; display_status: string }
      | undefined;

  it("a signed inbound SMS (fixture shape) -> 200 empty TwiML as text/xml, creating contact and conversation", async () => {
    const p = inboundParams();
    const before = counts();
    const r = await signedPost(INBOUND_PATH, p);
    expect(r.status, describeAnswer(r)).toBe(200);
    expect(r.type).toMatch(/^text\/xml/);
    expect(r.text.trim()).toBe("<Response></Response>");
    const after = counts();
    expect(after.messages).toBe(before.messages + 1);
    expect(after.contacts).toBe(before.contacts + 1);
    expect(after.conversations).toBe(before.conversations + 1);
    const contact = s.db().prepare(`SELECT id, opted_out_at FROM contacts WHERE phone = ?`).get(p.From) as { id: number; opted_out_at: number | null } | undefined;
    expect(contact).toBeDefined();
    const conv = s.db().prepare(`SELECT id FROM conversations WHERE contact_id = ?`).get(contact!.id) as { id: number } | undefined;
    expect(conv).toBeDefined();
    const m = messageBySid(p.MessageSid!);
    expect(m).toMatchObject({ conversation_id: conv!.id, direction: "inbound", channel: "sms", body: p.Body, from_number: p.From, display_status: "received" });
    const viaApi = await getMessage(m!.id);
    expect(viaApi.displayStatus).toBe("received");
    expect(viaApi.direction).toBe("inbound");
  });

  it("a second text from the same number joins the same conversation", async () => {
    const first = inboundParams();
    const second = inboundParams({ From: first.From!, Body: "second" });
    expect((await signedPost(INBOUND_PATH, first)).status).toBe(200);
    const before = counts();
    expect((await signedPost(INBOUND_PATH, second)).status).toBe(200);
    const after = counts();
    expect(after.contacts).toBe(before.contacts);
    expect(after.conversations).toBe(before.conversations);
    expect(messageBySid(second.MessageSid!)!.conversation_id).toBe(messageBySid(first.MessageSid!)!.conversation_id);
  });

  it("the same MessageSid twice (also concurrently) -> one message", async () => {
    const p = inboundParams();
    const before = counts();
    const answers = await Promise.all(Array.from({ length: 8 }, () => signedPost(INBOUND_PATH, p)));
    for (const r of answers) {
      expect(r.status, describeAnswer(r)).toBe(200);
      expect(r.text.trim()).toBe("<Response></Response>");
    }
    const again = await signedPost(INBOUND_PATH, p);
    expect(again.status).toBe(200);
    const after = counts();
    expect(after.messages).toBe(before.messages + 1);
    expect(after.contacts).toBe(before.contacts + 1);
    expect(after.conversations).toBe(before.conversations + 1);
  });

  it("an MMS stores its media (MediaUrl0, MediaContentType0)", async () => {
    const p = inboundParams({}, INBOUND_MMS);
    const r = await signedPost(INBOUND_PATH, p);
    expect(r.status, describeAnswer(r)).toBe(200);
    const m = messageBySid(p.MessageSid!)!;
    expect(m.channel).toBe("mms");
    const media = s.db().prepare(`SELECT url, content_type FROM message_media WHERE message_id = ?`).all(m.id);
    expect(media).toEqual([{ url: p.MediaUrl0, content_type: p.MediaContentType0 }]);
    const viaApi = await getMessage(m.id);
    if (viaApi.media) expect(viaApi.media).toEqual([{ url: p.MediaUrl0, contentType: p.MediaContentType0 }]);
  });

  it("STOP marks the contact opted out; START clears it", async () => {
    const from = freshFrom();
    const optedOut = () => (s.db().prepare(`SELECT opted_out_at FROM contacts WHERE phone = ?`).get(from) as { opted_out_at: number | null } | undefined)?.opted_out_at;
    expect((await signedPost(INBOUND_PATH, inboundParams({ From: from, Body: "Hello" }))).status).toBe(200);
    expect(optedOut()).toBeNull();
    expect((await signedPost(INBOUND_PATH, inboundParams({ From: from, Body: "STOP" }))).status).toBe(200);
    const at = optedOut();
    expect(typeof at).toBe("number");
    expect(at).toBeGreaterThan(Date.now() - 60_000);
    expect((await signedPost(INBOUND_PATH, inboundParams({ From: from, Body: "START" }))).status).toBe(200);
    expect(optedOut()).toBeNull();
    // Keywords are case-insensitive and ignore surrounding space.
    expect((await signedPost(INBOUND_PATH, inboundParams({ From: from, Body: " stop " }))).status).toBe(200);
    expect(typeof optedOut()).toBe("number");
    expect((await signedPost(INBOUND_PATH, inboundParams({ From: from, Body: "start" }))).status).toBe(200);
    expect(optedOut()).toBeNull();
    // A sentence that merely contains the word is not a keyword.
    expect((await signedPost(INBOUND_PATH, inboundParams({ From: from, Body: "please don't stop texting me" }))).status).toBe(200);
    expect(optedOut()).toBeNull();
  });

  it("a status callback naming an inbound text's SID does not give it a send status (it stays Received)", async () => {
    const p = inboundParams();
    expect((await signedPost(INBOUND_PATH, p)).status).toBe(200);
    const r = await signedPost(STATUS_PATH, statusParams(p.MessageSid!, "delivered", { To: p.To!, From: p.From! }));
    expect(r.status).toBeLessThan(500);
    const m = messageBySid(p.MessageSid!)!;
    expect({ direction: m.direction, display: m.display_status }).toEqual({ direction: "inbound", display: "received" });
  });

  it("HTML in Body is stored verbatim", async () => {
    const body = `<script>alert("x")</script><b>bold</b> & <img src=x onerror=alert(1)> 'quoted' \u00e9\u{1F44B}`;
    const p = inboundParams({ Body: body });
    expect((await signedPost(INBOUND_PATH, p)).status).toBe(200);
    const m = messageBySid(p.MessageSid!)!;
    expect(m.body).toBe(body);
    expect((await getMessage(m.id)).body).toBe(body);
  });
});

// ---------------------------------------------------------------------------------------------
// Malformed input at volume (seeded, reproducible)
// ---------------------------------------------------------------------------------------------

describe("malformed input at volume never answers 5xx", () => {
  const SEED = 20_260_117;
  const PROTO_KEYS = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"];
  const KNOWN_KEYS = [
    "MessageSid",
    "SmsSid",
    "MessageStatus",
    "SmsStatus",
    "ErrorCode",
    "From",
    "To",
    "Body",
    "NumMedia",
    "MediaUrl0",
    "MediaContentType0",
    "MediaUrl9",
    "NumSegments",
    "AccountSid",
    "RawDlrDoneDate",
    "",
    ...PROTO_KEYS,
  ];
  const VALUES = [
    "sent",
    "delivered",
    "undelivered",
    "failed",
    "read",
    "queued",
    "canceled",
    "received",
    "partially_delivered",
    "bogus",
    "",
    " ",
    "abc",
    "-1",
    "99999999",
    "30003",
    "30008",
    " 30003 ",
    "1e3",
    "0x10",
    "NaN",
    "Infinity",
    "null",
    "undefined",
    "+14155550100",
    "javascript:alert(1)",
    "http://",
    "https://example.com/a.jpg",
    "-5",
    "11",
    "1000000",
    "SM" + "0".repeat(32),
    "\u0000",
    "\uffff",
    "\ud800",
  ];
  const key = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...KNOWN_KEYS) },
    { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 8 }) },
  );
  const value = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...VALUES) },
    { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
    { weight: 1, arbitrary: fc.integer({ min: -1e9, max: 1e12 }).map(String) },
    { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 60_000 }).map((n) => "v".repeat(n)) },
  );
  const FRAGMENTS = ["%", "%zz", "%ff", "%c3%28", "%ed%a0%80", "%f0%9f", "%00", "&", "&&", "=", "==", "+", "a", "MessageSid=", "MessageStatus=sent", "%26", "%3D", "\u00e9", "\n"];

  type Body =
    | { kind: "params"; pairs: [string, string][] }
    | { kind: "validish"; overrides: [string, string][]; drop: string[] }
    | { kind: "bytes"; bytes: Uint8Array }
    | { kind: "fragments"; text: string }
    | { kind: "empty" };

  const body: fc.Arbitrary<Body> = fc.oneof(
    { weight: 3, arbitrary: fc.record({ kind: fc.constant("params" as const), pairs: fc.array(fc.tuple(key, value), { maxLength: 12 }) }) },
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant("validish" as const),
        overrides: fc.array(fc.tuple(fc.constantFrom(...KNOWN_KEYS), value), { maxLength: 3 }),
        drop: fc.oneof(
          { weight: 3, arbitrary: fc.constant<string[]>([]) },
          { weight: 2, arbitrary: fc.subarray(["MessageSid", "MessageStatus", "From", "To", "Body"], { minLength: 1 }) },
        ),
      }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("bytes" as const), bytes: fc.uint8Array({ maxLength: 3000 }) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("fragments" as const), text: fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }).map((a) => a.join("")) }) },
    { weight: 1, arbitrary: fc.constant({ kind: "empty" as const }) },
  );
  const contentType = fc.oneof(
    { weight: 8, arbitrary: fc.constant("application/x-www-form-urlencoded") },
    { weight: 1, arbitrary: fc.constantFrom("application/x-www-form-urlencoded; charset=utf-8", "application/json", "text/plain", "", "x/\u00ff") },
    { weight: 1, arbitrary: fc.constant(null) },
  );
  const request = fc.record({
    body,
    signed: fc.boolean(),
    garbageSignature: fc.constantFrom("", "abc", "=", "A".repeat(28), "\u00e9\u00e9"),
    contentType,
    statusFirst: fc.boolean(),
  });

  function bytesOf(b: Body, route: string): Buffer {
    switch (b.kind) {
      case "params": {
        const sp = new URLSearchParams();
        for (const [k, v] of b.pairs) sp.append(k, v);
        return Buffer.from(sp.toString(), "utf8");
      }
      case "validish": {
        const base: Record<string, string> = route === STATUS_PATH ? statusParams(newSid(), "delivered") : inboundParams();
        for (const d of b.drop) delete base[d];
        const sp = new URLSearchParams(base);
        for (const [k, v] of b.overrides) sp.append(k, v);
        return Buffer.from(sp.toString(), "utf8");
      }
      case "bytes":
        return Buffer.from(b.bytes);
      case "fragments":
        return Buffer.from(b.text, "utf8");
      case "empty":
        return Buffer.alloc(0);
    }
  }

  it("≥ 600 generated requests to both routes: only 2xx/4xx; refusals change nothing and are recorded", async () => {
    let sent = 0;
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async (req) => {
        const routes = req.statusFirst ? [STATUS_PATH, INBOUND_PATH] : [INBOUND_PATH, STATUS_PATH];
        for (const route of routes) {
          const bytes = bytesOf(req.body, route);
          const headers: Record<string, string> = {};
          if (req.contentType !== null) headers["content-type"] = req.contentType;
          if (req.signed) {
            const params = parseFormIndependently(new TextDecoder("utf-8").decode(bytes));
            headers["x-twilio-signature"] = sign(s.token, PUBLIC + route, params);
          } else if (req.garbageSignature) headers["x-twilio-signature"] = req.garbageSignature;
          const before = counts();
          let r: HttpAnswer;
          try {
            r = await rawRequest(s.base + route, { method: "POST", headers, body: bytes });
          } catch (e) {
            // A header value node refuses to send (e.g. non-Latin-1) is the client's problem.
            if (e instanceof TypeError && /header/i.test(e.message)) return;
            throw e;
          }
          sent++;
          seen.set(r.status, (seen.get(r.status) ?? 0) + 1);
          const what = `${route} signed=${req.signed} type=${String(req.contentType)} body=${JSON.stringify(bytes.toString("latin1").slice(0, 200))} -> ${describeAnswer(r)}`;
          expect(r.status < 500, what).toBe(true);
          expect((r.status >= 200 && r.status < 300) || (r.status >= 400 && r.status < 500), what).toBe(true);
          if (!req.signed) expect([403, 413, 415], what).toContain(r.status);
          if (r.status >= 400) {
            const after = counts();
            expect({ ...after, rejected: 0, maxRejectedId: 0 }, what).toEqual({ ...before, rejected: 0, maxRejectedId: 0 });
            expect(after.maxRejectedId, `a refusal is recorded: ${what}`).toBeGreaterThan(before.maxRejectedId);
            const json = r.json as { error?: unknown } | null;
            expect(typeof json?.error, what).toBe("string");
          }
        }
      }),
      { numRuns: 300, seed: SEED, endOnFailure: true },
    );
    console.log(`fuzz: ${sent} requests; answers ${JSON.stringify(Object.fromEntries([...seen].sort()))}`);
    expect(sent).toBeGreaterThanOrEqual(600);
    // The run reaches past the signature check, not only the early refusals.
    expect(seen.get(403) ?? 0).toBeGreaterThan(0);
    expect([...seen.entries()].filter(([st]) => st >= 200 && st < 300).reduce((a, [, n]) => a + n, 0)).toBeGreaterThan(20);
    expect(seen.get(400) ?? 0).toBeGreaterThan(20);
  }, 180_000);

  it("the server is still healthy afterwards", async () => {
    const r = await fetch(s.base + "/api/health");
    expect(r.status).toBe(200);
    expect(s.output()).not.toMatch(/webhook could not be stored/);
  });
});

// ---------------------------------------------------------------------------------------------
// Callbacks due almost at once (second server): the simulator's real signed callbacks
// ---------------------------------------------------------------------------------------------

describe("simulator callbacks due almost immediately (SIMULATOR_DELAY_SCALE=0.001)", () => {
  let fast: TestServer;

  beforeAll(async () => {
    fast = await startServer({ env: { SIMULATOR_DELAY_SCALE: "0.001" } });
  });

  afterAll(async () => {
    await fast?.stop();
  });

  const EXPECT: Record<string, { display: string; code: string | null; history: string[] }> = {
    "0100": { display: "delivered", code: null, history: ["queued", "sent", "delivered"] },
    "0101": { display: "undelivered", code: "30003", history: ["queued", "sent", "undelivered:30003"] },
    "0110": { display: "delivered", code: null, history: ["queued", "delivered", "sent"] },
    "0111": { display: "delivered", code: null, history: ["queued", "sent", "delivered"] },
  };

  it("0100, 0101, 0110, 0111 end in the right status with the right history, sent concurrently", async () => {
    const sent: { tail: string; id: number }[] = [];
    const convs: Record<string, number> = {};
    for (const tail of Object.keys(EXPECT)) {
      const c = await api(fast.base, "POST", "/api/conversations", { phone: `+1303555${tail}` }, fast.adminToken);
      expect([200, 201], c.text).toContain(c.status);
      convs[tail] = c.json.id as number;
    }
    const sends = Object.keys(EXPECT).flatMap((tail) =>
      Array.from({ length: 5 }, (_, i) =>
        api(fast.base, "POST", `/api/conversations/${convs[tail]}/messages`, { body: `race ${tail} #${i}` }, fast.adminToken).then((r) => {
          expect(r.status, r.text).toBe(201);
          sent.push({ tail, id: (r.json.message ?? r.json).id as number });
        }),
      ),
    );
    await Promise.all(sends);
    expect(sent).toHaveLength(20);

    // Every scheduled callback delivered (and answered 2xx: the simulator records any error).
    const jobs = await waitFor(
      "all simulator callbacks delivered",
      async () => {
        const rows = fast.db().prepare(`SELECT delivered_at, last_error FROM simulator_jobs`).all() as { delivered_at: number | null; last_error: string | null }[];
        return rows.length > 0 && rows.every((j) => j.delivered_at !== null) ? rows : undefined;
      },
      30_000,
    );
    expect(jobs.length).toBe(5 * (2 + 2 + 2 + 6));
    expect(jobs.filter((j) => j.last_error !== null)).toEqual([]);

    for (const { tail, id } of sent) {
      const r = await api(fast.base, "GET", `/api/messages/${id}`, undefined, fast.adminToken);
      expect(r.status).toBe(200);
      const m = (r.json.message ?? r.json) as MessageJson;
      const want = EXPECT[tail]!;
      expect({ tail, display: m.displayStatus, code: m.errorCode }).toEqual({ tail, display: want.display, code: want.code });
      expect([...historyOf(m)].sort(), `history of ${tail}`).toEqual([...want.history].sort());
    }
  });
});

// ---------------------------------------------------------------------------------------------
// A callback that beats the send API's response (Twilio provider against a local fake)
// ---------------------------------------------------------------------------------------------

describe("a status callback that arrives before the send API has answered (orphan, then applied)", () => {
  let tw: TestServer;
  let fake: FakeTwilio;
  const callbackAnswers: number[] = [];
  // Callbacks the fake delivers, signed, BEFORE it answers the create-message call; by the To tail.
  const BEFORE_ANSWER: Record<string, [string, string?][]> = {
    "0100": [["sent"], ["delivered"]],
    "0101": [["sent"], ["undelivered", "30003"]],
    "0110": [["delivered"], ["sent"]],
    "0120": [["sent"]],
  };

  beforeAll(async () => {
    fake = await startFakeTwilio({
      beforeCreateAnswer: async (message, form) => {
        const callbackUrl = form.StatusCallback ?? "";
        for (const [status, code] of BEFORE_ANSWER[message.to.slice(-4)] ?? []) {
          const params = statusParams(message.sid, status, { To: message.to, From: message.from, ...(code ? { ErrorCode: code } : {}) });
          const u = new URL(callbackUrl);
          const r = await postForm(tw.base, u.pathname + u.search, params, { token: tw.token, signatureUrl: callbackUrl });
          callbackAnswers.push(r.status);
        }
      },
    });
    tw = await startServer({ env: { TWILIO_ACCOUNT_SID: fake.accountSid, TWILIO_AUTH_TOKEN: fake.authToken, TWILIO_API_BASE_URL: fake.url } });
  });

  afterAll(async () => {
    await tw?.stop();
    await fake?.close();
  });

  const EXPECT: Record<string, { display: string; code: string | null; history: string[] }> = {
    "0100": { display: "delivered", code: null, history: ["queued", "sent", "delivered"] },
    "0101": { display: "undelivered", code: "30003", history: ["queued", "sent", "undelivered:30003"] },
    "0110": { display: "delivered", code: null, history: ["queued", "delivered", "sent"] },
    "0120": { display: "sent", code: null, history: ["queued", "sent"] },
  };

  for (const [tail, want] of Object.entries(EXPECT)) {
    it(`To ...${tail}: the early callbacks are applied when the message appears`, async () => {
      const c = await api(tw.base, "POST", "/api/conversations", { phone: `+1404555${tail}` }, tw.adminToken);
      expect([200, 201], c.text).toContain(c.status);
      const before = callbackAnswers.length;
      const r = await api(tw.base, "POST", `/api/conversations/${c.json.id}/messages`, { body: `early ${tail}` }, tw.adminToken);
      expect(r.status, r.text).toBe(201);
      const early = callbackAnswers.slice(before);
      expect(early).toHaveLength(BEFORE_ANSWER[tail]!.length);
      for (const st of early) expect(st >= 200 && st < 300, `early callback answered ${st}`).toBe(true);
      const sent = (r.json.message ?? r.json) as MessageJson;
      const g = await api(tw.base, "GET", `/api/messages/${sent.id}`, undefined, tw.adminToken);
      const m = (g.json.message ?? g.json) as MessageJson;
      expect({ display: m.displayStatus, code: m.errorCode }).toEqual({ display: want.display, code: want.code });
      expect([...historyOf(m)].sort()).toEqual([...want.history].sort());
      // No orphan is left behind for this message.
      const left = tw.db().prepare(`SELECT count(*) AS n FROM status_events WHERE provider_message_id = ? AND message_id IS NULL`).get(m.providerMessageId) as { n: number };
      expect(left.n).toBe(0);
      // A late duplicate after the answer changes nothing.
      const dup = await postForm(tw.base, STATUS_PATH, statusParams(m.providerMessageId, "sent", { To: m.to }), { token: tw.token, signatureUrl: tw.publicBaseUrl + STATUS_PATH });
      expect(dup.status).toBeLessThan(300);
      const again = await api(tw.base, "GET", `/api/messages/${sent.id}`, undefined, tw.adminToken);
      expect(((again.json.message ?? again.json) as MessageJson).displayStatus).toBe(want.display);
    });
  }
});
