import { and, eq, gt, isNull, ne } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { passwordResetTokens, sessions, signInThrottle, users } from "../../db/schema/index.ts";
import { type Actor, membershipIn } from "../../server/authorization.ts";
import type { Config } from "../../server/config.ts";
import { AppError } from "../../server/errors.ts";
import type { Mailer } from "../../server/mailer.ts";
import { randomToken, sha256 } from "../../server/tokens.ts";
import { type AuditContext, recordAudit } from "../audit/audit.service.ts";
import {
  findUserByEmail,
  getThrottle,
  listMembershipsOfUser,
  loadSessionActor,
} from "./accounts.repository.ts";
import { hashPassword, verifyPassword } from "./passwords.ts";

export interface AccountsDeps {
  db: Db;
  config: Config;
  mailer: Mailer;
}

export const LOCKOUT = { maxFailures: 5, windowMinutes: 15, lockMinutes: 15 } as const;
const RESET_TOKEN_TTL_MINUTES = 60;

const minutes = (n: number) => n * 60_000;

function invalidCredentials(): AppError {
  // One message whatever was wrong, so nobody learns which e-mails have accounts.
  return new AppError("auth.invalid_credentials", "The e-mail or password is not correct.");
}

export function presentMe(actor: Actor, csrfToken: string) {
  return {
    user: { id: actor.userId, email: actor.email, name: actor.name, locale: actor.locale },
    memberships: actor.memberships,
    activeOrganizationId: actor.activeOrganizationId,
    csrfToken,
  };
}

async function noteFailure(db: Db, email: string, now: Date): Promise<void> {
  const current = await getThrottle(db, email);
  const windowOpen =
    current && now.getTime() - current.windowStartedAt.getTime() < minutes(LOCKOUT.windowMinutes);
  const failures = windowOpen ? current.failures + 1 : 1;
  const values = {
    email,
    failures,
    windowStartedAt: windowOpen ? current.windowStartedAt : now,
    lockedUntil:
      failures >= LOCKOUT.maxFailures ? new Date(now.getTime() + minutes(LOCKOUT.lockMinutes)) : null,
  };
  await db
    .insert(signInThrottle)
    .values(values)
    .onConflictDoUpdate({ target: signInThrottle.email, set: values });
}

export interface SignInResult {
  sessionToken: string;
  me: ReturnType<typeof presentMe>;
  expiresAt: Date;
}

export async function signIn(
  deps: AccountsDeps,
  input: { email: string; password: string; userAgent: string | undefined },
  audit: AuditContext,
): Promise<SignInResult> {
  const { db, config } = deps;
  const email = input.email.trim().toLowerCase();
  const now = new Date();
  const throttle = await getThrottle(db, email);
  if (throttle?.lockedUntil && throttle.lockedUntil > now) {
    await recordAudit(
      db,
      { ...audit, actorEmail: email },
      { action: "auth.sign_in", outcome: "denied", metadata: { reason: "locked" } },
    );
    throw new AppError(
      "auth.locked",
      "Too many failed sign-ins. Try again in 15 minutes or reset your password.",
    );
  }
  const user = await findUserByEmail(db, email);
  const valid = await verifyPassword(user?.passwordHash, input.password);
  // Sign-ins are filed under the user's first organization, so its admins see them.
  const homeOrganizationId = user
    ? ((await listMembershipsOfUser(db, user.id))[0]?.organizationId ?? null)
    : null;
  if (!user || !valid) {
    await noteFailure(db, email, now);
    await recordAudit(
      db,
      { ...audit, actorUserId: user?.id ?? null, actorEmail: email },
      {
        action: "auth.sign_in",
        outcome: "failure",
        organizationId: homeOrganizationId,
      },
    );
    throw invalidCredentials();
  }

  // Always a fresh session id at sign-in (no session fixation).
  const sessionToken = randomToken();
  const expiresAt = new Date(now.getTime() + config.sessionTtlHours * 3_600_000);
  await db.transaction(async (tx) => {
    await tx.delete(signInThrottle).where(eq(signInThrottle.email, email));
    await tx.insert(sessions).values({
      idHash: sha256(sessionToken),
      userId: user.id,
      csrfToken: randomToken(24),
      expiresAt,
      // Where the user last worked; loadSessionActor falls back to another membership if it is gone.
      activeOrganizationId: user.lastActiveOrganizationId,
      ip: audit.ip,
      userAgent: input.userAgent?.slice(0, 500) ?? null,
    });
    await recordAudit(
      tx,
      { ...audit, actorUserId: user.id, actorEmail: user.email },
      {
        action: "auth.sign_in",
        outcome: "success",
        organizationId: homeOrganizationId,
        resourceType: "user",
        resourceId: user.id,
      },
    );
  });
  const loaded = await loadSessionActor(db, sha256(sessionToken), now);
  if (!loaded) throw new Error("session vanished right after creation");
  return { sessionToken, me: presentMe(loaded.actor, loaded.csrfToken), expiresAt };
}

export async function signOut(db: Db, sessionIdHash: string, audit: AuditContext): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.idHash, sessionIdHash));
    await recordAudit(tx, audit, {
      action: "auth.sign_out",
      outcome: "success",
      resourceType: "user",
      resourceId: audit.actorUserId,
    });
  });
}

export async function setActiveOrganization(
  db: Db,
  actor: Actor,
  sessionIdHash: string,
  organizationId: string,
) {
  if (!membershipIn(actor, organizationId)) {
    throw new AppError("organization.not_member", "You are not a member of that organization.");
  }
  await db.transaction(async (tx) => {
    await tx
      .update(sessions)
      .set({ activeOrganizationId: organizationId })
      .where(eq(sessions.idHash, sessionIdHash));
    await tx
      .update(users)
      .set({ lastActiveOrganizationId: organizationId })
      .where(eq(users.id, actor.userId));
  });
}

export async function setLocale(db: Db, actor: Actor, locale: "en" | "es") {
  await db.update(users).set({ locale }).where(eq(users.id, actor.userId));
}

export async function changePassword(
  db: Db,
  actor: Actor,
  input: { currentPassword: string; newPassword: string; keepSessionIdHash: string | null },
  audit: AuditContext,
) {
  const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await recordAudit(db, audit, {
      action: "auth.change_password",
      outcome: "failure",
      resourceType: "user",
      resourceId: actor.userId,
    });
    throw new AppError("auth.current_password_wrong", "The current password is not correct.", [
      { field: "/body/currentPassword", message: "is not correct" },
    ]);
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: new Date() })
      .where(eq(users.id, actor.userId));
    // Other sessions end: a changed password should lock out whoever else had it.
    await tx
      .delete(sessions)
      .where(
        input.keepSessionIdHash
          ? and(eq(sessions.userId, actor.userId), ne(sessions.idHash, input.keepSessionIdHash))
          : eq(sessions.userId, actor.userId),
      );
    await recordAudit(tx, audit, {
      action: "auth.change_password",
      outcome: "success",
      resourceType: "user",
      resourceId: actor.userId,
    });
  });
}

/** Always answers the same; sends a link only when the account exists. */
export async function requestPasswordReset(
  deps: AccountsDeps,
  email: string,
  audit: AuditContext,
): Promise<void> {
  const { db, mailer, config } = deps;
  const user = await findUserByEmail(db, email);
  if (!user) {
    await recordAudit(
      db,
      { ...audit, actorEmail: email.toLowerCase() },
      { action: "auth.password_reset_request", outcome: "failure" },
    );
    return;
  }
  const token = randomToken();
  const outboxId = await db.transaction(async (tx) => {
    await tx.insert(passwordResetTokens).values({
      tokenHash: sha256(token),
      userId: user.id,
      expiresAt: new Date(Date.now() + minutes(RESET_TOKEN_TTL_MINUTES)),
    });
    await recordAudit(
      tx,
      { ...audit, actorUserId: user.id, actorEmail: user.email },
      {
        action: "auth.password_reset_request",
        outcome: "success",
        resourceType: "user",
        resourceId: user.id,
      },
    );
    return mailer.enqueue(tx, {
      organizationId: null,
      to: user.email,
      subject: "Reset your Trellis password",
      body: `Open this link within ${RESET_TOKEN_TTL_MINUTES} minutes to choose a new password: ${config.publicUrl}/reset-password?token=${token}\nIf you did not ask for this, ignore this message.`,
    });
  });
  await mailer.deliver(db, outboxId);
}

export async function confirmPasswordReset(
  db: Db,
  input: { token: string; newPassword: string },
  audit: AuditContext,
) {
  const tokenHash = sha256(input.token);
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    // Claiming the token and checking it happen in one statement, so it can be used only once.
    const [claimed] = await tx
      .update(passwordResetTokens)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(passwordResetTokens.tokenHash, tokenHash),
          isNull(passwordResetTokens.usedAt),
          gt(passwordResetTokens.expiresAt, new Date()),
        ),
      )
      .returning({ userId: passwordResetTokens.userId });
    if (!claimed)
      throw new AppError("auth.reset_token_invalid", "This reset link is invalid, used or expired.");
    const [user] = await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: new Date() })
      .where(eq(users.id, claimed.userId))
      .returning({ email: users.email });
    await tx.delete(sessions).where(eq(sessions.userId, claimed.userId));
    await tx.delete(signInThrottle).where(eq(signInThrottle.email, user?.email ?? ""));
    await recordAudit(
      tx,
      { ...audit, actorUserId: claimed.userId, actorEmail: user?.email ?? null },
      {
        action: "auth.password_reset",
        outcome: "success",
        resourceType: "user",
        resourceId: claimed.userId,
      },
    );
  });
}
