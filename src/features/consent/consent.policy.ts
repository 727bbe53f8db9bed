/**
 * THE policy for reading family data from outside the family's organization (docs/consent.md). Every such
 * read — the shared family view, a received referral's payload, the list of families shared with an
 * organization — asks this module, per data category and purpose. Nothing is cached: a revocation or an
 * expiry ends access on the very next request.
 */

import { allOf, type DbOrTx } from "../../db/client.ts";
import { type ConsentPurpose, DATA_CATEGORIES, type DataCategory } from "../../db/schema/consent.ts";
import { type Actor, authorize } from "../../server/authorization.ts";
import { AccessDeniedError, AppError } from "../../server/errors.ts";
import { findFamilyOwner } from "../families/families.repository.ts";
import { loadConsents, loadOpenBreakGlass } from "./consent.repository.ts";
import { type CategoryDecision, decideCategory } from "./consent.rules.ts";

export interface OpenBreakGlass {
  id: string;
  expiresAt: Date;
  reason: string;
}

export interface FamilyAccessDecision {
  familyId: string;
  ownerOrganizationId: string;
  readerOrganizationId: string;
  purpose: ConsentPurpose;
  categories: Map<DataCategory, CategoryDecision>;
  /** An open emergency access: every category is readable while it lasts. */
  breakGlass: OpenBreakGlass | null;
}

export function allowedCategories(decision: FamilyAccessDecision): DataCategory[] {
  return DATA_CATEGORIES.filter((c) => decision.breakGlass || decision.categories.get(c)?.allowed);
}

export function consentIdsOf(decision: FamilyAccessDecision): string[] {
  const ids = new Set<string>();
  for (const d of decision.categories.values()) if (d.allowed) for (const id of d.consentIds) ids.add(id);
  return [...ids];
}

/**
 * Decides, for several families of one organization at once, which categories the reader may read for a
 * purpose (used where many records are listed, e.g. a referral queue).
 */
export async function decideForFamilies(
  db: DbOrTx,
  request: {
    ownerOrganizationId: string;
    familyIds: string[];
    readerOrganizationId: string;
    purpose: ConsentPurpose;
    categories?: readonly DataCategory[];
    today: string;
    now?: Date;
  },
): Promise<Map<string, FamilyAccessDecision>> {
  const familyIds = [...new Set(request.familyIds)];
  const [consentRows, openAccesses] = await allOf(db, [
    () => loadConsents(db, request.ownerOrganizationId, familyIds, request.readerOrganizationId),
    () => loadOpenBreakGlass(db, familyIds, request.readerOrganizationId, request.now ?? new Date()),
  ]);
  const decisions = new Map<string, FamilyAccessDecision>();
  for (const familyId of familyIds) {
    const forFamily = consentRows.filter((c) => c.familyId === familyId);
    const categories = new Map<DataCategory, CategoryDecision>();
    for (const category of request.categories ?? DATA_CATEGORIES) {
      categories.set(
        category,
        decideCategory(forFamily, {
          organizationId: request.readerOrganizationId,
          category,
          purpose: request.purpose,
          today: request.today,
        }),
      );
    }
    const open = openAccesses.find((a) => a.familyId === familyId);
    decisions.set(familyId, {
      familyId,
      ownerOrganizationId: request.ownerOrganizationId,
      readerOrganizationId: request.readerOrganizationId,
      purpose: request.purpose,
      categories,
      breakGlass: open ? { id: open.id, expiresAt: open.expiresAt, reason: open.reason } : null,
    });
  }
  return decisions;
}

/**
 * The family as the actor's active organization may read it. Unknown families answer 404 like families the
 * reader may not know of; the reader must be staff of the organization it acts for; a reader from the
 * family's own organization is sent to the families routes (it needs no consent).
 */
export async function decideFamilyAccess(
  db: DbOrTx,
  actor: Actor,
  familyId: string,
  purpose: ConsentPurpose,
  today: string,
): Promise<FamilyAccessDecision> {
  const owner = await findFamilyOwner(db, familyId);
  if (!owner) {
    throw new AccessDeniedError({
      action: "family.shared.read",
      resourceType: "family",
      resourceId: familyId,
      organizationId: null,
      conceal: true,
    });
  }
  const readerOrganizationId = actor.activeOrganizationId;
  authorize(actor, "family.shared.read", {
    type: "family",
    id: familyId,
    organizationId: readerOrganizationId,
  });
  if (!readerOrganizationId) throw new AppError("organization.not_member", "Choose an organization first.");
  if (readerOrganizationId === owner.organizationId) {
    throw new AppError(
      "shared.own_family",
      "Your organization serves this family: open the family's record under Families.",
    );
  }
  const decisions = await decideForFamilies(db, {
    ownerOrganizationId: owner.organizationId,
    familyIds: [familyId],
    readerOrganizationId,
    purpose,
    today,
  });
  return decisions.get(familyId) as FamilyAccessDecision;
}
