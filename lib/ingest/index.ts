// What happens when a provider calls us: check the request, parse it, apply it.
import { getDb } from "../../db/client";
import { env } from "../env";
import { isTwilioStatus } from "../status";
import type { StatusCallback } from "./status-callback";
import { param, type FormParams, type WebhookContext } from "./webhook-request";

export { checkTwilioWebhook, rejectInvalidWebhook, parseForm, isValidTwilioSignature, MAX_WEBHOOK_BODY_BYTES, recordRejectedWebhook } from "./webhook-request";
export type { FormParams, WebhookCheck, WebhookContext } from "./webhook-request";
export { applyStatusCallback, applyStatusCallbackInTransaction, attachOrphanCallbacks, applyToMessage } from "./status-callback";
export { enqueueStatusCallback } from "./batch";
export type { StatusCallback, ApplyResult, ApplyOutcome } from "./status-callback";
export { recordInboundText, inboundTextFromParams, keywordOf } from "./inbound";

export function twilioWebhookContext(route: string): WebhookContext {
  const e = env();
  return { db: getDb(), route, publicBaseUrl: e.publicBaseUrl, authTokens: e.twilioAuthTokens };
}

const SID = /^[A-Za-z0-9]{2,64}$/;
const CODE = /^\d{1,6}$/;

export function statusCallbackFromParams(params: FormParams, raw: string, receivedAt = Date.now()): StatusCallback | { error: string } {
  const sid = param(params, "MessageSid");
  if (!sid) return { error: "MessageSid is missing" };
  if (!SID.test(sid)) return { error: "MessageSid is not a valid message id" };
  const status = param(params, "MessageStatus");
  if (!status) return { error: "MessageStatus is missing" };
  if (!isTwilioStatus(status)) return { error: `MessageStatus "${status.slice(0, 40)}" is not a known Twilio message status` };
  const code = param(params, "ErrorCode")?.trim() || null;
  if (code !== null && !CODE.test(code)) return { error: `ErrorCode "${code.slice(0, 40)}" is not a number` };
  return { provider: "twilio", providerMessageId: sid, status, errorCode: code, rawPayload: raw, receivedAt, source: "callback" };
}
