// Applies the committed drizzle-kit migrations at every start. Several processes may start
// together on one new database: drizzle reads what was applied before taking the write lock, so
// the loser of that race fails on "already exists"; trying again then finds nothing to do.
import path from "node:path";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import type { Db } from "./client";

export function migrationsFolder(): string {
  return path.join(process.cwd(), "db", "migrations");
}

export function runMigrations(db: Db, attempts = 5): void {
  for (let i = 1; ; i++) {
    try {
      migrate(db, { migrationsFolder: migrationsFolder() });
      return;
    } catch (e) {
      if (i >= attempts) throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100 * i);
    }
  }
}
