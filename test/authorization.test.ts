import { randomUUID } from "node:crypto";
import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  auditEvents,
  breakGlassAccesses,
  consents,
  libraryResources,
  partnerships,
  referrals,
  taEngagements,
  taOverlaps,
  taRequests,
  trainings,
} from "../src/db/schema/index.ts";
import { createOrganizationWithRoles, createTestApp, type TestContext } from "./helpers.ts";

/**
 * Every operation of the API, and how it is guarded. A new route without an entry here fails the
 * suite, so nobody adds a route without saying who may use it and proving that outsiders may not.
 */
type Guard =
  | { kind: "public"; why: string }
  /** Acts only on the signed-in user's own account: anonymous callers get 401. */
  | { kind: "self"; request: InjectOptions }
  /** Data of one organization: another organization's admin is refused (403/404) and the refusal is audited. */
  | { kind: "organization"; request: (f: Fixture) => InjectOptions };

/** Things of the owning organization that the requests point at. */
interface Fixture {
  orgId: string;
  planId: string;
  itemId: string;
  changeId: string;
  familyId: string;
  referralId: string;
  consentId: string;
  breakGlassId: string;
  partnershipId: string;
  taRequestId: string;
  taEngagementId: string;
  taOverlapId: string;
  resourceId: string;
  trainingId: string;
}

const GUARDS: Record<string, Guard> = {
  getHealth: { kind: "public", why: "load balancer probe; reveals engine and migration count only" },
  signIn: { kind: "public", why: "the way in" },
  requestPasswordReset: { kind: "public", why: "answers the same for every e-mail" },
  confirmPasswordReset: { kind: "public", why: "needs a secret single-use token" },
  getInvitation: { kind: "public", why: "needs a secret invitation token" },
  acceptInvitation: { kind: "public", why: "needs a secret invitation token" },
  signOut: { kind: "self", request: { method: "DELETE", url: "/api/session" } },
  getMe: { kind: "self", request: { method: "GET", url: "/api/me" } },
  setActiveOrganization: {
    kind: "self",
    request: { method: "PUT", url: "/api/me/active-organization", payload: { organizationId: randomUUID() } },
  },
  setLocale: { kind: "self", request: { method: "PUT", url: "/api/me/locale", payload: { locale: "es" } } },
  changePassword: {
    kind: "self",
    request: {
      method: "POST",
      url: "/api/me/password",
      payload: { currentPassword: "x", newPassword: "y".repeat(12) },
    },
  },
  listOrganizations: { kind: "self", request: { method: "GET", url: "/api/organizations" } },
  listMembers: {
    kind: "organization",
    request: ({ orgId: id }) => ({ method: "GET", url: `/api/organizations/${id}/members` }),
  },
  createInvitation: {
    kind: "organization",
    request: ({ orgId: id }) => ({
      method: "POST",
      url: `/api/organizations/${id}/invitations`,
      payload: { email: "intruder@test.example", role: "admin" },
    }),
  },
  listOutbox: {
    kind: "organization",
    request: ({ orgId: id }) => ({ method: "GET", url: `/api/organizations/${id}/outbox` }),
  },
  listApiTokens: {
    kind: "organization",
    request: ({ orgId: id }) => ({ method: "GET", url: `/api/organizations/${id}/api-tokens` }),
  },
  createApiToken: {
    kind: "organization",
    request: ({ orgId: id }) => ({
      method: "POST",
      url: `/api/organizations/${id}/api-tokens`,
      payload: { name: "intruder" },
    }),
  },
  revokeApiToken: {
    kind: "organization",
    request: ({ orgId: id }) => ({
      method: "DELETE",
      url: `/api/organizations/${id}/api-tokens/${randomUUID()}`,
    }),
  },
  // The audit log is always that of the actor's active organization; the outsider case is "another
  // organization's admin sees none of ours", proven in audit.test.ts. Here: anonymous is refused.
  listAuditEvents: { kind: "self", request: { method: "GET", url: "/api/audit-events" } },
  listTemplates: { kind: "self", request: { method: "GET", url: "/api/templates" } },
  // Lists are always of the actor's own organizations; plans.test.ts proves a stranger's lists leave ours out.
  listPlans: { kind: "self", request: { method: "GET", url: "/api/plans" } },
  listMyActionSteps: { kind: "self", request: { method: "GET", url: "/api/my/action-steps" } },
  listDueActionSteps: { kind: "self", request: { method: "GET", url: "/api/plans-due" } },
  createPlan: {
    kind: "self",
    request: {
      method: "POST",
      url: "/api/plans",
      payload: { templateKey: "linkages-work-plan", title: "x" },
    },
  },
  getPlan: { kind: "organization", request: (f) => ({ method: "GET", url: `/api/plans/${f.planId}` }) },
  updatePlan: {
    kind: "organization",
    request: (f) => ({
      method: "PATCH",
      url: `/api/plans/${f.planId}`,
      payload: { version: 1, title: "taken" },
    }),
  },
  archivePlan: {
    kind: "organization",
    request: (f) => ({ method: "DELETE", url: `/api/plans/${f.planId}` }),
  },
  createPlanItem: {
    kind: "organization",
    request: (f) => ({
      method: "POST",
      url: `/api/plans/${f.planId}/items`,
      payload: { parentId: f.itemId, level: "action_step", title: "intrusion" },
    }),
  },
  updatePlanItem: {
    kind: "organization",
    request: (f) => ({
      method: "PATCH",
      url: `/api/plans/${f.planId}/items/${f.itemId}`,
      payload: { version: 1, title: "x" },
    }),
  },
  movePlanItem: {
    kind: "organization",
    request: (f) => ({
      method: "POST",
      url: `/api/plans/${f.planId}/items/${f.itemId}/move`,
      payload: { version: 1, position: 0 },
    }),
  },
  deletePlanItem: {
    kind: "organization",
    request: (f) => ({ method: "DELETE", url: `/api/plans/${f.planId}/items/${f.itemId}?version=1` }),
  },
  listProgressNotes: {
    kind: "organization",
    request: (f) => ({ method: "GET", url: `/api/plans/${f.planId}/items/${f.itemId}/notes` }),
  },
  listPlanChanges: {
    kind: "organization",
    request: (f) => ({ method: "GET", url: `/api/plans/${f.planId}/history` }),
  },
  undoPlanChange: {
    kind: "organization",
    request: (f) => ({ method: "POST", url: `/api/plans/${f.planId}/history/${f.changeId}/undo` }),
  },
  listPlanAssignees: {
    kind: "organization",
    request: (f) => ({ method: "GET", url: `/api/plans/${f.planId}/assignees` }),
  },
  // County performance is published aggregate data; reference data is the same for everyone.
  listMeasures: { kind: "self", request: { method: "GET", url: "/api/measures?county=Any" } },
  getMeasureSeries: { kind: "self", request: { method: "GET", url: "/api/measures/S1/series?county=Any" } },
  // Writes are refused to anyone but a state admin / county manager: measures.test.ts proves each refusal.
  updateMeasure: {
    kind: "self",
    request: { method: "PATCH", url: `/api/measures/${randomUUID()}`, payload: { safety: true } },
  },
  importPerformance: {
    kind: "self",
    request: {
      method: "POST",
      url: "/api/measures/performance/import",
      headers: { "content-type": "text/csv" },
      payload: "a",
    },
  },
  setNeedsImprovement: {
    kind: "self",
    request: {
      method: "PUT",
      url: "/api/measures/S1/needs-improvement",
      payload: { needsImprovement: true, reason: "abc" },
    },
  },
  checkPlan: {
    kind: "organization",
    request: (f) => ({ method: "GET", url: `/api/plans/${f.planId}/checks` }),
  },
  getSipComponentProgress: {
    kind: "organization",
    request: (f) => ({ method: "GET", url: `/api/plans/${f.planId}/components/progress` }),
  },
  listSipTeam: {
    kind: "organization",
    request: (f) => ({ method: "GET", url: `/api/plans/${f.planId}/team` }),
  },
  addSipTeamMember: {
    kind: "organization",
    request: (f) => ({
      method: "POST",
      url: `/api/plans/${f.planId}/team`,
      payload: { name: "x", affiliation: "y", category: "core" },
    }),
  },
  removeSipTeamMember: {
    kind: "organization",
    request: (f) => ({ method: "DELETE", url: `/api/plans/${f.planId}/team/${randomUUID()}` }),
  },
  getPlanWorkflow: {
    kind: "organization",
    request: (f) => ({ method: "GET", url: `/api/plans/${f.planId}/workflow` }),
  },
  transitionPlan: {
    kind: "organization",
    request: (f) => ({
      method: "POST",
      url: `/api/plans/${f.planId}/transitions`,
      payload: { to: "team_review" },
    }),
  },
  listPlanVersions: {
    kind: "organization",
    request: (f) => ({ method: "GET", url: `/api/plans/${f.planId}/versions` }),
  },
  diffPlanVersions: {
    kind: "organization",
    request: (f) => ({ method: "GET", url: `/api/plans/${f.planId}/versions/diff?from=1&to=current` }),
  },
  listReviewComments: {
    kind: "organization",
    request: (f) => ({ method: "GET", url: `/api/plans/${f.planId}/review-comments` }),
  },
  addReviewComment: {
    kind: "organization",
    request: (f) => ({
      method: "POST",
      url: `/api/plans/${f.planId}/review-comments`,
      payload: { body: "x" },
    }),
  },
  resolveReviewComment: {
    kind: "organization",
    request: (f) => ({
      method: "PUT",
      url: `/api/plans/${f.planId}/review-comments/${randomUUID()}/resolution`,
      payload: { resolved: true },
    }),
  },
  // Only state reviewers: sip.test.ts proves a county user is refused and sees none before submission.
  listSubmittedSips: { kind: "self", request: { method: "GET", url: "/api/state-review/sips" } },
  postPlanPublicly: {
    kind: "organization",
    request: (f) => ({
      method: "PUT",
      url: `/api/plans/${f.planId}/public-posting`,
      payload: { commentsOpenFrom: "2026-01-01", commentsOpenUntil: "2026-02-01" },
    }),
  },
  listPublicComments: {
    kind: "organization",
    request: (f) => ({ method: "GET", url: `/api/plans/${f.planId}/public-comments` }),
  },
  moderatePublicComment: {
    kind: "organization",
    request: (f) => ({
      method: "PUT",
      url: `/api/plans/${f.planId}/public-comments/${randomUUID()}`,
      payload: { status: "published" },
    }),
  },
  getPublicPlan: {
    kind: "public",
    why: "posted plans are public by design; only posted plans are found (sip.test.ts)",
  },
  createPublicComment: { kind: "public", why: "public comment period; rate limited, held for moderation" },
  exportPlan: {
    kind: "organization",
    request: (f) => ({ method: "GET", url: `/api/plans/${f.planId}/export?format=csv` }),
  },
  importActionSteps: {
    kind: "organization",
    request: (f) => ({
      method: "POST",
      url: `/api/plans/${f.planId}/import`,
      headers: { "content-type": "text/csv" },
      payload: "a,b",
    }),
  },
  getCalendarFeed: { kind: "self", request: { method: "GET", url: "/api/calendar-feed" } },
  createCalendarFeed: { kind: "self", request: { method: "POST", url: "/api/calendar-feed" } },
  listPlanShares: {
    kind: "organization",
    request: (f) => ({ method: "GET", url: `/api/plans/${f.planId}/shares` }),
  },
  sharePlan: {
    kind: "organization",
    request: (f) => ({
      method: "PUT",
      url: `/api/plans/${f.planId}/shares/${f.orgId}`,
      payload: { role: "editor" },
    }),
  },
  unsharePlan: {
    kind: "organization",
    request: (f) => ({ method: "DELETE", url: `/api/plans/${f.planId}/shares/${f.orgId}` }),
  },
  // Referrals (referrals.test.ts proves the receiver's side, viewers refused and lists leaving others out).
  createReferral: {
    kind: "organization",
    request: (f) => ({
      method: "POST",
      url: "/api/referrals",
      payload: {
        familyId: f.familyId,
        serviceId: randomUUID(),
        shared: { contactName: "x", preferredLanguage: "en", reason: "x" },
      },
    }),
  },
  listReferrals: {
    kind: "organization",
    request: (f) => ({ method: "GET", url: `/api/referrals?familyId=${f.familyId}` }),
  },
  // The inbound queue and the figures are always the active organization's own.
  listInboundReferrals: { kind: "self", request: { method: "GET", url: "/api/referrals/inbound" } },
  getReferralFigures: { kind: "self", request: { method: "GET", url: "/api/referral-figures" } },
  getReferral: {
    kind: "organization",
    request: (f) => ({ method: "GET", url: `/api/referrals/${f.referralId}` }),
  },
  updateReferralStatus: {
    kind: "organization",
    request: (f) => ({
      method: "PUT",
      url: `/api/referrals/${f.referralId}/status`,
      payload: { version: 1, status: "cancelled" },
    }),
  },
  // Family support coordination (families.test.ts proves viewers are refused and lists leave others out).
  listAssessmentInstruments: { kind: "self", request: { method: "GET", url: "/api/assessment-instruments" } },
  listFamilies: { kind: "self", request: { method: "GET", url: "/api/families?q=owner" } },
  createFamily: {
    kind: "self",
    request: {
      method: "POST",
      url: "/api/families",
      payload: { displayName: "x", members: [{ firstName: "a", lastName: "b", relationship: "parent" }] },
    },
  },
  getCaseload: { kind: "self", request: { method: "GET", url: "/api/caseload" } },
  getFamilySettings: { kind: "self", request: { method: "GET", url: "/api/family-settings" } },
  updateFamilySettings: {
    kind: "self",
    request: { method: "PUT", url: "/api/family-settings", payload: { requirePlanApproval: true } },
  },
  getFamily: {
    kind: "organization",
    request: (f) => ({ method: "GET", url: `/api/families/${f.familyId}` }),
  },
  updateFamily: {
    kind: "organization",
    request: (f) => ({
      method: "PATCH",
      url: `/api/families/${f.familyId}`,
      payload: { version: 1, address: "x" },
    }),
  },
  mergeFamilies: {
    kind: "organization",
    request: (f) => ({
      method: "POST",
      url: `/api/families/${f.familyId}/merge`,
      payload: { version: 1, duplicateId: f.familyId },
    }),
  },
  addFamilyMember: {
    kind: "organization",
    request: (f) => ({
      method: "POST",
      url: `/api/families/${f.familyId}/members`,
      payload: { version: 1, firstName: "A", lastName: "B", relationship: "child" },
    }),
  },
  updateFamilyMember: {
    kind: "organization",
    request: (f) => ({
      method: "PATCH",
      url: `/api/families/${f.familyId}/members/${randomUUID()}`,
      payload: { version: 1, phone: "555" },
    }),
  },
  removeFamilyMember: {
    kind: "organization",
    request: (f) => ({
      method: "DELETE",
      url: `/api/families/${f.familyId}/members/${randomUUID()}?version=1`,
    }),
  },
  createAssessment: {
    kind: "organization",
    request: (f) => ({
      method: "POST",
      url: `/api/families/${f.familyId}/assessments`,
      payload: { assessedOn: "2026-01-01", scores: {}, crisisKinds: [] },
    }),
  },
  setIntensity: {
    kind: "organization",
    request: (f) => ({
      method: "PUT",
      url: `/api/families/${f.familyId}/intensity`,
      payload: { version: 1, level: "intensive", reason: "taken over" },
    }),
  },
  createServicePlan: {
    kind: "organization",
    request: (f) => ({
      method: "POST",
      url: `/api/families/${f.familyId}/service-plans`,
      payload: {
        basedOnRevision: null,
        goals: [{ goal: "x", steps: [], servicesNeeded: [] }],
        disengagement: { when: "x", how: "x", needs: "x" },
      },
    }),
  },
  approveServicePlan: {
    kind: "organization",
    request: (f) => ({ method: "POST", url: `/api/families/${f.familyId}/service-plans/1/approval` }),
  },
  exportServicePlan: {
    kind: "organization",
    request: (f) => ({ method: "GET", url: `/api/families/${f.familyId}/service-plan.pdf?locale=es` }),
  },
  logContact: {
    kind: "organization",
    request: (f) => ({
      method: "POST",
      url: `/api/families/${f.familyId}/contacts`,
      payload: { contactDate: "2026-01-01", kind: "phone", notes: "x" },
    }),
  },
  closeCase: {
    kind: "organization",
    request: (f) => ({
      method: "POST",
      url: `/api/families/${f.familyId}/closure`,
      payload: {
        version: 1,
        closedOn: "2026-01-01",
        reason: "other",
        goalsMet: "x",
        maintenancePlan: "x",
        anticipatedNeeds: "x",
        whereToSeekHelp: "x",
      },
    }),
  },
  reopenCase: {
    kind: "organization",
    request: (f) => ({
      method: "POST",
      url: `/api/families/${f.familyId}/reopening`,
      payload: { version: 1, reason: "taken over" },
    }),
  },
  emailReferral: {
    kind: "organization",
    request: (f) => ({
      method: "POST",
      url: `/api/referrals/${f.referralId}/email`,
      payload: { to: "provider@test.example", familyAgreed: true },
    }),
  },
  // Provider links belong to the active organization: an outsider can only manage its own (referrals.test.ts
  // proves another organization's link is refused with 409/404 and staff are refused with 403).
  listReferralProviderLinks: {
    kind: "self",
    request: { method: "GET", url: "/api/referral-provider-links" },
  },
  createReferralProviderLink: {
    kind: "self",
    request: {
      method: "POST",
      url: "/api/referral-provider-links",
      payload: { hsdsOrganizationId: randomUUID() },
    },
  },
  deleteReferralProviderLink: {
    kind: "self",
    request: { method: "DELETE", url: `/api/referral-provider-links/${randomUUID()}` },
  },
  // Consent (docs/consent.md): the family's organization records and revokes; others read only through
  // the consent policy, so an outsider's attempt is a denial audited against the family's organization.
  listConsents: {
    kind: "organization",
    request: (f) => ({ method: "GET", url: `/api/families/${f.familyId}/consents` }),
  },
  createConsent: {
    kind: "organization",
    request: (f) => ({
      method: "POST",
      url: `/api/families/${f.familyId}/consents`,
      payload: {
        givenByName: "Intruder",
        receivingOrganizationIds: [randomUUID()],
        categories: ["identity_contact"],
        purposes: ["referral"],
        effectiveOn: "2026-01-01",
        method: "verbal",
        witnessName: "x",
      },
    }),
  },
  revokeConsent: {
    kind: "organization",
    request: (f) => ({
      method: "POST",
      url: `/api/consents/${f.consentId}/revocation`,
      payload: { reason: "x", version: 1 },
    }),
  },
  getConsentSignedForm: {
    kind: "organization",
    request: (f) => ({ method: "GET", url: `/api/consents/${f.consentId}/signed-form` }),
  },
  listProgramRecords: {
    kind: "organization",
    request: (f) => ({ method: "GET", url: `/api/families/${f.familyId}/program-records` }),
  },
  createProgramRecord: {
    kind: "organization",
    request: (f) => ({
      method: "POST",
      url: `/api/families/${f.familyId}/program-records`,
      payload: { kind: "child_welfare_history", recordedOn: "2026-01-01", summary: "x" },
    }),
  },
  listSharedFamilies: { kind: "self", request: { method: "GET", url: "/api/shared/families" } },
  getSharedFamily: {
    kind: "organization",
    request: (f) => ({ method: "GET", url: `/api/shared/families/${f.familyId}` }),
  },
  breakGlass: {
    kind: "organization",
    request: (f) => ({
      method: "POST",
      url: `/api/shared/families/${f.familyId}/break-glass`,
      payload: { reason: "An emergency that is long enough to pass.", purpose: "service_coordination" },
    }),
  },
  // Privacy documents (src/features/privacy/privacy-documents.routes.ts): staff of the family's organization.
  getFamilyAccessReport: {
    kind: "organization",
    request: (f) => ({ method: "GET", url: `/api/families/${f.familyId}/access-report?format=pdf` }),
  },
  exportFamilyRecord: {
    kind: "organization",
    request: (f) => ({ method: "GET", url: `/api/families/${f.familyId}/record` }),
  },
  getConsentPdf: {
    kind: "organization",
    request: (f) => ({ method: "GET", url: `/api/consents/${f.consentId}/pdf?locale=es` }),
  },
  // A blank form holds no family data: it is printed for the actor's active organization, so there is no
  // other organization's resource to refuse; privacy-documents.test.ts proves a viewer is refused and audited.
  getConsentForm: {
    kind: "self",
    request: { method: "GET", url: `/api/consent-form?receivingOrganizationId=${randomUUID()}` },
  },
  // Privacy officer (src/features/privacy/privacy.routes.ts): the audit export, retention and the break-glass
  // list act on the active organization only (privacy.test.ts proves another organization sees none of ours);
  // a review names one access, which another organization's admin may not review.
  exportAuditEvents: { kind: "self", request: { method: "GET", url: "/api/audit-events.csv" } },
  listBreakGlassAccesses: { kind: "self", request: { method: "GET", url: "/api/privacy/break-glass" } },
  reviewBreakGlassAccess: {
    kind: "organization",
    request: (f) => ({
      method: "POST",
      url: `/api/privacy/break-glass/${f.breakGlassId}/review`,
      payload: { outcome: "justified", note: "taken over" },
    }),
  },
  listRetentionRules: { kind: "self", request: { method: "GET", url: "/api/privacy/retention-rules" } },
  updateRetentionRule: {
    kind: "self",
    request: {
      method: "PUT",
      url: "/api/privacy/retention-rules/closed_family",
      payload: { afterMonths: 1, enabled: true },
    },
  },
  previewRetention: { kind: "self", request: { method: "GET", url: "/api/privacy/retention/preview" } },
  applyRetention: {
    kind: "self",
    request: { method: "POST", url: "/api/privacy/retention/apply", payload: { previewId: "x" } },
  },
  // The service directory is shared by every signed-in user; each record's steward organization alone may
  // import over it, and only its managers: directory.test.ts proves a viewer and another organization are refused.
  searchServices: { kind: "self", request: { method: "GET", url: "/api/directory/services?q=food" } },
  getService: { kind: "self", request: { method: "GET", url: `/api/directory/services/${randomUUID()}` } },
  listDirectoryTaxonomyTerms: {
    kind: "self",
    request: { method: "GET", url: "/api/directory/taxonomy-terms" },
  },
  importHsds: {
    kind: "self",
    request: { method: "POST", url: "/api/directory/import", payload: { id: randomUUID(), name: "x" } },
  },
  exportHsds: { kind: "self", request: { method: "GET", url: "/api/directory/export" } },
  // TA coordination (docs/ta.md). The registry is read by everyone signed in and changed by its steward;
  // TA lists are the network's state or the active organization's own (ta.test.ts proves who sees what).
  listPartnerships: { kind: "self", request: { method: "GET", url: "/api/partnerships" } },
  createPartnership: {
    kind: "self",
    request: {
      method: "POST",
      url: "/api/partnerships",
      payload: { name: "x", geographyKind: "county", geographyName: "Any" },
    },
  },
  getPartnership: { kind: "self", request: { method: "GET", url: `/api/partnerships/${randomUUID()}` } },
  getPartnershipDocument: {
    kind: "self",
    request: { method: "GET", url: `/api/partnerships/${randomUUID()}/documents/${randomUUID()}` },
  },
  updatePartnership: {
    kind: "organization",
    request: (f) => ({
      method: "PATCH",
      url: `/api/partnerships/${f.partnershipId}`,
      payload: { version: 1, name: "taken" },
    }),
  },
  addPartnershipMember: {
    kind: "organization",
    request: (f) => ({
      method: "POST",
      url: `/api/partnerships/${f.partnershipId}/members`,
      payload: { name: "Intruder", sector: "health" },
    }),
  },
  removePartnershipMember: {
    kind: "organization",
    request: (f) => ({
      method: "DELETE",
      url: `/api/partnerships/${f.partnershipId}/members/${randomUUID()}`,
    }),
  },
  addPartnershipDocument: {
    kind: "organization",
    request: (f) => ({
      method: "POST",
      url: `/api/partnerships/${f.partnershipId}/documents`,
      payload: { title: "x", kind: "other", url: "https://example.org/x" },
    }),
  },
  recordPartnershipLevel: {
    kind: "organization",
    request: (f) => ({
      method: "POST",
      url: `/api/partnerships/${f.partnershipId}/levels`,
      payload: { assessedOn: "2026-01-01", level: "collaboration" },
    }),
  },
  listTaRequests: { kind: "self", request: { method: "GET", url: "/api/ta/requests" } },
  createTaRequest: {
    kind: "self",
    request: {
      method: "POST",
      url: "/api/ta/requests",
      payload: {
        recipientKind: "county",
        recipientName: "Any",
        topic: "x",
        sectors: ["health"],
        level: "awareness",
        wantedFrom: "2026-01-01",
        wantedTo: "2026-01-31",
      },
    },
  },
  getTaRequest: {
    kind: "organization",
    request: (f) => ({ method: "GET", url: `/api/ta/requests/${f.taRequestId}` }),
  },
  updateTaRequest: {
    kind: "organization",
    request: (f) => ({
      method: "PATCH",
      url: `/api/ta/requests/${f.taRequestId}`,
      payload: { version: 1, status: "withdrawn" },
    }),
  },
  listTaEngagements: { kind: "self", request: { method: "GET", url: "/api/ta/engagements" } },
  // Only the TA network logs engagements: ta.test.ts proves a county organization is refused.
  createTaEngagement: {
    kind: "self",
    request: {
      method: "POST",
      url: "/api/ta/engagements",
      payload: { requestId: randomUUID(), startsOn: "2026-01-01", endsOn: "2026-01-31" },
    },
  },
  getTaEngagement: {
    kind: "organization",
    request: (f) => ({ method: "GET", url: `/api/ta/engagements/${f.taEngagementId}` }),
  },
  updateTaEngagement: {
    kind: "organization",
    request: (f) => ({
      method: "PATCH",
      url: `/api/ta/engagements/${f.taEngagementId}`,
      payload: { version: 1, hours: 1 },
    }),
  },
  // The board and dashboard are the TA network's, of its own state: ta.test.ts proves others are refused.
  listTaOverlaps: { kind: "self", request: { method: "GET", url: "/api/ta/overlaps" } },
  decideTaOverlap: {
    kind: "organization",
    request: (f) => ({
      method: "POST",
      url: `/api/ta/overlaps/${f.taOverlapId}`,
      payload: { decision: "dismiss" },
    }),
  },
  getTaDashboard: { kind: "self", request: { method: "GET", url: "/api/ta/dashboard" } },
  // The peer learning library is shared with everyone signed in (library.test.ts proves only the sharer's
  // staff change a resource); trainings are the TA network's of the organizer's state (trainings.test.ts).
  listResources: { kind: "self", request: { method: "GET", url: "/api/library/resources" } },
  createResource: {
    kind: "self",
    request: {
      method: "POST",
      url: "/api/library/resources",
      payload: { title: "x", kind: "guide", url: "https://example.org/x" },
    },
  },
  getResource: { kind: "self", request: { method: "GET", url: `/api/library/resources/${randomUUID()}` } },
  downloadResource: {
    kind: "self",
    request: { method: "GET", url: `/api/library/resources/${randomUUID()}/file` },
  },
  updateResource: {
    kind: "organization",
    request: (f) => ({
      method: "PATCH",
      url: `/api/library/resources/${f.resourceId}`,
      payload: { version: 1, title: "taken" },
    }),
  },
  deleteResource: {
    kind: "organization",
    request: (f) => ({ method: "DELETE", url: `/api/library/resources/${f.resourceId}?version=1` }),
  },
  addResourceComment: {
    kind: "self",
    request: {
      method: "POST",
      url: `/api/library/resources/${randomUUID()}/comments`,
      payload: { body: "x" },
    },
  },
  listTrainings: { kind: "self", request: { method: "GET", url: "/api/trainings" } },
  createTraining: {
    kind: "self",
    request: {
      method: "POST",
      url: "/api/trainings",
      payload: {
        title: "x",
        level: "awareness",
        sectors: [],
        startsAt: "2026-01-01T00:00:00.000Z",
        communities: [],
      },
    },
  },
  getTrainingResultsSummary: { kind: "self", request: { method: "GET", url: "/api/trainings/results" } },
  getTraining: {
    kind: "organization",
    request: (f) => ({ method: "GET", url: `/api/trainings/${f.trainingId}` }),
  },
  updateTraining: {
    kind: "organization",
    request: (f) => ({
      method: "PATCH",
      url: `/api/trainings/${f.trainingId}`,
      payload: { version: 1, surveyOpen: false },
    }),
  },
  registerForTraining: {
    kind: "organization",
    request: (f) => ({
      method: "POST",
      url: `/api/trainings/${f.trainingId}/registrations`,
      payload: { name: "Intruder" },
    }),
  },
  recordAttendance: {
    kind: "organization",
    request: (f) => ({
      method: "PUT",
      url: `/api/trainings/${f.trainingId}/attendance`,
      payload: { attended: [] },
    }),
  },
  getTrainingResults: {
    kind: "organization",
    request: (f) => ({ method: "GET", url: `/api/trainings/${f.trainingId}/results` }),
  },
  getPublicSurvey: {
    kind: "public",
    why: "participants answer without an account; needs the training's secret token, 404 once closed, rate limited",
  },
  submitSurveyResponse: {
    kind: "public",
    why: "anonymous evaluation answers; secret token, rate limited per IP and capped per training, no personal data",
  },
  // The HSDS read API publishes directory data; TRELLIS_HSDS_API=token makes it token-only (directory.test.ts).
  getAPIMetaInformation: {
    kind: "public",
    why: "HSDS API metadata; token-only by configuration, rate limited",
  },
  getPaginatedListOfServices: {
    kind: "public",
    why: "published HSDS directory data (see getAPIMetaInformation)",
  },
  getFullyNestedServiceById: { kind: "public", why: "published HSDS directory data" },
  getPaginatedListOfOrganizations: { kind: "public", why: "published HSDS directory data" },
  getOrganizationById: { kind: "public", why: "published HSDS directory data" },
  getPaginatedListOfTaxonomies: { kind: "public", why: "published HSDS directory data" },
  getTaxonomyById: { kind: "public", why: "published HSDS directory data" },
  getPaginatedListOfTaxonomyTerms: { kind: "public", why: "published HSDS directory data" },
  getTaxonomyTermById: { kind: "public", why: "published HSDS directory data" },
  getPaginatedListOfServiceAtLocation: { kind: "public", why: "published HSDS directory data" },
  getServiceAtLocationWithNestedDataById: { kind: "public", why: "published HSDS directory data" },
};

let ctx: TestContext;
let owner: Awaited<ReturnType<typeof createOrganizationWithRoles>>;
let outsider: Awaited<ReturnType<typeof createOrganizationWithRoles>>;
let operationIds: string[];
let fixture: Fixture;

beforeAll(async () => {
  ctx = await createTestApp();
  owner = await createOrganizationWithRoles(ctx);
  outsider = await createOrganizationWithRoles(ctx);
  const plan = (
    await owner.manager.inject({
      method: "POST",
      url: "/api/plans",
      payload: { templateKey: "linkages-work-plan", title: "Owner plan", header: { county: "Any" } },
    })
  ).json();
  const topic = (
    await owner.manager.inject({
      method: "POST",
      url: `/api/plans/${plan.id}/items`,
      payload: {
        section: "administration",
        level: "topic_area_administration",
        title: "t",
        fields: { topic: "funding" },
      },
    })
  ).json();
  const history = (
    await owner.manager.inject({ method: "GET", url: `/api/plans/${plan.id}/history` })
  ).json();
  const family = (
    await owner.staff.inject({
      method: "POST",
      url: "/api/families",
      payload: {
        displayName: "Owner family",
        members: [{ firstName: "Ana", lastName: "Owner", dateOfBirth: "1990-01-01", relationship: "parent" }],
      },
    })
  ).json();
  const [referral] = await ctx.database.db
    .insert(referrals)
    .values({
      organizationId: owner.org.id,
      familyId: family.id,
      serviceId: randomUUID(),
      serviceName: "Owner service",
      sharedContactName: "Ana",
      sharedLanguage: "en",
      sharedReason: "x",
    })
    .returning({ id: referrals.id });
  const [consent] = await ctx.database.db
    .insert(consents)
    .values({
      organizationId: owner.org.id,
      familyId: family.id,
      givenByName: "Ana Owner",
      receivingOrganizationIds: [owner.org.id],
      categories: ["identity_contact"],
      purposes: ["referral"],
      effectiveOn: "2026-01-01",
      method: "verbal",
      witnessName: "x",
    })
    .returning({ id: consents.id });
  const [access] = await ctx.database.db
    .insert(breakGlassAccesses)
    .values({
      organizationId: owner.org.id,
      familyId: family.id,
      accessingOrganizationId: outsider.org.id,
      userId: outsider.staff.me.user.id,
      reason: "An emergency that is long enough to pass.",
      // Already over: an open access would (rightly) let the outsider read the family in getSharedFamily.
      openedAt: new Date(Date.now() - 5 * 3_600_000),
      expiresAt: new Date(Date.now() - 3_600_000),
    })
    .returning({ id: breakGlassAccesses.id });
  fixture = {
    orgId: owner.org.id,
    breakGlassId: access?.id ?? "",
    consentId: consent?.id ?? "",
    planId: plan.id,
    itemId: topic.item.id,
    changeId: history.items[0].id,
    familyId: family.id,
    referralId: referral?.id ?? "",
    ...(await insertTaFixture(owner.org.id)),
    ...(await insertLearningFixture(owner.org.id)),
  };
  const doc = (await ctx.app.inject({ method: "GET", url: "/api/openapi.json" })).json();
  operationIds = Object.values(doc.paths as Record<string, Record<string, { operationId: string }>>).flatMap(
    (p) => Object.values(p).map((o) => o.operationId),
  );
});
afterAll(() => ctx.close());

/** A partnership, TA request, engagement and overlap owned (stewarded, logged, provided) by the owner. */
async function insertTaFixture(organizationId: string) {
  const [partnership] = await ctx.database.db
    .insert(partnerships)
    .values({
      stewardOrganizationId: organizationId,
      name: "Owner partnership",
      geographyKind: "county",
      geographyName: "Any",
    })
    .returning({ id: partnerships.id });
  const item = {
    recipientKind: "county" as const,
    recipientName: "Any County",
    stateCode: "CA",
    topic: "Owner topic",
    sectors: ["health" as const],
    level: "awareness" as const,
  };
  const [request] = await ctx.database.db
    .insert(taRequests)
    .values({ ...item, organizationId, wantedFrom: "2026-01-01", wantedTo: "2026-01-31" })
    .returning({ id: taRequests.id });
  const [engagement] = await ctx.database.db
    .insert(taEngagements)
    .values({ ...item, providerOrganizationId: organizationId, startsOn: "2026-01-01", endsOn: "2026-01-31" })
    .returning({ id: taEngagements.id });
  const [overlap] = await ctx.database.db
    .insert(taOverlaps)
    .values({
      stateCode: "CA",
      aKey: `engagement:${engagement?.id}`,
      bKey: `request:${request?.id}`,
      similarity: 1,
      reason: "same_name",
    })
    .returning({ id: taOverlaps.id });
  return {
    partnershipId: partnership?.id ?? "",
    taRequestId: request?.id ?? "",
    taEngagementId: engagement?.id ?? "",
    taOverlapId: overlap?.id ?? "",
  };
}

describe("authorization coverage", () => {
  it("has a guard for every operation in the OpenAPI document", () => {
    expect(operationIds.filter((id) => !(id in GUARDS))).toEqual([]);
    expect(Object.keys(GUARDS).filter((id) => !operationIds.includes(id))).toEqual([]);
  });

  for (const [operationId, guard] of Object.entries(GUARDS)) {
    if (guard.kind === "public") continue;
    const request = (f: Fixture) => (guard.kind === "self" ? guard.request : guard.request(f));

    it(`${operationId}: refuses anonymous callers with 401`, async () => {
      const response = await ctx.app.inject(request(fixture));
      expect(response.statusCode).toBe(401);
    });

    if (guard.kind === "organization") {
      it(`${operationId}: refuses another organization's admin and audits it`, async () => {
        const before = (await ctx.database.db.select().from(auditEvents)).length;
        const response = await outsider.admin.inject(guard.request(fixture));
        expect([403, 404]).toContain(response.statusCode);
        const after = await ctx.database.db.select().from(auditEvents);
        const denial = after.slice(before).find((e) => e.outcome === "denied");
        expect(denial).toMatchObject({
          actorUserId: outsider.admin.me.user.id,
          organizationId: owner.org.id,
        });
      });
    }
  }
});

/** A library resource shared by the owner and a training it organizes. */
async function insertLearningFixture(organizationId: string) {
  const [resource] = await ctx.database.db
    .insert(libraryResources)
    .values({ organizationId, title: "Owner toolkit", kind: "toolkit", tags: [], sectors: [], audiences: [] })
    .returning({ id: libraryResources.id });
  const [training] = await ctx.database.db
    .insert(trainings)
    .values({
      organizationId,
      title: "Owner training",
      level: "awareness",
      sectors: [],
      startsAt: new Date("2026-01-15T16:00:00Z"),
      communities: [],
      survey: {
        key: "t",
        version: 1,
        title: { en: "t", es: "t" },
        scale: 5,
        anchors: { low: { en: "l", es: "l" }, high: { en: "h", es: "h" } },
        items: [],
      },
      surveyToken: randomUUID().replaceAll("-", ""),
    })
    .returning({ id: trainings.id });
  return { resourceId: resource?.id ?? "", trainingId: training?.id ?? "" };
}
