// Starts the real production server (`next start` on the existing .next build) on a free port with
// its own SQLite file, for integration tests. Every server is stopped by its PID; a read-only
// handle on the same database lets tests assert what was (or was not) stored.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

export interface TestServer {
  base: string;
  port: number;
  dbPath: string;
  dataDir: string;
  token: string; // TWILIO_AUTH_TOKEN
  adminToken: string; // BOOTSTRAP_ADMIN_TOKEN
  publicBaseUrl: string;
  /** Read-only handle on the server's database (opened lazily, closed by stop()). */
  db(): Database.Database;
  /** What the server printed so far (stdout and stderr interleaved). */
  output(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  env?: Record<string, string>;
  publicBaseUrl?: (port: number) => string;
}

const root = path.resolve(import.meta.dirname, "..", "..");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

// Children still running when this process exits are killed, each by its own PID, so a crashed
// run leaves none behind (tests/reliability/harness.ts uses this too).
const running = new Set<ChildProcess>();
let exitHookInstalled = false;
export function killOnExit(child: ChildProcess): void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once("exit", () => {
      for (const c of running) {
        if (c.pid !== undefined && c.exitCode === null && c.signalCode === null) {
          try {
            process.kill(c.pid, "SIGKILL");
          } catch {
            // already gone
          }
        }
      }
    });
  }
  running.add(child);
  child.once("exit", () => running.delete(child));
}

// Nothing from the caller's environment may point a test server at real Twilio or another database.
export function serverEnv(values: Record<string, string>, alsoUnset: string[] = []): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of [
    "TWILIO_ACCOUNT_SID",
    "TWILIO_API_BASE_URL",
    "TWILIO_AUTH_TOKEN_SECONDARY",
    "BETTER_AUTH_SECRET",
    "SQLITE_SYNCHRONOUS",
    "VITEST",
    "VITEST_MODE",
    "VITEST_POOL_ID",
    "VITEST_WORKER_ID",
    ...alsoUnset,
  ]) {
    delete env[k];
  }
  return Object.assign(env, values);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      if (!addr || typeof addr === "string") {
        srv.close();
        reject(new Error("could not get a free port"));
        return;
      }
      const port = addr.port;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (exited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export async function startServer(opts: StartOptions = {}): Promise<TestServer> {
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) {
    throw new Error("No production build in .next/; run `npx next build` before the integration tests");
  }
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sendstatus-test-"));
  const dbPath = path.join(dataDir, "db.sqlite");
  // A test that gives its own TWILIO_AUTH_TOKEN (a fake Twilio's) signs its callbacks with it.
  const token = opts.env?.TWILIO_AUTH_TOKEN ?? "tw_" + crypto.randomBytes(16).toString("hex");
  const adminToken = "adm_" + crypto.randomBytes(16).toString("hex");
  const publicBaseUrl = (opts.publicBaseUrl ?? ((p: number) => `http://127.0.0.1:${p}`))(port);
  const base = `http://127.0.0.1:${port}`;

  const env = serverEnv({
    NODE_ENV: "production",
    DATABASE_PATH: dbPath,
    PORT: String(port),
    PUBLIC_BASE_URL: publicBaseUrl,
    TWILIO_AUTH_TOKEN: token,
    BOOTSTRAP_ADMIN_TOKEN: adminToken,
    SIMULATOR_DELAY_SCALE: "0.2",
    NEXT_TELEMETRY_DISABLED: "1",
    ...opts.env,
  });

  const child = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    env,
    detached: false,
    stdio: ["ignore", "pipe", "pipe"],
  });
  killOnExit(child);
  let out = "";
  const keep = (d: Buffer) => {
    out += d.toString("utf8");
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);

  let readOnly: Database.Database | null = null;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    try {
      readOnly?.close();
    } catch {
      // ignore
    }
    readOnly = null;
    if (child.pid !== undefined && !exited(child)) {
      child.kill("SIGTERM");
      if (!(await waitForExit(child, 5_000))) {
        child.kill("SIGKILL");
        await waitForExit(child, 5_000);
      }
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 60_000;
  let lastError = "";
  for (;;) {
    if (exited(child)) {
      await stop();
      throw new Error(`The server exited (code ${child.exitCode}, signal ${child.signalCode}) before it was ready:\n${out}`);
    }
    try {
      const res = await fetch(base + "/api/health", { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === 200) break;
      lastError = `health answered ${res.status}`;
    } catch (e) {
      lastError = e instanceof Error ? e.message : String(e);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The server was not healthy after 60 s (${lastError}):\n${out}`);
    }
    await sleep(100);
  }

  return {
    base,
    port,
    dbPath,
    dataDir,
    token,
    adminToken,
    publicBaseUrl,
    db() {
      if (stopped) throw new Error("the server is stopped");
      readOnly ??= new Database(dbPath, { readonly: true, fileMustExist: true });
      return readOnly;
    },
    output: () => out,
    stop,
  };
}

export interface SignInAnswer {
  status: number;
  setCookies: string[];
  /** The session cookies as a Cookie header (cleared ones left out). */
  cookie: string;
}

/** Signs in through better-auth's email route, as the sign-in page does. */
export async function signIn(
  base: string,
  { email = "agent@example.com", password = "sendstatus-demo", origin = base }: { email?: string; password?: string; origin?: string } = {},
): Promise<SignInAnswer> {
  const res = await fetch(base + "/api/auth/sign-in/email", {
    method: "POST",
    headers: { "content-type": "application/json", origin },
    body: JSON.stringify({ email, password }),
  });
  await res.arrayBuffer();
  const setCookies = res.headers.getSetCookie();
  const cookie = setCookies
    .map((c) => c.split(";")[0]!)
    .filter((c) => !/=$/.test(c))
    .join("; ");
  return { status: res.status, setCookies, cookie };
}
