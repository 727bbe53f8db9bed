import { and, asc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../db/client.ts";
import { organizations, planItems, planShares, plans, users } from "../../db/schema/index.ts";
import type { ItemRow, PlanRow } from "./plans.presenter.ts";

const assigneeOrg = alias(organizations, "assignee_org");

/** Columns of an item with its assignee's names, as the presenter needs them. */
export const itemColumns = {
  id: planItems.id,
  parentId: planItems.parentId,
  section: planItems.section,
  level: planItems.level,
  position: planItems.position,
  title: planItems.title,
  fields: planItems.fields,
  status: planItems.status,
  assigneeUserId: planItems.assigneeUserId,
  assigneeUserName: users.name,
  assigneeOrganizationId: planItems.assigneeOrganizationId,
  assigneeOrganizationName: assigneeOrg.name,
  assigneeText: planItems.assigneeText,
  dueDate: planItems.dueDate,
  timeframe: planItems.timeframe,
  completedAt: planItems.completedAt,
  version: planItems.version,
  updatedAt: planItems.updatedAt,
};

/** The owning organization, status and template of a plan (plan ids are unique), or undefined. */
export async function findPlanOwner(db: DbOrTx, planId: string) {
  const [row] = await db
    .select({
      organizationId: plans.organizationId,
      status: plans.status,
      templateKey: plans.templateKey,
      stateCode: organizations.stateCode,
    })
    .from(plans)
    .innerJoin(organizations, eq(organizations.id, plans.organizationId))
    .where(and(eq(plans.id, planId), isNull(plans.archivedAt)));
  return row;
}

export async function listSharesOfPlan(db: DbOrTx, organizationId: string, planId: string) {
  return db
    .select({
      partnerOrganizationId: planShares.partnerOrganizationId,
      role: planShares.role,
      name: organizations.name,
    })
    .from(planShares)
    .innerJoin(organizations, eq(organizations.id, planShares.partnerOrganizationId))
    .where(and(eq(planShares.organizationId, organizationId), eq(planShares.planId, planId)))
    .orderBy(organizations.name);
}

export async function loadPlanRow(
  db: DbOrTx,
  organizationId: string,
  planId: string,
): Promise<PlanRow | undefined> {
  const [row] = await db
    .select({ plan: plans, organizationName: organizations.name })
    .from(plans)
    .innerJoin(organizations, eq(organizations.id, plans.organizationId))
    .where(and(eq(plans.organizationId, organizationId), eq(plans.id, planId), isNull(plans.archivedAt)));
  if (!row) return undefined;
  return { ...row.plan, organizationName: row.organizationName };
}

export async function loadItemRows(db: DbOrTx, organizationId: string, planId: string): Promise<ItemRow[]> {
  return db
    .select(itemColumns)
    .from(planItems)
    .leftJoin(users, eq(users.id, planItems.assigneeUserId))
    .leftJoin(assigneeOrg, eq(assigneeOrg.id, planItems.assigneeOrganizationId))
    .where(and(eq(planItems.organizationId, organizationId), eq(planItems.planId, planId)))
    .orderBy(asc(planItems.position));
}

export async function loadItem(db: DbOrTx, organizationId: string, planId: string, itemId: string) {
  const [row] = await db
    .select()
    .from(planItems)
    .where(
      and(
        eq(planItems.organizationId, organizationId),
        eq(planItems.planId, planId),
        eq(planItems.id, itemId),
      ),
    );
  return row;
}

export async function listSiblings(
  db: DbOrTx,
  organizationId: string,
  planId: string,
  parentId: string | null,
  section: string,
) {
  return db
    .select({ id: planItems.id, position: planItems.position })
    .from(planItems)
    .where(
      and(
        eq(planItems.organizationId, organizationId),
        eq(planItems.planId, planId),
        parentId
          ? eq(planItems.parentId, parentId)
          : and(isNull(planItems.parentId), eq(planItems.section, section)),
      ),
    )
    .orderBy(asc(planItems.position), asc(planItems.id));
}

/** Plans owned by, or shared with, any of the given organizations. */
export async function listPlanSummaries(
  db: DbOrTx,
  organizationIds: string[],
  filter: { templateKey?: string | undefined; q?: string | undefined; today: string },
) {
  if (organizationIds.length === 0) return [];
  const shared = db
    .select({ planId: planShares.planId })
    .from(planShares)
    .where(inArray(planShares.partnerOrganizationId, organizationIds));
  const conditions = [
    isNull(plans.archivedAt),
    or(inArray(plans.organizationId, organizationIds), inArray(plans.id, shared)),
  ];
  if (filter.templateKey) conditions.push(eq(plans.templateKey, filter.templateKey));
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(
      or(
        sql`${plans.title} ilike ${pattern}`,
        sql`exists (select 1 from plan_items i where i.organization_id = ${plans.organizationId} and i.plan_id = ${plans.id} and i.title ilike ${pattern})`,
      ),
    );
  }
  return db
    .select({
      id: plans.id,
      organizationId: plans.organizationId,
      organizationName: organizations.name,
      title: plans.title,
      templateKey: plans.templateKey,
      templateVersion: plans.templateVersion,
      templateName: sql<{ en: string; es: string }>`${plans.template}->'name'`,
      status: plans.status,
      periodStart: plans.periodStart,
      periodEnd: plans.periodEnd,
      updatedAt: plans.updatedAt,
      tracked:
        sql<number>`(select count(*) from plan_items i where i.organization_id = ${plans.organizationId} and i.plan_id = ${plans.id} and i.status is not null and i.status <> 'dropped')`.mapWith(
          Number,
        ),
      completed:
        sql<number>`(select count(*) from plan_items i where i.organization_id = ${plans.organizationId} and i.plan_id = ${plans.id} and i.status = 'completed')`.mapWith(
          Number,
        ),
      overdue:
        sql<number>`(select count(*) from plan_items i where i.organization_id = ${plans.organizationId} and i.plan_id = ${plans.id} and i.status in ('not_started', 'in_progress') and i.due_date < ${filter.today}::date)`.mapWith(
          Number,
        ),
    })
    .from(plans)
    .innerJoin(organizations, eq(organizations.id, plans.organizationId))
    .where(and(...conditions))
    .orderBy(sql`${plans.updatedAt} desc`)
    .limit(500);
}
