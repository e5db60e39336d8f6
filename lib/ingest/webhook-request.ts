// The checks every Twilio webhook passes before anything is stored: content type, size,
// signature. A request that fails is answered 415/413/403/400 and recorded for admins.
import { validateRequest } from "twilio/lib/webhooks/webhooks";
import type { Db } from "../../db/client";
import { recordRejectedWebhook } from "./rejections";

export const MAX_WEBHOOK_BODY_BYTES = 64 * 1024;

export type FormParams = Record<string, string | string[]>;

export type WebhookCheck =
  | { ok: true; params: FormParams; raw: string }
  | { ok: false; status: 400 | 403 | 413 | 415; error: string };

export interface WebhookContext {
  db: Db;
  route: string; // the path Twilio calls, e.g. /api/webhooks/twilio/status
  publicBaseUrl: string;
  authTokens: string[]; // current token first; a second one while rotating
}

// Reads at most `limit` + 1 bytes, so an oversize body without a Content-Length is still refused
// without buffering all of it.
async function readBounded(req: Request, limit: number): Promise<{ text: string; bytes: number; tooLarge: boolean }> {
  if (!req.body) return { text: "", bytes: 0, tooLarge: false };
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > limit) {
      await reader.cancel().catch(() => {});
      const head = Buffer.concat(chunks.concat(value)).subarray(0, 2048);
      return { text: head.toString("utf8"), bytes, tooLarge: true };
    }
    chunks.push(value);
  }
  return { text: new TextDecoder("utf-8").decode(Buffer.concat(chunks)), bytes, tooLarge: false };
}

export function parseForm(raw: string): FormParams {
  // No prototype: a parameter named "constructor" or "__proto__" is a parameter like any other.
  const params = Object.create(null) as FormParams;
  for (const [key, value] of new URLSearchParams(raw)) {
    const existing = params[key];
    if (existing === undefined) params[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else params[key] = [existing, value];
  }
  return params;
}

// Twilio signs the URL it was configured with, so the URL is rebuilt from PUBLIC_BASE_URL and
// never from the Host header a proxy may have rewritten.
export function signedUrl(publicBaseUrl: string, route: string, search: string): string {
  return publicBaseUrl + route + search;
}

export function isValidTwilioSignature(tokens: string[], signature: string, url: string, params: FormParams): boolean {
  if (!signature) return false;
  return tokens.some((token) => validateRequest(token, signature, url, params));
}

function remoteAddressOf(req: Request): string | null {
  return req.headers.get("x-forwarded-for")?.split(",")[0]?.trim() ?? null;
}

// A signed request whose parameters are wrong (400): recorded like the other rejections.
export function rejectInvalidWebhook(req: Request, ctx: WebhookContext, raw: string, error: string): { status: 400; error: string } {
  recordRejectedWebhook(ctx.db, { route: ctx.route, httpStatus: 400, reason: error, body: raw, bodyBytes: Buffer.byteLength(raw), remoteAddress: remoteAddressOf(req) });
  return { status: 400, error };
}

export async function checkTwilioWebhook(req: Request, ctx: WebhookContext): Promise<WebhookCheck> {
  const remoteAddress = remoteAddressOf(req);
  const reject = (status: 400 | 403 | 413 | 415, error: string, body: string, bytes: number): WebhookCheck => {
    recordRejectedWebhook(ctx.db, { route: ctx.route, httpStatus: status, reason: error, body, bodyBytes: bytes, remoteAddress });
    return { ok: false, status, error };
  };

  const contentType = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (contentType !== "application/x-www-form-urlencoded") {
    const { text, bytes } = await readBounded(req, 2048).catch(() => ({ text: "", bytes: 0 }));
    return reject(415, `Content-Type must be application/x-www-form-urlencoded (got ${contentType || "none"})`, text, bytes);
  }
  const declared = Number(req.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > MAX_WEBHOOK_BODY_BYTES) {
    return reject(413, `Body is ${declared} bytes; the limit is ${MAX_WEBHOOK_BODY_BYTES}`, "", declared);
  }
  let body: { text: string; bytes: number; tooLarge: boolean };
  try {
    body = await readBounded(req, MAX_WEBHOOK_BODY_BYTES);
  } catch {
    return reject(400, "The request body could not be read", "", 0);
  }
  if (body.tooLarge) {
    return reject(413, `Body is over the limit of ${MAX_WEBHOOK_BODY_BYTES} bytes`, body.text, body.bytes);
  }
  const params = parseForm(body.text);
  const signature = req.headers.get("x-twilio-signature") ?? "";
  const url = signedUrl(ctx.publicBaseUrl, ctx.route, new URL(req.url).search);
  if (!signature) return reject(403, "Missing X-Twilio-Signature header", body.text, body.bytes);
  if (!isValidTwilioSignature(ctx.authTokens, signature, url, params)) {
    return reject(403, `X-Twilio-Signature does not match the body signed for ${url}`, body.text, body.bytes);
  }
  return { ok: true, params, raw: body.text };
}

// One value of a form parameter (the first, when a key is repeated).
export function param(params: FormParams, key: string): string | undefined {
  const v = params[key];
  return Array.isArray(v) ? v[0] : v;
}

export { recordRejectedWebhook };
