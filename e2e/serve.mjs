// The server the end-to-end tests run against: `next start` (never a build) on a fresh SQLite
// database in .e2e-data/, recreated on every run so tests never see a previous run's data.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const port = process.env.E2E_PORT ?? "3210";
const dataDir = path.join(root, ".e2e-data");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
// The build folder: .next unless NEXT_DIST_DIR names another (next.config.ts reads the same variable,
// so `NEXT_DIST_DIR=.next-e2e next build` and `NEXT_DIST_DIR=.next-e2e playwright test` pair up).
const distDir = process.env.NEXT_DIST_DIR || ".next";
// The webhook signing secret, fixed so tests can sign inbound webhooks (e2e/fixtures.ts has the same value).
const twilioAuthToken = "e2e-twilio-token";

if (!fs.existsSync(path.join(root, distDir, "BUILD_ID"))) {
  console.error(`e2e: there is no production build in ${distDir}/; run \`npm run build\` (npm test does) before Playwright.`);
  process.exit(1);
}

fs.rmSync(dataDir, { recursive: true, force: true });
fs.mkdirSync(dataDir, { recursive: true });

// Never the real Twilio: without an account SID, outbound texts go to the built-in simulator.
const { TWILIO_ACCOUNT_SID: _ignored, ...inherited } = process.env;

const server = spawn(process.execPath, [nextBin, "start", "-p", port, "-H", "127.0.0.1"], {
  cwd: root,
  stdio: "inherit",
  env: {
    ...inherited,
    NODE_ENV: "production",
    NEXT_DIST_DIR: distDir,
    PORT: port,
    DATABASE_PATH: path.join(dataDir, "db.sqlite"),
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    SIMULATOR_DELAY_SCALE: "0.3",
    TWILIO_AUTH_TOKEN: twilioAuthToken,
    NEXT_TELEMETRY_DISABLED: "1",
  },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
