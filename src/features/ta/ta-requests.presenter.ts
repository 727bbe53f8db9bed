/** TA requests and engagements as the API answers them: names resolved, never raw rows. */
import type { DbOrTx } from "../../db/client.ts";
import type { Actor } from "../../server/authorization.ts";
import { organizationNames, userNames } from "./partnerships.repository.ts";
import { canUpdateEngagement, canUpdateRequest } from "./ta-requests.access.ts";
import {
  engagementCounts,
  partnershipNames,
  requestTopics,
  type TaEngagementRow,
  type TaRequestRow,
} from "./ta-requests.repository.ts";
import { engagementMoves, requestMoves } from "./ta-requests.rules.ts";
import type { TaEngagementDocument, TaRequestDocument } from "./ta-requests.schema.ts";

const nameOf = (names: Map<string, string>, id: string | null) => (id ? (names.get(id) ?? null) : null);

export async function presentRequests(
  db: DbOrTx,
  actor: Actor,
  rows: TaRequestRow[],
): Promise<TaRequestDocument[]> {
  if (rows.length === 0) return [];
  const [orgs, people, parts, counts] = await Promise.all([
    organizationNames(
      db,
      rows.flatMap((r) => [r.organizationId, r.recipientOrganizationId]),
    ),
    userNames(
      db,
      rows.map((r) => r.createdBy),
    ),
    partnershipNames(
      db,
      rows.map((r) => r.partnershipId),
    ),
    engagementCounts(
      db,
      rows.map((r) => r.id),
    ),
  ]);
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    status: r.status,
    availableMoves: requestMoves(r.status),
    canUpdate: canUpdateRequest(actor, r),
    organizationId: r.organizationId,
    organizationName: orgs.get(r.organizationId) ?? "",
    recipientKind: r.recipientKind,
    recipientName: r.recipientName,
    recipientOrganizationId: r.recipientOrganizationId,
    recipientOrganizationName: nameOf(orgs, r.recipientOrganizationId),
    partnershipId: r.partnershipId,
    partnershipName: nameOf(parts, r.partnershipId),
    county: r.county,
    stateCode: r.stateCode,
    topic: r.topic,
    description: r.description,
    sectors: r.sectors,
    level: r.level,
    wantedFrom: r.wantedFrom,
    wantedTo: r.wantedTo,
    engagementCount: counts.get(r.id) ?? 0,
    createdByName: nameOf(people, r.createdBy),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
}

export async function presentEngagements(
  db: DbOrTx,
  actor: Actor,
  rows: TaEngagementRow[],
): Promise<TaEngagementDocument[]> {
  if (rows.length === 0) return [];
  const [orgs, people, parts, topics] = await Promise.all([
    organizationNames(
      db,
      rows.flatMap((r) => [r.providerOrganizationId, r.recipientOrganizationId]),
    ),
    userNames(
      db,
      rows.map((r) => r.createdBy),
    ),
    partnershipNames(
      db,
      rows.map((r) => r.partnershipId),
    ),
    requestTopics(
      db,
      rows.map((r) => r.requestId),
    ),
  ]);
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    status: r.status,
    availableMoves: engagementMoves(r.status),
    canUpdate: canUpdateEngagement(actor, r),
    providerOrganizationId: r.providerOrganizationId,
    providerOrganizationName: orgs.get(r.providerOrganizationId) ?? "",
    requestId: r.requestId,
    requestTopic: nameOf(topics, r.requestId),
    recipientKind: r.recipientKind,
    recipientName: r.recipientName,
    recipientOrganizationId: r.recipientOrganizationId,
    recipientOrganizationName: nameOf(orgs, r.recipientOrganizationId),
    partnershipId: r.partnershipId,
    partnershipName: nameOf(parts, r.partnershipId),
    county: r.county,
    stateCode: r.stateCode,
    topic: r.topic,
    sectors: r.sectors,
    level: r.level,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    activities: r.activities,
    hours: r.hours === null ? null : Number(r.hours),
    participants: r.participants,
    results: r.results,
    createdByName: nameOf(people, r.createdBy),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
}
