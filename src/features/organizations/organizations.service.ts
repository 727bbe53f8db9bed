import { and, desc, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import {
  apiTokens,
  invitations,
  memberships,
  organizations,
  outboxMessages,
  type Role,
  sessions,
  users,
} from "../../db/schema/index.ts";
import { type Actor, authorize } from "../../server/authorization.ts";
import { AppError, notFound } from "../../server/errors.ts";
import { randomToken, sha256 } from "../../server/tokens.ts";
import type { AccountsDeps } from "../accounts/accounts.service.ts";
import { hashPassword } from "../accounts/passwords.ts";
import { type AuditContext, recordAudit } from "../audit/audit.service.ts";

const INVITATION_TTL_DAYS = 14;
const orgResource = (organizationId: string) => ({
  type: "organization",
  id: organizationId,
  organizationId,
});

/** Every organization taking part (names are not confidential; partners pick each other from it). */
export async function listOrganizations(db: Db, actor: Actor) {
  const rows = await db.select().from(organizations).orderBy(organizations.name);
  const mine = new Set(actor.memberships.map((m) => m.organizationId));
  return rows.map((o) => ({
    id: o.id,
    name: o.name,
    type: o.type,
    jurisdiction: { kind: o.jurisdictionKind, name: o.jurisdictionName },
    isMember: mine.has(o.id),
  }));
}

export async function listMembers(db: Db, actor: Actor, organizationId: string) {
  authorize(actor, "organization.members.list", orgResource(organizationId));
  const rows = await db
    .select({ membership: memberships, user: users })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organizationId, organizationId))
    .orderBy(users.name);
  return rows.map(({ membership, user }) => ({
    userId: user.id,
    name: user.name,
    email: user.email,
    role: membership.role,
    title: membership.title,
    capabilities: [
      ...(membership.privacyOfficer ? ["privacy_officer" as const] : []),
      ...(membership.stateReviewer ? ["state_reviewer" as const] : []),
    ],
  }));
}

export async function createInvitation(
  deps: AccountsDeps,
  actor: Actor,
  organizationId: string,
  input: { email: string; role: Role },
  audit: AuditContext,
) {
  authorize(actor, "organization.invitations.create", orgResource(organizationId));
  const { db, mailer, config } = deps;
  const email = input.email.trim().toLowerCase();
  const [org] = await db.select().from(organizations).where(eq(organizations.id, organizationId));
  if (!org) throw notFound("Organization");
  const [existing] = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organizationId, organizationId), eq(users.email, email)));
  if (existing) throw new AppError("membership.exists", `${email} is already a member of ${org.name}.`);

  const token = randomToken();
  const link = `${config.publicUrl}/invitations/${token}`;
  const expiresAt = new Date(Date.now() + INVITATION_TTL_DAYS * 86_400_000);
  const { invitation, outboxId } = await db.transaction(async (tx) => {
    const [invitation] = await tx
      .insert(invitations)
      .values({
        organizationId,
        email,
        role: input.role,
        tokenHash: sha256(token),
        invitedBy: actor.userId,
        expiresAt,
      })
      .returning();
    if (!invitation) throw new Error("invitation insert returned nothing");
    await recordAudit(tx, audit, {
      action: "organization.invitation.create",
      outcome: "success",
      resourceType: "invitation",
      resourceId: invitation.id,
      organizationId,
      metadata: { email, role: input.role },
    });
    const outboxId = await mailer.enqueue(tx, {
      organizationId,
      to: email,
      subject: `You are invited to ${org.name} on Trellis`,
      body: `${actor.name} invited you to join ${org.name} on Trellis as ${input.role}. Accept within ${INVITATION_TTL_DAYS} days: ${link}`,
    });
    return { invitation, outboxId };
  });
  await mailer.deliver(db, outboxId);
  return { id: invitation.id, email, role: invitation.role, expiresAt: expiresAt.toISOString(), link };
}

async function findOpenInvitation(db: Db, token: string) {
  const [row] = await db
    .select({ invitation: invitations, organizationName: organizations.name })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.organizationId))
    .where(
      and(
        eq(invitations.tokenHash, sha256(token)),
        isNull(invitations.acceptedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    );
  if (!row) throw new AppError("invitation.invalid", "This invitation is invalid, used or expired.");
  return row;
}

export async function viewInvitation(db: Db, token: string) {
  const { invitation, organizationName } = await findOpenInvitation(db, token);
  return { organizationName, email: invitation.email, role: invitation.role };
}

/**
 * Accepting creates the account (or, for an existing account, requires being signed in as it)
 * and the membership. Returns the user id to sign in.
 */
export async function acceptInvitation(
  db: Db,
  token: string,
  input: { name?: string | undefined; password?: string | undefined },
  actor: Actor | null,
  audit: AuditContext,
): Promise<{ userId: string; organizationId: string }> {
  const { invitation } = await findOpenInvitation(db, token);
  const [existingUser] = await db.select().from(users).where(eq(users.email, invitation.email));
  if (existingUser && actor?.userId !== existingUser.id) {
    throw new AppError(
      "invitation.email_taken",
      "An account with this e-mail exists: sign in as it, then open the link again.",
    );
  }
  if (!existingUser && (!input.name || !input.password)) {
    const details = [
      ...(input.name ? [] : [{ field: "/body/name", message: "is required for a new account" }]),
      ...(input.password ? [] : [{ field: "/body/password", message: "is required for a new account" }]),
    ];
    throw new AppError("validation.failed", "Give your name and a password to create your account.", details);
  }
  const passwordHash = existingUser || !input.password ? null : await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(invitations)
      .set({ acceptedAt: new Date() })
      .where(
        and(
          eq(invitations.organizationId, invitation.organizationId),
          eq(invitations.id, invitation.id),
          isNull(invitations.acceptedAt),
        ),
      )
      .returning();
    if (!claimed) throw new AppError("invitation.invalid", "This invitation is invalid, used or expired.");
    let userId = existingUser?.id;
    if (!userId) {
      const [created] = await tx
        .insert(users)
        .values({ email: invitation.email, name: (input.name ?? "").trim(), passwordHash })
        .returning({ id: users.id });
      userId = created?.id;
    }
    if (!userId) throw new Error("user insert returned nothing");
    await tx
      .insert(memberships)
      .values({ organizationId: invitation.organizationId, userId, role: invitation.role })
      .onConflictDoNothing();
    await recordAudit(
      tx,
      { ...audit, actorUserId: userId, actorEmail: invitation.email },
      {
        action: "organization.invitation.accept",
        outcome: "success",
        resourceType: "invitation",
        resourceId: invitation.id,
        organizationId: invitation.organizationId,
      },
    );
    return { userId, organizationId: invitation.organizationId };
  });
}

export async function listOutbox(db: Db, actor: Actor, organizationId: string) {
  authorize(actor, "organization.outbox.read", orgResource(organizationId));
  const rows = await db
    .select()
    .from(outboxMessages)
    .where(eq(outboxMessages.organizationId, organizationId))
    .orderBy(desc(outboxMessages.createdAt))
    .limit(200);
  return rows.map((m) => ({
    id: m.id,
    to: m.to,
    subject: m.subject,
    body: m.body,
    createdAt: m.createdAt.toISOString(),
    sentAt: m.sentAt?.toISOString() ?? null,
  }));
}

export async function listApiTokens(db: Db, actor: Actor, organizationId: string) {
  authorize(actor, "organization.api_tokens.manage", orgResource(organizationId));
  const rows = await db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.organizationId, organizationId))
    .orderBy(desc(apiTokens.createdAt));
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  }));
}

export async function createApiToken(
  db: Db,
  actor: Actor,
  organizationId: string,
  name: string,
  audit: AuditContext,
) {
  authorize(actor, "organization.api_tokens.manage", orgResource(organizationId));
  const token = `trl_${randomToken()}`;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({ organizationId, userId: actor.userId, name, tokenHash: sha256(token) })
      .returning();
    if (!row) throw new Error("token insert returned nothing");
    await recordAudit(tx, audit, {
      action: "organization.api_token.create",
      outcome: "success",
      resourceType: "api_token",
      resourceId: row.id,
      organizationId,
    });
    return { id: row.id, name: row.name, token };
  });
}

export async function revokeApiToken(
  db: Db,
  actor: Actor,
  organizationId: string,
  tokenId: string,
  audit: AuditContext,
) {
  authorize(actor, "organization.api_tokens.manage", orgResource(organizationId));
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(apiTokens.organizationId, organizationId),
          eq(apiTokens.id, tokenId),
          isNull(apiTokens.revokedAt),
        ),
      )
      .returning({ id: apiTokens.id });
    if (!row) throw notFound("API token");
    await recordAudit(tx, audit, {
      action: "organization.api_token.revoke",
      outcome: "success",
      resourceType: "api_token",
      resourceId: tokenId,
      organizationId,
    });
  });
}

/** Starts a session for a user who just accepted an invitation. */
export async function startSessionFor(db: Db, userId: string, ttlHours: number, organizationId: string) {
  const token = randomToken();
  const expiresAt = new Date(Date.now() + ttlHours * 3_600_000);
  await db.insert(sessions).values({
    idHash: sha256(token),
    userId,
    activeOrganizationId: organizationId,
    csrfToken: randomToken(24),
    expiresAt,
  });
  return { token, expiresAt };
}
