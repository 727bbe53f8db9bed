/**
 * TA request, engagement and overlap queries. A list takes its scope — a state (the TA network) or an
 * organization (what it logged, provides or receives) — so forgetting it is a type error.
 */
import { and, asc, desc, eq, ilike, inArray, notInArray, or, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import {
  organizations,
  partnerships,
  type Sector,
  type TaEngagementStatus,
  type TaLevel,
  type TaRequestStatus,
  taEngagements,
  taOverlaps,
  taRequests,
} from "../../db/schema/index.ts";
import { CLOSED_ENGAGEMENT_STATUSES, CLOSED_REQUEST_STATUSES } from "./ta-requests.rules.ts";

export type TaRequestRow = typeof taRequests.$inferSelect;
export type TaEngagementRow = typeof taEngagements.$inferSelect;
export type TaOverlapRow = typeof taOverlaps.$inferSelect;

/** The TA network sees its state; any other organization what it logged, provides or receives. */
export type TaScope = { kind: "state"; stateCode: string } | { kind: "organization"; organizationId: string };

const likeOf = (q: string) => `%${q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function loadRequest(db: DbOrTx, id: string): Promise<TaRequestRow | undefined> {
  const [row] = await db.select().from(taRequests).where(eq(taRequests.id, id));
  return row;
}

export async function loadEngagement(db: DbOrTx, id: string): Promise<TaEngagementRow | undefined> {
  const [row] = await db.select().from(taEngagements).where(eq(taEngagements.id, id));
  return row;
}

export async function listRequests(
  db: DbOrTx,
  scope: TaScope,
  filters: { status?: TaRequestStatus; level?: TaLevel; sector?: Sector; q?: string },
  options: { limit?: number; oldestFirst?: boolean } = {},
): Promise<TaRequestRow[]> {
  const where: SQL[] = [
    scope.kind === "state"
      ? eq(taRequests.stateCode, scope.stateCode)
      : (or(
          eq(taRequests.organizationId, scope.organizationId),
          eq(taRequests.recipientOrganizationId, scope.organizationId),
        ) as SQL),
  ];
  if (filters.status) where.push(eq(taRequests.status, filters.status));
  if (filters.level) where.push(eq(taRequests.level, filters.level));
  if (filters.sector) where.push(sql`${filters.sector} = any(${taRequests.sectors})`);
  if (filters.q?.trim()) {
    const like = likeOf(filters.q);
    where.push(
      or(
        ilike(taRequests.topic, like),
        ilike(taRequests.recipientName, like),
        ilike(taRequests.description, like),
        ilike(taRequests.county, like),
      ) as SQL,
    );
  }
  return db
    .select()
    .from(taRequests)
    .where(and(...where))
    .orderBy(
      ...(options.oldestFirst
        ? [asc(taRequests.createdAt)]
        : [desc(taRequests.wantedFrom), desc(taRequests.createdAt)]),
    )
    .limit(options.limit ?? 500);
}

export async function listEngagements(
  db: DbOrTx,
  scope: TaScope,
  filters: { status?: TaEngagementStatus; level?: TaLevel; sector?: Sector; q?: string; requestId?: string },
): Promise<TaEngagementRow[]> {
  const where: SQL[] = [
    scope.kind === "state"
      ? eq(taEngagements.stateCode, scope.stateCode)
      : (or(
          eq(taEngagements.providerOrganizationId, scope.organizationId),
          eq(taEngagements.recipientOrganizationId, scope.organizationId),
        ) as SQL),
  ];
  if (filters.status) where.push(eq(taEngagements.status, filters.status));
  if (filters.level) where.push(eq(taEngagements.level, filters.level));
  if (filters.requestId) where.push(eq(taEngagements.requestId, filters.requestId));
  if (filters.sector) where.push(sql`${filters.sector} = any(${taEngagements.sectors})`);
  if (filters.q?.trim()) {
    const like = likeOf(filters.q);
    where.push(
      or(
        ilike(taEngagements.topic, like),
        ilike(taEngagements.recipientName, like),
        ilike(taEngagements.activities, like),
        ilike(taEngagements.county, like),
      ) as SQL,
    );
  }
  return db
    .select()
    .from(taEngagements)
    .where(and(...where))
    .orderBy(desc(taEngagements.startsOn), desc(taEngagements.createdAt))
    .limit(500);
}

export async function engagementCounts(db: DbOrTx, requestIds: string[]) {
  if (requestIds.length === 0) return new Map<string, number>();
  const rows = await db
    .select({ requestId: taEngagements.requestId, n: sql<number>`count(*)::int` })
    .from(taEngagements)
    .where(inArray(taEngagements.requestId, requestIds))
    .groupBy(taEngagements.requestId);
  return new Map(rows.map((r) => [r.requestId as string, Number(r.n)]));
}

export async function partnershipNames(db: DbOrTx, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ id: partnerships.id, name: partnerships.name })
    .from(partnerships)
    .where(inArray(partnerships.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function requestTopics(db: DbOrTx, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ id: taRequests.id, topic: taRequests.topic })
    .from(taRequests)
    .where(inArray(taRequests.id, wanted));
  return new Map(rows.map((r) => [r.id, r.topic]));
}

export async function findPartnership(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ id: partnerships.id, county: partnerships.county, stateCode: partnerships.stateCode })
    .from(partnerships)
    .where(eq(partnerships.id, id));
  return row;
}

const DAY = (n: number) => sql`(${n} * interval '1 day')`;

/** Requests of a state whose wanted window comes within `slackDays` of [from, to], still in play. */
export async function requestCandidates(
  db: DbOrTx,
  stateCode: string,
  from: string,
  to: string,
  slackDays: number,
) {
  return db
    .select({ row: taRequests, organizationName: organizations.name })
    .from(taRequests)
    .innerJoin(organizations, eq(organizations.id, taRequests.organizationId))
    .where(
      and(
        eq(taRequests.stateCode, stateCode),
        sql`${taRequests.wantedFrom} <= ${to}::date + ${DAY(slackDays)}`,
        sql`${taRequests.wantedTo} >= ${from}::date - ${DAY(slackDays)}`,
        notInArray(taRequests.status, CLOSED_REQUEST_STATUSES),
      ),
    )
    .limit(2000);
}

export async function engagementCandidates(
  db: DbOrTx,
  stateCode: string,
  from: string,
  to: string,
  slackDays: number,
) {
  return db
    .select({ row: taEngagements, organizationName: organizations.name })
    .from(taEngagements)
    .innerJoin(organizations, eq(organizations.id, taEngagements.providerOrganizationId))
    .where(
      and(
        eq(taEngagements.stateCode, stateCode),
        sql`${taEngagements.startsOn} <= ${to}::date + ${DAY(slackDays)}`,
        sql`${taEngagements.endsOn} >= ${from}::date - ${DAY(slackDays)}`,
        notInArray(taEngagements.status, CLOSED_ENGAGEMENT_STATUSES),
      ),
    )
    .limit(2000);
}

/** Inserts a pair unless it is already known (open, linked or dismissed); answers the stored row. */
export async function upsertOverlap(
  db: DbOrTx,
  values: { stateCode: string; aKey: string; bKey: string; similarity: number; reason: string },
): Promise<TaOverlapRow | undefined> {
  await db
    .insert(taOverlaps)
    .values(values)
    .onConflictDoNothing({ target: [taOverlaps.aKey, taOverlaps.bKey] });
  const [row] = await db
    .select()
    .from(taOverlaps)
    .where(and(eq(taOverlaps.aKey, values.aKey), eq(taOverlaps.bKey, values.bKey)));
  return row;
}

export async function overlapsOfKey(db: DbOrTx, key: string, statuses: TaOverlapRow["status"][]) {
  return db
    .select()
    .from(taOverlaps)
    .where(and(or(eq(taOverlaps.aKey, key), eq(taOverlaps.bKey, key)), inArray(taOverlaps.status, statuses)))
    .orderBy(desc(taOverlaps.similarity));
}

export async function listOverlapRows(db: DbOrTx, stateCode: string, status: TaOverlapRow["status"]) {
  return db
    .select()
    .from(taOverlaps)
    .where(and(eq(taOverlaps.stateCode, stateCode), eq(taOverlaps.status, status)))
    .orderBy(desc(taOverlaps.detectedAt))
    .limit(500);
}

export async function loadOverlap(db: DbOrTx, id: string): Promise<TaOverlapRow | undefined> {
  const [row] = await db.select().from(taOverlaps).where(eq(taOverlaps.id, id));
  return row;
}

export async function requestsByIds(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ row: taRequests, organizationName: organizations.name })
    .from(taRequests)
    .innerJoin(organizations, eq(organizations.id, taRequests.organizationId))
    .where(inArray(taRequests.id, ids));
}

export async function engagementsByIds(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ row: taEngagements, organizationName: organizations.name })
    .from(taEngagements)
    .innerJoin(organizations, eq(organizations.id, taEngagements.providerOrganizationId))
    .where(inArray(taEngagements.id, ids));
}
