// Browser-facing safety: security headers and CSP, session cookie flags, and cookie-authenticated
// writes from another origin refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn, startServer, type TestServer } from "./helpers/server";
import { api } from "./helpers/twilio";

let s: TestServer;
let https: TestServer;

beforeAll(async () => {
  [s, https] = await Promise.all([startServer(), startServer({ publicBaseUrl: () => "https://app.sendstatus.test" })]);
}, 120_000);

afterAll(async () => {
  await Promise.all([s?.stop(), https?.stop()]);
});

describe("headers", () => {
  it("sets a nonce-based Content-Security-Policy on pages, new for every request", async () => {
    const a = await fetch(s.base + "/login");
    const b = await fetch(s.base + "/login");
    const csp = a.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(b.headers.get("content-security-policy")).not.toBe(csp);
    const html = await a.text();
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    // Every script Next renders carries the nonce.
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it("sets the usual security headers", async () => {
    const r = await fetch(s.base + "/login");
    expect(r.headers.get("x-content-type-options")).toBe("nosniff");
    expect(r.headers.get("x-frame-options")).toBe("DENY");
    expect(r.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(r.headers.get("x-powered-by")).toBeNull();
  });
});

describe("session cookies", () => {
  it("are httpOnly and SameSite=Lax, and not Secure over plain http", async () => {
    const r = await signIn(s.base);
    expect(r.status).toBe(200);
    const session = r.setCookies.find((c) => /session_token=/.test(c))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(session).not.toMatch(/;\s*Secure/i);
  });

  it("are Secure when the app is served over https", async () => {
    const r = await signIn(https.base, { origin: "https://app.sendstatus.test" });
    expect(r.status).toBe(200);
    const session = r.setCookies.find((c) => /session_token=/.test(c))!;
    expect(session).toMatch(/;\s*Secure/i);
    expect(session).toMatch(/HttpOnly/i);
  });

  it("refuses a sign-in posted from another origin", async () => {
    const r = await signIn(s.base, { origin: "https://evil.example" });
    expect(r.status).toBe(403);
    expect(r.cookie).toBe("");
  });
});

describe("cross-origin writes", () => {
  let cookie = "";
  beforeAll(async () => {
    cookie = (await signIn(s.base)).cookie;
  });

  it("refuses a cookie-authenticated POST from another origin, and stores nothing", async () => {
    const count = () => (s.db().prepare(`SELECT count(*) AS n FROM contacts`).get() as { n: number }).n;
    const before = count();
    const evil = await api(s.base, "POST", "/api/conversations", { phone: "+14155550177" }, null, { cookie, headers: { origin: "https://evil.example" } });
    expect(evil.status).toBe(403);
    expect(evil.json.error).toMatch(/cross-origin/i);
    const site = await api(s.base, "POST", "/api/conversations", { phone: "+14155550177" }, null, { cookie, headers: { "sec-fetch-site": "cross-site" } });
    expect(site.status).toBe(403);
    expect(count()).toBe(before);
  });

  it("accepts the same write from the app's own origin", async () => {
    const ok = await api(s.base, "POST", "/api/conversations", { phone: "+14155550178" }, null, { cookie, headers: { origin: s.base } });
    expect(ok.status).toBe(201);
  });

  it("does not apply to API tokens, which a browser never sends by itself", async () => {
    const ok = await api(s.base, "POST", "/api/conversations", { phone: "+14155550179" }, s.adminToken, { headers: { origin: "https://tools.example" } });
    expect(ok.status).toBe(201);
  });
});

describe("API tokens", () => {
  it("are shown once, work, and stop working when revoked", async () => {
    const created = await api(s.base, "POST", "/api/tokens", { name: "CI export" }, s.adminToken);
    expect(created.status).toBe(201);
    const token = created.json.token as string;
    expect(token).toMatch(/^ss_/);
    const stored = s.db().prepare(`SELECT token_hash FROM api_tokens WHERE id = ?`).get(created.json.id) as { token_hash: string };
    expect(stored.token_hash).not.toContain(token);
    expect((await api(s.base, "GET", "/api/messages?limit=1", undefined, token)).status).toBe(200);
    const list = await api(s.base, "GET", "/api/tokens", undefined, token);
    expect(JSON.stringify(list.json)).not.toContain(token);
    expect((await api(s.base, "DELETE", `/api/tokens/${created.json.id}`, undefined, token)).status).toBe(204);
    expect((await api(s.base, "GET", "/api/messages?limit=1", undefined, token)).status).toBe(401);
  });

  it("cannot be revoked by an agent who does not own them", async () => {
    const created = await api(s.base, "POST", "/api/tokens", { name: "admin's" }, s.adminToken);
    const { cookie } = await signIn(s.base);
    const r = await api(s.base, "DELETE", `/api/tokens/${created.json.id}`, undefined, null, { cookie, headers: { origin: s.base } });
    expect(r.status).toBe(404);
    expect((await api(s.base, "GET", "/api/messages?limit=1", undefined, created.json.token)).status).toBe(200);
  });
});

describe("CSV export", () => {
  it("keeps formulas in free text from running in a spreadsheet, and phone numbers as they are", async () => {
    const conv = await api(s.base, "POST", "/api/conversations", { phone: "+14155550195", name: "=cmd|'/C calc'!A0" }, s.adminToken);
    const body = `=HYPERLINK("https://evil.example","click"), "quoted"\nsecond line`;
    const m = await api(s.base, "POST", `/api/conversations/${conv.json.id}/messages`, { body }, s.adminToken);
    expect(m.status).toBe(201);
    const res = await fetch(`${s.base}/api/messages/export?to=%2B14155550195`, { headers: { authorization: `Bearer ${s.adminToken}` } });
    const csv = await res.text();
    expect(csv).toContain(`"'=HYPERLINK(""https://evil.example"",""click""), ""quoted""\nsecond line"`);
    expect(csv).toContain(`'=cmd|'/C calc'!A0`);
    expect(csv).toContain(",+14155550195,");
    // Stored verbatim: the guard is only in the export.
    const stored = await api(s.base, "GET", `/api/messages/${m.json.id}`, undefined, s.adminToken);
    expect(stored.json.body).toBe(body);
  });
});
