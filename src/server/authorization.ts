import type { Capability, Role } from "../db/schema/index.ts";
import { atLeast, type PlanAccess } from "../features/plans/plans.rules.ts";
import { AccessDeniedError } from "./errors.ts";

export interface ActorMembership {
  organizationId: string;
  organizationName: string;
  organizationType: string;
  /** The organization's state (two-letter code), when known. */
  organizationState?: string | null;
  role: Role;
  capabilities: Capability[];
}

/** The signed-in user (or API token) making a request. */
export interface Actor {
  userId: string;
  email: string;
  name: string;
  locale: "en" | "es";
  /** For an API token: only the membership of the token's organization. */
  memberships: ActorMembership[];
  activeOrganizationId: string | null;
  via: "session" | "api_token";
}

/** What an action is about. organizationId is the owning organization. */
export interface Resource {
  type: string;
  id?: string | null;
  organizationId: string | null;
  /** For plans: what the actor may do with this plan (from the owner's role or a share). */
  planAccess?: PlanAccess;
  /** For plan items: the item is assigned to the actor or to one of the actor's organizations. */
  assignedToActor?: boolean;
}

const ROLE_RANK: Record<Role, number> = { viewer: 1, staff: 2, manager: 3, admin: 4 };

/**
 * The actor of a user acting in one organization with one role, outside a request: the demo seed and the
 * benchmarks, which call features directly.
 */
export function actorInOrganization(
  user: { id: string; email: string; name: string },
  organization: { id: string; name: string; type: string },
  role: Role,
): Actor {
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    locale: "en",
    memberships: [
      {
        organizationId: organization.id,
        organizationName: organization.name,
        organizationType: organization.type,
        role,
        capabilities: [],
      },
    ],
    activeOrganizationId: organization.id,
    via: "session",
  };
}

export function membershipIn(actor: Actor, organizationId: string | null): ActorMembership | undefined {
  if (!organizationId) return undefined;
  return actor.memberships.find((m) => m.organizationId === organizationId);
}

export function hasRole(actor: Actor, organizationId: string | null, atLeast: Role): boolean {
  const membership = membershipIn(actor, organizationId);
  return membership !== undefined && ROLE_RANK[membership.role] >= ROLE_RANK[atLeast];
}

export function hasCapability(actor: Actor, organizationId: string | null, capability: Capability): boolean {
  return membershipIn(actor, organizationId)?.capabilities.includes(capability) ?? false;
}

/** Staff of a TA provider or a state agency: the state's TA network (seed 001). */
export function inTaNetwork(actor: Actor, organizationId: string | null): boolean {
  const membership = membershipIn(actor, organizationId);
  return (
    membership !== undefined &&
    ROLE_RANK[membership.role] >= ROLE_RANK.staff &&
    (membership.organizationType === "ta_provider" || membership.organizationType === "state_agency")
  );
}

interface Policy {
  /** May the actor do it? Only an explicit true allows. */
  allow: (actor: Actor, resource: Resource) => boolean;
  /** Answer 404 instead of 403 to someone outside the organization, so existence does not leak. */
  concealFromOutsiders?: boolean;
}

const isMember: Policy["allow"] = (actor, r) => membershipIn(actor, r.organizationId) !== undefined;
const isAdmin: Policy["allow"] = (actor, r) => hasRole(actor, r.organizationId, "admin");

/**
 * Every action Trellis knows, with who may do it. An action that is not listed is denied:
 * adding a route means adding its policy here.
 */
const POLICIES = {
  "organization.read": { allow: isMember, concealFromOutsiders: true },
  "organization.members.list": { allow: isMember, concealFromOutsiders: true },
  "organization.invitations.create": { allow: isAdmin },
  "organization.outbox.read": { allow: isAdmin },
  "organization.api_tokens.manage": {
    // Tokens act with the creator's role; only a signed-in admin (not another token) manages them.
    allow: (actor, r) => actor.via === "session" && isAdmin(actor, r),
  },
  "plan.create": { allow: (actor, r) => hasRole(actor, r.organizationId, "staff") },
  "plan.read": { allow: (_a, r) => atLeast(r.planAccess ?? "none", "viewer"), concealFromOutsiders: true },
  "plan.edit": { allow: (_a, r) => atLeast(r.planAccess ?? "none", "editor"), concealFromOutsiders: true },
  "plan.item.update": {
    // Contributors may update only what is assigned to them or their organization.
    allow: (_a, r) =>
      atLeast(r.planAccess ?? "none", "editor") ||
      (r.planAccess === "contributor" && r.assignedToActor === true),
    concealFromOutsiders: true,
  },
  "plan.share": { allow: (_a, r) => r.planAccess === "owner", concealFromOutsiders: true },
  "plan.archive": { allow: (_a, r) => r.planAccess === "owner", concealFromOutsiders: true },
  // organizationId is set by the service only when the active organization is a state agency.
  "measure.edit": { allow: (actor, r) => isAdmin(actor, r) },
  // The service limits county organizations to their own county's rows; state agencies import for any.
  "performance.import": { allow: (actor, r) => hasRole(actor, r.organizationId, "manager") },
  // organizationId is set by the service only for county organizations.
  "needs_improvement.set": { allow: (actor, r) => hasRole(actor, r.organizationId, "manager") },
  // The service directory is shared by everyone signed in; each record is maintained by the organization
  // that imported it (its steward), and only a steward's managers may import over it (docs/directory.md).
  "directory.read": { allow: (actor) => actor.memberships.length > 0 },
  "directory.import": { allow: (actor, r) => hasRole(actor, r.organizationId, "manager") },
  "audit.list": {
    allow: (actor, r) => isAdmin(actor, r) || hasCapability(actor, r.organizationId, "privacy_officer"),
  },
  // Family records: staff of the serving organization only (viewers and outsiders see nothing; others
  // only through consent, issue 7). Supervisors (managers) approve plans and see every worker's caseload.
  "family.read": {
    allow: (actor, r) => hasRole(actor, r.organizationId, "staff"),
    concealFromOutsiders: true,
  },
  "family.create": { allow: (actor, r) => hasRole(actor, r.organizationId, "staff") },
  "family.edit": {
    allow: (actor, r) => hasRole(actor, r.organizationId, "staff"),
    concealFromOutsiders: true,
  },
  "family.plan.approve": {
    allow: (actor, r) => hasRole(actor, r.organizationId, "manager"),
    concealFromOutsiders: true,
  },
  "family.settings.manage": { allow: (actor, r) => hasRole(actor, r.organizationId, "manager") },
  "caseload.supervise": { allow: (actor, r) => hasRole(actor, r.organizationId, "manager") },
  // Referrals (docs/referrals.md): staff of the side the actor is on. The service passes the sending
  // organization, or the receiving one when the actor belongs to it; outsiders get 404 for either.
  "referral.create": {
    allow: (actor, r) => hasRole(actor, r.organizationId, "staff"),
    concealFromOutsiders: true,
  },
  "referral.read": {
    allow: (actor, r) => hasRole(actor, r.organizationId, "staff"),
    concealFromOutsiders: true,
  },
  "referral.update_status": {
    allow: (actor, r) => hasRole(actor, r.organizationId, "staff"),
    concealFromOutsiders: true,
  },
  "referral.list": { allow: (actor, r) => hasRole(actor, r.organizationId, "staff") },
  // Which directory organizations' referrals this organization receives: its managers decide.
  "referral.provider_links.manage": { allow: (actor, r) => hasRole(actor, r.organizationId, "manager") },
  // Consent (issue 7, docs/consent.md): the family's organization records and revokes consents. Another
  // organization reads a family only through the consent policy (consent.policy.ts): this allows the
  // attempt (staff of the reading organization), the policy then decides per data category.
  "consent.read": {
    allow: (actor, r) => hasRole(actor, r.organizationId, "staff"),
    concealFromOutsiders: true,
  },
  "consent.manage": {
    allow: (actor, r) => hasRole(actor, r.organizationId, "staff"),
    concealFromOutsiders: true,
  },
  "family.shared.read": { allow: (actor, r) => hasRole(actor, r.organizationId, "staff") },
  "family.break_glass": { allow: (actor, r) => hasRole(actor, r.organizationId, "staff") },
  // Privacy officers (a capability) and admins of the family's organization.
  "privacy.review": {
    allow: (actor, r) => isAdmin(actor, r) || hasCapability(actor, r.organizationId, "privacy_officer"),
  },
  "retention.manage": {
    allow: (actor, r) => isAdmin(actor, r) || hasCapability(actor, r.organizationId, "privacy_officer"),
  },
  // TA coordination (issue 8, docs/ta.md). The state's TA network — staff of TA providers and state agencies —
  // sees every request and engagement of its state; a recipient organization sees its own (the service
  // decides which, passing the organization the actor acts for as organizationId).
  "ta.network.read": { allow: (actor, r) => inTaNetwork(actor, r.organizationId) },
  // A request or engagement read by the organization that logged it or receives it (not the network).
  "ta.request.read": { allow: isMember, concealFromOutsiders: true },
  "ta.engagement.read": { allow: isMember, concealFromOutsiders: true },
  "ta.request.create": { allow: (actor, r) => hasRole(actor, r.organizationId, "staff") },
  "ta.request.update": {
    allow: (actor, r) => hasRole(actor, r.organizationId, "staff"),
    concealFromOutsiders: true,
  },
  "ta.engagement.create": { allow: (actor, r) => inTaNetwork(actor, r.organizationId) },
  "ta.engagement.update": {
    allow: (actor, r) => inTaNetwork(actor, r.organizationId),
    concealFromOutsiders: true,
  },
  "ta.overlap.decide": { allow: (actor, r) => inTaNetwork(actor, r.organizationId) },
  // The partnership registry and the peer learning library are shared with everyone signed in; each record
  // is changed only by staff of the organization that registered or shared it.
  "partnership.read": { allow: (actor) => actor.memberships.length > 0 },
  "partnership.manage": { allow: (actor, r) => hasRole(actor, r.organizationId, "staff") },
  "library.read": { allow: (actor) => actor.memberships.length > 0 },
  "library.share": { allow: (actor, r) => hasRole(actor, r.organizationId, "staff") },
  "library.comment": { allow: (actor, r) => hasRole(actor, r.organizationId, "staff") },
  "library.manage": { allow: (actor, r) => hasRole(actor, r.organizationId, "staff") },
  // Trainings: organized by a TA network organization; results are read by the network.
  "training.manage": {
    allow: (actor, r) => inTaNetwork(actor, r.organizationId),
    concealFromOutsiders: true,
  },
  "training.read": { allow: (actor, r) => inTaNetwork(actor, r.organizationId) },
} satisfies Record<string, Policy>;

export type Action = keyof typeof POLICIES;

export function can(actor: Actor | null, action: Action, resource: Resource): boolean {
  if (!actor) return false;
  const policy: Policy | undefined = POLICIES[action];
  return policy?.allow(actor, resource) === true;
}

/** Throws AccessDeniedError (audited by the error handler) unless the policy allows it. */
export function authorize(actor: Actor | null, action: Action, resource: Resource): void {
  if (can(actor, action, resource)) return;
  const policy: Policy | undefined = POLICIES[action];
  // Someone who cannot even see a plan, or is outside the owning organization, learns nothing of it.
  const outsider =
    resource.planAccess !== undefined
      ? resource.planAccess === "none"
      : actor
        ? membershipIn(actor, resource.organizationId) === undefined
        : true;
  throw new AccessDeniedError({
    action,
    resourceType: resource.type,
    resourceId: resource.id ?? null,
    organizationId: resource.organizationId,
    conceal: policy?.concealFromOutsiders === true && outsider,
  });
}
