import { readFileSync, writeFileSync } from "node:fs";
import { gt } from "drizzle-orm";
import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, breakGlassAccesses, consents, referrals } from "../src/db/schema/index.ts";
import {
  type Entry,
  EXPECTATIONS,
  expectedOutcome,
  type Harness,
  type Outcome,
  PRINCIPALS,
  type PrincipalKey,
} from "./authorization/expectations.ts";
import {
  breakGlassRow,
  consentRow,
  createFamily,
  createFixture,
  createWorld,
  type Fixture,
  insertTaOverlap,
  insertTaRequest,
  newPlan,
  referralRow,
  sessionOf,
  type World,
} from "./authorization/fixtures.ts";
import { type Operation, renderMatrix } from "./authorization/matrix-doc.ts";
import { createTestApp, type Session, type TestContext } from "./helpers.ts";

/**
 * The authorization matrix (issue 10): every operation of the OpenAPI document, sent as every principal
 * (anonymous; viewer, staff, manager, admin of the owning organization and of another one; a state reviewer; a
 * TA provider), gets the answer test/authorization/expectations.ts derives from the policies. A new route without
 * an entry fails, so nobody adds a route without saying who may use it; refusals must be audited.
 */

const MATRIX_FILE = "docs/authorization-matrix.md";

let ctx: TestContext;
let world: World;
let fixture: Fixture;
let operations: Operation[];

beforeAll(async () => {
  ctx = await createTestApp();
  world = await createWorld(ctx);
  fixture = await createFixture(ctx, world);
  const doc = (await ctx.app.inject({ method: "GET", url: "/api/openapi.json" })).json();
  operations = Object.entries(doc.paths as Record<string, Record<string, { operationId: string }>>).flatMap(
    ([path, methods]) =>
      Object.entries(methods).map(([method, o]) => ({
        operationId: o.operationId,
        method: method.toUpperCase(),
        path,
      })),
  );
});
afterAll(() => ctx?.close());

describe("authorization matrix: coverage", () => {
  it("has an entry for every operation in the OpenAPI document, and none for an operation that is gone", () => {
    const ids = operations.map((o) => o.operationId);
    expect(ids.filter((id) => !(id in EXPECTATIONS))).toEqual([]);
    expect(Object.keys(EXPECTATIONS).filter((id) => !ids.includes(id))).toEqual([]);
  });

  it(`matches the committed ${MATRIX_FILE} (TRELLIS_WRITE_AUTHZ_MATRIX=1 regenerates it)`, () => {
    const rendered = renderMatrix(operations);
    if (process.env.TRELLIS_WRITE_AUTHZ_MATRIX === "1") writeFileSync(MATRIX_FILE, rendered);
    expect(readFileSync(MATRIX_FILE, "utf8")).toBe(rendered);
  });

  it("gives every signed-in principal a different answer somewhere (the principals are distinct)", () => {
    const entries = Object.values(EXPECTATIONS).filter((e): e is Entry => "rule" in e);
    const columns = PRINCIPALS.map((p) => entries.map((e) => expectedOutcome(e.rule, p)).join());
    expect(new Set(columns).size).toBe(PRINCIPALS.length);
  });
});

/** Refusals first, so a destructive allowed request cannot make a later refusal pass vacuously. */
const refusalsFirst = (entry: Entry) =>
  [...PRINCIPALS].sort(
    (a, b) =>
      Number(expectedOutcome(entry.rule, a) === "allow") - Number(expectedOutcome(entry.rule, b) === "allow"),
  );

/** Operations that change what later ones see run after the others; signing out runs last of all. */
const runOrder = (e: Entry) => (e.endsSession ? 2 : e.destructive ? 1 : 0);
const entries = Object.entries(EXPECTATIONS)
  .filter((pair): pair is [string, Entry] => "rule" in pair[1])
  .sort(([, a], [, b]) => runOrder(a) - runOrder(b));

describe("authorization matrix: every operation as every principal", () => {
  for (const [operationId, entry] of entries) {
    it(operationId, async () => {
      const problems: string[] = [];
      for (const key of refusalsFirst(entry)) {
        const problem = await check(entry, key, expectedOutcome(entry.rule, key));
        if (problem) problems.push(`${key}: ${problem}`);
      }
      expect(problems).toEqual([]);
    });
  }
});

async function check(entry: Entry, key: PrincipalKey, expected: Outcome): Promise<string | null> {
  const owner = entry.rule.scope === "resource" ? (entry.rule.owner ?? "county") : "county";
  const session = sessionOf(world, owner, key);
  const activeOrganizationId = session ? activeOrganizationOf(key, owner) : null;
  const f =
    expected === "allow" && entry.prepare && session
      ? { ...fixture, ...(await entry.prepare(harness(owner, session))) }
      : fixture;
  const options: InjectOptions = entry.request(f, { organizationId: activeOrganizationId });
  const response = session ? await session.inject(options) : await ctx.app.inject(options);
  const events = await ctx.database.db.select().from(auditEvents).where(gt(auditEvents.seq, auditSeq));
  // Events since the previous request: those of a prepare step are the owner's successes, never a denial.
  auditSeq = Math.max(auditSeq, ...events.map((e) => Number(e.seq)));
  const actorUserId = session?.me.user.id ?? null;
  const denials = events.filter((e) => e.outcome === "denied" && e.actorUserId === actorUserId);
  const got = `${response.statusCode} ${response.body.slice(0, 160)}`;
  if (expected === "allow") {
    if (response.statusCode === 401 || response.statusCode === 403) return `expected allowed, got ${got}`;
    if (denials.length > 0) return `allowed, but a denial was audited (${denials[0]?.action}): ${got}`;
    if (entry.status !== undefined && response.statusCode !== entry.status) {
      return `expected ${entry.status}, got ${got}`;
    }
    if (entry.status === undefined && response.statusCode === 404 && key.startsWith("owner.")) {
      return `expected the owner to find it, got ${got}`;
    }
    if (entry.status === undefined && response.statusCode >= 500) return `expected a 2xx or 4xx, got ${got}`;
    return null;
  }
  if (response.statusCode !== expected) return `expected ${expected}, got ${got}`;
  if (denials.length === 0) return `refused with ${expected} but no denial was audited`;
  // Someone refused access to the owning organization's thing: the denial is audited against that organization.
  // (A principal a policy lets in from some role, or refused otherwise, is refused as its own organization.)
  const grantedClass = key === "state" || key === "ta" ? key : key.startsWith("other.") ? "other" : null;
  const judgedOnItsOwn =
    entry.rule.scope === "resource" &&
    (entry.rule.except?.[key] !== undefined || (grantedClass !== null && entry.rule.grants?.[grantedClass]));
  if (entry.rule.scope === "resource" && key !== "anonymous" && !judgedOnItsOwn) {
    const owningId = owner === "network" ? world.network.org.id : world.county.org.id;
    if (!denials.some((d) => d.organizationId === owningId)) {
      return `the denial was not audited against the owning organization (${denials.map((d) => `${d.action}@${d.organizationId}`).join(", ")})`;
    }
  }
  return null;
}

function activeOrganizationOf(key: PrincipalKey, owner: "county" | "network"): string {
  if (key === "state") return world.state.organizationId;
  if (key === "ta") return world.ta.organizationId;
  if (key.startsWith("other.")) return world.other.org.id;
  return world[owner].org.id;
}

/** The last audit event seen: each request reads only the events after it. */
let auditSeq = 0;

/** What an entry's `prepare` step may use: the owning organization's sessions and inserts into its data. */
function harness(owner: "county" | "network", self: Session): Harness {
  const db = ctx.database.db;
  const county = world.county.org.id;
  return {
    fixture,
    asOwner: (options, role = "manager") => world[owner][role].inject(options),
    asSelf: (options) => self.inject(options),
    insert: {
      family: () => createFamily(world),
      async referral() {
        const [row] = await db.insert(referrals).values(referralRow(county, fixture.familyId)).returning();
        return row?.id ?? "";
      },
      async consent() {
        const [row] = await db.insert(consents).values(consentRow(county, fixture.familyId)).returning();
        return row?.id ?? "";
      },
      async breakGlass() {
        const [row] = await db
          .insert(breakGlassAccesses)
          .values(breakGlassRow(world, fixture.familyId))
          .returning();
        return row?.id ?? "";
      },
      async taOverlap() {
        return insertTaOverlap(ctx, await insertTaRequest(ctx, county), fixture.taEngagementId);
      },
      async plan(templateKey) {
        return (await world.county.manager.inject(newPlan(templateKey))).json().id;
      },
    },
  };
}
