import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  breakGlassAccesses,
  consents,
  libraryResources,
  partnerships,
  referrals,
  taEngagements,
  taOverlaps,
  taRequests,
  trainings,
} from "../src/db/schema/index.ts";
import { buildApp } from "../src/server/app.ts";
import { loadConfig } from "../src/server/config.ts";
import { MALFORMED_BODIES, NASTY_STRINGS, nastyValue, RAW_JSON_VALUES } from "./fuzz/adversarial.ts";
import { arbitraryFor, type JsonSchema, type Path, pathsOf, withAt } from "./fuzz/schema-arbitrary.ts";
import { type Snapshot, snapshotter } from "./fuzz/snapshot.ts";
import {
  createOrganization,
  createUser,
  openTestDatabase,
  type Session,
  signIn,
  type TestContext,
} from "./helpers.ts";

/**
 * Every write operation of the OpenAPI document gets random and adversarial bodies from the signed-in admin
 * (with the privacy officer and state reviewer capabilities) of the organization that owns the things in the
 * path, so authorization is not what refuses them. Properties: never a 5xx; a 4xx has the standard error body
 * and changes nothing in the database. A 2xx (a random body that happens to be valid) is allowed.
 * FUZZ_RUNS sets the random bodies per route (default 8) on top of the fixed adversarial ones.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 8);
const WRITE_METHODS = new Set(["post", "put", "patch", "delete"]);

interface Operation {
  method: string;
  path: string;
  operationId: string;
  body: JsonSchema | undefined;
  params: { name: string; schema: JsonSchema }[];
}

interface Fixture {
  orgId: string;
  otherOrgId: string;
  planId: string;
  itemId: string;
  changeId: string;
  familyId: string;
  referralId: string;
  consentId: string;
  breakGlassId: string;
  partnershipId: string;
  taRequestId: string;
  taEngagementId: string;
  taOverlapId: string;
  resourceId: string;
  trainingId: string;
  surveyToken: string;
  measureId: string;
  measureCode: string;
}

let ctx: TestContext;
let admin: Session;
let adminUser: { email: string; password: string };
let fixture: Fixture;
/** The server's JSON body limit (1 MB by default). */
let bodyLimit: number;
let operations: Operation[];
let snapshots: Awaited<ReturnType<typeof snapshotter>>;
/** Errors the server logged (a 5xx's cause), to show next to a failing request. */
const serverErrors: string[] = [];

beforeAll(async () => {
  const database = await openTestDatabase();
  const config = loadConfig({
    webDist: undefined,
    logLevel: "error",
    signInRateLimitPerMinute: 100_000,
    publicUrl: "http://trellis.test",
  });
  bodyLimit = config.bodyLimitBytes;
  const app: FastifyInstance = await buildApp({
    database,
    config,
    logger: { level: "error", stream: { write: (line: string) => serverErrors.push(line) } },
  });
  ctx = {
    app,
    database,
    async close() {
      await app.close();
      await database.dispose();
    },
  };
  const org = await createOrganization(ctx);
  const other = await createOrganization(ctx);
  adminUser = await createUser(ctx, {
    organizationId: org.id,
    role: "admin",
    capabilities: ["privacy_officer", "state_reviewer"],
  });
  admin = await signIn(ctx, adminUser);
  fixture = await createFixture(org.id, other.id);
  const doc = (await ctx.app.inject({ method: "GET", url: "/api/openapi.json" })).json();
  operations = operationsOf(doc);
  snapshots = await snapshotter(ctx.database);
}, 60_000);
afterAll(() => ctx?.close());

async function createFixture(orgId: string, otherOrgId: string): Promise<Fixture> {
  const plan = (
    await admin.inject({
      method: "POST",
      url: "/api/plans",
      payload: { templateKey: "linkages-work-plan", title: "Fuzz plan", header: { county: "Any" } },
    })
  ).json();
  const topic = (
    await admin.inject({
      method: "POST",
      url: `/api/plans/${plan.id}/items`,
      payload: {
        section: "administration",
        level: "topic_area_administration",
        title: "t",
        fields: { topic: "funding" },
      },
    })
  ).json();
  const history = (await admin.inject({ method: "GET", url: `/api/plans/${plan.id}/history` })).json();
  const family = (
    await admin.inject({
      method: "POST",
      url: "/api/families",
      payload: {
        displayName: "Fuzz family",
        members: [{ firstName: "Ana", lastName: "Fuzz", dateOfBirth: "1990-01-01", relationship: "parent" }],
      },
    })
  ).json();
  if (!plan.id || !topic.item?.id || !family.id) throw new Error("fixture: plan, item or family missing");
  const db = ctx.database.db;
  const [referral] = await db
    .insert(referrals)
    .values({
      organizationId: orgId,
      familyId: family.id,
      serviceId: randomUUID(),
      serviceName: "Fuzz service",
      sharedContactName: "Ana",
      sharedLanguage: "en",
      sharedReason: "x",
    })
    .returning({ id: referrals.id });
  const [consent] = await db
    .insert(consents)
    .values({
      organizationId: orgId,
      familyId: family.id,
      givenByName: "Ana Fuzz",
      receivingOrganizationIds: [orgId],
      categories: ["identity_contact"],
      purposes: ["referral"],
      effectiveOn: "2026-01-01",
      method: "verbal",
      witnessName: "x",
    })
    .returning({ id: consents.id });
  const outsider = await createUser(ctx, { organizationId: otherOrgId, role: "staff" });
  const [access] = await db
    .insert(breakGlassAccesses)
    .values({
      organizationId: orgId,
      familyId: family.id,
      accessingOrganizationId: otherOrgId,
      userId: outsider.id,
      reason: "An emergency that is long enough to pass.",
      openedAt: new Date(Date.now() - 5 * 3_600_000),
      expiresAt: new Date(Date.now() - 3_600_000),
    })
    .returning({ id: breakGlassAccesses.id });
  const [partnership] = await db
    .insert(partnerships)
    .values({
      stewardOrganizationId: orgId,
      name: "Fuzz partnership",
      geographyKind: "county",
      geographyName: "Any",
    })
    .returning({ id: partnerships.id });
  const item = {
    recipientKind: "county" as const,
    recipientName: "Any County",
    stateCode: "CA",
    topic: "Fuzz topic",
    sectors: ["health" as const],
    level: "awareness" as const,
  };
  const [request] = await db
    .insert(taRequests)
    .values({ ...item, organizationId: orgId, wantedFrom: "2026-01-01", wantedTo: "2026-01-31" })
    .returning({ id: taRequests.id });
  const [engagement] = await db
    .insert(taEngagements)
    .values({ ...item, providerOrganizationId: orgId, startsOn: "2026-01-01", endsOn: "2026-01-31" })
    .returning({ id: taEngagements.id });
  const [overlap] = await db
    .insert(taOverlaps)
    .values({
      stateCode: "CA",
      aKey: `engagement:${engagement?.id}`,
      bKey: `request:${request?.id}`,
      similarity: 1,
      reason: "same_name",
    })
    .returning({ id: taOverlaps.id });
  const [resource] = await db
    .insert(libraryResources)
    .values({
      organizationId: orgId,
      title: "Fuzz toolkit",
      kind: "toolkit",
      tags: [],
      sectors: [],
      audiences: [],
    })
    .returning({ id: libraryResources.id });
  const surveyToken = randomUUID().replaceAll("-", "");
  const [training] = await db
    .insert(trainings)
    .values({
      organizationId: orgId,
      title: "Fuzz training",
      level: "awareness",
      sectors: [],
      startsAt: new Date("2026-01-15T16:00:00Z"),
      communities: [],
      survey: {
        key: "t",
        version: 1,
        title: { en: "t", es: "t" },
        scale: 5,
        anchors: { low: { en: "l", es: "l" }, high: { en: "h", es: "h" } },
        items: [],
      },
      surveyToken,
    })
    .returning({ id: trainings.id });
  const [measure] = await ctx.database.rows<{ id: string; code: string }>(
    sql`select id, code from measures order by code limit 1`,
  );
  return {
    orgId,
    otherOrgId,
    planId: plan.id,
    itemId: topic.item.id,
    changeId: history.items[0].id,
    familyId: family.id,
    referralId: referral?.id ?? randomUUID(),
    consentId: consent?.id ?? randomUUID(),
    breakGlassId: access?.id ?? randomUUID(),
    partnershipId: partnership?.id ?? randomUUID(),
    taRequestId: request?.id ?? randomUUID(),
    taEngagementId: engagement?.id ?? randomUUID(),
    taOverlapId: overlap?.id ?? randomUUID(),
    resourceId: resource?.id ?? randomUUID(),
    trainingId: training?.id ?? randomUUID(),
    surveyToken,
    measureId: measure?.id ?? randomUUID(),
    measureCode: measure?.code ?? "S1",
  };
}

function operationsOf(doc: { paths: Record<string, Record<string, unknown>> }): Operation[] {
  const out: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(methods)) {
      if (!WRITE_METHODS.has(method)) continue;
      const op = raw as {
        operationId: string;
        parameters?: { in: string; name: string; schema: JsonSchema }[];
        requestBody?: { content: Record<string, { schema: JsonSchema }> };
      };
      out.push({
        method: method.toUpperCase(),
        path,
        operationId: op.operationId,
        body: op.requestBody?.content["application/json"]?.schema,
        params: (op.parameters ?? [])
          .filter((p) => p.in === "path")
          .map((p) => ({ name: p.name, schema: p.schema })),
      });
    }
  }
  // Things that end what later requests point at (archiving, deleting, signing out) go last.
  const rank = (o: Operation) => (o.operationId === "signOut" ? 2 : o.method === "DELETE" ? 1 : 0);
  return out.sort((a, b) => rank(a) - rank(b));
}

/** A real id of the fixture for a path parameter where there is one, else something of the right shape. */
function paramValue(path: string, name: string, schema: JsonSchema): string {
  const base = path.split("/{")[0] ?? "";
  const byId: Record<string, string> = {
    "/api/organizations": fixture.orgId,
    "/api/plans": fixture.planId,
    "/api/measures": fixture.measureId,
    "/api/families": fixture.familyId,
    "/api/referrals": fixture.referralId,
    "/api/consents": fixture.consentId,
    "/api/shared/families": fixture.familyId,
    "/api/privacy/break-glass": fixture.breakGlassId,
    "/api/library/resources": fixture.resourceId,
    "/api/trainings": fixture.trainingId,
    "/api/partnerships": fixture.partnershipId,
    "/api/ta/requests": fixture.taRequestId,
    "/api/ta/engagements": fixture.taEngagementId,
    "/api/ta/overlaps": fixture.taOverlapId,
  };
  if (name === "id" && byId[base]) return byId[base];
  if (name === "itemId") return fixture.itemId;
  if (name === "changeId") return fixture.changeId;
  if (name === "organizationId") return fixture.otherOrgId;
  if (name === "code") return fixture.measureCode;
  if (name === "token" && base === "/api/public/surveys") return fixture.surveyToken;
  if (name === "slug") return "no-such-plan-slug";
  if (schema.enum) return String(schema.enum[0]);
  if (schema.type === "integer") return "1";
  if (schema.format === "uuid") return randomUUID();
  return "x".repeat(Math.max(schema.minLength ?? 1, 16));
}

function urlOf(op: Operation): string {
  return op.params.reduce(
    (url, p) => url.replace(`{${p.name}}`, encodeURIComponent(paramValue(op.path, p.name, p.schema))),
    op.path,
  );
}

interface Attempt {
  contentType: string;
  payload: string;
  query?: string;
}

const json = (value: unknown): Attempt => ({
  contentType: "application/json",
  payload: JSON.stringify(value) ?? "",
});

/** Ids that uuid fields draw from, so some near-valid bodies reach the service. */
const fixtureIds = () => Object.values(fixture).filter((v) => /^[0-9a-f-]{36}$/.test(v));

/** Replace, or remove, one field of a valid body; or add a key (unknown or poisonous) to one of its objects. */
function mutatedBody(schema: JsonSchema): fc.Arbitrary<Attempt> {
  const valid = arbitraryFor(schema, { uuids: fixtureIds() });
  const mutated = valid.chain((body) => {
    const paths = pathsOf(body);
    const objects = paths.filter((p) => {
      const v = at(body, p);
      return v !== null && typeof v === "object" && !Array.isArray(v);
    });
    const replace = fc
      .tuple(fc.constantFrom(...paths), nastyValue)
      .map(([p, v]) => withAt(body, p, { set: v }));
    const remove = fc
      .constantFrom(...paths.filter((p) => p.length > 0), [] as Path)
      .map((p) => (p.length === 0 ? body : withAt(body, p, { remove: true })));
    const extra = objects.length
      ? fc
          .tuple(
            fc.constantFrom(...objects),
            fc.constantFrom("__proto__", "constructor", "prototype", "unknownField", ""),
            nastyValue,
          )
          .map(([p, key, v]) => withAt(body, [...p, key], { set: v }))
      : fc.constant(body);
    return fc.oneof(replace, remove, extra);
  });
  return fc.oneof({ arbitrary: valid, weight: 1 }, { arbitrary: mutated, weight: 4 }).map(json);
}

function at(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)?.[k], value);
}

/** CSV text with a header from plausible columns and rows of nasty cells. */
const csvText = fc
  .tuple(
    fc.uniqueArray(
      fc.constantFrom(
        "level",
        "title",
        "section",
        "parent",
        "status",
        "due_date",
        "measure_code",
        "county",
        "period",
        "numerator",
        "denominator",
        "value",
        "id",
        "name",
        "organization_id",
        "description",
        "url",
        "email",
      ),
      { minLength: 1, maxLength: 8 },
    ),
    fc.array(fc.array(fc.oneof(fc.constantFrom(...NASTY_STRINGS), fc.string()), { maxLength: 8 }), {
      maxLength: 5,
    }),
  )
  .map(([header, rows]) =>
    [header, ...rows]
      .map((r) => r.map((c) => (/[",\n\r]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(","))
      .join("\n"),
  );

/** Random bodies for one operation. */
function attempts(op: Operation): fc.Arbitrary<Attempt> {
  const any = fc.oneof(nastyValue, fc.jsonValue({ maxDepth: 3 })).map(json);
  const csv = csvText.map((payload) => ({ contentType: "text/csv", payload }));
  switch (op.operationId) {
    case "importActionSteps":
    case "importPerformance":
      return fc.oneof(csv, any);
    case "importHsds":
      return fc.oneof(
        csv.map((a) => ({ ...a, query: "fileName=services.csv" })),
        csv.map((a) => ({ ...a, query: "fileName=organizations.csv" })),
        hsdsJson,
        any,
      );
  }
  return op.body
    ? fc.oneof({ arbitrary: mutatedBody(op.body), weight: 4 }, { arbitrary: any, weight: 1 })
    : any;
}

/** HSDS 3.0 JSON (an organization with a service) with nasty values in one place. */
const hsdsJson = fc
  .record({
    id: fc.oneof(fc.uuid(), fc.constantFrom(...NASTY_STRINGS)),
    name: fc.oneof(fc.string(), fc.constantFrom(...NASTY_STRINGS)),
    description: fc.oneof(fc.string(), fc.constantFrom(...NASTY_STRINGS)),
    website: fc.oneof(fc.webUrl(), fc.constantFrom("javascript:alert(1)", ...NASTY_STRINGS)),
    email: fc.oneof(fc.emailAddress(), fc.constantFrom(...NASTY_STRINGS)),
    services: fc.array(
      fc.record({
        id: fc.oneof(fc.uuid(), fc.constantFrom(...NASTY_STRINGS)),
        name: fc.oneof(fc.string(), fc.constantFrom(...NASTY_STRINGS)),
        status: fc.constantFrom("active", "inactive", "\u0000", 7),
      }),
      { maxLength: 2 },
    ),
  })
  .chain((body) =>
    fc
      .tuple(fc.constantFrom(...pathsOf(body)), nastyValue)
      .map(([p, v]) => json(withAt(body, p, { set: v }))),
  );

/** The first string field of a valid body set to `text` (or a lone field when the body has none). */
function withBigString(op: Operation, text: string): Attempt {
  const sample = op.body
    ? fc.sample(arbitraryFor(op.body, { uuids: fixtureIds() }), { numRuns: 1, seed: 1 })[0]
    : {};
  const path = pathsOf(sample).find((p) => p.length > 0 && typeof at(sample, p) === "string");
  return json(path ? withAt(sample, path, { set: text }) : { text });
}

/** The fixed adversarial bodies every operation gets. */
function fixedAttempts(op: Operation, index: number): Attempt[] {
  // The JSON parser is the same for every route: each gets a share of the malformed bodies (all of them are
  // sent across the routes); the routes that parse files themselves get them all.
  const share = op.operationId.startsWith("import") ? MALFORMED_BODIES.length : 4;
  const out: Attempt[] = Array.from(
    { length: share },
    (_, k) => MALFORMED_BODIES[(index * share + k) % MALFORMED_BODIES.length] as Attempt,
  );
  out.push(withBigString(op, "x".repeat(bodyLimit - 4096)));
  out.push(withBigString(op, "é".repeat(bodyLimit / 2)));
  out.push(withBigString(op, `\u0000${"a".repeat(100)}`));
  out.push({ contentType: "application/json", payload: `{"x":"${"y".repeat(bodyLimit)}"}` });
  out.push({ contentType: "application/json", payload: `${"[".repeat(20_000)}${"]".repeat(20_000)}` });
  if (op.body?.type === "object") {
    const sample = fc.sample(arbitraryFor(op.body, { uuids: fixtureIds() }), {
      numRuns: 1,
      seed: index,
    })[0] as Record<string, unknown>;
    for (const key of (op.body.required ?? []).slice(0, 4))
      out.push(json(withAt(sample, [key], { remove: true })));
    const keys = Object.keys(op.body.properties ?? {});
    for (const key of keys.slice(0, 4)) {
      out.push(json(withAt(sample, [key], { set: { nested: [1, { deep: "\u0000" }] } })));
    }
    for (const raw of RAW_JSON_VALUES) {
      const inner = JSON.stringify(sample).slice(1, -1);
      out.push({ contentType: "application/json", payload: `{${inner}${inner ? "," : ""}"zz":${raw}}` });
    }
  }
  return out;
}

let ipCounter = 0;
/** Every request from its own address, so that per-address rate limits do not turn the fuzzing into 429s. */
const nextAddress = () => {
  ipCounter++;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
};

let baseline: Snapshot | undefined;

async function check(op: Operation, attempt: Attempt, session: Session): Promise<LightMyRequestResponse> {
  baseline ??= await snapshots.take();
  const errorsBefore = serverErrors.length;
  const url = attempt.query ? `${urlOf(op)}?${attempt.query}` : urlOf(op);
  const response = await session.inject({
    method: op.method as "POST",
    url,
    payload: attempt.payload,
    headers: { "content-type": attempt.contentType },
    remoteAddress: nextAddress(),
  });
  const what = () =>
    `${op.method} ${url} (${attempt.contentType}) ${attempt.payload.slice(0, 300)} → ${response.statusCode} ${response.body.slice(0, 300)}\n${serverErrors.slice(errorsBefore).join("\n").slice(0, 2000)}`;
  expect(response.statusCode, what()).toBeLessThan(500);
  if (response.statusCode >= 400) {
    const body = JSON.parse(response.body);
    expect(body, what()).toMatchObject({
      error: { code: expect.any(String), message: expect.any(String), details: expect.any(Array) },
    });
    const { changed, now } = await snapshots.changedSince(baseline);
    expect(changed, what()).toEqual([]);
    baseline = now;
  } else {
    baseline = undefined;
  }
  return response;
}

/** signOut ends the session it is called with: it gets its own, renewed after each success. */
let signOutSession: Session | undefined;
async function sessionFor(op: Operation): Promise<Session> {
  if (op.operationId !== "signOut") return admin;
  if (!signOutSession) {
    signOutSession = await signIn(ctx, adminUser);
    baseline = undefined; // the new session is a change of ours, not the request's
  }
  return signOutSession;
}

async function run(op: Operation, attempt: Attempt): Promise<void> {
  const response = await check(op, attempt, await sessionFor(op));
  if (op.operationId === "signOut" && response.statusCode < 300) signOutSession = undefined;
}

describe("fuzzing every write operation", () => {
  it("finds the write operations in the OpenAPI document", () => {
    expect(operations.length).toBeGreaterThan(50);
    expect(operations.map((o) => o.operationId)).toEqual(
      expect.arrayContaining(["signIn", "createPublicComment", "submitSurveyResponse", "importHsds"]),
    );
  });

  it("notices a change made by a refused request (the check can fail)", async () => {
    const before = await snapshots.take();
    expect((await snapshots.changedSince(before)).changed).toEqual([]);
    await ctx.database.db.insert(libraryResources).values({
      organizationId: fixture.orgId,
      title: "Written behind the API's back",
      kind: "toolkit",
      tags: [],
      sectors: [],
      audiences: [],
    });
    expect((await snapshots.changedSince(before)).changed).toEqual(["library_resources"]);
  });

  // The operations are known only once the app is up; one test walks them all so the order is kept.
  it("never answers 5xx, and refusals have the error body and change nothing", async () => {
    // Each operation is fuzzed to its end; the failures of all of them are reported together.
    const failures: string[] = [];
    for (const [index, op] of operations.entries()) {
      try {
        for (const attempt of fixedAttempts(op, index)) await run(op, attempt);
        await fc.assert(
          fc.asyncProperty(attempts(op), async (attempt) => {
            await run(op, attempt);
          }),
          { numRuns: RUNS },
        );
      } catch (error) {
        failures.push(`${op.operationId}: ${(error as Error).message.slice(0, 3000)}`);
        baseline = undefined;
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
