// The conversation page over HTTP. Loaded as a document, it sends its frame first and streams the
// texts and the side inbox after it, in the same response, as server-rendered HTML (nothing waits
// for JavaScript); fetched by the app itself (RSC, a move between conversations or a live
// refresh), it comes in one piece. Every script carries the CSP nonce, and a conversation that
// does not exist is a real 404. (Its speed is measured by `npm run bench`; components/after-frame.tsx
// says why it is built this way.)
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

/** The page as the app's client router fetches it on a move between conversations. */
async function getRscPayload(path: string): Promise<{ status: number; type: string; rows: string[] }> {
  const res = await fetch(s.base + path, { headers: { cookie, rsc: "1" } });
  // A Flight payload is one row per line: "<id>:<json>". A part that was not ready when its
  // boundary was written goes to a row of its own, referenced as "$L<id>".
  return { status: res.status, type: res.headers.get("content-type") ?? "", rows: (await res.text()).split("\n") };
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
  it("sends the frame first, then the texts and the side inbox, in the same response", async () => {
    const bodies = [`First text ${Date.now()}`, `Second text ${Date.now()}`];
    const id = await conversationWith("Page Tester", "+14155550161", bodies);
    const page = await getPage(`/conversations/${id}`);
    expect(page.status).toBe(200);
    // The RSC payload in <script>s carries the texts too (for hydration); only the HTML counts here.
    const html = page.html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, "");
    // React puts a part that finished after the frame was sent into a hidden segment after it, and
    // moves it into place with a script; the frame holds the part's skeleton until then.
    const firstSegment = html.indexOf('<div hidden id="S:');
    expect(firstSegment).toBeGreaterThan(0);
    const frame = html.slice(0, firstSegment);
    expect(frame).toContain("Page Tester");
    expect(frame).toContain('aria-label="Send a text"');
    expect(frame).toContain("Loading messages…");
    expect(frame).toContain("Loading conversations…");
    const streamed = html.slice(firstSegment);
    const timeline = streamed.indexOf('data-testid="timeline"');
    expect(timeline).toBeGreaterThan(0);
    const first = streamed.indexOf(bodies[0]!, timeline);
    expect(first).toBeGreaterThan(timeline);
    expect(streamed.indexOf(bodies[1]!, timeline)).toBeGreaterThan(first);
    expect(streamed).toContain('data-testid="conversation-list"');
    for (const body of bodies) expect(frame).not.toContain(body);
  });

  it("holds the first paint for the whole page, and has each streamed part revealed at once", async () => {
    const id = await conversationWith("Reveal Tester", "+14155550163", ["A text to reveal"]);
    const page = await getPage(`/conversations/${id}`);
    const head = page.html.slice(0, page.html.indexOf("</head>"));
    // No element has this id: Chromium paints once the document is parsed, texts included.
    expect(head).toMatch(/<link rel="expect" href="#page-complete" blocking="render"\/>/);
    expect(page.html).not.toContain('id="page-complete"');
    // Each streamed part ends with the script that lets React reveal it at the next frame, and
    // React's own script that moves the part into place comes right after it.
    const segments = [...page.html.matchAll(/<div hidden id="(S:\d+)">/g)].map((m) => m[1]!);
    expect(segments.length).toBe(2);
    for (const segment of segments) {
      const start = page.html.indexOf(`<div hidden id="${segment}">`);
      const move = page.html.indexOf(`$RC("B:${segment.slice(2)}","${segment}")`, start);
      expect(move, segment).toBeGreaterThan(start);
      expect(page.html.slice(start, move), segment).toMatch(/<script nonce="[^"]+">window\.\$RT=undefined<\/script><\/div>/);
    }
  });

  it("comes in one piece when the app fetches it on a move between conversations", async () => {
    const bodies = [`Moved-to text ${Date.now()}`];
    const id = await conversationWith("Move Tester", "+14155550164", bodies);
    const rsc = await getRscPayload(`/conversations/${id}`);
    expect(rsc.status).toBe(200);
    expect(rsc.type).toContain("text/x-component");
    // The texts are in the same row as the boundary that holds them, so the client has them when it
    // renders the boundary and never shows its skeleton; the same for the side inbox.
    const timelineRow = rsc.rows.find((r) => r.includes('"data-testid":"timeline-loading"'));
    expect(timelineRow).toBeDefined();
    expect(timelineRow).toContain('"data-testid":"timeline"');
    expect(timelineRow).toContain(bodies[0]);
    const inboxRow = rsc.rows.find((r) => r.includes('"data-testid":"inbox-loading"'));
    expect(inboxRow).toContain('"data-testid":"conversation-list"');
    // Nothing to hold or reveal: the paint hold and the reveal scripts are for document loads.
    expect(rsc.rows.join("\n")).not.toContain("page-complete");
    expect(rsc.rows.join("\n")).not.toContain("$RT");
  });

  it("shows the 50 newest texts, and the older ones a page at a time", async () => {
    const bodies = Array.from({ length: 53 }, (_, i) => `Paged text ${String(i + 1).padStart(2, "0")} ${Date.now()}`);
    const id = await conversationWith("Pager Tester", "+14155550165", bodies);
    // In the timeline only: the side inbox shows the newest text too, as the row's preview.
    const shown = (html: string) => {
      const start = html.indexOf('data-testid="timeline"');
      expect(start).toBeGreaterThan(0);
      const timeline = html.slice(start, html.indexOf("</ol>", start));
      return bodies.filter((b) => timeline.includes(b));
    };

    const newest = (await getPage(`/conversations/${id}`)).html;
    expect(shown(newest)).toEqual(bodies.slice(3));
    const older = /href="\/conversations\/\d+\?before=(\d+)"[^>]*>Show older messages</.exec(newest);
    expect(older).not.toBeNull();

    const page2 = await getPage(`/conversations/${id}?before=${older![1]}`);
    expect(page2.status).toBe(200);
    expect(shown(page2.html)).toEqual(bodies.slice(0, 3));
    expect(page2.html).not.toContain("Show older messages");
    expect(page2.html).toContain("Back to the newest messages");
  });

  it("puts the CSP nonce on every script, the streamed ones included", async () => {
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
