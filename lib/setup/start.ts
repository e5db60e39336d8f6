// What a server process does once at start: migrate, seed a fresh database, make the bootstrap
// admin token exist, and start delivering the simulator's scheduled callbacks.
import { hashApiToken } from "../api-token-hash";
import { getDb } from "../../db/client";
import { runMigrations } from "../../db/migrate";
import { env } from "../env";
import { getProvider } from "../providers";
import { startCallbackDelivery } from "../providers/simulator";
import { startReconciliation } from "./reconcile";
import { seedDemoData } from "./seed";

function ensureBootstrapToken(token: string): void {
  const sqlite = getDb().$client;
  const hash = hashApiToken(token);
  const admin = sqlite.prepare(`SELECT id FROM user WHERE role = 'admin' ORDER BY created_at LIMIT 1`).get() as { id: string } | undefined;
  if (!admin) throw new Error("BOOTSTRAP_ADMIN_TOKEN is set but there is no admin user to own it");
  sqlite
    .prepare(
      `INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES (?, 'Bootstrap admin token', ?, ?)
       ON CONFLICT (token_hash) DO UPDATE SET revoked_at = NULL`,
    )
    .run(admin.id, hash, Date.now());
}

export async function startServer(): Promise<void> {
  const e = env();
  const db = getDb();
  runMigrations(db);
  // Keep the planner's statistics current (bounded work), so filters pick the right index.
  const optimize = () => {
    try {
      db.$client.pragma("analysis_limit = 1000");
      db.$client.pragma("optimize");
    } catch (err) {
      console.error("PRAGMA optimize failed", err);
    }
  };
  optimize();
  setInterval(optimize, 60 * 60_000).unref();
  if (await seedDemoData(db)) console.log("SendStatus: seeded demo data (agent@example.com / admin@example.com)");
  if (e.bootstrapAdminToken) ensureBootstrapToken(e.bootstrapAdminToken);
  const delivery = startCallbackDelivery({ db, authToken: e.twilioAuthTokens[0]!, deliverTo: `http://127.0.0.1:${e.port}` });
  const reconciliation = startReconciliation({ db, provider: getProvider(), olderThanMs: e.reconcileAfterMs, intervalMs: e.reconcileIntervalMs });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    await Promise.all([delivery.stop(), reconciliation.stop()]);
    console.log(`SendStatus: ${signal}, simulator stopped`);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
  console.log(`SendStatus: ready; provider ${e.useTwilio ? "twilio" : "simulator"}; signatures checked against ${e.publicBaseUrl}`);
}

// If start-up fails (migrations, seed), the process exits: a server that answers 500 to
// everything would look alive to a process manager. (Here, not in instrumentation.ts, which
// Next.js also checks against the Edge runtime.)
export async function startServerOrExit(): Promise<void> {
  try {
    await startServer();
  } catch (e) {
    console.error("SendStatus could not start:", e);
    process.exit(1);
  }
}
