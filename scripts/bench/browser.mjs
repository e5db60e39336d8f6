// What an agent sees, in a real Chromium: how long until the texts of a conversation are on
// screen, on a direct load and when another conversation is picked in the side inbox. A server
// can send its first byte early and still show the texts late (React 19.2 reveals streamed
// boundaries in 300 ms batches), so the bench reports this beside the first-byte ratio.
// Skipped, with a note, when no Chromium can be launched.
import fs from "node:fs";
import { log, round, summarize } from "./util.mjs";

const SYSTEM_CHROMIUM = "/usr/bin/chromium";
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

// Runs in the page before its scripts: notes the first frame that painted a text of the
// conversation in the address bar (its animation-frame time). What a frame paints is the page as
// it stands after that frame's animation callbacks (React reveals streamed parts in one), so it is
// read in the task that follows them. After a switch, texts of the previous conversation
// (window.__old, their ids) do not count. Also notes the first frame of all (the first paint).
function watchTimeline() {
  const w = window;
  w.__seen = {};
  const channel = new MessageChannel();
  let frameTime = 0;
  const shown = () => {
    for (const m of document.querySelectorAll('[data-testid="message"]')) {
      if (m.offsetParent !== null && m.closest("[hidden]") === null && !(w.__old ?? []).includes(m.getAttribute("data-message-id"))) return true;
    }
    return false;
  };
  channel.port1.onmessage = () => {
    w.__seen.firstFrame ??= frameTime;
    if (w.__seen.timeline === undefined && (!w.__want || location.pathname.endsWith(`/${w.__want}`)) && shown()) w.__seen.timeline = frameTime;
    requestAnimationFrame(tick);
  };
  const tick = (t) => {
    frameTime = t;
    channel.port2.postMessage(null);
  };
  requestAnimationFrame(tick);
}

async function launch() {
  const { chromium } = await import("@playwright/test");
  return chromium.launch({ executablePath: fs.existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined, args: ARGS });
}

/** {directTtfbMs, directFirstPaintMs, directVisibleMs, switchVisibleMs} medians, or {skipped} / {error}. */
export async function benchBrowser(server, cookie, conversationId, opts = {}) {
  try {
    return await measure(server, cookie, conversationId, opts);
  } catch (e) {
    // The server figures stand without this one; say what went wrong instead of losing the run.
    log(`browser: failed: ${String(e.message ?? e).split("\n")[0]}`);
    return { error: String(e.message ?? e).split("\n")[0] };
  }
}

async function measure(server, cookie, conversationId, { repeat = 10 } = {}) {
  let browser;
  try {
    browser = await launch();
  } catch (e) {
    log(`browser: skipped, no Chromium could be launched (${String(e.message ?? e).split("\n")[0]})`);
    return { skipped: true };
  }
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addCookies(
      cookie.split("; ").map((pair) => {
        const i = pair.indexOf("=");
        return { name: pair.slice(0, i), value: pair.slice(i + 1), url: server.base };
      }),
    );
    const page = await context.newPage();
    await page.addInitScript(watchTimeline);
    const url = `${server.base}/conversations/${conversationId}`;
    log(`browser: texts visible on a direct load of ${url} and on picking another conversation, ×${repeat}`);

    const direct = { ttfb: [], paint: [], visible: [] };
    for (let i = 0; i < repeat + 2; i++) {
      await page.goto(url);
      await page.waitForFunction(() => window.__seen.timeline !== undefined, null, { timeout: 10_000 }).catch((e) => {
        throw new Error(`direct load ${i + 1} of ${url} (now ${page.url()}): ${e.message}`);
      });
      const r = await page.evaluate(() => {
        const nav = performance.getEntriesByType("navigation")[0];
        return { ttfb: nav.responseStart - nav.startTime, paint: window.__seen.firstFrame - nav.startTime, visible: window.__seen.timeline - nav.startTime };
      });
      if (i >= 2) {
        direct.ttfb.push(r.ttfb);
        if (r.paint === r.paint) direct.paint.push(r.paint);
        direct.visible.push(r.visible);
      }
    }

    // Back and forth between two other conversations of the side inbox.
    const switches = [];
    const idOf = (href) => href.split("?")[0].split("/").pop();
    const rows = page.getByTestId("conversation-item");
    const others = (await rows.evaluateAll((links) => links.map((a) => a.getAttribute("href"))))
      .map((href, index) => ({ id: idOf(href), index }))
      .filter((r) => r.id !== String(conversationId))
      .slice(0, 2);
    if (others.length < 2) throw new Error("the side inbox has fewer than two other conversations to switch between");
    for (let i = 0; i < repeat + 2; i++) {
      const { id, index } = others[i % 2];
      const row = rows.nth(index);
      await page.evaluate((want) => {
        window.__want = want;
        window.__old = [...document.querySelectorAll('[data-testid="message"]')].map((m) => m.getAttribute("data-message-id"));
        window.__seen = {};
        window.__t0 = performance.now();
      }, id);
      await row.click();
      await page.waitForFunction(() => window.__seen.timeline !== undefined, null, { timeout: 10_000 }).catch((e) => {
        throw new Error(`switch ${i + 1} to conversation ${id} (now ${page.url()}): ${e.message}`);
      });
      if (i >= 2) switches.push(await page.evaluate(() => window.__seen.timeline - window.__t0));
    }
    const p50 = (xs) => round(summarize(xs).p50, 1);
    return {
      repeat,
      directTtfbMs: p50(direct.ttfb),
      directFirstPaintMs: direct.paint.length ? p50(direct.paint) : null,
      directVisibleMs: p50(direct.visible),
      switchVisibleMs: p50(switches),
    };
  } finally {
    await browser.close();
  }
}
