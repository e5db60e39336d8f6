// Twilio message status callbacks (SPEC section 4). 2xx only after the callback is committed.
import {
  checkTwilioWebhook,
  enqueueStatusCallback,
  recordRejectedWebhook,
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
      recordRejectedWebhook(ctx.db, { route: ROUTE, httpStatus: 400, reason: callback.error, body: check.raw, bodyBytes: check.raw.length, remoteAddress: null });
      return webhookError(400, callback.error);
    }
    // Resolves after the transaction holding this callback has committed.
    await enqueueStatusCallback(ctx.db, callback);
    return new Response(null, { status: 204 });
  } catch (e) {
    return webhookFailure(e);
  }
}
