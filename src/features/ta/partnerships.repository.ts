/** Partnership registry queries. The registry is shared: reads take no tenant; writes are scoped by id. */
import { and, asc, desc, eq, ilike, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import {
  organizations,
  partnershipDocuments,
  partnershipLevels,
  partnershipMembers,
  partnerships,
  type Sector,
} from "../../db/schema/index.ts";

export { organizationNames, userNames } from "../../db/names.ts";

export type PartnershipRow = typeof partnerships.$inferSelect;
export type MemberRow = typeof partnershipMembers.$inferSelect;
export type LevelRow = typeof partnershipLevels.$inferSelect;

export async function listPartnershipRows(
  db: DbOrTx,
  filters: { q?: string | undefined; stateCode?: string | undefined; sector?: Sector | undefined },
): Promise<PartnershipRow[]> {
  const where: SQL[] = [];
  if (filters.stateCode) where.push(eq(partnerships.stateCode, filters.stateCode));
  if (filters.q?.trim()) {
    const like = `%${filters.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(
      or(
        ilike(partnerships.name, like),
        ilike(partnerships.geographyName, like),
        ilike(partnerships.county, like),
        sql`exists (select 1 from ${partnershipMembers} m where m.partnership_id = ${partnerships.id} and m.name ilike ${like})`,
      ) as SQL,
    );
  }
  if (filters.sector) {
    where.push(
      sql`exists (select 1 from ${partnershipMembers} m where m.partnership_id = ${partnerships.id} and m.sector = ${filters.sector} and m.left_on is null)`,
    );
  }
  return db
    .select()
    .from(partnerships)
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(partnerships.name))
    .limit(500);
}

export async function loadPartnership(db: DbOrTx, id: string): Promise<PartnershipRow | undefined> {
  const [row] = await db.select().from(partnerships).where(eq(partnerships.id, id));
  return row;
}

export async function loadMembers(db: DbOrTx, partnershipIds: string[]): Promise<MemberRow[]> {
  if (partnershipIds.length === 0) return [];
  return db
    .select()
    .from(partnershipMembers)
    .where(inArray(partnershipMembers.partnershipId, partnershipIds))
    .orderBy(asc(partnershipMembers.name));
}

export async function currentMembersCount(db: DbOrTx, partnershipId: string) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(partnershipMembers)
    .where(and(eq(partnershipMembers.partnershipId, partnershipId), isNull(partnershipMembers.leftOn)));
  return row?.n ?? 0;
}

/** Newest assessment first. */
export async function loadLevels(db: DbOrTx, partnershipIds: string[]): Promise<LevelRow[]> {
  if (partnershipIds.length === 0) return [];
  return db
    .select()
    .from(partnershipLevels)
    .where(inArray(partnershipLevels.partnershipId, partnershipIds))
    .orderBy(desc(partnershipLevels.assessedOn), desc(partnershipLevels.recordedAt));
}

/** Documents without their bytes. */
export async function loadDocuments(db: DbOrTx, partnershipId: string) {
  return db
    .select({
      id: partnershipDocuments.id,
      title: partnershipDocuments.title,
      kind: partnershipDocuments.kind,
      url: partnershipDocuments.url,
      fileName: partnershipDocuments.fileName,
      contentType: partnershipDocuments.contentType,
      sizeBytes: sql<number | null>`octet_length(${partnershipDocuments.content})`,
      addedBy: partnershipDocuments.addedBy,
      addedAt: partnershipDocuments.addedAt,
    })
    .from(partnershipDocuments)
    .where(eq(partnershipDocuments.partnershipId, partnershipId))
    .orderBy(asc(partnershipDocuments.addedAt));
}

export async function loadDocumentFile(db: DbOrTx, partnershipId: string, documentId: string) {
  const [row] = await db
    .select()
    .from(partnershipDocuments)
    .where(
      and(eq(partnershipDocuments.partnershipId, partnershipId), eq(partnershipDocuments.id, documentId)),
    );
  return row;
}

export async function organizationExists(db: DbOrTx, id: string) {
  const [row] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, id));
  return row !== undefined;
}

/** Bumps the version of a partnership when a part of it changes; answers whether it still exists. */
export async function touchPartnership(db: DbOrTx, id: string) {
  const [row] = await db
    .update(partnerships)
    .set({ version: sql`${partnerships.version} + 1`, updatedAt: new Date() })
    .where(eq(partnerships.id, id))
    .returning({ id: partnerships.id });
  return row !== undefined;
}
