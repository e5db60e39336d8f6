import { expect, type Locator, type Page } from "@playwright/test";

export class ConversationPage {
  readonly timeline: Locator;
  readonly messages: Locator;

  constructor(readonly page: Page) {
    this.timeline = page.getByRole("list", { name: "Messages" });
    this.messages = this.timeline.getByTestId("message");
  }

  async goto(conversationId: number): Promise<void> {
    await this.page.goto(`/conversations/${conversationId}`);
    await expect(this.timeline).toBeVisible();
  }

  /** The conversation's title; by name, because the inbox pane may sit beside it with its own h1. */
  contactHeading(name: string): Locator {
    return this.page.getByRole("heading", { name, exact: true });
  }

  /** The timeline entry whose body is exactly this text. */
  message(body: string): Locator {
    return this.messages.filter({ has: this.page.getByText(body, { exact: true }) });
  }

  messageById(messageId: number): Locator {
    return this.timeline.locator(`[data-testid="message"][data-message-id="${messageId}"]`);
  }

  badgeOf(message: Locator): Locator {
    return message.getByTestId("status-badge");
  }
}
