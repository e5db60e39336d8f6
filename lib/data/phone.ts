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

export function formatPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return parsed.country === "US" || parsed.country === "CA" ? parsed.formatNational() : parsed.formatInternational();
}
