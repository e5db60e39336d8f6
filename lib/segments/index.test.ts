import { describe, expect, it } from "vitest";
import { countSegments } from "./index";

const a = (n: number) => "a".repeat(n);

describe("countSegments: worked examples of providers.md §5.3", () => {
  it.each([
    ["160 × a", a(160), "GSM-7", 160, 1],
    ["161 × a", a(161), "GSM-7", 161, 2],
    ["306 × a", a(306), "GSM-7", 306, 2],
    ["307 × a", a(307), "GSM-7", 307, 3],
    ["159 × a + €", a(159) + "€", "GSM-7", 161, 2],
    ["152 × a + { + 152 × a (escape pair not split)", a(152) + "{" + a(152), "GSM-7", 306, 3],
    ["70 × é", "é".repeat(70), "GSM-7", 70, 1],
    ["70 × ç", "ç".repeat(70), "UCS-2", 70, 1],
    ["71 × ç", "ç".repeat(71), "UCS-2", 71, 2],
    ["134 × ç", "ç".repeat(134), "UCS-2", 134, 2],
    ["135 × ç", "ç".repeat(135), "UCS-2", 135, 3],
    ["69 × a + 😀", a(69) + "😀", "UCS-2", 71, 2],
    ["66 × a + 😀 + 66 × a (surrogate pair not split)", a(66) + "😀" + a(66), "UCS-2", 134, 3],
    ["’ + 100 × a", "’" + a(100), "UCS-2", 101, 2],
  ] as const)("%s", (_name, text, encoding, units, segments) => {
    const info = countSegments(text);
    expect(info.encoding).toBe(encoding);
    expect(info.units).toBe(units);
    expect(info.segments).toBe(segments);
  });
});

describe("countSegments: GSM-7 character sets (§5.2)", () => {
  const basic =
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

  it("keeps all 127 basic characters in GSM-7 at one septet each", () => {
    expect(basic).toHaveLength(127);
    for (const ch of basic) {
      const info = countSegments(ch);
      expect(info.encoding, JSON.stringify(ch)).toBe("GSM-7");
      expect(info.units, JSON.stringify(ch)).toBe(1);
    }
  });

  it.each(["^", "{", "}", "\\", "[", "~", "]", "|", "€", "\f"])("costs two septets for extension %j", (ch) => {
    const info = countSegments(ch);
    expect(info.encoding).toBe("GSM-7");
    expect(info.units).toBe(2);
    expect(info.characters).toBe(1);
    expect(countSegments(a(158) + ch)).toMatchObject({ units: 160, segments: 1 });
    expect(countSegments(a(159) + ch)).toMatchObject({ units: 161, segments: 2 });
  });

  it.each([
    ["ç", "ç"],
    ["á", "á"],
    ["í", "í"],
    ["ó", "ó"],
    ["ú", "ú"],
    ["â", "â"],
    ["ê", "ê"],
    ["left single quote", "‘"],
    ["right single quote", "’"],
    ["left double quote", "“"],
    ["right double quote", "”"],
    ["en dash", "–"],
    ["em dash", "—"],
    ["ellipsis", "…"],
    ["non-breaking space", "\u00a0"],
    ["tab", "\t"],
    ["backtick", "`"],
    ["emoji", "😀"],
  ])("switches the whole message to UCS-2 for %s", (_name, ch) => {
    const info = countSegments("Hello " + ch);
    expect(info.encoding).toBe("UCS-2");
    expect(info.units).toBe(6 + ch.length);
  });

  it("keeps uppercase Ç in GSM-7 but not lowercase ç", () => {
    expect(countSegments("Ç").encoding).toBe("GSM-7");
    expect(countSegments("ç").encoding).toBe("UCS-2");
  });

  it("counts extension characters as one UTF-16 unit once the message is UCS-2", () => {
    expect(countSegments("€{ç")).toMatchObject({ encoding: "UCS-2", units: 3 });
  });
});

describe("countSegments: capacity and remaining units", () => {
  it("returns zero segments for empty text", () => {
    expect(countSegments("")).toEqual({
      encoding: "GSM-7",
      units: 0,
      segments: 0,
      perSegment: 160,
      remainingInSegment: 160,
      characters: 0,
    });
  });

  it("reports 160 per segment and what is left for a single GSM-7 segment", () => {
    expect(countSegments(a(42))).toEqual({
      encoding: "GSM-7",
      units: 42,
      segments: 1,
      perSegment: 160,
      remainingInSegment: 118,
      characters: 42,
    });
    expect(countSegments(a(160)).remainingInSegment).toBe(0);
  });

  it("reports 153 per segment once a GSM-7 message is split", () => {
    expect(countSegments(a(161))).toMatchObject({ perSegment: 153, segments: 2, remainingInSegment: 145 });
    expect(countSegments(a(306))).toMatchObject({ perSegment: 153, segments: 2, remainingInSegment: 0 });
  });

  it("leaves a septet unused when an escape pair moves to the next segment", () => {
    // 152 a fill segment one to 152/153; "{" (2 septets) moves wholesale to segment two.
    expect(countSegments(a(152) + "{" + a(10))).toMatchObject({ segments: 2, remainingInSegment: 153 - 12 });
  });

  it("reports 70 and 67 for UCS-2", () => {
    expect(countSegments("ç".repeat(10))).toMatchObject({ perSegment: 70, remainingInSegment: 60, segments: 1 });
    expect(countSegments("ç".repeat(71))).toMatchObject({ perSegment: 67, remainingInSegment: 63, segments: 2 });
  });

  it("counts an emoji as two units but one character", () => {
    expect(countSegments("😀")).toMatchObject({ encoding: "UCS-2", units: 2, characters: 1, segments: 1 });
    expect(countSegments(a(68) + "😀")).toMatchObject({ units: 70, segments: 1 });
  });

  it("moves a multi-code-point emoji to the next segment whole, as Twilio's calculator does", () => {
    const thumbsUpMediumSkin = "👍🏽"; // 4 UTF-16 units, one grapheme
    expect(countSegments(thumbsUpMediumSkin)).toMatchObject({ units: 4, characters: 1 });
    expect(countSegments(a(65) + thumbsUpMediumSkin + a(65))).toMatchObject({ units: 134, segments: 3 });
  });

  it("counts CR LF as two GSM-7 characters", () => {
    expect(countSegments("Hi\r\nthere")).toMatchObject({ encoding: "GSM-7", units: 9, characters: 9 });
  });

  it("handles Twilio's 1,600-character maximum", () => {
    expect(countSegments(a(1600))).toMatchObject({ segments: 11, remainingInSegment: 153 * 11 - 1600 });
  });
});
