// Texts stuck in Sending/Sent are looked up at the provider (a local fake of Twilio's REST API)
// and what it says is applied through the ordering rule.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeTwilio, type FakeTwilio } from "./fake-twilio";
import { startServer, type TestServer } from "./helpers/server";
import { api, waitFor } from "./helpers/twilio";

let fake: FakeTwilio;
let server: TestServer;

beforeAll(async () => {
  fake = await startFakeTwilio();
  server = await startServer({
    env: {
      TWILIO_ACCOUNT_SID: fake.accountSid,
      TWILIO_AUTH_TOKEN: fake.authToken,
      TWILIO_API_BASE_URL: fake.url,
      RECONCILE_AFTER_MINUTES: "0",
      RECONCILE_INTERVAL_SECONDS: "0.3",
    },
  });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await fake?.close();
});

async function send(phone: string) {
  const conv = await api(server.base, "POST", "/api/conversations", { phone }, server.adminToken);
  const m = await api(server.base, "POST", `/api/conversations/${conv.json.id}/messages`, { body: "where did it go?" }, server.adminToken);
  expect(m.status).toBe(201);
  return m.json as { id: number; providerMessageId: string };
}

const message = async (id: number) => (await api(server.base, "GET", `/api/messages/${id}`, undefined, server.adminToken)).json;

describe("reconciliation", () => {
  it("applies the provider's status to a text whose callbacks never came", async () => {
    const m = await send("+14155550161");
    fake.setMessageStatus(m.providerMessageId, "undelivered", 30003);
    const final = await waitFor("reconciled", async () => {
      const now = await message(m.id);
      return now.displayStatus === "undelivered" ? now : undefined;
    });
    expect(final.errorCode).toBe("30003");
    expect(final.history.map((h: { status: string }) => h.status)).toEqual(["queued", "undelivered"]);
    const sources = server.db().prepare(`SELECT source FROM status_events WHERE message_id = ? ORDER BY id`).all(m.id) as { source: string }[];
    expect(sources.map((s) => s.source)).toEqual(["send", "reconcile"]);
  });

  it("follows the ordering rule: the provider's older view never moves a text back", async () => {
    const m = await send("+14155550162");
    fake.setMessageStatus(m.providerMessageId, "delivered");
    await waitFor("delivered", async () => ((await message(m.id)).displayStatus === "delivered" ? true : undefined));
    // A delivered text is no longer stuck, so it is not asked about again.
    const asked = () => fake.requests.filter((r) => r.method === "GET" && r.path.includes(m.providerMessageId)).length;
    const before = asked();
    fake.setMessageStatus(m.providerMessageId, "sent");
    await new Promise((r) => setTimeout(r, 1200));
    expect(asked()).toBe(before);
    expect((await message(m.id)).displayStatus).toBe("delivered");
  });

  it("keeps asking while the provider still says sent, without changing anything", async () => {
    const m = await send("+14155550163");
    fake.setMessageStatus(m.providerMessageId, "sent");
    await waitFor("sent", async () => ((await message(m.id)).displayStatus === "sent" ? true : undefined));
    const gets = () => fake.requests.filter((r) => r.method === "GET" && r.path.includes(m.providerMessageId)).length;
    await waitFor("asked again", async () => (gets() >= 2 ? true : undefined), 10_000);
    const h = (await message(m.id)).history.map((x: { status: string }) => x.status);
    expect(h).toEqual(["queued", "sent"]);
  });
});
