import { and, eq, isNull, sql } from "drizzle-orm";
import { planItems } from "../../db/schema/index.ts";
import { parseActionStepsCsv } from "../../exports/csv/action-steps-import.ts";
import type { Actor } from "../../server/authorization.ts";
import { AppError } from "../../server/errors.ts";
import { type AuditContext, recordAudit } from "../audit/audit.service.ts";
import { recordChange, touchPlan } from "./plan-items.service.ts";
import { requirePlan } from "./plans.access.ts";
import { type PlansDeps, readPlanDocument } from "./plans.service.ts";

/** Adds the CSV's action steps to the plan: every row, or (on any error) none, with the errors per row. */
export async function importActionSteps(
  deps: PlansDeps,
  actor: Actor,
  planId: string,
  csvText: string,
  audit: AuditContext,
) {
  const scope = await requirePlan(deps.db, actor, planId, "plan.edit");
  const doc = await readPlanDocument(deps.db, scope.organizationId, planId, scope.access, deps.today());
  const { rows, errors } = parseActionStepsCsv(csvText, doc);
  if (errors.length > 0) {
    throw new AppError(
      "validation.failed",
      `Nothing was imported: ${errors.length} problem(s) in the file.`,
      errors.map((e) => ({ field: e.line > 0 ? `line ${e.line}: ${e.field}` : e.field, message: e.message })),
    );
  }
  if (rows.length === 0)
    throw new AppError("validation.failed", "The file has no rows to import.", [
      { field: "file", message: "no rows" },
    ]);
  return deps.db.transaction(async (tx) => {
    for (const row of rows) {
      const [{ next } = { next: 0 }] = await tx
        .select({ next: sql<number>`coalesce(max(${planItems.position}) + 1, 0)`.mapWith(Number) })
        .from(planItems)
        .where(
          and(
            eq(planItems.organizationId, scope.organizationId),
            eq(planItems.planId, planId),
            row.parentId ? eq(planItems.parentId, row.parentId) : isNull(planItems.parentId),
          ),
        );
      const [item] = await tx
        .insert(planItems)
        .values({
          organizationId: scope.organizationId,
          planId,
          parentId: row.parentId,
          section: row.section,
          level: row.level,
          position: next,
          title: row.title,
          status: row.status,
          assigneeText: row.assigneeText,
          dueDate: row.dueDate,
          timeframe: row.timeframe,
          completedAt: row.status === "completed" ? new Date() : null,
          updatedBy: actor.userId,
        })
        .returning();
      await recordChange(tx, scope, actor, {
        kind: "item.create",
        itemId: item?.id ?? null,
        before: null,
        after: item,
      });
    }
    await touchPlan(tx, scope);
    await recordAudit(tx, audit, {
      action: "plan.import",
      outcome: "success",
      resourceType: "plan",
      resourceId: planId,
      organizationId: scope.organizationId,
      metadata: { rows: rows.length },
    });
    return {
      imported: rows.length,
      plan: await readPlanDocument(tx, scope.organizationId, planId, scope.access, deps.today()),
    };
  });
}
