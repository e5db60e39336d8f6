// The REST API against the real production server (SPEC section 4): health, authentication and
// roles (API token and a real better-auth session), conversations and sending with input checks,
// the admin message filter with cursor pagination, and the CSV export of the same filter.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn, startServer, type TestServer } from "./helpers/server";
import { api, waitFor, type ApiAnswer } from "./helpers/twilio";

let s: TestServer;

beforeAll(async () => {
  s = await startServer({ env: { SIMULATOR_DELAY_SCALE: "0.2" } });
});

afterAll(async () => {
  await s?.stop();
});

const admin = (method: string, path: string, body?: unknown) => api(s.base, method, path, body, s.adminToken);

function expectError(r: ApiAnswer, status: number) {
  expect(r.status, `${r.status} ${r.text.slice(0, 200)}`).toBe(status);
  expect(r.type).toMatch(/application\/json/);
  expect(typeof r.json?.error, r.text).toBe("string");
  expect((r.json.error as string).length).toBeGreaterThan(5);
  expect(r.json.error).not.toMatch(/something went wrong/i);
}

interface Msg {
  id: number;
  conversationId: number;
  direction: string;
  channel: string;
  body: string;
  from: string;
  to: string;
  providerMessageId: string | null;
  status: string;
  displayStatus: string;
  errorCode: string | null;
  errorTitle: string | null;
  segments: number;
  createdAt: string;
  history?: { status: string; errorCode: string | null; receivedAt: string }[];
}

const unwrap = (r: ApiAnswer) => (r.json?.message ?? r.json) as Msg;

describe("health", () => {
  it("GET /api/health -> 200 {ok: true} without auth", async () => {
    const r = await api(s.base, "GET", "/api/health", undefined, null);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ ok: true });
  });
});

const PROTECTED: [string, string, unknown?][] = [
  ["GET", "/api/messages"],
  ["GET", "/api/messages/1"],
  ["GET", "/api/messages/export"],
  ["POST", "/api/conversations", { phone: "+14155550142" }],
  ["POST", "/api/conversations/1/messages", { body: "hello" }],
];

describe("authentication", () => {
  for (const [method, path, body] of PROTECTED) {
    it(`${method} ${path}: no token -> 401; wrong token -> 401`, async () => {
      expectError(await api(s.base, method, path, body, null), 401);
      expectError(await api(s.base, method, path, body, "not-a-real-token"), 401);
      expectError(await api(s.base, method, path, body, s.adminToken + "x"), 401);
      expectError(await api(s.base, method, path, body, null, { headers: { authorization: `Basic ${Buffer.from("admin:x").toString("base64")}` } }), 401);
      expectError(await api(s.base, method, path, body, null, { headers: { authorization: "Bearer" } }), 401);
      expectError(await api(s.base, method, path, body, null, { cookie: "sendstatus.session_token=forged.value" }), 401);
    });
  }

  it("nothing was created by the refused requests", async () => {
    const n = (s.db().prepare(`SELECT count(*) AS n FROM contacts WHERE phone = '+14155550142'`).get() as { n: number }).n;
    expect(n).toBe(0);
  });
});

// --- An agent signed in through better-auth ---

describe("roles: an agent with a session cookie", () => {
  let cookie = "";

  beforeAll(async () => {
    const r = await signIn(s.base, { email: "agent@example.com", password: "sendstatus-demo" });
    expect(r.status).toBe(200);
    expect(r.cookie).toMatch(/session_token=/);
    cookie = r.cookie;
  });

  const asAgent = (method: string, path: string, body?: unknown) => api(s.base, method, path, body, null, { cookie });

  it("a wrong password signs nobody in", async () => {
    const r = await signIn(s.base, { email: "agent@example.com", password: "not-the-password" });
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.cookie).not.toMatch(/session_token=/);
  });

  it("gets 403 on the admin routes", async () => {
    expectError(await asAgent("GET", "/api/messages"), 403);
    expectError(await asAgent("GET", "/api/messages?displayStatus=failed"), 403);
    expectError(await asAgent("GET", "/api/messages/export"), 403);
  });

  it("creates a conversation, sends and reads a message", async () => {
    const c = await asAgent("POST", "/api/conversations", { phone: "+13125550199", name: "Agent test" });
    expect(c.status, c.text).toBe(201);
    expect(typeof c.json.id).toBe("number");
    const again = await asAgent("POST", "/api/conversations", { phone: "+13125550199" });
    expect(again.status).toBe(200);
    expect(again.json.id).toBe(c.json.id);
    const m = await asAgent("POST", `/api/conversations/${c.json.id}/messages`, { body: "sent by an agent" });
    expect(m.status, m.text).toBe(201);
    const msg = unwrap(m);
    expect(msg).toMatchObject({ conversationId: c.json.id, direction: "outbound", body: "sent by an agent", to: "+13125550199" });
    expect(typeof msg.providerMessageId).toBe("string");
    const read = await asAgent("GET", `/api/messages/${msg.id}`);
    expect(read.status).toBe(200);
    expect(unwrap(read).id).toBe(msg.id);
    expect(Array.isArray(unwrap(read).history)).toBe(true);
  });

  it("the admin session gets 200 on the admin routes", async () => {
    const r = await signIn(s.base, { email: "admin@example.com", password: "sendstatus-demo" });
    expect(r.status).toBe(200);
    const list = await api(s.base, "GET", "/api/messages?limit=1", undefined, null, { cookie: r.cookie });
    expect(list.status, list.text).toBe(200);
    const csv = await fetch(s.base + "/api/messages/export", { headers: { cookie: r.cookie } });
    await csv.arrayBuffer();
    expect(csv.status).toBe(200);
  });
});

// --- Conversations and sending ---

describe("POST /api/conversations", () => {
  it("201 when created, 200 with the same id for the same phone in another format", async () => {
    const created = await admin("POST", "/api/conversations", { phone: "(415) 555-0142", name: "Format test" });
    expect(created.status, created.text).toBe(201);
    const id = created.json.id as number;
    for (const phone of ["+14155550142", "+1 415 555 0142", "415.555.0142", "1-415-555-0142", " +14155550142 "]) {
      const r = await admin("POST", "/api/conversations", { phone });
      expect(r.status, `${phone}: ${r.text}`).toBe(200);
      expect(r.json.id).toBe(id);
    }
    const row = s.db().prepare(`SELECT count(*) AS n FROM contacts WHERE phone = '+14155550142'`).get() as { n: number };
    expect(row.n).toBe(1);
  });

  it("concurrent creates of one new phone make one conversation (one 201, the rest 200)", async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => admin("POST", "/api/conversations", { phone: "+14155550177" })));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.json.id)).size).toBe(1);
  });

  const bad: [string, unknown, string?][] = [
    ["missing phone", { name: "x" }],
    ["phone 'hello'", { phone: "hello" }],
    ["empty phone", { phone: "" }],
    ["phone as a number", { phone: 14155550142 }],
    ["phone too short", { phone: "+1" }],
    ["a JSON array", []],
    ["JSON null", null],
  ];
  for (const [label, body] of bad) {
    it(`400 for ${label}`, async () => {
      expectError(await admin("POST", "/api/conversations", body), 400);
    });
  }

  it("400 for invalid JSON and for a wrong content type", async () => {
    expectError(await api(s.base, "POST", "/api/conversations", undefined, s.adminToken, { rawBody: "{phone: +1415" }), 400);
    expectError(await api(s.base, "POST", "/api/conversations", undefined, s.adminToken, { rawBody: "" }), 400);
    const wrongType = await fetch(s.base + "/api/conversations", {
      method: "POST",
      headers: { authorization: `Bearer ${s.adminToken}`, "content-type": "text/plain" },
      body: JSON.stringify({ phone: "+14155550143" }),
    });
    const text = await wrongType.text();
    expectError({ status: wrongType.status, type: wrongType.headers.get("content-type") ?? "", text, json: JSON.parse(text) }, 400);
    const form = await fetch(s.base + "/api/conversations", {
      method: "POST",
      headers: { authorization: `Bearer ${s.adminToken}`, "content-type": "application/x-www-form-urlencoded" },
      body: "phone=%2B14155550143",
    });
    expect(form.status).toBe(400);
    await form.arrayBuffer();
  });
});

describe("POST /api/conversations/{id}/messages", () => {
  let conv = 0;

  beforeAll(async () => {
    const r = await admin("POST", "/api/conversations", { phone: "+16175550199", name: "Input checks" });
    expect([200, 201]).toContain(r.status);
    conv = r.json.id as number;
  });

  const bad: [string, unknown][] = [
    ["body missing", {}],
    ["body empty", { body: "" }],
    ["body only spaces", { body: "   \n " }],
    ["body not a string", { body: 42 }],
    ["body over 1600 characters", { body: "x".repeat(1601) }],
    ["a javascript: media URL", { body: "see this", mediaUrls: ["javascript:alert(1)"] }],
    ["a data: media URL", { body: "see this", mediaUrls: ["data:image/png;base64,AAAA"] }],
    ["a relative media URL", { body: "see this", mediaUrls: ["/etc/passwd"] }],
    ["mediaUrls not a list", { body: "see this", mediaUrls: "https://example.com/a.png" }],
    ["a from number that is not the team's", { body: "hi", from: "+19995550123" }],
  ];
  for (const [label, body] of bad) {
    it(`400 for ${label}`, async () => {
      const before = (s.db().prepare(`SELECT count(*) AS n FROM messages`).get() as { n: number }).n;
      expectError(await admin("POST", `/api/conversations/${conv}/messages`, body), 400);
      expect((s.db().prepare(`SELECT count(*) AS n FROM messages`).get() as { n: number }).n).toBe(before);
    });
  }

  it("400 for invalid JSON, an empty body and a wrong content type", async () => {
    expectError(await api(s.base, "POST", `/api/conversations/${conv}/messages`, undefined, s.adminToken, { rawBody: '{"body": "unterminated' }), 400);
    expectError(await api(s.base, "POST", `/api/conversations/${conv}/messages`, undefined, s.adminToken, { rawBody: "" }), 400);
    const r = await fetch(s.base + `/api/conversations/${conv}/messages`, {
      method: "POST",
      headers: { authorization: `Bearer ${s.adminToken}`, "content-type": "text/plain" },
      body: JSON.stringify({ body: "hi" }),
    });
    expect(r.status).toBe(400);
    expect(typeof ((await r.json()) as { error?: unknown }).error).toBe("string");
  });

  it("exactly 1600 characters is accepted (201)", async () => {
    const r = await admin("POST", `/api/conversations/${conv}/messages`, { body: "y".repeat(1600) });
    expect(r.status, r.text).toBe(201);
    expect(unwrap(r).body).toHaveLength(1600);
  });

  it("404 for an unknown conversation", async () => {
    expectError(await admin("POST", "/api/conversations/987654321/messages", { body: "hello" }), 404);
  });

  for (const id of ["abc", "1.5", "-1", "0x10", "1e3", "99999999999999999999", "%20", "null"]) {
    it(`404 (not 500) for the non-numeric or impossible id "${id}"`, async () => {
      expectError(await admin("POST", `/api/conversations/${id}/messages`, { body: "hello" }), 404);
      expectError(await admin("GET", `/api/messages/${id}`), 404);
    });
  }

  it("404 for an unknown message", async () => {
    expectError(await admin("GET", "/api/messages/987654321"), 404);
  });
});

// ---------------------------------------------------------------------------------------------
// The admin filter: pages, cursors, and the CSV export
// ---------------------------------------------------------------------------------------------

const OUTCOMES = ["0100", "0101", "0105", "0107", "0109"];
const TRICKY_BODY = 'Order #42, "fragile" — leave it at the door,\nthanks; call "me" if\r\nneeded';

interface Filter {
  label: string;
  query: Record<string, string>;
  match: (m: Msg) => boolean;
}

function isNewestFirst(items: Msg[]): boolean {
  for (let i = 1; i < items.length; i++) {
    const a = items[i - 1]!;
    const b = items[i]!;
    const ta = Date.parse(a.createdAt);
    const tb = Date.parse(b.createdAt);
    if (!(ta > tb || (ta === tb && a.id > b.id))) return false;
  }
  return true;
}

async function walk(query: Record<string, string>, limit: number, between?: (page: number) => Promise<void>): Promise<{ items: Msg[]; pages: number }> {
  const items: Msg[] = [];
  let cursor: string | null = null;
  let pages = 0;
  for (;;) {
    const sp = new URLSearchParams({ ...query, limit: String(limit) });
    if (cursor) sp.set("cursor", cursor);
    const r = await admin("GET", `/api/messages?${sp}`);
    expect(r.status, `${sp}: ${r.text.slice(0, 200)}`).toBe(200);
    expect(Array.isArray(r.json.items)).toBe(true);
    expect("nextCursor" in r.json).toBe(true);
    const page = r.json.items as Msg[];
    pages++;
    expect(page.length).toBeLessThanOrEqual(limit);
    items.push(...page);
    cursor = r.json.nextCursor as string | null;
    if (cursor === null) break;
    expect(typeof cursor).toBe("string");
    expect(page.length, "a page with a next cursor is not empty").toBeGreaterThan(0);
    expect(pages).toBeLessThan(500);
    if (between) await between(pages);
  }
  return { items, pages };
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRow = () => {
    row.push(field);
    rows.push(row);
    row = [];
    field = "";
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === "") {
      quoted = true;
      i++;
    } else if (c === ",") {
      row.push(field);
      field = "";
      i++;
    } else if (c === "\r" && text[i + 1] === "\n") {
      endRow();
      i += 2;
    } else if (c === "\n") {
      endRow();
      i++;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== "" || row.length > 0) endRow();
  return rows;
}

describe("GET /api/messages filters and GET /api/messages/export", () => {
  const mine: number[] = [];
  let universe: Msg[] = [];
  let trickyId = 0;
  let filters: Filter[] = [];

  beforeAll(async () => {
    const convs: Record<string, number> = {};
    for (const tail of OUTCOMES) {
      const r = await admin("POST", "/api/conversations", { phone: `+1720555${tail}`, name: `Outcome ${tail}` });
      expect([200, 201], r.text).toContain(r.status);
      convs[tail] = r.json.id as number;
    }
    // 25 texts, one at a time so that their creation times differ: SMS and MMS, two senders.
    for (let i = 0; i < 25; i++) {
      const tail = OUTCOMES[i % OUTCOMES.length]!;
      const body: Record<string, unknown> = { body: i === 7 ? TRICKY_BODY : `filter test ${i} to ${tail}` };
      if (i % 4 === 1) body.mediaUrls = [`https://example.com/media/${i}.png`];
      if (i % 3 === 2) body.from = "+18885550100";
      const r = await admin("POST", `/api/conversations/${convs[tail]}/messages`, body);
      expect(r.status, r.text).toBe(201);
      const m = unwrap(r);
      mine.push(m.id);
      if (i === 7) trickyId = m.id;
      await new Promise((res) => setTimeout(res, 3));
    }
    // Wait until the simulator has delivered every callback and none of these texts is in flight.
    await waitFor(
      "every test text to reach its final status",
      async () => {
        const pending = (s.db().prepare(`SELECT count(*) AS n FROM simulator_jobs WHERE delivered_at IS NULL`).get() as { n: number }).n;
        if (pending > 0) return undefined;
        for (const id of mine) {
          const m = unwrap(await admin("GET", `/api/messages/${id}`));
          if (m.displayStatus === "sending" || m.displayStatus === "sent") return undefined;
        }
        return true;
      },
      30_000,
      200,
    );
    // Every message in the database, read one by one through GET /api/messages/{id}.
    const ids = (s.db().prepare(`SELECT id FROM messages ORDER BY id`).all() as { id: number }[]).map((r) => r.id);
    universe = [];
    for (const id of ids) {
      const r = await admin("GET", `/api/messages/${id}`);
      expect(r.status).toBe(200);
      universe.push(unwrap(r));
    }

    const mineMsgs = universe.filter((m) => mine.includes(m.id));
    const times = [...new Set(mineMsgs.map((m) => Date.parse(m.createdAt)))].sort((a, b) => a - b);
    // Window bounds strictly between two creation times, so inclusive vs exclusive cannot matter.
    const gapAfter = (from: number, step: 1 | -1): number => {
      for (let k = from; k >= 0 && k + 1 < times.length; k += step) if (times[k + 1]! - times[k]! >= 2) return times[k]! + 1;
      throw new Error("no gap between creation times");
    };
    const since = gapAfter(4, 1);
    const until = gapAfter(times.length - 6, -1);
    expect(until).toBeGreaterThan(since);
    const iso = (t: number) => new Date(t).toISOString();

    filters = [
      { label: "no filter", query: {}, match: () => true },
      { label: "displayStatus=failed,undelivered", query: { displayStatus: "failed,undelivered" }, match: (m) => ["failed", "undelivered"].includes(m.displayStatus) },
      { label: "displayStatus=unknown_error", query: { displayStatus: "unknown_error" }, match: (m) => m.displayStatus === "unknown_error" },
      { label: "errorCode=30003", query: { errorCode: "30003" }, match: (m) => m.errorCode === "30003" },
      { label: "errorCode=30034,30001", query: { errorCode: "30034,30001" }, match: (m) => m.errorCode === "30034" || m.errorCode === "30001" },
      { label: "channel=sms", query: { channel: "sms" }, match: (m) => m.channel === "sms" },
      { label: "channel=mms", query: { channel: "mms" }, match: (m) => m.channel === "mms" },
      { label: "from=+14155550000", query: { from: "+14155550000" }, match: (m) => m.from === "+14155550000" },
      { label: "from=+18885550100", query: { from: "+18885550100" }, match: (m) => m.from === "+18885550100" },
      { label: "to=+17205550105", query: { to: "+17205550105" }, match: (m) => m.to === "+17205550105" },
      {
        label: "displayStatus=undelivered&channel=sms&from=+14155550000",
        query: { displayStatus: "undelivered", channel: "sms", from: "+14155550000" },
        match: (m) => m.displayStatus === "undelivered" && m.channel === "sms" && m.from === "+14155550000",
      },
      {
        label: "since/until window",
        query: { since: iso(since), until: iso(until) },
        match: (m) => Date.parse(m.createdAt) >= since && Date.parse(m.createdAt) < until,
      },
      {
        label: "since/until window + displayStatus=delivered,failed",
        query: { since: iso(since), until: iso(until), displayStatus: "delivered,failed" },
        match: (m) => Date.parse(m.createdAt) >= since && Date.parse(m.createdAt) < until && ["delivered", "failed"].includes(m.displayStatus),
      },
    ];
  });

  it("the test texts reached the simulator's outcomes", () => {
    const want: Record<string, [string, string | null]> = {
      "0100": ["delivered", null],
      "0101": ["undelivered", "30003"],
      "0105": ["failed", "30001"],
      "0107": ["unknown_error", "30008"],
      "0109": ["undelivered", "30034"],
    };
    const mineMsgs = universe.filter((m) => mine.includes(m.id));
    expect(mineMsgs).toHaveLength(25);
    for (const m of mineMsgs) {
      const [display, code] = want[m.to.slice(-4)]!;
      expect({ id: m.id, to: m.to, display: m.displayStatus, code: m.errorCode }).toEqual({ id: m.id, to: m.to, display, code });
    }
    expect(mineMsgs.filter((m) => m.channel === "mms").length).toBeGreaterThan(0);
    expect(mineMsgs.filter((m) => m.from === "+18885550100").length).toBeGreaterThan(0);
  });

  it("every filter, paged with limit 2 and 3: complete, no duplicates, nothing outside, newest first", async () => {
    for (const f of filters) {
      const expected = universe.filter(f.match).map((m) => m.id).sort((a, b) => a - b);
      expect(expected.length, `${f.label} matches something`).toBeGreaterThan(0);
      for (const limit of [2, 3]) {
        const { items, pages } = await walk(f.query, limit);
        const ids = items.map((m) => m.id);
        expect(new Set(ids).size, `${f.label} limit ${limit}: duplicates`).toBe(ids.length);
        for (const m of items) expect(f.match(m), `${f.label}: item ${m.id} (${m.displayStatus} ${m.errorCode} ${m.channel} ${m.from})`).toBe(true);
        expect([...ids].sort((a, b) => a - b), `${f.label} limit ${limit}`).toEqual(expected);
        expect(isNewestFirst(items), `${f.label} limit ${limit}: newest first`).toBe(true);
        expect(pages).toBeLessThanOrEqual(Math.ceil(expected.length / limit) + 1);
        // A list item is the message without its history, with the same fields.
        for (const m of items) {
          const full = universe.find((u) => u.id === m.id)!;
          expect(m).not.toHaveProperty("history");
          for (const k of ["conversationId", "direction", "channel", "body", "from", "to", "providerMessageId", "status", "displayStatus", "errorCode", "errorTitle", "segments", "createdAt"] as const) {
            expect(m[k], `${k} of ${m.id}`).toEqual(full[k]);
          }
        }
      }
    }
  });

  it("a phone filter in another format means the same number", async () => {
    const a = await walk({ from: "+14155550000" }, 50);
    const b = await walk({ from: "(415) 555-0000" }, 50);
    expect(b.items.map((m) => m.id)).toEqual(a.items.map((m) => m.id));
  });

  it("400 for an invalid displayStatus, errorCode, since, until, channel, cursor or limit", async () => {
    for (const q of [
      "displayStatus=bogus",
      "displayStatus=failed,exploded",
      "errorCode=abc",
      "errorCode=-1",
      "since=yesterday",
      "since=2026-13-45",
      "until=not-a-date",
      "channel=fax",
      "cursor=garbage",
      "cursor=" + Buffer.from("1.2.3").toString("base64url"),
      "limit=0",
      "limit=abc",
      "from=hello",
    ]) {
      expectError(await admin("GET", `/api/messages?${q}`), 400);
      const csv = await admin("GET", `/api/messages/export?${q.startsWith("cursor") || q.startsWith("limit") ? "displayStatus=bogus" : q}`);
      expectError(csv, 400);
    }
  });

  it("the CSV export of a filter has a header row and exactly the messages the paged API returns", async () => {
    for (const f of filters) {
      const res = await fetch(s.base + `/api/messages/export?${new URLSearchParams(f.query)}`, { headers: { authorization: `Bearer ${s.adminToken}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type") ?? "").toMatch(/^text\/csv/);
      const rows = parseCsv(await res.text());
      expect(rows.length).toBeGreaterThanOrEqual(1);
      const header = rows[0]!.map((h) => h.trim().toLowerCase());
      const idCol = header.indexOf("id");
      const bodyCol = header.indexOf("body");
      expect(idCol, `header ${header.join(",")}`).toBeGreaterThanOrEqual(0);
      for (const r of rows.slice(1)) expect(r.length, `row ${r.join("|").slice(0, 80)}`).toBe(header.length);
      const csvIds = rows.slice(1).map((r) => Number(r[idCol]));
      const { items } = await walk(f.query, 50);
      expect(new Set(csvIds).size, `${f.label}: one row per message`).toBe(csvIds.length);
      expect([...csvIds].sort((a, b) => a - b), f.label).toEqual(items.map((m) => m.id).sort((a, b) => a - b));
      if (bodyCol >= 0) {
        const tricky = rows.slice(1).find((r) => Number(r[idCol]) === trickyId);
        if (f.match(universe.find((u) => u.id === trickyId)!)) {
          expect(tricky, `${f.label}: the text with commas, quotes and newlines`).toBeDefined();
          expect(tricky![bodyCol]).toBe(TRICKY_BODY);
        }
      }
    }
  });

  it("pages never repeat or skip while new texts arrive during the walk", async () => {
    const before = (await walk({}, 500)).items.map((m) => m.id);
    const conv = await admin("POST", "/api/conversations", { phone: "+16175550199" });
    const added: number[] = [];
    const { items } = await walk({}, 3, async (page) => {
      if (page % 4 === 1) {
        const r = await admin("POST", `/api/conversations/${conv.json.id}/messages`, { body: `arrived during page ${page}` });
        expect(r.status).toBe(201);
        added.push(unwrap(r).id);
      }
    });
    const ids = items.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(added.length).toBeGreaterThan(0);
    // Everything that existed when the walk began, once; texts newer than the cursor do not appear.
    expect(ids.filter((id) => !added.includes(id))).toEqual(before);
    expect(isNewestFirst(items)).toBe(true);
  });
});
