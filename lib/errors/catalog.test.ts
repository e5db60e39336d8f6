import { describe, expect, it } from "vitest";
import {
  ERROR_CATALOG,
  UNKNOWN_ERROR_INFO,
  errorGuidanceHref,
  errorInfo,
  isKnownErrorCode,
  normalizeErrorCode,
  topicGuidanceHref,
  type ErrorInfo,
} from "./catalog";

const REQUIRED_CODES = [
  "30001", "30002", "30003", "30004", "30005", "30006", "30007", "30008", "30009", "30010",
  "30011", "30017", "30019", "30022", "30023", "30024", "30027", "30032", "30033", "30034",
  "30035", "30036", "30500", "21211", "21408", "21610", "21611", "21612", "21614",
];

// From providers.md §3 "Retry?": "no", "no (config)" and "no (fix first)" mean resending as-is can't help.
const PERMANENT_CODES = [
  "21211", "21408", "21610", "21612", "21614", "30002", "30004", "30005", "30006", "30007",
  "30011", "30019", "30032", "30033", "30034",
];
const RESENDABLE_CODES = [
  "21611", "30001", "30003", "30008", "30017", "30022", "30023", "30024", "30027", "30035",
  "30036", "30500",
];

const A2P_CODES = ["30007", "30008", "30022", "30023", "30024", "30027", "30033", "30034", "30035"];

function mustGet(code: string): ErrorInfo {
  const info = errorInfo(code);
  if (!info) throw new Error(`missing catalog entry ${code}`);
  return info;
}

describe("error catalog data", () => {
  it.each(REQUIRED_CODES)("covers %s", (code) => {
    expect(isKnownErrorCode(code)).toBe(true);
    expect(mustGet(code).code).toBe(code);
  });

  it("has each code once", () => {
    const codes = ERROR_CATALOG.map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("fills every text field with a sentence or a title, never a bare code", () => {
    for (const e of [...ERROR_CATALOG, { ...UNKNOWN_ERROR_INFO, code: "unknown" }]) {
      for (const text of [e.title, e.twilioTitle, e.cause, e.agentAction, e.adminAction]) {
        expect(text.trim().length, `${e.code}`).toBeGreaterThan(0);
        expect(text, `${e.code}`).not.toMatch(/\b\d{5}\b/);
        expect(text, `${e.code}`).not.toMatch(/^error\b/i);
      }
      for (const sentence of [e.cause, e.agentAction, e.adminAction]) {
        expect(sentence, `${e.code}`).toMatch(/^[A-Z].*\.$/);
      }
      expect(e.title.length, `${e.code} title is short`).toBeLessThanOrEqual(40);
    }
  });

  it.each(PERMANENT_CODES)("%s: resending as-is cannot help", (code) => {
    expect(mustGet(code).resendCanHelp).toBe(false);
  });

  it.each(RESENDABLE_CODES)("%s: resending can help", (code) => {
    expect(mustGet(code).resendCanHelp).toBe(true);
  });

  it("links A2P 10DLC codes to the registration guidance, 30032 to toll-free, the rest nowhere", () => {
    for (const e of ERROR_CATALOG) {
      const expected = A2P_CODES.includes(e.code) ? "a2p-10dlc" : e.code === "30032" ? "toll-free" : null;
      expect(e.guidance, e.code).toBe(expected);
    }
  });

  it("flags the contact problems", () => {
    const expected: Record<string, string> = {
      "21610": "opted_out",
      "30006": "landline",
      "30005": "unknown_handset",
      "21614": "invalid_number",
      "21211": "invalid_number",
    };
    for (const e of ERROR_CATALOG) {
      expect(e.contactProblem, e.code).toBe(expected[e.code] ?? null);
    }
  });

  it("says the sender is likely unregistered (30034) or unverified (30032)", () => {
    expect(mustGet("30034").cause).toMatch(/likely not registered/);
    expect(mustGet("30034").cause).toMatch(/A2P 10DLC/);
    expect(mustGet("30032").cause).toMatch(/likely not verified/);
    expect(mustGet("30032").cause).toMatch(/toll-free/);
  });

  it("uses plain words for the landline case", () => {
    expect(mustGet("30006").cause).toBe("This number can't receive texts: it is a landline.");
  });

  it("keeps Twilio's own titles", () => {
    expect(mustGet("30008").twilioTitle).toBe("Unknown error");
    expect(mustGet("30003").twilioTitle).toBe("Unreachable destination handset");
    expect(mustGet("30007").twilioTitle).toBe("Message filtered");
    expect(mustGet("21211").twilioTitle).toBe("Invalid 'To' Phone Number");
  });

  it("describes 30008 as an unknown error pointing at A2P 10DLC registration", () => {
    const info = mustGet("30008");
    expect(info.title).toBe("Unknown error");
    expect(info.guidance).toBe("a2p-10dlc");
    expect(info.resendCanHelp).toBe(true);
    expect(info.cause).toMatch(/A2P 10DLC/);
  });

  it("cannot be changed by a caller", () => {
    expect(Object.isFrozen(ERROR_CATALOG)).toBe(true);
    expect(Object.isFrozen(mustGet("30003"))).toBe(true);
    expect(Object.isFrozen(UNKNOWN_ERROR_INFO)).toBe(true);
  });
});

describe("UNKNOWN_ERROR_INFO", () => {
  it("blames the most common real cause and links the registration guidance", () => {
    expect(UNKNOWN_ERROR_INFO.guidance).toBe("a2p-10dlc");
    expect(UNKNOWN_ERROR_INFO.resendCanHelp).toBe(true);
    expect(UNKNOWN_ERROR_INFO.cause).toMatch(/A2P 10DLC/);
    expect(UNKNOWN_ERROR_INFO.agentAction).toMatch(/once/i);
    expect(UNKNOWN_ERROR_INFO.contactProblem).toBeNull();
  });
});

describe("lookups", () => {
  it("finds codes, ignoring surrounding spaces", () => {
    expect(errorInfo("30003")?.title).toBe("Phone unreachable");
    expect(errorInfo(" 30003 ")?.code).toBe("30003");
  });

  it.each([null, undefined, "", "   ", "99999", "30041", "3000", "abc"])("does not know %j", (code) => {
    expect(errorInfo(code)).toBeUndefined();
    expect(isKnownErrorCode(code)).toBe(false);
  });

  it("normalizes codes", () => {
    expect(normalizeErrorCode(" 30008 ")).toBe("30008");
    expect(normalizeErrorCode("")).toBeNull();
    expect(normalizeErrorCode(null)).toBeNull();
    expect(normalizeErrorCode(undefined)).toBeNull();
  });

  it("builds guidance links", () => {
    expect(errorGuidanceHref("30003")).toBe("/guidance/errors/30003");
    expect(errorGuidanceHref("a/b")).toBe("/guidance/errors/a%2Fb");
    expect(topicGuidanceHref("a2p-10dlc")).toBe("/guidance/a2p-10dlc");
    expect(topicGuidanceHref("toll-free")).toBe("/guidance/toll-free");
  });
});
