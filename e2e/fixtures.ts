// Shared end-to-end fixtures: signed-in pages per role, a watch on uncaught page errors and
// console errors that fails any test that leaves one behind, and API helpers for unique data.
// Fixture callbacks name their second argument `provide`, not `use`, so the React hooks lint rule
// does not mistake them for React's use().
import path from "node:path";
import { test as base, expect, type Browser, type BrowserContext, type Page, type ViewportSize } from "@playwright/test";
import { LoginPage } from "./pages/login-page";

export const DEMO_PASSWORD = "sendstatus-demo";
export const AGENT = { email: "agent@example.com", password: DEMO_PASSWORD } as const;
export const ADMIN = { email: "admin@example.com", password: DEMO_PASSWORD } as const;

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;
type Credentials = { email: string; password: string };

// Known gaps in the app, tolerated until they are fixed (then delete the line): there is no
// favicon yet, and the navigation links (which Next prefetches) point at pages not built yet.
export const KNOWN_CONSOLE_ERRORS: RegExp[] = [
  /404 \(Not Found\) \(http:\/\/[^/]+\/favicon\.ico\)/,
  /404 \(Not Found\) \(http:\/\/[^/]+\/(guidance|admin\/(deliverability|numbers|webhooks))\?_rsc=/,
];

interface WorkerFixtures {
  agentState: StorageState;
  adminState: StorageState;
}

interface TestFixtures {
  /** Uncaught page errors and console errors of every page the test opened, as readable lines,
   * except those matching `allowedConsoleErrors`. */
  consoleErrors: string[];
  /** Errors a test expects, matched against the lines above; `KNOWN_CONSOLE_ERRORS` by default. */
  allowedConsoleErrors: RegExp[];
  agentPage: Page;
  adminPage: Page;
  failOnUncaughtErrors: void;
}

function watchForErrors(page: Page, errors: string[], allowed: RegExp[], label: string): void {
  const record = (line: string) => {
    if (!allowed.some((pattern) => pattern.test(line))) errors.push(line);
  };
  page.on("pageerror", (error) => record(`[${label}] uncaught ${error.name}: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const where = message.location().url;
    record(`[${label}] console.error: ${message.text()}${where ? ` (${where})` : ""}`);
  });
}

// Signs in once per worker through the real form; each test then gets a fresh context with the
// resulting cookies, so tests stay independent without paying for a sign-in each.
async function signInOnce(browser: Browser, baseURL: string | undefined, who: Credentials): Promise<StorageState> {
  const context = await browser.newContext({ baseURL });
  try {
    const page = await context.newPage();
    const login = new LoginPage(page);
    await login.goto();
    await login.signIn(who.email, who.password);
    await page.waitForURL(/\/conversations$/);
    return await context.storageState();
  } finally {
    await context.close();
  }
}

async function signedInPage(
  browser: Browser,
  options: { baseURL: string | undefined; viewport: ViewportSize | null; storageState: StorageState },
  errors: string[],
  allowed: RegExp[],
  label: string,
  provide: (page: Page) => Promise<void>,
): Promise<void> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  watchForErrors(page, errors, allowed, label);
  await provide(page);
  await context.close();
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  agentState: [async ({ browser }, provide, workerInfo) => provide(await signInOnce(browser, workerInfo.project.use.baseURL, AGENT)), { scope: "worker" }],
  adminState: [async ({ browser }, provide, workerInfo) => provide(await signInOnce(browser, workerInfo.project.use.baseURL, ADMIN)), { scope: "worker" }],

  consoleErrors: async ({}, provide) => provide([]),
  allowedConsoleErrors: [KNOWN_CONSOLE_ERRORS, { option: true }],

  page: async ({ page, consoleErrors, allowedConsoleErrors }, provide) => {
    watchForErrors(page, consoleErrors, allowedConsoleErrors, "page");
    await provide(page);
  },
  agentPage: async ({ browser, baseURL, viewport, agentState, consoleErrors, allowedConsoleErrors }, provide) =>
    signedInPage(browser, { baseURL, viewport, storageState: agentState }, consoleErrors, allowedConsoleErrors, "agent", provide),
  adminPage: async ({ browser, baseURL, viewport, adminState, consoleErrors, allowedConsoleErrors }, provide) =>
    signedInPage(browser, { baseURL, viewport, storageState: adminState }, consoleErrors, allowedConsoleErrors, "admin", provide),

  failOnUncaughtErrors: [
    async ({ consoleErrors }, provide) => {
      await provide();
      expect(consoleErrors, "uncaught page errors or console errors during the test").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

export interface CreatedConversation {
  id: number;
  phone: string;
}

/**
 * Creates a conversation with a phone number no other test uses, ending in `tail` (the simulator
 * picks its outcome from the last four digits, see SPEC "Built-in simulator"). Uses the page's
 * session cookie.
 */
export async function createConversation(page: Page, { tail, name }: { tail: string; name?: string }): Promise<CreatedConversation> {
  if (!/^\d{4}$/.test(tail)) throw new Error(`tail must be four digits, got "${tail}"`);
  for (let attempt = 0; attempt < 10; attempt++) {
    const exchange = String(200 + Math.floor(Math.random() * 800));
    const phone = `+1415${exchange}${tail}`;
    const response = await page.request.post("/api/conversations", { data: { phone, name: name ?? `E2E ${exchange}-${tail}` } });
    if (response.status() === 201) {
      const { id } = (await response.json()) as { id: number };
      return { id, phone };
    }
    // 200 means the number was already taken; draw another.
    expect(response.status(), await response.text()).toBe(200);
  }
  throw new Error(`no unused phone number ending in ${tail} after 10 attempts`);
}

export interface SentMessage {
  id: number;
  conversationId: number;
  body: string;
  displayStatus: string;
}

export async function sendText(page: Page, conversationId: number, body: string): Promise<SentMessage> {
  const response = await page.request.post(`/api/conversations/${conversationId}/messages`, { data: { body } });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as SentMessage;
}

/** Waits until the page has loaded and the browser is idle, so hydration errors have surfaced. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState("load");
  await page.evaluate(() => new Promise<void>((resolve) => requestIdleCallback(() => resolve(), { timeout: 2_000 })));
}

/** Saves a full-page screenshot to test-results/screenshots/<name>.png for people to look at. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const file = path.join(test.info().project.outputDir, "screenshots", `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
