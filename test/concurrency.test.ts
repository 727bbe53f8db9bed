import fc from "fast-check";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Capability, OrganizationType } from "../src/db/schema/index.ts";
import {
  createOrganization,
  createTestApp,
  createUser,
  type Session,
  signIn,
  type TestContext,
  testEngine,
} from "./helpers.ts";

/**
 * Optimistic concurrency (issue 10): every editable entity carries a version, an update names the version
 * it was made on, and a stale one is refused with 409 conflict.stale_version — never a silent overwrite.
 */

/**
 * PUT/PATCH operations that deliberately take no version, and why. Each is a whole-value set by one
 * person of something small (no read-modify-write of other fields can be lost), or the caller's own
 * preference. A new update route must either take a `version` or be added here with its reason.
 */
const EXEMPT_FROM_VERSION: Record<string, string> = {
  setActiveOrganization: "the signed-in user's own preference; nobody else edits it",
  setLocale: "the signed-in user's own preference; nobody else edits it",
  sharePlan:
    "idempotent grant of one role to one organization; repeating it converges, unsharing is a DELETE",
  setNeedsImprovement:
    "a county's whole-value override (flag and reason) of a computed flag; every change is audited with before and after",
  resolveReviewComment: "idempotent boolean on one comment; setting it twice converges",
  postPlanPublicly: "sets the whole public-comment window at once; idempotent, audited",
  moderatePublicComment: "a moderator's whole-value decision (status and response) on one public comment",
  updateFamilySettings: "a single organization-wide boolean; idempotent whole-value set",
  recordAttendance:
    "replaces the whole attendance list ('exactly the registrations listed'); idempotent, organizer's staff only",
};

type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  oneOf?: JsonSchema[];
};
type Operation = {
  operationId: string;
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
};

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx?.close());

async function updateOperations() {
  const doc = (await ctx.app.inject({ method: "GET", url: "/api/openapi.json" })).json() as {
    paths: Record<string, Record<string, Operation>>;
    components?: { schemas?: Record<string, JsonSchema> };
  };
  const resolve = (schema: JsonSchema | undefined): JsonSchema | undefined => {
    if (!schema?.$ref) return schema;
    return doc.components?.schemas?.[schema.$ref.split("/").at(-1) ?? ""];
  };
  const ops: { operationId: string; method: string; path: string; body?: JsonSchema; ok?: JsonSchema }[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (method !== "put" && method !== "patch") continue;
      const ok = op.responses?.["200"] ?? op.responses?.["201"];
      ops.push({
        operationId: op.operationId,
        method: method.toUpperCase(),
        path,
        body: resolve(op.requestBody?.content?.["application/json"]?.schema),
        ok: resolve(ok?.content?.["application/json"]?.schema),
      });
    }
  }
  return { ops, resolve };
}

/** Whether a response schema carries `version`, at its top level or on its item(s). */
function mentionsVersion(
  schema: JsonSchema | undefined,
  resolve: (s?: JsonSchema) => JsonSchema | undefined,
) {
  const visit = (s: JsonSchema | undefined, depth: number): boolean => {
    const r = resolve(s);
    if (!r || depth > 2) return false;
    if (r.properties && "version" in r.properties) return true;
    const nested = [
      ...Object.values(r.properties ?? {}),
      ...(r.items ? [r.items] : []),
      ...(r.anyOf ?? []),
      ...(r.allOf ?? []),
      ...(r.oneOf ?? []),
    ];
    return nested.some((n) => visit(n, depth + 1));
  };
  return visit(schema, 0);
}

describe("every update operation in the OpenAPI document", () => {
  it("takes a required version and answers with the new one, unless it is exempt with a reason", async () => {
    const { ops, resolve } = await updateOperations();
    expect(ops.length).toBeGreaterThan(10);
    const missing: string[] = [];
    for (const op of ops) {
      if (op.operationId in EXEMPT_FROM_VERSION) continue;
      const takesVersion =
        Boolean(op.body?.properties?.version) && Boolean(op.body?.required?.includes("version"));
      if (!takesVersion) missing.push(`${op.operationId} (${op.method} ${op.path}): no required version`);
      else if (!mentionsVersion(op.ok, resolve)) {
        missing.push(`${op.operationId} (${op.method} ${op.path}): response has no version`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("keeps the exemption list honest: every exempt operation exists and really takes no version", async () => {
    const { ops } = await updateOperations();
    for (const [operationId, why] of Object.entries(EXEMPT_FROM_VERSION)) {
      const op = ops.find((o) => o.operationId === operationId);
      expect(op, `${operationId} is exempt but is no PUT/PATCH operation`).toBeDefined();
      expect(
        op?.body?.properties?.version,
        `${operationId} takes a version: remove its exemption`,
      ).toBeUndefined();
      expect(why.length).toBeGreaterThan(20);
    }
  });
});

// ---------------------------------------------------------------------------------------------------
// Parallel clients: read, then update with the version read; count what was acknowledged.

interface Read {
  version: number;
  values: Record<string, unknown>;
}
interface Target {
  name: string;
  editors: Session[];
  values: fc.Arbitrary<Record<string, unknown>>;
  read(session: Session): Promise<Read>;
  update(session: Session, version: number, values: Record<string, unknown>): Promise<LightMyRequestResponse>;
  /** The version an acknowledged update answered with. */
  versionOf(body: unknown): number;
}

const word = fc.string({
  unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"),
  minLength: 1,
  maxLength: 24,
});

async function editors(
  type: OrganizationType,
  role: "admin" | "manager" | "staff",
  count: number,
  capabilities: Capability[] = [],
) {
  const org = await createOrganization(ctx, { type });
  const sessions: Session[] = [];
  for (let i = 0; i < count; i++) {
    sessions.push(await signIn(ctx, await createUser(ctx, { organizationId: org.id, role, capabilities })));
  }
  return { org, sessions };
}

function pick(source: Record<string, unknown>, keys: string[]) {
  return Object.fromEntries(keys.map((k) => [k, source[k]]));
}

async function ok(response: LightMyRequestResponse, status = 200) {
  expect(response.statusCode, response.body).toBe(status);
  return response.json();
}

async function planItemTarget(): Promise<Target> {
  const { sessions } = await editors("county_child_welfare", "manager", 3);
  const [first] = sessions as [Session];
  const plan = await ok(
    await first.inject({
      method: "POST",
      url: "/api/plans",
      payload: { templateKey: "linkages-work-plan", title: "Concurrency plan", periodStart: "2026-01-01" },
    }),
    201,
  );
  const topic = await ok(
    await first.inject({
      method: "POST",
      url: `/api/plans/${plan.id}/items`,
      payload: {
        section: "program_launch",
        level: "topic_area_program_launch",
        title: "Shared vision",
        fields: { topic: "strategic_direction" },
      },
    }),
    201,
  );
  const step = await ok(
    await first.inject({
      method: "POST",
      url: `/api/plans/${plan.id}/items`,
      payload: { parentId: topic.item.id, level: "action_step", title: "Draft the vision" },
    }),
    201,
  );
  const itemId: string = step.item.id;
  type Node = { id: string; version: number; children: Node[] } & Record<string, unknown>;
  const find = (nodes: Node[]): Node | undefined => {
    for (const n of nodes) {
      if (n.id === itemId) return n;
      const inner = find(n.children);
      if (inner) return inner;
    }
    return undefined;
  };
  return {
    name: "plan item",
    editors: sessions,
    values: fc.record({ title: word, assigneeText: fc.option(word, { nil: null }) }),
    async read(session) {
      const doc = await ok(await session.inject({ method: "GET", url: `/api/plans/${plan.id}` }));
      const node = (doc.sections as { items: Node[] }[]).map((s) => find(s.items)).find(Boolean);
      if (!node) throw new Error("item not found");
      const assignee = node.assignee as { text?: string | null } | null;
      return { version: node.version, values: { title: node.title, assigneeText: assignee?.text ?? null } };
    },
    update: (session, version, values) =>
      session.inject({
        method: "PATCH",
        url: `/api/plans/${plan.id}/items/${itemId}`,
        payload: { version, ...values },
      }),
    versionOf: (body) => (body as { item: { version: number } }).item.version,
  };
}

async function familyTarget(): Promise<Target> {
  const { sessions } = await editors("community_provider", "manager", 3);
  const [first] = sessions as [Session];
  const family = await ok(
    await first.inject({
      method: "POST",
      url: "/api/families",
      payload: {
        displayName: "Concurrency family",
        members: [{ firstName: "Ana", lastName: "Rivera", relationship: "parent" }],
      },
    }),
    201,
  );
  const keys = ["address", "referralSource"];
  return {
    name: "family",
    editors: sessions,
    values: fc.record({
      address: fc.option(word, { nil: null }),
      referralSource: fc.option(word, { nil: null }),
    }),
    async read(session) {
      const doc = await ok(await session.inject({ method: "GET", url: `/api/families/${family.id}` }));
      return { version: doc.version, values: pick(doc, keys) };
    },
    update: (session, version, values) =>
      session.inject({ method: "PATCH", url: `/api/families/${family.id}`, payload: { version, ...values } }),
    versionOf: (body) => (body as { version: number }).version,
  };
}

async function partnershipTarget(): Promise<Target> {
  const { sessions } = await editors("ta_provider", "staff", 3);
  const [first] = sessions as [Session];
  const partnership = await ok(
    await first.inject({
      method: "POST",
      url: "/api/partnerships",
      payload: { name: "Concurrency Collaborative", geographyKind: "county", geographyName: "Any" },
    }),
    201,
  );
  const keys = ["meetingSchedule", "description"];
  return {
    name: "partnership",
    editors: sessions,
    values: fc.record({
      meetingSchedule: fc.option(word, { nil: null }),
      description: fc.option(word, { nil: null }),
    }),
    async read(session) {
      const doc = await ok(
        await session.inject({ method: "GET", url: `/api/partnerships/${partnership.id}` }),
      );
      return { version: doc.version, values: pick(doc, keys) };
    },
    update: (session, version, values) =>
      session.inject({
        method: "PATCH",
        url: `/api/partnerships/${partnership.id}`,
        payload: { version, ...values },
      }),
    versionOf: (body) => (body as { version: number }).version,
  };
}

async function libraryTarget(): Promise<Target> {
  const { sessions } = await editors("ta_provider", "staff", 3);
  const [first] = sessions as [Session];
  const resource = await ok(
    await first.inject({
      method: "POST",
      url: "/api/library/resources",
      payload: { title: "Concurrency guide", kind: "guide", url: "https://example.org/guide" },
    }),
    201,
  );
  const keys = ["title", "description"];
  return {
    name: "library resource",
    editors: sessions,
    values: fc.record({ title: word, description: word }),
    async read(session) {
      const doc = await ok(
        await session.inject({ method: "GET", url: `/api/library/resources/${resource.id}` }),
      );
      return { version: doc.version, values: pick(doc, keys) };
    },
    update: (session, version, values) =>
      session.inject({
        method: "PATCH",
        url: `/api/library/resources/${resource.id}`,
        payload: { version, ...values },
      }),
    versionOf: (body) => (body as { version: number }).version,
  };
}

async function measureTarget(): Promise<Target> {
  const { sessions } = await editors("state_agency", "admin", 3);
  const [first] = sessions as [Session];
  const list = await ok(await first.inject({ method: "GET", url: "/api/measures" }));
  const code: string = list.items[0].measure.code;
  const keys = ["name", "nationalPerformance"];
  const current = async (session: Session) => {
    const items = (await ok(await session.inject({ method: "GET", url: "/api/measures" }))).items as {
      measure: Record<string, unknown> & { code: string; id: string; version: number };
    }[];
    const found = items.find((i) => i.measure.code === code)?.measure;
    if (!found) throw new Error("measure not found");
    return found;
  };
  const { id } = await current(first);
  return {
    name: "measure",
    editors: sessions,
    values: fc.record({
      name: word,
      nationalPerformance: fc.option(
        fc.integer({ min: 0, max: 10_000 }).map((n) => n / 100),
        { nil: null },
      ),
    }),
    async read(session) {
      const measure = await current(session);
      return { version: measure.version, values: pick(measure, keys) };
    },
    update: (session, version, values) =>
      session.inject({ method: "PATCH", url: `/api/measures/${id}`, payload: { version, ...values } }),
    versionOf: (body) => (body as { version: number }).version,
  };
}

async function retentionRuleTarget(): Promise<Target> {
  const { sessions } = await editors("community_provider", "admin", 3, ["privacy_officer"]);
  const keys = ["afterMonths", "enabled"];
  const find = (body: unknown) => {
    const rule = (
      body as { items: ({ recordType: string; version: number } & Record<string, unknown>)[] }
    ).items.find((r) => r.recordType === "finished_referral");
    if (!rule) throw new Error("rule not found");
    return rule;
  };
  return {
    name: "retention rule",
    editors: sessions,
    values: fc.record({ afterMonths: fc.integer({ min: 1, max: 600 }), enabled: fc.boolean() }),
    async read(session) {
      const rule = find(
        await ok(await session.inject({ method: "GET", url: "/api/privacy/retention-rules" })),
      );
      return { version: rule.version, values: pick(rule, keys) };
    },
    update: (session, version, values) =>
      session.inject({
        method: "PUT",
        url: "/api/privacy/retention-rules/finished_referral",
        payload: { version, ...values },
      }),
    versionOf: (body) => find(body).version,
  };
}

interface Outcome {
  status: number;
  version?: number;
  values: Record<string, unknown>;
  code?: string;
}

/**
 * Each client reads the entity and updates it with the version it read, several times. The first round
 * is started together (every client holds the same version, so all but one must get 409); later rounds
 * run freely and interleave however the engine schedules them.
 */
async function race(target: Target, plans: Record<string, unknown>[][]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  const attempt = async (session: Session, version: number, values: Record<string, unknown>) => {
    const response = await target.update(session, version, values);
    const body = response.json();
    outcomes.push({
      status: response.statusCode,
      values,
      version: response.statusCode < 300 ? target.versionOf(body) : undefined,
      code: body?.error?.code,
    });
  };
  const clients = plans.map((updates, i) => ({
    session: target.editors[i % target.editors.length] as Session,
    updates,
  }));
  const firstReads = await Promise.all(clients.map((c) => target.read(c.session)));
  await Promise.all(
    clients.map(async (client, i) => {
      const [first, ...rest] = client.updates;
      if (first) await attempt(client.session, (firstReads[i] as Read).version, first);
      for (const values of rest) {
        const { version } = await target.read(client.session);
        await attempt(client.session, version, values);
      }
    }),
  );
  return outcomes;
}

describe(`parallel clients editing the same entity (${testEngine})`, () => {
  const makers: Record<string, () => Promise<Target>> = {
    "plan item": planItemTarget,
    family: familyTarget,
    partnership: partnershipTarget,
    "library resource": libraryTarget,
    measure: measureTarget,
    "retention rule": retentionRuleTarget,
  };
  for (const [name, make] of Object.entries(makers)) {
    it(`acknowledges exactly one update per version of a ${name}, refuses the rest with 409, and stores the last acknowledged`, async () => {
      const target = await make();
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.array(target.values, { minLength: 1, maxLength: 3 }), { minLength: 2, maxLength: 4 }),
          async (plans) => {
            const before = await target.read(target.editors[0] as Session);
            const outcomes = await race(target, plans);
            const after = await target.read(target.editors[0] as Session);
            const acknowledged = outcomes.filter((o) => o.status >= 200 && o.status < 300);
            const refused = outcomes.filter((o) => o.status < 200 || o.status >= 300);
            // Never a 500 or another error: a lost race is a conflict and nothing else.
            expect(refused.map((o) => [o.status, o.code])).toEqual(
              refused.map(() => [409, "conflict.stale_version"]),
            );
            // All clients of the first round read the same version: only one of them can win it.
            expect(refused.length).toBeGreaterThanOrEqual(plans.length - 1);
            // No silent overwrite: every acknowledged update made exactly one new version.
            expect(after.version - before.version).toBe(acknowledged.length);
            expect(acknowledged.map((o) => o.version).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(
              acknowledged.map((_, i) => before.version + i + 1),
            );
            // The stored state is the body of the update that produced the final version.
            const last = acknowledged.find((o) => o.version === after.version);
            expect(last).toBeDefined();
            expect(after.values).toEqual(last?.values);
          },
        ),
        { numRuns: 6 },
      );
    });
  }
});
