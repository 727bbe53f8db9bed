/**
 * Review of break-glass accesses (docs/consent.md): the privacy officer (or an admin) of the family's
 * organization sees every emergency opening of its families' records and says whether it was justified.
 */
import { and, desc, eq, isNotNull, isNull, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db, DbOrTx } from "../../db/client.ts";
import {
  type BreakGlassReviewOutcome,
  breakGlassAccesses,
  families,
  organizations,
  users,
} from "../../db/schema/index.ts";
import { type Actor, authorize, can, membershipIn } from "../../server/authorization.ts";
import { AccessDeniedError, AppError } from "../../server/errors.ts";
import { type AuditContext, recordAudit } from "../audit/audit.service.ts";

export type BreakGlassStatus = "pending" | "reviewed" | "all";

const reviewers = alias(users, "reviewers");

function selectAccesses(db: DbOrTx, where: SQL | undefined) {
  return db
    .select({
      id: breakGlassAccesses.id,
      familyId: breakGlassAccesses.familyId,
      familyName: families.displayName,
      userId: breakGlassAccesses.userId,
      userName: users.name,
      userEmail: users.email,
      accessingOrganizationId: breakGlassAccesses.accessingOrganizationId,
      accessingOrganizationName: organizations.name,
      reason: breakGlassAccesses.reason,
      openedAt: breakGlassAccesses.openedAt,
      expiresAt: breakGlassAccesses.expiresAt,
      reviewOutcome: breakGlassAccesses.reviewOutcome,
      reviewNote: breakGlassAccesses.reviewNote,
      reviewedBy: breakGlassAccesses.reviewedBy,
      reviewerName: reviewers.name,
      reviewedAt: breakGlassAccesses.reviewedAt,
    })
    .from(breakGlassAccesses)
    .innerJoin(
      families,
      and(
        eq(families.organizationId, breakGlassAccesses.organizationId),
        eq(families.id, breakGlassAccesses.familyId),
      ),
    )
    .innerJoin(users, eq(users.id, breakGlassAccesses.userId))
    .innerJoin(organizations, eq(organizations.id, breakGlassAccesses.accessingOrganizationId))
    .leftJoin(reviewers, eq(reviewers.id, breakGlassAccesses.reviewedBy))
    .where(where)
    .orderBy(desc(breakGlassAccesses.openedAt), desc(breakGlassAccesses.id));
}

type AccessRow = Awaited<ReturnType<typeof selectAccesses>>[number];

function present(row: AccessRow, now: Date) {
  return {
    id: row.id,
    familyId: row.familyId,
    familyName: row.familyName,
    user: { id: row.userId, name: row.userName, email: row.userEmail },
    accessingOrganization: { id: row.accessingOrganizationId, name: row.accessingOrganizationName },
    reason: row.reason,
    openedAt: row.openedAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    open: row.expiresAt > now,
    review:
      row.reviewOutcome && row.reviewedAt
        ? {
            outcome: row.reviewOutcome,
            note: row.reviewNote ?? "",
            reviewedBy: row.reviewedBy ? { id: row.reviewedBy, name: row.reviewerName ?? "" } : null,
            reviewedAt: row.reviewedAt.toISOString(),
          }
        : null,
  };
}

export type BreakGlassAccessView = ReturnType<typeof present>;

/** The break-glass accesses to the organization's families, newest first. */
export async function listBreakGlassAccesses(
  db: Db,
  organizationId: string,
  status: BreakGlassStatus,
  limit: number,
): Promise<BreakGlassAccessView[]> {
  const conditions = [eq(breakGlassAccesses.organizationId, organizationId)];
  if (status === "pending") conditions.push(isNull(breakGlassAccesses.reviewOutcome));
  if (status === "reviewed") conditions.push(isNotNull(breakGlassAccesses.reviewOutcome));
  const rows = await selectAccesses(db, and(...conditions)).limit(limit);
  const now = new Date();
  return rows.map((r) => present(r, now));
}

export async function reviewBreakGlassAccess(
  db: Db,
  actor: Actor,
  id: string,
  input: { outcome: BreakGlassReviewOutcome; note: string },
  audit: AuditContext,
): Promise<BreakGlassAccessView> {
  const [owner] = await db
    .select({ organizationId: breakGlassAccesses.organizationId, familyId: breakGlassAccesses.familyId })
    .from(breakGlassAccesses)
    .where(eq(breakGlassAccesses.id, id));
  const resource = { type: "break_glass", id, organizationId: owner?.organizationId ?? null };
  // Unknown, or of another organization: the same 404, audited (against the family's organization).
  if (!owner || (!can(actor, "privacy.review", resource) && !membershipIn(actor, owner.organizationId))) {
    throw new AccessDeniedError({
      action: "privacy.review",
      resourceType: "break_glass",
      resourceId: id,
      organizationId: owner?.organizationId ?? null,
      conceal: true,
    });
  }
  authorize(actor, "privacy.review", resource);
  const note = input.note.trim();
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(breakGlassAccesses)
      .set({
        reviewOutcome: input.outcome,
        reviewNote: note,
        reviewedBy: actor.userId,
        reviewedAt: new Date(),
      })
      .where(
        and(
          eq(breakGlassAccesses.organizationId, owner.organizationId),
          eq(breakGlassAccesses.id, id),
          isNull(breakGlassAccesses.reviewOutcome),
        ),
      )
      .returning({
        id: breakGlassAccesses.id,
        accessingOrganizationId: breakGlassAccesses.accessingOrganizationId,
      });
    if (!updated) {
      throw new AppError("break_glass.already_reviewed", "This access has been reviewed already.");
    }
    await recordAudit(tx, audit, {
      action: "break_glass.review",
      outcome: "success",
      resourceType: "break_glass",
      resourceId: id,
      organizationId: owner.organizationId,
      metadata: {
        familyId: owner.familyId,
        breakGlassId: id,
        accessingOrganizationId: updated.accessingOrganizationId,
        reviewOutcome: input.outcome,
      },
    });
    const [row] = await selectAccesses(
      tx,
      and(eq(breakGlassAccesses.organizationId, owner.organizationId), eq(breakGlassAccesses.id, id)),
    );
    if (!row) throw new Error("reviewed access vanished");
    return present(row, new Date());
  });
}
