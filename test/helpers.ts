import { eq } from "drizzle-orm";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { type Database, openDatabase } from "../src/db/client.ts";
import {
  auditEvents,
  type Capability,
  memberships,
  type OrganizationType,
  organizations,
  type Role,
  users,
} from "../src/db/schema/index.ts";
import { hashPassword } from "../src/features/accounts/passwords.ts";
import { buildApp } from "../src/server/app.ts";
import { type Config, loadConfig } from "../src/server/config.ts";
import { createScratchDatabase } from "./scratch.ts";

export const TEST_PASSWORD = "correct horse battery";
let passwordHash: Promise<string> | undefined;

export type TestEngine = "pglite" | "postgres";
export const testEngine: TestEngine = process.env.TRELLIS_TEST_ENGINE === "postgres" ? "postgres" : "pglite";

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or a new PostgreSQL database
 * created next to TEST_DATABASE_URL and dropped afterwards.
 */
export async function openTestDatabase(): Promise<Database & { dispose(): Promise<void> }> {
  if (testEngine === "pglite") {
    const database = await openDatabase({ dataDir: "memory://" });
    return { ...database, dispose: () => database.close() };
  }
  const scratch = await createScratchDatabase("trellis_test");
  const database = await openDatabase({ databaseUrl: scratch.url, poolSize: 10 });
  return {
    ...database,
    async dispose() {
      await database.close();
      await scratch.drop();
    },
  };
}

export interface TestContext {
  app: FastifyInstance;
  database: Database;
  close(): Promise<void>;
}

export async function createTestApp(overrides: Partial<Config> = {}): Promise<TestContext> {
  const database = await openTestDatabase();
  const config = loadConfig({
    webDist: undefined,
    logLevel: "silent",
    signInRateLimitPerMinute: 10_000,
    publicUrl: "http://trellis.test",
    ...overrides,
  });
  const app = await buildApp({ database, config, logger: false });
  return {
    app,
    database,
    async close() {
      await app.close();
      await database.dispose();
    },
  };
}

let counter = 0;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

export async function createOrganization(
  ctx: TestContext,
  values: Partial<{
    name: string;
    type: OrganizationType;
    jurisdiction: string;
    stateCode: string | null;
  }> = {},
) {
  const [org] = await ctx.database.db
    .insert(organizations)
    .values({
      name: values.name ?? unique("Org"),
      type: values.type ?? "county_child_welfare",
      jurisdictionKind: values.type === "state_agency" ? "state" : "county",
      jurisdictionName: values.jurisdiction ?? "Test County",
      stateCode: values.stateCode === undefined ? "CA" : values.stateCode,
    })
    .returning();
  if (!org) throw new Error("no organization");
  return org;
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
}

export async function createUser(
  ctx: TestContext,
  membership?: { organizationId: string; role: Role; capabilities?: Capability[] },
): Promise<TestUser> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const email = `${unique("user")}@test.example`;
  const [user] = await ctx.database.db
    .insert(users)
    .values({ email, name: `Test ${email}`, passwordHash: await passwordHash })
    .returning();
  if (!user) throw new Error("no user");
  if (membership) await addMembership(ctx, user.id, membership);
  return { id: user.id, email, password: TEST_PASSWORD };
}

export async function addMembership(
  ctx: TestContext,
  userId: string,
  m: { organizationId: string; role: Role; capabilities?: Capability[] },
) {
  await ctx.database.db.insert(memberships).values({
    organizationId: m.organizationId,
    userId,
    role: m.role,
    privacyOfficer: m.capabilities?.includes("privacy_officer") ?? false,
    stateReviewer: m.capabilities?.includes("state_reviewer") ?? false,
  });
}

/** A signed-in browser: the session cookie plus the CSRF header on writes. */
export interface Session {
  cookie: string;
  csrfToken: string;
  me: { user: { id: string; email: string }; activeOrganizationId: string | null };
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
}

export async function signIn(ctx: TestContext, user: { email: string; password: string }): Promise<Session> {
  const response = await ctx.app.inject({
    method: "POST",
    url: "/api/session",
    payload: { email: user.email, password: user.password },
  });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const cookie = String(response.headers["set-cookie"]).split(";")[0] ?? "";
  const me = response.json();
  return {
    cookie,
    csrfToken: me.csrfToken,
    me,
    inject: (options) =>
      ctx.app.inject({
        ...options,
        headers: { cookie, "x-csrf-token": me.csrfToken, ...(options.headers ?? {}) },
      }),
  };
}

/** An organization with one user per role, signed in. */
export async function createOrganizationWithRoles(
  ctx: TestContext,
  type: OrganizationType = "county_child_welfare",
) {
  const org = await createOrganization(ctx, { type });
  const sessions = {} as Record<Role, Session>;
  for (const role of ["viewer", "staff", "manager", "admin"] as const) {
    const user = await createUser(ctx, { organizationId: org.id, role });
    sessions[role] = await signIn(ctx, user);
  }
  return { org, ...sessions };
}

export async function auditEventsFor(ctx: TestContext, action: string) {
  return ctx.database.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.action, action))
    .orderBy(auditEvents.seq);
}
