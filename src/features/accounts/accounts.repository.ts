import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import {
  apiTokens,
  type Capability,
  memberships,
  organizations,
  sessions,
  signInThrottle,
  users,
} from "../../db/schema/index.ts";
import type { Actor, ActorMembership } from "../../server/authorization.ts";

export async function findUserByEmail(db: DbOrTx, email: string) {
  const [user] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).limit(1);
  return user;
}

interface MembershipRow {
  organizationId: string;
  organizationName: string;
  organizationType: ActorMembership["organizationType"];
  organizationState: string | null;
  role: ActorMembership["role"];
  privacyOfficer: boolean;
  stateReviewer: boolean;
}

function toActorMembership(r: MembershipRow): ActorMembership {
  return {
    organizationId: r.organizationId,
    organizationName: r.organizationName,
    organizationType: r.organizationType,
    organizationState: r.organizationState,
    role: r.role,
    capabilities: [
      ...(r.privacyOfficer ? (["privacy_officer"] as Capability[]) : []),
      ...(r.stateReviewer ? (["state_reviewer"] as Capability[]) : []),
    ],
  };
}

export async function listMembershipsOfUser(db: DbOrTx, userId: string): Promise<ActorMembership[]> {
  const rows = await db
    .select({
      organizationId: memberships.organizationId,
      organizationName: organizations.name,
      organizationType: organizations.type,
      organizationState: organizations.stateCode,
      role: memberships.role,
      privacyOfficer: memberships.privacyOfficer,
      stateReviewer: memberships.stateReviewer,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.userId, userId))
    .orderBy(organizations.name);
  return rows.map(toActorMembership);
}

/**
 * The user's memberships as one JSON column, so that the session lookup every request makes is a single
 * round trip (same fields and order as listMembershipsOfUser).
 */
const membershipsJson = sql<MembershipRow[]>`coalesce((
  select json_agg(json_build_object(
    'organizationId', o.id, 'organizationName', o.name, 'organizationType', o.type,
    'organizationState', o.state_code, 'role', m.role,
    'privacyOfficer', m.privacy_officer, 'stateReviewer', m.state_reviewer) order by o.name)
  from memberships m join organizations o on o.id = m.organization_id
  where m.user_id = ${users.id}), '[]'::json)`;

export interface SessionActor {
  actor: Actor;
  csrfToken: string;
}

function buildSessionActorQuery(db: DbOrTx) {
  return (
    db
      // Only what the actor needs: the password hash never leaves the database on an ordinary request.
      .select({
        session: { activeOrganizationId: sessions.activeOrganizationId, csrfToken: sessions.csrfToken },
        user: { id: users.id, email: users.email, name: users.name, locale: users.locale },
        memberships: membershipsJson,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(
        and(eq(sessions.idHash, sql.placeholder("idHash")), gt(sessions.expiresAt, sql.placeholder("now"))),
      )
      .limit(1)
      // Every authenticated request runs it: built once, and a named statement PostgreSQL plans once per connection.
      .prepare("trellis_session_actor")
  );
}

const sessionActorQueries = new WeakMap<DbOrTx, ReturnType<typeof buildSessionActorQuery>>();

function sessionActorQuery(db: DbOrTx) {
  let query = sessionActorQueries.get(db);
  if (!query) {
    query = buildSessionActorQuery(db);
    sessionActorQueries.set(db, query);
  }
  return query;
}

export async function loadSessionActor(db: DbOrTx, idHash: string, now: Date): Promise<SessionActor | null> {
  const [row] = await sessionActorQuery(db).execute({ idHash, now });
  if (!row) return null;
  const userMemberships = row.memberships.map(toActorMembership);
  const active =
    userMemberships.find((m) => m.organizationId === row.session.activeOrganizationId)?.organizationId ??
    userMemberships[0]?.organizationId ??
    null;
  return {
    csrfToken: row.session.csrfToken,
    actor: {
      userId: row.user.id,
      email: row.user.email,
      name: row.user.name,
      locale: row.user.locale,
      memberships: userMemberships,
      activeOrganizationId: active,
      via: "session",
    },
  };
}

export async function loadApiTokenActor(db: DbOrTx, tokenHash: string): Promise<Actor | null> {
  const [row] = await db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)))
    .limit(1);
  if (!row) return null;
  // A token is scoped to one organization: it carries only that membership, and only while it lasts.
  const scoped = (await listMembershipsOfUser(db, row.user.id)).filter(
    (m) => m.organizationId === row.token.organizationId,
  );
  if (scoped.length === 0) return null;
  await db
    .update(apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(and(eq(apiTokens.organizationId, row.token.organizationId), eq(apiTokens.id, row.token.id)));
  return {
    userId: row.user.id,
    email: row.user.email,
    name: row.user.name,
    locale: row.user.locale,
    memberships: scoped,
    activeOrganizationId: row.token.organizationId,
    via: "api_token",
  };
}

export async function getThrottle(db: DbOrTx, email: string) {
  const [row] = await db.select().from(signInThrottle).where(eq(signInThrottle.email, email)).limit(1);
  return row;
}
