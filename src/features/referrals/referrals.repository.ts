/** Referral queries. Each takes the organization it acts for (sender or receiver), never trusts an id alone. */
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import {
  families,
  hsdsOrganizations,
  hsdsServiceAtLocations,
  hsdsServices,
  memberships,
  type ReferralStatus,
  referralEvents,
  referralProviderLinks,
  referrals,
  servicePlans,
  users,
} from "../../db/schema/index.ts";

export { organizationNames, userNames } from "../../db/names.ts";

export type ReferralRow = typeof referrals.$inferSelect;

/** Who sent it and who receives it: enough to authorize, before anything else is read. */
export async function findReferralParties(db: DbOrTx, referralId: string) {
  const [row] = await db
    .select({
      organizationId: referrals.organizationId,
      receivingOrganizationId: referrals.receivingOrganizationId,
    })
    .from(referrals)
    .where(eq(referrals.id, referralId));
  return row;
}

export async function loadReferral(db: DbOrTx, senderOrganizationId: string, referralId: string) {
  const [row] = await db
    .select()
    .from(referrals)
    .where(and(eq(referrals.organizationId, senderOrganizationId), eq(referrals.id, referralId)));
  return row;
}

export async function loadEvents(db: DbOrTx, senderOrganizationId: string, referralIds: string[]) {
  if (referralIds.length === 0) return [];
  return db
    .select()
    .from(referralEvents)
    .where(
      and(
        eq(referralEvents.organizationId, senderOrganizationId),
        inArray(referralEvents.referralId, referralIds),
      ),
    )
    .orderBy(asc(referralEvents.occurredAt));
}

/** Referrals sent by an organization, newest first, optionally of one family. */
export async function listSent(db: DbOrTx, senderOrganizationId: string, familyId?: string) {
  return db
    .select()
    .from(referrals)
    .where(
      and(
        eq(referrals.organizationId, senderOrganizationId),
        familyId ? eq(referrals.familyId, familyId) : undefined,
      ),
    )
    .orderBy(desc(referrals.sentAt));
}

/** Referrals received by an organization, oldest open first. */
export async function listReceived(db: DbOrTx, receivingOrganizationId: string, statuses?: ReferralStatus[]) {
  return db
    .select()
    .from(referrals)
    .where(
      and(
        eq(referrals.receivingOrganizationId, receivingOrganizationId),
        statuses && statuses.length > 0 ? inArray(referrals.status, statuses) : undefined,
      ),
    )
    .orderBy(desc(referrals.sentAt));
}

/** The directory service being referred to, its provider and the Trellis organization linked to it. */
export async function findServiceForReferral(db: DbOrTx, serviceId: string) {
  const [row] = await db
    .select({
      id: hsdsServices.id,
      name: hsdsServices.name,
      status: hsdsServices.status,
      hsdsOrganizationId: hsdsServices.organization_id,
      providerName: hsdsOrganizations.name,
      receivingOrganizationId: referralProviderLinks.organizationId,
    })
    .from(hsdsServices)
    .leftJoin(hsdsOrganizations, eq(hsdsOrganizations.id, hsdsServices.organization_id))
    .leftJoin(
      referralProviderLinks,
      eq(referralProviderLinks.hsdsOrganizationId, hsdsServices.organization_id),
    )
    .where(eq(hsdsServices.id, serviceId));
  return row;
}

export async function serviceAtLocationBelongs(db: DbOrTx, serviceAtLocationId: string, serviceId: string) {
  const [row] = await db
    .select({ id: hsdsServiceAtLocations.id })
    .from(hsdsServiceAtLocations)
    .where(
      and(
        eq(hsdsServiceAtLocations.id, serviceAtLocationId),
        eq(hsdsServiceAtLocations.service_id, serviceId),
      ),
    );
  return row !== undefined;
}

/** The goals of the family's newest plan revision with the given number. */
export async function loadPlanGoals(db: DbOrTx, organizationId: string, familyId: string, revision: number) {
  const [row] = await db
    .select({ goals: servicePlans.goals })
    .from(servicePlans)
    .where(
      and(
        eq(servicePlans.organizationId, organizationId),
        eq(servicePlans.familyId, familyId),
        eq(servicePlans.revision, revision),
      ),
    );
  return row?.goals;
}

export async function familyNames(db: DbOrTx, organizationId: string, familyIds: string[]) {
  if (familyIds.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ id: families.id, name: families.displayName })
    .from(families)
    .where(and(eq(families.organizationId, organizationId), inArray(families.id, familyIds)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** E-mail addresses of an organization's staff, managers and admins (who work the referral queue). */
export async function staffEmails(db: DbOrTx, organizationId: string) {
  const rows = await db
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.organizationId, organizationId),
        sql`${memberships.role} in ('staff', 'manager', 'admin')`,
      ),
    );
  return rows.map((r) => r.email);
}

export async function userEmail(db: DbOrTx, userId: string | null) {
  if (!userId) return undefined;
  const [row] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  return row?.email;
}
