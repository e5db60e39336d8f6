// Twilio message status callbacks (SPEC section 4). 2xx only after the callback is committed.
import {
  checkTwilioWebhook,
  enqueueStatusCallback,
  rejectInvalidWebhook,
  statusCallbackFromParams,
  twilioWebhookContext,
} from "@/lib/ingest";
import { webhookFailure, webhookError } from "@/lib/ingest/responses";

const ROUTE = "/api/webhooks/twilio/status";

export async function POST(req: Request): Promise<Response> {
  try {
    const ctx = twilioWebhookContext(ROUTE);
    const check = await checkTwilioWebhook(req, ctx);
    if (!check.ok) return webhookError(check.status, check.error);
    const callback = statusCallbackFromParams(check.params, check.raw);
    if ("error" in callback) {
      const rejected = rejectInvalidWebhook(req, ctx, check.raw, callback.error);
      return webhookError(rejected.status, rejected.error);
    }
    // Resolves after the transaction holding this callback has committed.
    await enqueueStatusCallback(ctx.db, callback);
    return new Response(null, { status: 204 });
  } catch (e) {
    return webhookFailure(e);
  }
}
