// Calendar arithmetic in the viewer's time zone, for date filters and chart buckets. Pure.
import { dayKey, formatter } from "@/lib/format";

const HOUR = 3_600_000;
const DAY = 86_400_000;

const WALL_CLOCK: Intl.DateTimeFormatOptions = {
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
};

function wallClock(t: number, tz: string): number {
  const parts = formatter("en-US", WALL_CLOCK, tz).formatToParts(new Date(t));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
}

/** The offset of `tz` from UTC at instant t, in ms (positive east of Greenwich). */
export function zoneOffset(t: number, tz: string): number {
  return wallClock(Math.floor(t / 1000) * 1000, tz) - Math.floor(t / 1000) * 1000;
}

/** The instant at which local midnight of calendar day `ymd` (YYYY-MM-DD) begins in `tz`. */
export function zonedMidnight(ymd: string, tz: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!m) return null;
  const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (Number.isNaN(utc)) return null;
  // Twice, so a DST change between the guess and the answer is accounted for.
  let t = utc - zoneOffset(utc, tz);
  t = utc - zoneOffset(t, tz);
  return t;
}

/** YYYY-MM-DD of instant t in `tz`. */
export function zonedDay(t: number, tz: string): string {
  return dayKey(new Date(t).toISOString(), tz);
}

export function addDays(ymd: string, days: number): string {
  const [y, m, d] = ymd.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Start of the local day containing t. */
export function startOfZonedDay(t: number, tz: string): number {
  return zonedMidnight(zonedDay(t, tz), tz) ?? Math.floor(t / DAY) * DAY;
}

export function startOfHour(t: number): number {
  return Math.floor(t / HOUR) * HOUR;
}

export { HOUR, DAY };
