import {
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./accounts.ts";
import { organizations } from "./organizations.ts";

export const MEASURE_KINDS = ["federal", "state", "systemic_factor"] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

/**
 * Outcome measures and systemic factors, versioned: a new review round adds rows with a new
 * reference version and effective date instead of changing history.
 */
export const measures = pgTable(
  "measures",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    kind: text("kind").$type<MeasureKind>().notNull(),
    unit: text("unit"),
    /** Which way is better; null for measures without a direction (systemic factors). */
    better: text("better").$type<"lower" | "higher">(),
    nationalPerformance: doublePrecision("national_performance"),
    safety: boolean("safety").notNull().default(false),
    referenceVersion: text("reference_version").notNull(),
    effectiveFrom: date("effective_from").notNull(),
    effectiveTo: date("effective_to"),
    /** Optimistic concurrency: a correction names the version it was made on (409 when stale). */
    version: integer("version").notNull().default(1),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [uniqueIndex("measures_code_version_key").on(t.code, t.referenceVersion)],
);

/** A county's observed performance on a measure for a period, as published (masked values stay masked). */
export const countyPerformance = pgTable(
  "county_performance",
  {
    county: text("county").notNull(),
    measureCode: text("measure_code").notNull(),
    periodEnd: date("period_end").notNull(),
    periodLabel: text("period_label").notNull(),
    numerator: doublePrecision("numerator"),
    denominator: doublePrecision("denominator"),
    value: doublePrecision("value"),
    /** Public values of 1–10 (and what is computed from them) are masked: no number is stored or shown. */
    masked: boolean("masked").notNull().default(false),
    importId: uuid("import_id").notNull(),
    importedAt: timestamp("imported_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.county, t.measureCode, t.periodEnd] }),
    index("county_performance_code_idx").on(t.measureCode),
  ],
);

export const performanceImports = pgTable("performance_imports", {
  id: uuid("id").primaryKey().defaultRandom(),
  organizationId: uuid("organization_id")
    .notNull()
    .references(() => organizations.id),
  fileName: text("file_name").notNull(),
  rows: integer("rows").notNull(),
  importedBy: uuid("imported_by").references(() => users.id, { onDelete: "set null" }),
  importedAt: timestamp("imported_at", { withTimezone: true }).notNull().defaultNow(),
});

/** The county's own judgment from its self-assessment, which overrides the computed flag. */
export const needsImprovementOverrides = pgTable(
  "needs_improvement_overrides",
  {
    county: text("county").notNull(),
    measureCode: text("measure_code").notNull(),
    needsImprovement: boolean("needs_improvement").notNull(),
    reason: text("reason").notNull(),
    setBy: uuid("set_by").references(() => users.id, { onDelete: "set null" }),
    setAt: timestamp("set_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.county, t.measureCode] })],
);
