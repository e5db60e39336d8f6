// Summarises a V8 .cpuprofile (node --cpu-prof, written by `npm run bench -- --profile`):
// self time per function and per package, and inclusive time of the functions named on the
// command line, optionally for a window of seconds since the profile started.
// Usage: node scripts/bench/profile-summary.mjs FILE [fromSec] [toSec] [fnName ...]
import fs from "node:fs";

const [file, from = "0", to = "1e9", ...names] = process.argv.slice(2);
const prof = JSON.parse(fs.readFileSync(file, "utf8"));
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const self = new Map();
let t = 0;
let total = 0;
const inclusive = new Map(names.map((n) => [n, 0]));
for (let i = 0; i < prof.samples.length; i++) {
  t += prof.timeDeltas[i];
  const sec = t / 1e6;
  if (sec < Number(from) || sec > Number(to)) continue;
  const dt = prof.timeDeltas[i + 1] ?? 0;
  total += dt;
  const id = prof.samples[i];
  self.set(id, (self.get(id) ?? 0) + dt);
  if (names.length) {
    const seen = new Set();
    for (let n = id; n !== undefined; n = parent.get(n)) {
      const fn = byId.get(n).callFrame.functionName;
      if (inclusive.has(fn) && !seen.has(fn)) {
        seen.add(fn);
        inclusive.set(fn, inclusive.get(fn) + dt);
      }
    }
  }
}

function where(cf) {
  const url = cf.url || "";
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  if (url.includes("/.next")) return url.includes("chunks") ? "app (.next chunks)" : "next build output";
  if (url.startsWith("node:")) return "node core";
  return url ? url.replace(/^.*\/work\/main\//, "") : cf.functionName.startsWith("(") ? cf.functionName : "native";
}

const fnSelf = new Map();
const pkgSelf = new Map();
for (const [id, us] of self) {
  const cf = byId.get(id).callFrame;
  const key = `${cf.functionName || "(anonymous)"}  [${where(cf)}${cf.url ? ":" + (cf.lineNumber + 1) : ""}]`;
  fnSelf.set(key, (fnSelf.get(key) ?? 0) + us);
  pkgSelf.set(where(cf), (pkgSelf.get(where(cf)) ?? 0) + us);
}
const pct = (us) => ((100 * us) / total).toFixed(1).padStart(5) + "%";
console.log(`window ${from}-${to} s: ${(total / 1e6).toFixed(2)} s of samples`);
console.log("\nself time by package / area:");
for (const [k, us] of [...pkgSelf].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${pct(us)}  ${k}`);
console.log("\nself time by function (top 30):");
for (const [k, us] of [...fnSelf].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`  ${pct(us)}  ${k}`);
if (names.length) {
  console.log("\ninclusive time:");
  for (const [k, us] of inclusive) console.log(`  ${pct(us)}  ${k}`);
}
