// The app configured for Twilio (TWILIO_ACCOUNT_SID + TWILIO_AUTH_TOKEN) sends through the official
// SDK to a local fake of Twilio's REST API, with StatusCallback set to PUBLIC_BASE_URL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeTwilio, type FakeTwilio } from "./fake-twilio";
import { startServer, type TestServer } from "./helpers/server";
import { api, postForm, statusParams, STATUS_PATH } from "./helpers/twilio";

let fake: FakeTwilio;
let server: TestServer;

beforeAll(async () => {
  fake = await startFakeTwilio();
  server = await startServer({
    env: { TWILIO_ACCOUNT_SID: fake.accountSid, TWILIO_AUTH_TOKEN: fake.authToken, TWILIO_API_BASE_URL: fake.url },
  });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await fake?.close();
});

async function conversation(phone: string): Promise<number> {
  const r = await api(server.base, "POST", "/api/conversations", { phone }, server.adminToken);
  expect([200, 201]).toContain(r.status);
  return r.json.id as number;
}

describe("sending through Twilio", () => {
  it("creates the message at Twilio with our status callback and takes Twilio's SID", async () => {
    const id = await conversation("+14155550142");
    const before = fake.requests.length;
    const r = await api(server.base, "POST", `/api/conversations/${id}/messages`, { body: "Hello from the Twilio path" }, server.adminToken);
    expect(r.status).toBe(201);
    const created = fake.requests.slice(before).find((q) => q.method === "POST");
    expect(created?.form.To).toBe("+14155550142");
    expect(created?.form.Body).toBe("Hello from the Twilio path");
    expect(created?.form.StatusCallback).toBe(`${server.publicBaseUrl}/api/webhooks/twilio/status`);
    expect(r.json.providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
    expect(fake.messages.has(r.json.providerMessageId)).toBe(true);
    expect(r.json.displayStatus).toBe("sending");

    // Twilio's callbacks are signed with the same auth token.
    const cb = await postForm(server.base, STATUS_PATH, statusParams(r.json.providerMessageId, "delivered"), { token: fake.authToken });
    expect(cb.status).toBeLessThan(300);
    const m = await api(server.base, "GET", `/api/messages/${r.json.id}`, undefined, server.adminToken);
    expect(m.json.displayStatus).toBe("delivered");
  });

  it("sends MMS media URLs", async () => {
    const id = await conversation("+14155550143");
    const before = fake.requests.length;
    const urls = ["https://example.com/a.png", "https://example.com/b.jpg"];
    const r = await api(server.base, "POST", `/api/conversations/${id}/messages`, { body: "pics", mediaUrls: urls }, server.adminToken);
    expect(r.status).toBe(201);
    expect(r.json.channel).toBe("mms");
    const created = fake.requests.slice(before).find((q) => q.method === "POST");
    expect(created?.formAll.MediaUrl).toEqual(urls);
  });

  it("records a text Twilio refuses at create time as Failed with Twilio's code", async () => {
    const id = await conversation("+14155550112"); // the fake refuses ...0112 with 21610
    const r = await api(server.base, "POST", `/api/conversations/${id}/messages`, { body: "offer" }, server.adminToken);
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ displayStatus: "failed", errorCode: "21610", providerMessageId: null });
    expect(r.json.history.map((h: { status: string; errorCode: string | null }) => `${h.status}/${h.errorCode}`)).toEqual(["failed/21610"]);
  });

  it("answers 502 with a readable error, and stores nothing, when Twilio is down", async () => {
    const id = await conversation("+14155550144");
    const count = () => (server.db().prepare(`SELECT count(*) AS n FROM messages`).get() as { n: number }).n;
    const before = count();
    fake.failNext(503, { code: 20500, message: "Service unavailable", status: 503 });
    const r = await api(server.base, "POST", `/api/conversations/${id}/messages`, { body: "hello?" }, server.adminToken);
    expect(r.status).toBe(502);
    expect(r.json.error).toMatch(/provider/i);
    expect(count()).toBe(before);
  });
});
