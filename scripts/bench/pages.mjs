// Page timings: sign in as the demo admin, then time to first byte (and to the last byte) of pages.
import http from "node:http";
import zlib from "node:zlib";
import { log, round, sleep, summarize } from "./util.mjs";

export async function signIn(base, email = "admin@example.com", password = "sendstatus-demo") {
  const res = await fetch(`${base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ email, password }),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`sign-in answered ${res.status}: ${text.slice(0, 300)}`);
  const cookies = res.headers.getSetCookie().map((c) => c.split(";")[0]);
  if (!cookies.length) throw new Error("sign-in set no cookie");
  return cookies.join("; ");
}

/**
 * One GET: ms to the response's first body byte and to its end, with the status and body.
 * With `gzip`, it asks for a compressed response as browsers do, and the first byte is the first
 * byte of content out of the decompressor: a gzip stream's 10-byte header goes out at once,
 * whatever follows, so the compressed stream's own first byte says nothing.
 */
export function timePage(url, cookie, { gzip = false } = {}) {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    let ttfb = null;
    const chunks = [];
    const headers = { cookie, accept: "text/html", ...(gzip ? { "accept-encoding": "gzip" } : {}) };
    const req = http.get(url, { headers, agent: false }, (res) => {
      const body = res.headers["content-encoding"] === "gzip" ? res.pipe(zlib.createGunzip()) : res;
      body.on("data", (d) => {
        if (ttfb === null) ttfb = performance.now() - t;
        chunks.push(d);
      });
      body.on("end", () => resolve({ status: res.statusCode, ttfb: ttfb ?? performance.now() - t, total: performance.now() - t, body: Buffer.concat(chunks).toString("utf8") }));
      body.on("error", reject);
      res.on("error", reject);
    });
    req.on("error", reject);
  });
}

/**
 * Times `pages` ({name: {url, expect}}) interleaved, `repeat` times each after `warmup` rounds.
 * Each request starts `settleMs` after the previous one ended: a server's work does not end with
 * the last byte (a streamed page, Next's bookkeeping, garbage collection), and timed back to back
 * that work lands on the next page's clock, which flattered the ratio when the baseline came next.
 * Returns per page {ttfb: {p50, p95}, total: {p50, p95}, bytes}.
 */
export async function timePages(pages, cookie, { repeat = 30, warmup = 3, settleMs = 20 } = {}) {
  const samples = Object.fromEntries(Object.keys(pages).map((k) => [k, { ttfb: [], total: [], bytes: 0 }]));
  for (let i = 0; i < warmup + repeat; i++) {
    for (const [name, p] of Object.entries(pages)) {
      if (settleMs) await sleep(settleMs);
      const r = await timePage(p.url, cookie, { gzip: p.gzip });
      if (r.status !== 200) throw new Error(`GET ${p.url} answered ${r.status}: ${r.body.slice(0, 300)}`);
      if (p.expect && !r.body.includes(p.expect)) throw new Error(`GET ${p.url} did not contain "${p.expect}"`);
      if (i >= warmup) {
        samples[name].ttfb.push(r.ttfb);
        samples[name].total.push(r.total);
        samples[name].bytes = r.body.length;
      }
    }
  }
  return Object.fromEntries(
    Object.entries(samples).map(([k, s]) => [k, { ttfb: summarize(s.ttfb), total: summarize(s.total), bytes: s.bytes }]),
  );
}

export async function benchTimeline(server, cookie, h, { repeat = 100, settleMs = 20 } = {}) {
  log(`timeline: TTFB of /conversations/${h.conversationId} (${h.timelineMessages} texts) vs /ping ×${repeat}, ${settleMs} ms apart`);
  const r = await timePages(
    {
      ping: { url: `${server.base}/ping`, expect: "SendStatus is up" },
      timeline: { url: `${server.base}/conversations/${h.conversationId}`, expect: "Long Conversation" },
      // The same two as a browser asks for them, compressed (not a goal, see timePage).
      pingGzip: { url: `${server.base}/ping`, expect: "SendStatus is up", gzip: true },
      timelineGzip: { url: `${server.base}/conversations/${h.conversationId}`, expect: "Long Conversation", gzip: true },
    },
    cookie,
    { repeat, settleMs },
  );
  return {
    messages: h.timelineMessages,
    ttfbMs: r.timeline.ttfb.p50,
    baselineTtfbMs: r.ping.ttfb.p50,
    ttfbRatio: round(r.timeline.ttfb.p50 / r.ping.ttfb.p50, 2),
    // Reported beside TTFB, not a goal: a page that streams can send its first byte early and
    // still finish late.
    totalMs: r.timeline.total.p50,
    baselineTotalMs: r.ping.total.p50,
    totalRatio: round(r.timeline.total.p50 / r.ping.total.p50, 2),
    gzip: {
      ttfbMs: r.timelineGzip.ttfb.p50,
      baselineTtfbMs: r.pingGzip.ttfb.p50,
      ttfbRatio: round(r.timelineGzip.ttfb.p50 / r.pingGzip.ttfb.p50, 2),
      totalMs: r.timelineGzip.total.p50,
    },
    repeat,
    settleMs,
    conversationId: h.conversationId,
    timeline: r.timeline,
    baseline: r.ping,
  };
}
