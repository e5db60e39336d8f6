// Guidance pages: readable by any signed-in user (agents too), sign-in first otherwise.
import { AGENT, expect, saveScreenshot, settle, test } from "./fixtures";
import { LoginPage } from "./pages/login-page";

const PAGES = [
  { path: "/guidance", h1: "Guidance" },
  { path: "/guidance/a2p-10dlc", h1: "A2P 10DLC registration" },
  { path: "/guidance/toll-free", h1: "Toll-free verification" },
  { path: "/guidance/errors/30003", h1: "Phone unreachable" },
] as const;

test.describe("guidance for an agent", () => {
  for (const { path, h1 } of PAGES) {
    test(`${path} has its title`, async ({ agentPage }) => {
      const response = await agentPage.goto(path);
      expect(response?.status()).toBe(200);
      await expect(agentPage.getByRole("heading", { level: 1 })).toHaveCount(1);
      await expect(agentPage.getByRole("heading", { level: 1 })).toHaveText(h1);
      await settle(agentPage);
      if (path === "/guidance/a2p-10dlc") await saveScreenshot(agentPage, "guidance-a2p-10dlc");
      if (path === "/guidance/errors/30003") {
        await expect(agentPage.getByText("Error 30003")).toBeVisible();
        await saveScreenshot(agentPage, "guidance-error-30003");
      }
    });
  }

  test("the guidance index links to both guides and to error pages", async ({ agentPage }) => {
    await agentPage.goto("/guidance");
    await agentPage.getByRole("main").getByRole("link", { name: /A2P 10DLC/ }).first().click();
    await expect(agentPage).toHaveURL(/\/guidance\/a2p-10dlc$/);
    await expect(agentPage.getByRole("heading", { level: 1 })).toHaveText("A2P 10DLC registration");
    await agentPage.goBack();
    await expect(agentPage.locator('main a[href="/guidance/errors/30034"]').first()).toBeVisible();
  });

  test("an unknown numeric code explains Unknown Error and links to the A2P guide", async ({ agentPage }) => {
    await agentPage.goto("/guidance/errors/39999");
    await expect(agentPage.getByRole("heading", { level: 1 })).toHaveText("Unknown error");
    await expect(agentPage.getByRole("link", { name: "Read the A2P 10DLC registration guide" })).toHaveAttribute("href", "/guidance/a2p-10dlc");
  });
});

test.describe("guidance signed out", () => {
  // A signed-out visit goes to sign-in, which then brings the visitor back.
  test("a signed-out visit redirects to /login?next=... and back after signing in", async ({ page }) => {
    await page.goto("/guidance/errors/30003");
    await expect(page).toHaveURL(/\/login\?next=%2Fguidance%2Ferrors%2F30003$/);
    const login = new LoginPage(page);
    await login.signIn(AGENT.email, AGENT.password);
    await expect(page).toHaveURL(/\/guidance\/errors\/30003$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Phone unreachable");
  });

  for (const path of ["/guidance", "/guidance/a2p-10dlc", "/guidance/toll-free"]) {
    test(`${path} redirects to sign-in`, async ({ page }) => {
      await page.goto(path);
      await expect(page).toHaveURL(new RegExp(`/login\\?next=${encodeURIComponent(path)}$`));
      await expect(new LoginPage(page).signInButton).toBeVisible();
    });
  }
});
