import "server-only";
// API tokens: shown once when created, stored as a SHA-256, revocable by their owner or an admin.
import crypto from "node:crypto";
import { getDb } from "@/db/client";
import { hashApiToken, requireActor, type Actor } from "./actor";
import { AppError } from "./errors";

export interface ApiTokenDto {
  id: number;
  name: string;
  ownerEmail: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function createApiToken(actor: Actor | null, name: string): { token: string; id: number } {
  const a = requireActor(actor);
  const token = "ss_" + crypto.randomBytes(24).toString("base64url");
  const info = getDb()
    .$client.prepare(`INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?)`)
    .run(a.userId, name, hashApiToken(token), Date.now());
  return { token, id: Number(info.lastInsertRowid) };
}

export function listApiTokens(actor: Actor | null): ApiTokenDto[] {
  const a = requireActor(actor);
  const rows = getDb()
    .$client.prepare(
      `SELECT t.id, t.name, u.email, t.created_at, t.last_used_at, t.revoked_at FROM api_tokens t JOIN user u ON u.id = t.user_id
       ${a.role === "admin" ? "" : "WHERE t.user_id = ?"} ORDER BY t.id DESC`,
    )
    .all(...(a.role === "admin" ? [] : [a.userId])) as { id: number; name: string; email: string; created_at: number; last_used_at: number | null; revoked_at: number | null }[];
  return rows.map((r) => ({ id: r.id, name: r.name, ownerEmail: r.email, createdAt: iso(r.created_at)!, lastUsedAt: iso(r.last_used_at), revokedAt: iso(r.revoked_at) }));
}

export function revokeApiToken(actor: Actor | null, id: number): void {
  const a = requireActor(actor);
  const row = getDb().$client.prepare(`SELECT user_id FROM api_tokens WHERE id = ?`).get(id) as { user_id: string } | undefined;
  if (!row || (a.role !== "admin" && row.user_id !== a.userId)) throw new AppError("not_found", `There is no API token ${id}`);
  getDb().$client.prepare(`UPDATE api_tokens SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?`).run(Date.now(), id);
}
