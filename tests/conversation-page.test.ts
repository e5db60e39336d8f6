// The conversation page over HTTP, as a browser first gets it: the texts and the side inbox are in
// the server-rendered HTML (nothing waits for JavaScript), every script carries the CSP nonce, and a
// conversation that does not exist is a real 404. (Its speed is measured by `npm run bench`.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn, startServer, type TestServer } from "./helpers/server";
import { api } from "./helpers/twilio";

let s: TestServer;
let cookie: string;

beforeAll(async () => {
  s = await startServer();
  cookie = (await signIn(s.base)).cookie;
}, 120_000);

afterAll(async () => {
  await s?.stop();
});

interface Page {
  status: number;
  csp: string;
  html: string;
}

async function getPage(path: string): Promise<Page> {
  const res = await fetch(s.base + path, { headers: { cookie, accept: "text/html" } });
  return { status: res.status, csp: res.headers.get("content-security-policy") ?? "", html: await res.text() };
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
  it("renders the newest texts, the contact and the side inbox in the HTML", async () => {
    const bodies = [`First text ${Date.now()}`, `Second text ${Date.now()}`];
    const id = await conversationWith("Page Tester", "+14155550161", bodies);
    const page = await getPage(`/conversations/${id}`);
    expect(page.status).toBe(200);
    // The RSC payload in <script>s carries the texts too (for hydration); only the HTML counts here.
    const html = page.html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, "");
    expect(html).toContain("Page Tester");
    expect(html).toContain('aria-label="Send a text"');
    const timeline = html.indexOf('data-testid="timeline"');
    expect(timeline).toBeGreaterThan(0);
    const first = html.indexOf(bodies[0]!, timeline);
    expect(first).toBeGreaterThan(timeline);
    expect(html.indexOf(bodies[1]!, timeline)).toBeGreaterThan(first);
    expect(html).toContain('data-testid="conversation-list"');
    expect(html).not.toContain('<div hidden id="S:');
  });

  it("puts the CSP nonce on every script", async () => {
    const id = await conversationWith("Nonce Tester", "+14155550162", ["A text with a nonce around it"]);
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
      expect(page.html, path).toContain("This conversation does not exist");
    }
  });
});
