/**
 * TA requests and engagements (issue 8 item 2, docs/ta.md): shared across the state's TA network, each
 * create and change compared with the others of the state for overlaps (ta.overlap.rules.ts), audited.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client.ts";
import { type TaRecipientKind, taEngagements, taRequests } from "../../db/schema/index.ts";
import { type Actor, authorize } from "../../server/authorization.ts";
import { AppError, type ErrorDetail } from "../../server/errors.ts";
import { type AuditContext, recordAudit } from "../audit/audit.service.ts";
import { staleVersion } from "../plans/plans.service.ts";
import { organizationExists } from "./partnerships.repository.ts";
import { itemKey } from "./ta.overlap.rules.ts";
import {
  activeOrganization,
  authorizeEngagementRead,
  authorizeEngagementUpdate,
  authorizeRequestRead,
  authorizeRequestUpdate,
  listScope,
  networkState,
  notFoundEngagement,
  notFoundRequest,
} from "./ta-requests.access.ts";
import { detectOverlaps, possibleOverlapsFor } from "./ta-requests.overlaps.ts";
import { presentEngagements, presentRequests } from "./ta-requests.presenter.ts";
import {
  findPartnership,
  listEngagements,
  listRequests,
  loadEngagement,
  loadRequest,
  type TaEngagementRow,
  type TaRequestRow,
} from "./ta-requests.repository.ts";
import { canMoveEngagement, canMoveRequest, checkItem } from "./ta-requests.rules.ts";
import type {
  CreateTaEngagementInput,
  CreateTaRequestInput,
  ListTaEngagementsFilters,
  ListTaRequestsFilters,
  TaEngagementDetailDocument,
  TaEngagementDocument,
  TaRequestDetailDocument,
  TaRequestDocument,
  UpdateTaEngagementInput,
  UpdateTaRequestInput,
} from "./ta-requests.schema.ts";

export interface TaDeps {
  db: Db;
}

const trimOrNull = (value: string | null | undefined) => value?.trim() || null;

interface Recipient {
  recipientKind: TaRecipientKind;
  recipientName: string;
  recipientOrganizationId: string | null;
  partnershipId: string | null;
  county: string | null;
  stateCode: string;
}

/**
 * Checks a recipient and window, naming each bad field; a partnership recipient takes the partnership's
 * county (and state) when none is given, so county overlaps are found.
 */
async function checkRecipient(
  db: DbOrTx,
  recipient: Omit<Recipient, "stateCode"> & { stateCode: string | null },
  window: { from: string; to: string },
  fields: { from: string; to: string },
  defaultState: string | null,
): Promise<Recipient> {
  const problems: ErrorDetail[] = checkItem(
    { recipientKind: recipient.recipientKind, partnershipId: recipient.partnershipId, ...window },
    fields,
  );
  let county = recipient.county;
  let stateCode = recipient.stateCode;
  if (recipient.partnershipId) {
    const partnership = await findPartnership(db, recipient.partnershipId);
    if (!partnership) problems.push({ field: "/body/partnershipId", message: "no partnership with this id" });
    county ??= partnership?.county ?? null;
    stateCode ??= partnership?.stateCode ?? null;
  }
  stateCode ??= defaultState;
  if (
    recipient.recipientOrganizationId &&
    !(await organizationExists(db, recipient.recipientOrganizationId))
  ) {
    problems.push({ field: "/body/recipientOrganizationId", message: "no organization with this id" });
  }
  if (!stateCode) {
    problems.push({
      field: "/body/stateCode",
      message: "required: your organization has no state on record",
    });
  }
  if (problems.length) throw new AppError("validation.failed", problems[0]?.message ?? "Invalid.", problems);
  return { ...recipient, county, stateCode: stateCode as string };
}

async function requestDetail(db: DbOrTx, actor: Actor, row: TaRequestRow): Promise<TaRequestDetailDocument> {
  const [doc] = await presentRequests(db, actor, [row]);
  return {
    ...(doc as TaRequestDocument),
    possibleOverlaps: await possibleOverlapsFor(db, actor, itemKey("request", row.id), row.stateCode),
  };
}

async function engagementDetail(
  db: DbOrTx,
  actor: Actor,
  row: TaEngagementRow,
): Promise<TaEngagementDetailDocument> {
  const [doc] = await presentEngagements(db, actor, [row]);
  return {
    ...(doc as TaEngagementDocument),
    possibleOverlaps: await possibleOverlapsFor(db, actor, itemKey("engagement", row.id), row.stateCode),
  };
}

// ——— Requests ———

export async function listTaRequests(deps: TaDeps, actor: Actor, filters: ListTaRequestsFilters) {
  const scope = listScope(actor, "ta_request");
  return presentRequests(deps.db, actor, await listRequests(deps.db, scope, filters));
}

export async function getTaRequest(deps: TaDeps, actor: Actor, id: string) {
  const row = await loadRequest(deps.db, id);
  if (!row) notFoundRequest(id);
  authorizeRequestRead(actor, row);
  return requestDetail(deps.db, actor, row);
}

export async function createTaRequest(
  deps: TaDeps,
  actor: Actor,
  input: CreateTaRequestInput,
  audit: AuditContext,
): Promise<TaRequestDetailDocument> {
  authorize(actor, "ta.request.create", { type: "ta_request", organizationId: actor.activeOrganizationId });
  const org = activeOrganization(actor);
  const recipient = await checkRecipient(
    deps.db,
    {
      recipientKind: input.recipientKind,
      recipientName: input.recipientName.trim(),
      recipientOrganizationId: input.recipientOrganizationId ?? null,
      partnershipId: input.partnershipId ?? null,
      county: trimOrNull(input.county),
      stateCode: input.stateCode ?? null,
    },
    { from: input.wantedFrom, to: input.wantedTo },
    { from: "wantedFrom", to: "wantedTo" },
    org.state,
  );
  const row = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(taRequests)
      .values({
        organizationId: org.id,
        ...recipient,
        topic: input.topic.trim(),
        description: trimOrNull(input.description),
        sectors: input.sectors,
        level: input.level,
        wantedFrom: input.wantedFrom,
        wantedTo: input.wantedTo,
        createdBy: actor.userId,
      })
      .returning();
    if (!row) throw new Error("TA request insert returned nothing");
    const overlaps = await detectOverlaps(tx, { kind: "request", row });
    await recordAudit(tx, audit, {
      action: "ta.request.create",
      outcome: "success",
      resourceType: "ta_request",
      resourceId: row.id,
      organizationId: org.id,
      metadata: { stateCode: row.stateCode, level: row.level, overlaps },
    });
    return row;
  });
  return requestDetail(deps.db, actor, row);
}

export async function updateTaRequest(
  deps: TaDeps,
  actor: Actor,
  id: string,
  input: UpdateTaRequestInput,
  audit: AuditContext,
): Promise<TaRequestDetailDocument> {
  const current = await loadRequest(deps.db, id);
  if (!current) notFoundRequest(id);
  const organizationId = authorizeRequestUpdate(actor, current);
  if (current.version !== input.version) throw staleVersion("TA request", current.version);
  if (input.status && !canMoveRequest(current.status, input.status)) {
    throw new AppError(
      "ta.transition_invalid",
      `A request that is ${current.status.replace("_", " ")} cannot become ${input.status.replace("_", " ")}.`,
      [{ field: "/body/status", message: `not allowed from ${current.status}` }],
    );
  }
  const partnershipId = input.partnershipId !== undefined ? input.partnershipId : current.partnershipId;
  const recipient = await checkRecipient(
    deps.db,
    {
      recipientKind: input.recipientKind ?? current.recipientKind,
      recipientName: input.recipientName?.trim() ?? current.recipientName,
      recipientOrganizationId:
        input.recipientOrganizationId !== undefined
          ? input.recipientOrganizationId
          : current.recipientOrganizationId,
      partnershipId,
      county: input.county !== undefined ? trimOrNull(input.county) : current.county,
      stateCode: input.stateCode ?? current.stateCode,
    },
    { from: input.wantedFrom ?? current.wantedFrom, to: input.wantedTo ?? current.wantedTo },
    { from: "wantedFrom", to: "wantedTo" },
    current.stateCode,
  );
  const row = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(taRequests)
      .set({
        ...recipient,
        ...(input.status ? { status: input.status } : {}),
        ...(input.topic ? { topic: input.topic.trim() } : {}),
        ...(input.description !== undefined ? { description: trimOrNull(input.description) } : {}),
        ...(input.sectors ? { sectors: input.sectors } : {}),
        ...(input.level ? { level: input.level } : {}),
        ...(input.wantedFrom ? { wantedFrom: input.wantedFrom } : {}),
        ...(input.wantedTo ? { wantedTo: input.wantedTo } : {}),
        version: sql`${taRequests.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(taRequests.id, id), eq(taRequests.version, input.version)))
      .returning();
    if (!row) throw staleVersion("TA request", current.version + 1);
    const overlaps = await detectOverlaps(tx, { kind: "request", row });
    await recordAudit(tx, audit, {
      action: "ta.request.update",
      outcome: "success",
      resourceType: "ta_request",
      resourceId: id,
      organizationId,
      metadata: {
        fields: Object.keys(input).filter((k) => k !== "version"),
        ...(input.status && input.status !== current.status
          ? { from: current.status, to: input.status }
          : {}),
        overlaps,
      },
    });
    return row;
  });
  return requestDetail(deps.db, actor, row);
}

// ——— Engagements ———

export async function listTaEngagements(deps: TaDeps, actor: Actor, filters: ListTaEngagementsFilters) {
  const scope = listScope(actor, "ta_engagement");
  return presentEngagements(deps.db, actor, await listEngagements(deps.db, scope, filters));
}

export async function getTaEngagement(deps: TaDeps, actor: Actor, id: string) {
  const row = await loadEngagement(deps.db, id);
  if (!row) notFoundEngagement(id);
  authorizeEngagementRead(actor, row);
  return engagementDetail(deps.db, actor, row);
}

function required<T>(value: T | undefined | null, field: string, problems: ErrorDetail[]): T {
  if (value === undefined || value === null) problems.push({ field: `/body/${field}`, message: "required" });
  return value as T;
}

export async function createTaEngagement(
  deps: TaDeps,
  actor: Actor,
  input: CreateTaEngagementInput,
  audit: AuditContext,
): Promise<TaEngagementDetailDocument> {
  authorize(actor, "ta.engagement.create", {
    type: "ta_engagement",
    organizationId: actor.activeOrganizationId,
  });
  const org = activeOrganization(actor);
  let request: TaRequestRow | undefined;
  if (input.requestId) {
    request = await loadRequest(deps.db, input.requestId);
    // Only a request the provider can see: one of its state, or one it logged.
    if (!request || (request.stateCode !== networkState(actor) && request.organizationId !== org.id)) {
      throw new AppError("validation.failed", "No such TA request.", [
        { field: "/body/requestId", message: "no TA request with this id" },
      ]);
    }
  }
  const problems: ErrorDetail[] = [];
  const recipientKind = required(input.recipientKind ?? request?.recipientKind, "recipientKind", problems);
  const recipientName = required(
    input.recipientName?.trim() ?? request?.recipientName,
    "recipientName",
    problems,
  );
  const topic = required(input.topic?.trim() ?? request?.topic, "topic", problems);
  const sectors = required(input.sectors ?? request?.sectors, "sectors", problems);
  const level = required(input.level ?? request?.level, "level", problems);
  if (problems.length)
    throw new AppError("validation.failed", "Name the recipient, topic, sectors and level.", problems);
  const partnershipId =
    input.partnershipId !== undefined ? input.partnershipId : (request?.partnershipId ?? null);
  const recipient = await checkRecipient(
    deps.db,
    {
      recipientKind,
      recipientName,
      recipientOrganizationId:
        input.recipientOrganizationId !== undefined
          ? input.recipientOrganizationId
          : (request?.recipientOrganizationId ?? null),
      partnershipId,
      county: input.county !== undefined ? trimOrNull(input.county) : (request?.county ?? null),
      stateCode: input.stateCode ?? request?.stateCode ?? null,
    },
    { from: input.startsOn, to: input.endsOn },
    { from: "startsOn", to: "endsOn" },
    org.state,
  );
  const row = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(taEngagements)
      .values({
        providerOrganizationId: org.id,
        requestId: request?.id ?? null,
        ...recipient,
        topic,
        sectors,
        level,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        activities: trimOrNull(input.activities),
        hours: input.hours ?? null,
        participants: input.participants ?? null,
        results: trimOrNull(input.results),
        createdBy: actor.userId,
      })
      .returning();
    if (!row) throw new Error("TA engagement insert returned nothing");
    // Detection first: it takes the state's overlap lock before the audit chain's, as every TA change does.
    const overlaps = await detectOverlaps(tx, { kind: "engagement", row });
    if (request?.status === "open") {
      await tx
        .update(taRequests)
        .set({ status: "planned", version: sql`${taRequests.version} + 1`, updatedAt: new Date() })
        .where(and(eq(taRequests.id, request.id), eq(taRequests.status, "open")));
      await recordAudit(tx, audit, {
        action: "ta.request.update",
        outcome: "success",
        resourceType: "ta_request",
        resourceId: request.id,
        organizationId: org.id,
        metadata: { from: "open", to: "planned", engagementId: row.id },
      });
    }
    await recordAudit(tx, audit, {
      action: "ta.engagement.create",
      outcome: "success",
      resourceType: "ta_engagement",
      resourceId: row.id,
      organizationId: org.id,
      metadata: { stateCode: row.stateCode, requestId: row.requestId, level: row.level, overlaps },
    });
    return row;
  });
  return engagementDetail(deps.db, actor, row);
}

export async function updateTaEngagement(
  deps: TaDeps,
  actor: Actor,
  id: string,
  input: UpdateTaEngagementInput,
  audit: AuditContext,
): Promise<TaEngagementDetailDocument> {
  const current = await loadEngagement(deps.db, id);
  if (!current) notFoundEngagement(id);
  authorizeEngagementUpdate(actor, current);
  if (current.version !== input.version) throw staleVersion("TA engagement", current.version);
  if (input.status && !canMoveEngagement(current.status, input.status)) {
    throw new AppError(
      "ta.transition_invalid",
      `An engagement that is ${current.status.replace("_", " ")} cannot become ${input.status.replace("_", " ")}.`,
      [{ field: "/body/status", message: `not allowed from ${current.status}` }],
    );
  }
  const recipient = await checkRecipient(
    deps.db,
    {
      recipientKind: input.recipientKind ?? current.recipientKind,
      recipientName: input.recipientName?.trim() ?? current.recipientName,
      recipientOrganizationId:
        input.recipientOrganizationId !== undefined
          ? input.recipientOrganizationId
          : current.recipientOrganizationId,
      partnershipId: input.partnershipId !== undefined ? input.partnershipId : current.partnershipId,
      county: input.county !== undefined ? trimOrNull(input.county) : current.county,
      stateCode: input.stateCode ?? current.stateCode,
    },
    { from: input.startsOn ?? current.startsOn, to: input.endsOn ?? current.endsOn },
    { from: "startsOn", to: "endsOn" },
    current.stateCode,
  );
  const row = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(taEngagements)
      .set({
        ...recipient,
        ...(input.status ? { status: input.status } : {}),
        ...(input.topic ? { topic: input.topic.trim() } : {}),
        ...(input.sectors ? { sectors: input.sectors } : {}),
        ...(input.level ? { level: input.level } : {}),
        ...(input.startsOn ? { startsOn: input.startsOn } : {}),
        ...(input.endsOn ? { endsOn: input.endsOn } : {}),
        ...(input.activities !== undefined ? { activities: trimOrNull(input.activities) } : {}),
        ...(input.hours !== undefined ? { hours: input.hours } : {}),
        ...(input.participants !== undefined ? { participants: input.participants } : {}),
        ...(input.results !== undefined ? { results: trimOrNull(input.results) } : {}),
        version: sql`${taEngagements.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(taEngagements.id, id), eq(taEngagements.version, input.version)))
      .returning();
    if (!row) throw staleVersion("TA engagement", current.version + 1);
    const overlaps = await detectOverlaps(tx, { kind: "engagement", row });
    await recordAudit(tx, audit, {
      action: "ta.engagement.update",
      outcome: "success",
      resourceType: "ta_engagement",
      resourceId: id,
      organizationId: current.providerOrganizationId,
      metadata: {
        fields: Object.keys(input).filter((k) => k !== "version"),
        ...(input.status && input.status !== current.status
          ? { from: current.status, to: input.status }
          : {}),
        overlaps,
      },
    });
    return row;
  });
  return engagementDetail(deps.db, actor, row);
}
