/**
 * Who sees which TA items (docs/ta.md, "Who sees what"): the state's TA network — staff of a TA provider or
 * state agency acting for it — sees its state's items; any other organization what it logged, provides or
 * receives. Outsiders get 404, audited against the item's owner.
 */
import { type Actor, authorize, can, membershipIn } from "../../server/authorization.ts";
import { AccessDeniedError, AppError } from "../../server/errors.ts";
import type { TaEngagementRow, TaRequestRow, TaScope } from "./ta-requests.repository.ts";

/** The state of the active organization when the actor acts for the TA network, else null. */
export function networkState(actor: Actor): string | null {
  const organizationId = actor.activeOrganizationId;
  if (!can(actor, "ta.network.read", { type: "ta", organizationId })) return null;
  return membershipIn(actor, organizationId)?.organizationState ?? null;
}

export function activeOrganization(actor: Actor): { id: string; state: string | null; inNetwork: boolean } {
  const id = actor.activeOrganizationId;
  const membership = membershipIn(actor, id);
  if (!id || !membership) throw new AppError("organization.not_member", "Choose an organization first.");
  return { id, state: membership.organizationState ?? null, inNetwork: networkState(actor) !== null };
}

/** The scope of a list: the network's state, or the active organization's own items. */
export function listScope(actor: Actor, resourceType: "ta_request" | "ta_engagement"): TaScope {
  const state = networkState(actor);
  if (state) return { kind: "state", stateCode: state };
  const organizationId = actor.activeOrganizationId;
  authorize(actor, resourceType === "ta_request" ? "ta.request.read" : "ta.engagement.read", {
    type: resourceType,
    organizationId,
  });
  return { kind: "organization", organizationId: organizationId as string };
}

/** The network only (overlaps board, dashboard): the state it acts for. */
export function requireNetwork(actor: Actor): string {
  const organizationId = actor.activeOrganizationId;
  authorize(actor, "ta.network.read", { type: "ta", organizationId });
  const state = membershipIn(actor, organizationId)?.organizationState;
  if (!state) {
    throw new AppError(
      "validation.failed",
      "Your organization has no state on record; ask an administrator.",
      [{ field: "organization.stateCode", message: "missing" }],
    );
  }
  return state;
}

function pick(actor: Actor, candidates: (string | null)[], fallback: string): string {
  return candidates.find((id) => id !== null && membershipIn(actor, id) !== undefined) ?? fallback;
}

function unknown(action: "ta.request.read" | "ta.engagement.read", type: string, id: string): never {
  throw new AccessDeniedError({
    action,
    resourceType: type,
    resourceId: id,
    organizationId: null,
    conceal: true,
  });
}

export function notFoundRequest(id: string): never {
  return unknown("ta.request.read", "ta_request", id);
}
export function notFoundEngagement(id: string): never {
  return unknown("ta.engagement.read", "ta_engagement", id);
}

/** May the actor read this request? Throws 404 (audited against the organization that logged it) if not. */
export function authorizeRequestRead(actor: Actor, row: TaRequestRow): void {
  if (networkState(actor) === row.stateCode) return;
  const organizationId = pick(actor, [row.organizationId, row.recipientOrganizationId], row.organizationId);
  authorize(actor, "ta.request.read", { type: "ta_request", id: row.id, organizationId });
}

/** Staff of the network of its state, of the organization that logged it or of the recipient. */
export function authorizeRequestUpdate(actor: Actor, row: TaRequestRow): string {
  const organizationId =
    networkState(actor) === row.stateCode
      ? (actor.activeOrganizationId as string)
      : pick(actor, [row.organizationId, row.recipientOrganizationId], row.organizationId);
  authorize(actor, "ta.request.update", { type: "ta_request", id: row.id, organizationId });
  return organizationId;
}

export function authorizeEngagementRead(actor: Actor, row: TaEngagementRow): void {
  if (networkState(actor) === row.stateCode) return;
  const organizationId = pick(
    actor,
    [row.providerOrganizationId, row.recipientOrganizationId],
    row.providerOrganizationId,
  );
  authorize(actor, "ta.engagement.read", { type: "ta_engagement", id: row.id, organizationId });
}

/** Only the provider's staff change an engagement. */
export function authorizeEngagementUpdate(actor: Actor, row: TaEngagementRow): void {
  authorize(actor, "ta.engagement.update", {
    type: "ta_engagement",
    id: row.id,
    organizationId: row.providerOrganizationId,
  });
}

/** For the UI: may the actor change this request / engagement (the same checks as the updates)? */
export function canUpdateRequest(actor: Actor, row: TaRequestRow): boolean {
  const organizationId =
    networkState(actor) === row.stateCode
      ? actor.activeOrganizationId
      : pick(actor, [row.organizationId, row.recipientOrganizationId], row.organizationId);
  return can(actor, "ta.request.update", { type: "ta_request", id: row.id, organizationId });
}

export function canUpdateEngagement(actor: Actor, row: TaEngagementRow): boolean {
  return can(actor, "ta.engagement.update", {
    type: "ta_engagement",
    id: row.id,
    organizationId: row.providerOrganizationId,
  });
}
