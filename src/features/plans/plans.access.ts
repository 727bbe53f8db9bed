import type { DbOrTx } from "../../db/client.ts";
import {
  type Action,
  type Actor,
  authorize,
  hasCapability,
  membershipIn,
} from "../../server/authorization.ts";
import { AccessDeniedError, AppError } from "../../server/errors.ts";
import { editability, REVIEWABLE } from "../sip/sip.workflow.ts";
import { findPlanOwner, listSharesOfPlan } from "./plans.repository.ts";
import { type PlanAccess, planAccess } from "./plans.rules.ts";

export interface PlanScope {
  planId: string;
  organizationId: string;
  access: PlanAccess;
  status: string;
  templateKey: string;
  /** The actor reviews this plan for the state (a submitted SIP). */
  stateReviewer: boolean;
}

/** The states whose submitted SIPs the actor reviews: those of the organizations where they are a state reviewer. */
export function reviewedStates(actor: Actor): string[] {
  return actor.memberships.flatMap((m) =>
    hasCapability(actor, m.organizationId, "state_reviewer") && m.organizationState
      ? [m.organizationState]
      : [],
  );
}

/** A state reviewer (capability on any membership); with `stateCode`, one who reviews that state. */
export function isStateReviewer(actor: Actor, stateCode?: string | null): boolean {
  if (stateCode === undefined)
    return actor.memberships.some((m) => hasCapability(actor, m.organizationId, "state_reviewer"));
  return stateCode !== null && reviewedStates(actor).includes(stateCode);
}

/** What the actor may do with a plan: from the owner's membership role and the plan's shares. */
export async function resolvePlanAccess(db: DbOrTx, actor: Actor, planId: string): Promise<PlanScope | null> {
  const owner = await findPlanOwner(db, planId);
  if (!owner) return null;
  const { organizationId } = owner;
  const shares = await listSharesOfPlan(db, organizationId, planId);
  const stateReviewer =
    owner.templateKey === "county-sip" &&
    REVIEWABLE.has(owner.status) &&
    isStateReviewer(actor, owner.stateCode);
  const fromMemberships = planAccess({
    ownerRole: membershipIn(actor, organizationId)?.role ?? null,
    shares: shares.flatMap((s) => {
      const membership = membershipIn(actor, s.partnerOrganizationId);
      return membership ? [{ role: s.role, memberRole: membership.role }] : [];
    }),
  });
  const access = fromMemberships === "none" && stateReviewer ? "viewer" : fromMemberships;
  return {
    planId,
    organizationId,
    access,
    status: owner.status,
    templateKey: owner.templateKey,
    stateReviewer,
  };
}

/**
 * Resolves access and authorizes the action in one step. A plan that does not exist and one the actor
 * may not see answer the same (404), so plan ids reveal nothing.
 */
export async function requirePlan(
  db: DbOrTx,
  actor: Actor,
  planId: string,
  action: Action,
  extra: { assignedToActor?: boolean } = {},
): Promise<PlanScope> {
  const scope = await resolvePlanAccess(db, actor, planId);
  if (!scope) {
    throw new AccessDeniedError({
      action,
      resourceType: "plan",
      resourceId: planId,
      organizationId: null,
      conceal: true,
    });
  }
  authorize(actor, action, {
    type: "plan",
    id: planId,
    organizationId: scope.organizationId,
    planAccess: scope.access,
    ...extra,
  });
  // Content is frozen while the state reviews a SIP and after acceptance (until an annual update starts).
  if ((action === "plan.edit" || action === "plan.archive") && editability(scope.status) !== "content") {
    throw new AppError(
      "plan.locked",
      `The plan is ${scope.status.replace("_", " ")}: its content cannot be changed now.`,
    );
  }
  return scope;
}
