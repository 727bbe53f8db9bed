/**
 * Families as other organizations see them: only what a valid consent (or an open break-glass access)
 * lets them read, decided by consent.policy.ts. Each section is loaded only when it may be shown, so
 * withheld data never leaves the database. Every read, list and denial is audited against the family's
 * organization, naming the reader's organization and the basis.
 */
import type { Db } from "../../db/client.ts";
import {
  breakGlassAccesses,
  type ConsentPurpose,
  DATA_CATEGORIES,
  type DataCategory,
} from "../../db/schema/index.ts";
import { type Actor, authorize } from "../../server/authorization.ts";
import { AccessDeniedError, AppError } from "../../server/errors.ts";
import type { Mailer } from "../../server/mailer.ts";
import { type AuditContext, recordAudit } from "../audit/audit.service.ts";
import {
  findFamilyOwner,
  loadAssessments,
  loadContacts,
  loadFamilyRow,
  loadMembers,
  loadPlans,
} from "../families/families.repository.ts";
import { listSent } from "../referrals/referrals.repository.ts";
import {
  allowedCategories,
  consentIdsOf,
  decideFamilyAccess,
  type FamilyAccessDecision,
} from "./consent.policy.ts";
import {
  familyDisplayNames,
  loadConsentsNaming,
  loadOpenBreakGlass,
  loadProgramRecords,
  organizationNames,
  privacyReviewerEmails,
  readerIsRelated,
} from "./consent.repository.ts";
import { consentState } from "./consent.rules.ts";
import type { SharedFamilyDocument } from "./consent.schema.ts";

export interface SharedDeps {
  db: Db;
  today: () => string;
  mailer: Mailer;
  publicUrl: string;
}

/** How long a break-glass access lasts. */
export const BREAK_GLASS_HOURS = 4;

function withheldOf(decision: FamilyAccessDecision): SharedFamilyDocument["withheld"] {
  if (decision.breakGlass) return [];
  return DATA_CATEGORIES.flatMap((category) => {
    const d = decision.categories.get(category);
    return d && !d.allowed ? [{ category, reason: d.reason, since: d.since }] : [];
  });
}

async function loadSections(
  db: Db,
  decision: FamilyAccessDecision,
  allowed: Set<DataCategory>,
): Promise<SharedFamilyDocument["sections"]> {
  const org = decision.ownerOrganizationId;
  const id = decision.familyId;
  const sections: SharedFamilyDocument["sections"] = {};
  // The family row feeds two sections; read it once.
  const familyRow =
    allowed.has("identity_contact") || allowed.has("assessment")
      ? await loadFamilyRow(db, org, id)
      : undefined;
  if (allowed.has("identity_contact")) {
    const row = familyRow;
    const members = await loadMembers(db, org, [id]);
    if (row) {
      sections.identity_contact = {
        displayName: row.family.displayName,
        preferredLanguage: row.family.preferredLanguage,
        phone: row.family.phone,
        email: row.family.email,
        address: row.family.address,
        members: members.map((m) => ({
          firstName: m.firstName,
          lastName: m.lastName,
          dateOfBirth: m.dateOfBirth,
          relationship: m.relationship,
          preferredLanguage: m.preferredLanguage,
        })),
      };
    }
  }
  if (allowed.has("assessment")) {
    const row = familyRow;
    const assessments = await loadAssessments(db, org, [id]);
    sections.assessment = {
      intensity: row?.family.intensity ?? null,
      assessments: assessments.map((a) => ({
        assessedOn: a.assessedOn,
        instrumentKey: a.instrumentKey,
        scores: a.scores,
        total: a.total,
        crisisKinds: a.crisisKinds,
        suggestedIntensity: a.suggestedIntensity,
      })),
    };
  }
  if (allowed.has("service_plan")) {
    const plan = (await loadPlans(db, org, [id])).find((p) => p.status === "active");
    sections.service_plan = {
      revision: plan?.revision ?? null,
      goals: (plan?.goals ?? []).map((g) => ({
        goal: g.goal,
        domain: g.domain ?? null,
        steps: g.steps,
        servicesNeeded: g.servicesNeeded,
      })),
    };
  }
  if (allowed.has("contact_notes")) {
    const contacts = await loadContacts(db, org, id);
    sections.contact_notes = {
      contacts: contacts.map((c) => ({ contactDate: c.contactDate, kind: c.kind, notes: c.notes })),
    };
  }
  if (allowed.has("referral_details")) {
    const sent = await listSent(db, org, id);
    sections.referral_details = {
      referrals: sent.map((r) => ({
        serviceName: r.serviceName,
        providerName: r.providerName,
        status: r.status,
        reason: r.sharedReason,
        sentAt: r.sentAt.toISOString(),
      })),
    };
  }
  if (allowed.has("welfare_to_work_eligibility") || allowed.has("child_welfare_history")) {
    const records = await loadProgramRecords(db, org, id);
    for (const kind of ["welfare_to_work_eligibility", "child_welfare_history"] as const) {
      if (allowed.has(kind)) {
        sections[kind] = {
          records: records
            .filter((r) => r.kind === kind)
            .map((r) => ({ recordedOn: r.recordedOn, summary: r.summary })),
        };
      }
    }
  }
  return sections;
}

function auditMetadata(decision: FamilyAccessDecision, extra: Record<string, unknown> = {}) {
  return {
    familyId: decision.familyId,
    actorOrganizationId: decision.readerOrganizationId,
    purpose: decision.purpose,
    basis: decision.breakGlass ? "break_glass" : "consent",
    ...(decision.breakGlass
      ? { breakGlassId: decision.breakGlass.id }
      : { consentIds: consentIdsOf(decision) }),
    ...extra,
  };
}

export async function getSharedFamily(
  deps: SharedDeps,
  actor: Actor,
  familyId: string,
  purpose: ConsentPurpose,
  audit: AuditContext,
): Promise<SharedFamilyDocument> {
  const decision = await decideFamilyAccess(deps.db, actor, familyId, purpose, deps.today());
  const allowed = allowedCategories(decision);
  const withheld = withheldOf(decision);
  if (allowed.length === 0) {
    await recordAudit(deps.db, audit, {
      action: "family.shared.read",
      outcome: "denied",
      resourceType: "family",
      resourceId: familyId,
      organizationId: decision.ownerOrganizationId,
      metadata: { ...auditMetadata(decision), withheld },
    });
    throw new AppError(
      "consent.required",
      "The family has not consented to share any of its information with your organization for this purpose.",
      withheld.map((w) => ({ message: `${w.category}: ${w.reason}`, ...w })),
    );
  }
  const sections = await loadSections(deps.db, decision, new Set(allowed));
  const names = await organizationNames(deps.db, [decision.ownerOrganizationId]);
  await recordAudit(deps.db, audit, {
    action: "family.shared.read",
    outcome: "success",
    resourceType: "family",
    resourceId: familyId,
    organizationId: decision.ownerOrganizationId,
    metadata: auditMetadata(decision, { categories: allowed }),
  });
  return {
    familyId,
    ownerOrganization: {
      id: decision.ownerOrganizationId,
      name: names.get(decision.ownerOrganizationId) ?? "",
    },
    purpose,
    basis: decision.breakGlass ? "break_glass" : "consent",
    breakGlass: decision.breakGlass
      ? {
          id: decision.breakGlass.id,
          expiresAt: decision.breakGlass.expiresAt.toISOString(),
          reason: decision.breakGlass.reason,
        }
      : null,
    consentIds: consentIdsOf(decision),
    sections,
    withheld,
  };
}

/** Families shared with the active organization now: by a valid consent, or an open break-glass access. */
export async function listSharedFamilies(deps: SharedDeps, actor: Actor, audit: AuditContext) {
  const readerOrganizationId = actor.activeOrganizationId;
  authorize(actor, "family.shared.read", { type: "family", organizationId: readerOrganizationId });
  if (!readerOrganizationId) throw new AppError("organization.not_member", "Choose an organization first.");
  const today = deps.today();
  const valid = (await loadConsentsNaming(deps.db, readerOrganizationId)).filter(
    (c) => consentState(c, today) === "valid",
  );
  const byFamily = new Map<string, typeof valid>();
  for (const c of valid) byFamily.set(c.familyId, [...(byFamily.get(c.familyId) ?? []), c]);
  const [names, orgs] = await Promise.all([
    familyDisplayNames(deps.db, [...byFamily.keys()]),
    organizationNames(
      deps.db,
      valid.map((c) => c.organizationId),
    ),
  ]);
  const items = [...byFamily.entries()].flatMap(([familyId, list]) => {
    const first = list[0];
    if (!first || !names.has(familyId)) return [];
    const grants = DATA_CATEGORIES.flatMap((category) =>
      [...new Set(list.filter((c) => c.categories.includes(category)).flatMap((c) => c.purposes))].map(
        (purpose) => ({ category, purpose }),
      ),
    );
    const expiries = list.map((c) => c.expiresOn).filter((d): d is string => d !== null);
    return [
      {
        familyId,
        ownerOrganization: { id: first.organizationId, name: orgs.get(first.organizationId) ?? "" },
        displayName: grants.some((g) => g.category === "identity_contact")
          ? (names.get(familyId) ?? null)
          : null,
        grants,
        expiresOn: expiries.length === list.length ? ([...expiries].sort()[0] ?? null) : null,
      },
    ];
  });
  await recordAudit(deps.db, audit, {
    action: "family.shared.list",
    outcome: "success",
    resourceType: "family",
    organizationId: readerOrganizationId,
    metadata: { actorOrganizationId: readerOrganizationId, results: items.length },
  });
  return items;
}

/**
 * Emergency access without consent. Only staff of an organization already tied to the family (named in
 * a consent, in any state, or the receiver of one of its referrals) may do it, after typing a reason; the
 * access is flagged for the family organization's privacy officer and ends after BREAK_GLASS_HOURS.
 */
export async function breakGlass(
  deps: SharedDeps,
  actor: Actor,
  familyId: string,
  input: { reason: string; purpose: ConsentPurpose },
  audit: AuditContext,
) {
  const owner = await findFamilyOwner(deps.db, familyId);
  const readerOrganizationId = actor.activeOrganizationId;
  if (!owner) {
    throw new AccessDeniedError({
      action: "family.break_glass",
      resourceType: "family",
      resourceId: familyId,
      organizationId: null,
      conceal: true,
    });
  }
  authorize(actor, "family.break_glass", {
    type: "family",
    id: familyId,
    organizationId: readerOrganizationId,
  });
  if (!readerOrganizationId) throw new AppError("organization.not_member", "Choose an organization first.");
  if (readerOrganizationId === owner.organizationId) {
    throw new AppError(
      "shared.own_family",
      "Your organization serves this family: open the family's record under Families.",
    );
  }
  if (!(await readerIsRelated(deps.db, owner.organizationId, familyId, readerOrganizationId))) {
    // Audited against the family's organization, so its privacy officer sees the attempt.
    throw new AccessDeniedError({
      action: "family.break_glass",
      resourceType: "family",
      resourceId: familyId,
      organizationId: owner.organizationId,
      conceal: true,
    });
  }
  const now = new Date();
  const [open] = await loadOpenBreakGlass(deps.db, [familyId], readerOrganizationId, now);
  const created = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(breakGlassAccesses)
      .values({
        organizationId: owner.organizationId,
        familyId,
        accessingOrganizationId: readerOrganizationId,
        userId: actor.userId,
        reason: input.reason.trim(),
        openedAt: now,
        expiresAt: new Date(now.getTime() + BREAK_GLASS_HOURS * 3_600_000),
      })
      .returning();
    if (!row) throw new Error("break-glass insert returned nothing");
    await recordAudit(tx, audit, {
      action: "family.break_glass",
      outcome: "success",
      resourceType: "family",
      resourceId: familyId,
      organizationId: owner.organizationId,
      metadata: {
        familyId,
        actorOrganizationId: readerOrganizationId,
        basis: "break_glass",
        breakGlassId: row.id,
        purpose: input.purpose,
        reason: input.reason.trim(),
        flaggedForReview: true,
        replacesOpenAccess: open?.id ?? null,
      },
    });
    // The flag reaches the privacy officers at once; no family data goes in the mail, only a link.
    const names = await organizationNames(tx, [readerOrganizationId]);
    const outbox = await Promise.all(
      (await privacyReviewerEmails(tx, owner.organizationId)).map((to) =>
        deps.mailer.enqueue(tx, {
          organizationId: owner.organizationId,
          to,
          subject: "Break-glass access to review",
          body: `${actor.name} of ${names.get(readerOrganizationId) ?? "another organization"} opened a family's record without consent, giving this reason: "${input.reason.trim()}". Review it in Trellis: ${deps.publicUrl}/admin/break-glass`,
        }),
      ),
    );
    return { access: { id: row.id, familyId, expiresAt: row.expiresAt.toISOString() }, outbox };
  });
  for (const id of created.outbox) await deps.mailer.deliver(deps.db, id);
  return created.access;
}
