import { describe, expect, it } from "vitest";
import { todayIn } from "./config.ts";
import { dateTimeFormat } from "./intl.ts";

describe("cached date formats", () => {
  it("builds one formatter per locale and options, and formats like a fresh one", () => {
    const options: Intl.DateTimeFormatOptions = { dateStyle: "long", timeZone: "UTC" };
    const first = dateTimeFormat("es", options);
    expect(dateTimeFormat("es", { ...options })).toBe(first);
    expect(dateTimeFormat("en-US", options)).not.toBe(first);
    expect(dateTimeFormat("es", { ...options, timeZone: "America/Los_Angeles" })).not.toBe(first);
    const day = new Date("2026-03-04T12:00:00Z");
    expect(first.format(day)).toBe(new Intl.DateTimeFormat("es", options).format(day));
  });

  it("today in a time zone is that zone's date, not the server's", () => {
    const lateEvening = new Date("2026-12-07T06:30:00Z"); // 22:30 on the 6th in California
    expect(todayIn("America/Los_Angeles", lateEvening)).toBe("2026-12-06");
    expect(todayIn("UTC", lateEvening)).toBe("2026-12-07");
  });
});
