// npm run bench: builds if needed, starts the production server on a fresh database and measures,
// in one run, (1) ingest: signed Twilio status callbacks through the real route against GET
// /api/health, plus an overload run at twice the connections; (2) query: the admin filter and the
// facet counts over a generated history of 1,000,000 texts; (3) timeline: time to first byte of a
// 10,000-text conversation page against a trivial dynamic page. Prints a table and writes
// .bench/latest.json. Method and figures: docs/performance.md.
//
// Options: --rows=N (history size, default 1000000), --only=ingest,query,timeline,
// --duration=S (each autocannon run, default 10), --connections=N (default 32), --repeat=N (query
// repetitions, default 30; the timeline pages take at least 100), --out=FILE, --profile (server writes a CPU profile of the
// ingest runs to .bench/profiles), --no-analyze (skip ANALYZE after the bulk insert), --build
// (rebuild even when a build exists), --keep-db, --extra-sql=FILE (SQL run after the bulk insert and
// before ANALYZE, e.g. a candidate index, to try it without a migration), --no-browser (skip the
// Chromium measure of when the texts are visible). NEXT_DIST_DIR selects the build folder;
// SQLITE_SYNCHRONOUS (FULL, the default, or NORMAL) is passed to the server.
import { execSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { insertHistory } from "./bench/history.mjs";
import { benchBrowser } from "./bench/browser.mjs";
import { benchIngest } from "./bench/ingest.mjs";
import { benchTimeline, signIn, timePages } from "./bench/pages.mjs";
import { benchQuery } from "./bench/query.mjs";
import { distDir, ensureBuild, freePort, root, startServer } from "./bench/server.mjs";
import { log, round } from "./bench/util.mjs";

function options(argv) {
  const o = {
    rows: Number(process.env.BENCH_ROWS ?? 1_000_000),
    only: ["ingest", "query", "timeline"],
    duration: 10,
    connections: 32,
    repeat: 30,
    timelineMessages: 10_000,
    out: null,
    profile: false,
    analyze: true,
    build: false,
    keepDb: false,
    extraSql: null,
    browser: true,
  };
  for (const a of argv) {
    const [k, v] = a.replace(/^--/, "").split("=");
    if (k === "rows") o.rows = Number(v.replace(/[_,]/g, "").replace(/k$/i, "000").replace(/m$/i, "000000"));
    else if (k === "only") o.only = v.split(",");
    else if (k === "duration") o.duration = Number(v);
    else if (k === "connections") o.connections = Number(v);
    else if (k === "repeat") o.repeat = Number(v);
    else if (k === "timeline-messages") o.timelineMessages = Number(v);
    else if (k === "out") o.out = v;
    else if (k === "profile") o.profile = true;
    else if (k === "no-analyze") o.analyze = false;
    else if (k === "build") o.build = true;
    else if (k === "keep-db") o.keepDb = true;
    else if (k === "no-browser") o.browser = false;
    else if (k === "extra-sql") o.extraSql = path.resolve(v);
    else throw new Error(`unknown option ${a}`);
  }
  return o;
}

const fmt = (x, unit = "") => (x === null || x === undefined ? "–" : `${typeof x === "number" ? x.toLocaleString("en", { maximumFractionDigits: 2 }) : x}${unit}`);
const mark = (ok) => (ok === null ? "" : ok ? "met" : "NOT MET");

function table(result) {
  const lines = [];
  const row = (a, b, c = "", d = "") => lines.push(`${a.padEnd(44)} ${String(b).padStart(14)}  ${c.padEnd(18)} ${d}`);
  lines.push("");
  row("measure", "value", "goal", "");
  lines.push("-".repeat(86));
  const i = result.ingest;
  if (i) {
    row(`ingest: GET /api/health (${i.connections} conns)`, fmt(i.noopRps, " req/s"), "", `p50 ${i.noop.p50Ms} ms, p99 ${i.noop.p99Ms} ms`);
    row(`ingest: POST status callback (${i.connections} conns)`, fmt(i.rps, " req/s"), "", `p50 ${i.p50Ms} ms, p99 ${i.p99Ms} ms`);
    row("ingest: ratio callbacks / health", fmt(i.ratio), ">= 0.80", mark(i.ratio >= 0.8));
    row("ingest: non-2xx", fmt(i.non2xx), "0", mark(i.non2xx === 0));
    const o = i.overload;
    row(`overload: ${o.connections} conns offering ${o.offeredRps} req/s`, fmt(o.rps, " req/s"), "", `p50 ${o.p50Ms} ms, p99 ${o.p99Ms} ms`);
    row("overload: non-2xx / errors / timeouts", `${o.non2xx} / ${o.errors} / ${o.timeouts}`, "0 / 0 / 0", mark(o.non2xx === 0 && o.errors === 0 && o.timeouts === 0));
    row("overload: acknowledged callbacks missing", fmt(o.missing), "0", mark(o.missing === 0 && o.messagesBehind === 0));
  }
  const q = result.query;
  if (q) {
    row(`query: texts in the database`, fmt(q.rows));
    row("query: filter, first page p50", fmt(q.filterP50Ms, " ms"));
    row("query: filter, first page p95", fmt(q.filterP95Ms, " ms"), "< 50 ms", mark(q.filterP95Ms < 50));
    row(`query: filter, deep page (page ${q.deepPage}) p95`, fmt(q.deepPageP95Ms, " ms"), "< 50 ms", mark(q.deepPageP95Ms < 50));
    row(`query: facets p95${q.facetsVia.startsWith("in-process") ? " (in-process SQL)" : ""}`, fmt(q.facetsP95Ms, " ms"), "< 150 ms", mark(q.facetsP95Ms < 150));
    row("query: SQL only, first / deep / facets p95", `${q.sql.firstPage.p95} / ${q.sql.deepPage.p95} / ${q.sql.facets.p95} ms`);
    if (q.adminPage) row("query: admin deliverability page, total p50", fmt(q.adminPage.total.p50, " ms"), "", `TTFB p50 ${q.adminPage.ttfb.p50} ms`);
  }
  const t = result.timeline;
  if (t) {
    row("timeline: /ping TTFB p50", fmt(t.baselineTtfbMs, " ms"), "", `total p50 ${t.baseline.total.p50} ms`);
    row(`timeline: /conversations (${t.messages} texts) TTFB p50`, fmt(t.ttfbMs, " ms"), "", `total p50 ${t.timeline.total.p50} ms`);
    row("timeline: TTFB ratio", fmt(t.ttfbRatio), "<= 2", mark(t.ttfbRatio <= 2));
    row("timeline: last-byte ratio", fmt(t.totalRatio), "", "not a goal; shows whether TTFB and the whole page differ");
    if (t.gzip) row("timeline: same, gzip as browsers ask", fmt(t.gzip.ttfbRatio), "", `not a goal; first content byte ${t.gzip.ttfbMs} ms vs ${t.gzip.baselineTtfbMs} ms, last ${t.gzip.totalMs} ms`);
    const b = t.browser;
    if (b && !b.skipped && !b.error) {
      row("timeline (Chromium): texts visible, direct load", fmt(b.directVisibleMs, " ms"), "", `first byte ${b.directTtfbMs} ms, first paint ${b.directFirstPaintMs} ms`);
      row("timeline (Chromium): texts visible, switching", fmt(b.switchVisibleMs, " ms"), "", "another conversation picked in the side inbox");
    } else if (b) row("timeline (Chromium)", b.skipped ? "skipped" : "failed", "", b.skipped ? "no Chromium could be launched" : b.error);
  }
  lines.push("");
  return lines.join("\n");
}

async function main() {
  const o = options(process.argv.slice(2));
  const loadBefore = os.loadavg();
  const build = ensureBuild({ force: o.build });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sendstatus-bench-"));
  const dbPath = path.join(dataDir, "bench.db");
  const token = "tw_" + crypto.randomBytes(16).toString("hex");
  const adminToken = "adm_" + crypto.randomBytes(16).toString("hex");
  const port = await freePort();
  const profileDir = path.join(root, ".bench", "profiles");
  const serverEnv = { SQLITE_SYNCHRONOUS: process.env.SQLITE_SYNCHRONOUS === "NORMAL" ? "NORMAL" : "FULL" };
  let server = null;
  const stop = async () => {
    if (server) await server.stop();
    server = null;
  };
  for (const sig of ["SIGINT", "SIGTERM"]) process.once(sig, () => void stop().finally(() => process.exit(130)));

  const result = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memGiB: round(os.totalmem() / 2 ** 30, 1), node: process.version, loadAvgBefore: loadBefore.map((x) => round(x, 2)) },
    commit: (() => {
      try {
        return execSync("git rev-parse --short HEAD", { cwd: root }).toString().trim() + (execSync("git status --porcelain", { cwd: root }).toString().trim() ? "+dirty" : "");
      } catch {
        return null;
      }
    })(),
    distDir: distDir(),
    build,
    sqliteSynchronous: serverEnv.SQLITE_SYNCHRONOUS,
    ingest: null,
    query: null,
    timeline: null,
  };
  try {
    server = await startServer({
      port,
      dbPath,
      token,
      adminToken,
      env: serverEnv,
      nodeArgs: o.profile ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [],
    });
    if (o.extraSql && o.only.includes("ingest")) {
      // The candidate schema applies to the ingest runs too (wider indexes cost writes).
      const db = new Database(dbPath);
      db.exec(fs.readFileSync(o.extraSql, "utf8"));
      db.close();
    }
    if (o.only.includes("ingest")) {
      result.ingest = await benchIngest(server, dbPath, token, {
        connections: o.connections,
        duration: o.duration,
        knownMessages: Math.max(20_000, o.duration * 6_000),
      });
    }
    if (o.only.includes("query") || o.only.includes("timeline")) {
      // The server is stopped for the bulk insert and started again afterwards, so that its
      // statements are prepared against the loaded tables and their statistics.
      await stop();
      log(`history: inserting ${o.rows.toLocaleString("en")} texts (+ ${o.timelineMessages.toLocaleString("en")} in one conversation)`);
      const h = insertHistory(dbPath, {
        rows: o.rows,
        timelineMessages: o.timelineMessages,
        analyze: o.analyze,
        extraSql: o.extraSql ? fs.readFileSync(o.extraSql, "utf8") : null,
      });
      if (o.extraSql) result.extraSql = fs.readFileSync(o.extraSql, "utf8");
      h.timelineMessages = o.timelineMessages;
      server = await startServer({ port, dbPath, token, adminToken, env: serverEnv });
      const cookie = await signIn(server.base);
      if (o.only.includes("query")) {
        result.query = await benchQuery(server, dbPath, adminToken, h, { repeat: o.repeat });
        result.query.insertSeconds = round(h.insertSeconds, 1);
        result.query.analyzed = o.analyze;
        result.query.dbBytes = fs.statSync(dbPath).size;
        // The admin page that shows this filter (list, facets, chart), for context.
        const adminUrl = `${server.base}/admin/deliverability?${new URLSearchParams(result.query.filter.split("&").map((kv) => kv.split("=")))}`;
        log(`query: admin deliverability page with the same filter ×${Math.min(o.repeat, 10)}`);
        result.query.adminPage = (await timePages({ admin: { url: adminUrl } }, cookie, { repeat: Math.min(o.repeat, 10), warmup: 1 })).admin;
      }
      if (o.only.includes("timeline")) {
        result.timeline = await benchTimeline(server, cookie, h, { repeat: Math.max(o.repeat, 100) });
        if (o.browser) result.timeline.browser = await benchBrowser(server, cookie, h.conversationId);
      }
    }
  } finally {
    await stop();
    if (o.keepDb) log(`database kept at ${dbPath}`);
    else fs.rmSync(dataDir, { recursive: true, force: true });
  }
  result.machine.loadAvgAfter = os.loadavg().map((x) => round(x, 2));

  console.log(table(result));
  if (result.query) {
    console.log("EXPLAIN QUERY PLAN (bench connection, same database):");
    for (const [name, plan] of Object.entries(result.query.plans)) console.log(`\n${name}:\n${plan.replace(/^/gm, "  ")}`);
    console.log("");
  }
  const full = ["ingest", "query", "timeline"].every((p) => o.only.includes(p));
  const out = path.resolve(root, o.out ?? (full ? ".bench/latest.json" : `.bench/${o.only.join("+")}-${o.rows}.json`));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(result, null, 2) + "\n");
  log(`wrote ${path.relative(root, out)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
