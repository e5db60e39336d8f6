import { expect, type Locator, type Page } from "@playwright/test";

export class WebhooksPage {
  readonly heading: Locator;
  readonly rows: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { name: "Rejected webhooks", level: 1 });
    this.rows = page.getByTestId("rejected-webhook");
  }

  async goto(): Promise<void> {
    await this.page.goto("/admin/webhooks");
    await expect(this.heading).toBeVisible();
  }

  /** The rejected request whose kept body contains this text. */
  withBody(text: string): Locator {
    return this.rows.filter({ has: this.page.getByTestId("body").filter({ hasText: text }) });
  }
}
