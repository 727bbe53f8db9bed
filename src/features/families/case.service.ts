/** The five steps on one family: assessment, intensity, service plan, contacts (monitoring), closure. */
import { and, eq, isNull } from "drizzle-orm";
import {
  type ContactKind,
  type DisengagementPlan,
  families,
  familyAssessments,
  familyClosures,
  familyContacts,
  type IntensityLevel,
  type ServicePlanGoal,
  servicePlans,
} from "../../db/schema/index.ts";
import type { Actor } from "../../server/authorization.ts";
import { AppError } from "../../server/errors.ts";
import { type AuditContext, recordAudit } from "../audit/audit.service.ts";
import { type FamiliesDeps, requireFamily, requireOpen } from "./families.access.ts";
import { findInstrument } from "./families.instruments.ts";
import { latestPlanRevision, loadSettings } from "./families.repository.ts";
import { scoreAssessment, suggestIntensity } from "./families.rules.ts";
import { bumpVersion, readFamilyDocument } from "./families.service.ts";

function notInFuture(date: string, today: string, field: string) {
  if (date > today) {
    throw new AppError("validation.failed", "A date in the future cannot be recorded.", [
      { field, message: "must not be after today" },
    ]);
  }
}

export async function createAssessment(
  deps: FamiliesDeps,
  actor: Actor,
  familyId: string,
  input: {
    instrumentKey?: string | undefined;
    assessedOn: string;
    scores: Record<string, number>;
    crisisKinds: string[];
    notes?: string | undefined;
  },
  audit: AuditContext,
) {
  const scope = await requireFamily(deps.db, actor, familyId, "family.edit");
  requireOpen(scope);
  const instrument = findInstrument(input.instrumentKey ?? "strengths-and-needs");
  if (!instrument) {
    throw new AppError("validation.failed", `There is no instrument "${input.instrumentKey}".`, [
      { field: "/body/instrumentKey", message: "is not an instrument" },
    ]);
  }
  notInFuture(input.assessedOn, deps.today(), "/body/assessedOn");
  const scored = scoreAssessment(instrument, input.scores, input.crisisKinds);
  if (scored.problems.length > 0) {
    throw new AppError("validation.failed", "The assessment is not complete or not valid.", [
      ...scored.problems,
    ]);
  }
  const suggestion = suggestIntensity(instrument, input.scores, input.crisisKinds);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(familyAssessments)
      .values({
        organizationId: scope.organizationId,
        familyId,
        instrumentKey: instrument.key,
        instrumentVersion: instrument.version,
        assessedOn: input.assessedOn,
        scores: input.scores,
        crisisKinds: input.crisisKinds,
        total: scored.total,
        suggestedIntensity: suggestion.level,
        notes: input.notes?.trim() || null,
        assessedBy: actor.userId,
      })
      .returning({ id: familyAssessments.id });
    await recordAudit(tx, audit, {
      action: "family.assessment.create",
      outcome: "success",
      resourceType: "family",
      resourceId: familyId,
      organizationId: scope.organizationId,
      metadata: { assessmentId: row?.id, suggestedIntensity: suggestion.level },
    });
    return readFamilyDocument(tx, scope.organizationId, familyId, deps.today(), deps.timeZone);
  });
}

/** The case manager decides the level (the rules only suggest) and records why. */
export async function setIntensity(
  deps: FamiliesDeps,
  actor: Actor,
  familyId: string,
  input: { version: number; level: IntensityLevel; reason: string },
  audit: AuditContext,
) {
  const scope = await requireFamily(deps.db, actor, familyId, "family.edit");
  requireOpen(scope);
  return deps.db.transaction(async (tx) => {
    await bumpVersion(tx, scope.organizationId, familyId, input.version, {
      intensity: input.level,
      intensityReason: input.reason.trim(),
      intensityDecidedAt: new Date(),
    });
    await recordAudit(tx, audit, {
      action: "family.intensity.set",
      outcome: "success",
      resourceType: "family",
      resourceId: familyId,
      organizationId: scope.organizationId,
      metadata: { level: input.level },
    });
    return readFamilyDocument(tx, scope.organizationId, familyId, deps.today(), deps.timeZone);
  });
}

/**
 * A new revision of the service plan. The client says which revision it revised; if another was saved
 * in between, 409 (two case managers never overwrite each other). With supervisor approval on, the
 * revision waits for a manager; otherwise it is active at once and the previous one is superseded.
 */
export async function createServicePlan(
  deps: FamiliesDeps,
  actor: Actor,
  familyId: string,
  input: {
    basedOnRevision: number | null;
    goals: ServicePlanGoal[];
    disengagement: DisengagementPlan;
    changeNote?: string | undefined;
  },
  audit: AuditContext,
) {
  const scope = await requireFamily(deps.db, actor, familyId, "family.edit");
  requireOpen(scope);
  const org = scope.organizationId;
  return deps.db.transaction(async (tx) => {
    // Lock the family row so two revisions cannot be numbered the same.
    await tx
      .select({ id: families.id })
      .from(families)
      .where(and(eq(families.organizationId, org), eq(families.id, familyId)))
      .for("update");
    const latest = await latestPlanRevision(tx, org, familyId);
    if ((latest ?? null) !== input.basedOnRevision) {
      throw new AppError(
        "conflict.stale_version",
        `The service plan was changed by someone else since you loaded it. Reload to see revision ${latest}.`,
        [{ field: "/body/basedOnRevision", message: "stale revision", currentRevision: latest }],
      );
    }
    const { requirePlanApproval } = await loadSettings(tx, org);
    const revision = (latest ?? 0) + 1;
    if (!requirePlanApproval) {
      await tx
        .update(servicePlans)
        .set({ status: "superseded" })
        .where(
          and(
            eq(servicePlans.organizationId, org),
            eq(servicePlans.familyId, familyId),
            eq(servicePlans.status, "active"),
          ),
        );
    }
    await tx.insert(servicePlans).values({
      organizationId: org,
      familyId,
      revision,
      goals: input.goals.map((g) => ({ ...g, goal: g.goal.trim() })),
      disengagement: input.disengagement,
      changeNote: input.changeNote?.trim() || null,
      status: requirePlanApproval ? "pending_approval" : "active",
      createdBy: actor.userId,
    });
    await tx
      .update(families)
      .set({ updatedAt: new Date() })
      .where(and(eq(families.organizationId, org), eq(families.id, familyId)));
    await recordAudit(tx, audit, {
      action: "family.service_plan.create",
      outcome: "success",
      resourceType: "family",
      resourceId: familyId,
      organizationId: org,
      metadata: { revision, pendingApproval: requirePlanApproval },
    });
    return readFamilyDocument(tx, org, familyId, deps.today(), deps.timeZone);
  });
}

export async function approveServicePlan(
  deps: FamiliesDeps,
  actor: Actor,
  familyId: string,
  revision: number,
  audit: AuditContext,
) {
  const scope = await requireFamily(deps.db, actor, familyId, "family.plan.approve");
  const org = scope.organizationId;
  return deps.db.transaction(async (tx) => {
    const [plan] = await tx
      .select({ status: servicePlans.status })
      .from(servicePlans)
      .where(
        and(
          eq(servicePlans.organizationId, org),
          eq(servicePlans.familyId, familyId),
          eq(servicePlans.revision, revision),
        ),
      )
      .for("update");
    if (plan?.status !== "pending_approval") {
      throw new AppError("family.plan_not_pending", `Revision ${revision} is not waiting for approval.`);
    }
    await tx
      .update(servicePlans)
      .set({ status: "superseded" })
      .where(
        and(
          eq(servicePlans.organizationId, org),
          eq(servicePlans.familyId, familyId),
          eq(servicePlans.status, "active"),
        ),
      );
    await tx
      .update(servicePlans)
      .set({ status: "active", approvedBy: actor.userId, approvedAt: new Date() })
      .where(
        and(
          eq(servicePlans.organizationId, org),
          eq(servicePlans.familyId, familyId),
          eq(servicePlans.revision, revision),
        ),
      );
    await recordAudit(tx, audit, {
      action: "family.service_plan.approve",
      outcome: "success",
      resourceType: "family",
      resourceId: familyId,
      organizationId: org,
      metadata: { revision },
    });
    return readFamilyDocument(tx, org, familyId, deps.today(), deps.timeZone);
  });
}

export async function logContact(
  deps: FamiliesDeps,
  actor: Actor,
  familyId: string,
  input: {
    contactDate: string;
    kind: ContactKind;
    durationMinutes?: number | null | undefined;
    notes: string;
    servicesReview?:
      | { service: string; appropriate: boolean; helpful: boolean; note?: string | undefined }[]
      | undefined;
  },
  audit: AuditContext,
) {
  const scope = await requireFamily(deps.db, actor, familyId, "family.edit");
  requireOpen(scope);
  notInFuture(input.contactDate, deps.today(), "/body/contactDate");
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(familyContacts)
      .values({
        organizationId: scope.organizationId,
        familyId,
        contactDate: input.contactDate,
        kind: input.kind,
        durationMinutes: input.durationMinutes ?? null,
        notes: input.notes.trim(),
        servicesReview: input.servicesReview ?? [],
        createdBy: actor.userId,
      })
      .returning({ id: familyContacts.id });
    await recordAudit(tx, audit, {
      action: "family.contact.log",
      outcome: "success",
      resourceType: "family",
      resourceId: familyId,
      organizationId: scope.organizationId,
      metadata: { contactId: row?.id, kind: input.kind },
    });
    return readFamilyDocument(tx, scope.organizationId, familyId, deps.today(), deps.timeZone);
  });
}

export async function closeCase(
  deps: FamiliesDeps,
  actor: Actor,
  familyId: string,
  input: {
    version: number;
    closedOn: string;
    reason: string;
    goalsMet: string;
    maintenancePlan: string;
    anticipatedNeeds: string;
    whereToSeekHelp: string;
  },
  audit: AuditContext,
) {
  const scope = await requireFamily(deps.db, actor, familyId, "family.edit");
  requireOpen(scope);
  notInFuture(input.closedOn, deps.today(), "/body/closedOn");
  const { version, ...closure } = input;
  return deps.db.transaction(async (tx) => {
    await bumpVersion(tx, scope.organizationId, familyId, version, { status: "closed" });
    await tx.insert(familyClosures).values({
      organizationId: scope.organizationId,
      familyId,
      ...closure,
      closedBy: actor.userId,
    });
    await recordAudit(tx, audit, {
      action: "family.case.close",
      outcome: "success",
      resourceType: "family",
      resourceId: familyId,
      organizationId: scope.organizationId,
      metadata: { reason: input.reason },
    });
    return readFamilyDocument(tx, scope.organizationId, familyId, deps.today(), deps.timeZone);
  });
}

export async function reopenCase(
  deps: FamiliesDeps,
  actor: Actor,
  familyId: string,
  input: { version: number; reason: string },
  audit: AuditContext,
) {
  const scope = await requireFamily(deps.db, actor, familyId, "family.edit");
  if (scope.status !== "closed") throw new AppError("family.case_open", "The case is open already.");
  return deps.db.transaction(async (tx) => {
    await bumpVersion(tx, scope.organizationId, familyId, input.version, { status: "open" });
    await tx
      .update(familyClosures)
      .set({ reopenedAt: new Date(), reopenReason: input.reason.trim() })
      .where(
        and(
          eq(familyClosures.organizationId, scope.organizationId),
          eq(familyClosures.familyId, familyId),
          isNull(familyClosures.reopenedAt),
        ),
      );
    await recordAudit(tx, audit, {
      action: "family.case.reopen",
      outcome: "success",
      resourceType: "family",
      resourceId: familyId,
      organizationId: scope.organizationId,
    });
    return readFamilyDocument(tx, scope.organizationId, familyId, deps.today(), deps.timeZone);
  });
}
