// Sign-in with better-auth: email + password, sessions in SQLite, httpOnly cookies.
// Created lazily so nothing reads the environment or the database at build time.
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { nextCookies } from "better-auth/next-js";
import { getDb } from "../db/client";
import * as schema from "../db/schema";
import { appOrigins, env } from "./env";

function createAuth() {
  const e = env();
  const origins = appOrigins();
  return betterAuth({
    appName: "SendStatus",
    baseURL: e.publicBaseUrl,
    secret: e.authSecret,
    trustedOrigins: [...origins],
    database: drizzleAdapter(getDb(), { provider: "sqlite", schema }),
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 8 },
    user: {
      additionalFields: {
        role: { type: "string", required: false, defaultValue: "agent", input: false },
      },
    },
    // The cookie cache saves a database read on every page; a signed-out or deleted session stops
    // working within a minute at most (sign-out clears the cookie at once).
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24, cookieCache: { enabled: true, maxAge: 60 } },
    rateLimit: {
      enabled: true,
      storage: "memory",
      window: 60,
      max: 200,
      customRules: { "/sign-in/email": { window: 60, max: 10 } },
    },
    advanced: { useSecureCookies: e.publicBaseUrl.startsWith("https://"), cookiePrefix: "sendstatus" },
    telemetry: { enabled: false },
    plugins: [nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;

const cache = globalThis as unknown as { __sendstatusAuth?: Auth };

export function getAuth(): Auth {
  return (cache.__sendstatusAuth ??= createAuth());
}
