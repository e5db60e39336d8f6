// Builds when needed and runs the real production server (`next start`) for the benchmark, on a
// free port with its own SQLite file. The server is stopped by its PID, never by name.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { log, sleep } from "./util.mjs";

export const root = path.resolve(import.meta.dirname, "..", "..");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

export function distDir() {
  return process.env.NEXT_DIST_DIR || ".next";
}

// The newest modification time under the folders a build compiles (to warn about a stale build).
function newestSource() {
  let newest = { t: 0, file: null };
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(tsx?|css|sql)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) {
        const t = fs.statSync(p).mtimeMs;
        if (t > newest.t) newest = { t, file: path.relative(root, p) };
      }
    }
  };
  for (const d of ["app", "components", "lib", "db"]) if (fs.existsSync(path.join(root, d))) walk(path.join(root, d));
  return newest;
}

/** Builds when there is no build (or when forced); returns {buildId, builtAt, stale}. */
export function ensureBuild({ force = false } = {}) {
  const buildId = path.join(root, distDir(), "BUILD_ID");
  if (!force && fs.existsSync(buildId)) {
    const builtAt = fs.statSync(buildId).mtimeMs;
    const newest = newestSource();
    const stale = newest.t > builtAt ? newest.file : null;
    log(`using the existing build in ${distDir()}/ (BUILD_ID ${fs.readFileSync(buildId, "utf8").trim()}, built ${new Date(builtAt).toISOString()})`);
    if (stale) log(`WARNING: ${stale} is newer than this build; the figures describe the build, not the sources (use --build)`);
    return { buildId: fs.readFileSync(buildId, "utf8").trim(), builtAt: new Date(builtAt).toISOString(), staleSource: stale };
  }
  log(`no production build in ${distDir()}/; running next build …`);
  const r = spawnSync(process.execPath, [nextBin, "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (r.status !== 0) throw new Error(`next build failed (exit ${r.status})`);
  return { buildId: fs.readFileSync(buildId, "utf8").trim(), builtAt: new Date(fs.statSync(buildId).mtimeMs).toISOString(), staleSource: null };
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// Every server this process started; killed on exit so a crashed run leaves nothing behind.
const running = new Set();
process.once("exit", () => {
  for (const child of running) {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  }
});

/**
 * Starts `next start` on `port` with DATABASE_PATH = dbPath. opts.env adds variables;
 * opts.nodeOptions adds flags for the server's Node (e.g. --cpu-prof).
 */
export async function startServer({ port, dbPath, token, adminToken, env: extra = {}, nodeArgs = [] }) {
  const env = { ...process.env };
  for (const k of ["TWILIO_ACCOUNT_SID", "TWILIO_API_BASE_URL", "TWILIO_AUTH_TOKEN_SECONDARY", "BETTER_AUTH_SECRET", "VITEST"]) delete env[k];
  Object.assign(env, {
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_PATH: dbPath,
    PORT: String(port),
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    TWILIO_AUTH_TOKEN: token,
    BOOTSTRAP_ADMIN_TOKEN: adminToken,
    ...extra,
  });
  const child = spawn(process.execPath, [...nodeArgs, nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  let out = "";
  const keep = (d) => {
    out += d.toString("utf8");
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  child.once("exit", () => running.delete(child));

  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const waitExit = (ms) =>
    exited()
      ? Promise.resolve(true)
      : new Promise((resolve) => {
          const t = setTimeout(() => resolve(false), ms);
          child.once("exit", () => {
            clearTimeout(t);
            resolve(true);
          });
        });

  const base = `http://127.0.0.1:${port}`;
  const server = {
    base,
    port,
    pid: child.pid,
    output: () => out,
    async stop() {
      if (!exited()) {
        child.kill("SIGTERM");
        if (!(await waitExit(15_000))) {
          child.kill("SIGKILL");
          await waitExit(5_000);
        }
      }
      running.delete(child);
    },
  };

  const deadline = Date.now() + 90_000;
  for (;;) {
    if (exited()) throw new Error(`the server exited (code ${child.exitCode}) before it was ready:\n${out}`);
    try {
      const res = await fetch(base + "/api/health", { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`the server was not healthy after 90 s:\n${out}`);
    }
    await sleep(100);
  }
  log(`server ${child.pid} ready on ${base}`);
  return server;
}
