/**
 * Closed-loop referrals: send from a family (and a goal) to a directory service, answer from the receiving
 * organization's queue, see the history from both sides. Every read and change is audited; every change is
 * mailed (through the outbox) to the other side. No family data goes in the mail, only a link.
 */
import { and, eq, sql } from "drizzle-orm";
import { allOf, type Db, type DbOrTx } from "../../db/client.ts";
import { type ReferralStatus, referralEvents, referrals } from "../../db/schema/index.ts";
import { type Actor, authorize, hasRole, membershipIn } from "../../server/authorization.ts";
import { AccessDeniedError, AppError } from "../../server/errors.ts";
import type { Mailer } from "../../server/mailer.ts";
import { type AuditContext, recordAudit } from "../audit/audit.service.ts";
import { decideForFamilies, type FamilyAccessDecision } from "../consent/consent.policy.ts";
import { requireFamily, requireOpen } from "../families/families.access.ts";
import { staleVersion } from "../plans/plans.service.ts";
import { presentReferral } from "./referrals.presenter.ts";
import {
  familyNames,
  findReferralParties,
  findServiceForReferral,
  listReceived,
  listSent,
  loadEvents,
  loadPlanGoals,
  loadReferral,
  organizationNames,
  type ReferralRow,
  serviceAtLocationBelongs,
  staffEmails,
  userEmail,
  userNames,
} from "./referrals.repository.ts";
import { checkMove, FINAL_STATUSES, providerFigures, type Side } from "./referrals.rules.ts";
import type { CreateReferralInput, ReferralDocument, UpdateReferralStatusInput } from "./referrals.schema.ts";

export interface ReferralsDeps {
  db: Db;
  mailer: Mailer;
  publicUrl: string;
  today: () => string;
}

interface ReferralScope {
  referralId: string;
  senderOrganizationId: string;
  receivingOrganizationId: string | null;
  side: Side;
}

/**
 * Authorizes an action on one referral from the side the actor is on: the receiving organization when the
 * actor belongs to it (and is working in it, if they belong to both), else the sending organization.
 * Unknown ids and outsiders get the same 404, audited against the sending organization.
 */
async function requireReferral(
  db: DbOrTx,
  actor: Actor,
  referralId: string,
  action: "referral.read" | "referral.update_status",
): Promise<ReferralScope> {
  const parties = await findReferralParties(db, referralId);
  if (!parties) {
    throw new AccessDeniedError({
      action,
      resourceType: "referral",
      resourceId: referralId,
      organizationId: null,
      conceal: true,
    });
  }
  const receiver = parties.receivingOrganizationId;
  const inReceiver = receiver !== null && membershipIn(actor, receiver) !== undefined;
  const inSender = membershipIn(actor, parties.organizationId) !== undefined;
  const side: Side =
    inReceiver &&
    (!inSender || actor.activeOrganizationId === receiver || !hasRole(actor, parties.organizationId, "staff"))
      ? "receiver"
      : "sender";
  const organizationId = side === "receiver" ? (receiver as string) : parties.organizationId;
  authorize(actor, action, { type: "referral", id: referralId, organizationId });
  return {
    referralId,
    senderOrganizationId: parties.organizationId,
    receivingOrganizationId: receiver,
    side,
  };
}

/** The active organization, authorized for an organization-wide referral action. */
function requireActiveOrganization(actor: Actor, action: "referral.list"): string {
  const organizationId = actor.activeOrganizationId;
  authorize(actor, action, { type: "referral", organizationId });
  if (!organizationId) throw new AppError("organization.not_member", "Choose an organization first.");
  return organizationId;
}

/**
 * The receiver's consent decisions (purpose "referral") for the families behind the rows, through the one
 * consent policy: they mask the receiver's view, and tell the sender what the receiver cannot see.
 */
async function receiverDecisions(db: DbOrTx, rows: ReferralRow[], today: string) {
  const decisions = new Map<string, FamilyAccessDecision>();
  const groups = new Map<string, ReferralRow[]>();
  for (const row of rows) {
    if (!row.receivingOrganizationId) continue;
    const key = `${row.organizationId}|${row.receivingOrganizationId}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  for (const list of groups.values()) {
    const first = list[0] as ReferralRow;
    const found = await decideForFamilies(db, {
      ownerOrganizationId: first.organizationId,
      familyIds: list.map((r) => r.familyId),
      readerOrganizationId: first.receivingOrganizationId as string,
      purpose: "referral",
      categories: ["identity_contact", "referral_details"],
      today,
    });
    for (const row of list) decisions.set(row.id, found.get(row.familyId) as FamilyAccessDecision);
  }
  return decisions;
}

async function readDocuments(
  db: DbOrTx,
  rows: ReferralRow[],
  side: Side,
  today: string,
): Promise<ReferralDocument[]> {
  if (rows.length === 0) return [];
  const consent = await receiverDecisions(db, rows, today);
  const bySender = new Map<string, ReferralRow[]>();
  for (const row of rows)
    bySender.set(row.organizationId, [...(bySender.get(row.organizationId) ?? []), row]);
  const events = (
    await allOf(
      db,
      [...bySender.entries()].map(
        ([org, list]) =>
          () =>
            loadEvents(
              db,
              org,
              list.map((r) => r.id),
            ),
      ),
    )
  ).flat();
  const first = rows[0];
  const [orgs, users, familiesById] = await allOf(db, [
    () =>
      organizationNames(
        db,
        rows.flatMap((r) => [r.organizationId, r.receivingOrganizationId]),
      ),
    () => userNames(db, [...rows.map((r) => r.sentBy), ...events.map((e) => e.actorUserId)]),
    // Only the sender reads the family's name; the receiver's documents never touch the families table.
    () =>
      side === "sender" && first
        ? familyNames(
            db,
            first.organizationId,
            rows.map((r) => r.familyId),
          )
        : Promise.resolve(new Map<string, string>()),
  ]);
  return rows.map((row) =>
    presentReferral(row, side, {
      events: events.filter((e) => e.referralId === row.id),
      organizationNames: orgs,
      userNames: users,
      familyName: familiesById.get(row.familyId) ?? null,
      consent: consent.get(row.id) ?? null,
    }),
  );
}

async function readOne(db: DbOrTx, scope: ReferralScope, today: string) {
  const row = await loadReferral(db, scope.senderOrganizationId, scope.referralId);
  if (!row) throw new AppError("resource.not_found", "Referral not found.");
  const [doc] = await readDocuments(db, [row], scope.side, today);
  return { doc: doc as ReferralDocument, familyId: row.familyId };
}

/** Queues a mail to the other side, if it is on Trellis; answers the outbox ids to deliver after commit. */
async function notifyOtherSide(
  deps: ReferralsDeps,
  tx: DbOrTx,
  row: ReferralRow,
  side: Side,
  what: string,
): Promise<string[]> {
  const names = await organizationNames(tx, [row.organizationId, row.receivingOrganizationId]);
  const link = `${deps.publicUrl}/referrals/${row.id}`;
  if (side === "sender") {
    if (!row.receivingOrganizationId) return [];
    const receiverId = row.receivingOrganizationId;
    const recipients = await staffEmails(tx, receiverId);
    const from = names.get(row.organizationId) ?? "An organization";
    return allOf(
      tx,
      recipients.map(
        (to) => () =>
          deps.mailer.enqueue(tx, {
            organizationId: receiverId,
            to,
            subject: `Referral to ${row.serviceName}: ${what}`,
            body: `${from} — referral to ${row.serviceName}: ${what}. Open it in Trellis: ${link}`,
          }),
      ),
    );
  }
  const to = await userEmail(tx, row.sentBy);
  if (!to) return [];
  const by = names.get(row.receivingOrganizationId ?? "") ?? row.providerName ?? "The provider";
  return [
    await deps.mailer.enqueue(tx, {
      organizationId: row.organizationId,
      to,
      subject: `Referral to ${row.serviceName}: ${what}`,
      body: `${by} — referral to ${row.serviceName}: ${what}. Open it in Trellis: ${link}`,
    }),
  ];
}

async function deliverAll(deps: ReferralsDeps, ids: string[]) {
  for (const id of ids) await deps.mailer.deliver(deps.db, id);
}

export async function createReferral(
  deps: ReferralsDeps,
  actor: Actor,
  input: CreateReferralInput,
  audit: AuditContext,
): Promise<ReferralDocument> {
  const scope = await requireFamily(deps.db, actor, input.familyId, "referral.create");
  requireOpen(scope);
  const organizationId = scope.organizationId;
  const service = await findServiceForReferral(deps.db, input.serviceId);
  if (service?.status !== "active") {
    throw new AppError("validation.failed", "Choose an active service of the directory.", [
      { field: "/body/serviceId", message: "no active service with this id" },
    ]);
  }
  if (
    input.serviceAtLocationId &&
    !(await serviceAtLocationBelongs(deps.db, input.serviceAtLocationId, service.id))
  ) {
    throw new AppError("validation.failed", "That location does not offer this service.", [
      { field: "/body/serviceAtLocationId", message: "not a location of this service" },
    ]);
  }
  let goalText: string | null = null;
  if (input.goal) {
    const goals = await loadPlanGoals(deps.db, organizationId, input.familyId, input.goal.planRevision);
    const goal = goals?.[input.goal.goalIndex];
    if (!goal) {
      throw new AppError("validation.failed", "That goal is not in the family's service plan.", [
        { field: "/body/goal", message: "no such goal in this plan revision" },
      ]);
    }
    goalText = goal.goal;
  }
  const { doc, outbox } = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(referrals)
      .values({
        organizationId,
        familyId: input.familyId,
        planRevision: input.goal?.planRevision ?? null,
        goalIndex: input.goal?.goalIndex ?? null,
        goalText,
        serviceId: service.id,
        serviceAtLocationId: input.serviceAtLocationId ?? null,
        serviceName: service.name,
        providerName: service.providerName ?? null,
        hsdsOrganizationId: service.hsdsOrganizationId ?? null,
        receivingOrganizationId: service.receivingOrganizationId ?? null,
        sharedContactName: input.shared.contactName.trim(),
        sharedLanguage: input.shared.preferredLanguage,
        sharedPhone: input.shared.phone?.trim() || null,
        sharedReason: input.shared.reason.trim(),
        sentBy: actor.userId,
      })
      .returning();
    if (!row) throw new Error("referral insert returned nothing");
    await tx.insert(referralEvents).values({
      organizationId,
      referralId: row.id,
      fromStatus: null,
      toStatus: "sent",
      side: "sender",
      actorUserId: actor.userId,
    });
    await recordAudit(tx, audit, {
      action: "referral.create",
      outcome: "success",
      resourceType: "referral",
      resourceId: row.id,
      organizationId,
      metadata: {
        familyId: input.familyId,
        serviceId: service.id,
        receivingOrganizationId: row.receivingOrganizationId,
        offTrellis: row.receivingOrganizationId === null,
      },
    });
    const outbox = await notifyOtherSide(deps, tx, row, "sender", "new referral");
    const [doc] = await readDocuments(tx, [row], "sender", deps.today());
    return { doc: doc as ReferralDocument, outbox };
  });
  await deliverAll(deps, outbox);
  return doc;
}

const STATUS_WORDS: Record<ReferralStatus, string> = {
  sent: "sent",
  accepted: "accepted",
  declined: "declined",
  completed: "completed",
  not_completed: "not completed",
  cancelled: "cancelled",
};

export async function updateReferralStatus(
  deps: ReferralsDeps,
  actor: Actor,
  referralId: string,
  input: UpdateReferralStatusInput,
  audit: AuditContext,
): Promise<ReferralDocument> {
  const scope = await requireReferral(deps.db, actor, referralId, "referral.update_status");
  const { doc, outbox } = await deps.db.transaction(async (tx) => {
    const current = await loadReferral(tx, scope.senderOrganizationId, referralId);
    if (!current) throw new AppError("resource.not_found", "Referral not found.");
    if (current.version !== input.version) throw staleVersion("referral", current.version);
    const offTrellis = current.receivingOrganizationId === null;
    const check = checkMove(current.status, input.status, scope.side, offTrellis, input.note);
    if (!check.ok) {
      if (check.problem === "wrong_side") {
        throw new AccessDeniedError({
          action: "referral.update_status",
          resourceType: "referral",
          resourceId: referralId,
          organizationId:
            scope.side === "receiver" ? scope.receivingOrganizationId : scope.senderOrganizationId,
        });
      }
      if (check.problem === "note_required") {
        throw new AppError("validation.failed", `A ${check.note} is required.`, [
          { field: "/body/note", message: `${check.note} required` },
        ]);
      }
      throw new AppError(
        "workflow.transition_invalid",
        `A referral that is ${STATUS_WORDS[current.status]} cannot become ${STATUS_WORDS[input.status]}.`,
      );
    }
    const now = new Date();
    const [row] = await tx
      .update(referrals)
      .set({
        status: input.status,
        version: sql`${referrals.version} + 1`,
        updatedAt: now,
        ...(input.status === "accepted" ? { acceptedAt: now } : {}),
        ...(FINAL_STATUSES.includes(input.status) ? { closedAt: now } : {}),
      })
      .where(
        and(
          eq(referrals.organizationId, scope.senderOrganizationId),
          eq(referrals.id, referralId),
          eq(referrals.version, input.version),
        ),
      )
      .returning();
    if (!row) throw staleVersion("referral", current.version + 1);
    await tx.insert(referralEvents).values({
      organizationId: scope.senderOrganizationId,
      referralId,
      fromStatus: current.status,
      toStatus: input.status,
      note: input.note?.trim() || null,
      side: scope.side,
      actorUserId: actor.userId,
    });
    await recordAudit(tx, audit, {
      action: "referral.status.update",
      outcome: "success",
      resourceType: "referral",
      resourceId: referralId,
      organizationId: scope.side === "receiver" ? scope.receivingOrganizationId : scope.senderOrganizationId,
      metadata: { from: current.status, to: input.status, side: scope.side, familyId: current.familyId },
    });
    const outbox = await notifyOtherSide(deps, tx, row, scope.side, STATUS_WORDS[input.status]);
    const [doc] = await readDocuments(tx, [row], scope.side, deps.today());
    return { doc: doc as ReferralDocument, outbox };
  });
  await deliverAll(deps, outbox);
  return doc;
}

export async function getReferral(
  deps: ReferralsDeps,
  actor: Actor,
  referralId: string,
  audit: AuditContext,
) {
  const scope = await requireReferral(deps.db, actor, referralId, "referral.read");
  const { doc, familyId } = await readOne(deps.db, scope, deps.today());
  // Family data: audited against the family's organization, naming the reader's (docs/consent.md).
  await recordAudit(deps.db, audit, {
    action: "referral.read",
    outcome: "success",
    resourceType: "referral",
    resourceId: referralId,
    organizationId: scope.senderOrganizationId,
    metadata:
      scope.side === "receiver"
        ? {
            side: scope.side,
            familyId,
            actorOrganizationId: scope.receivingOrganizationId,
            basis: "consent",
            withheld: doc.withheld.map((w) => w.category),
          }
        : { side: scope.side, familyId },
  });
  return doc;
}

/** Referrals the active organization sent, optionally of one family (then the family is authorized too). */
export async function listReferrals(
  deps: ReferralsDeps,
  actor: Actor,
  query: { familyId?: string | undefined },
  audit: AuditContext,
) {
  let organizationId: string;
  if (query.familyId) {
    organizationId = (await requireFamily(deps.db, actor, query.familyId, "referral.read")).organizationId;
  } else {
    organizationId = requireActiveOrganization(actor, "referral.list");
  }
  const rows = await listSent(deps.db, organizationId, query.familyId);
  const items = await readDocuments(deps.db, rows, "sender", deps.today());
  await recordAudit(deps.db, audit, {
    action: "referral.list",
    outcome: "success",
    resourceType: "referral",
    resourceId: query.familyId ?? null,
    organizationId,
    metadata: { family: query.familyId !== undefined, results: items.length },
  });
  return items;
}

export async function listInboundReferrals(
  deps: ReferralsDeps,
  actor: Actor,
  query: { status?: "open" | "all" | undefined },
  audit: AuditContext,
) {
  const organizationId = requireActiveOrganization(actor, "referral.list");
  const rows = await listReceived(
    deps.db,
    organizationId,
    query.status === "all" ? undefined : ["sent", "accepted"],
  );
  const items = await readDocuments(deps.db, rows, "receiver", deps.today());
  await recordAudit(deps.db, audit, {
    action: "referral.inbound.list",
    outcome: "success",
    resourceType: "referral",
    organizationId,
    metadata: { status: query.status ?? "open", results: items.length },
  });
  return items;
}

export async function getReferralFigures(deps: ReferralsDeps, actor: Actor, audit: AuditContext) {
  const organizationId = requireActiveOrganization(actor, "referral.list");
  const [sent, received] = await Promise.all([
    listSent(deps.db, organizationId),
    listReceived(deps.db, organizationId),
  ]);
  const providers = providerFigures(
    sent.map((r) => ({
      providerKey: r.hsdsOrganizationId ?? r.serviceId,
      providerName: r.providerName ?? r.serviceName,
      status: r.status,
      sentAt: r.sentAt,
      acceptedAt: r.acceptedAt,
    })),
  );
  const own = providerFigures(
    received.map((r) => ({
      providerKey: organizationId,
      providerName:
        actor.memberships.find((m) => m.organizationId === organizationId)?.organizationName ?? "",
      status: r.status,
      sentAt: r.sentAt,
      acceptedAt: r.acceptedAt,
    })),
  );
  await recordAudit(deps.db, audit, {
    action: "referral.figures.read",
    outcome: "success",
    resourceType: "referral",
    organizationId,
  });
  return { providers, asReceiver: own[0] ?? null };
}
