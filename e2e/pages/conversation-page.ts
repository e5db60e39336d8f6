import { expect, type Locator, type Page } from "@playwright/test";

export class ConversationPage {
  readonly timeline: Locator;
  readonly messages: Locator;
  readonly composer: Locator;
  readonly messageBox: Locator;
  readonly sendButton: Locator;
  readonly segmentCounter: Locator;
  readonly attachInput: Locator;
  readonly fromSelect: Locator;
  /** The "This text will probably not arrive" box with "Send anyway". */
  readonly confirmBox: Locator;
  readonly sendAnywayButton: Locator;
  /** Errors the composer shows (e.g. a refused attachment). */
  readonly composerError: Locator;
  /** The banner above the timeline when the customer opted out or the number cannot get texts. */
  readonly reachabilityBanner: Locator;

  constructor(readonly page: Page) {
    this.timeline = page.getByRole("list", { name: "Timeline" });
    this.messages = this.timeline.getByTestId("message");
    this.composer = page.getByRole("form", { name: "Send a text" });
    this.messageBox = this.composer.getByRole("textbox", { name: "Message", exact: true });
    this.sendButton = this.composer.getByRole("button", { name: "Send", exact: true });
    this.segmentCounter = this.composer.getByTestId("segment-counter");
    this.attachInput = this.composer.getByLabel("Attach picture");
    this.fromSelect = this.composer.getByLabel("From");
    this.confirmBox = this.composer.getByRole("alertdialog");
    this.sendAnywayButton = this.confirmBox.getByRole("button", { name: "Send anyway" });
    this.composerError = this.composer.getByRole("alert");
    this.reachabilityBanner = page.getByTestId("reachability-banner");
  }

  async goto(conversationId: number): Promise<void> {
    await this.page.goto(`/conversations/${conversationId}`);
    await expect(this.composer).toBeVisible();
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

  /** The badge as a button: it opens the status detail. */
  statusButtonOf(message: Locator): Locator {
    return message.getByTestId("status-button");
  }

  /** The status detail drawer (a modal <dialog>) of a message. */
  detailOf(message: Locator): Locator {
    return message.getByTestId("status-detail");
  }

  historyRowsOf(detail: Locator): Locator {
    return detail.getByRole("list", { name: "Status history" }).getByRole("listitem");
  }

  async openDetail(message: Locator): Promise<Locator> {
    await this.statusButtonOf(message).click();
    const detail = this.detailOf(message);
    await expect(detail).toBeVisible();
    return detail;
  }

  /** Types into the compose box as a person would and presses Enter. */
  async typeAndSend(text: string): Promise<void> {
    await this.messageBox.click();
    await this.messageBox.pressSequentially(text);
    await this.messageBox.press("Enter");
  }
}
