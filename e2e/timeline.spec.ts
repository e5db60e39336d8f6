// The timeline in real Chromium: every simulator scenario reaching its badge live (never a
// reload), the badge detail (contents, keyboard use, resend), and inbound texts (markup shown as
// text, STOP / START and the opted-out banner).
import type { Locator, Page } from "@playwright/test";
import { errorInfo } from "../lib/errors/catalog";
import {
  AGENT,
  createConversation,
  conversationIdOf,
  expect,
  expectSamePage,
  getMessage,
  makePng,
  markPage,
  randomPhone,
  receiveText,
  saveScreenshot,
  sendText,
  settle,
  test,
} from "./fixtures";
import { ConversationPage } from "./pages/conversation-page";
import { InboxPage } from "./pages/inbox-page";
import { LoginPage } from "./pages/login-page";

// Callbacks take well under a second with SIMULATOR_DELAY_SCALE=0.3, and the page refreshes
// within about half a second of a change; this leaves room for a slow machine.
const LIVE = { timeout: 15_000 };

type Display = "sending" | "sent" | "delivered" | "failed" | "undelivered" | "unknown_error";

interface Scenario {
  tail: string;
  outcome: string;
  status: Display;
  label: string;
  code?: string;
  /** Our short title for the code, as the detail shows it after the code. */
  codeTitle?: string;
  /** The detail's history, oldest first. */
  history: string[];
  mms?: boolean;
  /** Waits after the final badge so that any late (or repeated) callback would have landed. */
  settleMs?: number;
}

const SCENARIOS: Scenario[] = [
  { tail: "0100", outcome: "Delivered", status: "delivered", label: "Delivered", history: ["Sending (queued)", "Sent", "Delivered"] },
  {
    tail: "0101",
    outcome: "Undelivered 30003",
    status: "undelivered",
    label: "Undelivered",
    code: "30003",
    codeTitle: "Phone unreachable",
    history: ["Sending (queued)", "Sent", "Undelivered (30003)"],
  },
  {
    tail: "0102",
    outcome: "Undelivered 30005",
    status: "undelivered",
    label: "Undelivered",
    code: "30005",
    codeTitle: "Number not in service",
    history: ["Sending (queued)", "Sent", "Undelivered (30005)"],
  },
  {
    tail: "0103",
    outcome: "Undelivered 30006",
    status: "undelivered",
    label: "Undelivered",
    code: "30006",
    codeTitle: "Landline",
    history: ["Sending (queued)", "Sent", "Undelivered (30006)"],
  },
  {
    tail: "0104",
    outcome: "Undelivered 30007",
    status: "undelivered",
    label: "Undelivered",
    code: "30007",
    codeTitle: "Filtered by the carrier",
    history: ["Sending (queued)", "Sent", "Undelivered (30007)"],
  },
  {
    tail: "0105",
    outcome: "Failed 30001",
    status: "failed",
    label: "Failed",
    code: "30001",
    codeTitle: "Sending queue was full",
    history: ["Sending (queued)", "Failed (30001)"],
  },
  {
    tail: "0106",
    outcome: "MMS Failed 30019",
    status: "failed",
    label: "Failed",
    code: "30019",
    codeTitle: "Attachment too large",
    history: ["Sending (queued)", "Failed (30019)"],
    mms: true,
  },
  { tail: "0106", outcome: "SMS Delivered", status: "delivered", label: "Delivered", history: ["Sending (queued)", "Sent", "Delivered"] },
  {
    tail: "0107",
    outcome: "Unknown Error 30008",
    status: "unknown_error",
    label: "Unknown Error",
    code: "30008",
    codeTitle: "Unknown error",
    history: ["Sending (queued)", "Sent", "Unknown Error (30008)"],
  },
  { tail: "0108", outcome: "Sent, nothing after", status: "sent", label: "Sent", history: ["Sending (queued)", "Sent"], settleMs: 1_000 },
  {
    tail: "0109",
    outcome: "Undelivered 30034",
    status: "undelivered",
    label: "Undelivered",
    code: "30034",
    codeTitle: "Sending number not registered",
    history: ["Sending (queued)", "Undelivered (30034)"],
  },
  {
    tail: "0110",
    outcome: "Delivered (delivered arrives before sent)",
    status: "delivered",
    label: "Delivered",
    history: ["Sending (queued)", "Delivered", "Sent"],
  },
  {
    tail: "0111",
    outcome: "Delivered (every callback three times; history shows each once)",
    status: "delivered",
    label: "Delivered",
    history: ["Sending (queued)", "Sent", "Delivered"],
    settleMs: 1_000,
  },
  {
    tail: "0112",
    outcome: "Failed 21610",
    status: "failed",
    label: "Failed",
    code: "21610",
    codeTitle: "Customer opted out",
    history: ["Sending (queued)", "Failed (21610)"],
  },
  { tail: "0199", outcome: "Sending, no callbacks", status: "sending", label: "Sending", history: ["Sending (accepted)"], settleMs: 1_000 },
];

/** Attaches a picture in the composer, types `body` and presses Enter. */
async function sendPictureFromComposer(conversation: ConversationPage, body: string): Promise<void> {
  await conversation.attachInput.setInputFiles({ name: "square.png", mimeType: "image/png", buffer: makePng() });
  await expect(conversation.composer.getByRole("img", { name: "Attachment: square.png" })).toBeVisible();
  await conversation.typeAndSend(body);
}

/** Waits until the server has stored `count` history entries, so the page's history is final. */
async function waitForHistory(page: Page, messageId: number, count: number): Promise<void> {
  await expect.poll(async () => (await getMessage(page, messageId)).history.length, LIVE).toBe(count);
}

async function expectDetail(conversation: ConversationPage, message: Locator, s: Scenario): Promise<void> {
  const detail = await conversation.openDetail(message);
  await expect(detail.getByRole("heading", { level: 2 }).first()).toHaveText(s.label);
  await expect(conversation.historyRowsOf(detail)).toHaveText(s.history.map((h) => new RegExp(`${escapeRegExp(h)}$`)));

  if (s.code) {
    const info = errorInfo(s.code);
    expect(info, `the catalog knows ${s.code}`).toBeDefined();
    await expect(detail.getByText(`${s.code} · ${s.codeTitle}`, { exact: true })).toBeVisible();
    await expect(detail.getByText(info!.cause, { exact: true })).toBeVisible();
    await expect(detail.getByText(`What you can do: ${info!.agentAction}`)).toBeVisible();
    await expect(detail.getByRole("link", { name: /Learn more about this error/ })).toHaveAttribute("href", `/guidance/errors/${s.code}`);
    if (info!.resendCanHelp) {
      await expect(detail.getByRole("button", { name: "Resend" })).toBeVisible();
    } else {
      await expect(detail.getByTestId("resend-blocked")).toContainText("Resending won't help");
      await expect(detail.getByRole("button", { name: "Resend" })).toHaveCount(0);
    }
  } else {
    await expect(detail.getByRole("link", { name: /Learn more/ })).toHaveCount(0);
    await expect(detail.getByRole("button", { name: "Resend" })).toHaveCount(0);
  }

  if (s.status === "unknown_error" || s.code === "30034") {
    // Plain words first: the sending number is likely not registered, with the way to fix it.
    await expect(detail).toContainText(/sending number is likely not registered/i);
    await expect(detail.getByRole("link", { name: /A2P 10DLC registration guide/ })).toHaveAttribute("href", "/guidance/a2p-10dlc");
  }
  if (s.status === "delivered") await expect(detail).toContainText("The carrier confirmed delivery");
  if (s.status === "sent") await expect(detail).toContainText("The carrier accepted this text");
  if (s.status === "sending") await expect(detail).toContainText("handing it to a carrier");

  await detail.getByRole("button", { name: "Close" }).click();
  await expect(detail).toBeHidden();
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

test.describe("what a new agent sees", () => {
  test("sign in, watch a text to 0101 become Undelivered live and read 30003, then follow a 30034 text to the A2P guidance", async ({ page }) => {
    // Sign in as the demo agent, as a person would.
    const login = new LoginPage(page);
    await login.goto();
    await login.signIn(AGENT.email, AGENT.password);
    const inbox = new InboxPage(page);
    await inbox.expectLoaded();

    const suffix = String(Date.now()).slice(-6);
    const unreachable = `Journey unreachable ${suffix}`;
    const unregistered = `Journey unregistered ${suffix}`;
    await createConversation(page, { tail: "0101", name: unreachable });
    await createConversation(page, { tail: "0109", name: unregistered });

    // Open the conversation from the inbox, type, press Enter.
    await inbox.goto();
    await inbox.open(unreachable);
    const conversation = new ConversationPage(page);
    await expect(conversation.contactHeading(unreachable)).toBeVisible();
    await settle(page);
    const marker = await markPage(page);

    const body = `Your order is ready for pickup (${suffix})`;
    await conversation.typeAndSend(body);
    await expect(conversation.messageBox).toHaveValue("");
    const message = conversation.message(body);
    await expect(message).toHaveCount(1);
    await expect(conversation.badgeOf(message)).toHaveAttribute("data-status", "undelivered", LIVE);
    await expect(conversation.badgeOf(message)).toHaveText("Undelivered");
    await expectSamePage(page, marker);

    // Open it and read 30003 explained, in plain words first.
    const detail = await conversation.openDetail(message);
    await expect(detail.getByRole("heading", { name: "Undelivered" })).toBeVisible();
    await expect(detail).toContainText("30003 · Phone unreachable");
    await expect(detail).toContainText("The customer's phone couldn't be reached");
    await expect(detail).toContainText("What you can do:");
    await expect(detail.getByRole("link", { name: /Learn more about this error/ })).toHaveAttribute("href", "/guidance/errors/30003");
    await saveScreenshot(page, "badge-detail-30003");
    await page.keyboard.press("Escape");
    await expect(detail).toBeHidden();

    // The 0109 conversation: from its detail, on to the A2P 10DLC guidance.
    await inbox.open(unregistered);
    await expect(conversation.contactHeading(unregistered)).toBeVisible();
    await settle(page);
    const marker2 = await markPage(page);
    const body2 = `Your appointment is tomorrow (${suffix})`;
    await conversation.typeAndSend(body2);
    const message2 = conversation.message(body2);
    await expect(conversation.badgeOf(message2)).toHaveAttribute("data-status", "undelivered", LIVE);
    await expectSamePage(page, marker2);

    const detail2 = await conversation.openDetail(message2);
    await expect(detail2).toContainText("30034 · Sending number not registered");
    await expect(detail2).toContainText(/likely not registered for A2P 10DLC/);
    await detail2.getByRole("link", { name: /A2P 10DLC registration guide/ }).click();
    await expect(page).toHaveURL(/\/guidance\/a2p-10dlc$/);
    await expect(page.getByRole("heading", { level: 1, name: "A2P 10DLC registration" })).toBeVisible();
    await settle(page);
  });
});

test.describe("each simulator scenario reaches its badge live", () => {
  for (const s of SCENARIOS) {
    test(`${s.tail}: ${s.outcome}`, async ({ agentPage }) => {
      const { id } = await createConversation(agentPage, { tail: s.tail });
      const conversation = new ConversationPage(agentPage);
      await conversation.goto(id);
      await settle(agentPage);
      const marker = await markPage(agentPage);

      const body = `Scenario ${s.tail} ${s.mms ? "MMS" : "SMS"} ${Date.now()}`;
      let message: Locator;
      let messageId: number;
      if (s.mms) {
        await sendPictureFromComposer(conversation, body);
        message = conversation.message(body);
        await expect(message).toHaveCount(1);
        messageId = Number(await message.getAttribute("data-message-id"));
        await expect(message.getByText("MMS", { exact: true })).toBeVisible();
      } else {
        // Through the API while the page is open: the text itself must appear live too.
        messageId = (await sendText(agentPage, id, body)).id;
        message = conversation.messageById(messageId);
      }

      const badge = conversation.badgeOf(message);
      await expect(badge).toHaveAttribute("data-status", s.status, LIVE);
      await waitForHistory(agentPage, messageId, s.history.length);
      if (s.settleMs) await agentPage.waitForTimeout(s.settleMs);
      await expect(badge).toHaveAttribute("data-status", s.status);
      await expect(badge).toHaveText(s.label);
      const stored = await getMessage(agentPage, messageId);
      expect(stored.displayStatus).toBe(s.status);
      expect(stored.errorCode).toBe(s.code ?? null);
      expect(stored.history).toHaveLength(s.history.length);

      await expectDetail(conversation, message, s);
      await expectSamePage(agentPage, marker);
    });
  }
});

test.describe("badge detail", () => {
  test("works from the keyboard: Tab to the badge, Enter opens, Escape closes and focus returns", async ({ agentPage }) => {
    const { id } = await createConversation(agentPage, { tail: "0101" });
    const conversation = new ConversationPage(agentPage);
    await conversation.goto(id);
    const body = `Keyboard check ${Date.now()}`;
    const { id: messageId } = await sendText(agentPage, id, body);
    const message = conversation.messageById(messageId);
    await expect(conversation.badgeOf(message)).toHaveAttribute("data-status", "undelivered", LIVE);
    await settle(agentPage);

    // Start from the text of the message (as a click there would), then Tab once.
    await message.getByText(body, { exact: true }).click();
    await agentPage.keyboard.press("Tab");
    const button = conversation.statusButtonOf(message);
    await expect(button).toBeFocused();
    await expect(button).toHaveAccessibleName(/Status: Undelivered, error 30003/);

    await agentPage.keyboard.press("Enter");
    const detail = conversation.detailOf(message);
    await expect(detail).toBeVisible();
    await expect(detail).toHaveAttribute("open", "");
    expect(await detail.evaluate((d) => d.contains(document.activeElement)), "focus moved into the detail").toBe(true);
    // The rest of the page is inert while the modal is open: Tab stays inside.
    await agentPage.keyboard.press("Tab");
    expect(await detail.evaluate((d) => d.contains(document.activeElement)), "focus stays inside the detail").toBe(true);

    await agentPage.keyboard.press("Escape");
    await expect(detail).toBeHidden();
    await expect(button).toBeFocused();
  });

  test("Resend is offered where it can help (0101) and makes a new text marked as a resend", async ({ agentPage }) => {
    const { id } = await createConversation(agentPage, { tail: "0101" });
    const conversation = new ConversationPage(agentPage);
    await conversation.goto(id);
    const body = `Resend me ${Date.now()}`;
    const { id: originalId } = await sendText(agentPage, id, body);
    const original = conversation.messageById(originalId);
    await expect(conversation.badgeOf(original)).toHaveAttribute("data-status", "undelivered", LIVE);
    await settle(agentPage);
    const marker = await markPage(agentPage);

    const detail = await conversation.openDetail(original);
    await detail.getByRole("button", { name: "Resend" }).click();
    await expect(detail).toBeHidden();

    const copies = conversation.message(body);
    await expect(copies).toHaveCount(2);
    const resend = copies.filter({ hasText: "Resend of an earlier text" });
    await expect(resend).toHaveCount(1);
    await expect(original).not.toContainText("Resend of an earlier text");
    const resendId = Number(await resend.getAttribute("data-message-id"));
    expect(resendId).toBeGreaterThan(originalId);
    expect((await getMessage(agentPage, resendId)) as unknown as { resendOfId: number }).toMatchObject({ resendOfId: originalId });
    // The new text goes through the same scenario, live.
    await expect(conversation.badgeOf(resend)).toHaveAttribute("data-status", "undelivered", LIVE);

    // The original now says it was resent, and offers no second resend.
    const again = await conversation.openDetail(original);
    await expect(again).toContainText("Resent as a new text.");
    await expect(again.getByRole("button", { name: "Resend" })).toHaveCount(0);
    await expectSamePage(agentPage, marker);
  });

  for (const { tail, code } of [
    { tail: "0112", code: "21610" },
    { tail: "0103", code: "30006" },
  ]) {
    test(`Resend is withheld where it cannot help (${tail}, ${code}) with the reason`, async ({ agentPage }) => {
      const { id } = await createConversation(agentPage, { tail });
      const conversation = new ConversationPage(agentPage);
      await conversation.goto(id);
      const { id: messageId } = await sendText(agentPage, id, `Blocked resend ${tail} ${Date.now()}`);
      const message = conversation.messageById(messageId);
      await expect(conversation.badgeOf(message)).toHaveAttribute("data-status", tail === "0112" ? "failed" : "undelivered", LIVE);

      const detail = await conversation.openDetail(message);
      await expect(detail).toContainText(code);
      await expect(detail.getByTestId("resend-blocked")).toHaveText(/Resending won.t help/);
      await expect(detail.getByRole("button", { name: /Resend/ })).toHaveCount(0);
    });
  }
});

test.describe("inbound texts", () => {
  test("an inbound text with HTML in it is shown as text and never runs", async ({ agentPage }) => {
    const phone = randomPhone("0100");
    const body = `<img src=x onerror="window.__xss=1"><b>bold</b>`;
    await receiveText(agentPage, { from: phone, body });
    const id = await conversationIdOf(agentPage, phone);

    // In the inbox preview first, then in the timeline.
    const inbox = new InboxPage(agentPage);
    await inbox.goto();
    await expect(inbox.conversations.getByText(body, { exact: true }).first()).toBeVisible();
    await expect(inbox.conversations.locator("b")).toHaveCount(0);

    const conversation = new ConversationPage(agentPage);
    await conversation.goto(id);
    const message = conversation.message(body);
    await expect(message).toHaveCount(1);
    await expect(message).toHaveAttribute("data-direction", "inbound");
    await expect(message.getByText(body, { exact: true })).toBeVisible();
    await expect(message.locator("b, img, script")).toHaveCount(0);
    await expect(conversation.badgeOf(message)).toHaveCount(0); // inbound texts carry no send badge
    await settle(agentPage);
    expect(await agentPage.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  });

  test("an inbound STOP shows the opted-out banner and a confirm box before sending; START clears it", async ({ agentPage }) => {
    const { id, phone } = await createConversation(agentPage, { tail: "0100" });
    const conversation = new ConversationPage(agentPage);
    await conversation.goto(id);
    await expect(conversation.reachabilityBanner).toHaveCount(0);
    await settle(agentPage);
    const marker = await markPage(agentPage);

    await receiveText(agentPage, { from: phone, body: "STOP" });
    await expect(conversation.message("STOP")).toHaveCount(1, LIVE);
    await expect(conversation.reachabilityBanner).toBeVisible(LIVE);
    await expect(conversation.reachabilityBanner).toHaveRole("status");
    await expect(conversation.reachabilityBanner).toContainText(/opted out/i);
    await expectSamePage(agentPage, marker);

    // Sending now asks first.
    const body = `Are you still there? ${Date.now()}`;
    await conversation.typeAndSend(body);
    await expect(conversation.confirmBox).toBeVisible();
    await expect(conversation.confirmBox).toContainText(/opted out/i);
    await expect(conversation.sendAnywayButton).toBeVisible();
    await conversation.confirmBox.getByRole("button", { name: "Cancel" }).click();
    await expect(conversation.confirmBox).toBeHidden();
    await expect(conversation.message(body)).toHaveCount(0);

    // START opts them back in: the banner goes, and the text sends without asking.
    await receiveText(agentPage, { from: phone, body: "START" });
    await expect(conversation.message("START")).toHaveCount(1, LIVE);
    await expect(conversation.reachabilityBanner).toHaveCount(0, LIVE);
    await conversation.messageBox.press("Enter");
    await expect(conversation.confirmBox).toHaveCount(0);
    await expect(conversation.message(body)).toHaveCount(1);
    await expect(conversation.badgeOf(conversation.message(body))).toHaveAttribute("data-status", "delivered", LIVE);
    await expectSamePage(agentPage, marker);
  });
});

test.describe("moving between conversations", () => {
  test("a conversation picked in the side inbox opens in place, without a reload", async ({ agentPage }) => {
    const stamp = Date.now();
    const first = await createConversation(agentPage, { tail: "0100", name: `Side A ${stamp}` });
    const second = await createConversation(agentPage, { tail: "0100", name: `Side B ${stamp}` });
    await sendText(agentPage, second.id, `Hello B ${stamp}`);
    const conversation = new ConversationPage(agentPage);
    await conversation.goto(first.id);
    await settle(agentPage);
    const marker = await markPage(agentPage);
    // The app fetches the next conversation in one piece: its skeletons never come into the page.
    await agentPage.evaluate(() => {
      const w = window as unknown as { __skeletons: number };
      w.__skeletons = 0;
      new MutationObserver((changes) => {
        for (const c of changes)
          for (const n of c.addedNodes)
            if (n instanceof Element && (n.matches("[data-testid$=-loading]") || n.querySelector("[data-testid$=-loading]"))) w.__skeletons++;
      }).observe(document.body, { childList: true, subtree: true });
    });

    const inbox = new InboxPage(agentPage);
    await inbox.open(`Side B ${stamp}`);
    await expect(conversation.contactHeading(`Side B ${stamp}`)).toBeVisible();
    await expect(conversation.message(`Hello B ${stamp}`)).toHaveCount(1);
    await expect(agentPage).toHaveURL(new RegExp(`/conversations/${second.id}$`));
    await expect(inbox.conversation(`Side B ${stamp}`)).toHaveAttribute("aria-current", "page");
    await expectSamePage(agentPage, marker);
    expect(await agentPage.evaluate(() => (window as unknown as { __skeletons: number }).__skeletons), "skeletons shown while switching").toBe(0);
  });

  test("a conversation loaded in the tab is painted complete, never with its skeletons", async ({ agentPage }) => {
    const stamp = Date.now();
    const c = await createConversation(agentPage, { tail: "0100", name: `Painted ${stamp}` });
    await sendText(agentPage, c.id, `Painted text ${stamp}`);
    // What each painted frame showed: the state after the frame's animation callbacks (React
    // reveals streamed parts in one), read in the task that follows them.
    await agentPage.addInitScript(() => {
      const w = window as unknown as { __painted: { skeleton: boolean; texts: boolean }[] };
      w.__painted = [];
      const shown = (selector: string) => [...document.querySelectorAll<HTMLElement>(selector)].some((e) => e.offsetParent !== null && !e.closest("[hidden]"));
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        w.__painted.push({ skeleton: shown("[data-testid$=-loading]"), texts: shown('[data-testid="message"]') });
        if (w.__painted.length < 30) requestAnimationFrame(() => channel.port2.postMessage(null));
      };
      requestAnimationFrame(() => channel.port2.postMessage(null));
    });
    const conversation = new ConversationPage(agentPage);
    await conversation.goto(c.id);
    await expect(conversation.message(`Painted text ${stamp}`)).toBeVisible();
    await agentPage.waitForFunction(() => (window as unknown as { __painted: unknown[] }).__painted.length >= 5);
    const painted = await agentPage.evaluate(() => (window as unknown as { __painted: { skeleton: boolean; texts: boolean }[] }).__painted);
    expect(painted[0], "the first painted frame").toEqual({ skeleton: false, texts: true });
    expect(painted.filter((f) => f.skeleton)).toEqual([]);
  });

  test("a live refresh after a direct load keeps an open status detail open", async ({ agentPage }) => {
    // The page loaded in the tab was streamed; the refresh comes as the app's own fetch, in one
    // piece. The two must give the same tree, or the refresh would rebuild the timeline.
    const stamp = Date.now();
    const c = await createConversation(agentPage, { tail: "0100", name: `Refresh ${stamp}` });
    const sent = await sendText(agentPage, c.id, `Before the refresh ${stamp}`);
    // Delivered before the page loads, so that the reply below brings the page's first refresh.
    await expect.poll(async () => (await getMessage(agentPage, sent.id)).displayStatus, LIVE).toBe("delivered");
    const conversation = new ConversationPage(agentPage);
    await conversation.goto(c.id);
    const message = conversation.message(`Before the refresh ${stamp}`);
    await expect(conversation.badgeOf(message)).toHaveAttribute("data-status", "delivered");
    await settle(agentPage);
    const marker = await markPage(agentPage);
    const detail = await conversation.openDetail(message);

    await receiveText(agentPage, { from: c.phone, body: `Reply while reading ${stamp}` });
    await expect(conversation.message(`Reply while reading ${stamp}`)).toHaveCount(1, LIVE);
    await expect(detail).toBeVisible();
    await expectSamePage(agentPage, marker);
  });

  test.describe("a conversation that does not exist", () => {
    test.use({ allowedConsoleErrors: [/status of 404 \(Not Found\)/] });

    test("answers 404 with a way back to the inbox", async ({ agentPage }) => {
      const response = await agentPage.goto("/conversations/987654321");
      expect(response?.status()).toBe(404);
      const notFound = agentPage.getByTestId("conversation-not-found");
      await expect(notFound).toBeVisible();
      await expect(notFound.getByRole("heading")).toHaveText("This conversation does not exist");
      await notFound.getByRole("link", { name: "Back to the inbox" }).click();
      await expect(agentPage).toHaveURL(/\/conversations$/);
      await expect(new InboxPage(agentPage).conversations).toBeVisible();
    });
  });
});
