import { and, desc, eq, gte, lt, lte, type SQL, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client.ts";
import { type AuditOutcome, auditEvents } from "../../db/schema/index.ts";
import { type ChainedFields, chainHash, GENESIS_HASH } from "./audit.chain.ts";

/** Who did it and where the request came from; built once per request. */
export interface AuditContext {
  actorUserId: string | null;
  actorEmail: string | null;
  organizationId: string | null;
  requestId: string | null;
  ip: string | null;
}

export interface AuditRecord {
  action: string;
  outcome: AuditOutcome;
  resourceType?: string | null;
  resourceId?: string | null;
  /** Overrides the context's organization (e.g. the organization that owns the resource). */
  organizationId?: string | null;
  metadata?: Record<string, unknown> | null;
}

// Serializes appends across connections and app processes so the chain has one order.
const AUDIT_CHAIN_LOCK = 727_002;

/**
 * Appends one event to the chain. Pass the transaction of the change being audited so the event
 * commits (or rolls back) with it.
 */
export async function recordAudit(dbOrTx: DbOrTx, context: AuditContext, record: AuditRecord): Promise<void> {
  await dbOrTx.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
    const [last] = await tx
      .select({ hash: auditEvents.hash })
      .from(auditEvents)
      .orderBy(desc(auditEvents.seq))
      .limit(1);
    const fields: ChainedFields = {
      occurredAt: new Date(),
      actorUserId: context.actorUserId,
      actorEmail: context.actorEmail,
      organizationId: record.organizationId !== undefined ? record.organizationId : context.organizationId,
      action: record.action,
      resourceType: record.resourceType ?? null,
      resourceId: record.resourceId ?? null,
      outcome: record.outcome,
      requestId: context.requestId,
      ip: context.ip,
      metadata: record.metadata ?? null,
    };
    const prevHash = last?.hash ?? GENESIS_HASH;
    await tx.insert(auditEvents).values({ ...fields, prevHash, hash: chainHash(prevHash, fields) });
  });
}

export interface ChainVerification {
  ok: boolean;
  checked: number;
  /** The first event whose link or content does not match. */
  firstBroken: { seq: number; id: string; reason: "prev_hash_mismatch" | "hash_mismatch" } | null;
}

export async function verifyAuditChain(
  db: Db,
  onProgress?: (checked: number) => void,
): Promise<ChainVerification> {
  let expectedPrev = GENESIS_HASH;
  let checked = 0;
  let afterSeq = 0;
  const batchSize = 5000;
  for (;;) {
    const batch = await db
      .select()
      .from(auditEvents)
      .where(sql`${auditEvents.seq} > ${afterSeq}`)
      .orderBy(auditEvents.seq)
      .limit(batchSize);
    for (const row of batch) {
      if (row.prevHash !== expectedPrev) {
        return {
          ok: false,
          checked,
          firstBroken: { seq: row.seq, id: row.id, reason: "prev_hash_mismatch" },
        };
      }
      if (chainHash(row.prevHash, row) !== row.hash) {
        return { ok: false, checked, firstBroken: { seq: row.seq, id: row.id, reason: "hash_mismatch" } };
      }
      expectedPrev = row.hash;
      checked++;
      afterSeq = row.seq;
    }
    onProgress?.(checked);
    if (batch.length < batchSize) return { ok: true, checked, firstBroken: null };
  }
}

/** The filters a privacy officer narrows the log by; the organization is required, never optional. */
export interface AuditFilter {
  organizationId: string;
  action?: string | undefined;
  actorUserId?: string | undefined;
  /** Events about the family itself, or about things inside it (metadata.familyId). */
  familyId?: string | undefined;
  /** The organization the actor acted for: metadata.actorOrganizationId, else the event's organization. */
  actorOrganizationId?: string | undefined;
  outcome?: AuditOutcome | undefined;
  resourceType?: string | undefined;
  resourceId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

export interface AuditQuery extends AuditFilter {
  /** seq of the last event of the previous page. */
  beforeSeq?: number | undefined;
  limit: number;
}

function auditConditions(filter: AuditFilter): SQL[] {
  const conditions: SQL[] = [eq(auditEvents.organizationId, filter.organizationId)];
  if (filter.action) conditions.push(eq(auditEvents.action, filter.action));
  if (filter.actorUserId) conditions.push(eq(auditEvents.actorUserId, filter.actorUserId));
  if (filter.familyId) {
    conditions.push(
      sql`((${auditEvents.resourceType} = 'family' and ${auditEvents.resourceId} = ${filter.familyId}) or ${auditEvents.metadata}->>'familyId' = ${filter.familyId})`,
    );
  }
  if (filter.actorOrganizationId) {
    conditions.push(
      sql`coalesce(${auditEvents.metadata}->>'actorOrganizationId', ${auditEvents.organizationId}::text) = ${filter.actorOrganizationId}`,
    );
  }
  if (filter.outcome) conditions.push(eq(auditEvents.outcome, filter.outcome));
  if (filter.resourceType) conditions.push(eq(auditEvents.resourceType, filter.resourceType));
  if (filter.resourceId) conditions.push(eq(auditEvents.resourceId, filter.resourceId));
  if (filter.from) conditions.push(gte(auditEvents.occurredAt, filter.from));
  if (filter.to) conditions.push(lte(auditEvents.occurredAt, filter.to));
  return conditions;
}

/** Newest first, for one organization; the organization is a required argument, never optional. */
export async function listAuditEvents(db: Db, query: AuditQuery) {
  const conditions = auditConditions(query);
  if (query.beforeSeq) conditions.push(lt(auditEvents.seq, query.beforeSeq));
  return db
    .select()
    .from(auditEvents)
    .where(and(...conditions))
    .orderBy(desc(auditEvents.seq))
    .limit(query.limit);
}

export type AuditEventRow = Awaited<ReturnType<typeof listAuditEvents>>[number];

/**
 * Every matching event, newest first, in batches (keyset paging on seq), so an export of a whole log
 * never holds it in memory at once.
 */
export async function* allAuditEvents(
  db: Db,
  filter: AuditFilter,
  batchSize = 1000,
): AsyncGenerator<AuditEventRow[]> {
  let beforeSeq: number | undefined;
  for (;;) {
    const batch = await listAuditEvents(db, { ...filter, beforeSeq, limit: batchSize });
    if (batch.length > 0) yield batch;
    const last = batch.at(-1);
    if (batch.length < batchSize || !last) return;
    beforeSeq = last.seq;
  }
}
