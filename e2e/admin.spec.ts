// Admin flows on a fresh database: the deliverability filter, its facets, pagination, chart and
// CSV export; sender-number flags and their registration state; rejected webhooks; and agents
// kept out of every admin page and admin API route.
import fs from "node:fs/promises";
import crypto from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { createConversation, expect, OLD_BRANCH_LINE, saveScreenshot, sendText, settle, SUPPORT_LINE, test } from "./fixtures";
import { DeliverabilityPage } from "./pages/admin-deliverability-page";
import { NumbersPage } from "./pages/admin-numbers-page";
import { WebhooksPage } from "./pages/admin-webhooks-page";

const TOLL_FREE_UNVERIFIED = "+18885550101";
const ADMIN_PAGES = ["/admin", "/admin/deliverability", "/admin/deliverability?displayStatus=undelivered", "/admin/numbers", "/admin/webhooks"];

interface ApiMessage {
  id: number;
  to: string;
  displayStatus: string;
  errorCode: string | null;
}

async function apiMessages(request: APIRequestContext, query: string): Promise<ApiMessage[]> {
  const items: ApiMessage[] = [];
  let cursor: string | null = null;
  do {
    const response = await request.get(`/api/messages?${query}&limit=500${cursor ? `&cursor=${cursor}` : ""}`);
    expect(response.status(), await response.text()).toBe(200);
    const page = (await response.json()) as { items: ApiMessage[]; nextCursor: string | null };
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

// RFC 4180: quoted fields, doubled quotes, CRLF rows.
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += c;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

async function downloadText(page: Page, click: () => Promise<void>): Promise<{ text: string; filename: string }> {
  const [download] = await Promise.all([page.waitForEvent("download"), click()]);
  const file = await download.path();
  return { text: await fs.readFile(file, "utf8"), filename: download.suggestedFilename() };
}

test.describe("deliverability", () => {
  test("the demo admin narrows to Undelivered, finds the 0101 text with 30003, and exports the same list", async ({ adminPage }) => {
    const view = new DeliverabilityPage(adminPage);
    await view.goto();
    // Failed, Undelivered and Unknown Error are preselected.
    for (const label of ["Failed", "Undelivered", "Unknown Error"]) await expect(view.statusCheckbox(label)).toBeChecked();
    for (const label of ["Sending", "Sent", "Delivered", "Received"]) await expect(view.statusCheckbox(label)).not.toBeChecked();

    await view.statusCheckbox("Failed").uncheck();
    await view.statusCheckbox("Unknown Error").uncheck();
    await view.applyButton.click();
    await expect(adminPage).toHaveURL(/\/admin\/deliverability\?displayStatus=undelivered$/);
    await expect(view.statusCheckbox("Undelivered")).toBeChecked();
    await expect(view.statusCheckbox("Failed")).not.toBeChecked();

    const dana = view.rows.filter({ hasText: "(415) 555-0101" });
    await expect(dana).toHaveCount(1);
    await expect(dana).toContainText("Dana Ruiz");
    await expect(dana).toContainText("30003");
    await expect(dana).toContainText("Phone unreachable");
    await expect(dana.getByTestId("status-badge")).toHaveAttribute("data-status", "undelivered");
    const statuses = await view.table.getByTestId("status-badge").evaluateAll((b) => b.map((e) => e.getAttribute("data-status")));
    expect(new Set(statuses)).toEqual(new Set(["undelivered"]));
    await expect(dana.getByRole("link", { name: "Dana Ruiz" })).toHaveAttribute("href", /^\/conversations\/\d+$/);

    await expect(view.exportLink).toHaveAttribute("href", "/api/messages/export?displayStatus=undelivered");
    const { text, filename } = await downloadText(adminPage, () => view.exportLink.click());
    expect(filename).toMatch(/\.csv$/);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual(expect.arrayContaining(["id", "created_at", "to", "display_status", "error_code", "error_title"]));
    const col = (name: string) => header!.indexOf(name);
    // Exactly the list on the page (it fits on one page) and what the API answers for the filter.
    expect(rows.map((r) => Number(r[col("id")]))).toEqual(await view.rowIds());
    expect(rows.map((r) => Number(r[col("id")]))).toEqual((await apiMessages(adminPage.request, "displayStatus=undelivered")).map((m) => m.id));
    expect(new Set(rows.map((r) => r[col("display_status")]))).toEqual(new Set(["undelivered"]));
    const danaRow = rows.find((r) => r[col("to")] === "+14155550101");
    expect(danaRow?.[col("error_code")]).toBe("30003");
    await saveScreenshot(adminPage, "admin-deliverability-undelivered");
  });

  test("counts per status and per code match the filter, and each is a link that refines it", async ({ adminPage }) => {
    const view = new DeliverabilityPage(adminPage);
    await view.goto();
    for (const status of ["failed", "undelivered", "unknown_error", "delivered"]) {
      const expected = (await apiMessages(adminPage.request, `displayStatus=${status}`)).length;
      expect(await view.facetCount(status), `count of ${status}`).toBe(expected);
    }
    const failures = await apiMessages(adminPage.request, "displayStatus=failed,undelivered,unknown_error");
    await expect(view.matchingCount).toHaveText(new RegExp(`^${failures.length} texts match`));
    await expect(view.rows).toHaveCount(failures.length);

    // The code facet narrows to that code, keeping the statuses.
    const with30034 = failures.filter((m) => m.errorCode === "30034").length;
    await expect(view.codeFacet("30034")).toContainText(String(with30034));
    await view.codeFacet("30034").click();
    await expect(adminPage).toHaveURL(/\?errorCode=30034$/);
    await expect(view.rows).toHaveCount(with30034);
    await expect(view.rows.first()).toContainText("30034");
    await expect(view.exportLink).toHaveAttribute("href", "/api/messages/export?displayStatus=failed,undelivered,unknown_error&errorCode=30034");

    // A status facet replaces the statuses; nothing delivered carries 30034, and the page says so.
    await view.statusFacet("delivered").click();
    await expect(adminPage).toHaveURL(/\?displayStatus=delivered&errorCode=30034$/);
    await expect(view.emptyState).toContainText("No texts match this filter");
    await expect(view.table).toHaveCount(0);
  });

  test("the filter form narrows by code, sender and channel, and the URL holds it all", async ({ adminPage }) => {
    const view = new DeliverabilityPage(adminPage);
    await view.goto();
    await view.statusCheckbox("Undelivered").uncheck();
    await view.statusCheckbox("Unknown Error").uncheck();
    await view.statusCheckbox("Failed").uncheck();
    await view.statusCheckbox("Undelivered").check();
    await view.errorCode.selectOption("30034");
    await view.sender.selectOption(OLD_BRANCH_LINE);
    await view.channel.selectOption("sms");
    await view.applyButton.click();
    await expect(adminPage).toHaveURL(/\?displayStatus=undelivered&errorCode=30034&from=%2B14155550002&channel=sms$/);
    await expect(view.rows).toHaveCount((await apiMessages(adminPage.request, "displayStatus=undelivered&errorCode=30034&from=%2B14155550002&channel=sms")).length);
    await expect(view.rows.filter({ hasText: "Omar Haddad" })).toHaveCount(1);

    // A date range in the future leaves nothing, and says what would appear.
    const nextYear = new Date().getUTCFullYear() + 1;
    await view.since.fill(`${nextYear}-01-01`);
    await view.until.fill(`${nextYear}-01-31`);
    await view.applyButton.click();
    await expect(adminPage).toHaveURL(new RegExp(`since=${nextYear}-01-0?\\d.*until=${nextYear}-0[12]-`));
    await expect(view.emptyState).toBeVisible();
    await expect(view.since).toHaveValue(`${nextYear}-01-01`);
    await expect(view.until).toHaveValue(`${nextYear}-01-31`);

    // Unticking every status means every status, not the default.
    await view.goto("displayStatus=");
    for (const label of ["Failed", "Undelivered", "Unknown Error", "Delivered"]) await expect(view.statusCheckbox(label)).not.toBeChecked();
    await expect(view.rows.getByTestId("status-badge").filter({ hasText: "Delivered" }).first()).toBeVisible();
  });

  test("pagination walks every matching text exactly once", async ({ adminPage }) => {
    // Seven texts to one new number that the simulator fails (30001); wait until all have failed.
    const { id, phone } = await createConversation(adminPage, { tail: "0105" });
    for (let i = 0; i < 7; i++) await sendText(adminPage, id, `Pagination ${i} ${crypto.randomUUID().slice(0, 8)}`);
    const query = `displayStatus=failed&to=${encodeURIComponent(phone)}`;
    await expect(async () => {
      const items = await apiMessages(adminPage.request, query);
      expect(items).toHaveLength(7);
    }).toPass({ timeout: 20_000, intervals: [500, 1_000] });
    const expected = (await apiMessages(adminPage.request, query)).map((m) => m.id);

    const view = new DeliverabilityPage(adminPage);
    await view.goto(`${query}&limit=3`);
    const seen: number[] = [];
    const sizes: number[] = [];
    for (;;) {
      const ids = await view.rowIds();
      sizes.push(ids.length);
      seen.push(...ids);
      if (!(await view.olderLink.count())) break;
      await view.olderLink.click();
      await expect(adminPage).toHaveURL(/cursor=/);
      await expect(view.rows.first()).not.toHaveAttribute("data-message-id", String(ids[0]));
    }
    expect(sizes).toEqual([3, 3, 1]);
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(7);
    // The last page still filters on the same recipient and status.
    await expect(view.rows.first()).toContainText(phone.slice(-4));
  });

  test("the chart draws sent, delivered and failed per day, and per hour for a short range", async ({ adminPage }) => {
    const view = new DeliverabilityPage(adminPage);
    await view.goto();
    await expect(view.chartImage).toHaveAttribute("aria-label", /^Texts sent per day, .*: \d+ sent, \d+ delivered, \d+ failed/);
    await expect(view.chart.getByTestId("chart-bar")).toHaveCount(7);
    await expect(view.chart.locator('rect[data-series="failed"]').first()).toBeAttached();
    await expect(view.chart.locator('rect[data-series="delivered"]').first()).toBeAttached();
    // The numbers are in a table for screen readers too, and the series ignores the status filter:
    // its total is every text sent (the demo data is all from the last 7 days).
    const sentColumn = await view.chart.locator("table tbody tr td:nth-child(2)").allInnerTexts();
    expect(sentColumn).toHaveLength(7);
    const totalSent = sentColumn.reduce((sum, n) => sum + Number(n), 0);
    expect(totalSent).toBe(await view.facetCount("outbound"));

    await adminPage.getByRole("navigation", { name: "Date range" }).getByRole("link", { name: "Last 24 hours" }).click();
    await expect(adminPage).toHaveURL(/since=\d{4}-\d{2}-\d{2}T/);
    await expect(view.chartImage).toHaveAttribute("aria-label", /^Texts sent per hour/);
    await expect(view.chart.getByTestId("chart-bar")).toHaveCount(24);
  });
});

test.describe("sender numbers", () => {
  test("a number whose texts fail with 30034 is flagged, and follows its registration state", async ({ adminPage }) => {
    const numbers = new NumbersPage(adminPage);
    await numbers.goto();
    const oldBranch = numbers.row(OLD_BRANCH_LINE);
    await expect(oldBranch).toContainText("10DLC long code");
    await expect(oldBranch.getByTestId("registration-failures")).toContainText("30034");
    await expect(oldBranch.getByRole("combobox")).toHaveValue("unregistered");

    const flag = numbers.flag(OLD_BRANCH_LINE);
    await expect(flag).toHaveAttribute("data-flag", "sending_unregistered");
    await expect(flag).toContainText("This number is sending but is not registered");
    await expect(flag.getByRole("link", { name: /A2P 10DLC/ })).toHaveAttribute("href", "/guidance/a2p-10dlc");
    await expect(numbers.flag(TOLL_FREE_UNVERIFIED).getByRole("link", { name: /toll-free/i })).toHaveAttribute("href", "/guidance/toll-free");
    await expect(numbers.row("55501")).toContainText("Short code");

    // Marked registered, the same failures read "as if unregistered".
    try {
      await numbers.setRegistration(OLD_BRANCH_LINE, "Registered");
      await expect(flag).toHaveAttribute("data-flag", "fails_as_unregistered");
      await expect(flag).toContainText("Texts fail as if this number were unregistered");
      await numbers.goto();
      await expect(numbers.row(OLD_BRANCH_LINE).getByRole("combobox")).toHaveValue("registered");
    } finally {
      await numbers.setRegistration(OLD_BRANCH_LINE, "Unregistered");
    }
    await expect(numbers.flag(OLD_BRANCH_LINE)).toHaveAttribute("data-flag", "sending_unregistered");

    // The failure count links to exactly those texts on the deliverability page.
    await numbers.row(OLD_BRANCH_LINE).getByTestId("registration-failures").getByRole("link").click();
    const view = new DeliverabilityPage(adminPage);
    await expect(view.heading).toBeVisible();
    await expect(adminPage).toHaveURL(/from=%2B14155550002/);
    await expect(view.rows.filter({ hasText: "30034" }).first()).toBeVisible();
  });

  test("the default number's 7-day figures match what it sent", async ({ adminPage }) => {
    const numbers = new NumbersPage(adminPage);
    await numbers.goto();
    const since = new Date(Date.now() - 7 * 86_400_000).toISOString();
    const sent = (await apiMessages(adminPage.request, `displayStatus=sending,sent,delivered,failed,undelivered,unknown_error&from=${encodeURIComponent(SUPPORT_LINE)}&since=${since}`)).length;
    await expect(numbers.row(SUPPORT_LINE).getByTestId("sent-count")).toHaveText(String(sent));
    await expect(numbers.row(SUPPORT_LINE).getByTestId("delivery-rate")).toContainText("%");
  });
});

test.describe("rejected webhooks", () => {
  test("a forged status callback is refused and listed with its reason and a bounded body", async ({ adminPage, request }) => {
    const marker = `SMforged${crypto.randomBytes(8).toString("hex")}`;
    // A forged signature over a 10 KiB body: refused, and only the first 2 KiB of the body kept.
    const forged = await request.post("/api/webhooks/twilio/status", {
      headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": "bm90LWEtc2lnbmF0dXJl" },
      data: `MessageSid=${marker}&MessageStatus=delivered&Body=${"A".repeat(10 * 1024)}`,
    });
    expect(forged.status()).toBe(403);
    const oversized = await request.post("/api/webhooks/twilio/status", {
      headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": "x" },
      data: `MessageSid=${marker}&Body=${"A".repeat(70 * 1024)}`,
    });
    expect(oversized.status()).toBe(413);

    const webhooks = new WebhooksPage(adminPage);
    await webhooks.goto();
    const row = webhooks.withBody(`MessageSid=${marker}&MessageStatus=delivered`);
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("/api/webhooks/twilio/status");
    await expect(row.getByTestId("reason")).toContainText("X-Twilio-Signature does not match");
    await expect(row).toContainText("403");
    await expect(row).toContainText("first 2 KiB kept");
    expect((await row.getByTestId("body").textContent())!.length).toBeLessThanOrEqual(2048);
    // Newest first: the oversized request came last, and is listed above it.
    const newest = webhooks.rows.first();
    await expect(newest).toContainText("413");
    await expect(newest.getByTestId("reason")).toContainText("limit");
    expect(Number(await newest.getAttribute("data-id"))).toBeGreaterThan(Number(await row.getAttribute("data-id")));
    await expect(adminPage.getByText("PUBLIC_BASE_URL").first()).toBeVisible();
  });
});

test.describe("roles", () => {
  test.describe("agent on admin pages", () => {
    // The browser reports the 403 answer of each admin page as a console error: that is the point.
    test.use({ allowedConsoleErrors: [/status of 403 \(Forbidden\)/] });
  test("an agent is kept out of every admin page and never gets admin data", async ({ agentPage }) => {
    for (const path of ADMIN_PAGES) {
      const response = await agentPage.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(agentPage.getByRole("heading", { name: "Only admins can see this page" }), path).toBeVisible();
      await expect(agentPage.getByRole("link", { name: "Back to the inbox" })).toHaveAttribute("href", "/conversations");
      await expect(agentPage.getByTestId("message-table")).toHaveCount(0);
      await expect(agentPage.getByRole("link", { name: "Export CSV" })).toHaveCount(0);
      // Not even in the page's payload: pages check the role themselves, not only the layout.
      const html = (await response?.text()) ?? "";
      for (const secret of ["Phone unreachable", "Old branch line", "X-Twilio-Signature", "Texts sent"]) expect(html, `${path} leaks "${secret}"`).not.toContain(secret);
    }
    await agentPage.getByRole("link", { name: "Back to the inbox" }).click();
    await expect(agentPage).toHaveURL(/\/conversations$/);
  });
  });

  test("an agent gets 403 from the admin API routes, and no one signed out gets in", async ({ agentPage, page, request }) => {
    for (const path of ["/api/messages?displayStatus=undelivered", "/api/messages/export?displayStatus=undelivered"]) {
      const asAgent = await agentPage.request.get(path);
      expect(asAgent.status(), path).toBe(403);
      expect(((await asAgent.json()) as { error: string }).error).toContain("Only admins");
      expect((await request.get(path)).status(), path).toBe(401);
    }
    await page.goto("/admin/numbers");
    await expect(page).toHaveURL(/\/login\?next=%2Fadmin%2Fnumbers$/);
  });
});

test("the admin pages load without console errors", async ({ adminPage, consoleErrors }) => {
  // Admin pages scroll inside the app shell, so a tall window shows them whole in the screenshots.
  await adminPage.setViewportSize({ width: 1440, height: 1500 });
  const view = new DeliverabilityPage(adminPage);
  await view.goto();
  await settle(adminPage);
  await saveScreenshot(adminPage, "admin-deliverability");
  const numbers = new NumbersPage(adminPage);
  await numbers.goto();
  await settle(adminPage);
  await saveScreenshot(adminPage, "admin-numbers");
  const webhooks = new WebhooksPage(adminPage);
  await webhooks.goto();
  await settle(adminPage);
  await saveScreenshot(adminPage, "admin-webhooks");
  expect(consoleErrors).toEqual([]);
});

test("an agent replaying the admin's own server action changes nothing", async ({ adminPage, agentPage }) => {
  const PROMOTIONS = "+14155550001"; // seeded as "Pending review"
  const numbers = new NumbersPage(adminPage);
  await numbers.goto();
  const select = numbers.row(PROMOTIONS).getByTestId("registration-form").getByRole("combobox");
  const before = await select.inputValue();
  // Capture the exact server-action request the admin's browser sends when saving a state.
  const captured = adminPage.waitForRequest((r) => r.method() === "POST" && "next-action" in r.headers());
  await numbers.setRegistration(PROMOTIONS, "Registered");
  const request = await captured;
  await numbers.setRegistration(PROMOTIONS, "Pending review");
  await numbers.goto();
  await expect(select).toHaveValue(before);

  // The agent's session sends the same request: same action id, same body, same origin.
  const headers = request.headers();
  const response = await agentPage.request.fetch(request.url(), {
    method: "POST",
    headers: {
      "next-action": headers["next-action"]!,
      "content-type": headers["content-type"]!,
      accept: headers["accept"] ?? "text/x-component",
      origin: new URL(request.url()).origin,
    },
    data: request.postDataBuffer() ?? Buffer.alloc(0),
  });
  const body = await response.text();
  expect(body).toContain("Only admins");
  expect(body).not.toContain('"saved":"registered"');
  await numbers.goto();
  await expect(select).toHaveValue(before);
});
