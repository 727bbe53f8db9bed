import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "../../db/client.ts";
import {
  type ItemStatus,
  memberships,
  organizations,
  planChanges,
  planItemNotes,
  planItems,
  planShares,
  users,
} from "../../db/schema/index.ts";
import type { Actor } from "../../server/authorization.ts";
import type { ErrorDetail } from "../../server/errors.ts";
import { AppError, notFound } from "../../server/errors.ts";
import { type AuditContext, recordAudit } from "../audit/audit.service.ts";
import { editability } from "../sip/sip.workflow.ts";
import type { LevelDefinition, TemplateDefinition } from "../templates/template.schema.ts";
import { type PlanScope, requirePlan } from "./plans.access.ts";
import { validateFieldValues } from "./plans.fields.ts";
import { listSiblings, loadItem, loadPlanRow } from "./plans.repository.ts";
import { atLeast } from "./plans.rules.ts";
import { type PlansDeps, readPlanDocument, staleVersion } from "./plans.service.ts";

export type ItemSnapshot = typeof planItems.$inferSelect;

export interface ItemContent {
  title?: string | undefined;
  fields?: Record<string, unknown> | undefined;
  status?: ItemStatus | undefined;
  assigneeUserId?: string | null | undefined;
  assigneeOrganizationId?: string | null | undefined;
  assigneeText?: string | null | undefined;
  dueDate?: string | null | undefined;
  timeframe?: string | null | undefined;
}

export interface CreateItemInput extends ItemContent {
  parentId?: string | null | undefined;
  section?: string | undefined;
  level: string;
  position?: number | undefined;
}

export interface UpdateItemInput extends ItemContent {
  version: number;
  note?: { text: string; evidenceUrl?: string | undefined; date?: string | undefined } | undefined;
}

function levelOf(template: TemplateDefinition, key: string): LevelDefinition | undefined {
  return template.levels.find((l) => l.key === key);
}

/** An assignee must be someone who can see the plan: the owner's members or a partner's, with a share. */
async function checkAssignees(tx: DbOrTx, scope: PlanScope, content: ItemContent, problems: ErrorDetail[]) {
  const allowedOrgs = [
    scope.organizationId,
    ...(
      await tx
        .select({ id: planShares.partnerOrganizationId })
        .from(planShares)
        .where(and(eq(planShares.organizationId, scope.organizationId), eq(planShares.planId, scope.planId)))
    ).map((r) => r.id),
  ];
  if (content.assigneeUserId) {
    const [member] = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(
        and(eq(memberships.userId, content.assigneeUserId), inArray(memberships.organizationId, allowedOrgs)),
      )
      .limit(1);
    if (!member) {
      problems.push({
        field: "/body/assigneeUserId",
        message: "is not a member of the plan's organization or of a partner it is shared with",
      });
    }
  }
  if (content.assigneeOrganizationId) {
    const [org] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.id, content.assigneeOrganizationId));
    if (!org) problems.push({ field: "/body/assigneeOrganizationId", message: "is not an organization" });
  }
}

/** Checks the tracked attributes against what the item's level allows. */
function checkContent(level: LevelDefinition, content: ItemContent, creating: boolean): ErrorDetail[] {
  const problems = content.fields
    ? validateFieldValues(level.fields, content.fields, "/body/fields", creating)
    : [];
  if (creating && !content.fields)
    problems.push(...validateFieldValues(level.fields, {}, "/body/fields", true));
  const t = level.tracking;
  const refuse = (field: string, what: string) =>
    problems.push({ field: `/body/${field}`, message: `a ${level.key} has no ${what}` });
  if (!t.status && content.status !== undefined) refuse("status", "status");
  if (!t.assignee && (content.assigneeUserId || content.assigneeOrganizationId || content.assigneeText))
    refuse("assignee", "assignee");
  if (!t.dueDate && content.dueDate) refuse("dueDate", "due date");
  if (!t.timeframe && content.timeframe) refuse("timeframe", "timeframe");
  return problems;
}

/** Assigning an item to a partner organization shares the plan with it as contributor (if not shared more). */
async function sharePlanWithAssignee(
  tx: DbOrTx,
  scope: PlanScope,
  organizationId: string | null | undefined,
) {
  if (!organizationId || organizationId === scope.organizationId) return;
  await tx
    .insert(planShares)
    .values({
      organizationId: scope.organizationId,
      planId: scope.planId,
      partnerOrganizationId: organizationId,
      role: "contributor",
    })
    .onConflictDoNothing();
}

function reject(field: string, message: string): never {
  throw new AppError("validation.failed", "The item is not valid.", [{ field, message }]);
}

function fail(problems: ErrorDetail[]) {
  if (problems.length > 0) throw new AppError("validation.failed", "The item is not valid.", problems);
}

/** Gives siblings positions 0..n-1 in the given order. */
export async function renumber(tx: Tx, scope: PlanScope, orderedIds: string[]) {
  for (const [index, id] of orderedIds.entries()) {
    await tx
      .update(planItems)
      .set({ position: index })
      .where(
        and(
          eq(planItems.organizationId, scope.organizationId),
          eq(planItems.planId, scope.planId),
          eq(planItems.id, id),
        ),
      );
  }
}

export async function recordChange(
  tx: Tx,
  scope: PlanScope,
  actor: Actor,
  change: { kind: string; itemId: string | null; before: unknown; after: unknown; undoesChangeId?: string },
) {
  const [row] = await tx
    .insert(planChanges)
    .values({
      organizationId: scope.organizationId,
      planId: scope.planId,
      actorUserId: actor.userId,
      ...change,
    })
    .returning({ id: planChanges.id });
  return row?.id;
}

export async function touchPlan(tx: Tx, scope: PlanScope) {
  await tx.execute(
    sql`update plans set updated_at = now() where organization_id = ${scope.organizationId} and id = ${scope.planId}`,
  );
}

export async function createItem(
  deps: PlansDeps,
  actor: Actor,
  planId: string,
  input: CreateItemInput,
  audit: AuditContext,
) {
  const scope = await requirePlan(deps.db, actor, planId, "plan.edit");
  return deps.db.transaction(async (tx) => {
    const plan = await loadPlanRow(tx, scope.organizationId, planId);
    if (!plan) throw notFound("Plan");
    const level = levelOf(plan.template, input.level);
    if (!level) return reject("/body/level", `"${input.level}" is not a level of this plan`);
    let section: string;
    let parentId: string | null = null;
    if (input.parentId) {
      const parent = await loadItem(tx, scope.organizationId, planId, input.parentId);
      if (!parent) return reject("/body/parentId", "is not an item of this plan");
      if (!levelOf(plan.template, parent.level)?.children.includes(level.key)) {
        return reject("/body/level", `a ${level.key} cannot be placed under a ${parent.level}`);
      }
      section = parent.section;
      parentId = parent.id;
    } else {
      const target = plan.template.sections.find((s) => s.key === input.section && s.kind === "items");
      if (!target) return reject("/body/section", "must name an items section of the plan");
      if (target.rootLevel !== level.key) {
        return reject("/body/level", `the ${target.key} section holds ${target.rootLevel} items`);
      }
      section = target.key;
    }
    const problems = checkContent(level, input, true);
    await checkAssignees(tx, scope, input, problems);
    fail(problems);

    await sharePlanWithAssignee(tx, scope, input.assigneeOrganizationId);
    const siblings = await listSiblings(tx, scope.organizationId, planId, parentId, section);
    const position = Math.min(input.position ?? siblings.length, siblings.length);
    const [item] = await tx
      .insert(planItems)
      .values({
        organizationId: scope.organizationId,
        planId,
        parentId,
        section,
        level: level.key,
        position,
        title: input.title?.trim() ?? "",
        fields: input.fields ?? {},
        status: level.tracking.status ? (input.status ?? "not_started") : null,
        assigneeUserId: input.assigneeUserId ?? null,
        assigneeOrganizationId: input.assigneeOrganizationId ?? null,
        assigneeText: input.assigneeText?.trim() || null,
        dueDate: input.dueDate ?? null,
        timeframe: input.timeframe?.trim() || null,
        completedAt: input.status === "completed" ? new Date() : null,
        updatedBy: actor.userId,
      })
      .returning();
    if (!item) throw new Error("item insert returned nothing");
    const order = siblings.map((s) => s.id);
    order.splice(position, 0, item.id);
    await renumber(tx, scope, order);
    const created = { ...item, position };
    await recordChange(tx, scope, actor, {
      kind: "item.create",
      itemId: item.id,
      before: null,
      after: created,
    });
    await touchPlan(tx, scope);
    await recordAudit(tx, audit, {
      action: "plan.item.create",
      outcome: "success",
      resourceType: "plan_item",
      resourceId: item.id,
      organizationId: scope.organizationId,
      metadata: { planId },
    });
    return {
      item: created,
      plan: await readPlanDocument(tx, scope.organizationId, planId, scope.access, deps.today()),
    };
  });
}

function isAssignedTo(actor: Actor, item: ItemSnapshot): boolean {
  return (
    item.assigneeUserId === actor.userId ||
    (item.assigneeOrganizationId !== null &&
      actor.memberships.some((m) => m.organizationId === item.assigneeOrganizationId))
  );
}

const CONTRIBUTOR_FIELDS = new Set(["version", "status", "note"]);

export async function updateItem(
  deps: PlansDeps,
  actor: Actor,
  planId: string,
  itemId: string,
  input: UpdateItemInput,
  audit: AuditContext,
) {
  // Who may update depends on the item (contributors: only their own), so read it first.
  const owner = await requirePlan(deps.db, actor, planId, "plan.read");
  const existing = await loadItem(deps.db, owner.organizationId, planId, itemId);
  if (!existing) throw notFound("Item");
  const scope = await requirePlan(deps.db, actor, planId, "plan.item.update", {
    assignedToActor: isAssignedTo(actor, existing),
  });
  const mode = editability(scope.status);
  if (mode === "none")
    throw new AppError("plan.locked", "The plan is under state review: nothing can be changed now.");
  if (!atLeast(scope.access, "editor") || mode === "tracking") {
    const extra = Object.keys(input).filter(
      (k) => !CONTRIBUTOR_FIELDS.has(k) && input[k as keyof UpdateItemInput] !== undefined,
    );
    if (extra.length > 0) {
      throw mode === "tracking"
        ? new AppError(
            "plan.locked",
            `The plan is accepted: only status and progress notes can change (not ${extra.join(", ")}).`,
          )
        : new AppError(
            "access.denied",
            `As a contributor you may change only the status and progress notes (not ${extra.join(", ")}).`,
          );
    }
  }
  return deps.db.transaction(async (tx) => {
    const plan = await loadPlanRow(tx, scope.organizationId, planId);
    const item = await loadItem(tx, scope.organizationId, planId, itemId);
    if (!plan || !item) throw notFound("Item");
    if (item.version !== input.version) throw staleVersion("item", item.version, item);
    const level = levelOf(plan.template, item.level);
    if (!level) throw notFound("Level");
    const problems = checkContent(level, input, false);
    await checkAssignees(tx, scope, input, problems);
    if (input.note?.evidenceUrl && !/^https?:\/\//i.test(input.note.evidenceUrl)) {
      problems.push({ field: "/body/note/evidenceUrl", message: "must be an http(s) link" });
    }
    fail(problems);
    await sharePlanWithAssignee(tx, scope, input.assigneeOrganizationId);

    const statusChanged = input.status !== undefined && input.status !== item.status;
    const changes: Partial<ItemSnapshot> = {};
    if (input.title !== undefined) changes.title = input.title.trim();
    if (input.fields !== undefined) changes.fields = { ...item.fields, ...input.fields };
    if (input.status !== undefined) changes.status = input.status;
    if (statusChanged) changes.completedAt = input.status === "completed" ? new Date() : null;
    if (input.assigneeUserId !== undefined) changes.assigneeUserId = input.assigneeUserId;
    if (input.assigneeOrganizationId !== undefined)
      changes.assigneeOrganizationId = input.assigneeOrganizationId;
    if (input.assigneeText !== undefined) changes.assigneeText = input.assigneeText?.trim() || null;
    if (input.dueDate !== undefined) changes.dueDate = input.dueDate;
    if (input.timeframe !== undefined) changes.timeframe = input.timeframe?.trim() || null;

    let updated = item;
    if (Object.keys(changes).length > 0) {
      const [row] = await tx
        .update(planItems)
        .set({ ...changes, version: item.version + 1, updatedAt: new Date(), updatedBy: actor.userId })
        .where(
          and(
            eq(planItems.organizationId, scope.organizationId),
            eq(planItems.planId, planId),
            eq(planItems.id, itemId),
            eq(planItems.version, input.version),
          ),
        )
        .returning();
      if (!row) throw staleVersion("item", item.version, item);
      updated = row;
      await recordChange(tx, scope, actor, { kind: "item.update", itemId, before: item, after: row });
    }
    if (input.note || statusChanged) {
      await tx.insert(planItemNotes).values({
        organizationId: scope.organizationId,
        planId,
        itemId,
        noteDate: input.note?.date ?? deps.today(),
        text: input.note?.text.trim() ?? "",
        evidenceUrl: input.note?.evidenceUrl ?? null,
        statusFrom: statusChanged ? item.status : null,
        statusTo: statusChanged ? (input.status ?? null) : null,
        authorUserId: actor.userId,
      });
    }
    await touchPlan(tx, scope);
    await recordAudit(tx, audit, {
      action: "plan.item.update",
      outcome: "success",
      resourceType: "plan_item",
      resourceId: itemId,
      organizationId: scope.organizationId,
      metadata: { planId, changed: Object.keys(changes), note: input.note !== undefined },
    });
    return {
      item: updated,
      plan: await readPlanDocument(tx, scope.organizationId, planId, scope.access, deps.today()),
    };
  });
}

export async function descendantsOf(tx: DbOrTx, scope: PlanScope, itemId: string): Promise<ItemSnapshot[]> {
  const all = await tx
    .select()
    .from(planItems)
    .where(and(eq(planItems.organizationId, scope.organizationId), eq(planItems.planId, scope.planId)));
  const out: ItemSnapshot[] = [];
  const collect = (parentId: string) => {
    for (const child of all.filter((i) => i.parentId === parentId)) {
      out.push(child);
      collect(child.id);
    }
  };
  collect(itemId);
  return out;
}

export async function moveItem(
  deps: PlansDeps,
  actor: Actor,
  planId: string,
  itemId: string,
  input: {
    version: number;
    parentId?: string | null | undefined;
    section?: string | undefined;
    position: number;
  },
  audit: AuditContext,
) {
  const scope = await requirePlan(deps.db, actor, planId, "plan.edit");
  return deps.db.transaction(async (tx) => {
    const plan = await loadPlanRow(tx, scope.organizationId, planId);
    const item = await loadItem(tx, scope.organizationId, planId, itemId);
    if (!plan || !item) throw notFound("Item");
    if (item.version !== input.version) throw staleVersion("item", item.version, item);
    const newParentId = input.parentId === undefined ? item.parentId : input.parentId;
    let section = item.section;
    if (newParentId) {
      const parent = await loadItem(tx, scope.organizationId, planId, newParentId);
      if (!parent) return reject("/body/parentId", "is not an item of this plan");
      if (!levelOf(plan.template, parent.level)?.children.includes(item.level)) {
        return reject("/body/parentId", `a ${item.level} cannot be placed under a ${parent.level}`);
      }
      if (
        (await descendantsOf(tx, scope, itemId)).some((d) => d.id === newParentId) ||
        newParentId === itemId
      ) {
        return reject("/body/parentId", "an item cannot be moved under itself");
      }
      section = parent.section;
    } else {
      const target = plan.template.sections.find(
        (s) => s.key === (input.section ?? item.section) && s.kind === "items",
      );
      if (!target || target.rootLevel !== item.level) {
        return reject("/body/section", `a ${item.level} cannot be placed at the top of that section`);
      }
      section = target.key;
    }
    const oldSiblings = (
      await listSiblings(tx, scope.organizationId, planId, item.parentId, item.section)
    ).filter((s) => s.id !== itemId);
    await renumber(
      tx,
      scope,
      oldSiblings.map((s) => s.id),
    );
    const newSiblings = (await listSiblings(tx, scope.organizationId, planId, newParentId, section)).filter(
      (s) => s.id !== itemId,
    );
    const position = Math.max(0, Math.min(input.position, newSiblings.length));
    const order = newSiblings.map((s) => s.id);
    order.splice(position, 0, itemId);
    const [moved] = await tx
      .update(planItems)
      .set({
        parentId: newParentId,
        section,
        version: item.version + 1,
        updatedAt: new Date(),
        updatedBy: actor.userId,
      })
      .where(
        and(
          eq(planItems.organizationId, scope.organizationId),
          eq(planItems.planId, planId),
          eq(planItems.id, itemId),
        ),
      )
      .returning();
    await renumber(tx, scope, order);
    // Children follow their parent into its new section.
    const descendants = await descendantsOf(tx, scope, itemId);
    if (descendants.length > 0 && section !== item.section) {
      await tx
        .update(planItems)
        .set({ section })
        .where(
          and(
            eq(planItems.organizationId, scope.organizationId),
            inArray(
              planItems.id,
              descendants.map((d) => d.id),
            ),
          ),
        );
    }
    await recordChange(tx, scope, actor, {
      kind: "item.move",
      itemId,
      before: item,
      after: { ...moved, position },
    });
    await touchPlan(tx, scope);
    await recordAudit(tx, audit, {
      action: "plan.item.move",
      outcome: "success",
      resourceType: "plan_item",
      resourceId: itemId,
      organizationId: scope.organizationId,
      metadata: { planId },
    });
    return readPlanDocument(tx, scope.organizationId, planId, scope.access, deps.today());
  });
}

export async function deleteItem(
  deps: PlansDeps,
  actor: Actor,
  planId: string,
  itemId: string,
  version: number,
  audit: AuditContext,
) {
  const scope = await requirePlan(deps.db, actor, planId, "plan.edit");
  return deps.db.transaction(async (tx) => {
    const item = await loadItem(tx, scope.organizationId, planId, itemId);
    if (!item) throw notFound("Item");
    if (item.version !== version) throw staleVersion("item", item.version, item);
    const subtree = [item, ...(await descendantsOf(tx, scope, itemId))];
    await tx.delete(planItems).where(
      and(
        eq(planItems.organizationId, scope.organizationId),
        inArray(
          planItems.id,
          subtree.map((i) => i.id),
        ),
      ),
    );
    const siblings = await listSiblings(tx, scope.organizationId, planId, item.parentId, item.section);
    await renumber(
      tx,
      scope,
      siblings.map((s) => s.id),
    );
    await recordChange(tx, scope, actor, { kind: "item.delete", itemId, before: subtree, after: null });
    await touchPlan(tx, scope);
    await recordAudit(tx, audit, {
      action: "plan.item.delete",
      outcome: "success",
      resourceType: "plan_item",
      resourceId: itemId,
      organizationId: scope.organizationId,
      metadata: { planId, removed: subtree.length },
    });
    return readPlanDocument(tx, scope.organizationId, planId, scope.access, deps.today());
  });
}

export async function listNotes(deps: PlansDeps, actor: Actor, planId: string, itemId: string) {
  const scope = await requirePlan(deps.db, actor, planId, "plan.read");
  const rows = await deps.db
    .select({ note: planItemNotes, authorName: users.name })
    .from(planItemNotes)
    .leftJoin(users, eq(users.id, planItemNotes.authorUserId))
    .where(
      and(
        eq(planItemNotes.organizationId, scope.organizationId),
        eq(planItemNotes.planId, planId),
        eq(planItemNotes.itemId, itemId),
      ),
    )
    .orderBy(sql`${planItemNotes.createdAt} desc`);
  return rows.map(({ note, authorName }) => ({
    id: note.id,
    date: note.noteDate,
    text: note.text,
    evidenceUrl: note.evidenceUrl,
    statusFrom: note.statusFrom,
    statusTo: note.statusTo,
    authorName,
    createdAt: note.createdAt.toISOString(),
  }));
}
