import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import type { DbOrTx } from "../../db/client.ts";
import { type MeasureKind, measures } from "../../db/schema/index.ts";

const FOLDER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "reference");

/** The reference sets shipped with Trellis (sources and caveats in reference/SOURCES.md). */
export const REFERENCE_VERSIONS = {
  federal: { version: "CFSR Round 4 (workbook of March 2026)", effectiveFrom: "2026-03-01" },
  state: { version: "C-CFSR state measures (CCWIP labels)", effectiveFrom: "2026-03-01" },
  systemic_factor: { version: "CFSR Round 4 systemic factors", effectiveFrom: "2026-03-01" },
} as const;

function rows(file: string): Record<string, string>[] {
  return parse(readFileSync(path.join(FOLDER, file), "utf8"), {
    columns: true,
    skip_empty_lines: true,
    trim: true,
  });
}

export interface ReferenceMeasure {
  code: string;
  name: string;
  kind: MeasureKind;
  unit: string | null;
  better: "lower" | "higher" | null;
  nationalPerformance: number | null;
  safety: boolean;
  referenceVersion: string;
  effectiveFrom: string;
}

export function referenceMeasures(): ReferenceMeasure[] {
  const federal = rows("cfsr-round4-national-performance.csv").map((r) => ({
    code: r.code ?? "",
    name: r.name ?? "",
    kind: "federal" as const,
    unit: r.unit || null,
    better: (r.better === "lower" || r.better === "higher" ? r.better : null) as "lower" | "higher" | null,
    nationalPerformance: r.national_performance ? Number(r.national_performance) : null,
    safety: r.safety === "yes",
    referenceVersion: REFERENCE_VERSIONS.federal.version,
    effectiveFrom: REFERENCE_VERSIONS.federal.effectiveFrom,
  }));
  const state = rows("c-cfsr-state-measures.csv").map((r) => ({
    code: r.code ?? "",
    name: r.name ?? "",
    kind: "state" as const,
    unit: null,
    better: null,
    nationalPerformance: null,
    safety: r.safety === "yes",
    referenceVersion: REFERENCE_VERSIONS.state.version,
    effectiveFrom: REFERENCE_VERSIONS.state.effectiveFrom,
  }));
  // One name per line; names contain unquoted commas, so this file is read as lines, not as CSV.
  const factorNames = readFileSync(path.join(FOLDER, "systemic-factors.csv"), "utf8")
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.trim())
    .filter(Boolean);
  const factors = factorNames.map((name, i) => ({
    code: `SF${i + 1}`,
    name,
    kind: "systemic_factor" as const,
    unit: null,
    better: null,
    nationalPerformance: null,
    safety: false,
    referenceVersion: REFERENCE_VERSIONS.systemic_factor.version,
    effectiveFrom: REFERENCE_VERSIONS.systemic_factor.effectiveFrom,
  }));
  return [...federal, ...state, ...factors];
}

/** Adds shipped reference rows that are missing; never overwrites what a state administrator edited. */
export async function syncReferenceMeasures(db: DbOrTx): Promise<void> {
  await db.insert(measures).values(referenceMeasures()).onConflictDoNothing();
}
