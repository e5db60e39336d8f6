// Applies one status callback: store it in the message's history (once), then move the message's
// current status only if the ordering rule allows. One SQLite transaction per callback.
import type Database from "better-sqlite3";
import type { Db } from "../../db/client";
import { displayStatusOf, isFailure, rankOf, shouldApply, type TwilioStatus } from "../status";
import { errorInfo } from "../errors/catalog";
import { statements } from "./statements";

export interface StatusCallback {
  provider: string; // "twilio"
  providerMessageId: string;
  status: TwilioStatus;
  errorCode: string | null;
  rawPayload: string;
  receivedAt: number;
  source: "callback" | "reconcile";
}

export type ApplyOutcome =
  | "applied" // the message's current status changed
  | "history-only" // kept in history; a higher-ranked status stands
  | "duplicate" // the same provider id, status and code was already stored
  | "orphan"; // no message has this id yet; kept until it appears

export interface ApplyResult {
  outcome: ApplyOutcome;
  messageId: number | null;
}

export function applyStatusCallback(db: Db, cb: StatusCallback): ApplyResult {
  return db.$client.transaction(() => applyStatusCallbackInTransaction(db, cb)).immediate();
}

// The same, inside a transaction the caller holds (several callbacks may share one commit).
export function applyStatusCallbackInTransaction(db: Db, cb: StatusCallback): ApplyResult {
  const sqlite = db.$client;
  const s = statements(sqlite);
  const message = s.messageBySid.get(cb.provider, cb.providerMessageId) as { id: number } | undefined;
  const inserted = s.insertEvent.run(
    cb.provider,
    cb.providerMessageId,
    message?.id ?? null,
    cb.status,
    cb.errorCode ?? "",
    cb.source,
    cb.rawPayload,
    cb.receivedAt,
  );
  if (inserted.changes === 0) return { outcome: "duplicate", messageId: message?.id ?? null };
  if (!message) return { outcome: "orphan", messageId: null };
  const changed = applyToMessage(sqlite, message.id, cb.status, cb.errorCode, cb.receivedAt);
  return { outcome: changed ? "applied" : "history-only", messageId: message.id };
}

// Moves a message's current status when the ordering rule allows; returns whether it moved.
// Must run inside a transaction.
export function applyToMessage(
  sqlite: Database.Database,
  messageId: number,
  status: TwilioStatus,
  errorCode: string | null,
  at: number,
): boolean {
  const s = statements(sqlite);
  const current = s.messageRank.get(messageId) as { status_rank: number; to_number: string; direction: string } | undefined;
  // An inbound text stays Received whatever a status callback naming its SID says.
  if (!current || current.direction !== "outbound") return false;
  const rank = rankOf(status);
  if (!shouldApply(current.status_rank, rank)) return false;
  const display = displayStatusOf(status, errorCode);
  const code = isFailure(display) ? errorCode : null;
  s.updateMessageStatus.run(status, display, rank, code, status === "read" ? at : null, at, messageId);
  if (code) markContactProblem(sqlite, current.to_number, code, at);
  return true;
}

// A permanent failure says something about the number itself; the conversation shows it.
function markContactProblem(sqlite: Database.Database, phone: string, code: string, at: number): void {
  const problem = errorInfo(code)?.contactProblem;
  if (!problem) return;
  const s = statements(sqlite);
  if (problem === "opted_out") s.optOutContact.run(at, phone);
  else s.markContactUnreachable.run(code, at, phone);
}

// Callbacks that beat the message into the database: attach them and apply them in arrival order.
export function attachOrphanCallbacks(sqlite: Database.Database, messageId: number, provider: string, providerMessageId: string): number {
  const s = statements(sqlite);
  const orphans = s.claimOrphans.all(messageId, provider, providerMessageId) as {
    status: string;
    error_code: string;
    received_at: number;
  }[];
  orphans.sort((a, b) => a.received_at - b.received_at);
  for (const o of orphans) applyToMessage(sqlite, messageId, o.status as TwilioStatus, o.error_code || null, o.received_at);
  return orphans.length;
}
