// The Twilio provider against a local fake of Twilio's Messages API: what goes over the wire, how
// refusals and failures come back, and that nothing ever leaves 127.0.0.1.
import http from "node:http";
import https from "node:https";
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { createTwilioProvider } from "@/lib/providers/twilio";
import type { OutboundText, SmsProvider } from "@/lib/providers/types";
import { startFakeTwilio, type FakeTwilio } from "./fake-twilio";

const FROM = "+15005550006";
const CALLBACK = "https://sendstatus.example.com/api/webhooks/twilio/status";

function text(to: string, extra: Partial<OutboundText> = {}): OutboundText {
  return { from: FROM, to, body: "Your order has shipped", mediaUrls: [], statusCallbackUrl: CALLBACK, ...extra };
}

// Every outgoing HTTP(S) request of this process, as the host it was addressed to. axios (inside the
// twilio SDK) calls http.request / https.request on the shared module objects, so wrapping them
// here sees every REST call the SDK makes.
const outgoingHosts: string[] = [];
const originalHttpRequest = http.request;
const originalHttpsRequest = https.request;
function hostOf(args: unknown[]): string {
  const a = args[0];
  if (typeof a === "string") return new URL(a).host;
  if (a instanceof URL) return a.host;
  const o = (a ?? {}) as { hostname?: string; host?: string; port?: string | number };
  return `${o.hostname ?? o.host ?? "?"}${o.port ? `:${o.port}` : ""}`;
}

let fake: FakeTwilio;
let provider: SmsProvider;

beforeAll(async () => {
  http.request = ((...args: unknown[]) => {
    outgoingHosts.push(hostOf(args));
    return (originalHttpRequest as (...a: unknown[]) => http.ClientRequest)(...args);
  }) as typeof http.request;
  https.request = ((...args: unknown[]) => {
    outgoingHosts.push(hostOf(args));
    return (originalHttpsRequest as (...a: unknown[]) => http.ClientRequest)(...args);
  }) as typeof https.request;
  fake = await startFakeTwilio();
  provider = createTwilioProvider({ accountSid: fake.accountSid, authToken: fake.authToken, apiBaseUrl: fake.url });
});

afterAll(async () => {
  http.request = originalHttpRequest;
  https.request = originalHttpsRequest;
  await fake?.close();
});

describe("Twilio provider against the fake Messages API", () => {
  it("sends an SMS: From, To, Body, StatusCallback, Basic auth, no MediaUrl", async () => {
    const before = fake.requests.length;
    const result = await provider.send(text("+15555550100"));

    expect(provider.name).toBe("twilio");
    expect(result.providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
    expect(result.status).toBe("queued");
    expect(result.errorCode).toBeNull();

    expect(fake.requests.length).toBe(before + 1);
    const req = fake.requests[fake.requests.length - 1];
    expect(req.method).toBe("POST");
    expect(req.path).toBe(`/2010-04-01/Accounts/${fake.accountSid}/Messages.json`);
    expect(req.headers["content-type"]).toMatch(/^application\/x-www-form-urlencoded/);
    expect(req.headers.authorization).toBe(
      "Basic " + Buffer.from(`${fake.accountSid}:${fake.authToken}`).toString("base64"),
    );
    expect(req.auth).toEqual({ username: fake.accountSid, password: fake.authToken });
    expect(req.headers["user-agent"]).toMatch(/^twilio-node\//);
    expect(req.form).toEqual({ To: "+15555550100", From: FROM, Body: "Your order has shipped", StatusCallback: CALLBACK });
    expect(req.formAll.MediaUrl).toBeUndefined();
    expect(req.responseStatus).toBe(201);
    expect(fake.messages.get(result.providerMessageId!)?.num_segments).toBe("1");
  });

  it("sends an MMS with every MediaUrl, in order", async () => {
    const media = ["https://cdn.example.com/a.jpg", "https://cdn.example.com/b.png"];
    const result = await provider.send(text("+15555550106", { body: "Photos", mediaUrls: media }));

    expect(result.providerMessageId).toMatch(/^MM[0-9a-f]{32}$/);
    expect(result.status).toBe("queued");
    expect(result.errorCode).toBeNull();

    const req = fake.requests[fake.requests.length - 1];
    expect(req.formAll.MediaUrl).toEqual(media);
    expect(req.form.To).toBe("+15555550106");
    expect(req.form.From).toBe(FROM);
    expect(req.form.Body).toBe("Photos");
    expect(req.form.StatusCallback).toBe(CALLBACK);
    expect(fake.messages.get(result.providerMessageId!)?.num_media).toBe("2");
  });

  it("turns a create-time refusal (21610 unsubscribed) into a failed result, not an exception", async () => {
    const result = await provider.send(text("+15555550112"));
    expect(result).toEqual({
      providerMessageId: null,
      status: "failed",
      errorCode: "21610",
      errorMessage: "Attempt to send to unsubscribed recipient",
    });
    expect(fake.requests[fake.requests.length - 1].responseStatus).toBe(400);
  });

  it("turns 21211 (invalid To) into a failed result", async () => {
    const result = await provider.send(text("+15555550113"));
    expect(result.providerMessageId).toBeNull();
    expect(result.status).toBe("failed");
    expect(result.errorCode).toBe("21211");
    expect(result.errorMessage).toMatch(/Invalid 'To' Phone Number/);
  });

  it("throws a clear error when Twilio rejects the credentials (401, 20003)", async () => {
    const wrong = createTwilioProvider({ accountSid: fake.accountSid, authToken: "not-the-token", apiBaseUrl: fake.url });
    const before = fake.requests.length;
    await expect(wrong.send(text("+15555550100"))).rejects.toThrow(/HTTP 401, error 20003: Authenticate.*credentials/);
    await expect(wrong.fetchStatus("SM" + "0".repeat(32))).rejects.toThrow(/HTTP 401, error 20003/);
    expect(fake.requests.slice(before).map((r) => r.responseStatus)).toEqual([401, 401]);
  });

  it("throws on a 5xx answer instead of reporting a refusal", async () => {
    fake.failNext(503, { code: 20503, message: "Service Unavailable", more_info: "https://www.twilio.com/docs/errors/20503", status: 503 });
    await expect(provider.send(text("+15555550100"))).rejects.toThrow(/HTTP 503, error 20503: Service Unavailable/);
    fake.failNext(502, "<html>Bad Gateway</html>");
    await expect(provider.send(text("+15555550100"))).rejects.toThrow(/HTTP 502/);
  });

  it("throws a clear error when the API cannot be reached", async () => {
    const gone = await startFakeTwilio();
    const url = gone.url;
    await gone.close();
    const unreachable = createTwilioProvider({ accountSid: gone.accountSid, authToken: gone.authToken, apiBaseUrl: url });
    await expect(unreachable.send(text("+15555550100"))).rejects.toThrow(/could not reach http:\/\/127\.0\.0\.1:\d+.*ECONNREFUSED/);
  });

  it("fetchStatus returns the message's current status and error code", async () => {
    const sent = await provider.send(text("+15555550101"));
    const sid = sent.providerMessageId!;
    expect(await provider.fetchStatus(sid)).toEqual({ status: "queued", errorCode: null });

    fake.setMessageStatus(sid, "sent");
    expect(await provider.fetchStatus(sid)).toEqual({ status: "sent", errorCode: null });

    fake.setMessageStatus(sid, "undelivered", 30003);
    expect(await provider.fetchStatus(sid)).toEqual({ status: "undelivered", errorCode: "30003" });

    const req = fake.requests[fake.requests.length - 1];
    expect(req.method).toBe("GET");
    expect(req.path).toBe(`/2010-04-01/Accounts/${fake.accountSid}/Messages/${sid}.json`);
    expect(req.auth).toEqual({ username: fake.accountSid, password: fake.authToken });
  });

  it("fetchStatus of an unknown SID returns null", async () => {
    const before = fake.requests.length;
    expect(await provider.fetchStatus("SM" + "f".repeat(32))).toBeNull();
    expect(fake.requests[before].responseStatus).toBe(404);
    // Not a SID at all: answered without a request.
    expect(await provider.fetchStatus("../Calls")).toBeNull();
    expect(fake.requests.length).toBe(before + 1);
  });

  it("still talks only to the fake when TWILIO_EDGE / TWILIO_REGION are set", async () => {
    const saved = { edge: process.env.TWILIO_EDGE, region: process.env.TWILIO_REGION };
    process.env.TWILIO_EDGE = "sydney";
    process.env.TWILIO_REGION = "au1";
    try {
      const regional = createTwilioProvider({ accountSid: fake.accountSid, authToken: fake.authToken, apiBaseUrl: fake.url });
      const before = fake.requests.length;
      const result = await regional.send(text("+15555550100"));
      expect(result.providerMessageId).toMatch(/^SM/);
      expect(fake.requests.length).toBe(before + 1);
    } finally {
      for (const [k, v] of [["TWILIO_EDGE", saved.edge], ["TWILIO_REGION", saved.region]] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });

  it("no request escaped to api.twilio.com: every SDK request went to 127.0.0.1", () => {
    const fakeHost = new URL(fake.url).host;
    expect(outgoingHosts.length).toBeGreaterThan(0);
    expect(outgoingHosts.filter((h) => /twilio\.com/i.test(h))).toEqual([]);
    // All but the one deliberate connection to a closed port reached this fake, which saw them all.
    const others = outgoingHosts.filter((h) => h !== fakeHost);
    expect(others).toHaveLength(1);
    expect(others[0]).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(fake.requests.length).toBe(outgoingHosts.length - 1);
  });
});
