import type { Db, DbOrTx } from "../../db/client.ts";
import { type Action, type Actor, authorize } from "../../server/authorization.ts";
import { AccessDeniedError, AppError } from "../../server/errors.ts";
import { findFamilyOwner } from "./families.repository.ts";

export interface FamiliesDeps {
  db: Db;
  today: () => string;
  /** The deployment's time zone: the day a plan was written is its day there, not in UTC. */
  timeZone: string;
}

export interface FamilyScope {
  familyId: string;
  organizationId: string;
  status: string;
}

/**
 * Authorizes an action on one family, by its serving organization. A family that does not exist and one
 * the actor may not see answer the same (404), so family ids reveal nothing; the denial is audited by
 * the error handler. Other organizations get access only through consent (issue 7), not here.
 */
export async function requireFamily(
  db: DbOrTx,
  actor: Actor,
  familyId: string,
  action: Action,
): Promise<FamilyScope> {
  const owner = await findFamilyOwner(db, familyId);
  if (!owner) {
    throw new AccessDeniedError({
      action,
      resourceType: "family",
      resourceId: familyId,
      organizationId: null,
      conceal: true,
    });
  }
  authorize(actor, action, { type: "family", id: familyId, organizationId: owner.organizationId });
  return { familyId, organizationId: owner.organizationId, status: owner.status };
}

/** The active organization, authorized for an organization-wide family action. */
export function requireActiveOrganization(actor: Actor, action: Action): string {
  const organizationId = actor.activeOrganizationId;
  authorize(actor, action, { type: "family", organizationId });
  if (!organizationId) throw new AppError("organization.not_member", "Choose an organization first.");
  return organizationId;
}

export function requireOpen(scope: FamilyScope): void {
  if (scope.status !== "open") {
    throw new AppError("family.case_closed", "The case is closed; reopen it before changing it.");
  }
}
