/**
 * Overlap detection in the database (the rules are in ta.overlap.rules.ts) and the "possible overlaps"
 * board: providers of the state dismiss a pair or link it (an engagement then answers the request).
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import { allOf, type Db, type DbOrTx } from "../../db/client.ts";
import { taEngagements, taOverlaps } from "../../db/schema/index.ts";
import { type Actor, authorize, membershipIn } from "../../server/authorization.ts";
import { AccessDeniedError, AppError } from "../../server/errors.ts";
import { type AuditContext, recordAudit } from "../audit/audit.service.ts";
import { userNames } from "./partnerships.repository.ts";
import {
  canonicalPair,
  DEFAULT_OVERLAP_OPTIONS,
  findOverlaps,
  itemKey,
  type OverlapItem,
  type OverlapOptions,
  parseItemKey,
} from "./ta.overlap.rules.ts";
import { networkState, requireNetwork } from "./ta-requests.access.ts";
import {
  engagementCandidates,
  engagementsByIds,
  listOverlapRows,
  loadOverlap,
  overlapsOfKey,
  requestCandidates,
  requestsByIds,
  type TaEngagementRow,
  type TaOverlapRow,
  type TaRequestRow,
  upsertOverlap,
} from "./ta-requests.repository.ts";
import { CLOSED_ENGAGEMENT_STATUSES, CLOSED_REQUEST_STATUSES } from "./ta-requests.rules.ts";
import type {
  DecideTaOverlapInput,
  OverlapSideDocument,
  PossibleOverlapDocument,
  TaOverlapDocument,
} from "./ta-requests.schema.ts";

export function requestItem(row: TaRequestRow): OverlapItem {
  return {
    key: itemKey("request", row.id),
    recipientKind: row.recipientKind,
    recipientName: row.recipientName,
    recipientOrganizationId: row.recipientOrganizationId,
    partnershipId: row.partnershipId,
    county: row.county,
    stateCode: row.stateCode,
    topic: row.topic,
    sectors: row.sectors,
    from: row.wantedFrom,
    to: row.wantedTo,
  };
}

export function engagementItem(row: TaEngagementRow): OverlapItem {
  return {
    key: itemKey("engagement", row.id),
    recipientKind: row.recipientKind,
    recipientName: row.recipientName,
    recipientOrganizationId: row.recipientOrganizationId,
    partnershipId: row.partnershipId,
    county: row.county,
    stateCode: row.stateCode,
    topic: row.topic,
    sectors: row.sectors,
    from: row.startsOn,
    to: row.endsOn,
  };
}

/**
 * One detection (or decision) at a time per state: two providers logging the same TA at the same moment each
 * see the other's item (read committed: the second waits here, then its queries see the first's commit).
 * Taken first in the transaction, before the audit chain's lock, so the two locks are always in one order.
 */
async function lockStateOverlaps(tx: DbOrTx, stateCode: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`trellis.ta_overlaps.${stateCode}`}))`);
}

/**
 * Compares one request or engagement with the others of its state in an overlapping window and records each
 * pair found (once: a dismissed pair is not flagged again). An engagement and the request it answers are
 * not an overlap: they are already coordinated.
 */
export async function detectOverlaps(
  tx: DbOrTx,
  subject: { kind: "request"; row: TaRequestRow } | { kind: "engagement"; row: TaEngagementRow },
  options: OverlapOptions = DEFAULT_OVERLAP_OPTIONS,
): Promise<number> {
  const closed =
    subject.kind === "request"
      ? CLOSED_REQUEST_STATUSES.includes(subject.row.status)
      : CLOSED_ENGAGEMENT_STATUSES.includes(subject.row.status);
  if (closed) return 0;
  const item = subject.kind === "request" ? requestItem(subject.row) : engagementItem(subject.row);
  await lockStateOverlaps(tx, item.stateCode);
  const [requests, engagements] = await allOf(tx, [
    () => requestCandidates(tx, item.stateCode, item.from, item.to, options.slackDays),
    () => engagementCandidates(tx, item.stateCode, item.from, item.to, options.slackDays),
  ]);
  const candidates = [
    ...requests
      .filter(({ row }) => !(subject.kind === "engagement" && subject.row.requestId === row.id))
      .map(({ row }) => requestItem(row)),
    ...engagements
      .filter(({ row }) => !(subject.kind === "request" && row.requestId === subject.row.id))
      .map(({ row }) => engagementItem(row)),
  ];
  const matches = findOverlaps(item, candidates, options);
  for (const match of matches) {
    await upsertOverlap(tx, {
      stateCode: item.stateCode,
      ...canonicalPair(item.key, match.other.key),
      similarity: match.similarity,
      reason: match.reason,
    });
  }
  return matches.length;
}

interface Side extends OverlapSideDocument {
  organizationId: string;
  recipientOrganizationId: string | null;
}

/** The items behind overlap keys, as one side of a pair. */
async function sidesOf(db: DbOrTx, keys: string[]): Promise<Map<string, Side>> {
  const parsed = keys.map(parseItemKey).filter((k) => k !== null);
  const [requests, engagements] = await Promise.all([
    requestsByIds(
      db,
      parsed.filter((k) => k.kind === "request").map((k) => k.id),
    ),
    engagementsByIds(
      db,
      parsed.filter((k) => k.kind === "engagement").map((k) => k.id),
    ),
  ]);
  const sides = new Map<string, Side>();
  for (const { row, organizationName } of requests) {
    sides.set(itemKey("request", row.id), {
      kind: "request",
      id: row.id,
      topic: row.topic,
      recipientName: row.recipientName,
      from: row.wantedFrom,
      to: row.wantedTo,
      organizationName,
      status: row.status,
      organizationId: row.organizationId,
      recipientOrganizationId: row.recipientOrganizationId,
    });
  }
  for (const { row, organizationName } of engagements) {
    sides.set(itemKey("engagement", row.id), {
      kind: "engagement",
      id: row.id,
      topic: row.topic,
      recipientName: row.recipientName,
      from: row.startsOn,
      to: row.endsOn,
      organizationName,
      status: row.status,
      organizationId: row.providerOrganizationId,
      recipientOrganizationId: row.recipientOrganizationId,
    });
  }
  return sides;
}

const publicSide = (side: Side | undefined): OverlapSideDocument | null =>
  side
    ? {
        kind: side.kind,
        id: side.id,
        topic: side.topic,
        recipientName: side.recipientName,
        from: side.from,
        to: side.to,
        organizationName: side.organizationName,
        status: side.status,
      }
    : null;

/**
 * The open (and linked) overlaps of an item, as the other side. The TA network of the state sees them all;
 * anyone else only those whose other item is theirs (logged, provided or received), so a community logging
 * its own request learns nothing of other recipients.
 */
export async function possibleOverlapsFor(
  db: DbOrTx,
  actor: Actor,
  key: string,
  stateCode: string,
): Promise<PossibleOverlapDocument[]> {
  const rows = await overlapsOfKey(db, key, ["open", "linked"]);
  if (rows.length === 0) return [];
  const others = rows.map((r) => (r.aKey === key ? r.bKey : r.aKey));
  const sides = await sidesOf(db, others);
  const seesAll = networkState(actor) === stateCode;
  const out: PossibleOverlapDocument[] = [];
  for (const [i, row] of rows.entries()) {
    const side = sides.get(others[i] as string);
    if (!side) continue;
    const own =
      membershipIn(actor, side.organizationId) !== undefined ||
      (side.recipientOrganizationId !== null &&
        membershipIn(actor, side.recipientOrganizationId) !== undefined);
    if (!seesAll && !own) continue;
    out.push({
      overlapId: row.id,
      kind: side.kind,
      id: side.id,
      topic: side.topic,
      recipientName: side.recipientName,
      from: side.from,
      to: side.to,
      organizationName: side.organizationName,
      similarity: Number(row.similarity),
      reason: row.reason,
      status: row.status,
    });
  }
  return out;
}

async function presentOverlaps(db: DbOrTx, rows: TaOverlapRow[]): Promise<TaOverlapDocument[]> {
  const [sides, people] = await Promise.all([
    sidesOf(
      db,
      rows.flatMap((r) => [r.aKey, r.bKey]),
    ),
    userNames(
      db,
      rows.map((r) => r.decidedBy),
    ),
  ]);
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    similarity: Number(r.similarity),
    reason: r.reason,
    stateCode: r.stateCode,
    a: publicSide(sides.get(r.aKey)),
    b: publicSide(sides.get(r.bKey)),
    note: r.note,
    decidedByName: r.decidedBy ? (people.get(r.decidedBy) ?? null) : null,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    detectedAt: r.detectedAt.toISOString(),
  }));
}

export interface OverlapsDeps {
  db: Db;
}

export async function listTaOverlaps(
  deps: OverlapsDeps,
  actor: Actor,
  query: { status?: TaOverlapRow["status"] | undefined },
): Promise<TaOverlapDocument[]> {
  const stateCode = requireNetwork(actor);
  const rows = await listOverlapRows(deps.db, stateCode, query.status ?? "open");
  return presentOverlaps(deps.db, rows);
}

export async function decideTaOverlap(
  deps: OverlapsDeps,
  actor: Actor,
  overlapId: string,
  input: DecideTaOverlapInput,
  audit: AuditContext,
): Promise<TaOverlapDocument> {
  const overlap = await loadOverlap(deps.db, overlapId);
  if (!overlap) {
    throw new AccessDeniedError({
      action: "ta.overlap.decide",
      resourceType: "ta_overlap",
      resourceId: overlapId,
      organizationId: null,
      conceal: true,
    });
  }
  // The network of the pair's state decides; anyone else is refused against the first item's owner.
  let organizationId = actor.activeOrganizationId;
  if (networkState(actor) !== overlap.stateCode) {
    organizationId = (await sidesOf(deps.db, [overlap.aKey])).get(overlap.aKey)?.organizationId ?? null;
    if (membershipIn(actor, organizationId) === undefined) {
      throw new AccessDeniedError({
        action: "ta.overlap.decide",
        resourceType: "ta_overlap",
        resourceId: overlapId,
        organizationId,
        conceal: true,
      });
    }
  }
  authorize(actor, "ta.overlap.decide", { type: "ta_overlap", id: overlapId, organizationId });
  const row = await deps.db.transaction(async (tx) => {
    await lockStateOverlaps(tx, overlap.stateCode);
    const status = input.decision === "dismiss" ? "dismissed" : "linked";
    const [row] = await tx
      .update(taOverlaps)
      .set({ status, note: input.note?.trim() || null, decidedBy: actor.userId, decidedAt: new Date() })
      .where(and(eq(taOverlaps.id, overlapId), eq(taOverlaps.status, "open")))
      .returning();
    if (!row) throw new AppError("ta.overlap_decided", "Someone already decided this overlap.");
    let linkedRequestId: string | null = null;
    if (status === "linked") {
      const a = parseItemKey(row.aKey);
      const b = parseItemKey(row.bKey);
      const request = a?.kind === "request" ? a : b?.kind === "request" ? b : null;
      const engagement = a?.kind === "engagement" ? a : b?.kind === "engagement" ? b : null;
      if (request && engagement) {
        const [linked] = await tx
          .update(taEngagements)
          .set({ requestId: request.id, version: sql`${taEngagements.version} + 1`, updatedAt: new Date() })
          .where(and(eq(taEngagements.id, engagement.id), isNull(taEngagements.requestId)))
          .returning({ id: taEngagements.id });
        if (linked) linkedRequestId = request.id;
      }
    }
    await recordAudit(tx, audit, {
      action: "ta.overlap.decide",
      outcome: "success",
      resourceType: "ta_overlap",
      resourceId: overlapId,
      organizationId,
      metadata: { decision: input.decision, aKey: row.aKey, bKey: row.bKey, linkedRequestId },
    });
    return row;
  });
  const [doc] = await presentOverlaps(deps.db, [row]);
  return doc as TaOverlapDocument;
}
