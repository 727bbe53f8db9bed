/**
 * What the consent PDFs print: a consent as it was given (its family, the organizations, what and why,
 * how it was given, its revocation), and the blank form for one pair of organizations.
 */
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { type ConsentMethod, consents, familyMembers, organizations } from "../../db/schema/index.ts";
import { type Actor, authorize } from "../../server/authorization.ts";
import { AccessDeniedError, AppError } from "../../server/errors.ts";
import { loadSignedFormInfo, organizationNames, userNames } from "../consent/consent.repository.ts";
import { type ConsentState, consentState } from "../consent/consent.rules.ts";
import { loadFamilyRow } from "../families/families.repository.ts";

export interface FilledConsent {
  id: string;
  familyId: string;
  familyName: string;
  familyLanguage: string;
  organizationName: string;
  givenByName: string;
  /** The household member who gave it, as recorded now (with their relationship), when one was named. */
  givenByMember: { name: string; relationship: string } | null;
  receivingOrganizationNames: string[];
  categories: (typeof consents.$inferSelect)["categories"];
  purposes: (typeof consents.$inferSelect)["purposes"];
  effectiveOn: string;
  expiresOn: string | null;
  method: ConsentMethod;
  typedSignature: string | null;
  signedOn: string | null;
  witnessName: string | null;
  signedFormFileName: string | null;
  recordedByName: string | null;
  recordedAt: Date;
  revokedAt: Date | null;
  revokedByName: string | null;
  revocationReason: string | null;
  state: ConsentState;
}

/**
 * Authorizes reading one consent by its family's organization. An unknown id answers 404 like a consent
 * of another organization, so consent ids reveal nothing.
 */
export async function requireConsentOwner(db: DbOrTx, actor: Actor, consentId: string) {
  const [owner] = await db
    .select({ organizationId: consents.organizationId, familyId: consents.familyId })
    .from(consents)
    .where(eq(consents.id, consentId));
  if (!owner) {
    throw new AccessDeniedError({
      action: "consent.read",
      resourceType: "consent",
      resourceId: consentId,
      organizationId: null,
      conceal: true,
    });
  }
  authorize(actor, "consent.read", { type: "consent", id: consentId, organizationId: owner.organizationId });
  return owner;
}

export async function loadFilledConsent(
  db: DbOrTx,
  owner: { organizationId: string },
  consentId: string,
  today: string,
): Promise<FilledConsent> {
  const [row] = await db
    .select()
    .from(consents)
    .where(and(eq(consents.organizationId, owner.organizationId), eq(consents.id, consentId)));
  if (!row) throw new AppError("resource.not_found", "Consent not found.");
  const [family, member, orgs, people, forms] = await Promise.all([
    loadFamilyRow(db, row.organizationId, row.familyId),
    row.memberId
      ? db
          .select()
          .from(familyMembers)
          .where(
            and(
              eq(familyMembers.organizationId, row.organizationId),
              eq(familyMembers.familyId, row.familyId),
              eq(familyMembers.id, row.memberId),
            ),
          )
          .then((rows) => rows[0])
      : undefined,
    organizationNames(db, row.receivingOrganizationIds),
    userNames(db, [row.recordedBy, row.revokedBy]),
    loadSignedFormInfo(db, row.organizationId, [row.id]),
  ]);
  if (!family) throw new AppError("resource.not_found", "Family not found.");
  return {
    id: row.id,
    familyId: row.familyId,
    familyName: family.family.displayName,
    familyLanguage: family.family.preferredLanguage,
    organizationName: family.organizationName,
    givenByName: row.givenByName,
    givenByMember: member
      ? { name: `${member.firstName} ${member.lastName}`, relationship: member.relationship }
      : null,
    receivingOrganizationNames: row.receivingOrganizationIds.map((id) => orgs.get(id) ?? id),
    categories: row.categories,
    purposes: row.purposes,
    effectiveOn: row.effectiveOn,
    expiresOn: row.expiresOn,
    method: row.method,
    typedSignature: row.typedSignature,
    signedOn: row.signedOn,
    witnessName: row.witnessName,
    signedFormFileName: forms[0]?.fileName ?? null,
    recordedByName: row.recordedBy ? (people.get(row.recordedBy) ?? null) : null,
    recordedAt: row.recordedAt,
    revokedAt: row.revokedAt,
    revokedByName: row.revokedBy ? (people.get(row.revokedBy) ?? null) : null,
    revocationReason: row.revocationReason,
    state: consentState(row, today),
  };
}

export interface BlankConsentForm {
  sharingOrganizationName: string;
  receivingOrganizationName: string;
}

/**
 * The blank form the active organization prints for a family to share with `receivingOrganizationId`.
 * It holds no family data, so any staff member of the active organization may print it.
 */
export async function loadBlankConsentForm(
  db: DbOrTx,
  actor: Actor,
  receivingOrganizationId: string,
): Promise<BlankConsentForm> {
  const organizationId = actor.activeOrganizationId;
  authorize(actor, "consent.manage", { type: "consent_form", organizationId });
  if (!organizationId) throw new AppError("organization.not_member", "Choose an organization first.");
  if (receivingOrganizationId === organizationId) {
    throw new AppError("consent.invalid", "Your own organization needs no consent to read its families.", [
      { field: "/querystring/receivingOrganizationId", message: "is the organization printing the form" },
    ]);
  }
  const rows = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, receivingOrganizationId));
  const receiving = rows[0];
  if (!receiving) throw new AppError("organization.not_found", "There is no such organization.");
  const sharing = actor.memberships.find((m) => m.organizationId === organizationId);
  return {
    sharingOrganizationName: sharing?.organizationName ?? "",
    receivingOrganizationName: receiving.name,
  };
}
