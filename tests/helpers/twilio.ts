// Requests the way Twilio (and a proxy in front of us) sends them: form bodies signed with the
// official twilio package, plus small JSON helpers for the REST API.
import crypto from "node:crypto";
import http from "node:http";
import twilio from "twilio";

export type Params = Record<string, string | string[]>;

export interface HttpAnswer {
  status: number;
  type: string;
  text: string;
  json: unknown;
  headers: Record<string, string | string[] | undefined>;
}

export const STATUS_PATH = "/api/webhooks/twilio/status";
export const INBOUND_PATH = "/api/webhooks/twilio/inbound";

/** X-Twilio-Signature for a URL and the POST parameters, exactly as Twilio computes it. */
export function sign(token: string, url: string, params: Params): string {
  return twilio.getExpectedTwilioSignature(token, url, params);
}

/** Form-encodes params; an array value becomes a repeated key. */
export function formBody(params: Params): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (Array.isArray(v)) for (const x of v) sp.append(k, x);
    else sp.append(k, v);
  }
  return sp.toString();
}

/** Parses a form body the way a form parser does (URLSearchParams), repeated keys as arrays. */
export function parseFormIndependently(raw: string): Params {
  const out: Params = Object.create(null) as Params;
  for (const [k, v] of new URLSearchParams(raw)) {
    const cur = out[k];
    if (cur === undefined) out[k] = v;
    else if (Array.isArray(cur)) cur.push(v);
    else out[k] = [cur, v];
  }
  return out;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export interface PostFormOptions {
  /** Token to sign with (default: none given means the request goes unsigned unless sign is true). */
  token?: string;
  /** The URL the signature covers; default base + path. */
  signatureUrl?: string;
  /** Parameters the signature covers; default the params sent. */
  signatureParams?: Params;
  /** Explicit signature header value (overrides computing one). */
  signature?: string;
  headers?: Record<string, string>;
  /** Send these bytes instead of the encoded params. */
  rawBody?: string | Buffer;
  /** Content-Type; null sends none. Default application/x-www-form-urlencoded. */
  contentType?: string | null;
  /** Whether to add X-Twilio-Signature (default: true when token or signature is given). */
  sign?: boolean;
  /** Send with Transfer-Encoding: chunked (no Content-Length), via node:http. */
  chunked?: boolean;
}

/**
 * POSTs a Twilio-style form. Uses node:http (which can set Host and stream chunked bodies) for
 * every request, so what goes over the wire is exactly what the test says.
 */
export async function postForm(base: string, path: string, params: Params, o: PostFormOptions = {}): Promise<HttpAnswer> {
  const headers: Record<string, string> = {};
  const contentType = o.contentType === undefined ? "application/x-www-form-urlencoded" : o.contentType;
  if (contentType !== null) headers["content-type"] = contentType;
  const doSign = o.sign ?? (o.token !== undefined || o.signature !== undefined);
  if (doSign) {
    if (o.signature !== undefined) headers["x-twilio-signature"] = o.signature;
    else {
      if (o.token === undefined) throw new Error("postForm: sign needs a token");
      headers["x-twilio-signature"] = sign(o.token, o.signatureUrl ?? base + path, o.signatureParams ?? params);
    }
  }
  Object.assign(headers, o.headers ?? {});
  const body = o.rawBody ?? formBody(params);
  return rawRequest(base + path, { method: "POST", headers, body, chunked: o.chunked });
}

export interface RawRequest {
  method: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  chunked?: boolean;
  /** Chunk size when chunked (default 16 KiB). */
  chunkSize?: number;
}

export function rawRequest(url: string, r: RawRequest): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const body = r.body === undefined ? undefined : typeof r.body === "string" ? Buffer.from(r.body, "utf8") : r.body;
    const headers: Record<string, string | number> = { ...r.headers };
    const hasLength = Object.keys(headers).some((k) => k.toLowerCase() === "content-length");
    if (r.chunked) headers["transfer-encoding"] = "chunked";
    else if (!hasLength) headers["content-length"] = body ? body.length : 0;
    const req = http.request(url, { method: r.method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (d: Buffer) => chunks.push(d));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({
          status: res.statusCode ?? 0,
          type: String(res.headers["content-type"] ?? ""),
          text,
          json: parseJson(text),
          headers: res.headers,
        });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    if (body && r.chunked) {
      const size = r.chunkSize ?? 16 * 1024;
      for (let i = 0; i < body.length; i += size) req.write(body.subarray(i, i + size));
      req.end();
    } else req.end(body);
  });
}

/** A Twilio status callback's parameters (like ../shared/contract/common.mjs). */
export function statusParams(sid: string, status: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    AccountSid: "AC" + "0".repeat(32),
    ApiVersion: "2010-04-01",
    From: "+14155550000",
    To: "+14155550199",
    MessageSid: sid,
    SmsSid: sid,
    MessageStatus: status,
    SmsStatus: status,
    ...extra,
  };
}

/** A fresh message SID (SM + 32 hex). */
export function newSid(prefix = "SM"): string {
  return prefix + crypto.randomBytes(16).toString("hex");
}

export interface ApiAnswer {
  status: number;
  type: string;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

/** JSON REST call; token is a Bearer API token (null: none). cookie: a session cookie instead. */
export async function api(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  token?: string | null,
  extra: { cookie?: string; headers?: Record<string, string>; rawBody?: string } = {},
): Promise<ApiAnswer> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  if (extra.cookie) headers.cookie = extra.cookie;
  if (body !== undefined || extra.rawBody !== undefined) headers["content-type"] = "application/json";
  Object.assign(headers, extra.headers ?? {});
  const res = await fetch(base + path, {
    method,
    headers,
    body: extra.rawBody !== undefined ? extra.rawBody : body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, type: res.headers.get("content-type") ?? "", text, json: parseJson(text) };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls until check returns a value that is not undefined, or throws after timeoutMs. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 20_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
    await sleep(everyMs);
  }
}
