import "server-only";
// Sender-number health for admins: each number's registration state, its last 7 days of texts,
// and its registration-related failures; and the admin's edit of the registration state.
import { z } from "zod";
import { getDb } from "@/db/client";
import type { GuidanceTopic } from "@/lib/errors/catalog";
import { requireAdmin, type Actor } from "../actor";
import { AppError } from "../errors";

// Codes carriers and Twilio give when the sender is not (or no longer) registered or verified;
// 30008 "unknown error" most often means an unregistered 10DLC number too.
export const REGISTRATION_FAILURE_CODES = ["30034", "30035", "30024", "30033", "30032", "30007", "30008"] as const;
export const A2P_STATES = ["unregistered", "pending", "registered", "failed"] as const;
export const TFV_STATES = ["unverified", "pending", "verified", "rejected"] as const;
export type A2pState = (typeof A2P_STATES)[number];
export type TfvState = (typeof TFV_STATES)[number];
export type SenderKind = "long_code" | "toll_free" | "short_code";

export const HEALTH_WINDOW_DAYS = 7;

export type NumberFlag =
  /** Marked registered (or verified) but failing with registration-related codes. */
  | { kind: "fails_as_unregistered"; guidance: GuidanceTopic }
  /** Not registered (or verified) yet, and sending anyway. */
  | { kind: "sending_unregistered"; guidance: GuidanceTopic };

export interface SenderNumberHealth {
  id: number;
  phone: string;
  label: string;
  kind: SenderKind;
  a2pState: A2pState | null;
  tfvState: TfvState | null;
  isDefault: boolean;
  sent: number;
  delivered: number;
  failed: number;
  pending: number;
  /** Delivered, of the texts with a final outcome; null when none has one. */
  deliveryRate: number | null;
  registrationFailures: number;
  registrationFailureCodes: { code: string; count: number }[];
  flag: NumberFlag | null;
}

export interface SenderHealthReport {
  since: string;
  numbers: SenderNumberHealth[];
}

const REGISTRATION_CODES: ReadonlySet<string> = new Set(REGISTRATION_FAILURE_CODES);
const UNREGISTERED_A2P: ReadonlySet<string> = new Set(["unregistered", "failed", "pending"]);
const UNVERIFIED_TFV: ReadonlySet<string> = new Set(["unverified", "rejected", "pending"]);

function flagOf(n: Pick<SenderNumberHealth, "kind" | "a2pState" | "tfvState" | "sent" | "registrationFailures">): NumberFlag | null {
  if (n.kind === "long_code") {
    if (n.a2pState === "registered" && n.registrationFailures > 0) return { kind: "fails_as_unregistered", guidance: "a2p-10dlc" };
    if (n.a2pState && UNREGISTERED_A2P.has(n.a2pState) && n.sent > 0) return { kind: "sending_unregistered", guidance: "a2p-10dlc" };
  }
  if (n.kind === "toll_free") {
    if (n.tfvState === "verified" && n.registrationFailures > 0) return { kind: "fails_as_unregistered", guidance: "toll-free" };
    if (n.tfvState && UNVERIFIED_TFV.has(n.tfvState) && n.sent > 0) return { kind: "sending_unregistered", guidance: "toll-free" };
  }
  return null;
}

export function senderNumberHealth(actor: Actor | null, now: number = Date.now()): SenderHealthReport {
  requireAdmin(actor);
  const sqlite = getDb().$client;
  const since = now - HEALTH_WINDOW_DAYS * 86_400_000;
  const senders = sqlite
    .prepare(`SELECT id, phone, label, kind, a2p_state, tfv_state, is_default FROM sender_numbers ORDER BY is_default DESC, id`)
    .all() as { id: number; phone: string; label: string; kind: SenderKind; a2p_state: A2pState | null; tfv_state: TfvState | null; is_default: number }[];
  // Totals count on the (from_number, created_at) index alone. Everything not delivered is a
  // small share of the texts, so it is read through the (display_status, created_at) index and
  // delivered is what remains.
  const total = sqlite.prepare(`SELECT count(*) AS n FROM messages WHERE from_number = ? AND created_at >= ?`);
  const notDelivered = sqlite
    .prepare(
      `SELECT from_number AS phone, display_status AS s, error_code AS code, count(*) AS n FROM messages
       WHERE display_status IN ('sending', 'sent', 'failed', 'undelivered', 'unknown_error') AND created_at >= ?
       GROUP BY from_number, display_status, error_code`,
    )
    .all(since) as { phone: string; s: string; code: string | null; n: number }[];
  const byPhone = new Map<string, typeof notDelivered>();
  for (const r of notDelivered) byPhone.set(r.phone, [...(byPhone.get(r.phone) ?? []), r]);

  const numbers = senders.map((s): SenderNumberHealth => {
    const sent = (total.get(s.phone, since) as { n: number }).n;
    let failed = 0;
    let pending = 0;
    const codes = new Map<string, number>();
    for (const r of byPhone.get(s.phone) ?? []) {
      if (r.s === "sending" || r.s === "sent") {
        pending += r.n;
        continue;
      }
      failed += r.n;
      if (r.code && REGISTRATION_CODES.has(r.code)) codes.set(r.code, (codes.get(r.code) ?? 0) + r.n);
    }
    const delivered = Math.max(sent - failed - pending, 0);
    const registrationFailures = [...codes.values()].reduce((a, b) => a + b, 0);
    const base = {
      id: s.id,
      phone: s.phone,
      label: s.label,
      kind: s.kind,
      a2pState: s.a2p_state,
      tfvState: s.tfv_state,
      isDefault: s.is_default === 1,
      sent,
      delivered,
      failed,
      pending,
      deliveryRate: delivered + failed > 0 ? delivered / (delivered + failed) : null,
      registrationFailures,
      registrationFailureCodes: [...codes].map(([code, count]) => ({ code, count })).sort((a, b) => b.count - a.count),
    };
    return { ...base, flag: flagOf(base) };
  });
  return { since: new Date(since).toISOString(), numbers };
}

// --- Editing the registration state ---

export const registrationUpdate = z.object({
  id: z.coerce.number({ error: "Choose a sender number" }).int().positive("Choose a sender number"),
  state: z.string().trim().min(1, "Choose a registration state"),
});

export type RegistrationUpdate = z.infer<typeof registrationUpdate>;

/** Sets the A2P 10DLC state of a long code or the verification state of a toll-free number. */
export function updateSenderRegistration(actor: Actor | null, input: unknown): { id: number; label: string; state: string } {
  requireAdmin(actor);
  const parsed = registrationUpdate.safeParse(input);
  if (!parsed.success) throw new AppError("bad_request", parsed.error.issues[0]!.message);
  const { id, state } = parsed.data;
  const sqlite = getDb().$client;
  const sender = sqlite.prepare(`SELECT id, label, kind FROM sender_numbers WHERE id = ?`).get(id) as
    | { id: number; label: string; kind: SenderKind }
    | undefined;
  if (!sender) throw new AppError("not_found", "That sender number no longer exists. Reload the page.");
  if (sender.kind === "long_code") {
    const a2p = z.enum(A2P_STATES).safeParse(state);
    if (!a2p.success) throw new AppError("bad_request", `A2P 10DLC state must be one of ${A2P_STATES.join(", ")}`);
    sqlite.prepare(`UPDATE sender_numbers SET a2p_state = ? WHERE id = ?`).run(a2p.data, id);
  } else if (sender.kind === "toll_free") {
    const tfv = z.enum(TFV_STATES).safeParse(state);
    if (!tfv.success) throw new AppError("bad_request", `Toll-free verification state must be one of ${TFV_STATES.join(", ")}`);
    sqlite.prepare(`UPDATE sender_numbers SET tfv_state = ? WHERE id = ?`).run(tfv.data, id);
  } else {
    throw new AppError("bad_request", "Short codes are approved by the carriers; they have no registration state to set here.");
  }
  return { id, label: sender.label, state };
}
