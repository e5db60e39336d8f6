// Times as an agent reads them, in their own time zone (kept in the "tz" cookie by the browser),
// formatted on the server so that the server and the browser render the same text.
export const DEFAULT_TIME_ZONE = "UTC";

export function validTimeZone(tz: string | undefined | null): string {
  if (!tz || tz.length > 64) return DEFAULT_TIME_ZONE;
  try {
    formatter("en-US", {}, tz);
    return tz;
  } catch {
    return DEFAULT_TIME_ZONE;
  }
}

// Building an Intl.DateTimeFormat costs far more than using one: keep one per pattern and zone.
const formatters = new Map<string, Intl.DateTimeFormat>();
export function formatter(locale: string, options: Intl.DateTimeFormatOptions, tz: string): Intl.DateTimeFormat {
  const key = `${locale}|${tz}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone: tz });
    if (formatters.size > 500) formatters.clear();
    formatters.set(key, f);
  }
  return f;
}

const CLOCK: Intl.DateTimeFormatOptions = { hour: "numeric", minute: "2-digit" };
const CLOCK_SECONDS: Intl.DateTimeFormatOptions = { hour: "numeric", minute: "2-digit", second: "2-digit" };
const DAY_KEY: Intl.DateTimeFormatOptions = { year: "numeric", month: "2-digit", day: "2-digit" };
const LONG_DAY: Intl.DateTimeFormatOptions = { weekday: "long", month: "long", day: "numeric" };
const WEEKDAY: Intl.DateTimeFormatOptions = { weekday: "short" };
const MONTH_DAY: Intl.DateTimeFormatOptions = { month: "short", day: "numeric" };
const DATE_TIME: Intl.DateTimeFormatOptions = { month: "short", day: "numeric", hour: "numeric", minute: "2-digit" };

export function formatClock(iso: string, tz: string): string {
  return formatter("en-US", CLOCK, tz).format(new Date(iso));
}

export function formatClockSeconds(iso: string, tz: string): string {
  return formatter("en-US", CLOCK_SECONDS, tz).format(new Date(iso));
}

export function dayKey(iso: string, tz: string): string {
  return formatter("en-CA", DAY_KEY, tz).format(new Date(iso));
}

export function formatDay(iso: string, tz: string, now: Date = new Date()): string {
  const key = dayKey(iso, tz);
  if (key === dayKey(now.toISOString(), tz)) return "Today";
  if (key === dayKey(new Date(now.getTime() - 86_400_000).toISOString(), tz)) return "Yesterday";
  return formatter("en-US", LONG_DAY, tz).format(new Date(iso));
}

// "2m", "3h", "Mon", "Dec 2": short, for the inbox.
export function formatShortAgo(iso: string, tz: string, now: Date = new Date()): string {
  const diff = now.getTime() - new Date(iso).getTime();
  if (diff < 60_000) return "now";
  if (diff < 3_600_000) return `${Math.floor(diff / 60_000)}m`;
  if (diff < 86_400_000) return `${Math.floor(diff / 3_600_000)}h`;
  if (diff < 6 * 86_400_000) return formatter("en-US", WEEKDAY, tz).format(new Date(iso));
  return formatter("en-US", MONTH_DAY, tz).format(new Date(iso));
}

export function formatDateTime(iso: string, tz: string): string {
  return formatter("en-US", DATE_TIME, tz).format(new Date(iso));
}
