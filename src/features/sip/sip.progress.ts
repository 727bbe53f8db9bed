/**
 * Each SIP component's measure: its baseline, the improvement goals that set the target, and — once the plan
 * is accepted — the values imported since, with the movement from the baseline in the measure's direction.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { countyPerformance, organizations, planVersions } from "../../db/schema/index.ts";
import type { Actor } from "../../server/authorization.ts";
import { AppError } from "../../server/errors.ts";
import { listCurrentMeasures } from "../measures/measures.service.ts";
import { requirePlan } from "../plans/plans.access.ts";
import type { PlanItemNode } from "../plans/plans.presenter.ts";
import { type PlansDeps, readPlanDocument } from "../plans/plans.service.ts";

export interface ProgressPoint {
  periodEnd: string;
  periodLabel: string;
  value: number | null;
  masked: boolean;
  importedAt: Date;
}

export type Trend = "better" | "worse" | "same";

export interface MeasureProgress {
  baseline: ProgressPoint | null;
  latest: ProgressPoint | null;
  /** Values imported after acceptance (progress); empty before acceptance. */
  later: ProgressPoint[];
  /** latest − baseline, when both are published numbers. */
  change: number | null;
  trend: Trend | null;
}

/**
 * Pure. Before acceptance the baseline is the latest value there is (the county's current performance);
 * after it, the latest value imported by the time of acceptance, and later imports are the progress.
 * Masked values never become numbers, so a masked end of the comparison gives no change.
 */
export function measureProgress(
  points: ProgressPoint[],
  acceptedAt: Date | null,
  better: "lower" | "higher" | null,
): MeasureProgress {
  const byPeriod = [...points].sort((a, b) => a.periodEnd.localeCompare(b.periodEnd));
  const known = acceptedAt ? byPeriod.filter((p) => p.importedAt <= acceptedAt) : byPeriod;
  const baseline = known.at(-1) ?? null;
  const later = acceptedAt ? byPeriod.filter((p) => p.importedAt > acceptedAt) : [];
  const latest = later.at(-1) ?? baseline;
  const change =
    acceptedAt &&
    baseline &&
    latest &&
    latest !== baseline &&
    baseline.value !== null &&
    latest.value !== null
      ? Math.round((latest.value - baseline.value) * 1000) / 1000
      : null;
  const trend: Trend | null =
    change === null || better === null
      ? null
      : change === 0
        ? "same"
        : change < 0 === (better === "lower")
          ? "better"
          : "worse";
  return { baseline, latest, later, change, trend };
}

const point = (p: ProgressPoint) => ({
  periodEnd: p.periodEnd,
  periodLabel: p.periodLabel,
  value: p.masked ? null : p.value,
  masked: p.masked,
});

export async function componentProgress(deps: PlansDeps, actor: Actor, planId: string) {
  const scope = await requirePlan(deps.db, actor, planId, "plan.read");
  if (scope.templateKey !== "county-sip") {
    throw new AppError("validation.failed", "This is not a County System Improvement Plan.");
  }
  const doc = await readPlanDocument(deps.db, scope.organizationId, planId, scope.access, deps.today());
  const [owner] = await deps.db
    .select({ jurisdictionName: organizations.jurisdictionName })
    .from(organizations)
    .where(eq(organizations.id, scope.organizationId));
  const county =
    typeof doc.header.county === "string" && doc.header.county.trim()
      ? doc.header.county.trim()
      : (owner?.jurisdictionName ?? "");
  const [first] = await deps.db
    .select({ acceptedAt: planVersions.acceptedAt })
    .from(planVersions)
    .where(and(eq(planVersions.organizationId, scope.organizationId), eq(planVersions.planId, planId)))
    .orderBy(asc(planVersions.version))
    .limit(1);
  const acceptedAt = first?.acceptedAt ?? null;
  const measures = await listCurrentMeasures(deps.db, deps.today());
  const rows = await deps.db
    .select()
    .from(countyPerformance)
    .where(sql`lower(${countyPerformance.county}) = lower(${county})`);
  const components: PlanItemNode[] = doc.sections.flatMap((s) =>
    s.items.filter((i) => i.level === "component"),
  );
  return {
    county,
    acceptedAt: acceptedAt?.toISOString() ?? null,
    items: components.map((component) => {
      const code = String(component.fields.measure_code ?? "").trim();
      const measure = code ? measures.find((m) => m.code.toUpperCase() === code.toUpperCase()) : undefined;
      const points = measure
        ? rows
            .filter((r) => r.measureCode.toUpperCase() === measure.code.toUpperCase())
            .map((r) => ({
              periodEnd: r.periodEnd,
              periodLabel: r.periodLabel,
              value: r.value,
              masked: r.masked,
              importedAt: r.importedAt,
            }))
        : [];
      const progress = measureProgress(points, acceptedAt, measure?.better ?? null);
      return {
        itemId: component.id,
        title: component.title,
        measureCode: code || null,
        measure: measure
          ? {
              code: measure.code,
              name: measure.name,
              kind: measure.kind,
              unit: measure.unit,
              better: measure.better,
              nationalPerformance: measure.nationalPerformance,
            }
          : null,
        goals: component.children
          .filter((c) => c.level === "goal")
          .map((g) => ({ number: g.number, title: g.title })),
        baseline: progress.baseline ? point(progress.baseline) : null,
        latest: progress.latest ? point(progress.latest) : null,
        later: progress.later.map(point),
        change: progress.change,
        trend: progress.trend,
      };
    }),
  };
}
