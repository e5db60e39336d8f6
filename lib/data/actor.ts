import "server-only";
// Who is asking: a signed-in user (session cookie) or an API token (Authorization: Bearer).
// Every data-layer function takes an Actor, and the role is checked here, on the server.
import { headers as nextHeaders } from "next/headers";
import { cache } from "react";
import { getDb } from "@/db/client";
import { hashApiToken } from "@/lib/api-token-hash";
import { getAuth } from "@/lib/auth";
import { AppError } from "./errors";

export { hashApiToken };

export type Role = "agent" | "admin";

export interface Actor {
  userId: string;
  email: string;
  name: string;
  role: Role;
  via: "session" | "token";
}

function actorFromToken(token: string): Actor | null {
  const sqlite = getDb().$client;
  const row = sqlite
    .prepare(
      `SELECT t.id, u.id AS user_id, u.email, u.name, u.role FROM api_tokens t JOIN user u ON u.id = t.user_id
       WHERE t.token_hash = ? AND t.revoked_at IS NULL`,
    )
    .get(hashApiToken(token)) as { id: number; user_id: string; email: string; name: string; role: Role } | undefined;
  if (!row) return null;
  sqlite.prepare(`UPDATE api_tokens SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)`).run(Date.now(), row.id, Date.now() - 60_000);
  return { userId: row.user_id, email: row.email, name: row.name, role: row.role, via: "token" };
}

export async function actorFromHeaders(h: Headers): Promise<Actor | null> {
  const authorization = h.get("authorization");
  if (authorization) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return m ? actorFromToken(m[1]!) : null;
  }
  const session = await getAuth().api.getSession({ headers: h });
  if (!session) return null;
  const role = (session.user as { role?: string }).role === "admin" ? "admin" : "agent";
  return { userId: session.user.id, email: session.user.email, name: session.user.name, role, via: "session" };
}

// For pages and server actions. One check per request: a layout and its page both ask, and a
// session check (two signed cookies verified) costs more than rendering a small page.
export const currentActor = cache(async (): Promise<Actor | null> => actorFromHeaders(await nextHeaders()));

export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw new AppError("unauthorized", "Sign in, or send an API token as Authorization: Bearer <token>");
  return actor;
}

export function requireAdmin(actor: Actor | null): Actor {
  const a = requireActor(actor);
  if (a.role !== "admin") throw new AppError("forbidden", "Only admins can see this");
  return a;
}
