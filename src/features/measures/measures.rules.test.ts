import { describe, expect, it } from "vitest";
import { parseCell, parsePeriod, worseThanNational } from "./measures.rules.ts";

describe("measure rules", () => {
  it("reads the period forms counties publish", () => {
    expect(parsePeriod("2025-Q4")).toEqual({ periodEnd: "2025-12-31", label: "2025 Q4" });
    expect(parsePeriod("2025Q1")?.periodEnd).toBe("2025-03-31");
    expect(parsePeriod("Q3 2024")?.periodEnd).toBe("2024-09-30");
    expect(parsePeriod("2024-10-01/2025-09-30")).toEqual({
      periodEnd: "2025-09-30",
      label: "2024-10-01 – 2025-09-30",
    });
    expect(parsePeriod("2025-06-30")?.periodEnd).toBe("2025-06-30");
    expect(parsePeriod("last year")).toBeNull();
    expect(parsePeriod("2025-02-30")).toBeNull();
    expect(parsePeriod("2025-09-30/2024-10-01")).toBeNull();
  });

  it("keeps masked cells masked and rejects text that is not a number", () => {
    expect(parseCell("masked")).toEqual({ kind: "masked" });
    expect(parseCell("1-10")).toEqual({ kind: "masked" });
    expect(parseCell("*")).toEqual({ kind: "masked" });
    expect(parseCell("12.5%")).toEqual({ kind: "number", value: 12.5 });
    expect(parseCell("1,204")).toEqual({ kind: "number", value: 1204 });
    expect(parseCell(7)).toEqual({ kind: "number", value: 7 });
    expect(parseCell("")).toEqual({ kind: "empty" });
    expect(parseCell("about 5")).toEqual({ kind: "invalid" });
  });

  it("compares with national performance by the measure's direction", () => {
    expect(worseThanNational(10.2, 9.7, "lower")).toBe(true);
    expect(worseThanNational(8, 9.7, "lower")).toBe(false);
    expect(worseThanNational(30, 35.2, "higher")).toBe(true);
    expect(worseThanNational(null, 35.2, "higher")).toBeNull();
  });
});
