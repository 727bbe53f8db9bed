import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { planChanges, planItems, plans, users } from "../../db/schema/index.ts";
import type { Actor } from "../../server/authorization.ts";
import { AppError, notFound } from "../../server/errors.ts";
import { type AuditContext, recordAudit } from "../audit/audit.service.ts";
import { descendantsOf, type ItemSnapshot, recordChange, renumber, touchPlan } from "./plan-items.service.ts";
import { requirePlan } from "./plans.access.ts";
import { listSiblings, loadItem, loadPlanRow } from "./plans.repository.ts";
import { type PlansDeps, readPlanDocument, staleVersion } from "./plans.service.ts";

/** JSON snapshots carry dates as strings; the table wants Date objects back. */
function revive(snapshot: ItemSnapshot): ItemSnapshot {
  return {
    ...snapshot,
    updatedAt: new Date(snapshot.updatedAt),
    completedAt: snapshot.completedAt ? new Date(snapshot.completedAt) : null,
  };
}

function titleOf(value: unknown): string | null {
  if (Array.isArray(value)) return titleOf(value[0]);
  if (value && typeof value === "object" && "title" in value)
    return String((value as { title: unknown }).title);
  return null;
}

export async function listChanges(deps: PlansDeps, actor: Actor, planId: string, limit = 100) {
  const scope = await requirePlan(deps.db, actor, planId, "plan.read");
  const rows = await deps.db
    .select({ change: planChanges, actorName: users.name })
    .from(planChanges)
    .leftJoin(users, eq(users.id, planChanges.actorUserId))
    .where(and(eq(planChanges.organizationId, scope.organizationId), eq(planChanges.planId, planId)))
    .orderBy(desc(planChanges.seq))
    .limit(limit);
  return rows.map(({ change, actorName }) => ({
    id: change.id,
    at: change.at.toISOString(),
    actorName,
    kind: change.kind,
    itemId: change.itemId,
    itemTitle: titleOf(change.after) ?? titleOf(change.before),
    before: change.before,
    after: change.after,
    undone: change.undoneByChangeId !== null,
    undoesChangeId: change.undoesChangeId,
    canUndo: change.undoneByChangeId === null && change.kind !== "undo",
  }));
}

/**
 * Reverts one change, if what it changed has not changed again since (else 409). The undo is itself a
 * change in the history, and the reverted change is marked as undone.
 */
export async function undoChange(
  deps: PlansDeps,
  actor: Actor,
  planId: string,
  changeId: string,
  audit: AuditContext,
) {
  const scope = await requirePlan(deps.db, actor, planId, "plan.edit");
  return deps.db.transaction(async (tx) => {
    const [change] = await tx
      .select()
      .from(planChanges)
      .where(
        and(
          eq(planChanges.organizationId, scope.organizationId),
          eq(planChanges.planId, planId),
          eq(planChanges.id, changeId),
        ),
      );
    if (!change) throw notFound("Change");
    if (change.undoneByChangeId || change.kind === "undo") {
      throw new AppError("validation.failed", "This change was already undone, or is itself an undo.");
    }
    const where = (id: string) =>
      and(
        eq(planItems.organizationId, scope.organizationId),
        eq(planItems.planId, planId),
        eq(planItems.id, id),
      );
    let before: unknown = null;
    let after: unknown = null;
    switch (change.kind) {
      case "plan.update": {
        const plan = await loadPlanRow(tx, scope.organizationId, planId);
        const recorded = change.after as { version: number };
        const previous = change.before as {
          title: string;
          periodStart: string | null;
          periodEnd: string | null;
          values: never;
        };
        if (!plan) throw notFound("Plan");
        if (plan.version !== recorded.version) throw staleVersion("plan", plan.version);
        await tx
          .update(plans)
          .set({
            title: previous.title,
            periodStart: previous.periodStart,
            periodEnd: previous.periodEnd,
            values: previous.values,
            version: sql`${plans.version} + 1`,
          })
          .where(and(eq(plans.organizationId, scope.organizationId), eq(plans.id, planId)));
        before = change.after;
        after = change.before;
        break;
      }
      case "item.update":
      case "item.move": {
        const recorded = change.after as ItemSnapshot;
        const previous = revive(change.before as ItemSnapshot);
        const current = await loadItem(tx, scope.organizationId, planId, recorded.id);
        if (!current)
          throw new AppError(
            "conflict.stale_version",
            "The item was deleted since; undo its deletion first.",
          );
        if (current.version !== recorded.version) throw staleVersion("item", current.version, current);
        const [restored] = await tx
          .update(planItems)
          .set({ ...previous, version: current.version + 1, updatedAt: new Date(), updatedBy: actor.userId })
          .where(where(current.id))
          .returning();
        if (change.kind === "item.move" && restored) {
          // Back to its old place among its old siblings; the siblings it left close ranks.
          const oldSiblings = await listSiblings(
            tx,
            scope.organizationId,
            planId,
            current.parentId,
            current.section,
          );
          await renumber(
            tx,
            scope,
            oldSiblings.filter((s) => s.id !== current.id).map((s) => s.id),
          );
          const siblings = (
            await listSiblings(tx, scope.organizationId, planId, previous.parentId, previous.section)
          ).filter((s) => s.id !== current.id);
          const order = siblings.map((s) => s.id);
          order.splice(Math.min(previous.position, order.length), 0, current.id);
          await renumber(tx, scope, order);
        }
        before = current;
        after = restored;
        break;
      }
      case "item.create": {
        const recorded = change.after as ItemSnapshot;
        const current = await loadItem(tx, scope.organizationId, planId, recorded.id);
        if (!current) throw new AppError("conflict.stale_version", "The item no longer exists.");
        if (current.version !== recorded.version) throw staleVersion("item", current.version, current);
        const subtree = [current, ...(await descendantsOf(tx, scope, current.id))];
        await tx.delete(planItems).where(
          and(
            eq(planItems.organizationId, scope.organizationId),
            inArray(
              planItems.id,
              subtree.map((i) => i.id),
            ),
          ),
        );
        const siblings = await listSiblings(
          tx,
          scope.organizationId,
          planId,
          current.parentId,
          current.section,
        );
        await renumber(
          tx,
          scope,
          siblings.map((s) => s.id),
        );
        before = subtree;
        break;
      }
      case "item.delete": {
        const subtree = (change.before as ItemSnapshot[]).map(revive);
        const root = subtree[0];
        if (!root) throw notFound("Item");
        if (root.parentId && !(await loadItem(tx, scope.organizationId, planId, root.parentId))) {
          throw new AppError(
            "conflict.stale_version",
            "The item's parent was deleted since; undo that first.",
          );
        }
        await tx.insert(planItems).values(subtree);
        const siblings = (
          await listSiblings(tx, scope.organizationId, planId, root.parentId, root.section)
        ).filter((s) => s.id !== root.id);
        const order = siblings.map((s) => s.id);
        order.splice(Math.min(root.position, order.length), 0, root.id);
        await renumber(tx, scope, order);
        after = subtree;
        break;
      }
      default:
        throw new AppError("validation.failed", `A "${change.kind}" change cannot be undone.`);
    }
    const undoId = await recordChange(tx, scope, actor, {
      kind: "undo",
      itemId: change.itemId,
      before,
      after,
      undoesChangeId: change.id,
    });
    await tx
      .update(planChanges)
      .set({ undoneByChangeId: undoId ?? null })
      .where(eq(planChanges.id, change.id));
    await touchPlan(tx, scope);
    await recordAudit(tx, audit, {
      action: "plan.change.undo",
      outcome: "success",
      resourceType: "plan",
      resourceId: planId,
      organizationId: scope.organizationId,
      metadata: { changeId, kind: change.kind },
    });
    return readPlanDocument(tx, scope.organizationId, planId, scope.access, deps.today());
  });
}
