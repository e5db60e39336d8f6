// The conversation page streams: its frame (who the conversation is with, the composer) is sent
// first, and the messages and the side inbox follow in the same response once rendered. Time to
// first byte is measured by `npm run bench`; this checks the shape that makes it possible, and
// that streaming keeps what the page promised before: a 404 for a missing conversation, and a
// nonce on every script so the strict CSP lets the streamed parts into place.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "./helpers/server";
import { api } from "./helpers/twilio";

let s: TestServer;
let cookie: string;

beforeAll(async () => {
  s = await startServer();
  const res = await fetch(s.base + "/api/auth/sign-in/email", {
    method: "POST",
    headers: { "content-type": "application/json", origin: s.base },
    body: JSON.stringify({ email: "agent@example.com", password: "sendstatus-demo" }),
  });
  await res.arrayBuffer();
  cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .join("; ");
}, 120_000);

afterAll(async () => {
  await s?.stop();
});

interface Page {
  status: number;
  csp: string;
  html: string;
}

function getPage(path: string): Promise<Page> {
  return new Promise((resolve, reject) => {
    http
      .get(s.base + path, { headers: { cookie, accept: "text/html" } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (d: Buffer) => chunks.push(d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, csp: String(res.headers["content-security-policy"] ?? ""), html: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      })
      .on("error", reject);
  });
}

async function conversationWith(name: string, phone: string, bodies: string[]): Promise<number> {
  const c = await api(s.base, "POST", "/api/conversations", { phone, name }, s.adminToken);
  expect([200, 201]).toContain(c.status);
  for (const body of bodies) {
    const m = await api(s.base, "POST", `/api/conversations/${c.json.id}/messages`, { body }, s.adminToken);
    expect(m.status).toBe(201);
  }
  return c.json.id as number;
}

describe("the conversation page", () => {
  it("sends the frame first and streams the messages and the side inbox after it", async () => {
    const bodies = [`First streamed text ${Date.now()}`, `Second streamed text ${Date.now()}`];
    const id = await conversationWith("Stream Tester", "+14155550161", bodies);
    const page = await getPage(`/conversations/${id}`);
    expect(page.status).toBe(200);

    // React puts a boundary that finished after the frame was sent into a hidden segment at the
    // end of the document, and moves it into place with a script; the frame holds the fallback.
    // (The RSC payload in <script>s also carries the texts, for hydration; only the HTML counts.)
    const html = page.html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, "");
    const firstSegment = html.indexOf('<div hidden id="S:');
    expect(firstSegment).toBeGreaterThan(0);
    const frame = html.slice(0, firstSegment);
    expect(frame).toContain("Stream Tester");
    expect(frame).toContain('aria-label="Send a text"');
    expect(frame).toContain("Loading messages…");
    expect(frame).toContain("Loading conversations…");
    for (const body of bodies) {
      expect(frame).not.toContain(body);
      expect(html.indexOf(body)).toBeGreaterThan(firstSegment);
    }
    expect(html.slice(firstSegment)).toContain('data-testid="conversation-list"');
  });

  it("puts the CSP nonce on every script, the streamed ones included", async () => {
    const id = await conversationWith("Nonce Tester", "+14155550162", ["A text that streams in"]);
    const page = await getPage(`/conversations/${id}`);
    const nonce = /'nonce-([^']+)'/.exec(page.csp)?.[1];
    expect(nonce).toBeTruthy();
    const scripts = page.html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(2);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it("answers 404 for a conversation that does not exist", async () => {
    for (const path of ["/conversations/987654321", "/conversations/not-a-number"]) {
      const page = await getPage(path);
      expect(page.status, path).toBe(404);
      expect(page.html, path).not.toContain("Loading messages…");
    }
  });
});
