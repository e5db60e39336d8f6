// Configuration, parsed once from the environment (SPEC section 4). Secrets that are not set are
// generated on first start and kept beside the database, so a fresh clone runs with no set-up.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

const schema = z.object({
  DATABASE_PATH: z.string().min(1).default("./data/sendstatus.db"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  PUBLIC_BASE_URL: z.string().url().optional(),
  TWILIO_AUTH_TOKEN: z.string().min(1).optional(),
  // A second token accepted while rotating (Twilio's secondary auth token).
  TWILIO_AUTH_TOKEN_SECONDARY: z.string().min(1).optional(),
  TWILIO_ACCOUNT_SID: z.string().min(1).optional(),
  // Where the twilio SDK sends REST calls; set only to point it at a local fake in tests.
  TWILIO_API_BASE_URL: z.string().url().optional(),
  BOOTSTRAP_ADMIN_TOKEN: z.string().min(8).optional(),
  BETTER_AUTH_SECRET: z.string().min(32).optional(),
  // Hours after which a Sent text with no receipt carries the "no delivery receipt" hint.
  SENT_HINT_HOURS: z.coerce.number().positive().default(24),
  // Multiplies the simulator's delays (tests use a smaller value).
  SIMULATOR_DELAY_SCALE: z.coerce.number().min(0).max(100).default(1),
  // Texts still Sending/Sent this many minutes after their last change are looked up at the provider.
  RECONCILE_AFTER_MINUTES: z.coerce.number().min(0).default(30),
  RECONCILE_INTERVAL_SECONDS: z.coerce.number().min(0.1).default(60),
});

export interface Env {
  databasePath: string;
  dataDir: string;
  port: number;
  publicBaseUrl: string;
  twilioAuthTokens: string[];
  twilioAccountSid: string | undefined;
  twilioApiBaseUrl: string | undefined;
  bootstrapAdminToken: string | undefined;
  authSecret: string;
  sentHintHours: number;
  simulatorDelayScale: number;
  reconcileAfterMs: number;
  reconcileIntervalMs: number;
  useTwilio: boolean;
}

// A secret kept in a file of the data folder; created once (exclusively, so two processes that
// start together agree on one value).
function persistentSecret(dataDir: string, name: string, bytes: number): string {
  const file = path.join(dataDir, name);
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    fs.writeFileSync(file, crypto.randomBytes(bytes).toString("hex") + "\n", { flag: "wx", mode: 0o600 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  }
  return fs.readFileSync(file, "utf8").trim();
}

function load(): Env {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  const e = parsed.data;
  const databasePath = path.resolve(/*turbopackIgnore: true*/ e.DATABASE_PATH);
  const dataDir = path.dirname(databasePath);
  const primary = e.TWILIO_AUTH_TOKEN ?? persistentSecret(dataDir, "twilio-auth-token", 16);
  return {
    databasePath,
    dataDir,
    port: e.PORT,
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ""),
    twilioAuthTokens: [primary, ...(e.TWILIO_AUTH_TOKEN_SECONDARY ? [e.TWILIO_AUTH_TOKEN_SECONDARY] : [])],
    twilioAccountSid: e.TWILIO_ACCOUNT_SID,
    twilioApiBaseUrl: e.TWILIO_API_BASE_URL,
    bootstrapAdminToken: e.BOOTSTRAP_ADMIN_TOKEN,
    authSecret: e.BETTER_AUTH_SECRET ?? persistentSecret(dataDir, "auth-secret", 32),
    sentHintHours: e.SENT_HINT_HOURS,
    simulatorDelayScale: e.SIMULATOR_DELAY_SCALE,
    reconcileAfterMs: e.RECONCILE_AFTER_MINUTES * 60_000,
    reconcileIntervalMs: e.RECONCILE_INTERVAL_SECONDS * 1000,
    useTwilio: Boolean(e.TWILIO_ACCOUNT_SID && e.TWILIO_AUTH_TOKEN),
  };
}

// The origins a browser uses to reach this app: the public URL, and loopback on PORT.
export function appOrigins(): Set<string> {
  const e = env();
  return new Set([new URL(e.publicBaseUrl).origin, `http://localhost:${e.port}`, `http://127.0.0.1:${e.port}`]);
}

const cache = globalThis as unknown as { __sendstatusEnv?: Env };

export function env(): Env {
  return (cache.__sendstatusEnv ??= load());
}
