// The query part: the admin filter through GET /api/messages (first page and a deep page) and the
// facet counts, each repeated; plus the same SQL in-process with its EXPLAIN QUERY PLAN, so that
// time in SQLite can be told apart from time in HTTP and rendering.
import Database from "better-sqlite3";
import { log, round, summarize } from "./util.mjs";

const DAY = 86_400_000;
const HOUR = 3_600_000;

// --- The SQL the app runs (copied from lib/data/messages.ts and lib/data/admin/deliverability.ts;
// keep in step with them). ---

const MESSAGE_COLUMNS = `m.id, m.conversation_id, m.direction, m.channel, m.body, m.from_number, m.to_number,
  m.provider_message_id, m.status, m.display_status, m.error_code, m.segments, m.read_at, m.resend_of_id,
  c.name AS contact_name, m.created_at, m.updated_at`;

export function filterWhere(f) {
  const clauses = [];
  const params = [];
  const inList = (column, values) => {
    if (!values?.length) return;
    clauses.push(`${column} IN (${values.map(() => "?").join(", ")})`);
    params.push(...values);
  };
  inList("m.display_status", f.displayStatus);
  inList("m.error_code", f.errorCode);
  inList("m.from_number", f.from);
  inList("m.to_number", f.to);
  inList("m.channel", f.channel);
  if (f.since !== undefined) {
    clauses.push("m.created_at >= ?");
    params.push(f.since);
  }
  if (f.until !== undefined) {
    clauses.push("m.created_at < ?");
    params.push(f.until);
  }
  return { where: clauses.length ? clauses.join(" AND ") : "1 = 1", params };
}

export function pageQuery(filter, cursor, limit = 50) {
  const { where, params } = filterWhere(filter);
  const keyset = cursor ? ` AND (m.created_at < ? OR (m.created_at = ? AND m.id < ?))` : "";
  return {
    sql: `SELECT ${MESSAGE_COLUMNS} FROM messages m JOIN conversations v ON v.id = m.conversation_id
       JOIN contacts c ON c.id = v.contact_id
       WHERE ${where}${keyset} ORDER BY m.created_at DESC, m.id DESC LIMIT ?`,
    params: [...params, ...(cursor ? [cursor.createdAt, cursor.createdAt, cursor.id] : []), limit + 1],
  };
}

export function facetQueries(filter) {
  const byStatus = filterWhere({ ...filter, displayStatus: undefined });
  const byCode = filterWhere({ ...filter, errorCode: undefined });
  return {
    statuses: {
      sql: `SELECT m.display_status AS s, count(*) AS n FROM messages m WHERE ${byStatus.where} GROUP BY m.display_status`,
      params: byStatus.params,
    },
    codes: {
      sql: `SELECT m.error_code AS code, count(*) AS n FROM messages m
       WHERE ${byCode.where} AND m.error_code IS NOT NULL AND m.error_code <> ''
       GROUP BY m.error_code ORDER BY n DESC, m.error_code LIMIT 12`,
      params: byCode.params,
    },
  };
}

export function seriesQuery(filter) {
  const { where, params } = filterWhere({
    ...filter,
    displayStatus: ["sending", "sent", "delivered", "failed", "undelivered", "unknown_error"],
  });
  return {
    sql: `SELECT m.created_at / ${HOUR} AS h, m.display_status AS s, count(*) AS n FROM messages m WHERE ${where} GROUP BY h, s`,
    params,
  };
}

function decodeCursor(s) {
  const m = /^(\d{1,15})\.(\d{1,15})$/.exec(Buffer.from(s, "base64url").toString("utf8"));
  return m ? { createdAt: Number(m[1]), id: Number(m[2]) } : null;
}

// --- Timing ---

async function timeHttp(url, headers, repeat, warmup = 3) {
  const samples = [];
  let last = null;
  for (let i = 0; i < warmup + repeat; i++) {
    const t = performance.now();
    const res = await fetch(url, { headers });
    const body = await res.text();
    const ms = performance.now() - t;
    if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}: ${body.slice(0, 300)}`);
    if (i >= warmup) samples.push(ms);
    last = body;
  }
  return { ...summarize(samples), body: last };
}

function timeSql(db, queries, repeat, warmup = 3) {
  const stmts = queries.map((q) => ({ stmt: db.prepare(q.sql), params: q.params }));
  const samples = [];
  let rows = 0;
  for (let i = 0; i < warmup + repeat; i++) {
    const t = performance.now();
    rows = 0;
    for (const s of stmts) rows += s.stmt.all(...s.params).length;
    const ms = performance.now() - t;
    if (i >= warmup) samples.push(ms);
  }
  return { ...summarize(samples), rows };
}

function planTree(db, q) {
  const rows = db.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.params);
  const level = new Map([[0, -1]]);
  return rows
    .map((r) => {
      const d = (level.get(r.parent) ?? -1) + 1;
      level.set(r.id, d);
      return `${"  ".repeat(d)}${r.detail}`;
    })
    .join("\n");
}

/**
 * Runs the query part against a running server whose database holds the history.
 * h: what insertHistory returned. Returns the figures and the plans.
 */
export async function benchQuery(server, dbPath, adminToken, h, { repeat = 30, deepPages = 20 } = {}) {
  const auth = { authorization: `Bearer ${adminToken}` };
  const filter = {
    displayStatus: ["failed", "undelivered"],
    errorCode: ["30003"],
    from: [h.senders[0]],
    since: h.start + 20 * DAY,
    until: h.now - 10 * DAY,
  };
  const qs = new URLSearchParams({
    displayStatus: filter.displayStatus.join(","),
    errorCode: filter.errorCode.join(","),
    from: filter.from.join(","),
    since: new Date(filter.since).toISOString(),
    until: new Date(filter.until).toISOString(),
  }).toString();
  const firstUrl = `${server.base}/api/messages?${qs}`;

  log(`query: GET /api/messages?${decodeURIComponent(qs)} (first page) ×${repeat}`);
  const first = await timeHttp(firstUrl, auth, repeat);
  const firstItems = JSON.parse(first.body).items.length;

  // Follow nextCursor to the deep page.
  let cursor = JSON.parse(first.body).nextCursor;
  let page = 1;
  let deepUrl = firstUrl;
  let seen = firstItems;
  while (cursor && page < deepPages) {
    deepUrl = `${firstUrl}&cursor=${encodeURIComponent(cursor)}`;
    const res = await fetch(deepUrl, { headers: auth });
    const j = await res.json();
    seen += j.items.length;
    page++;
    cursor = j.nextCursor;
  }
  log(`query: deep page = page ${page} (after ${seen - 50} matching texts) ×${repeat}`);
  const deep = await timeHttp(deepUrl, auth, repeat);

  // Facets: through HTTP when the app has a route for them, else the same SQL in-process.
  const facetsUrl = `${server.base}/api/messages/facets?${qs}`;
  const probe = await fetch(facetsUrl, { headers: auth });
  await probe.arrayBuffer();
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  db.pragma("cache_size = -64000");
  const fq = facetQueries(filter);
  let facets;
  let facetsVia;
  if (probe.status === 200) {
    facetsVia = "GET /api/messages/facets";
    log(`query: facets via ${facetsVia} ×${repeat}`);
    facets = await timeHttp(facetsUrl, auth, repeat);
  } else {
    facetsVia = "in-process SQL (no /api/messages/facets route; same SQL as deliverabilityFacets)";
    log(`query: facets: ${facetsVia} ×${repeat}`);
    facets = timeSql(db, [fq.statuses, fq.codes], repeat);
  }

  // The same SQL in-process: how much of the HTTP time is SQLite, and the plans.
  const cursorOf = (url) => {
    const c = new URL(url).searchParams.get("cursor");
    return c ? decodeCursor(c) : null;
  };
  const firstQ = pageQuery(filter, null);
  const deepQ = pageQuery(filter, cursorOf(deepUrl));
  const sq = seriesQuery(filter);
  const sql = {
    firstPage: timeSql(db, [firstQ], repeat),
    deepPage: timeSql(db, [deepQ], repeat),
    facets: timeSql(db, [fq.statuses, fq.codes], repeat),
    facetStatuses: timeSql(db, [fq.statuses], repeat),
    facetCodes: timeSql(db, [fq.codes], repeat),
    series: timeSql(db, [sq], Math.min(repeat, 10), 1),
  };
  const plans = {
    firstPage: planTree(db, firstQ),
    deepPage: planTree(db, deepQ),
    facetStatuses: planTree(db, fq.statuses),
    facetCodes: planTree(db, fq.codes),
    series: planTree(db, sq),
  };
  const stats = db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'sqlite_stat1'`).get().n
    ? db.prepare(`SELECT count(*) AS n FROM sqlite_stat1`).get().n
    : 0;
  const matching = db.prepare(`SELECT count(*) AS n FROM messages m WHERE ${filterWhere(filter).where}`).get(...filterWhere(filter).params).n;
  db.close();
  const strip = ({ body: _b, ...rest }) => rest;
  return {
    rows: h.rows,
    filterP50Ms: first.p50,
    filterP95Ms: first.p95,
    deepPageP95Ms: deep.p95,
    facetsP95Ms: facets.p95,
    repeat,
    filter: decodeURIComponent(qs),
    matching,
    deepPage: page,
    facetsVia,
    http: { firstPage: strip(first), deepPage: strip(deep), ...(probe.status === 200 ? { facets: strip(facets) } : {}) },
    sql: Object.fromEntries(Object.entries(sql).map(([k, v]) => [k, { p50: v.p50, p95: v.p95, rows: v.rows }])),
    sqliteStat1Rows: stats,
    plans,
    dbBytes: null,
  };
}

export { round };
