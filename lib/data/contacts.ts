import "server-only";
import { getDb } from "@/db/client";
import { errorInfo } from "@/lib/errors/catalog";
import { requireAdmin, type Actor } from "./actor";
import { AppError } from "./errors";

// Why texts to this contact will not arrive, in words for the banner and the composer.
export function reachabilityWarning(c: { optedOut: boolean; unreachableCode: string | null }): string | null {
  if (c.optedOut) return "This customer opted out (texted STOP). Texts to them are blocked until they text START.";
  if (c.unreachableCode) {
    const info = errorInfo(c.unreachableCode);
    return info ? `Texts to this number fail: ${info.cause}` : `Texts to this number failed with error ${c.unreachableCode}.`;
  }
  return null;
}

export function clearOptOut(actor: Actor | null, contactId: number): void {
  requireAdmin(actor);
  const r = getDb().$client.prepare(`UPDATE contacts SET opted_out_at = NULL, unreachable_code = NULL, unreachable_at = NULL WHERE id = ?`).run(contactId);
  if (r.changes === 0) throw new AppError("not_found", "This contact no longer exists.");
}
