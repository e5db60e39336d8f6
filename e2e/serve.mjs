// The server the end-to-end tests run against: `next start` (never a build) on a fresh SQLite
// database in .e2e-data/, recreated on every run so tests never see a previous run's data.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const port = process.env.E2E_PORT ?? "3210";
const dataDir = path.join(root, ".e2e-data");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) {
  console.error("e2e: there is no production build; run `npm run build` (npm test does) before Playwright.");
  process.exit(1);
}

fs.rmSync(dataDir, { recursive: true, force: true });
fs.mkdirSync(dataDir, { recursive: true });

const server = spawn(process.execPath, [nextBin, "start", "-p", port, "-H", "127.0.0.1"], {
  cwd: root,
  stdio: "inherit",
  env: {
    ...process.env,
    NODE_ENV: "production",
    PORT: port,
    DATABASE_PATH: path.join(dataDir, "db.sqlite"),
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    SIMULATOR_DELAY_SCALE: "0.3",
    NEXT_TELEMETRY_DISABLED: "1",
  },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
