// What an agent sees, in a real Chromium: how long until the texts of a conversation are on
// screen, on a direct load and when another conversation is picked in the side inbox. A server
// can send its first byte early and still show the texts late (React 19.2 reveals streamed
// boundaries in 300 ms batches), so the bench reports this beside the first-byte ratio.
// Skipped, with a note, when no Chromium can be launched.
import fs from "node:fs";
import { log, round, summarize } from "./util.mjs";

const SYSTEM_CHROMIUM = "/usr/bin/chromium";
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

// Runs in the page before its scripts: notes when the timeline, the inbox list and the active
// row are visible for the conversation in window.__want (the direct load's is its own URL).
function watchTimeline() {
  const w = window;
  w.__seen = {};
  const visible = (el) => el !== null && el.offsetParent !== null && el.closest("[hidden]") === null;
  const check = () => {
    const want = w.__want ?? location.pathname.split("/").pop();
    const active = document.querySelector('[data-testid="conversation-item"][aria-current="page"]');
    const onIt = location.pathname.endsWith(`/${want}`) && active !== null && active.getAttribute("href").split("?")[0].endsWith(`/${want}`);
    if (w.__seen.timeline === undefined && onIt && visible(document.querySelector('[data-testid="message"]'))) w.__seen.timeline = performance.now();
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true });
}

async function launch() {
  const { chromium } = await import("@playwright/test");
  return chromium.launch({ executablePath: fs.existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined, args: ARGS });
}

/** {directTtfbMs, directFirstPaintMs, directVisibleMs, switchVisibleMs} medians, or {skipped}. */
export async function benchBrowser(server, cookie, conversationId, { repeat = 10 } = {}) {
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
      await page.waitForFunction(() => window.__seen.timeline !== undefined, null, { timeout: 10_000 });
      const r = await page.evaluate(() => {
        const nav = performance.getEntriesByType("navigation")[0];
        const paint = performance.getEntriesByName("first-contentful-paint")[0];
        return { ttfb: nav.responseStart - nav.startTime, paint: paint ? paint.startTime : NaN, visible: window.__seen.timeline - nav.startTime };
      });
      if (i >= 2) {
        direct.ttfb.push(r.ttfb);
        if (r.paint === r.paint) direct.paint.push(r.paint);
        direct.visible.push(r.visible);
      }
    }

    const switches = [];
    const rows = page.getByTestId("conversation-item");
    for (let i = 0; i < repeat + 2; i++) {
      const row = rows.nth(1 + (i % 2));
      const id = (await row.getAttribute("href")).split("?")[0].split("/").pop();
      await page.evaluate((want) => {
        window.__want = want;
        window.__seen = {};
        window.__t0 = performance.now();
      }, id);
      await row.click();
      await page.waitForFunction(() => window.__seen.timeline !== undefined, null, { timeout: 10_000 });
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
