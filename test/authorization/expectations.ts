import { randomUUID } from "node:crypto";
import type { InjectOptions, LightMyRequestResponse } from "fastify";
import type { Role } from "../../src/db/schema/index.ts";
import { TEST_PASSWORD } from "../helpers.ts";
import type { Fixture } from "./fixtures.ts";

/**
 * Who may use each operation of the API, derived from the policies (src/server/authorization.ts and the
 * services' access checks) and the feature documents (docs/*.md). test/authorization.test.ts runs every
 * entry as every principal and docs/authorization-matrix.md is generated from it.
 */

export const PRINCIPALS = [
  "anonymous",
  "owner.viewer",
  "owner.staff",
  "owner.manager",
  "owner.admin",
  "other.viewer",
  "other.staff",
  "other.manager",
  "other.admin",
  "state",
  "ta",
] as const;
export type PrincipalKey = (typeof PRINCIPALS)[number];

/** What a principal is expected to get: allowed, or the status of the refusal. */
export type Outcome = "allow" | 401 | 403 | 404;
export type Refusal = 403 | 404;
/** The kind of a principal's (active) organization. */
export type OrgKind = "county" | "state" | "ta";

export type Rule =
  | {
      /** Acts on the actor's own account or active organization: every principal is judged on its own. */
      scope: "active";
      /** Least role in one's own organization; null: no principal here may. */
      minRole: Role | null;
      /** Only organizations of these kinds (default: any). */
      kinds?: OrgKind[];
      /** The refusal (default 403). */
      refusal?: Refusal;
    }
  | {
      /** A thing of the owning organization (a fixture). */
      scope: "resource";
      /** The owning organization: the county (default) or the TA provider (TA engagements, trainings). */
      owner?: "county" | "network";
      /** Least role of the owning organization; null: none of its members. */
      minRole: Role | null;
      /** The refusal of an owning organization's member below minRole (default 403). */
      below?: Refusal;
      /** The refusal of everyone else signed in: 403, or 404 where existence must not leak. */
      outside: Refusal;
      /** Documented policies that let others in: another organization from this role, the state reviewer, the TA network. */
      grants?: { other?: Role; state?: true; ta?: true };
      /** A principal refused otherwise than the rest, e.g. 403 for someone who may see the thing but not change it. */
      except?: Partial<Record<PrincipalKey, Refusal>>;
    };

export interface RequestContext {
  /** The principal's active organization (none for the anonymous caller). */
  organizationId: string | null;
}

export interface Harness {
  /** Runs a request as the owning organization's manager (or another role) to make or read what a request needs. */
  asOwner(options: InjectOptions, role?: Role): Promise<LightMyRequestResponse>;
  /** Runs a request as the principal about to be checked. */
  asSelf(options: InjectOptions): Promise<LightMyRequestResponse>;
  fixture: Fixture;
  insert: {
    family(): Promise<{ id: string; members: { id: string }[] }>;
    referral(): Promise<string>;
    consent(): Promise<string>;
    breakGlass(): Promise<string>;
    taOverlap(): Promise<string>;
    plan(templateKey: string): Promise<string>;
  };
}

export interface Entry {
  rule: Rule;
  /** Why, with the policy or document it comes from. */
  why: string;
  request(f: Fixture, p: RequestContext): InjectOptions;
  /** Exact status of an allowed request (a valid one). Without it: not 401/403, and not 404 for the owner. */
  status?: number;
  /** Runs before each allowed request: makes a fresh thing or reads a current version (sets f.fresh / f.version). */
  prepare?(h: Harness): Promise<Partial<Fixture>>;
  /** Changes what later requests see (a SIP's status, a share): runs after the others. */
  destructive?: true;
  /** Ends the principal's session: runs last of all. */
  endsSession?: true;
}

export type Expectation = Entry | { public: string };

const ROLE_RANK: Record<Role, number> = { viewer: 1, staff: 2, manager: 3, admin: 4 };
const atLeast = (role: Role, min: Role | null) => min !== null && ROLE_RANK[role] >= ROLE_RANK[min];

export function kindOf(key: PrincipalKey, owner: "county" | "network" = "county"): OrgKind {
  if (key === "state") return "state";
  if (key === "ta") return "ta";
  return key.startsWith("owner.") && owner === "network" ? "ta" : "county";
}

/** The outcome the rule gives a principal. */
export function expectedOutcome(rule: Rule, key: PrincipalKey): Outcome {
  if (key === "anonymous") return 401;
  // The state reviewer and the TA provider are staff of their organizations.
  const role: Role = key.includes(".") ? (key.split(".")[1] as Role) : "staff";
  if (rule.scope === "active") {
    const kindOk = !rule.kinds || rule.kinds.includes(kindOf(key));
    return kindOk && atLeast(role, rule.minRole) ? "allow" : (rule.refusal ?? 403);
  }
  const exception = rule.except?.[key];
  if (exception) return exception;
  if (key.startsWith("owner.")) return atLeast(role, rule.minRole) ? "allow" : (rule.below ?? 403);
  if (key.startsWith("other."))
    return rule.grants?.other && atLeast(role, rule.grants.other) ? "allow" : rule.outside;
  if (key === "state") return rule.grants?.state ? "allow" : rule.outside;
  return rule.grants?.ta ? "allow" : rule.outside;
}

// ---- compact builders ----

const own = (minRole: Role | null, more: { kinds?: OrgKind[]; refusal?: Refusal } = {}): Rule => ({
  scope: "active",
  minRole,
  ...more,
});
const of = (
  minRole: Role | null,
  outside: Refusal,
  more: {
    owner?: "county" | "network";
    below?: Refusal;
    grants?: { other?: Role; state?: true; ta?: true };
    except?: Partial<Record<PrincipalKey, Refusal>>;
  } = {},
): Rule => ({ scope: "resource", minRole, outside, ...more });
const NETWORK: OrgKind[] = ["state", "ta"];
const get = (url: string) => (): InjectOptions => ({ method: "GET", url });
const body = (method: InjectOptions["method"], url: string, payload?: unknown): InjectOptions => ({
  method,
  url,
  ...(payload === undefined ? {} : { payload: payload as InjectOptions["payload"] }),
});

/** Reads a resource's current version as the owner; `:key` in the path is the fixture's value. */
const versionOf = (path: string) => async (h: Harness) => {
  const url = path.replace(/:(\w+)/g, (_m, key: string) => String(h.fixture[key as keyof Fixture]));
  return { version: (await h.asOwner({ method: "GET", url })).json().version as number };
};

const taRequestInput = {
  recipientKind: "county",
  recipientName: "Any",
  topic: "x",
  sectors: ["health"],
  level: "awareness",
  wantedFrom: "2026-01-01",
  wantedTo: "2026-01-31",
};

export const EXPECTATIONS: Record<string, Expectation> = {
  // ---- accounts (src/features/accounts) ----
  getHealth: { public: "load balancer probe; reveals engine and migration count only" },
  signIn: { public: "the way in" },
  requestPasswordReset: { public: "answers the same for every e-mail" },
  confirmPasswordReset: { public: "needs a secret single-use token" },
  getInvitation: { public: "needs a secret invitation token" },
  acceptInvitation: { public: "needs a secret invitation token" },
  getMe: { rule: own("viewer"), why: "one's own account", request: get("/api/me"), status: 200 },
  setActiveOrganization: {
    rule: own("viewer"),
    why: "one's own session; only an organization one belongs to",
    request: (_f, p) =>
      body("PUT", "/api/me/active-organization", { organizationId: p.organizationId ?? randomUUID() }),
    status: 200,
  },
  setLocale: {
    rule: own("viewer"),
    why: "one's own account",
    request: () => body("PUT", "/api/me/locale", { locale: "es" }),
    status: 200,
  },
  changePassword: {
    rule: own("viewer"),
    why: "one's own account; needs the current password (a wrong one is a 4xx, not a refusal)",
    request: () =>
      body("POST", "/api/me/password", {
        currentPassword: `${TEST_PASSWORD}-wrong`,
        newPassword: "y".repeat(12),
      }),
  },
  signOut: {
    rule: own("viewer"),
    why: "ends one's own session",
    request: () => body("DELETE", "/api/session"),
    status: 204,
    endsSession: true,
  },
  // ---- organizations (organization.* policies) ----
  listOrganizations: {
    rule: own("viewer"),
    why: "one's own memberships",
    request: get("/api/organizations"),
    status: 200,
  },
  listMembers: {
    rule: of("viewer", 404),
    why: "organization.members.list: members; conceals from outsiders",
    request: (f) => get(`/api/organizations/${f.countyId}/members`)(),
    status: 200,
  },
  createInvitation: {
    rule: of("admin", 403),
    why: "organization.invitations.create: admins",
    request: (f) =>
      body("POST", `/api/organizations/${f.countyId}/invitations`, {
        email: `${randomUUID()}@test.example`,
        role: "viewer",
      }),
    status: 201,
  },
  listOutbox: {
    rule: of("admin", 403),
    why: "organization.outbox.read: admins",
    request: (f) => get(`/api/organizations/${f.countyId}/outbox`)(),
    status: 200,
  },
  listApiTokens: {
    rule: of("admin", 403),
    why: "organization.api_tokens.manage: a signed-in admin",
    request: (f) => get(`/api/organizations/${f.countyId}/api-tokens`)(),
    status: 200,
  },
  createApiToken: {
    rule: of("admin", 403),
    why: "organization.api_tokens.manage: a signed-in admin",
    request: (f) => body("POST", `/api/organizations/${f.countyId}/api-tokens`, { name: "matrix" }),
    status: 201,
  },
  revokeApiToken: {
    rule: of("admin", 403),
    why: "organization.api_tokens.manage: a signed-in admin",
    request: (f) => body("DELETE", `/api/organizations/${f.countyId}/api-tokens/${f.fresh || randomUUID()}`),
    prepare: async (h) => ({
      fresh: (
        await h.asOwner(
          {
            method: "POST",
            url: `/api/organizations/${h.fixture.countyId}/api-tokens`,
            payload: { name: "to revoke" },
          },
          "admin",
        )
      ).json().id,
    }),
    status: 204,
  },
  // ---- audit and privacy (audit.list, privacy.review, retention.manage: admins or privacy officers) ----
  listAuditEvents: {
    rule: own("admin"),
    why: "audit.list: the active organization's admins (or privacy officer)",
    request: get("/api/audit-events"),
    status: 200,
  },
  exportAuditEvents: {
    rule: own("admin"),
    why: "audit.list: the active organization's admins (or privacy officer)",
    request: get("/api/audit-events.csv"),
    status: 200,
  },
  listBreakGlassAccesses: {
    rule: own("admin"),
    why: "privacy.review of the active organization",
    request: get("/api/privacy/break-glass"),
    status: 200,
  },
  reviewBreakGlassAccess: {
    rule: of("admin", 404),
    why: "privacy.review: admins (or privacy officer) of the family's organization; outsiders learn nothing",
    request: (f) =>
      body("POST", `/api/privacy/break-glass/${f.fresh || f.breakGlassId}/review`, {
        outcome: "justified",
        note: "reviewed in the matrix",
      }),
    prepare: async (h) => ({ fresh: await h.insert.breakGlass() }),
    status: 200,
  },
  listRetentionRules: {
    rule: own("admin"),
    why: "retention.manage of the active organization",
    request: get("/api/privacy/retention-rules"),
    status: 200,
  },
  updateRetentionRule: {
    rule: own("admin"),
    why: "retention.manage of the active organization",
    request: (f) =>
      body("PUT", "/api/privacy/retention-rules/closed_family", {
        version: f.version,
        afterMonths: 120,
        enabled: false,
      }),
    prepare: async (h) => {
      const rules = (await h.asSelf({ method: "GET", url: "/api/privacy/retention-rules" })).json();
      const rule = (rules.items ?? rules).find(
        (r: { recordType: string }) => r.recordType === "closed_family",
      );
      return { version: rule.version };
    },
    status: 200,
  },
  previewRetention: {
    rule: own("admin"),
    why: "retention.manage of the active organization",
    request: get("/api/privacy/retention/preview"),
    status: 200,
  },
  applyRetention: {
    rule: own("admin"),
    why: "retention.manage of the active organization (an unknown preview is a 4xx, not a refusal)",
    request: () => body("POST", "/api/privacy/retention/apply", { previewId: "x" }),
  },
  // ---- plans (plan.* policies: viewer → view, staff → edit, manager/admin → own; docs/plans.md) ----
  listTemplates: { rule: own("viewer"), why: "reference data", request: get("/api/templates"), status: 200 },
  listPlans: {
    rule: own("viewer"),
    why: "the actor's own organizations' plans",
    request: get("/api/plans"),
    status: 200,
  },
  listMyActionSteps: {
    rule: own("viewer"),
    why: "one's own assignments",
    request: get("/api/my/action-steps"),
    status: 200,
  },
  listDueActionSteps: {
    rule: own("viewer"),
    why: "the actor's own organizations",
    request: get("/api/plans-due"),
    status: 200,
  },
  createPlan: {
    rule: own("staff"),
    why: "plan.create: staff of the active organization",
    request: () => body("POST", "/api/plans", { templateKey: "linkages-work-plan", title: "matrix" }),
    status: 201,
  },
  getPlan: {
    rule: of("viewer", 404, { grants: { state: true } }),
    why: "plan.read; a state reviewer of the county's state reads a submitted SIP (docs/sip.md)",
    request: (f) => get(`/api/plans/${f.submittedSipId}`)(),
    status: 200,
  },
  updatePlan: {
    rule: of("staff", 404),
    why: "plan.edit: editors (staff and up); outsiders learn nothing",
    request: (f) => body("PATCH", `/api/plans/${f.planId}`, { version: f.version, title: "renamed" }),
    prepare: versionOf("/api/plans/:planId"),
    status: 200,
  },
  archivePlan: {
    rule: of("manager", 404),
    why: "plan.archive: the owning organization's managers and admins",
    request: (f) => body("DELETE", `/api/plans/${f.fresh || f.planId}`),
    prepare: async (h) => ({ fresh: await h.insert.plan("linkages-work-plan") }),
    status: 204,
  },
  createPlanItem: {
    rule: of("staff", 404),
    why: "plan.edit",
    request: (f) =>
      body("POST", `/api/plans/${f.planId}/items`, {
        parentId: f.itemId,
        level: "action_step",
        title: "matrix step",
      }),
    status: 201,
  },
  updatePlanItem: {
    rule: of("staff", 404),
    why: "plan.item.update: editors (contributors only for what is assigned to them)",
    request: (f) =>
      body("PATCH", `/api/plans/${f.planId}/items/${f.itemId}`, { version: f.version, title: "x" }),
    prepare: async (h) => ({ version: await itemVersion(h) }),
    status: 200,
  },
  movePlanItem: {
    rule: of("staff", 404),
    why: "plan.edit",
    request: (f) =>
      body("POST", `/api/plans/${f.planId}/items/${f.itemId}/move`, { version: f.version, position: 0 }),
    prepare: async (h) => ({ version: await itemVersion(h) }),
    status: 200,
  },
  deletePlanItem: {
    rule: of("staff", 404),
    why: "plan.edit",
    request: (f) => body("DELETE", `/api/plans/${f.planId}/items/${f.fresh || f.itemId}?version=1`),
    // Answers with the plan as it is now.
    prepare: async (h) => ({
      fresh: (
        await h.asOwner({
          method: "POST",
          url: `/api/plans/${h.fixture.planId}/items`,
          payload: { parentId: h.fixture.itemId, level: "action_step", title: "to delete" },
        })
      ).json().item.id,
    }),
    status: 200,
  },
  listProgressNotes: {
    rule: of("viewer", 404),
    why: "plan.read",
    request: (f) => get(`/api/plans/${f.planId}/items/${f.itemId}/notes`)(),
    status: 200,
  },
  listPlanChanges: {
    rule: of("viewer", 404),
    why: "plan.read",
    request: (f) => get(`/api/plans/${f.planId}/history`)(),
    status: 200,
  },
  undoPlanChange: {
    rule: of("staff", 404),
    why: "plan.edit",
    request: (f) => body("POST", `/api/plans/${f.planId}/history/${f.fresh || f.changeId}/undo`),
    prepare: async (h) => {
      const plan = (await h.asOwner({ method: "GET", url: `/api/plans/${h.fixture.planId}` })).json();
      await h.asOwner({
        method: "PATCH",
        url: `/api/plans/${h.fixture.planId}`,
        payload: { version: plan.version, title: `renamed ${randomUUID().slice(0, 6)}` },
      });
      const history = (
        await h.asOwner({ method: "GET", url: `/api/plans/${h.fixture.planId}/history` })
      ).json();
      return { fresh: history.items[0].id };
    },
    status: 200,
  },
  listPlanAssignees: {
    rule: of("viewer", 404),
    why: "plan.read",
    request: (f) => get(`/api/plans/${f.planId}/assignees`)(),
    status: 200,
  },
  listPlanShares: {
    rule: of("viewer", 404),
    why: "plan.read",
    request: (f) => get(`/api/plans/${f.planId}/shares`)(),
    status: 200,
  },
  sharePlan: {
    rule: of("manager", 404, { below: 403 }),
    why: "plan.share: the owning organization's managers and admins",
    request: (f) => body("PUT", `/api/plans/${f.planId}/shares/${f.networkId}`, { role: "viewer" }),
    status: 200,
  },
  unsharePlan: {
    rule: of("manager", 404),
    why: "plan.share",
    request: (f) => body("DELETE", `/api/plans/${f.planId}/shares/${f.networkId}`),
    prepare: async (h) => {
      await h.asOwner({
        method: "PUT",
        url: `/api/plans/${h.fixture.planId}/shares/${h.fixture.networkId}`,
        payload: { role: "viewer" },
      });
      return {};
    },
    status: 200,
    destructive: true,
  },
  exportPlan: {
    rule: of("viewer", 404),
    why: "plan.read",
    request: (f) => get(`/api/plans/${f.planId}/export?format=csv`)(),
    status: 200,
  },
  importActionSteps: {
    rule: of("staff", 404),
    why: "plan.edit (a malformed file is a 4xx, not a refusal)",
    request: (f) => ({
      method: "POST",
      url: `/api/plans/${f.planId}/import`,
      headers: { "content-type": "text/csv" },
      payload: "a,b",
    }),
  },
  getCalendarFeed: {
    rule: own("viewer"),
    why: "one's own feed",
    request: get("/api/calendar-feed"),
    status: 200,
  },
  createCalendarFeed: {
    rule: own("viewer"),
    why: "one's own feed",
    request: () => body("POST", "/api/calendar-feed"),
    status: 200,
  },
  // ---- measures (measure.edit, performance.import, needs_improvement.set) ----
  listMeasures: {
    rule: own("viewer"),
    why: "published county performance",
    request: get("/api/measures?county=Any"),
    status: 200,
  },
  getMeasureSeries: {
    rule: own("viewer"),
    why: "published county performance",
    request: get("/api/measures/S1/series?county=Any"),
    status: 200,
  },
  updateMeasure: {
    rule: own("admin", { kinds: ["state"] }),
    why: "measure.edit: a state agency's admins",
    request: () => body("PATCH", `/api/measures/${randomUUID()}`, { version: 1, safety: true }),
  },
  importPerformance: {
    rule: own("manager", { kinds: ["county", "state"] }),
    why: "performance.import: managers (a county its own rows, the state any); a bad file is a 4xx",
    request: () => ({
      method: "POST",
      url: "/api/measures/performance/import",
      headers: { "content-type": "text/csv" },
      payload: "a",
    }),
  },
  setNeedsImprovement: {
    rule: own("manager", { kinds: ["county"] }),
    why: "needs_improvement.set: a county's managers",
    request: () =>
      body("PUT", "/api/measures/S1/needs-improvement", { needsImprovement: true, reason: "abc" }),
  },
  // ---- county SIP (docs/sip.md): plan access, plus state reviewers on a submitted SIP ----
  checkPlan: {
    rule: of("viewer", 404, { grants: { state: true } }),
    why: "plan.read; state reviewers read a submitted SIP",
    request: (f) => get(`/api/plans/${f.submittedSipId}/checks`)(),
    status: 200,
  },
  getSipComponentProgress: {
    rule: of("viewer", 404, { grants: { state: true } }),
    why: "plan.read; state reviewers read a submitted SIP",
    request: (f) => get(`/api/plans/${f.submittedSipId}/components/progress`)(),
    status: 200,
  },
  listSipTeam: {
    rule: of("viewer", 404, { grants: { state: true } }),
    why: "plan.read; state reviewers read a submitted SIP",
    request: (f) => get(`/api/plans/${f.submittedSipId}/team`)(),
    status: 200,
  },
  addSipTeamMember: {
    rule: of("staff", 404),
    why: "plan.edit of a draft SIP",
    request: (f) =>
      body("POST", `/api/plans/${f.draftSipId}/team`, { name: "x", affiliation: "y", category: "core" }),
    status: 201,
  },
  removeSipTeamMember: {
    rule: of("staff", 404),
    why: "plan.edit of a draft SIP",
    request: (f) => body("DELETE", `/api/plans/${f.draftSipId}/team/${f.fresh || randomUUID()}`),
    prepare: async (h) => ({
      fresh: (
        await h.asOwner({
          method: "POST",
          url: `/api/plans/${h.fixture.draftSipId}/team`,
          payload: { name: "to remove", affiliation: "y", category: "core" },
        })
      ).json().id,
    }),
    status: 200,
  },
  getPlanWorkflow: {
    rule: of("viewer", 404, { grants: { state: true } }),
    why: "plan.read; state reviewers read a submitted SIP",
    request: (f) => get(`/api/plans/${f.submittedSipId}/workflow`)(),
    status: 200,
  },
  listPlanVersions: {
    rule: of("viewer", 404, { grants: { state: true } }),
    why: "plan.read; state reviewers read a submitted SIP",
    request: (f) => get(`/api/plans/${f.submittedSipId}/versions`)(),
    status: 200,
  },
  diffPlanVersions: {
    rule: of("viewer", 404, { grants: { state: true } }),
    why: "plan.read; state reviewers read a submitted SIP",
    request: (f) => get(`/api/plans/${f.submittedSipId}/versions/diff?from=1&to=current`)(),
    status: 200,
  },
  listReviewComments: {
    rule: of("viewer", 404, { grants: { state: true } }),
    why: "plan.read; state reviewers read a submitted SIP",
    request: (f) => get(`/api/plans/${f.submittedSipId}/review-comments`)(),
    status: 200,
  },
  addReviewComment: {
    rule: of("staff", 404, { grants: { state: true } }),
    why: "review participants: the county's editors and the state reviewers",
    request: (f) =>
      body("POST", `/api/plans/${f.submittedSipId}/review-comments`, { body: "matrix comment" }),
    status: 201,
  },
  resolveReviewComment: {
    rule: of("staff", 404, { grants: { state: true } }),
    why: "review participants: the county's editors and the state reviewers",
    request: (f) =>
      body("PUT", `/api/plans/${f.submittedSipId}/review-comments/${f.fresh || randomUUID()}/resolution`, {
        resolved: true,
      }),
    prepare: async (h) => ({
      fresh: (
        await h.asOwner({
          method: "POST",
          url: `/api/plans/${h.fixture.submittedSipId}/review-comments`,
          payload: { body: "to resolve" },
        })
      ).json().id,
    }),
    status: 200,
  },
  listSubmittedSips: {
    rule: own("viewer", { kinds: ["state"] }),
    why: "state reviewers (a capability) only",
    request: get("/api/state-review/sips"),
    status: 200,
  },
  postPlanPublicly: {
    rule: of("manager", 404, { except: { state: 403 } }),
    why: "plan.share of a SIP approved for submission; the state reviewer sees the plan, so is refused with 403",
    request: (f) =>
      body("PUT", `/api/plans/${f.submittedSipId}/public-posting`, {
        commentsOpenFrom: "2026-01-01",
        commentsOpenUntil: "2026-02-01",
      }),
    status: 200,
  },
  listPublicComments: {
    rule: of("staff", 404, { except: { state: 403 } }),
    why: "the county's editors moderate; the state reviewer sees the plan, so is refused with 403",
    request: (f) => get(`/api/plans/${f.submittedSipId}/public-comments`)(),
    status: 200,
  },
  moderatePublicComment: {
    rule: of("staff", 404, { except: { state: 403 } }),
    why: "the county's editors moderate; the state reviewer sees the plan (403) (an unknown comment: 404 after the check)",
    request: (f) =>
      body("PUT", `/api/plans/${f.submittedSipId}/public-comments/${randomUUID()}`, { status: "published" }),
    status: 404,
  },
  getPublicPlan: { public: "posted plans are public by design; only posted plans are found (sip.test.ts)" },
  createPublicComment: { public: "public comment period; rate limited, held for moderation" },
  transitionPlan: {
    rule: of(null, 404, { grants: { state: true } }),
    why: "submitted → state_review is the state reviewer's move; the county may not make it",
    request: (f) => body("POST", `/api/plans/${f.submittedSipId}/transitions`, { to: "state_review" }),
    status: 200,
    destructive: true,
  },
  // ---- families (family.* policies, docs/families.md: staff of the serving organization) ----
  listAssessmentInstruments: {
    rule: own("viewer"),
    why: "reference data",
    request: get("/api/assessment-instruments"),
    status: 200,
  },
  listFamilies: {
    rule: own("staff"),
    why: "family.read of the active organization",
    request: get("/api/families?q=owner"),
    status: 200,
  },
  createFamily: {
    rule: own("staff"),
    why: "family.create",
    request: () =>
      body("POST", "/api/families", {
        displayName: `Matrix ${randomUUID().slice(0, 8)}`,
        members: [{ firstName: "a", lastName: "b", relationship: "parent" }],
      }),
    status: 201,
  },
  getCaseload: {
    rule: own("staff"),
    why: "family.read of the active organization",
    request: get("/api/caseload"),
    status: 200,
  },
  getFamilySettings: {
    rule: own("staff"),
    why: "family.read of the active organization",
    request: get("/api/family-settings"),
    status: 200,
  },
  updateFamilySettings: {
    rule: own("manager"),
    why: "family.settings.manage",
    request: () => body("PUT", "/api/family-settings", { requirePlanApproval: false }),
    status: 200,
  },
  getFamily: {
    rule: of("staff", 404),
    why: "family.read; outsiders learn nothing",
    request: (f) => get(`/api/families/${f.familyId}`)(),
    status: 200,
  },
  updateFamily: {
    rule: of("staff", 404),
    why: "family.edit",
    request: (f) =>
      body("PATCH", `/api/families/${f.familyId}`, { version: f.version, address: "1 Main St" }),
    prepare: versionOf("/api/families/:familyId"),
    status: 200,
  },
  addFamilyMember: {
    rule: of("staff", 404),
    why: "family.edit",
    request: (f) =>
      body("POST", `/api/families/${f.familyId}/members`, {
        version: f.version,
        firstName: "A",
        lastName: "B",
        relationship: "child",
      }),
    prepare: versionOf("/api/families/:familyId"),
    status: 201,
  },
  updateFamilyMember: {
    rule: of("staff", 404),
    why: "family.edit",
    request: (f) =>
      body("PATCH", `/api/families/${f.familyId}/members/${f.memberId}`, {
        version: f.version,
        phone: "555",
      }),
    prepare: versionOf("/api/families/:familyId"),
    status: 200,
  },
  removeFamilyMember: {
    rule: of("staff", 404),
    why: "family.edit",
    request: (f) =>
      body("DELETE", `/api/families/${f.familyId}/members/${f.fresh || randomUUID()}?version=${f.version}`),
    prepare: async (h) => {
      const family = (await h.asOwner({ method: "GET", url: `/api/families/${h.fixture.familyId}` })).json();
      const added = (
        await h.asOwner({
          method: "POST",
          url: `/api/families/${h.fixture.familyId}/members`,
          payload: { version: family.version, firstName: "To", lastName: "Remove", relationship: "child" },
        })
      ).json();
      const member = added.members.find((m: { firstName: string }) => m.firstName === "To");
      return { fresh: member.id, version: added.version };
    },
    status: 200,
  },
  mergeFamilies: {
    rule: of("staff", 404),
    why: "family.edit of both",
    request: (f) =>
      body("POST", `/api/families/${f.familyId}/merge`, {
        version: f.version,
        duplicateId: f.fresh || f.familyId,
      }),
    prepare: async (h) => {
      const duplicate = await h.insert.family();
      const family = (await h.asOwner({ method: "GET", url: `/api/families/${h.fixture.familyId}` })).json();
      return { fresh: duplicate.id, version: family.version };
    },
    status: 200,
  },
  createAssessment: {
    rule: of("staff", 404),
    why: "family.edit (an incomplete assessment is a 4xx)",
    request: (f) =>
      body("POST", `/api/families/${f.familyId}/assessments`, {
        assessedOn: "2026-01-01",
        scores: {},
        crisisKinds: [],
      }),
  },
  setIntensity: {
    rule: of("staff", 404),
    why: "family.edit",
    request: (f) =>
      body("PUT", `/api/families/${f.familyId}/intensity`, {
        version: f.version,
        level: "intensive",
        reason: "matrix",
      }),
    prepare: versionOf("/api/families/:familyId"),
    status: 200,
  },
  createServicePlan: {
    rule: of("staff", 404),
    why: "family.edit",
    request: (f) =>
      body("POST", `/api/families/${f.familyId}/service-plans`, {
        basedOnRevision: f.version || null,
        goals: [{ goal: "x", steps: [], servicesNeeded: [] }],
        disengagement: { when: "x", how: "x", needs: "x" },
      }),
    prepare: async (h) => {
      const family = (await h.asOwner({ method: "GET", url: `/api/families/${h.fixture.familyId}` })).json();
      return { version: family.servicePlan?.revision ?? 0 };
    },
    status: 201,
  },
  approveServicePlan: {
    rule: of("manager", 404),
    why: "family.plan.approve: supervisors (managers)",
    request: (f) => body("POST", `/api/families/${f.familyId}/service-plans/1/approval`),
  },
  exportServicePlan: {
    rule: of("staff", 404),
    why: "family.read",
    request: (f) => get(`/api/families/${f.familyId}/service-plan.pdf?locale=es`)(),
  },
  logContact: {
    rule: of("staff", 404),
    why: "family.edit",
    request: (f) =>
      body("POST", `/api/families/${f.familyId}/contacts`, {
        contactDate: "2026-01-01",
        kind: "phone",
        notes: "x",
      }),
    status: 201,
  },
  closeCase: {
    rule: of("staff", 404),
    why: "family.edit",
    request: (f) =>
      body("POST", `/api/families/${f.fresh || f.familyId}/closure`, {
        version: f.version,
        closedOn: "2026-01-01",
        reason: "other",
        goalsMet: "x",
        maintenancePlan: "x",
        anticipatedNeeds: "x",
        whereToSeekHelp: "x",
      }),
    prepare: async (h) => {
      const family = await h.insert.family();
      return { fresh: family.id, version: 1 };
    },
    status: 200,
  },
  reopenCase: {
    rule: of("staff", 404),
    why: "family.edit",
    request: (f) =>
      body("POST", `/api/families/${f.fresh || f.familyId}/reopening`, {
        version: f.version,
        reason: "matrix",
      }),
    prepare: async (h) => {
      const family = await h.insert.family();
      const closed = await h.asOwner({
        method: "POST",
        url: `/api/families/${family.id}/closure`,
        payload: {
          version: 1,
          closedOn: "2026-01-01",
          reason: "other",
          goalsMet: "x",
          maintenancePlan: "x",
          anticipatedNeeds: "x",
          whereToSeekHelp: "x",
        },
      });
      return { fresh: family.id, version: closed.json().version };
    },
    status: 200,
  },
  // ---- referrals (referral.* policies, docs/referrals.md) ----
  createReferral: {
    rule: of("staff", 404),
    why: "referral.create: staff of the family's organization (an unknown service is a 4xx)",
    request: (f) =>
      body("POST", "/api/referrals", {
        familyId: f.familyId,
        serviceId: randomUUID(),
        shared: { contactName: "x", preferredLanguage: "en", reason: "x" },
      }),
  },
  listReferrals: {
    rule: of("staff", 404),
    why: "referral.list: staff of the family's organization",
    request: (f) => get(`/api/referrals?familyId=${f.familyId}`)(),
    status: 200,
  },
  listInboundReferrals: {
    rule: own("staff"),
    why: "referral.list of the active organization",
    request: get("/api/referrals/inbound"),
    status: 200,
  },
  getReferralFigures: {
    rule: own("staff"),
    why: "referral.list of the active organization",
    request: get("/api/referral-figures"),
    status: 200,
  },
  getReferral: {
    rule: of("staff", 404),
    why: "referral.read: staff of the sending (or receiving) organization",
    request: (f) => get(`/api/referrals/${f.referralId}`)(),
    status: 200,
  },
  updateReferralStatus: {
    rule: of("staff", 404),
    why: "referral.update_status: the sender cancels",
    request: (f) =>
      body("PUT", `/api/referrals/${f.fresh || f.referralId}/status`, { version: 1, status: "cancelled" }),
    prepare: async (h) => ({ fresh: await h.insert.referral() }),
    status: 200,
  },
  emailReferral: {
    rule: of("staff", 404),
    why: "referral.create: staff of the sending organization",
    request: (f) =>
      body("POST", `/api/referrals/${f.referralId}/email`, {
        to: "provider@test.example",
        familyAgreed: true,
      }),
  },
  listReferralProviderLinks: {
    rule: own("staff"),
    why: "referral.list: staff see which providers' referrals they receive; managers change the links",
    request: get("/api/referral-provider-links"),
    status: 200,
  },
  createReferralProviderLink: {
    rule: own("manager"),
    why: "referral.provider_links.manage (an unknown directory organization is a 4xx)",
    request: () => body("POST", "/api/referral-provider-links", { hsdsOrganizationId: randomUUID() }),
  },
  deleteReferralProviderLink: {
    rule: own("manager"),
    why: "referral.provider_links.manage (an unknown link is 404 after the check)",
    request: () => body("DELETE", `/api/referral-provider-links/${randomUUID()}`),
    status: 404,
  },
  // ---- consent (docs/consent.md) ----
  listConsents: {
    rule: of("staff", 404),
    why: "consent.read: staff of the family's organization",
    request: (f) => get(`/api/families/${f.familyId}/consents`)(),
    status: 200,
  },
  createConsent: {
    rule: of("staff", 404),
    why: "consent.manage (an unknown receiving organization is a 4xx)",
    request: (f) =>
      body("POST", `/api/families/${f.familyId}/consents`, {
        givenByName: "Ana Owner",
        receivingOrganizationIds: [f.networkId],
        categories: ["identity_contact"],
        purposes: ["referral"],
        effectiveOn: "2026-01-01",
        method: "verbal",
        witnessName: "x",
      }),
  },
  revokeConsent: {
    rule: of("staff", 404),
    why: "consent.manage",
    request: (f) =>
      body("POST", `/api/consents/${f.fresh || f.consentId}/revocation`, { reason: "x", version: 1 }),
    prepare: async (h) => ({ fresh: await h.insert.consent() }),
    status: 200,
  },
  getConsentSignedForm: {
    rule: of("staff", 404),
    why: "consent.read (no signed form on file: 404 after the check)",
    request: (f) => get(`/api/consents/${f.consentId}/signed-form`)(),
    status: 404,
  },
  getConsentPdf: {
    rule: of("staff", 404),
    why: "consent.read",
    request: (f) => get(`/api/consents/${f.consentId}/pdf?locale=es`)(),
    status: 200,
  },
  getConsentForm: {
    rule: own("staff"),
    why: "consent.manage of the active organization (a blank form holds no family data)",
    request: (f) => get(`/api/consent-form?receivingOrganizationId=${f.networkId}`)(),
    status: 200,
  },
  listProgramRecords: {
    rule: of("staff", 404),
    why: "family.read",
    request: (f) => get(`/api/families/${f.familyId}/program-records`)(),
    status: 200,
  },
  createProgramRecord: {
    rule: of("staff", 404),
    why: "family.edit",
    request: (f) =>
      body("POST", `/api/families/${f.familyId}/program-records`, {
        kind: "child_welfare_history",
        recordedOn: "2026-01-01",
        summary: "x",
      }),
    status: 201,
  },
  listSharedFamilies: {
    rule: own("staff"),
    why: "family.shared.read: families shared with the active organization",
    request: get("/api/shared/families"),
    status: 200,
  },
  getSharedFamily: {
    rule: of("staff", 403, { grants: { ta: true }, except: { "other.viewer": 403 } }),
    why: "family.shared.read (staff of the reader), then the consent policy: the TA provider is named in a consent, others get 403 consent.required, audited (docs/consent.md); the serving organization is sent to its own record (4xx)",
    request: (f) => get(`/api/shared/families/${f.familyId}`)(),
  },
  breakGlass: {
    rule: of("staff", 404, { grants: { ta: true }, except: { "other.viewer": 403 } }),
    why: "family.break_glass: staff of an organization tied to the family (the TA provider, named in a consent); no tie 404 (docs/consent.md); a viewer is refused before (403)",
    request: (f) =>
      body("POST", `/api/shared/families/${f.familyId}/break-glass`, {
        reason: "An emergency that is long enough to pass.",
        purpose: "service_coordination",
      }),
  },
  getFamilyAccessReport: {
    rule: of("staff", 404),
    why: "family.read",
    request: (f) => get(`/api/families/${f.familyId}/access-report?format=pdf`)(),
    status: 200,
  },
  exportFamilyRecord: {
    rule: of("staff", 404),
    why: "family.read",
    request: (f) => get(`/api/families/${f.familyId}/record`)(),
    status: 200,
  },
  // ---- service directory (directory.read, directory.import; docs/directory.md) ----
  searchServices: {
    rule: own("viewer"),
    why: "directory.read",
    request: get("/api/directory/services?q=food"),
    status: 200,
  },
  getService: {
    rule: own("viewer"),
    why: "directory.read (an unknown service is 404 after the check)",
    request: () => get(`/api/directory/services/${randomUUID()}`)(),
    status: 404,
  },
  listDirectoryTaxonomyTerms: {
    rule: own("viewer"),
    why: "directory.read",
    request: get("/api/directory/taxonomy-terms"),
    status: 200,
  },
  importHsds: {
    rule: own("manager"),
    why: "directory.import: the steward's managers (an incomplete record is a 4xx)",
    request: () => body("POST", "/api/directory/import", { id: randomUUID(), name: "x" }),
  },
  exportHsds: {
    rule: own("viewer"),
    why: "directory.read",
    request: get("/api/directory/export"),
    status: 200,
  },
  // ---- TA coordination (docs/ta.md) ----
  listPartnerships: {
    rule: own("viewer"),
    why: "partnership.read: everyone signed in",
    request: get("/api/partnerships"),
    status: 200,
  },
  createPartnership: {
    rule: own("staff"),
    why: "partnership.manage of the active organization (the steward)",
    request: () =>
      body("POST", "/api/partnerships", { name: "x", geographyKind: "county", geographyName: "Any" }),
    status: 201,
  },
  getPartnership: {
    rule: of("viewer", 403, { grants: { other: "viewer", state: true, ta: true } }),
    why: "partnership.read: everyone signed in",
    request: (f) => get(`/api/partnerships/${f.partnershipId}`)(),
    status: 200,
  },
  getPartnershipDocument: {
    rule: of("viewer", 403, { grants: { other: "viewer", state: true, ta: true } }),
    why: "partnership.read: everyone signed in (an unknown document is 404 after the check)",
    request: (f) => get(`/api/partnerships/${f.partnershipId}/documents/${randomUUID()}`)(),
    status: 404,
  },
  updatePartnership: {
    rule: of("staff", 403),
    why: "partnership.manage: staff of the steward; others 403",
    request: (f) =>
      body("PATCH", `/api/partnerships/${f.partnershipId}`, { version: f.version, name: "renamed" }),
    prepare: versionOf("/api/partnerships/:partnershipId"),
    status: 200,
  },
  addPartnershipMember: {
    rule: of("staff", 403),
    why: "partnership.manage",
    request: (f) =>
      body("POST", `/api/partnerships/${f.partnershipId}/members`, { name: "Member", sector: "health" }),
    status: 201,
  },
  removePartnershipMember: {
    rule: of("staff", 403),
    why: "partnership.manage",
    request: (f) => body("DELETE", `/api/partnerships/${f.partnershipId}/members/${f.fresh || randomUUID()}`),
    prepare: async (h) => {
      const partnership = (
        await h.asOwner({
          method: "POST",
          url: `/api/partnerships/${h.fixture.partnershipId}/members`,
          payload: { name: "To remove", sector: "health" },
        })
      ).json();
      return { fresh: partnership.members.find((m: { name: string }) => m.name === "To remove").id };
    },
    status: 200,
  },
  addPartnershipDocument: {
    rule: of("staff", 403),
    why: "partnership.manage",
    request: (f) =>
      body("POST", `/api/partnerships/${f.partnershipId}/documents`, {
        title: "x",
        kind: "other",
        url: "https://example.org/x",
      }),
    status: 201,
  },
  recordPartnershipLevel: {
    rule: of("staff", 403),
    why: "partnership.manage",
    request: (f) =>
      body("POST", `/api/partnerships/${f.partnershipId}/levels`, {
        assessedOn: "2026-01-01",
        level: "collaboration",
      }),
    status: 201,
  },
  listTaRequests: {
    rule: own("viewer"),
    why: "the network's state, or the active organization's own",
    request: get("/api/ta/requests"),
    status: 200,
  },
  createTaRequest: {
    rule: own("staff"),
    why: "ta.request.create: staff of the active organization",
    request: () => body("POST", "/api/ta/requests", taRequestInput),
    status: 201,
  },
  getTaRequest: {
    rule: of("viewer", 404, { grants: { state: true, ta: true } }),
    why: "ta.request.read: the logging organization; the TA network of its state (ta.network.read)",
    request: (f) => get(`/api/ta/requests/${f.taRequestId}`)(),
    status: 200,
  },
  updateTaRequest: {
    rule: of("staff", 404, { grants: { state: true, ta: true } }),
    why: "ta.request.update: staff of the logging organization or of the state's TA network",
    request: (f) =>
      body("PATCH", `/api/ta/requests/${f.taRequestId}`, { version: f.version, topic: "renamed" }),
    prepare: versionOf("/api/ta/requests/:taRequestId"),
    status: 200,
  },
  listTaEngagements: {
    rule: own("viewer"),
    why: "the network's state, or the active organization's own",
    request: get("/api/ta/engagements"),
    status: 200,
  },
  createTaEngagement: {
    rule: own("staff", { kinds: NETWORK }),
    why: "ta.engagement.create: the TA network (staff of a TA provider or state agency)",
    request: (f) =>
      body("POST", "/api/ta/engagements", {
        requestId: f.taRequestId,
        startsOn: "2026-01-01",
        endsOn: "2026-01-31",
      }),
    status: 201,
  },
  getTaEngagement: {
    rule: of("viewer", 404, { owner: "network", grants: { state: true, ta: true } }),
    why: "ta.engagement.read: the provider; the TA network of its state",
    request: (f) => get(`/api/ta/engagements/${f.taEngagementId}`)(),
    status: 200,
  },
  updateTaEngagement: {
    rule: of("staff", 404, { owner: "network" }),
    why: "ta.engagement.update: staff of the provider only",
    request: (f) =>
      body("PATCH", `/api/ta/engagements/${f.taEngagementId}`, { version: f.version, hours: 1 }),
    prepare: versionOf("/api/ta/engagements/:taEngagementId"),
    status: 200,
  },
  listTaOverlaps: {
    rule: own("staff", { kinds: NETWORK }),
    why: "ta.network.read",
    request: get("/api/ta/overlaps"),
    status: 200,
  },
  decideTaOverlap: {
    rule: of(null, 404, { grants: { state: true, ta: true } }),
    why: "ta.overlap.decide: the TA network of the overlap's state; a member of the item's organization outside it 403",
    request: (f) => body("POST", `/api/ta/overlaps/${f.fresh || f.taOverlapId}`, { decision: "dismiss" }),
    prepare: async (h) => ({ fresh: await h.insert.taOverlap() }),
    status: 200,
  },
  getTaDashboard: {
    rule: own("staff", { kinds: NETWORK }),
    why: "ta.network.read",
    request: get("/api/ta/dashboard"),
    status: 200,
  },
  // ---- peer learning library and trainings (docs/ta.md) ----
  listResources: {
    rule: own("viewer"),
    why: "library.read: everyone signed in",
    request: get("/api/library/resources"),
    status: 200,
  },
  createResource: {
    rule: own("staff"),
    why: "library.share: staff of the active organization",
    request: () =>
      body("POST", "/api/library/resources", { title: "x", kind: "guide", url: "https://example.org/x" }),
    status: 201,
  },
  getResource: {
    rule: of("viewer", 403, { grants: { other: "viewer", state: true, ta: true } }),
    why: "library.read: everyone signed in",
    request: (f) => get(`/api/library/resources/${f.resourceId}`)(),
    status: 200,
  },
  downloadResource: {
    rule: of("viewer", 403, { grants: { other: "viewer", state: true, ta: true } }),
    why: "library.read: everyone signed in (a link, not a file: 404 after the check)",
    request: (f) => get(`/api/library/resources/${f.resourceId}/file`)(),
    status: 404,
  },
  addResourceComment: {
    rule: of("staff", 403, { grants: { other: "staff", state: true, ta: true } }),
    why: "library.comment: staff of any organization, as their active organization",
    request: (f) => body("POST", `/api/library/resources/${f.resourceId}/comments`, { body: "x" }),
    status: 201,
  },
  updateResource: {
    rule: of("staff", 403),
    why: "library.manage: staff of the sharer; others 403",
    request: (f) =>
      body("PATCH", `/api/library/resources/${f.resourceId}`, { version: f.version, title: "renamed" }),
    prepare: versionOf("/api/library/resources/:resourceId"),
    status: 200,
  },
  deleteResource: {
    rule: of("staff", 403),
    why: "library.manage: staff of the sharer; others 403",
    request: (f) => body("DELETE", `/api/library/resources/${f.fresh || f.resourceId}?version=1`),
    prepare: async (h) => ({
      fresh: (
        await h.asOwner({
          method: "POST",
          url: "/api/library/resources",
          payload: { title: "to delete", kind: "guide", url: "https://example.org/x" },
        })
      ).json().id,
    }),
    status: 204,
  },
  listTrainings: {
    rule: own("staff", { kinds: NETWORK }),
    why: "training.read: the TA network",
    request: get("/api/trainings"),
    status: 200,
  },
  createTraining: {
    rule: own("staff", { kinds: NETWORK }),
    why: "training.manage: the TA network organizes",
    request: () =>
      body("POST", "/api/trainings", {
        title: "x",
        level: "awareness",
        sectors: [],
        startsAt: "2026-01-01T00:00:00.000Z",
        communities: [],
      }),
    status: 201,
  },
  getTrainingResultsSummary: {
    rule: own("staff", { kinds: NETWORK }),
    why: "training.read: the TA network",
    request: get("/api/trainings/results"),
    status: 200,
  },
  getTraining: {
    rule: of("staff", 404, { owner: "network", below: 404, grants: { state: true, ta: true } }),
    why: "training.read: the organizer's network staff, the TA network of its state; anyone else 404",
    request: (f) => get(`/api/trainings/${f.trainingId}`)(),
    status: 200,
  },
  getTrainingResults: {
    rule: of("staff", 404, { owner: "network", below: 404, grants: { state: true, ta: true } }),
    why: "training.read: the organizer's network staff, the TA network of its state; anyone else 404",
    request: (f) => get(`/api/trainings/${f.trainingId}/results`)(),
    status: 200,
  },
  updateTraining: {
    rule: of("staff", 404, { owner: "network" }),
    why: "training.manage: staff of the organizer",
    request: (f) =>
      body("PATCH", `/api/trainings/${f.trainingId}`, { version: f.version, surveyOpen: false }),
    prepare: versionOf("/api/trainings/:trainingId"),
    status: 200,
  },
  registerForTraining: {
    rule: of("staff", 404, { owner: "network" }),
    why: "training.manage: staff of the organizer",
    request: (f) => body("POST", `/api/trainings/${f.trainingId}/registrations`, { name: "Participant" }),
    status: 201,
  },
  recordAttendance: {
    rule: of("staff", 404, { owner: "network" }),
    why: "training.manage: staff of the organizer",
    request: (f) => body("PUT", `/api/trainings/${f.trainingId}/attendance`, { attended: [] }),
    status: 200,
  },
  getPublicSurvey: {
    public:
      "participants answer without an account; needs the training's secret token, 404 once closed, rate limited",
  },
  submitSurveyResponse: {
    public:
      "anonymous evaluation answers; secret token, rate limited per IP and capped per training, no personal data",
  },
  // ---- the HSDS read API publishes directory data; TRELLIS_HSDS_API=token makes it token-only ----
  getAPIMetaInformation: { public: "HSDS API metadata; token-only by configuration, rate limited" },
  getPaginatedListOfServices: { public: "published HSDS directory data (see getAPIMetaInformation)" },
  getFullyNestedServiceById: { public: "published HSDS directory data" },
  getPaginatedListOfOrganizations: { public: "published HSDS directory data" },
  getOrganizationById: { public: "published HSDS directory data" },
  getPaginatedListOfTaxonomies: { public: "published HSDS directory data" },
  getTaxonomyById: { public: "published HSDS directory data" },
  getPaginatedListOfTaxonomyTerms: { public: "published HSDS directory data" },
  getTaxonomyTermById: { public: "published HSDS directory data" },
  getPaginatedListOfServiceAtLocation: { public: "published HSDS directory data" },
  getServiceAtLocationWithNestedDataById: { public: "published HSDS directory data" },
};

interface ItemNode {
  id: string;
  version: number;
  children?: ItemNode[];
}

async function itemVersion(h: Harness): Promise<number> {
  const plan = (await h.asOwner({ method: "GET", url: `/api/plans/${h.fixture.planId}` })).json();
  const find = (nodes: ItemNode[]): ItemNode | undefined =>
    nodes.map((n) => (n.id === h.fixture.itemId ? n : find(n.children ?? []))).find(Boolean);
  const item = find(plan.sections.flatMap((section: { items: ItemNode[] }) => section.items));
  if (!item) throw new Error("plan item not found");
  return item.version;
}
