// Provider status -> display status, ranks and the ordering rule (SPEC §2).
import { isKnownErrorCode, normalizeErrorCode } from "../errors/catalog";

export const DISPLAY_STATUSES = [
  "sending",
  "sent",
  "delivered",
  "failed",
  "undelivered",
  "unknown_error",
  "received",
] as const;
export type DisplayStatus = (typeof DISPLAY_STATUSES)[number];

export const OUTBOUND_DISPLAY_STATUSES: readonly DisplayStatus[] = Object.freeze(
  DISPLAY_STATUSES.filter((s) => s !== "received"),
);

export const TWILIO_STATUSES = [
  "accepted",
  "scheduled",
  "queued",
  "sending",
  "sent",
  "delivered",
  "read",
  "failed",
  "canceled",
  "undelivered",
  "partially_delivered",
  "receiving",
  "received",
] as const;
export type TwilioStatus = (typeof TWILIO_STATUSES)[number];

const twilioStatusSet: ReadonlySet<string> = new Set(TWILIO_STATUSES);

export function isTwilioStatus(s: string): s is TwilioStatus {
  return twilioStatusSet.has(s);
}

const UNKNOWN_ERROR_CODE = "30008";

function carriesUnknownError(errorCode: string | null | undefined): boolean {
  const code = normalizeErrorCode(errorCode);
  if (code === null) return false;
  return code === UNKNOWN_ERROR_CODE || !isKnownErrorCode(code);
}

export function displayStatusOf(status: TwilioStatus, errorCode: string | null | undefined): DisplayStatus {
  switch (status) {
    case "accepted":
    case "scheduled":
    case "queued":
    case "sending":
      return "sending";
    // partially_delivered is deprecated and undocumented: a carrier took it, no full receipt came back.
    case "sent":
    case "partially_delivered":
      return "sent";
    case "delivered":
    case "read":
      return "delivered";
    case "failed":
    case "canceled":
      return carriesUnknownError(errorCode) ? "unknown_error" : "failed";
    case "undelivered":
      return carriesUnknownError(errorCode) ? "unknown_error" : "undelivered";
    case "receiving":
    case "received":
      return "received";
  }
}

const RANK: Readonly<Record<TwilioStatus, number>> = Object.freeze({
  receiving: 0,
  received: 0,
  accepted: 1,
  scheduled: 1,
  queued: 1,
  sending: 1,
  sent: 2,
  partially_delivered: 2,
  failed: 3,
  canceled: 3,
  undelivered: 3,
  delivered: 4,
  read: 5,
});

export function rankOf(status: TwilioStatus): number {
  return RANK[status];
}

/** Equal ranks apply, so among equal terminal statuses the later callback wins. */
export function shouldApply(currentRank: number, incomingRank: number): boolean {
  return incomingRank >= currentRank;
}

export function isTerminal(d: DisplayStatus): boolean {
  return d === "delivered" || isFailure(d);
}

export function isFailure(d: DisplayStatus): boolean {
  return d === "failed" || d === "undelivered" || d === "unknown_error";
}

export const DISPLAY_STATUS_LABEL: Readonly<Record<DisplayStatus, string>> = Object.freeze({
  sending: "Sending",
  sent: "Sent",
  delivered: "Delivered",
  failed: "Failed",
  undelivered: "Undelivered",
  unknown_error: "Unknown Error",
  received: "Received",
});

export function parseDisplayStatus(s: string): DisplayStatus | undefined {
  return DISPLAY_STATUSES.find((d) => d === s);
}

/**
 * The error carriers answer for texts from a sender that has not passed its registration: a
 * 10DLC number unregistered for A2P (or rejected) gets 30034, a toll-free number unverified (or
 * rejected) 30032; null when nothing blocks it. Pending registrations are not counted: carriers
 * may still deliver while one is reviewed.
 */
export function registrationBlockCode(sender: { kind: string; a2pState: string | null; tfvState: string | null }): "30034" | "30032" | null {
  if (sender.kind === "long_code" && (sender.a2pState === "unregistered" || sender.a2pState === "failed")) return "30034";
  if (sender.kind === "toll_free" && (sender.tfvState === "unverified" || sender.tfvState === "rejected")) return "30032";
  return null;
}
