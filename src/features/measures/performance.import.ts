import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import type { ErrorDetail } from "../../server/errors.ts";
import { parseCell, parsePeriod } from "./measures.rules.ts";

export const PERFORMANCE_COLUMNS = [
  "measure_code",
  "county",
  "period",
  "numerator",
  "denominator",
  "value",
] as const;

export interface PerformanceRow {
  line: number;
  measureCode: string;
  county: string;
  periodEnd: string;
  periodLabel: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  masked: boolean;
}

type RawRow = Record<string, unknown>;

/** Reads a CSV or XLSX file into header-keyed rows with their line numbers (header = line 1). */
export async function readTable(
  content: Buffer,
  format: "csv" | "xlsx",
): Promise<{ rows: { line: number; cells: RawRow }[]; header: string[] }> {
  if (format === "csv") {
    const records: string[][] = parse(content.toString("utf8").replace(/^\uFEFF/, ""), {
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    });
    const [header = [], ...body] = records;
    const keys = header.map((h) => h.trim().toLowerCase());
    return {
      header: keys,
      rows: body.map((r, i) => ({
        line: i + 2,
        cells: Object.fromEntries(keys.map((k, c) => [k, r[c] ?? ""])),
      })),
    };
  }
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(content as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return { header: [], rows: [] };
  const header: string[] = [];
  sheet.getRow(1).eachCell((cell, col) => {
    header[col - 1] = String(cell.text ?? "")
      .trim()
      .toLowerCase();
  });
  const rows: { line: number; cells: RawRow }[] = [];
  sheet.eachRow((row, line) => {
    if (line === 1) return;
    const cells: RawRow = {};
    header.forEach((key, i) => {
      const cell = row.getCell(i + 1);
      cells[key] = typeof cell.value === "number" ? cell.value : String(cell.text ?? "").trim();
    });
    if (Object.values(cells).some((v) => v !== "")) rows.push({ line, cells });
  });
  return { header, rows };
}

/**
 * Every row checked; an empty error list means every row is good. Masked cells stay masked (no number
 * is ever derived from them), and a row whose value is masked is stored as masked.
 */
export function validatePerformanceRows(
  table: { header: string[]; rows: { line: number; cells: RawRow }[] },
  knownMeasures: Set<string>,
  allowedCounty: (county: string) => boolean,
): { rows: PerformanceRow[]; errors: ErrorDetail[] } {
  const errors: ErrorDetail[] = [];
  const missing = PERFORMANCE_COLUMNS.filter(
    (c) => c !== "numerator" && c !== "denominator" && !table.header.includes(c),
  );
  const unknown = table.header.filter((h) => h && !(PERFORMANCE_COLUMNS as readonly string[]).includes(h));
  for (const column of missing) errors.push({ field: `line 1: ${column}`, message: "column is missing" });
  for (const column of unknown) errors.push({ field: `line 1: ${column}`, message: "unknown column" });
  if (errors.length > 0) return { rows: [], errors };
  if (table.rows.length === 0)
    return { rows: [], errors: [{ field: "file", message: "the file has no rows" }] };

  const rows: PerformanceRow[] = [];
  const seen = new Set<string>();
  for (const { line, cells } of table.rows) {
    const fail = (column: string, message: string) =>
      errors.push({ field: `line ${line}: ${column}`, message });
    const code = String(cells.measure_code ?? "")
      .trim()
      .toUpperCase();
    const county = String(cells.county ?? "").trim();
    const period = parsePeriod(String(cells.period ?? ""));
    if (!code) fail("measure_code", "is required");
    else if (!knownMeasures.has(code)) fail("measure_code", `"${code}" is not a known measure`);
    if (!county) fail("county", "is required");
    else if (!allowedCounty(county)) fail("county", `you may not import data for ${county}`);
    if (!period) fail("period", 'must be like "2025-Q4", "2025-09-30" or "2024-10-01/2025-09-30"');
    const numbers = {
      numerator: parseCell(cells.numerator),
      denominator: parseCell(cells.denominator),
      value: parseCell(cells.value),
    };
    for (const [column, parsed] of Object.entries(numbers)) {
      if (parsed.kind === "invalid") fail(column, 'must be a number, or "masked" for a masked public value');
    }
    const masked = Object.values(numbers).some((n) => n.kind === "masked");
    if (!masked && numbers.value.kind === "empty") fail("value", "is required (or masked)");
    if (numbers.denominator.kind === "number" && numbers.denominator.value < 0)
      fail("denominator", "must not be negative");
    const key = `${county}|${code}|${period?.periodEnd}`;
    if (period && seen.has(key))
      fail("period", "the same county, measure and period appear twice in the file");
    seen.add(key);
    if (!code || !county || !period) continue;
    const num = (p: ReturnType<typeof parseCell>) => (p.kind === "number" && !masked ? p.value : null);
    rows.push({
      line,
      measureCode: code,
      county,
      periodEnd: period.periodEnd,
      periodLabel: period.label,
      numerator: num(numbers.numerator),
      denominator: num(numbers.denominator),
      value: num(numbers.value),
      masked,
    });
  }
  return { rows: errors.length > 0 ? [] : rows, errors };
}
