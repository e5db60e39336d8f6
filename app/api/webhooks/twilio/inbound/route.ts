// Twilio incoming messages (SPEC section 4): stored, then an empty TwiML answer.
import { checkTwilioWebhook, inboundTextFromParams, recordInboundText, rejectInvalidWebhook, twilioWebhookContext } from "@/lib/ingest";
import { webhookFailure, webhookError } from "@/lib/ingest/responses";

const ROUTE = "/api/webhooks/twilio/inbound";

export async function POST(req: Request): Promise<Response> {
  try {
    const ctx = twilioWebhookContext(ROUTE);
    const check = await checkTwilioWebhook(req, ctx);
    if (!check.ok) return webhookError(check.status, check.error);
    const text = inboundTextFromParams(check.params);
    if ("error" in text) {
      const rejected = rejectInvalidWebhook(req, ctx, check.raw, text.error);
      return webhookError(rejected.status, rejected.error);
    }
    recordInboundText(ctx.db, text, check.raw);
    return new Response("<Response></Response>", { status: 200, headers: { "content-type": "text/xml; charset=utf-8" } });
  } catch (e) {
    return webhookFailure(e);
  }
}
