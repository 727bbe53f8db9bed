import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client.ts";
import {
  memberships,
  organizations,
  type PlanValues,
  planChanges,
  planShares,
  plans,
  type ShareRole,
  users,
} from "../../db/schema/index.ts";
import { type Actor, authorize } from "../../server/authorization.ts";
import { AppError, notFound } from "../../server/errors.ts";
import { type AuditContext, recordAudit } from "../audit/audit.service.ts";
import type { TemplateCatalog } from "../templates/templates.service.ts";
import { requirePlan } from "./plans.access.ts";
import { validateFieldValues } from "./plans.fields.ts";
import { type PlanDocument, presentPlan } from "./plans.presenter.ts";
import { listPlanSummaries, listSharesOfPlan, loadItemRows, loadPlanRow } from "./plans.repository.ts";
import { addMonths } from "./plans.rules.ts";

export interface PlansDeps {
  db: Db;
  templates: TemplateCatalog;
  today: () => string;
}

export async function loadPlanDocument(deps: PlansDeps, actor: Actor, planId: string): Promise<PlanDocument> {
  const scope = await requirePlan(deps.db, actor, planId, "plan.read");
  return readPlanDocument(deps.db, scope.organizationId, planId, scope.access, deps.today());
}

export async function readPlanDocument(
  db: DbOrTx,
  organizationId: string,
  planId: string,
  access: PlanDocument["access"],
  today: string,
): Promise<PlanDocument> {
  const plan = await loadPlanRow(db, organizationId, planId);
  if (!plan) throw notFound("Plan");
  return presentPlan(plan, await loadItemRows(db, organizationId, planId), access, today);
}

export interface CreatePlanInput {
  templateKey: string;
  title: string;
  periodStart?: string | undefined;
  periodEnd?: string | undefined;
  header?: Record<string, unknown> | undefined;
}

export async function createPlan(deps: PlansDeps, actor: Actor, input: CreatePlanInput, audit: AuditContext) {
  const organizationId = actor.activeOrganizationId;
  authorize(actor, "plan.create", { type: "plan", organizationId });
  if (!organizationId) throw new AppError("organization.not_member", "Choose an organization first.");
  const template = deps.templates.latest(input.templateKey);
  if (!template) {
    throw new AppError("validation.failed", `There is no template "${input.templateKey}".`, [
      { field: "/body/templateKey", message: "is not a template" },
    ]);
  }
  const header = input.header ?? {};
  const problems = validateFieldValues(template.header, header, "/body/header");
  const periodStart = input.periodStart ?? null;
  const periodEnd =
    input.periodEnd ??
    (periodStart && template.periodMonths ? addMonths(periodStart, template.periodMonths) : null);
  if (periodStart && periodEnd && periodEnd < periodStart) {
    problems.push({ field: "/body/periodEnd", message: "must not be before the start of the period" });
  }
  if (problems.length > 0) throw new AppError("validation.failed", "The plan is not valid.", problems);
  const values: PlanValues = { header, sections: {} };
  return deps.db.transaction(async (tx) => {
    const [plan] = await tx
      .insert(plans)
      .values({
        organizationId,
        templateKey: template.key,
        templateVersion: template.version,
        template,
        title: input.title.trim(),
        values,
        periodStart,
        periodEnd,
        createdBy: actor.userId,
      })
      .returning({ id: plans.id });
    if (!plan) throw new Error("plan insert returned nothing");
    await recordAudit(tx, audit, {
      action: "plan.create",
      outcome: "success",
      resourceType: "plan",
      resourceId: plan.id,
      organizationId,
      metadata: { templateKey: template.key, templateVersion: template.version },
    });
    return readPlanDocument(tx, organizationId, plan.id, "owner", deps.today());
  });
}

export interface UpdatePlanInput {
  version: number;
  title?: string | undefined;
  periodStart?: string | null | undefined;
  periodEnd?: string | null | undefined;
  header?: Record<string, unknown> | undefined;
  sections?: Record<string, Record<string, unknown>> | undefined;
}

export function staleVersion(what: string, currentVersion: number, current?: unknown): AppError {
  return new AppError(
    "conflict.stale_version",
    `This ${what} was changed by someone else since you loaded it. Reload to see the current version (${currentVersion}).`,
    [{ message: "stale version", currentVersion, current }],
  );
}

/** Header fields, field sections, title and period; fields not sent are left as they are. */
export async function updatePlan(
  deps: PlansDeps,
  actor: Actor,
  planId: string,
  input: UpdatePlanInput,
  audit: AuditContext,
) {
  const scope = await requirePlan(deps.db, actor, planId, "plan.edit");
  return deps.db.transaction(async (tx) => {
    const plan = await loadPlanRow(tx, scope.organizationId, planId);
    if (!plan) throw notFound("Plan");
    if (plan.version !== input.version) throw staleVersion("plan", plan.version);
    const problems = input.header
      ? validateFieldValues(plan.template.header, input.header, "/body/header")
      : [];
    for (const [key, values] of Object.entries(input.sections ?? {})) {
      const section = plan.template.sections.find((s) => s.key === key && s.kind === "fields");
      if (!section)
        problems.push({ field: `/body/sections/${key}`, message: `unknown field section "${key}"` });
      else problems.push(...validateFieldValues(section.fields ?? [], values, `/body/sections/${key}`));
    }
    const periodStart = input.periodStart !== undefined ? input.periodStart : plan.periodStart;
    const periodEnd = input.periodEnd !== undefined ? input.periodEnd : plan.periodEnd;
    if (periodStart && periodEnd && periodEnd < periodStart) {
      problems.push({ field: "/body/periodEnd", message: "must not be before the start of the period" });
    }
    if (problems.length > 0) throw new AppError("validation.failed", "The plan is not valid.", problems);

    const before = {
      title: plan.title,
      periodStart: plan.periodStart,
      periodEnd: plan.periodEnd,
      values: plan.values,
    };
    const sections = { ...plan.values.sections };
    for (const [key, values] of Object.entries(input.sections ?? {}))
      sections[key] = { ...(sections[key] ?? {}), ...values };
    const after = {
      title: input.title?.trim() ?? plan.title,
      periodStart,
      periodEnd,
      values: { header: { ...plan.values.header, ...(input.header ?? {}) }, sections },
    };
    const [updated] = await tx
      .update(plans)
      .set({ ...after, version: sql`${plans.version} + 1`, updatedAt: new Date() })
      .where(
        and(
          eq(plans.organizationId, scope.organizationId),
          eq(plans.id, planId),
          eq(plans.version, input.version),
        ),
      )
      .returning({ version: plans.version });
    if (!updated) throw staleVersion("plan", plan.version);
    await tx.insert(planChanges).values({
      organizationId: scope.organizationId,
      planId,
      actorUserId: actor.userId,
      kind: "plan.update",
      before: { ...before, version: plan.version },
      after: { ...after, version: updated.version },
    });
    await recordAudit(tx, audit, {
      action: "plan.update",
      outcome: "success",
      resourceType: "plan",
      resourceId: planId,
      organizationId: scope.organizationId,
    });
    return readPlanDocument(tx, scope.organizationId, planId, scope.access, deps.today());
  });
}

export async function archivePlan(deps: PlansDeps, actor: Actor, planId: string, audit: AuditContext) {
  const scope = await requirePlan(deps.db, actor, planId, "plan.archive");
  await deps.db.transaction(async (tx) => {
    await tx
      .update(plans)
      .set({ archivedAt: new Date() })
      .where(and(eq(plans.organizationId, scope.organizationId), eq(plans.id, planId)));
    await recordAudit(tx, audit, {
      action: "plan.archive",
      outcome: "success",
      resourceType: "plan",
      resourceId: planId,
      organizationId: scope.organizationId,
    });
  });
}

export async function listPlans(
  deps: PlansDeps,
  actor: Actor,
  filter: { templateKey?: string | undefined; q?: string | undefined },
) {
  // Plans of the active organization and those shared with it.
  const organizationIds = actor.activeOrganizationId ? [actor.activeOrganizationId] : [];
  const rows = await listPlanSummaries(deps.db, organizationIds, { ...filter, today: deps.today() });
  return rows.map((r) => ({
    ...r,
    updatedAt: r.updatedAt.toISOString(),
    shared: r.organizationId !== actor.activeOrganizationId,
    progress: {
      total: r.tracked,
      completed: r.completed,
      percent: r.tracked === 0 ? null : Math.round((r.completed / r.tracked) * 100),
    },
  }));
}

export async function listShares(deps: PlansDeps, actor: Actor, planId: string) {
  const scope = await requirePlan(deps.db, actor, planId, "plan.read");
  const shares = await listSharesOfPlan(deps.db, scope.organizationId, planId);
  return shares.map((s) => ({
    organizationId: s.partnerOrganizationId,
    organizationName: s.name,
    role: s.role,
  }));
}

export async function sharePlan(
  deps: PlansDeps,
  actor: Actor,
  planId: string,
  partnerOrganizationId: string,
  role: ShareRole | null,
  audit: AuditContext,
) {
  const scope = await requirePlan(deps.db, actor, planId, "plan.share");
  if (partnerOrganizationId === scope.organizationId) {
    throw new AppError("validation.failed", "A plan is not shared with its own organization.", [
      { field: "/params/organizationId", message: "is the owning organization" },
    ]);
  }
  await deps.db.transaction(async (tx) => {
    const [partner] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.id, partnerOrganizationId));
    if (!partner) throw notFound("Organization");
    const key = and(
      eq(planShares.organizationId, scope.organizationId),
      eq(planShares.planId, planId),
      eq(planShares.partnerOrganizationId, partnerOrganizationId),
    );
    if (role === null) await tx.delete(planShares).where(key);
    else {
      await tx
        .insert(planShares)
        .values({ organizationId: scope.organizationId, planId, partnerOrganizationId, role })
        .onConflictDoUpdate({
          target: [planShares.organizationId, planShares.planId, planShares.partnerOrganizationId],
          set: { role },
        });
    }
    await recordAudit(tx, audit, {
      action: role === null ? "plan.unshare" : "plan.share",
      outcome: "success",
      resourceType: "plan",
      resourceId: planId,
      organizationId: scope.organizationId,
      metadata: { partnerOrganizationId, role },
    });
  });
  return listShares(deps, actor, planId);
}

/** Who an item can be assigned to: members of the owning organization and of the partners it is shared with. */
export async function listAssignees(deps: PlansDeps, actor: Actor, planId: string) {
  const scope = await requirePlan(deps.db, actor, planId, "plan.read");
  const shares = await listSharesOfPlan(deps.db, scope.organizationId, planId);
  const organizationIds = [scope.organizationId, ...shares.map((s) => s.partnerOrganizationId)];
  const people = await deps.db
    .select({
      userId: users.id,
      name: users.name,
      organizationId: organizations.id,
      organizationName: organizations.name,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(inArray(memberships.organizationId, organizationIds))
    .orderBy(users.name);
  const orgs = await deps.db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .orderBy(organizations.name);
  return { people, organizations: orgs };
}
