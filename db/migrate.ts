// Applies the committed drizzle-kit migrations. Safe to run at every start and from several
// processes: drizzle records what it applied, and SQLite serialises the writers.
import path from "node:path";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import type { Db } from "./client";

export function migrationsFolder(): string {
  return path.join(process.cwd(), "db", "migrations");
}

export function runMigrations(db: Db): void {
  migrate(db, { migrationsFolder: migrationsFolder() });
}
