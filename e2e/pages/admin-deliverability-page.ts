import { expect, type Locator, type Page } from "@playwright/test";

export class DeliverabilityPage {
  readonly heading: Locator;
  readonly filterForm: Locator;
  readonly applyButton: Locator;
  readonly errorCode: Locator;
  readonly sender: Locator;
  readonly channel: Locator;
  readonly since: Locator;
  readonly until: Locator;
  readonly exportLink: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly emptyState: Locator;
  readonly olderLink: Locator;
  readonly chart: Locator;
  readonly chartImage: Locator;
  readonly matchingCount: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { name: "Deliverability", level: 1 });
    this.filterForm = page.getByRole("form", { name: "Filter texts" });
    this.applyButton = this.filterForm.getByRole("button", { name: "Apply" });
    this.errorCode = this.filterForm.getByLabel("Error code");
    this.sender = this.filterForm.getByLabel("Sender number");
    this.channel = this.filterForm.getByLabel("Channel");
    this.since = this.filterForm.getByLabel("Since");
    this.until = this.filterForm.getByLabel("Until");
    this.exportLink = page.getByRole("link", { name: "Export CSV" });
    this.table = page.getByTestId("message-table");
    this.rows = this.table.getByTestId("message-row");
    this.emptyState = page.getByTestId("empty-state");
    this.olderLink = page.getByRole("navigation", { name: "Pages of texts" }).getByRole("link", { name: /Older texts/ });
    this.chart = page.getByTestId("delivery-chart");
    this.chartImage = this.chart.getByRole("img");
    this.matchingCount = page.getByTestId("matching-count");
  }

  async goto(query = ""): Promise<void> {
    await this.page.goto(`/admin/deliverability${query ? `?${query}` : ""}`);
    await expect(this.heading).toBeVisible();
  }

  statusCheckbox(label: string): Locator {
    return this.filterForm.getByRole("checkbox", { name: label, exact: true });
  }

  statusFacet(status: string): Locator {
    return this.page.locator(`[data-testid="status-facet"][data-status="${status}"]`);
  }

  codeFacet(code: string): Locator {
    return this.page.locator(`[data-testid="code-facet"][data-code="${code}"]`);
  }

  async facetCount(status: string): Promise<number> {
    return Number((await this.statusFacet(status).getByTestId("facet-count").innerText()).replace(/,/g, ""));
  }

  /** The ids of the texts listed on this page, top to bottom. */
  async rowIds(): Promise<number[]> {
    return (await this.rows.evaluateAll((rows) => rows.map((r) => r.getAttribute("data-message-id")))).map(Number);
  }

  row(messageId: number): Locator {
    return this.table.locator(`[data-testid="message-row"][data-message-id="${messageId}"]`);
  }
}
