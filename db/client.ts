// One better-sqlite3 connection per process, cached on globalThis so that dev-mode reloads and
// the many route modules of a Next.js build share it. Kept free of "server-only" so scripts
// and tests can import it under plain Node.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export function databasePath(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.DATABASE_PATH || "./data/sendstatus.db");
}

export function openDatabase(file: string = databasePath()): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  // FULL: a callback we answered 2xx survives a power cut as well as a crash (docs/reliability.md).
  sqlite.pragma(`synchronous = ${process.env.SQLITE_SYNCHRONOUS === "NORMAL" ? "NORMAL" : "FULL"}`);
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("cache_size = -64000");
  sqlite.pragma("temp_store = MEMORY");
  return drizzle(sqlite, { schema }) as Db;
}

const cache = globalThis as unknown as { __sendstatusDb?: { file: string; db: Db } };

export function getDb(): Db {
  const file = databasePath();
  if (!cache.__sendstatusDb || cache.__sendstatusDb.file !== file) {
    cache.__sendstatusDb = { file, db: openDatabase(file) };
  }
  return cache.__sendstatusDb.db;
}
