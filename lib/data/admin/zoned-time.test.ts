import { describe, expect, it } from "vitest";
import { addDays, startOfZonedDay, zonedDay, zonedMidnight, zoneOffset } from "./zoned-time";

describe("zoned time", () => {
  it("finds local midnight in a zone west of Greenwich, across a DST change", () => {
    // Los Angeles: UTC-8 in winter, UTC-7 in summer (DST began 2026-03-08).
    expect(new Date(zonedMidnight("2026-01-15", "America/Los_Angeles")!).toISOString()).toBe("2026-01-15T08:00:00.000Z");
    expect(new Date(zonedMidnight("2026-03-08", "America/Los_Angeles")!).toISOString()).toBe("2026-03-08T08:00:00.000Z");
    expect(new Date(zonedMidnight("2026-03-09", "America/Los_Angeles")!).toISOString()).toBe("2026-03-09T07:00:00.000Z");
  });

  it("finds local midnight east of Greenwich and in UTC", () => {
    expect(new Date(zonedMidnight("2026-06-01", "Asia/Kolkata")!).toISOString()).toBe("2026-05-31T18:30:00.000Z");
    expect(new Date(zonedMidnight("2026-06-01", "UTC")!).toISOString()).toBe("2026-06-01T00:00:00.000Z");
    expect(zonedMidnight("not a date", "UTC")).toBeNull();
  });

  it("names the local day of an instant and the start of that day", () => {
    const t = Date.parse("2026-01-15T05:00:00Z"); // 21:00 on the 14th in Los Angeles
    expect(zonedDay(t, "America/Los_Angeles")).toBe("2026-01-14");
    expect(new Date(startOfZonedDay(t, "America/Los_Angeles")).toISOString()).toBe("2026-01-14T08:00:00.000Z");
    expect(zoneOffset(t, "America/Los_Angeles")).toBe(-8 * 3_600_000);
  });

  it("adds calendar days across month and year ends", () => {
    expect(addDays("2026-01-31", 1)).toBe("2026-02-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });
});
