import { expect, type Locator, type Page } from "@playwright/test";

export class NumbersPage {
  readonly heading: Locator;
  readonly flags: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { name: "Sender numbers", level: 1 });
    this.flags = page.getByTestId("number-flag");
  }

  async goto(): Promise<void> {
    await this.page.goto("/admin/numbers");
    await expect(this.heading).toBeVisible();
  }

  row(phone: string): Locator {
    return this.page.locator(`[data-testid="number-row"][data-phone="${phone}"]`);
  }

  flag(phone: string): Locator {
    return this.page.locator(`[data-testid="number-flag"][data-phone="${phone}"]`);
  }

  /** Picks a registration state in the number's row and saves it. */
  async setRegistration(phone: string, stateLabel: string): Promise<void> {
    const form = this.row(phone).getByTestId("registration-form");
    await form.getByRole("combobox").selectOption({ label: stateLabel });
    await form.getByRole("button", { name: /^Save/ }).click();
    await expect(form.getByRole("status")).toHaveText("Saved");
  }
}
