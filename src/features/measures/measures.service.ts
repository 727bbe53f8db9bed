import { and, asc, desc, eq, isNull, lte, or, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client.ts";
import {
  countyPerformance,
  measures,
  needsImprovementOverrides,
  organizations,
  performanceImports,
  planItems,
  plans,
} from "../../db/schema/index.ts";
import { type Actor, authorize } from "../../server/authorization.ts";
import { AppError, notFound } from "../../server/errors.ts";
import { type AuditContext, recordAudit } from "../audit/audit.service.ts";
import { staleVersion } from "../plans/plans.service.ts";
import { worseThanNational } from "./measures.rules.ts";
import { readTable, validatePerformanceRows } from "./performance.import.ts";

export const OBSERVED_VALUES_CAVEAT =
  "Observed values are not risk-standardized. The federal review compares a state's risk-standardized performance interval with national performance; an observed county value above or below the national figure is a signal for the self-assessment, not a pass/fail result.";

/** Measures in effect on a date: the newest reference version of each code. */
export async function listCurrentMeasures(db: DbOrTx, asOf: string) {
  const rows = await db
    .select()
    .from(measures)
    .where(
      and(
        lte(measures.effectiveFrom, asOf),
        or(isNull(measures.effectiveTo), sql`${measures.effectiveTo} > ${asOf}::date`),
      ),
    )
    .orderBy(asc(measures.kind), asc(measures.code), desc(measures.effectiveFrom));
  const seen = new Set<string>();
  return rows.filter((m) => {
    if (seen.has(m.code)) return false;
    seen.add(m.code);
    return true;
  });
}

async function organizationOf(db: DbOrTx, id: string | null) {
  if (!id) return undefined;
  const [org] = await db.select().from(organizations).where(eq(organizations.id, id));
  return org;
}

/** The county the active organization speaks for, if it is a county organization. */
export async function countyOfActor(db: DbOrTx, actor: Actor): Promise<string | null> {
  const org = await organizationOf(db, actor.activeOrganizationId);
  return org?.jurisdictionKind === "county" ? org.jurisdictionName : null;
}

export async function updateMeasure(
  db: Db,
  actor: Actor,
  id: string,
  input: {
    name?: string;
    nationalPerformance?: number | null;
    better?: "lower" | "higher" | null;
    safety?: boolean;
    unit?: string | null;
    /** The version the client loaded: a correction made on a stale copy is refused (409). */
    version: number;
  },
  audit: AuditContext,
) {
  const org = await organizationOf(db, actor.activeOrganizationId);
  authorize(actor, "measure.edit", {
    type: "measure",
    id,
    organizationId: org?.type === "state_agency" ? org.id : null,
  });
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(measures).where(eq(measures.id, id));
    if (!before) throw notFound("Measure");
    const { version, ...changes } = input;
    const [after] = await tx
      .update(measures)
      .set({
        ...changes,
        version: sql`${measures.version} + 1`,
        updatedAt: new Date(),
        updatedBy: actor.userId,
      })
      .where(and(eq(measures.id, id), eq(measures.version, version)))
      .returning();
    if (!after) throw staleVersion("measure", before.version);
    await recordAudit(tx, audit, {
      action: "measure.update",
      outcome: "success",
      resourceType: "measure",
      resourceId: id,
      metadata: {
        code: before.code,
        before: Object.fromEntries(Object.keys(changes).map((k) => [k, before[k as keyof typeof before]])),
        after: changes,
      },
    });
    return after;
  });
}

export async function importPerformance(
  db: Db,
  actor: Actor,
  file: { name: string; format: "csv" | "xlsx"; content: Buffer },
  audit: AuditContext,
) {
  const org = await organizationOf(db, actor.activeOrganizationId);
  authorize(actor, "performance.import", { type: "county_performance", organizationId: org?.id ?? null });
  const stateWide = org?.type === "state_agency";
  const county = org?.jurisdictionKind === "county" ? org.jurisdictionName : null;
  let table: Awaited<ReturnType<typeof readTable>>;
  try {
    table = await readTable(file.content, file.format);
  } catch (error) {
    throw new AppError("validation.failed", `The file could not be read as ${file.format.toUpperCase()}.`, [
      { field: "file", message: error instanceof Error ? error.message : String(error) },
    ]);
  }
  const known = new Set(
    (await db.select({ code: measures.code }).from(measures)).map((m) => m.code.toUpperCase()),
  );
  const { rows, errors } = validatePerformanceRows(
    table,
    known,
    (c) => stateWide || (county !== null && c.toLowerCase() === county.toLowerCase()),
  );
  if (errors.length > 0) {
    throw new AppError(
      "validation.failed",
      `Nothing was imported: ${errors.length} problem(s) in ${file.name}.`,
      errors,
    );
  }
  return db.transaction(async (tx) => {
    const [record] = await tx
      .insert(performanceImports)
      .values({
        organizationId: org?.id ?? "",
        fileName: file.name,
        rows: rows.length,
        importedBy: actor.userId,
      })
      .returning({ id: performanceImports.id });
    if (!record) throw new Error("import insert returned nothing");
    for (let i = 0; i < rows.length; i += 500) {
      const batch = rows.slice(i, i + 500).map(({ line: _line, ...r }) => ({ ...r, importId: record.id }));
      await tx
        .insert(countyPerformance)
        .values(batch)
        .onConflictDoUpdate({
          target: [countyPerformance.county, countyPerformance.measureCode, countyPerformance.periodEnd],
          set: {
            periodLabel: sql`excluded.period_label`,
            numerator: sql`excluded.numerator`,
            denominator: sql`excluded.denominator`,
            value: sql`excluded.value`,
            masked: sql`excluded.masked`,
            importId: sql`excluded.import_id`,
            importedAt: sql`now()`,
          },
        });
    }
    await recordAudit(tx, audit, {
      action: "performance.import",
      outcome: "success",
      resourceType: "performance_import",
      resourceId: record.id,
      organizationId: org?.id ?? null,
      metadata: { fileName: file.name, rows: rows.length },
    });
    return { importId: record.id, rows: rows.length };
  });
}

export interface NeedsImprovement {
  computed: boolean | null;
  override: { needsImprovement: boolean; reason: string; setAt: string } | null;
  effective: boolean;
}

/** A county's measures with the latest value and whether each needs improvement. */
export async function countyMeasureSummary(db: DbOrTx, county: string, asOf: string) {
  const current = await listCurrentMeasures(db, asOf);
  const latest = await db
    .selectDistinctOn([countyPerformance.measureCode])
    .from(countyPerformance)
    .where(sql`lower(${countyPerformance.county}) = lower(${county})`)
    .orderBy(countyPerformance.measureCode, desc(countyPerformance.periodEnd));
  const overrides = await db
    .select()
    .from(needsImprovementOverrides)
    .where(sql`lower(${needsImprovementOverrides.county}) = lower(${county})`);
  return current.map((m) => {
    const point = latest.find((l) => l.measureCode.toUpperCase() === m.code.toUpperCase());
    const override = overrides.find((o) => o.measureCode.toUpperCase() === m.code.toUpperCase());
    const computed =
      point && !point.masked ? worseThanNational(point.value, m.nationalPerformance, m.better) : null;
    const needs: NeedsImprovement = {
      computed,
      override: override
        ? {
            needsImprovement: override.needsImprovement,
            reason: override.reason,
            setAt: override.setAt.toISOString(),
          }
        : null,
      effective: override ? override.needsImprovement : computed === true,
    };
    return {
      measure: m,
      latest: point
        ? {
            periodEnd: point.periodEnd,
            periodLabel: point.periodLabel,
            value: point.masked ? null : point.value,
            masked: point.masked,
          }
        : null,
      needsImprovement: needs,
    };
  });
}

export async function measureSeries(db: DbOrTx, county: string, code: string, asOf: string) {
  const summary = (await countyMeasureSummary(db, county, asOf)).find(
    (s) => s.measure.code.toUpperCase() === code.toUpperCase(),
  );
  if (!summary) throw notFound("Measure");
  const points = await db
    .select()
    .from(countyPerformance)
    .where(
      and(
        sql`lower(${countyPerformance.county}) = lower(${county})`,
        sql`upper(${countyPerformance.measureCode}) = upper(${code})`,
      ),
    )
    .orderBy(asc(countyPerformance.periodEnd));
  return {
    county,
    measure: summary.measure,
    needsImprovement: summary.needsImprovement,
    caveat: OBSERVED_VALUES_CAVEAT,
    points: points.map((p) => ({
      periodEnd: p.periodEnd,
      periodLabel: p.periodLabel,
      value: p.masked ? null : p.value,
      numerator: p.masked ? null : p.numerator,
      denominator: p.masked ? null : p.denominator,
      masked: p.masked,
    })),
  };
}

export async function setNeedsImprovement(
  db: Db,
  actor: Actor,
  code: string,
  input: { needsImprovement: boolean; reason: string },
  audit: AuditContext,
) {
  const org = await organizationOf(db, actor.activeOrganizationId);
  authorize(actor, "needs_improvement.set", {
    type: "county_measure",
    organizationId: org?.jurisdictionKind === "county" ? org.id : null,
  });
  const county = org?.jurisdictionName ?? "";
  const [measure] = await db
    .select()
    .from(measures)
    .where(sql`upper(${measures.code}) = upper(${code})`)
    .limit(1);
  if (!measure) throw notFound("Measure");
  await db.transaction(async (tx) => {
    await tx
      .insert(needsImprovementOverrides)
      .values({
        county,
        measureCode: measure.code,
        needsImprovement: input.needsImprovement,
        reason: input.reason.trim(),
        setBy: actor.userId,
      })
      .onConflictDoUpdate({
        target: [needsImprovementOverrides.county, needsImprovementOverrides.measureCode],
        set: {
          needsImprovement: input.needsImprovement,
          reason: input.reason.trim(),
          setBy: actor.userId,
          setAt: new Date(),
        },
      });
    await recordAudit(tx, audit, {
      action: "needs_improvement.set",
      outcome: "success",
      resourceType: "county_measure",
      resourceId: `${county}:${measure.code}`,
      organizationId: org?.id ?? null,
      metadata: input,
    });
  });
  return measureSeries(db, county, measure.code, new Date().toISOString().slice(0, 10));
}

/**
 * The SIP components of the actor's active organization, by measure code: which component answers each
 * measure. Only the organization's own plans, so nothing of another organization is revealed.
 */
export async function componentsByMeasure(db: DbOrTx, actor: Actor) {
  const result = new Map<string, { planId: string; planTitle: string; itemId: string; title: string }[]>();
  if (!actor.activeOrganizationId) return result;
  const rows = await db
    .select({
      planId: plans.id,
      planTitle: plans.title,
      itemId: planItems.id,
      title: planItems.title,
      code: sql<string>`upper(trim(${planItems.fields}->>'measure_code'))`,
    })
    .from(planItems)
    .innerJoin(plans, and(eq(plans.organizationId, planItems.organizationId), eq(plans.id, planItems.planId)))
    .where(
      and(
        eq(planItems.organizationId, actor.activeOrganizationId),
        eq(plans.templateKey, "county-sip"),
        isNull(plans.archivedAt),
        eq(planItems.level, "component"),
        sql`coalesce(${planItems.fields}->>'measure_code', '') <> ''`,
      ),
    )
    .orderBy(asc(plans.title), asc(planItems.position));
  for (const { code, ...component } of rows) result.set(code, [...(result.get(code) ?? []), component]);
  return result;
}
