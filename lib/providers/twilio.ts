// The real Twilio provider: sends through Twilio's Messages REST API with the official SDK.
//
// Base-URL override: `apiBaseUrl` (tests, or TWILIO_API_BASE_URL) hands the SDK our own
// RequestClient subclass as `httpClient`. Every REST call of the SDK, whatever its domain
// (api.twilio.com, messaging.twilio.com, ...), ends in `httpClient.request({ uri, ... })` after the
// SDK has built the absolute URL and applied edge/region (BaseTwilio.getHostname, which would mangle
// a host like 127.0.0.1 if we had set the domain's baseUrl instead). We swap only the origin there,
// keeping path and query, so auth, form encoding and error handling stay the SDK's own.
import twilio from "twilio";
import type RequestClient from "twilio/lib/base/RequestClient";
import type { MessageInstance, MessageListInstanceCreateOptions } from "twilio/lib/rest/api/v2010/account/message";
import { isTwilioStatus } from "../status";
import type { OutboundText, ProviderStatus, SendResult, SmsProvider } from "./types";

export interface TwilioProviderOptions {
  accountSid: string;
  authToken: string;
  // e.g. http://127.0.0.1:45678 (a local fake). Default: Twilio's own hosts.
  apiBaseUrl?: string;
  // Per-request timeout in milliseconds (default 15 s; the SDK's default is 30 s).
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 15_000;

// HTTP statuses that never mean "Twilio refused this particular text": credentials, permissions,
// a wrong account/URL, rate limiting. These throw, like network errors and 5xx.
const NOT_A_REFUSAL_HTTP = new Set([401, 403, 404, 405, 429]);
const AUTH_ERROR_CODE = 20003;

function parseBaseUrl(raw: string): URL {
  let base: URL;
  try {
    base = new URL(raw);
  } catch {
    throw new Error(`Invalid Twilio API base URL: ${JSON.stringify(raw)}`);
  }
  if (base.protocol !== "http:" && base.protocol !== "https:") {
    throw new Error(`Twilio API base URL must be http(s): ${JSON.stringify(raw)}`);
  }
  if (base.search || base.hash) {
    throw new Error(`Twilio API base URL must not have a query or fragment: ${JSON.stringify(raw)}`);
  }
  return base;
}

// Keeps path and query of the SDK's URL, replaces scheme, host and port (and prefixes the base's path).
export function rebaseTwilioUrl(uri: string, base: URL): string {
  const u = new URL(uri);
  const prefix = base.pathname.replace(/\/+$/, "");
  return `${base.origin}${prefix}${u.pathname}${u.search}`;
}

function redirectingRequestClient(base: URL, timeoutMs: number): RequestClient {
  class RedirectingRequestClient extends twilio.RequestClient {
    override request<TData>(opts: RequestClient.RequestOptions<TData>) {
      return super.request<TData>({ ...opts, uri: rebaseTwilioUrl(opts.uri, base) });
    }
  }
  return new RedirectingRequestClient({ timeout: timeoutMs, autoRetry: false });
}

interface TwilioApiError {
  status: number; // HTTP status
  code: number | undefined; // Twilio error code (21610, 20003, ...)
  message: string;
  moreInfo: string | undefined;
}

// RestException (legacy JSON errors) and TwilioServiceException (RFC 9457) both carry a numeric
// HTTP `status` and a numeric Twilio `code`. Network failures (axios) have no numeric status.
function asTwilioApiError(e: unknown): TwilioApiError | null {
  if (!(e instanceof Error)) return null;
  const x = e as Error & { status?: unknown; code?: unknown; moreInfo?: unknown; detail?: unknown; title?: unknown };
  if (typeof x.status !== "number") return null;
  if (!(e instanceof twilio.RestException) && typeof x.code !== "number") return null;
  const message =
    (typeof x.message === "string" && x.message) ||
    (typeof x.detail === "string" && x.detail) ||
    (typeof x.title === "string" && x.title) ||
    `HTTP ${x.status}`;
  return {
    status: x.status,
    code: typeof x.code === "number" ? x.code : undefined,
    message,
    moreInfo: typeof x.moreInfo === "string" ? x.moreInfo : undefined,
  };
}

function isRefusal(err: TwilioApiError): boolean {
  return (
    err.code !== undefined &&
    err.code !== AUTH_ERROR_CODE &&
    err.status >= 400 &&
    err.status < 500 &&
    !NOT_A_REFUSAL_HTTP.has(err.status)
  );
}

// A clear Error for anything the caller should treat as "the provider is unavailable" (502).
function providerError(action: string, e: unknown, where: string): Error {
  const api = asTwilioApiError(e);
  if (api) {
    const code = api.code !== undefined ? `, error ${api.code}` : "";
    const info = api.moreInfo ? ` (${api.moreInfo})` : "";
    const hint =
      api.status === 401 || api.code === AUTH_ERROR_CODE
        ? " — Twilio rejected the credentials; check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN"
        : "";
    return new Error(`Twilio ${action} failed: HTTP ${api.status}${code}: ${api.message}${info}${hint}`, { cause: e });
  }
  const x = e as { code?: unknown; message?: unknown } | null;
  const code = x && typeof x.code === "string" ? ` [${x.code}]` : "";
  const message = x && typeof x.message === "string" && x.message ? x.message : String(e);
  return new Error(`Twilio ${action} failed: could not reach ${where}: ${message}${code}`, { cause: e });
}

function errorCodeString(code: unknown): string | null {
  if (code === null || code === undefined || code === "") return null;
  return String(code);
}

// Twilio SIDs are alphanumeric; anything else cannot name a message (and the SDK puts the sid
// into the URL path unescaped).
const SID_SHAPE = /^[A-Za-z0-9]{2,64}$/;

export function createTwilioProvider(opts: TwilioProviderOptions): SmsProvider {
  const { accountSid, authToken } = opts;
  if (!accountSid || !authToken) throw new Error("Twilio provider needs an account SID and an auth token");
  const base = opts.apiBaseUrl ? parseBaseUrl(opts.apiBaseUrl) : undefined;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const where = base ? base.origin : "the Twilio API";

  // Created on first use, never at import time.
  let client: twilio.Twilio | undefined;
  function getClient(): twilio.Twilio {
    client ??= twilio(accountSid, authToken, {
      timeout: timeoutMs,
      autoRetry: false,
      ...(base ? { httpClient: redirectingRequestClient(base, timeoutMs) } : {}),
    });
    return client;
  }

  return {
    name: "twilio",

    async send(text: OutboundText): Promise<SendResult> {
      const params: MessageListInstanceCreateOptions = { to: text.to, from: text.from };
      if (text.body !== "" || text.mediaUrls.length === 0) params.body = text.body;
      if (text.mediaUrls.length > 0) params.mediaUrl = [...text.mediaUrls];
      if (text.statusCallbackUrl) params.statusCallback = text.statusCallbackUrl;

      let message: MessageInstance;
      try {
        message = await getClient().messages.create(params);
      } catch (e) {
        const api = asTwilioApiError(e);
        if (api && isRefusal(api)) {
          return {
            providerMessageId: null,
            status: "failed",
            errorCode: String(api.code),
            errorMessage: api.message,
          };
        }
        throw providerError("send", e, where);
      }
      // A created message starts queued (or accepted/scheduled with a Messaging Service). Should
      // Twilio ever answer with a status we do not know, the text was still accepted: keep the
      // SID and let callbacks/reconciliation bring the real status.
      const status = typeof message.status === "string" && isTwilioStatus(message.status) ? message.status : "queued";
      return {
        providerMessageId: message.sid,
        status,
        errorCode: errorCodeString(message.errorCode),
      };
    },

    async fetchStatus(providerMessageId: string): Promise<ProviderStatus | null> {
      if (!SID_SHAPE.test(providerMessageId)) return null;
      let message: MessageInstance;
      try {
        message = await getClient().messages(providerMessageId).fetch();
      } catch (e) {
        const api = asTwilioApiError(e);
        if (api && api.status === 404) return null;
        throw providerError(`fetch of message ${providerMessageId}`, e, where);
      }
      const status = String(message.status);
      if (!isTwilioStatus(status)) {
        throw new Error(`Twilio fetch of message ${providerMessageId} returned an unknown status "${status}"`);
      }
      return { status, errorCode: errorCodeString(message.errorCode) };
    },
  };
}
