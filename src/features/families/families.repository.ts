/** Queries only. Every query of family data takes the serving organization as its first argument. */
import { and, asc, desc, eq, exists, ilike, inArray, isNull, max, or, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import {
  families,
  familyAssessments,
  familyClosures,
  familyContacts,
  familyMembers,
  familySettings,
  organizations,
  servicePlans,
} from "../../db/schema/index.ts";

export { userNames } from "../../db/names.ts";

export type FamilyRow = typeof families.$inferSelect;
export type MemberRow = typeof familyMembers.$inferSelect;
export type AssessmentRow = typeof familyAssessments.$inferSelect;
export type ServicePlanRow = typeof servicePlans.$inferSelect;
export type ContactRow = typeof familyContacts.$inferSelect;
export type ClosureRow = typeof familyClosures.$inferSelect;

/** The serving organization of a family (family ids are unique), or undefined. Merged records count as gone. */
export async function findFamilyOwner(db: DbOrTx, familyId: string) {
  const [row] = await db
    .select({ organizationId: families.organizationId, status: families.status })
    .from(families)
    .where(and(eq(families.id, familyId), isNull(families.mergedIntoId)));
  return row;
}

export async function loadFamilyRow(db: DbOrTx, organizationId: string, familyId: string) {
  const [row] = await db
    .select({ family: families, organizationName: organizations.name })
    .from(families)
    .innerJoin(organizations, eq(organizations.id, families.organizationId))
    .where(and(eq(families.organizationId, organizationId), eq(families.id, familyId)));
  return row;
}

export interface FamilyFilters {
  q?: string | undefined;
  dateOfBirth?: string | undefined;
  phoneDigits?: string | undefined;
  status?: "open" | "closed" | "all" | undefined;
  caseManagerUserId?: string | undefined;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function listFamilyRows(db: DbOrTx, organizationId: string, filters: FamilyFilters) {
  const conditions: SQL[] = [eq(families.organizationId, organizationId), isNull(families.mergedIntoId)];
  const status = filters.status ?? "open";
  if (status !== "all") conditions.push(eq(families.status, status));
  if (filters.caseManagerUserId) conditions.push(eq(families.caseManagerUserId, filters.caseManagerUserId));
  const memberOf = (extra: SQL) =>
    exists(
      db
        .select({ one: sql`1` })
        .from(familyMembers)
        .where(
          and(
            eq(familyMembers.organizationId, families.organizationId),
            eq(familyMembers.familyId, families.id),
            extra,
          ),
        ),
    );
  const q = filters.q?.trim();
  if (q) {
    // Every word must appear in the family's name or in one member's first or last name.
    for (const word of q.split(/\s+/)) {
      const pattern = `%${escapeLike(word)}%`;
      const memberMatch = memberOf(
        or(ilike(familyMembers.firstName, pattern), ilike(familyMembers.lastName, pattern)) as SQL,
      );
      conditions.push(or(ilike(families.displayName, pattern), memberMatch) as SQL);
    }
  }
  if (filters.dateOfBirth) conditions.push(memberOf(eq(familyMembers.dateOfBirth, filters.dateOfBirth)));
  if (filters.phoneDigits) {
    const pattern = `%${escapeLike(filters.phoneDigits)}%`;
    conditions.push(
      or(ilike(families.phoneDigits, pattern), memberOf(ilike(familyMembers.phoneDigits, pattern))) as SQL,
    );
  }
  return db
    .select()
    .from(families)
    .where(and(...conditions))
    .orderBy(asc(families.displayName))
    .limit(500);
}

export async function loadMembers(db: DbOrTx, organizationId: string, familyIds: string[]) {
  if (familyIds.length === 0) return [];
  return db
    .select()
    .from(familyMembers)
    .where(and(eq(familyMembers.organizationId, organizationId), inArray(familyMembers.familyId, familyIds)))
    .orderBy(asc(familyMembers.position));
}

/** Members of the organization's families born on one of the dates: candidates for duplicates. */
export async function findMembersBornOn(db: DbOrTx, organizationId: string, dates: string[]) {
  if (dates.length === 0) return [];
  return db
    .select({ member: familyMembers, familyName: families.displayName, familyStatus: families.status })
    .from(familyMembers)
    .innerJoin(
      families,
      and(eq(families.organizationId, familyMembers.organizationId), eq(families.id, familyMembers.familyId)),
    )
    .where(
      and(
        eq(familyMembers.organizationId, organizationId),
        inArray(familyMembers.dateOfBirth, dates),
        isNull(families.mergedIntoId),
      ),
    );
}

export async function loadAssessments(db: DbOrTx, organizationId: string, familyIds: string[]) {
  if (familyIds.length === 0) return [];
  return db
    .select()
    .from(familyAssessments)
    .where(
      and(
        eq(familyAssessments.organizationId, organizationId),
        inArray(familyAssessments.familyId, familyIds),
      ),
    )
    .orderBy(asc(familyAssessments.assessedOn), asc(familyAssessments.createdAt));
}

export async function loadPlans(db: DbOrTx, organizationId: string, familyIds: string[]) {
  if (familyIds.length === 0) return [];
  return db
    .select()
    .from(servicePlans)
    .where(and(eq(servicePlans.organizationId, organizationId), inArray(servicePlans.familyId, familyIds)))
    .orderBy(asc(servicePlans.familyId), desc(servicePlans.revision));
}

export async function latestPlanRevision(db: DbOrTx, organizationId: string, familyId: string) {
  const [row] = await db
    .select({ revision: max(servicePlans.revision) })
    .from(servicePlans)
    .where(and(eq(servicePlans.organizationId, organizationId), eq(servicePlans.familyId, familyId)));
  return row?.revision ?? null;
}

export async function loadContacts(db: DbOrTx, organizationId: string, familyId: string) {
  return db
    .select()
    .from(familyContacts)
    .where(and(eq(familyContacts.organizationId, organizationId), eq(familyContacts.familyId, familyId)))
    .orderBy(desc(familyContacts.contactDate), desc(familyContacts.createdAt));
}

/** Last contact date per family. */
export async function lastContacts(db: DbOrTx, organizationId: string, familyIds: string[]) {
  if (familyIds.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ familyId: familyContacts.familyId, last: max(familyContacts.contactDate) })
    .from(familyContacts)
    .where(
      and(eq(familyContacts.organizationId, organizationId), inArray(familyContacts.familyId, familyIds)),
    )
    .groupBy(familyContacts.familyId);
  return new Map(rows.flatMap((r) => (r.last ? [[r.familyId, r.last] as const] : [])));
}

export async function loadClosures(db: DbOrTx, organizationId: string, familyId: string) {
  return db
    .select()
    .from(familyClosures)
    .where(and(eq(familyClosures.organizationId, organizationId), eq(familyClosures.familyId, familyId)))
    .orderBy(desc(familyClosures.createdAt));
}

export async function loadSettings(db: DbOrTx, organizationId: string) {
  const [row] = await db
    .select()
    .from(familySettings)
    .where(eq(familySettings.organizationId, organizationId));
  return { requirePlanApproval: row?.requirePlanApproval ?? false };
}
