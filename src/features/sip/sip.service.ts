import { randomBytes } from "node:crypto";
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import {
  organizations,
  planStatusEvents,
  plans,
  planVersions,
  publicComments,
  publicPostings,
  reviewComments,
  sipTeamMembers,
  type TEAM_CATEGORIES,
  users,
} from "../../db/schema/index.ts";
import type { Actor } from "../../server/authorization.ts";
import { AccessDeniedError, AppError, notFound } from "../../server/errors.ts";
import { type AuditContext, recordAudit } from "../audit/audit.service.ts";
import { countyMeasureSummary } from "../measures/measures.service.ts";
import { isStateReviewer, type PlanScope, requirePlan, reviewedStates } from "../plans/plans.access.ts";
import type { PlanDocument } from "../plans/plans.presenter.ts";
import { atLeast } from "../plans/plans.rules.ts";
import { type PlansDeps, readPlanDocument } from "../plans/plans.service.ts";
import { diffPlans } from "./sip.diff.ts";
import { checkSip, type Finding, type SipCheckContext } from "./sip.rules.ts";
import { allowedTransitions, anniversary, findTransition, type SipRole } from "./sip.workflow.ts";

async function requireSip(
  deps: PlansDeps,
  actor: Actor,
  planId: string,
  action: "plan.read" | "plan.edit" | "plan.share",
) {
  const scope = await requirePlan(deps.db, actor, planId, action);
  if (scope.templateKey !== "county-sip") {
    throw new AppError("validation.failed", "This is not a County System Improvement Plan.");
  }
  return scope;
}

function rolesOf(scope: PlanScope): SipRole[] {
  return [
    ...(scope.access === "owner" ? (["county"] as const) : []),
    ...(scope.stateReviewer ? (["state_reviewer"] as const) : []),
  ];
}

// ---------- team ----------

export async function listTeam(deps: PlansDeps, actor: Actor, planId: string) {
  const scope = await requireSip(deps, actor, planId, "plan.read");
  return deps.db
    .select()
    .from(sipTeamMembers)
    .where(and(eq(sipTeamMembers.organizationId, scope.organizationId), eq(sipTeamMembers.planId, planId)))
    .orderBy(asc(sipTeamMembers.createdAt));
}

export interface TeamMemberInput {
  name: string;
  affiliation: string;
  category: (typeof TEAM_CATEGORIES)[number];
  representative?: string | null | undefined;
  consulted?: string | null | undefined;
}

export async function addTeamMember(
  deps: PlansDeps,
  actor: Actor,
  planId: string,
  input: TeamMemberInput,
  audit: AuditContext,
) {
  const scope = await requireSip(deps, actor, planId, "plan.edit");
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(sipTeamMembers)
      .values({
        organizationId: scope.organizationId,
        planId,
        name: input.name.trim(),
        affiliation: input.affiliation.trim(),
        category: input.category,
        representative: input.representative ?? null,
        consulted: input.consulted ?? null,
      })
      .returning();
    if (!row) throw new Error("team insert returned nothing");
    await recordAudit(tx, audit, {
      action: "sip.team.add",
      outcome: "success",
      resourceType: "plan",
      resourceId: planId,
      organizationId: scope.organizationId,
    });
    return row;
  });
}

export async function removeTeamMember(
  deps: PlansDeps,
  actor: Actor,
  planId: string,
  memberId: string,
  audit: AuditContext,
) {
  const scope = await requireSip(deps, actor, planId, "plan.edit");
  await deps.db.transaction(async (tx) => {
    const removed = await tx
      .delete(sipTeamMembers)
      .where(
        and(
          eq(sipTeamMembers.organizationId, scope.organizationId),
          eq(sipTeamMembers.planId, planId),
          eq(sipTeamMembers.id, memberId),
        ),
      )
      .returning({ id: sipTeamMembers.id });
    if (removed.length === 0) throw notFound("Team member");
    await recordAudit(tx, audit, {
      action: "sip.team.remove",
      outcome: "success",
      resourceType: "plan",
      resourceId: planId,
      organizationId: scope.organizationId,
    });
  });
}

// ---------- checks ----------

async function checkContext(deps: PlansDeps, scope: PlanScope, doc: PlanDocument): Promise<SipCheckContext> {
  const [owner] = await deps.db
    .select()
    .from(organizations)
    .where(eq(organizations.id, scope.organizationId));
  const county =
    typeof doc.header.county === "string" && doc.header.county.trim()
      ? doc.header.county.trim()
      : (owner?.jurisdictionName ?? "");
  const summary = await countyMeasureSummary(deps.db, county, deps.today());
  const team = await deps.db
    .select()
    .from(sipTeamMembers)
    .where(
      and(eq(sipTeamMembers.organizationId, scope.organizationId), eq(sipTeamMembers.planId, scope.planId)),
    );
  return {
    measures: summary
      .filter((s) => s.measure.kind !== "systemic_factor")
      .map((s) => ({
        code: s.measure.code,
        name: s.measure.name,
        safety: s.measure.safety,
        needsImprovement: s.needsImprovement.effective,
      })),
    team: team.map((m) => ({
      name: m.name,
      affiliation: m.affiliation,
      category: m.category,
      representative: (m.representative as SipCheckContext["team"][number]["representative"]) ?? null,
    })),
    youthConnectionAvailable: doc.header.youth_connection_available === true,
  };
}

export async function checkPlan(
  deps: PlansDeps,
  actor: Actor,
  planId: string,
): Promise<{ findings: Finding[]; errors: number }> {
  const scope = await requireSip(deps, actor, planId, "plan.read");
  return runChecks(deps, scope);
}

async function runChecks(deps: PlansDeps, scope: PlanScope) {
  const doc = await readPlanDocument(deps.db, scope.organizationId, scope.planId, scope.access, deps.today());
  const findings = checkSip(doc, await checkContext(deps, scope, doc));
  return { findings, errors: findings.filter((f) => f.severity === "error").length };
}

// ---------- life cycle ----------

export async function workflowState(deps: PlansDeps, actor: Actor, planId: string) {
  const scope = await requireSip(deps, actor, planId, "plan.read");
  const events = await deps.db
    .select({ event: planStatusEvents, actorName: users.name })
    .from(planStatusEvents)
    .leftJoin(users, eq(users.id, planStatusEvents.actorUserId))
    .where(
      and(eq(planStatusEvents.organizationId, scope.organizationId), eq(planStatusEvents.planId, planId)),
    )
    .orderBy(asc(planStatusEvents.at));
  const versions = await deps.db
    .select({
      version: planVersions.version,
      acceptedAt: planVersions.acceptedAt,
      annualUpdateDue: planVersions.annualUpdateDue,
    })
    .from(planVersions)
    .where(and(eq(planVersions.organizationId, scope.organizationId), eq(planVersions.planId, planId)))
    .orderBy(asc(planVersions.version));
  const [posting] = await deps.db
    .select({
      slug: publicPostings.slug,
      commentsOpenFrom: publicPostings.commentsOpenFrom,
      commentsOpenUntil: publicPostings.commentsOpenUntil,
    })
    .from(publicPostings)
    .where(
      and(
        eq(publicPostings.organizationId, scope.organizationId),
        eq(publicPostings.planId, planId),
        isNull(publicPostings.withdrawnAt),
      ),
    );
  return {
    status: scope.status,
    allowed: allowedTransitions(scope.status, rolesOf(scope)).map((t) => ({
      to: t.to,
      requires: t.requires ?? [],
      requiresCleanChecks: t.requiresCleanChecks === true,
    })),
    events: events.map(({ event, actorName }) => ({
      from: event.fromStatus,
      to: event.toStatus,
      at: event.at.toISOString(),
      actorName,
      note: event.note,
      data: event.data,
    })),
    versions: versions.map((v) => ({ ...v, acceptedAt: v.acceptedAt.toISOString() })),
    /** The public address, once posted (the slug is public by design). */
    posting: posting ?? null,
  };
}

export interface TransitionInput {
  to: string;
  note?: string | undefined;
  boardApprovalDate?: string | undefined;
  agendaItem?: string | undefined;
}

export async function transitionPlan(
  deps: PlansDeps,
  actor: Actor,
  planId: string,
  input: TransitionInput,
  audit: AuditContext,
) {
  const scope = await requireSip(deps, actor, planId, "plan.read");
  const transition = findTransition(scope.status, input.to);
  if (!transition) {
    throw new AppError(
      "workflow.transition_invalid",
      `A plan cannot move from ${scope.status} to ${input.to}.`,
    );
  }
  if (!rolesOf(scope).includes(transition.by)) {
    throw new AccessDeniedError({
      action: `plan.transition.${input.to}`,
      resourceType: "plan",
      resourceId: planId,
      organizationId: scope.organizationId,
    });
  }
  const missing = (transition.requires ?? []).filter((field) => !input[field]?.trim());
  if (missing.length > 0) {
    throw new AppError(
      "validation.failed",
      `Moving to ${input.to} needs: ${missing.join(", ")}.`,
      missing.map((field) => ({ field: `/body/${field}`, message: "is required for this step" })),
    );
  }
  if (transition.requiresCleanChecks) {
    const { findings, errors } = await runChecks(deps, scope);
    if (errors > 0) {
      throw new AppError(
        "workflow.checks_failing",
        `${errors} check(s) of the SIP guide fail; fix them before this step.`,
        findings
          .filter((f) => f.severity === "error")
          .map((f) => ({ field: f.itemId ?? f.section ?? "plan", message: f.message.en, code: f.code })),
      );
    }
  }
  return deps.db.transaction(async (tx) => {
    const [moved] = await tx
      .update(plans)
      .set({ status: input.to, updatedAt: new Date() })
      .where(
        and(
          eq(plans.organizationId, scope.organizationId),
          eq(plans.id, planId),
          eq(plans.status, scope.status),
        ),
      )
      .returning({ id: plans.id });
    if (!moved)
      throw new AppError("conflict.stale_version", "Someone else moved this plan meanwhile; reload.");
    const data = {
      ...(input.boardApprovalDate ? { boardApprovalDate: input.boardApprovalDate } : {}),
      ...(input.agendaItem ? { agendaItem: input.agendaItem } : {}),
    };
    await tx.insert(planStatusEvents).values({
      organizationId: scope.organizationId,
      planId,
      fromStatus: scope.status,
      toStatus: input.to,
      actorUserId: actor.userId,
      note: input.note?.trim() || null,
      data: Object.keys(data).length > 0 ? data : null,
    });
    if (input.to === "accepted") {
      // Acceptance freezes a version; the annual update falls due on its anniversary.
      const [{ next } = { next: 1 }] = await tx
        .select({ next: sql<number>`coalesce(max(${planVersions.version}), 0) + 1`.mapWith(Number) })
        .from(planVersions)
        .where(and(eq(planVersions.organizationId, scope.organizationId), eq(planVersions.planId, planId)));
      const acceptedOn = deps.today();
      const snapshot = await readPlanDocument(tx, scope.organizationId, planId, "viewer", acceptedOn);
      await tx.insert(planVersions).values({
        organizationId: scope.organizationId,
        planId,
        version: next,
        snapshot,
        acceptedAt: new Date(),
        annualUpdateDue: anniversary(acceptedOn),
      });
    }
    await recordAudit(tx, audit, {
      action: "plan.transition",
      outcome: "success",
      resourceType: "plan",
      resourceId: planId,
      organizationId: scope.organizationId,
      metadata: { from: scope.status, to: input.to },
    });
    return { status: input.to };
  });
}

export async function listVersions(deps: PlansDeps, actor: Actor, planId: string) {
  const scope = await requireSip(deps, actor, planId, "plan.read");
  const rows = await deps.db
    .select({
      version: planVersions.version,
      acceptedAt: planVersions.acceptedAt,
      annualUpdateDue: planVersions.annualUpdateDue,
    })
    .from(planVersions)
    .where(and(eq(planVersions.organizationId, scope.organizationId), eq(planVersions.planId, planId)))
    .orderBy(desc(planVersions.version));
  return rows.map((r) => ({ ...r, acceptedAt: r.acceptedAt.toISOString() }));
}

/** Differences from version `from` to version `to` ("current" = the plan as it is now). */
export async function diffVersions(
  deps: PlansDeps,
  actor: Actor,
  planId: string,
  from: number,
  to: number | "current",
) {
  const scope = await requireSip(deps, actor, planId, "plan.read");
  const load = async (version: number) => {
    const [row] = await deps.db
      .select({ snapshot: planVersions.snapshot })
      .from(planVersions)
      .where(
        and(
          eq(planVersions.organizationId, scope.organizationId),
          eq(planVersions.planId, planId),
          eq(planVersions.version, version),
        ),
      );
    if (!row) throw notFound(`Version ${version}`);
    return row.snapshot as PlanDocument;
  };
  const before = await load(from);
  const after =
    to === "current"
      ? await readPlanDocument(deps.db, scope.organizationId, planId, scope.access, deps.today())
      : await load(to);
  return { from, to, changes: diffPlans(before, after) };
}

// ---------- state review comments ----------

export async function listReviewComments(deps: PlansDeps, actor: Actor, planId: string) {
  const scope = await requireSip(deps, actor, planId, "plan.read");
  const rows = await deps.db
    .select({ comment: reviewComments, authorName: users.name, organizationName: organizations.name })
    .from(reviewComments)
    .leftJoin(users, eq(users.id, reviewComments.authorUserId))
    .leftJoin(organizations, eq(organizations.id, reviewComments.authorOrganizationId))
    .where(and(eq(reviewComments.organizationId, scope.organizationId), eq(reviewComments.planId, planId)))
    .orderBy(asc(reviewComments.createdAt));
  return rows.map(({ comment, authorName, organizationName }) => ({
    id: comment.id,
    itemId: comment.itemId,
    parentId: comment.parentId,
    authorName,
    organizationName,
    body: comment.body,
    resolved: comment.resolvedAt !== null,
    createdAt: comment.createdAt.toISOString(),
  }));
}

/** Reviewers and the county's editors discuss a submitted SIP, per component, in threads. */
async function requireReviewParticipant(deps: PlansDeps, actor: Actor, planId: string) {
  const scope = await requireSip(deps, actor, planId, "plan.read");
  if (!scope.stateReviewer && !atLeast(scope.access, "editor")) {
    throw new AccessDeniedError({
      action: "plan.review.comment",
      resourceType: "plan",
      resourceId: planId,
      organizationId: scope.organizationId,
    });
  }
  return scope;
}

export async function addReviewComment(
  deps: PlansDeps,
  actor: Actor,
  planId: string,
  input: { body: string; itemId?: string | undefined; parentId?: string | undefined },
  audit: AuditContext,
) {
  const scope = await requireReviewParticipant(deps, actor, planId);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(reviewComments)
      .values({
        organizationId: scope.organizationId,
        planId,
        itemId: input.itemId ?? null,
        parentId: input.parentId ?? null,
        authorUserId: actor.userId,
        authorOrganizationId: actor.activeOrganizationId,
        body: input.body.trim(),
      })
      .returning({ id: reviewComments.id });
    if (!row) throw new Error("comment insert returned nothing");
    await recordAudit(tx, audit, {
      action: "plan.review.comment",
      outcome: "success",
      resourceType: "plan",
      resourceId: planId,
      organizationId: scope.organizationId,
    });
    return row;
  });
}

export async function resolveReviewComment(
  deps: PlansDeps,
  actor: Actor,
  planId: string,
  commentId: string,
  resolved: boolean,
  audit: AuditContext,
) {
  const scope = await requireReviewParticipant(deps, actor, planId);
  await deps.db.transaction(async (tx) => {
    const updated = await tx
      .update(reviewComments)
      .set(
        resolved
          ? { resolvedAt: new Date(), resolvedBy: actor.userId }
          : { resolvedAt: null, resolvedBy: null },
      )
      .where(
        and(
          eq(reviewComments.organizationId, scope.organizationId),
          eq(reviewComments.planId, planId),
          eq(reviewComments.id, commentId),
        ),
      )
      .returning({ id: reviewComments.id });
    if (updated.length === 0) throw notFound("Comment");
    await recordAudit(tx, audit, {
      action: "plan.review.resolve",
      outcome: "success",
      resourceType: "plan",
      resourceId: planId,
      organizationId: scope.organizationId,
    });
  });
}

/** Submitted SIPs of every county, for the state review screen (state reviewers only). */
export async function listSubmittedSips(deps: PlansDeps, actor: Actor) {
  if (!isStateReviewer(actor)) {
    throw new AccessDeniedError({
      action: "sip.review.list",
      resourceType: "plan",
      organizationId: actor.activeOrganizationId,
    });
  }
  const rows = await deps.db
    .select({
      id: plans.id,
      title: plans.title,
      status: plans.status,
      organizationName: organizations.name,
      county: organizations.jurisdictionName,
      updatedAt: plans.updatedAt,
    })
    .from(plans)
    .innerJoin(organizations, eq(organizations.id, plans.organizationId))
    .where(
      and(
        eq(plans.templateKey, "county-sip"),
        isNull(plans.archivedAt),
        sql`${plans.status} in ('submitted', 'state_review', 'negotiation', 'accepted')`,
        // Only the reviewer's own state(s); an organization without a state is in none.
        inArray(organizations.stateCode, reviewedStates(actor)),
      ),
    )
    .orderBy(organizations.jurisdictionName);
  return rows.map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() }));
}

// ---------- public posting and comments ----------

export async function postPublicly(
  deps: PlansDeps,
  actor: Actor,
  planId: string,
  input: { commentsOpenFrom: string; commentsOpenUntil: string },
  audit: AuditContext,
) {
  const scope = await requireSip(deps, actor, planId, "plan.share");
  if (scope.status === "draft" || scope.status === "team_review") {
    throw new AppError(
      "workflow.transition_invalid",
      "Only a plan approved for submission can be posted publicly.",
    );
  }
  if (input.commentsOpenUntil < input.commentsOpenFrom) {
    throw new AppError("validation.failed", "The comment period ends before it starts.", [
      { field: "/body/commentsOpenUntil", message: "is before commentsOpenFrom" },
    ]);
  }
  const slug = randomBytes(9).toString("base64url");
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(publicPostings)
      .values({ organizationId: scope.organizationId, planId, slug, ...input })
      .onConflictDoUpdate({
        target: [publicPostings.organizationId, publicPostings.planId],
        set: { ...input, withdrawnAt: null },
      })
      .returning();
    await recordAudit(tx, audit, {
      action: "plan.post_publicly",
      outcome: "success",
      resourceType: "plan",
      resourceId: planId,
      organizationId: scope.organizationId,
    });
    return row;
  });
}

async function findPosting(deps: PlansDeps, slug: string) {
  const [posting] = await deps.db
    .select()
    .from(publicPostings)
    .where(and(eq(publicPostings.slug, slug), isNull(publicPostings.withdrawnAt)));
  if (!posting) throw notFound("Posted plan");
  return posting;
}

/** The posted plan, its comment period and the published comments: no sign-in. */
export async function getPublicPlan(deps: PlansDeps, slug: string) {
  const posting = await findPosting(deps, slug);
  const plan = await readPlanDocument(
    deps.db,
    posting.organizationId,
    posting.planId,
    "viewer",
    deps.today(),
  );
  const comments = await deps.db
    .select()
    .from(publicComments)
    .where(
      and(
        eq(publicComments.organizationId, posting.organizationId),
        eq(publicComments.planId, posting.planId),
        eq(publicComments.status, "published"),
      ),
    )
    .orderBy(asc(publicComments.createdAt));
  const today = deps.today();
  return {
    plan,
    commentsOpenFrom: posting.commentsOpenFrom,
    commentsOpenUntil: posting.commentsOpenUntil,
    commentsOpen: posting.commentsOpenFrom <= today && today <= posting.commentsOpenUntil,
    comments: comments.map((c) => ({
      id: c.id,
      name: c.name,
      body: c.body,
      response: c.response,
      createdAt: c.createdAt.toISOString(),
    })),
  };
}

export async function createPublicComment(
  deps: PlansDeps,
  slug: string,
  input: { name?: string | undefined; body: string },
  audit: AuditContext,
) {
  const posting = await findPosting(deps, slug);
  const today = deps.today();
  if (today < posting.commentsOpenFrom || today > posting.commentsOpenUntil) {
    throw new AppError(
      "public.comments_closed",
      `Comments are open from ${posting.commentsOpenFrom} to ${posting.commentsOpenUntil}.`,
    );
  }
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(publicComments)
      .values({
        organizationId: posting.organizationId,
        planId: posting.planId,
        name: input.name?.trim() || null,
        body: input.body.trim(),
      })
      .returning({ id: publicComments.id, status: publicComments.status });
    if (!row) throw new Error("comment insert returned nothing");
    await recordAudit(tx, audit, {
      action: "plan.public_comment",
      outcome: "success",
      resourceType: "plan",
      resourceId: posting.planId,
      organizationId: posting.organizationId,
    });
    return row;
  });
}

export async function listPublicComments(deps: PlansDeps, actor: Actor, planId: string) {
  const scope = await requireSip(deps, actor, planId, "plan.read");
  if (!atLeast(scope.access, "editor")) {
    throw new AccessDeniedError({
      action: "plan.public_comments.moderate",
      resourceType: "plan",
      resourceId: planId,
      organizationId: scope.organizationId,
    });
  }
  const rows = await deps.db
    .select()
    .from(publicComments)
    .where(and(eq(publicComments.organizationId, scope.organizationId), eq(publicComments.planId, planId)))
    .orderBy(desc(publicComments.createdAt));
  return rows.map((c) => ({
    id: c.id,
    name: c.name,
    body: c.body,
    status: c.status,
    response: c.response,
    createdAt: c.createdAt.toISOString(),
  }));
}

export async function moderatePublicComment(
  deps: PlansDeps,
  actor: Actor,
  planId: string,
  commentId: string,
  input: { status: "published" | "rejected"; response?: string | undefined },
  audit: AuditContext,
) {
  const scope = await requireSip(deps, actor, planId, "plan.read");
  if (!atLeast(scope.access, "editor")) {
    throw new AccessDeniedError({
      action: "plan.public_comments.moderate",
      resourceType: "plan",
      resourceId: planId,
      organizationId: scope.organizationId,
    });
  }
  await deps.db.transaction(async (tx) => {
    const updated = await tx
      .update(publicComments)
      .set({
        status: input.status,
        response: input.response?.trim() || null,
        moderatedBy: actor.userId,
        moderatedAt: new Date(),
      })
      .where(
        and(
          eq(publicComments.organizationId, scope.organizationId),
          eq(publicComments.planId, planId),
          eq(publicComments.id, commentId),
        ),
      )
      .returning({ id: publicComments.id });
    if (updated.length === 0) throw notFound("Comment");
    await recordAudit(tx, audit, {
      action: "plan.public_comment.moderate",
      outcome: "success",
      resourceType: "plan",
      resourceId: planId,
      organizationId: scope.organizationId,
      metadata: { status: input.status },
    });
  });
}
