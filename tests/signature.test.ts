// X-Twilio-Signature validation (SPEC section 4, "validated exactly as Twilio computes it"): the
// shared fixture vectors, twilio-node's own spec vectors, and vectors computed with the official
// twilio package for every way a request can differ from what was signed.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import twilio from "twilio";
import { describe, expect, it } from "vitest";
import { isValidTwilioSignature, parseForm } from "@/lib/ingest/webhook-request";

type Params = Record<string, string | string[]>;
interface Vector {
  source: string;
  token: string;
  url: string;
  params: Params;
  signature: string;
}

const FIXTURE = path.resolve(process.cwd(), "../shared/fixtures/twilio.json");

// A Messaging status callback (undelivered, 30003) as Twilio posts it.
const UNDELIVERED_30003: Record<string, string> = {
  AccountSid: "ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
  ApiVersion: "2010-04-01",
  ErrorCode: "30003",
  From: "+15017250604",
  MessageSid: "SM1342fe1b2c904d1ab04f0fc7a58abca9",
  MessageStatus: "undelivered",
  RawDlrDoneDate: "2409101530",
  SmsSid: "SM1342fe1b2c904d1ab04f0fc7a58abca9",
  SmsStatus: "undelivered",
  To: "+15558675310",
};

// The same three vectors as the shared fixture, computed here when the fixture is not available.
function computedFixtureVectors(): Vector[] {
  const base: Omit<Vector, "signature">[] = [
    {
      source: "computed: twilio-node spec/validation.spec.js shape",
      token: "12345",
      url: "https://mycompany.com/myapp.php?foo=1&bar=2",
      params: { CallSid: "CA1234567890ABCDE", Caller: "+14158675309", Digits: "1234", From: "+14158675309", To: "+18005551212" },
    },
    {
      source: "computed: Twilio docs shape",
      token: "12345",
      url: "https://mycompany.com/myapp.php?foo=1&bar=2",
      params: { CallSid: "CA1234567890ABCDE", Caller: "+12349013030", Digits: "1234", From: "+12349013030", To: "+18005551212" },
    },
    {
      source: "computed: messaging-shaped",
      token: "test_auth_token_0123456789abcdef",
      url: "https://example.com/api/twilio/status?tenant=acme",
      params: UNDELIVERED_30003,
    },
  ];
  return base.map((v) => ({ ...v, signature: twilio.getExpectedTwilioSignature(v.token, v.url, v.params) }));
}

function loadVectors(): { vectors: Vector[]; statusCallbacks: Record<string, Params> | null; fromFixture: boolean } {
  if (!fs.existsSync(FIXTURE)) return { vectors: computedFixtureVectors(), statusCallbacks: null, fromFixture: false };
  const json = JSON.parse(fs.readFileSync(FIXTURE, "utf8")) as { signatureVectors: Vector[]; statusCallbacks: Record<string, Params> };
  return { vectors: json.signatureVectors, statusCallbacks: json.statusCallbacks, fromFixture: true };
}

const { vectors, statusCallbacks, fromFixture } = loadVectors();

// Twilio's algorithm written out independently (as ../shared/contract/common.mjs does), for single values.
function independentSignature(token: string, url: string, params: Record<string, string>): string {
  const data = url + Object.keys(params).sort().map((k) => k + params[k]).join("");
  return crypto.createHmac("sha1", token).update(Buffer.from(data, "utf-8")).digest("base64");
}

const valid = (tokens: string[], signature: string, url: string, params: Params) => isValidTwilioSignature(tokens, signature, url, params);

describe(`signature vectors (${fromFixture ? "shared fixture" : "computed, fixture absent"})`, () => {
  it("has vectors to check", () => {
    expect(vectors.length).toBeGreaterThanOrEqual(3);
  });

  for (const v of vectors) {
    it(`accepts: ${v.source}`, () => {
      // The vector agrees with the official package and with the algorithm written out.
      expect(twilio.getExpectedTwilioSignature(v.token, v.url, v.params)).toBe(v.signature);
      expect(independentSignature(v.token, v.url, v.params as Record<string, string>)).toBe(v.signature);
      expect(valid([v.token], v.signature, v.url, v.params)).toBe(true);
    });

    it(`rejects with another token: ${v.source}`, () => {
      expect(valid([v.token + "x"], v.signature, v.url, v.params)).toBe(false);
      expect(valid(["wrong-token"], v.signature, v.url, v.params)).toBe(false);
    });

    it(`accepts the parameters parsed back from the form body: ${v.source}`, () => {
      const body = new URLSearchParams(v.params as Record<string, string>).toString();
      expect(valid([v.token], v.signature, v.url, parseForm(body))).toBe(true);
    });
  }
});

describe("twilio-node spec vectors (reference section 2.4)", () => {
  const params = { CallSid: "CA1234567890ABCDE", Caller: "+14158675309", Digits: "1234", From: "+14158675309", To: "+18005551212" };
  const url = "https://mycompany.com/myapp.php?foo=1&bar=2";

  it("standard port added to the signed URL", () => {
    expect(valid(["12345"], "kvajT1Ptam85bY51eRf/AJRuM3w=", "https://mycompany.com:443/myapp.php?foo=1&bar=2", params)).toBe(true);
    // Twilio signed with :443 while the configured URL has no port: accepted as well.
    expect(valid(["12345"], "kvajT1Ptam85bY51eRf/AJRuM3w=", url, params)).toBe(true);
  });

  it("non-standard port", () => {
    expect(valid(["12345"], "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=", "http://mycompany.com:1234/myapp.php?foo=1&bar=2", params)).toBe(true);
  });

  it("repeated keys: values sorted and de-duplicated", () => {
    expect(valid(["12345"], "83O6e2vORAoJHUNzJjDWN1jz+BA=", url, { "MessagingBinding.Address": ["+1325xxxxxxx", "+1415xxxxxxx"] })).toBe(true);
    expect(valid(["12345"], "83O6e2vORAoJHUNzJjDWN1jz+BA=", url, { "MessagingBinding.Address": ["+1415xxxxxxx", "+1325xxxxxxx"] })).toBe(true);
    expect(valid(["12345"], "IK+Dwps556ElfBT0I3Rgjkr1wJU=", url, { Sid: "CA123", SidAccount: "AC123", Digits: ["5678", "1234", "1234"] })).toBe(true);
    // The same repeated keys as they come out of a real form body.
    const form = parseForm("Sid=CA123&SidAccount=AC123&Digits=5678&Digits=1234&Digits=1234");
    expect(valid(["12345"], "IK+Dwps556ElfBT0I3Rgjkr1wJU=", url, form)).toBe(true);
    expect(valid(["12345"], "IK+Dwps556ElfBT0I3Rgjkr1wJU=", url, parseForm("Sid=CA123&SidAccount=AC123&Digits=5678&Digits=1235"))).toBe(false);
  });
});

describe("computed with the twilio package: what must be refused and what must not", () => {
  const token = "tok_" + "a1b2c3d4".repeat(4);
  const url = "https://sendstatus.example.com/api/webhooks/twilio/status";
  const params: Record<string, string> = {
    ...((statusCallbacks?.undelivered30003 as Record<string, string> | undefined) ?? UNDELIVERED_30003),
  };
  const sig = twilio.getExpectedTwilioSignature(token, url, params);
  const signFor = (u: string, p: Params = params) => twilio.getExpectedTwilioSignature(token, u, p);

  it("accepts the request exactly as signed", () => {
    expect(valid([token], sig, url, params)).toBe(true);
    expect(sig).toBe(independentSignature(token, url, params));
  });

  it("refuses a tampered parameter value", () => {
    expect(valid([token], sig, url, { ...params, MessageStatus: "delivered" })).toBe(false);
    expect(valid([token], sig, url, { ...params, ErrorCode: "30004" })).toBe(false);
    expect(valid([token], sig, url, { ...params, To: params.To + " " })).toBe(false);
  });

  it("refuses an added parameter", () => {
    expect(valid([token], sig, url, { ...params, Extra: "" })).toBe(false);
    expect(valid([token], sig, url, { ...params, ErrorMessage: "x" })).toBe(false);
  });

  it("refuses a removed parameter", () => {
    for (const k of Object.keys(params)) {
      const rest = { ...params };
      delete rest[k];
      expect(valid([token], sig, url, rest), `without ${k}`).toBe(false);
    }
  });

  it("refuses a repeated key the signature did not cover", () => {
    expect(valid([token], sig, url, { ...params, MessageStatus: ["undelivered", "delivered"] })).toBe(false);
  });

  it("refuses an altered URL path", () => {
    expect(valid([token], sig, "https://sendstatus.example.com/api/webhooks/twilio/inbound", params)).toBe(false);
    expect(valid([token], sig, url + "/", params)).toBe(false);
    expect(valid([token], sig, "https://sendstatus.example.com/API/webhooks/twilio/status", params)).toBe(false);
  });

  it("refuses another host", () => {
    expect(valid([token], sig, "https://evil.example/api/webhooks/twilio/status", params)).toBe(false);
    expect(valid([token], signFor("https://evil.example/api/webhooks/twilio/status"), url, params)).toBe(false);
  });

  it("refuses http vs https", () => {
    expect(valid([token], sig, url.replace("https:", "http:"), params)).toBe(false);
    expect(valid([token], signFor(url.replace("https:", "http:")), url, params)).toBe(false);
  });

  it("accepts the URL with or without the standard port (as twilio-node does)", () => {
    const withPort = "https://sendstatus.example.com:443/api/webhooks/twilio/status";
    expect(valid([token], sig, withPort, params)).toBe(true);
    expect(valid([token], signFor(withPort), url, params)).toBe(true);
    const httpUrl = "http://sendstatus.example.com/api/webhooks/twilio/status";
    expect(valid([token], signFor("http://sendstatus.example.com:80/api/webhooks/twilio/status"), httpUrl, params)).toBe(true);
  });

  it("refuses a signature over a different explicit port", () => {
    const other = "https://sendstatus.example.com:8443/api/webhooks/twilio/status";
    expect(valid([token], signFor(other), url, params)).toBe(false);
    expect(valid([token], signFor("http://127.0.0.1:3001/api/webhooks/twilio/status"), "http://127.0.0.1:3000/api/webhooks/twilio/status", params)).toBe(false);
  });

  it("refuses a changed query string", () => {
    const q = url + "?tenant=acme";
    const sq = signFor(q);
    expect(valid([token], sq, q, params)).toBe(true);
    expect(valid([token], sq, url, params)).toBe(false);
    expect(valid([token], sq, url + "?tenant=other", params)).toBe(false);
    expect(valid([token], sig, q, params)).toBe(false);
    const two = url + "?a=1&b=2";
    expect(valid([token], signFor(two), url + "?b=2&a=1", params)).toBe(false);
  });

  it("accepts the query string escaped the legacy way (' vs %27), as twilio-node does", () => {
    const escaped = url + "?note=it%27s";
    expect(valid([token], signFor(escaped), url + "?note=it's", params)).toBe(true);
  });

  it("refuses a wrong token", () => {
    expect(valid(["wrong"], sig, url, params)).toBe(false);
    expect(valid([token.toUpperCase()], sig, url, params)).toBe(false);
    expect(valid([], sig, url, params)).toBe(false);
  });

  it("refuses an empty, truncated or altered signature", () => {
    expect(valid([token], "", url, params)).toBe(false);
    expect(valid([token], sig.slice(0, -1), url, params)).toBe(false);
    expect(valid([token], sig + "=", url, params)).toBe(false);
    expect(valid([token], " " + sig, url, params)).toBe(false);
    const flipped = (sig[0] === "A" ? "B" : "A") + sig.slice(1);
    expect(valid([token], flipped, url, params)).toBe(false);
    const hex = crypto.createHmac("sha1", token).update(url + Object.keys(params).sort().map((k) => k + params[k]).join("")).digest("hex");
    expect(valid([token], hex, url, params)).toBe(false);
    // HMAC-SHA256 with the auth token is not what Twilio sends without a SharedKey header.
    const sha256 = twilio.getExpectedTwilioSignature(token, url, params, "HMAC_SHA256");
    expect(valid([token], sha256, url, params)).toBe(false);
  });

  it("accepts a second token while rotating, and only the configured ones", () => {
    const secondary = "tok_secondary_" + "9f".repeat(8);
    const bySecondary = twilio.getExpectedTwilioSignature(secondary, url, params);
    expect(valid([token, secondary], bySecondary, url, params)).toBe(true);
    expect(valid([token, secondary], sig, url, params)).toBe(true);
    expect(valid([secondary, token], sig, url, params)).toBe(true);
    expect(valid([token], bySecondary, url, params)).toBe(false);
    expect(valid([token, secondary], twilio.getExpectedTwilioSignature("third", url, params), url, params)).toBe(false);
  });

  it("signs Unicode values over their UTF-8 bytes; a different normalisation is a different body", () => {
    const p = { ...params, Body: "Caf\u00e9 \u{1F44B} \u4f60\u597d" };
    const s = twilio.getExpectedTwilioSignature(token, url, p);
    expect(valid([token], s, url, p)).toBe(true);
    expect(valid([token], s, url, parseForm(new URLSearchParams(p).toString()))).toBe(true);
    expect(valid([token], s, url, { ...p, Body: "Cafe\u0301 \u{1F44B} \u4f60\u597d" })).toBe(false);
  });

  it("treats + and %20 in the body as the same space (form decoding happens before signing)", () => {
    const p = { ...params, Body: "a b+c" };
    const s = twilio.getExpectedTwilioSignature(token, url, p);
    const body = "Body=a+b%2Bc&" + new URLSearchParams(params).toString();
    expect(valid([token], s, url, parseForm(body))).toBe(true);
    expect(valid([token], s, url, parseForm(body.replace("a+b", "a%20b")))).toBe(true);
  });

  // Twilio signs every POST parameter it sends, whatever its name. Parameter names that collide
  // with Object.prototype members must be signed and checked like any other (a plain {} used as a
  // map turns them into prototype lookups or setters).
  it("parameters named constructor / toString / hasOwnProperty / valueOf / __proto__ are signed like any other", () => {
    const problems: string[] = [];
    for (const name of ["constructor", "toString", "hasOwnProperty", "valueOf", "__proto__"]) {
      const body = new URLSearchParams(params).toString() + `&${name}=x`;
      const signedParams = Object.assign(Object.create(null) as Params, params);
      // defineProperty, so that "__proto__" becomes an ordinary own key.
      Object.defineProperty(signedParams, name, { value: "x", enumerable: true, writable: true, configurable: true });
      const s = twilio.getExpectedTwilioSignature(token, url, signedParams);
      // A genuine request carrying the parameter is accepted ...
      if (!valid([token], s, url, parseForm(body))) problems.push(`${name}: a genuinely signed request is refused`);
      // ... and the parameter cannot be slipped into a request that was signed without it.
      if (valid([token], sig, url, parseForm(body))) problems.push(`${name}: accepted although the signature does not cover it`);
    }
    expect(problems).toEqual([]);
  });
});
