/** Pure rules for outcome measures and county performance rows. */

export interface ParsedPeriod {
  periodEnd: string;
  label: string;
}

const QUARTER_END = ["03-31", "06-30", "09-30", "12-31"];

/**
 * Periods as published: "2025-Q4", "2025Q4", "Q4 2025", a period end "2025-09-30", or a range
 * "2024-10-01/2025-09-30". Returns null when the text is none of these.
 */
export function parsePeriod(raw: string): ParsedPeriod | null {
  const text = raw.trim();
  let m = /^(\d{4})\s*-?\s*Q([1-4])$/i.exec(text) ?? null;
  if (m) return { periodEnd: `${m[1]}-${QUARTER_END[Number(m[2]) - 1]}`, label: `${m[1]} Q${m[2]}` };
  m = /^Q([1-4])\s+(\d{4})$/i.exec(text);
  if (m) return { periodEnd: `${m[2]}-${QUARTER_END[Number(m[1]) - 1]}`, label: `${m[2]} Q${m[1]}` };
  m = /^(\d{4}-\d{2}-\d{2})\s*\/\s*(\d{4}-\d{2}-\d{2})$/.exec(text);
  if (m?.[1] && m[2] && isDate(m[1]) && isDate(m[2]) && m[1] <= m[2])
    return { periodEnd: m[2], label: `${m[1]} – ${m[2]}` };
  if (isDate(text)) return { periodEnd: text, label: text };
  return null;
}

function isDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export type ParsedNumber =
  | { kind: "number"; value: number }
  | { kind: "masked" }
  | { kind: "empty" }
  | { kind: "invalid" };

/** Cells that mean "masked" in public county data (values of 1–10 are not published). */
const MASKED = new Set(["masked", "*", "m", "1-10", "1–10", "<11", "suppressed"]);

export function parseCell(raw: unknown): ParsedNumber {
  if (raw === null || raw === undefined) return { kind: "empty" };
  if (typeof raw === "number")
    return Number.isFinite(raw) ? { kind: "number", value: raw } : { kind: "invalid" };
  const text = String(raw).trim();
  if (text === "") return { kind: "empty" };
  if (MASKED.has(text.toLowerCase())) return { kind: "masked" };
  const normalized = text.replace(/,/g, "").replace(/%$/, "");
  if (!/^-?\d+(\.\d+)?$/.test(normalized)) return { kind: "invalid" };
  return { kind: "number", value: Number(normalized) };
}

export type Direction = "lower" | "higher";

/**
 * Worse than national performance, by the measure's direction. Observed values are not
 * risk-standardized, so this is a flag for attention, not the federal pass/fail determination.
 */
export function worseThanNational(
  value: number | null,
  national: number | null,
  better: Direction | null,
): boolean | null {
  if (value === null || national === null || better === null) return null;
  return better === "lower" ? value > national : value < national;
}
