/** Queries of the consent feature. Each takes the family's organization (or the reader's) explicitly. */
import { and, desc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import {
  breakGlassAccesses,
  consentDocuments,
  consents,
  families,
  familyProgramRecords,
  memberships,
  referrals,
  users,
} from "../../db/schema/index.ts";

export { organizationNames, userNames } from "../referrals/referrals.repository.ts";

export type ConsentRow = typeof consents.$inferSelect;

/** Consents of a family (or several), optionally only those naming the reader as a receiver. */
export async function loadConsents(
  db: DbOrTx,
  organizationId: string,
  familyIds: string[],
  readerOrganizationId?: string,
): Promise<ConsentRow[]> {
  if (familyIds.length === 0) return [];
  return db
    .select()
    .from(consents)
    .where(
      and(
        eq(consents.organizationId, organizationId),
        inArray(consents.familyId, familyIds),
        readerOrganizationId
          ? sql`${readerOrganizationId}::uuid = any(${consents.receivingOrganizationIds})`
          : undefined,
      ),
    )
    .orderBy(desc(consents.recordedAt));
}

/** Every consent naming the reader, across the organizations that share with it. */
export async function loadConsentsNaming(db: DbOrTx, readerOrganizationId: string): Promise<ConsentRow[]> {
  return db
    .select()
    .from(consents)
    .where(sql`${readerOrganizationId}::uuid = any(${consents.receivingOrganizationIds})`)
    .orderBy(desc(consents.recordedAt));
}

export async function findConsentOwner(db: DbOrTx, consentId: string) {
  const [row] = await db
    .select({ organizationId: consents.organizationId, familyId: consents.familyId })
    .from(consents)
    .where(eq(consents.id, consentId));
  return row;
}

export async function loadSignedFormInfo(db: DbOrTx, organizationId: string, consentIds: string[]) {
  if (consentIds.length === 0) return [];
  return db
    .select({
      consentId: consentDocuments.consentId,
      fileName: consentDocuments.fileName,
      contentType: consentDocuments.contentType,
      sizeBytes: consentDocuments.sizeBytes,
      uploadedAt: consentDocuments.uploadedAt,
    })
    .from(consentDocuments)
    .where(
      and(
        eq(consentDocuments.organizationId, organizationId),
        inArray(consentDocuments.consentId, consentIds),
      ),
    );
}

export async function loadSignedForm(db: DbOrTx, organizationId: string, consentId: string) {
  const [row] = await db
    .select()
    .from(consentDocuments)
    .where(
      and(eq(consentDocuments.organizationId, organizationId), eq(consentDocuments.consentId, consentId)),
    );
  return row;
}

/** Break-glass accesses of the reader to these families that are still open at `now`. */
export async function loadOpenBreakGlass(
  db: DbOrTx,
  familyIds: string[],
  readerOrganizationId: string,
  now: Date,
) {
  if (familyIds.length === 0) return [];
  return db
    .select()
    .from(breakGlassAccesses)
    .where(
      and(
        inArray(breakGlassAccesses.familyId, familyIds),
        eq(breakGlassAccesses.accessingOrganizationId, readerOrganizationId),
        gt(breakGlassAccesses.expiresAt, now),
      ),
    )
    .orderBy(desc(breakGlassAccesses.expiresAt));
}

/** Has the reader any tie to the family: a consent naming it (in any state) or a referral it received? */
export async function readerIsRelated(
  db: DbOrTx,
  organizationId: string,
  familyId: string,
  readerOrganizationId: string,
): Promise<boolean> {
  const [consent] = await loadConsents(db, organizationId, [familyId], readerOrganizationId);
  if (consent) return true;
  const [referral] = await db
    .select({ id: referrals.id })
    .from(referrals)
    .where(
      and(
        eq(referrals.organizationId, organizationId),
        eq(referrals.familyId, familyId),
        eq(referrals.receivingOrganizationId, readerOrganizationId),
      ),
    )
    .limit(1);
  return referral !== undefined;
}

export async function familyDisplayNames(db: DbOrTx, familyIds: string[]) {
  if (familyIds.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ id: families.id, displayName: families.displayName })
    .from(families)
    .where(and(inArray(families.id, familyIds), isNull(families.mergedIntoId)));
  return new Map(rows.map((r) => [r.id, r.displayName]));
}

export async function loadProgramRecords(db: DbOrTx, organizationId: string, familyId: string) {
  return db
    .select()
    .from(familyProgramRecords)
    .where(
      and(
        eq(familyProgramRecords.organizationId, organizationId),
        eq(familyProgramRecords.familyId, familyId),
      ),
    )
    .orderBy(desc(familyProgramRecords.recordedOn), desc(familyProgramRecords.createdAt));
}

/** Who reviews break-glass accesses: the organization's privacy officers, or its admins when it has none. */
export async function privacyReviewerEmails(db: DbOrTx, organizationId: string): Promise<string[]> {
  const rows = await db
    .select({ email: users.email, privacyOfficer: memberships.privacyOfficer, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organizationId, organizationId));
  const officers = rows.filter((r) => r.privacyOfficer);
  return (officers.length > 0 ? officers : rows.filter((r) => r.role === "admin")).map((r) => r.email);
}
