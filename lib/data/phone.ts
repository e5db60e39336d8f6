import { parsePhoneNumberFromString } from "libphonenumber-js/max";

// E.164 from what a person typed ("+1 415 555 0101", "(415) 555-0101"); US is assumed without a
// country code. Only the shape is checked: fictional 555 numbers are used in demos and tests.
export function toE164(input: string): string | null {
  const trimmed = input.trim();
  if (!trimmed || trimmed.length > 32 || !/^[+()\d\s.\-]+$/.test(trimmed)) return null;
  const parsed = parsePhoneNumberFromString(trimmed, "US");
  if (!parsed || !parsed.isPossible()) return null;
  return parsed.number;
}

const formatted = new Map<string, string>();

// Pages format the same few numbers many times; parsing one costs more than rendering it.
export function formatPhone(e164: string): string {
  let f = formatted.get(e164);
  if (f === undefined) {
    const parsed = parsePhoneNumberFromString(e164);
    f = !parsed ? e164 : parsed.country === "US" || parsed.country === "CA" ? parsed.formatNational() : parsed.formatInternational();
    if (formatted.size > 10_000) formatted.clear();
    formatted.set(e164, f);
  }
  return f;
}
