import { and, asc, eq, inArray, isNotNull, isNull, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../db/client.ts";
import { organizations, planItems, plans, users } from "../../db/schema/index.ts";
import type { Actor } from "../../server/authorization.ts";
import { addDays, DUE_SOON_DAYS, dueState } from "./plans.rules.ts";

const parent = alias(planItems, "parent_item");
const assigneeOrg = alias(organizations, "assignee_org");

export type TrackingState = "open" | "overdue" | "due_soon" | "all";

export interface TrackedItemQuery {
  /** Items assigned to this user… */
  userId?: string | undefined;
  /** …or to these organizations. */
  assigneeOrganizationIds?: string[] | undefined;
  /** Or: every tracked item of plans owned by these organizations. */
  ownerOrganizationIds?: string[] | undefined;
  state: TrackingState;
  today: string;
  limit: number;
}

/**
 * Tracked items with their plan and parent, soonest due first. The query names its organizations or its
 * user explicitly; nothing here reads another tenant's items unless the caller asked for them by assignment.
 */
export async function listTrackedItems(db: DbOrTx, q: TrackedItemQuery) {
  const who = [];
  if (q.userId) who.push(eq(planItems.assigneeUserId, q.userId));
  if (q.assigneeOrganizationIds?.length)
    who.push(inArray(planItems.assigneeOrganizationId, q.assigneeOrganizationIds));
  if (q.ownerOrganizationIds?.length) who.push(inArray(planItems.organizationId, q.ownerOrganizationIds));
  if (who.length === 0) return [];
  const open = inArray(planItems.status, ["not_started", "in_progress"]);
  const soon = addDays(q.today, DUE_SOON_DAYS);
  const state =
    q.state === "all"
      ? isNotNull(planItems.status)
      : q.state === "open"
        ? open
        : q.state === "overdue"
          ? and(open, sql`${planItems.dueDate} < ${q.today}::date`)
          : and(
              open,
              sql`${planItems.dueDate} >= ${q.today}::date and ${planItems.dueDate} <= ${soon}::date`,
            );
  const rows = await db
    .select({
      id: planItems.id,
      planId: planItems.planId,
      planTitle: plans.title,
      planOrganizationId: plans.organizationId,
      section: planItems.section,
      level: planItems.level,
      title: planItems.title,
      status: planItems.status,
      dueDate: planItems.dueDate,
      timeframe: planItems.timeframe,
      version: planItems.version,
      parentTitle: parent.title,
      assigneeUserId: planItems.assigneeUserId,
      assigneeUserName: users.name,
      assigneeOrganizationId: planItems.assigneeOrganizationId,
      assigneeOrganizationName: assigneeOrg.name,
      assigneeText: planItems.assigneeText,
    })
    .from(planItems)
    .innerJoin(plans, and(eq(plans.organizationId, planItems.organizationId), eq(plans.id, planItems.planId)))
    .leftJoin(
      parent,
      and(eq(parent.organizationId, planItems.organizationId), eq(parent.id, planItems.parentId)),
    )
    .leftJoin(users, eq(users.id, planItems.assigneeUserId))
    .leftJoin(assigneeOrg, eq(assigneeOrg.id, planItems.assigneeOrganizationId))
    .where(and(or(...who), state, isNull(plans.archivedAt)))
    .orderBy(sql`${planItems.dueDate} asc nulls last`, asc(planItems.id))
    .limit(q.limit);
  // Adds the two derived fields to the rows in place (a spread copy of every row cost more than the query's mapping).
  return rows.map((r) =>
    Object.assign(r, {
      assigneeDisplay: r.assigneeUserName ?? r.assigneeOrganizationName ?? r.assigneeText ?? "",
      dueState: dueState(r.status, r.dueDate, q.today, soon),
    }),
  );
}

/** "My action steps": assigned to me, or (scope "organizations") to any of my organizations. */
export function listMyActionSteps(
  db: DbOrTx,
  actor: Actor,
  options: { scope: "me" | "organizations"; state: TrackingState; today: string; limit: number },
) {
  return listTrackedItems(db, {
    userId: actor.userId,
    assigneeOrganizationIds:
      options.scope === "organizations" ? actor.memberships.map((m) => m.organizationId) : [],
    state: options.state,
    today: options.today,
    limit: options.limit,
  });
}
