// The compose box: the live segment counter, Enter and Shift+Enter, picture attachments (MMS),
// and the warning before sending from an unregistered number.
import { createConversation, expect, getMessage, makePng, OLD_BRANCH_LINE, saveScreenshot, settle, test } from "./fixtures";
import { ConversationPage } from "./pages/conversation-page";

const LIVE = { timeout: 15_000 };

async function openNewConversation(page: import("@playwright/test").Page, tail = "0100"): Promise<ConversationPage> {
  const { id } = await createConversation(page, { tail });
  const conversation = new ConversationPage(page);
  await conversation.goto(id);
  return conversation;
}

test.describe("segment counter", () => {
  test("counts GSM-7 and UCS-2 units and segments as the agent types", async ({ agentPage }) => {
    const conversation = await openNewConversation(agentPage);
    const { messageBox, segmentCounter } = conversation;

    await expect(segmentCounter).toHaveText("0 / 160 · 0 segments · GSM-7");

    await messageBox.fill("a".repeat(160));
    await expect(segmentCounter).toHaveText("160 / 160 · 1 segment · GSM-7");

    await messageBox.fill("a".repeat(161));
    await expect(segmentCounter).toHaveText("161 / 153 · 2 segments · GSM-7");

    // € is in GSM-7's extension table: an escape plus the character, two units.
    await messageBox.fill("€");
    await expect(segmentCounter).toHaveText("2 / 160 · 1 segment · GSM-7");
    await messageBox.fill("a".repeat(158) + "€");
    await expect(segmentCounter).toHaveText("160 / 160 · 1 segment · GSM-7");
    await messageBox.fill("a".repeat(159) + "€");
    await expect(segmentCounter).toHaveText("161 / 153 · 2 segments · GSM-7");

    // ç (lower case) is not in GSM-7: the whole text switches to UCS-2, 70 / 67.
    await messageBox.fill("");
    await messageBox.pressSequentially("Merci ç");
    await expect(segmentCounter).toHaveText("7 / 70 · 1 segment · UCS-2");
    await messageBox.fill("ç".repeat(70));
    await expect(segmentCounter).toHaveText("70 / 70 · 1 segment · UCS-2");
    await messageBox.fill("ç".repeat(71));
    await expect(segmentCounter).toHaveText("71 / 67 · 2 segments · UCS-2");

    // Removing the ç goes back to GSM-7.
    await messageBox.fill("Merci");
    await expect(segmentCounter).toHaveText("5 / 160 · 1 segment · GSM-7");
  });
});

test.describe("keys", () => {
  test("Shift+Enter adds a line without sending; Enter sends", async ({ agentPage }) => {
    const conversation = await openNewConversation(agentPage);
    await expect(conversation.messages).toHaveCount(0);

    await conversation.messageBox.click();
    await conversation.messageBox.pressSequentially("First line");
    await conversation.messageBox.press("Shift+Enter");
    await conversation.messageBox.pressSequentially("second line");
    await expect(conversation.messageBox).toHaveValue("First line\nsecond line");
    // Give a wrongly sent text time to show up before saying none did.
    await agentPage.waitForTimeout(500);
    await expect(conversation.messages).toHaveCount(0);

    await conversation.messageBox.press("Enter");
    await expect(conversation.messages).toHaveCount(1);
    await expect(conversation.messageBox).toHaveValue("");
    await expect(conversation.messageBox).toBeFocused();
    const sent = conversation.messages.first();
    // The line break is shown as one (white-space: pre-wrap), not as a space.
    const bubble = sent.getByText(/^First line\s+second line$/);
    await expect(bubble).toHaveCount(1);
    expect(await bubble.evaluate((p) => getComputedStyle(p).whiteSpace)).toBe("pre-wrap");
    const [firstTop, lastTop] = await bubble.evaluate((p) => {
      const text = p.firstChild!;
      const range = document.createRange();
      const topOf = (at: number) => {
        range.setStart(text, at);
        range.setEnd(text, at + 1);
        return range.getBoundingClientRect().top;
      };
      return [topOf(0), topOf(text.textContent!.length - 1)];
    });
    expect(lastTop, "the second line is rendered below the first").toBeGreaterThan(firstTop);
    // What was typed is what was sent: one line feed, not the CR LF a multipart form would make.
    const stored = await getMessage(agentPage, Number(await sent.getAttribute("data-message-id")));
    expect(JSON.stringify(stored.body)).toBe(JSON.stringify("First line\nsecond line"));
    await expect(conversation.badgeOf(sent)).toHaveAttribute("data-status", "delivered", LIVE);
  });

  test("a line break costs what the counter says: 158 + line break + 1 is one segment when sent", async ({ agentPage }) => {
    const conversation = await openNewConversation(agentPage);
    await conversation.messageBox.fill("a".repeat(158));
    await conversation.messageBox.press("End");
    await conversation.messageBox.press("Shift+Enter");
    await conversation.messageBox.pressSequentially("b");
    await expect(conversation.segmentCounter).toHaveText("160 / 160 · 1 segment · GSM-7");
    await conversation.messageBox.press("Enter");
    await expect(conversation.messages).toHaveCount(1);
    const stored = await getMessage(agentPage, Number(await conversation.messages.first().getAttribute("data-message-id")));
    expect.soft(stored.body.length, "the body sent is the 160 characters typed").toBe(160);
    expect((stored as unknown as { segments: number }).segments, "segments billed for the text").toBe(1);
  });

  test("the Send button sends too, and an empty box sends nothing", async ({ agentPage }) => {
    const conversation = await openNewConversation(agentPage);
    await conversation.messageBox.press("Enter");
    await agentPage.waitForTimeout(300);
    await expect(conversation.messages).toHaveCount(0);

    await conversation.messageBox.fill("Sent with the button");
    await conversation.sendButton.click();
    await expect(conversation.message("Sent with the button")).toHaveCount(1);
  });
});

test.describe("pictures (MMS)", () => {
  test("a PNG shows a preview and goes out as an MMS with the picture", async ({ agentPage }) => {
    const conversation = await openNewConversation(agentPage);
    const png = makePng(48, [16, 185, 129]);
    await conversation.attachInput.setInputFiles({ name: "receipt.png", mimeType: "image/png", buffer: png });

    const preview = conversation.composer.getByRole("img", { name: "Attachment: receipt.png" });
    await expect(preview).toBeVisible();
    expect(await preview.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(48);
    await expect(conversation.composer.getByRole("button", { name: "Remove attachment" })).toBeVisible();
    await conversation.messageBox.fill("Here is your receipt.");
    await settle(agentPage);
    await saveScreenshot(agentPage, "composer-with-attachment");

    await conversation.messageBox.press("Enter");
    const message = conversation.message("Here is your receipt.");
    await expect(message).toHaveCount(1);
    await expect(preview).toHaveCount(0); // the composer is cleared
    await expect(message.getByText("MMS", { exact: true })).toBeVisible();
    const picture = message.getByRole("img", { name: "Picture 1 sent" });
    await expect(picture).toBeVisible();
    // The stored picture really loads (the provider fetches the same public URL).
    await expect.poll(() => picture.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(48);
    const stored = await getMessage(agentPage, Number(await message.getAttribute("data-message-id")));
    expect(stored).toMatchObject({ channel: "mms" });
    await expect(conversation.badgeOf(message)).toHaveAttribute("data-status", "delivered", LIVE);
  });

  test("a picture can be removed again before sending", async ({ agentPage }) => {
    const conversation = await openNewConversation(agentPage);
    await conversation.attachInput.setInputFiles({ name: "oops.png", mimeType: "image/png", buffer: makePng() });
    await expect(conversation.composer.getByRole("img", { name: "Attachment: oops.png" })).toBeVisible();
    await conversation.composer.getByRole("button", { name: "Remove attachment" }).click();
    await expect(conversation.composer.getByRole("img")).toHaveCount(0);
    await conversation.typeAndSend("Just text after all");
    const message = conversation.message("Just text after all");
    await expect(message).toHaveCount(1);
    await expect(message.getByText("MMS", { exact: true })).toHaveCount(0);
  });

  test("a file that is not a picture is refused with a readable error", async ({ agentPage }) => {
    const conversation = await openNewConversation(agentPage);
    await conversation.attachInput.setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("not a picture\n") });
    await expect(conversation.composerError).toHaveText("Only JPEG, PNG and GIF pictures can be sent by MMS.");
    await expect(conversation.composer.getByRole("img")).toHaveCount(0);

    // Nothing is attached: a text sent now is plain SMS, and the error goes away.
    await conversation.typeAndSend("No attachment here");
    const message = conversation.message("No attachment here");
    await expect(message).toHaveCount(1);
    await expect(message.getByText("MMS", { exact: true })).toHaveCount(0);
    await expect(conversation.composerError).toHaveCount(0);
  });

  test("a non-picture renamed .png is refused by the server too", async ({ agentPage }) => {
    const conversation = await openNewConversation(agentPage);
    await conversation.attachInput.setInputFiles({ name: "fake.png", mimeType: "image/png", buffer: Buffer.from("this is text, not a PNG") });
    await conversation.typeAndSend("Fake picture");
    await expect(conversation.composerError).toHaveText("Only JPEG, PNG and GIF pictures can be sent by MMS.");
    await expect(conversation.messages).toHaveCount(0);
  });
});

test.describe("sender numbers", () => {
  test("sending from the unregistered Old branch line warns first, then sends on 'Send anyway'", async ({ agentPage }) => {
    const conversation = await openNewConversation(agentPage, "0150"); // no scenario: the sender decides
    await conversation.fromSelect.selectOption(OLD_BRANCH_LINE);
    await expect(conversation.fromSelect.locator("option:checked")).toHaveText(/Old branch line.*not registered/);
    await expect(conversation.composer).toContainText(/Old branch line .* is not registered for A2P 10DLC/);

    const body = `From the old line ${Date.now()}`;
    await conversation.typeAndSend(body);
    await expect(conversation.confirmBox).toBeVisible();
    await expect(conversation.confirmBox).toContainText("This text will probably not arrive");
    await expect(conversation.confirmBox).toContainText("30034");
    await expect(conversation.messages).toHaveCount(0);

    await conversation.sendAnywayButton.click();
    await expect(conversation.confirmBox).toBeHidden();
    const message = conversation.message(body);
    await expect(message).toHaveCount(1);
    const stored = await getMessage(agentPage, Number(await message.getAttribute("data-message-id")));
    expect(stored).toMatchObject({ from: OLD_BRANCH_LINE });
    await expect(conversation.badgeOf(message)).toHaveAttribute("data-status", "undelivered", LIVE);
    await expect(conversation.badgeOf(message)).toHaveText("Undelivered");
  });
});
