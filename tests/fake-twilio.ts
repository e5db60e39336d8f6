// A local fake of Twilio's Messages REST API (2010-04-01), on node:http at 127.0.0.1 and a random
// port, for tests that must never reach api.twilio.com. It answers like Twilio does (JSON shapes,
// status codes, error objects) for the two calls SendStatus makes: create and fetch a Message.
//
// Deterministic refusals by the recipient's last four digits:
//   0112 -> 400 {code: 21610, "Attempt to send to unsubscribed recipient"}
//   0113 -> 400 {code: 21211, "Invalid 'To' Phone Number"}
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { newSid } from "./helpers/twilio";

export interface RecordedRequest {
  method: string;
  path: string; // without the query string
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  // HTTP Basic credentials, when the Authorization header carried them.
  auth: { username: string; password: string } | null;
  // The form-encoded body: first value of each parameter, and every value (MediaUrl repeats).
  form: Record<string, string>;
  formAll: Record<string, string[]>;
  rawBody: string;
  responseStatus: number;
}

export interface FakeTwilioOptions {
  accountSid?: string; // default: a fixed AC… test SID
  authToken?: string; // default: a fixed 32-hex test token
  // Runs after a create is accepted and before it is answered, e.g. to deliver the message's
  // status callbacks first, as Twilio can. If it fails, the create answers 500.
  beforeCreateAnswer?: (message: FakeMessage, form: Record<string, string>) => Promise<void>;
}

export interface FakeMessage {
  account_sid: string;
  api_version: "2010-04-01";
  body: string;
  date_created: string;
  date_sent: string | null;
  date_updated: string;
  direction: "outbound-api";
  error_code: number | null;
  error_message: string | null;
  from: string;
  messaging_service_sid: string | null;
  num_media: string;
  num_segments: string;
  price: string | null;
  price_unit: string;
  sid: string;
  status: string;
  subresource_uris: { media: string; feedback: string };
  to: string;
  uri: string;
}

export interface FakeTwilio {
  url: string; // e.g. http://127.0.0.1:45678
  accountSid: string;
  authToken: string;
  requests: RecordedRequest[];
  messages: Map<string, FakeMessage>;
  // Changes what a later fetch of the message answers (like Twilio after a callback).
  setMessageStatus(sid: string, status: string, errorCode?: number | string | null): void;
  // The next request (any route) answers this status and JSON body instead, e.g. a 503 outage.
  failNext(status: number, body?: unknown): void;
  close(): Promise<void>;
}

export const FAKE_ACCOUNT_SID = "AC" + "0123456789abcdef".repeat(2);
export const FAKE_AUTH_TOKEN = "fa4e7a0c1d2e3f405162738495a6b7c8";

const API = "/2010-04-01";

// Twilio's dates are RFC 2822: "Thu, 24 Aug 2023 05:01:45 +0000".
function twilioDate(d: Date = new Date()): string {
  return d.toUTCString().replace("GMT", "+0000");
}

/** A Message resource as Twilio answers a create: queued, not yet priced. */
export function queuedMessage(m: {
  accountSid: string;
  sid: string;
  from: string;
  to: string;
  body: string;
  messagingServiceSid?: string | null;
  numMedia?: number;
  numSegments?: number;
}): FakeMessage {
  const now = twilioDate();
  const path = `${API}/Accounts/${m.accountSid}/Messages/${m.sid}`;
  return {
    account_sid: m.accountSid,
    api_version: "2010-04-01",
    body: m.body,
    date_created: now,
    date_sent: null,
    date_updated: now,
    direction: "outbound-api",
    error_code: null,
    error_message: null,
    from: m.from,
    messaging_service_sid: m.messagingServiceSid ?? null,
    num_media: String(m.numMedia ?? 0),
    num_segments: String(m.numSegments ?? 1),
    price: null,
    price_unit: "USD",
    sid: m.sid,
    status: "queued",
    subresource_uris: { media: `${path}/Media.json`, feedback: `${path}/Feedback.json` },
    to: m.to,
    uri: `${path}.json`,
  };
}

// GSM-7 basic set and the extension table (which costs two septets).
const GSM7_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM7_EXT = "\f^{}\\[~]|€";

function segmentsOf(body: string): number {
  let septets = 0;
  let gsm = true;
  for (const ch of body) {
    if (GSM7_BASIC.includes(ch)) septets += 1;
    else if (GSM7_EXT.includes(ch)) septets += 2;
    else {
      gsm = false;
      break;
    }
  }
  if (gsm) return septets <= 160 ? 1 : Math.ceil(septets / 153);
  const units = body.length; // UTF-16 code units
  return units <= 70 ? 1 : Math.ceil(units / 67);
}

function errorBody(code: number, message: string, status: number, extra: Record<string, unknown> = {}) {
  return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status, ...extra };
}

function parseBasicAuth(header: string | undefined): { username: string; password: string } | null {
  if (!header) return null;
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!m) return null;
  const decoded = Buffer.from(m[1], "base64").toString("utf8");
  const i = decoded.indexOf(":");
  if (i < 0) return null;
  return { username: decoded.slice(0, i), password: decoded.slice(i + 1) };
}

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}

export async function startFakeTwilio(opts: FakeTwilioOptions = {}): Promise<FakeTwilio> {
  const accountSid = opts.accountSid ?? FAKE_ACCOUNT_SID;
  const authToken = opts.authToken ?? FAKE_AUTH_TOKEN;
  const requests: RecordedRequest[] = [];
  const messages = new Map<string, FakeMessage>();
  let forced: { status: number; body: unknown } | null = null;

  function route(
    method: string,
    path: string,
    auth: RecordedRequest["auth"],
    formAll: Record<string, string[]>,
  ): { status: number; body: unknown; headers?: Record<string, string>; created?: FakeMessage } {
    if (forced) {
      const f = forced;
      forced = null;
      return f;
    }
    if (!auth || !safeEqual(auth.username, accountSid) || !safeEqual(auth.password, authToken)) {
      return {
        status: 401,
        headers: { "WWW-Authenticate": 'Basic realm="Twilio API"' },
        body: errorBody(20003, "Authenticate", 401, { detail: "Your AccountSid or AuthToken was incorrect." }),
      };
    }
    const notFound = {
      status: 404,
      body: errorBody(20404, `The requested resource ${path} was not found`, 404),
    };

    const list = new RegExp(`^${API}/Accounts/([^/]+)/Messages\\.json$`).exec(path);
    const one = new RegExp(`^${API}/Accounts/([^/]+)/Messages/([^/]+)\\.json$`).exec(path);
    const pathAccount = list?.[1] ?? one?.[1];
    if (pathAccount === undefined) return notFound;
    if (pathAccount !== accountSid) {
      // Credentials of one account used on another account's URL.
      return { status: 401, body: errorBody(20003, "Authenticate", 401) };
    }

    if (list) {
      if (method !== "POST") return { status: 405, body: errorBody(20004, "Method not allowed", 405) };
      const first = (k: string) => formAll[k]?.[0];
      const to = first("To");
      const from = first("From");
      const body = first("Body") ?? "";
      const mediaUrls = formAll["MediaUrl"] ?? [];
      if (!to) return { status: 400, body: errorBody(21604, "A 'To' phone number is required.", 400) };
      if (!from && !first("MessagingServiceSid")) {
        return { status: 400, body: errorBody(21603, "A 'From' phone number is required.", 400) };
      }
      if (!body && mediaUrls.length === 0) {
        return { status: 400, body: errorBody(21602, "Message body is required.", 400) };
      }
      if (to.endsWith("0112")) {
        return { status: 400, body: errorBody(21610, "Attempt to send to unsubscribed recipient", 400) };
      }
      if (to.endsWith("0113")) {
        return { status: 400, body: errorBody(21211, `Invalid 'To' Phone Number: ${to}`, 400) };
      }
      const sid = newSid(mediaUrls.length > 0 ? "MM" : "SM");
      const message = queuedMessage({
        accountSid,
        sid,
        from: from ?? "",
        to,
        body,
        messagingServiceSid: first("MessagingServiceSid") ?? null,
        numMedia: mediaUrls.length,
        numSegments: mediaUrls.length > 0 ? 1 : segmentsOf(body),
      });
      messages.set(sid, message);
      return { status: 201, body: message, created: message };
    }

    if (method !== "GET") return { status: 405, body: errorBody(20004, "Method not allowed", 405) };
    if (!one) return notFound;
    const message = messages.get(one[2]);
    if (!message) return notFound;
    return { status: 200, body: message };
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const rawBody = Buffer.concat(chunks).toString("utf8");
      const u = new URL(req.url ?? "/", "http://127.0.0.1");
      const formAll: Record<string, string[]> = {};
      const form: Record<string, string> = {};
      const contentType = String(req.headers["content-type"] ?? "");
      if (rawBody && contentType.startsWith("application/x-www-form-urlencoded")) {
        for (const [k, v] of new URLSearchParams(rawBody)) {
          (formAll[k] ??= []).push(v);
          form[k] ??= v;
        }
      }
      const auth = parseBasicAuth(req.headers.authorization);
      const method = (req.method ?? "GET").toUpperCase();
      const answer = route(method, u.pathname, auth, formAll);
      requests.push({
        method,
        path: u.pathname,
        query: Object.fromEntries(u.searchParams),
        headers: req.headers,
        auth,
        form,
        formAll,
        rawBody,
        responseStatus: answer.status,
      });
      const reply = () => {
        const payload = typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body);
        res.writeHead(answer.status, {
          "Content-Type": typeof answer.body === "string" ? "text/html" : "application/json; charset=utf-8",
          "Content-Length": Buffer.byteLength(payload),
          "Twilio-Request-Id": "RQ" + crypto.randomBytes(16).toString("hex"),
          ...answer.headers,
        });
        res.end(payload);
      };
      if (answer.created && opts.beforeCreateAnswer) {
        opts.beforeCreateAnswer(answer.created, form).then(reply, (e: unknown) => res.writeHead(500).end(String(e)));
      } else {
        reply();
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    accountSid,
    authToken,
    requests,
    messages,
    setMessageStatus(sid, status, errorCode) {
      const m = messages.get(sid);
      if (!m) throw new Error(`fake Twilio: no message ${sid}`);
      const now = twilioDate();
      m.status = status;
      m.error_code = errorCode === undefined || errorCode === null || errorCode === "" ? null : Number(errorCode);
      m.date_updated = now;
      if (m.date_sent === null && ["sent", "delivered", "undelivered", "read"].includes(status)) m.date_sent = now;
    },
    failNext(status, body) {
      forced = { status, body: body ?? errorBody(20500, "Internal Server Error", status) };
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections(); // the SDK keeps connections alive
      });
    },
  };
}
