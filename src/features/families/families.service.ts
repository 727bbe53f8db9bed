/** Families: intake with duplicate check, search, the family record, edits, merge, caseloads, settings. */
import { and, eq, sql } from "drizzle-orm";
import { allOf, type DbOrTx } from "../../db/client.ts";
import {
  families,
  familyAssessments,
  familyClosures,
  familyContacts,
  familyMembers,
  familySettings,
  memberships,
  servicePlans,
} from "../../db/schema/index.ts";
import { type Actor, hasRole } from "../../server/authorization.ts";
import { AppError, type ErrorDetail, notFound } from "../../server/errors.ts";
import { type AuditContext, recordAudit } from "../audit/audit.service.ts";
import { staleVersion } from "../plans/plans.service.ts";
import { type FamiliesDeps, requireActiveOrganization, requireFamily } from "./families.access.ts";
import {
  type FamilyDocument,
  type FamilySummary,
  presentFamily,
  presentSummary,
} from "./families.presenter.ts";
import {
  type FamilyFilters,
  findMembersBornOn,
  lastContacts,
  listFamilyRows,
  loadAssessments,
  loadClosures,
  loadContacts,
  loadFamilyRow,
  loadMembers,
  loadPlans,
  loadSettings,
  userNames,
} from "./families.repository.ts";
import { isPossibleDuplicate, phoneDigits } from "./families.rules.ts";

/** The whole record of one family, as the serving organization sees it. */
export async function readFamilyDocument(
  db: DbOrTx,
  organizationId: string,
  familyId: string,
  today: string,
  timeZone: string,
): Promise<FamilyDocument> {
  const row = await loadFamilyRow(db, organizationId, familyId);
  if (!row) throw notFound("Family");
  const [members, assessments, plans, contacts, closures, settings] = await allOf(db, [
    () => loadMembers(db, organizationId, [familyId]),
    () => loadAssessments(db, organizationId, [familyId]),
    () => loadPlans(db, organizationId, [familyId]),
    () => loadContacts(db, organizationId, familyId),
    () => loadClosures(db, organizationId, familyId),
    () => loadSettings(db, organizationId),
  ]);
  const names = await userNames(db, [
    row.family.caseManagerUserId,
    ...assessments.map((a) => a.assessedBy),
    ...plans.flatMap((p) => [p.createdBy, p.approvedBy]),
    ...contacts.map((c) => c.createdBy),
    ...closures.map((c) => c.closedBy),
  ]);
  return presentFamily(
    {
      family: row.family,
      organizationName: row.organizationName,
      members,
      assessments,
      plans,
      contacts,
      closures,
      lastContactOn: contacts[0]?.contactDate ?? null,
      requirePlanApproval: settings.requirePlanApproval,
      today,
      timeZone,
    },
    names,
  );
}

export async function getFamily(deps: FamiliesDeps, actor: Actor, familyId: string, audit: AuditContext) {
  const scope = await requireFamily(deps.db, actor, familyId, "family.read");
  const doc = await readFamilyDocument(deps.db, scope.organizationId, familyId, deps.today(), deps.timeZone);
  await recordAudit(deps.db, audit, {
    action: "family.read",
    outcome: "success",
    resourceType: "family",
    resourceId: familyId,
    organizationId: scope.organizationId,
  });
  return doc;
}

async function summaries(
  db: DbOrTx,
  organizationId: string,
  filters: FamilyFilters,
  today: string,
  timeZone: string,
) {
  const rows = await listFamilyRows(db, organizationId, filters);
  const ids = rows.map((r) => r.id);
  const [members, assessments, plans, last] = await allOf(db, [
    () => loadMembers(db, organizationId, ids),
    () => loadAssessments(db, organizationId, ids),
    () => loadPlans(db, organizationId, ids),
    () => lastContacts(db, organizationId, ids),
  ]);
  const names = await userNames(
    db,
    rows.map((r) => r.caseManagerUserId),
  );
  const by = <T extends { familyId: string }>(list: T[]) => {
    const map = new Map<string, T[]>();
    for (const item of list) map.set(item.familyId, [...(map.get(item.familyId) ?? []), item]);
    return map;
  };
  const membersBy = by(members);
  const assessmentsBy = by(assessments);
  const plansBy = by(plans);
  return rows.map((family) =>
    presentSummary(
      {
        family,
        members: membersBy.get(family.id) ?? [],
        assessments: assessmentsBy.get(family.id) ?? [],
        plans: plansBy.get(family.id) ?? [],
        lastContactOn: last.get(family.id) ?? null,
        today,
        timeZone,
      },
      names,
    ),
  );
}

export async function listFamilies(
  deps: FamiliesDeps,
  actor: Actor,
  query: {
    q?: string | undefined;
    dateOfBirth?: string | undefined;
    phone?: string | undefined;
    status?: "open" | "closed" | "all" | undefined;
  },
  audit: AuditContext,
): Promise<FamilySummary[]> {
  const organizationId = requireActiveOrganization(actor, "family.read");
  const items = await summaries(
    deps.db,
    organizationId,
    {
      q: query.q,
      dateOfBirth: query.dateOfBirth,
      phoneDigits: phoneDigits(query.phone) ?? undefined,
      status: query.status,
    },
    deps.today(),
    deps.timeZone,
  );
  // Search terms can be names and phone numbers: the log records which filters, not their values.
  await recordAudit(deps.db, audit, {
    action: "family.list",
    outcome: "success",
    resourceType: "family",
    organizationId,
    metadata: {
      filters: Object.keys(query).filter((k) => query[k as keyof typeof query] !== undefined),
      results: items.length,
    },
  });
  return items;
}

export interface MemberInput {
  firstName: string;
  lastName: string;
  dateOfBirth?: string | null | undefined;
  relationship: string;
  preferredLanguage?: string | null | undefined;
  phone?: string | null | undefined;
}

export interface CreateFamilyInput {
  displayName: string;
  preferredLanguage?: string | undefined;
  phone?: string | null | undefined;
  email?: string | null | undefined;
  address?: string | null | undefined;
  referralSource?: string | null | undefined;
  referralDate?: string | null | undefined;
  program?: string | null | undefined;
  enrollmentDate?: string | null | undefined;
  caseManagerUserId?: string | null | undefined;
  members: MemberInput[];
  confirmNotDuplicate?: boolean | undefined;
}

async function requireStaffMember(db: DbOrTx, organizationId: string, userId: string, field: string) {
  const [row] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)));
  if (!row || row.role === "viewer") {
    throw new AppError("validation.failed", "The case manager must be staff of the serving organization.", [
      { field, message: "is not staff of this organization" },
    ]);
  }
}

/** Possible duplicates of the people at intake among the organization's families (same or similar name and date of birth). */
export async function findDuplicates(
  db: DbOrTx,
  organizationId: string,
  members: MemberInput[],
  exceptFamilyId?: string,
) {
  const dates = [...new Set(members.flatMap((m) => (m.dateOfBirth ? [m.dateOfBirth] : [])))];
  const candidates = await findMembersBornOn(db, organizationId, dates);
  const details: ErrorDetail[] = [];
  members.forEach((m, index) => {
    for (const c of candidates) {
      if (c.member.familyId === exceptFamilyId) continue;
      if (
        isPossibleDuplicate(
          { firstName: m.firstName, lastName: m.lastName, dateOfBirth: m.dateOfBirth ?? null },
          c.member,
        )
      ) {
        details.push({
          field: `/body/members/${index}`,
          message: `may be ${c.member.firstName} ${c.member.lastName} (${c.member.dateOfBirth}) of ${c.familyName}`,
          familyId: c.member.familyId,
          familyName: c.familyName,
          familyStatus: c.familyStatus,
          memberName: `${c.member.firstName} ${c.member.lastName}`,
          dateOfBirth: c.member.dateOfBirth,
        });
      }
    }
  });
  return details;
}

export async function createFamily(
  deps: FamiliesDeps,
  actor: Actor,
  input: CreateFamilyInput,
  audit: AuditContext,
) {
  const organizationId = requireActiveOrganization(actor, "family.create");
  const caseManagerUserId = input.caseManagerUserId ?? actor.userId;
  if (input.caseManagerUserId)
    await requireStaffMember(deps.db, organizationId, input.caseManagerUserId, "/body/caseManagerUserId");
  return deps.db.transaction(async (tx) => {
    const duplicates = await findDuplicates(tx, organizationId, input.members);
    if (duplicates.length > 0 && !input.confirmNotDuplicate) {
      throw new AppError(
        "family.possible_duplicate",
        "This family may already be on record. Open the existing family, or confirm that these are different people.",
        duplicates,
      );
    }
    const [family] = await tx
      .insert(families)
      .values({
        organizationId,
        displayName: input.displayName.trim(),
        preferredLanguage: input.preferredLanguage ?? "en",
        phone: input.phone ?? null,
        phoneDigits: phoneDigits(input.phone),
        email: input.email ?? null,
        address: input.address ?? null,
        referralSource: input.referralSource ?? null,
        referralDate: input.referralDate ?? null,
        program: input.program ?? null,
        enrollmentDate: input.enrollmentDate ?? null,
        caseManagerUserId,
        createdBy: actor.userId,
      })
      .returning({ id: families.id });
    if (!family) throw new Error("family insert returned nothing");
    await insertMembers(tx, organizationId, family.id, input.members, 0);
    await recordAudit(tx, audit, {
      action: "family.create",
      outcome: "success",
      resourceType: "family",
      resourceId: family.id,
      organizationId,
      metadata: { members: input.members.length, duplicatesConfirmed: duplicates.length },
    });
    return readFamilyDocument(tx, organizationId, family.id, deps.today(), deps.timeZone);
  });
}

async function insertMembers(
  tx: DbOrTx,
  organizationId: string,
  familyId: string,
  members: MemberInput[],
  from: number,
) {
  if (members.length === 0) return [];
  return tx
    .insert(familyMembers)
    .values(
      members.map((m, i) => ({
        organizationId,
        familyId,
        firstName: m.firstName.trim(),
        lastName: m.lastName.trim(),
        dateOfBirth: m.dateOfBirth ?? null,
        relationship: m.relationship,
        preferredLanguage: m.preferredLanguage ?? null,
        phone: m.phone ?? null,
        phoneDigits: phoneDigits(m.phone),
        position: from + i,
      })),
    )
    .returning({ id: familyMembers.id });
}

export type UpdateFamilyInput = Partial<Omit<CreateFamilyInput, "members" | "confirmNotDuplicate">> & {
  version: number;
};

/** Bumps the family's version if it is still the one the client loaded; otherwise 409. */
export async function bumpVersion(
  tx: DbOrTx,
  organizationId: string,
  familyId: string,
  version: number,
  set: Partial<typeof families.$inferInsert> = {},
) {
  const [updated] = await tx
    .update(families)
    .set({ ...set, version: sql`${families.version} + 1`, updatedAt: new Date() })
    .where(
      and(
        eq(families.organizationId, organizationId),
        eq(families.id, familyId),
        eq(families.version, version),
      ),
    )
    .returning({ version: families.version });
  if (!updated) {
    const [current] = await tx
      .select({ version: families.version })
      .from(families)
      .where(and(eq(families.organizationId, organizationId), eq(families.id, familyId)));
    throw staleVersion("family", current?.version ?? 0);
  }
  return updated.version;
}

export async function updateFamily(
  deps: FamiliesDeps,
  actor: Actor,
  familyId: string,
  input: UpdateFamilyInput,
  audit: AuditContext,
) {
  const scope = await requireFamily(deps.db, actor, familyId, "family.edit");
  const { version, ...changes } = input;
  if (changes.caseManagerUserId) {
    await requireStaffMember(
      deps.db,
      scope.organizationId,
      changes.caseManagerUserId,
      "/body/caseManagerUserId",
    );
  }
  return deps.db.transaction(async (tx) => {
    const set: Partial<typeof families.$inferInsert> = { ...changes };
    if (changes.displayName !== undefined) set.displayName = changes.displayName.trim();
    if (changes.phone !== undefined) set.phoneDigits = phoneDigits(changes.phone);
    await bumpVersion(tx, scope.organizationId, familyId, version, set);
    await recordAudit(tx, audit, {
      action: "family.update",
      outcome: "success",
      resourceType: "family",
      resourceId: familyId,
      organizationId: scope.organizationId,
      metadata: { fields: Object.keys(changes) },
    });
    return readFamilyDocument(tx, scope.organizationId, familyId, deps.today(), deps.timeZone);
  });
}

/** One member of the family, or 404 (a member of another family answers the same as one that does not exist). */
async function requireMember(tx: DbOrTx, organizationId: string, familyId: string, memberId: string) {
  const [member] = await tx
    .select({ id: familyMembers.id })
    .from(familyMembers)
    .where(
      and(
        eq(familyMembers.organizationId, organizationId),
        eq(familyMembers.familyId, familyId),
        eq(familyMembers.id, memberId),
      ),
    );
  if (!member) throw notFound("Household member");
  return member;
}

/**
 * Adds a member after intake (a newborn, someone who moved in). The intake duplicate check is about
 * families, so it is not run here. Audited with the member's id, never their name or date of birth.
 */
export async function addFamilyMember(
  deps: FamiliesDeps,
  actor: Actor,
  familyId: string,
  input: MemberInput & { version: number },
  audit: AuditContext,
) {
  const scope = await requireFamily(deps.db, actor, familyId, "family.edit");
  const { version, ...member } = input;
  const org = scope.organizationId;
  return deps.db.transaction(async (tx) => {
    await bumpVersion(tx, org, familyId, version);
    const [last] = await tx
      .select({ n: sql<number>`coalesce(max(${familyMembers.position}), -1)::int` })
      .from(familyMembers)
      .where(and(eq(familyMembers.organizationId, org), eq(familyMembers.familyId, familyId)));
    const [added] = await insertMembers(tx, org, familyId, [member], (last?.n ?? -1) + 1);
    await recordAudit(tx, audit, {
      action: "family.member.add",
      outcome: "success",
      resourceType: "family",
      resourceId: familyId,
      organizationId: org,
      metadata: { memberId: added?.id ?? null },
    });
    return readFamilyDocument(tx, org, familyId, deps.today(), deps.timeZone);
  });
}

/** Corrects one member (a date of birth, a phone, …); fields not sent stay as they are. */
export async function updateFamilyMember(
  deps: FamiliesDeps,
  actor: Actor,
  familyId: string,
  memberId: string,
  input: Partial<MemberInput> & { version: number },
  audit: AuditContext,
) {
  const scope = await requireFamily(deps.db, actor, familyId, "family.edit");
  const { version, ...changes } = input;
  const org = scope.organizationId;
  return deps.db.transaction(async (tx) => {
    await requireMember(tx, org, familyId, memberId);
    await bumpVersion(tx, org, familyId, version);
    const set: Partial<typeof familyMembers.$inferInsert> = { ...changes };
    if (changes.firstName !== undefined) set.firstName = changes.firstName.trim();
    if (changes.lastName !== undefined) set.lastName = changes.lastName.trim();
    if (changes.phone !== undefined) set.phoneDigits = phoneDigits(changes.phone);
    if (Object.keys(set).length > 0) {
      await tx
        .update(familyMembers)
        .set(set)
        .where(
          and(
            eq(familyMembers.organizationId, org),
            eq(familyMembers.familyId, familyId),
            eq(familyMembers.id, memberId),
          ),
        );
    }
    await recordAudit(tx, audit, {
      action: "family.member.update",
      outcome: "success",
      resourceType: "family",
      resourceId: familyId,
      organizationId: org,
      metadata: { memberId, fields: Object.keys(changes) },
    });
    return readFamilyDocument(tx, org, familyId, deps.today(), deps.timeZone);
  });
}

/**
 * Removes a member who left the household. A family keeps at least one member (as at intake), so the
 * last one cannot be removed.
 */
export async function removeFamilyMember(
  deps: FamiliesDeps,
  actor: Actor,
  familyId: string,
  memberId: string,
  version: number,
  audit: AuditContext,
) {
  const scope = await requireFamily(deps.db, actor, familyId, "family.edit");
  const org = scope.organizationId;
  return deps.db.transaction(async (tx) => {
    await requireMember(tx, org, familyId, memberId);
    await bumpVersion(tx, org, familyId, version);
    const [count] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(familyMembers)
      .where(and(eq(familyMembers.organizationId, org), eq(familyMembers.familyId, familyId)));
    if ((count?.n ?? 0) <= 1) {
      throw new AppError("validation.failed", "A family keeps at least one household member.", [
        { field: "/params/memberId", message: "is the household's last member and cannot be removed" },
      ]);
    }
    await tx
      .delete(familyMembers)
      .where(
        and(
          eq(familyMembers.organizationId, org),
          eq(familyMembers.familyId, familyId),
          eq(familyMembers.id, memberId),
        ),
      );
    await recordAudit(tx, audit, {
      action: "family.member.remove",
      outcome: "success",
      resourceType: "family",
      resourceId: familyId,
      organizationId: org,
      metadata: { memberId },
    });
    return readFamilyDocument(tx, org, familyId, deps.today(), deps.timeZone);
  });
}

/**
 * Merges a duplicate record into this one: its members, assessments, plans, contacts and closures move
 * here (plan revisions are renumbered after ours), and the duplicate is marked merged and disappears.
 */
export async function mergeFamilies(
  deps: FamiliesDeps,
  actor: Actor,
  familyId: string,
  input: { version: number; duplicateId: string },
  audit: AuditContext,
) {
  const scope = await requireFamily(deps.db, actor, familyId, "family.edit");
  const other = await requireFamily(deps.db, actor, input.duplicateId, "family.edit");
  if (other.organizationId !== scope.organizationId || other.familyId === familyId) {
    throw new AppError("validation.failed", "Only another family of the same organization can be merged.", [
      { field: "/body/duplicateId", message: "must be another family of the same organization" },
    ]);
  }
  const org = scope.organizationId;
  return deps.db.transaction(async (tx) => {
    await bumpVersion(tx, org, familyId, input.version);
    const dup = input.duplicateId;
    const [maxMember] = await tx
      .select({ n: sql<number>`coalesce(max(${familyMembers.position}), -1)::int` })
      .from(familyMembers)
      .where(and(eq(familyMembers.organizationId, org), eq(familyMembers.familyId, familyId)));
    await tx
      .update(familyMembers)
      .set({ familyId, position: sql`${familyMembers.position} + ${(maxMember?.n ?? -1) + 1}` })
      .where(and(eq(familyMembers.organizationId, org), eq(familyMembers.familyId, dup)));
    const [maxRevision] = await tx
      .select({ n: sql<number>`coalesce(max(${servicePlans.revision}), 0)::int` })
      .from(servicePlans)
      .where(and(eq(servicePlans.organizationId, org), eq(servicePlans.familyId, familyId)));
    await tx
      .update(servicePlans)
      .set({ familyId, revision: sql`${servicePlans.revision} + ${maxRevision?.n ?? 0}` })
      .where(and(eq(servicePlans.organizationId, org), eq(servicePlans.familyId, dup)));
    for (const table of [familyAssessments, familyContacts, familyClosures]) {
      await tx
        .update(table)
        .set({ familyId })
        .where(and(eq(table.organizationId, org), eq(table.familyId, dup)));
    }
    await tx
      .update(families)
      .set({
        status: "merged",
        mergedIntoId: familyId,
        version: sql`${families.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(families.organizationId, org), eq(families.id, dup)));
    await recordAudit(tx, audit, {
      action: "family.merge",
      outcome: "success",
      resourceType: "family",
      resourceId: familyId,
      organizationId: org,
      metadata: { mergedFamilyId: dup },
    });
    return readFamilyDocument(tx, org, familyId, deps.today(), deps.timeZone);
  });
}

/**
 * A case manager's caseload (their open families), or for a supervisor every open family of the
 * organization with a line per worker: caseload size, intensity mix and overdue work.
 */
export async function getCaseload(
  deps: FamiliesDeps,
  actor: Actor,
  view: "mine" | "supervisor",
  audit: AuditContext,
) {
  const organizationId = requireActiveOrganization(
    actor,
    view === "supervisor" ? "caseload.supervise" : "family.read",
  );
  const items = await summaries(
    deps.db,
    organizationId,
    { status: "open", caseManagerUserId: view === "mine" ? actor.userId : undefined },
    deps.today(),
    deps.timeZone,
  );
  const urgency = (f: FamilySummary) =>
    (f.inCrisis ? 0 : 4) + (f.contactDue?.overdue ? 0 : 2) + (f.reassessmentDue?.overdue ? 0 : 1);
  items.sort((a, b) => urgency(a) - urgency(b) || a.displayName.localeCompare(b.displayName));
  const workers = new Map<string, ReturnType<typeof emptyWorker>>();
  function emptyWorker(userId: string | null, name: string) {
    return {
      userId,
      name,
      open: 0,
      intensive: 0,
      standard: 0,
      undecided: 0,
      contactsOverdue: 0,
      reassessmentsOverdue: 0,
      inCrisis: 0,
    };
  }
  if (view === "supervisor") {
    for (const f of items) {
      const key = f.caseManagerUserId ?? "";
      const w = workers.get(key) ?? emptyWorker(f.caseManagerUserId, f.caseManagerName ?? "");
      w.open++;
      if (f.intensity === "intensive") w.intensive++;
      else if (f.intensity === "standard") w.standard++;
      else w.undecided++;
      if (f.contactDue?.overdue) w.contactsOverdue++;
      if (f.reassessmentDue?.overdue) w.reassessmentsOverdue++;
      if (f.inCrisis) w.inCrisis++;
      workers.set(key, w);
    }
  }
  await recordAudit(deps.db, audit, {
    action: "caseload.read",
    outcome: "success",
    resourceType: "family",
    organizationId,
    metadata: { view, families: items.length },
  });
  return {
    view,
    families: items,
    counts: {
      open: items.length,
      contactsOverdue: items.filter((f) => f.contactDue?.overdue).length,
      reassessmentsDue: items.filter((f) => f.reassessmentDue?.overdue).length,
      inCrisis: items.filter((f) => f.inCrisis).length,
    },
    workers: [...workers.values()].sort((a, b) => a.name.localeCompare(b.name)),
  };
}

export async function getFamilySettings(deps: FamiliesDeps, actor: Actor) {
  const organizationId = requireActiveOrganization(actor, "family.read");
  return {
    ...(await loadSettings(deps.db, organizationId)),
    canManage: hasRole(actor, organizationId, "manager"),
  };
}

export async function updateFamilySettings(
  deps: FamiliesDeps,
  actor: Actor,
  input: { requirePlanApproval: boolean },
  audit: AuditContext,
) {
  const organizationId = requireActiveOrganization(actor, "family.settings.manage");
  await deps.db.transaction(async (tx) => {
    await tx
      .insert(familySettings)
      .values({ organizationId, requirePlanApproval: input.requirePlanApproval })
      .onConflictDoUpdate({
        target: familySettings.organizationId,
        set: { requirePlanApproval: input.requirePlanApproval, updatedAt: new Date() },
      });
    await recordAudit(tx, audit, {
      action: "family_settings.update",
      outcome: "success",
      resourceType: "family_settings",
      organizationId,
      metadata: input,
    });
  });
  return getFamilySettings(deps, actor);
}
