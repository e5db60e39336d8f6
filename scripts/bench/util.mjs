// Small helpers shared by the benchmark parts: percentiles, a seeded random source, formatting.

export function percentile(values, p) {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest-rank: the smallest value with at least p% of the samples at or below it.
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1];
}

export function summarize(values) {
  return {
    n: values.length,
    p50: round(percentile(values, 50)),
    p95: round(percentile(values, 95)),
    max: round(Math.max(...values)),
  };
}

export function round(x, digits = 2) {
  if (x === null || x === undefined || Number.isNaN(x)) return null;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

// Mulberry32: a tiny, fast, seeded generator, so every run builds the same history.
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Picks from [[value, weight], ...] with a random number in [0, 1).
export function weighted(table) {
  const total = table.reduce((s, [, w]) => s + w, 0);
  const cumulative = [];
  let acc = 0;
  for (const [v, w] of table) {
    acc += w / total;
    cumulative.push([v, acc]);
  }
  return (r) => {
    for (const [v, c] of cumulative) if (r < c) return v;
    return cumulative[cumulative.length - 1][0];
  };
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function hexId(random, length = 32) {
  let s = "";
  for (let i = 0; i < length; i++) s += Math.floor(random() * 16).toString(16);
  return s;
}

export function log(...args) {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...args);
}
