import { expect, type Locator, type Page } from "@playwright/test";

export class InboxPage {
  readonly heading: Locator;
  readonly conversations: Locator;
  readonly navigation: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { name: "Inbox", level: 1 });
    this.conversations = page.getByRole("list", { name: "Conversations" });
    this.navigation = page.getByRole("navigation", { name: "Main" });
  }

  async goto(): Promise<void> {
    await this.page.goto("/conversations");
    await this.expectLoaded();
  }

  async expectLoaded(): Promise<void> {
    await expect(this.page).toHaveURL(/\/conversations$/);
    await expect(this.heading).toBeVisible();
  }

  /** The inbox row (a link) of the conversation with this contact name. */
  conversation(name: string): Locator {
    return this.conversations.getByRole("link").filter({ hasText: name });
  }

  async open(name: string): Promise<void> {
    await this.conversation(name).click();
    await expect(this.page).toHaveURL(/\/conversations\/\d+(\?.*)?$/);
  }

  navLink(name: string): Locator {
    return this.navigation.getByRole("link", { name, exact: true });
  }
}
