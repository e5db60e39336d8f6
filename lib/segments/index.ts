// SMS segment counter following Twilio's calculator (shared/reference/providers.md §5):
// one SMS carries 1120 bits; once a message needs several, each carries 1072 (a 48-bit header),
// and a character (an escape pair, a surrogate pair, a whole grapheme) is never split.

export interface SegmentInfo {
  encoding: "GSM-7" | "UCS-2";
  /** Septets for GSM-7, UTF-16 code units for UCS-2. */
  units: number;
  segments: number;
  /** 160 / 70 for a single segment, 153 / 67 once the message is split. */
  perSegment: number;
  /** Units still free in the last segment before another segment is needed. */
  remainingInSegment: number;
  /** Characters as a reader sees them (graphemes; CR and LF count separately). */
  characters: number;
}

const GSM7_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅå" +
  "Δ_ΦΓΛΩΠΨΣΘΞÆæßÉ" +
  " !\"#¤%&'()*+,-./" +
  "0123456789:;<=>?" +
  "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§" +
  "¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM7_EXTENSION = "^{}\\[~]|€\f";

const GSM7_BASIC_SET: ReadonlySet<string> = new Set(GSM7_BASIC);
const GSM7_EXTENSION_SET: ReadonlySet<string> = new Set(GSM7_EXTENSION);

const SEGMENT_BITS = 1120;
const HEADER_BITS = 48;
const GSM7_UNIT_BITS = 7;
const UCS2_UNIT_BITS = 16;

/** Septets one UTF-16 code unit costs in GSM-7, or undefined when it is not in GSM-7. */
function gsm7Septets(codeUnit: string): number | undefined {
  if (GSM7_BASIC_SET.has(codeUnit)) return 1;
  if (GSM7_EXTENSION_SET.has(codeUnit)) return 2;
  return undefined;
}

function splitGraphemes(text: string): string[] {
  const graphemes =
    typeof Intl.Segmenter === "function"
      ? Array.from(new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(text), (s) => s.segment)
      : Array.from(text);
  // Twilio's calculator counts CR LF as two characters.
  return graphemes.flatMap((g) => (g === "\r\n" ? ["\r", "\n"] : [g]));
}

/** Greedy packing of whole characters into segments of `capacity` units. */
function packSegments(costs: readonly number[], capacity: number): { segments: number; lastUsed: number } {
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > capacity) {
      segments += 1;
      used = 0;
    }
    used += cost;
  }
  return { segments, lastUsed: used };
}

export function countSegments(text: string): SegmentInfo {
  const graphemes = splitGraphemes(text);
  const gsmCosts: number[] = [];
  let isGsm7 = true;
  for (const g of graphemes) {
    const cost = g.length === 1 ? gsm7Septets(g) : undefined;
    if (cost === undefined) {
      isGsm7 = false;
      break;
    }
    gsmCosts.push(cost);
  }

  const encoding = isGsm7 ? "GSM-7" : "UCS-2";
  const costs = isGsm7 ? gsmCosts : graphemes.map((g) => g.length);
  const unitBits = isGsm7 ? GSM7_UNIT_BITS : UCS2_UNIT_BITS;
  const single = Math.floor(SEGMENT_BITS / unitBits);
  const multi = Math.floor((SEGMENT_BITS - HEADER_BITS) / unitBits);
  const units = costs.reduce((sum, c) => sum + c, 0);
  const characters = graphemes.length;

  if (units === 0) {
    return { encoding, units, segments: 0, perSegment: single, remainingInSegment: single, characters };
  }
  if (units <= single) {
    return { encoding, units, segments: 1, perSegment: single, remainingInSegment: single - units, characters };
  }
  const { segments, lastUsed } = packSegments(costs, multi);
  return { encoding, units, segments, perSegment: multi, remainingInSegment: multi - lastUsed, characters };
}
