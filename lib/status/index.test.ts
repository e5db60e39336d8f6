import { describe, expect, it } from "vitest";
import {
  DISPLAY_STATUSES,
  DISPLAY_STATUS_LABEL,
  OUTBOUND_DISPLAY_STATUSES,
  TWILIO_STATUSES,
  displayStatusOf,
  isFailure,
  isTerminal,
  isTwilioStatus,
  parseDisplayStatus,
  registrationBlockCode,
  rankOf,
  shouldApply,
  type DisplayStatus,
  type TwilioStatus,
} from "./index";

// Written from SPEC §2, independently of the implementation:
// Sending 1 < Sent 2 < Failed = Undelivered = Unknown Error 3 < Delivered 4 (read 5); inbound 0.
const SPEC_RANK: Record<TwilioStatus, number> = {
  queued: 1,
  accepted: 1,
  scheduled: 1,
  sending: 1,
  sent: 2,
  partially_delivered: 2,
  failed: 3,
  canceled: 3,
  undelivered: 3,
  delivered: 4,
  read: 5,
  receiving: 0,
  received: 0,
};

describe("Twilio statuses", () => {
  it("recognises exactly the thirteen Twilio values", () => {
    for (const s of TWILIO_STATUSES) expect(isTwilioStatus(s)).toBe(true);
    for (const s of ["", "Delivered", "cancelled", "unknown", "queued "]) expect(isTwilioStatus(s)).toBe(false);
    expect(TWILIO_STATUSES).toHaveLength(13);
  });
});

describe("displayStatusOf", () => {
  const withoutCode: Record<TwilioStatus, DisplayStatus> = {
    accepted: "sending",
    scheduled: "sending",
    queued: "sending",
    sending: "sending",
    sent: "sent",
    partially_delivered: "sent",
    delivered: "delivered",
    read: "delivered",
    failed: "failed",
    canceled: "failed",
    undelivered: "undelivered",
    receiving: "received",
    received: "received",
  };

  it.each(TWILIO_STATUSES)("maps %s with no error code", (status) => {
    expect(displayStatusOf(status, null)).toBe(withoutCode[status]);
    expect(displayStatusOf(status, undefined)).toBe(withoutCode[status]);
    expect(displayStatusOf(status, "")).toBe(withoutCode[status]);
  });

  it.each([
    ["failed", "30001", "failed"],
    ["failed", "21610", "failed"],
    ["canceled", "30001", "failed"],
    ["undelivered", "30003", "undelivered"],
    ["undelivered", "30034", "undelivered"],
    ["undelivered", " 30006 ", "undelivered"],
    ["failed", "30008", "unknown_error"],
    ["canceled", "30008", "unknown_error"],
    ["undelivered", "30008", "unknown_error"],
    ["failed", "99999", "unknown_error"],
    ["canceled", "99999", "unknown_error"],
    ["undelivered", "99999", "unknown_error"],
    ["undelivered", "30041", "unknown_error"],
  ] as const)("maps %s with code %j to %s", (status, code, expected) => {
    expect(displayStatusOf(status, code)).toBe(expected);
  });

  it("ignores error codes on statuses that are not failures", () => {
    expect(displayStatusOf("delivered", "30008")).toBe("delivered");
    expect(displayStatusOf("sent", "99999")).toBe("sent");
    expect(displayStatusOf("queued", "30003")).toBe("sending");
  });
});

describe("ranks", () => {
  it.each(TWILIO_STATUSES)("ranks %s as the SPEC says", (status) => {
    expect(rankOf(status)).toBe(SPEC_RANK[status]);
  });

  const pairs = TWILIO_STATUSES.flatMap((current) =>
    TWILIO_STATUSES.map((incoming) => [current, incoming, SPEC_RANK[incoming] >= SPEC_RANK[current]] as const),
  );

  it("checks all 169 ordered pairs", () => {
    expect(pairs).toHaveLength(169);
  });

  it.each(pairs)("current %s, incoming %s: applies = %s", (current, incoming, expected) => {
    expect(shouldApply(rankOf(current), rankOf(incoming))).toBe(expected);
  });

  it("never moves a status backwards", () => {
    const backwards: [TwilioStatus, TwilioStatus][] = [
      ["sent", "queued"],
      ["sent", "sending"],
      ["delivered", "sent"],
      ["delivered", "undelivered"],
      ["delivered", "failed"],
      ["read", "delivered"],
      ["undelivered", "sent"],
      ["failed", "sending"],
    ];
    for (const [current, incoming] of backwards) {
      expect(shouldApply(rankOf(current), rankOf(incoming)), `${current} <- ${incoming}`).toBe(false);
    }
  });

  it("lets the later of two equal terminal ranks win", () => {
    expect(shouldApply(rankOf("undelivered"), rankOf("failed"))).toBe(true);
    expect(shouldApply(rankOf("failed"), rankOf("undelivered"))).toBe(true);
    expect(shouldApply(rankOf("undelivered"), rankOf("undelivered"))).toBe(true);
    expect(shouldApply(rankOf("canceled"), rankOf("failed"))).toBe(true);
    expect(shouldApply(3, 3)).toBe(true);
  });

  // Replays callbacks through the rule, the way ingestion will.
  function replay(callbacks: [TwilioStatus, string | null][]): DisplayStatus {
    let [status, code] = callbacks[0];
    for (const [nextStatus, nextCode] of callbacks.slice(1)) {
      if (shouldApply(rankOf(status), rankOf(nextStatus))) [status, code] = [nextStatus, nextCode];
    }
    return displayStatusOf(status, code);
  }

  it("keeps delivered when sent arrives late", () => {
    expect(replay([["queued", null], ["delivered", null], ["sent", null]])).toBe("delivered");
  });

  it("shows the later code when two failures arrive", () => {
    expect(replay([["sent", null], ["undelivered", "30003"], ["undelivered", "30008"]])).toBe("unknown_error");
    expect(replay([["sent", null], ["undelivered", "30008"], ["undelivered", "30003"]])).toBe("undelivered");
  });

  it("lets delivered overrule an earlier failure, and read overrule delivered", () => {
    expect(replay([["sent", null], ["undelivered", "30003"], ["delivered", null]])).toBe("delivered");
    expect(replay([["delivered", null], ["read", null]])).toBe("delivered");
  });
});

describe("display statuses", () => {
  it("lists the outbound six without received", () => {
    expect(OUTBOUND_DISPLAY_STATUSES).toEqual(["sending", "sent", "delivered", "failed", "undelivered", "unknown_error"]);
  });

  it.each([
    ["sending", false, false],
    ["sent", false, false],
    ["delivered", true, false],
    ["failed", true, true],
    ["undelivered", true, true],
    ["unknown_error", true, true],
    ["received", false, false],
  ] as const)("%s: terminal %s, failure %s", (status, terminal, failure) => {
    expect(isTerminal(status)).toBe(terminal);
    expect(isFailure(status)).toBe(failure);
  });

  it("labels every status", () => {
    expect(DISPLAY_STATUS_LABEL).toEqual({
      sending: "Sending",
      sent: "Sent",
      delivered: "Delivered",
      failed: "Failed",
      undelivered: "Undelivered",
      unknown_error: "Unknown Error",
      received: "Received",
    });
  });

  it("parses exactly the display status values", () => {
    for (const s of DISPLAY_STATUSES) expect(parseDisplayStatus(s)).toBe(s);
    for (const s of ["", "Failed", "unknown-error", "queued", "read", " sent"]) {
      expect(parseDisplayStatus(s)).toBeUndefined();
    }
  });
});

describe("registrationBlockCode", () => {
  it("gives 30034 for an unregistered or rejected 10DLC number and 30032 for an unverified or rejected toll-free one", () => {
    expect(registrationBlockCode({ kind: "long_code", a2pState: "unregistered", tfvState: null })).toBe("30034");
    expect(registrationBlockCode({ kind: "long_code", a2pState: "failed", tfvState: null })).toBe("30034");
    expect(registrationBlockCode({ kind: "toll_free", a2pState: null, tfvState: "unverified" })).toBe("30032");
    expect(registrationBlockCode({ kind: "toll_free", a2pState: null, tfvState: "rejected" })).toBe("30032");
  });

  it("blocks nothing registered, pending or a short code", () => {
    for (const a2pState of ["registered", "pending", null]) expect(registrationBlockCode({ kind: "long_code", a2pState, tfvState: null })).toBeNull();
    for (const tfvState of ["verified", "pending", null]) expect(registrationBlockCode({ kind: "toll_free", a2pState: null, tfvState })).toBeNull();
    expect(registrationBlockCode({ kind: "short_code", a2pState: "unregistered", tfvState: "unverified" })).toBeNull();
  });
});
