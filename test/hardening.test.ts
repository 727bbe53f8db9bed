import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessions } from "../src/db/schema/index.ts";
import { sha256 } from "../src/server/tokens.ts";
import {
  auditEventsFor,
  createOrganizationWithRoles,
  createTestApp,
  createUser,
  type Session,
  signIn,
  type TestContext,
} from "./helpers.ts";

/**
 * Security hardening proofs (issue 10, part 6) that no feature test already gives; docs/security.md maps
 * each requirement to its proof, here or in the feature tests.
 */

let ctx: TestContext;
let county: Awaited<ReturnType<typeof createOrganizationWithRoles>>;
let provider: Awaited<ReturnType<typeof createOrganizationWithRoles>>;
let taProvider: Awaited<ReturnType<typeof createOrganizationWithRoles>>;
let familyId: string;
let planId: string;
let partnershipId: string;

beforeAll(async () => {
  ctx = await createTestApp();
  county = await createOrganizationWithRoles(ctx);
  provider = await createOrganizationWithRoles(ctx, "community_provider");
  taProvider = await createOrganizationWithRoles(ctx, "ta_provider");
  const family = await provider.staff.inject({
    method: "POST",
    url: "/api/families",
    payload: {
      displayName: "Hardening family",
      members: [{ firstName: "Ana", lastName: "Lopez", relationship: "parent" }],
    },
  });
  expect(family.statusCode, family.body).toBe(201);
  familyId = family.json().id;
  const plan = await county.manager.inject({
    method: "POST",
    url: "/api/plans",
    payload: { templateKey: "linkages-work-plan", title: "Hardening plan", periodStart: "2026-01-01" },
  });
  expect(plan.statusCode, plan.body).toBe(201);
  planId = plan.json().id;
  const partnership = await taProvider.staff.inject({
    method: "POST",
    url: "/api/partnerships",
    payload: { name: "Hardening Collaborative", geographyKind: "county", geographyName: "Any" },
  });
  expect(partnership.statusCode, partnership.body).toBe(201);
  partnershipId = partnership.json().id;
});
afterAll(() => ctx?.close());

/** Tables a refused request may legitimately touch: the audit log records the refusal; sessions are read. */
const BOOKKEEPING = new Set(["audit_events", "sessions", "__drizzle_migrations"]);

/** Row count and content hash of every application table: equal fingerprints mean nothing was stored. */
async function fingerprint(): Promise<Record<string, string>> {
  const tables = await ctx.database.rows<{ name: string }>(
    sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const result: Record<string, string> = {};
  for (const { name } of tables) {
    if (BOOKKEEPING.has(name)) continue;
    const [row] = await ctx.database.rows<{ n: number; h: string | null }>(
      sql.raw(
        `select count(*)::int as n, md5(string_agg(t::text, '|' order by t::text)) as h from "${name}" t`,
      ),
    );
    result[name] = `${row?.n}:${row?.h ?? ""}`;
  }
  return result;
}

describe("session fixation and sign-out", () => {
  it("never adopts a session id planted before sign-in, and issues a fresh one at sign-in", async () => {
    const user = await createUser(ctx, { organizationId: county.org.id, role: "staff" });
    const planted = `trellis_session=${"a".repeat(43)}`;
    const response = await ctx.app.inject({
      method: "POST",
      url: "/api/session",
      headers: { cookie: planted },
      payload: { email: user.email, password: user.password },
    });
    expect(response.statusCode).toBe(200);
    const issued = String(response.headers["set-cookie"]).split(";")[0] ?? "";
    expect(issued).toMatch(/^trellis_session=/);
    expect(issued).not.toBe(planted);
    // The planted value is still nobody's session; the issued one is the user's.
    expect(
      (await ctx.app.inject({ method: "GET", url: "/api/me", headers: { cookie: planted } })).statusCode,
    ).toBe(401);
    const me = await ctx.app.inject({ method: "GET", url: "/api/me", headers: { cookie: issued } });
    expect(me.json().user.email).toBe(user.email);
  });

  it("ends the session on the server at sign-out: its row is gone and a replayed cookie is refused", async () => {
    const user = await createUser(ctx, { organizationId: county.org.id, role: "staff" });
    const session = await signIn(ctx, user);
    const idHash = sha256(session.cookie.slice("trellis_session=".length));
    expect(await ctx.database.db.select().from(sessions).where(eq(sessions.idHash, idHash))).toHaveLength(1);
    expect((await session.inject({ method: "DELETE", url: "/api/session" })).statusCode).toBe(204);
    expect(await ctx.database.db.select().from(sessions).where(eq(sessions.idHash, idHash))).toHaveLength(0);
    const replay = await ctx.app.inject({
      method: "GET",
      url: "/api/me",
      headers: { cookie: session.cookie },
    });
    expect(replay.statusCode).toBe(401);
  });
});

describe("what is logged and cached", () => {
  it("never writes passwords, session secrets or CSRF tokens into the audit log", async () => {
    const user = await createUser(ctx, { organizationId: county.org.id, role: "staff" });
    const wrongPassword = "wrong-password-that-must-not-be-logged";
    expect(
      (
        await ctx.app.inject({
          method: "POST",
          url: "/api/session",
          payload: { email: user.email, password: wrongPassword },
        })
      ).statusCode,
    ).toBe(401);
    const session = await signIn(ctx, user);
    const newPassword = "a brand new passphrase 42";
    const changed = await session.inject({
      method: "POST",
      url: "/api/me/password",
      payload: { currentPassword: user.password, newPassword },
    });
    expect(changed.statusCode, changed.body).toBeLessThan(300);
    const [log] = await ctx.database.rows<{ text: string; n: number }>(
      sql`select string_agg(e::text, '
') as text, count(*)::int as n from audit_events e`,
    );
    // The events are there (the log is not simply empty)…
    expect(log?.text).toContain(user.email);
    // …and the secrets are not.
    const secret = session.cookie.slice("trellis_session=".length);
    for (const value of [user.password, wrongPassword, newPassword, secret, session.csrfToken]) {
      expect(log?.text.includes(value), value).toBe(false);
    }
  });

  it("tells browsers and proxies to keep no copy of API answers", async () => {
    for (const request of [
      () => county.staff.inject({ method: "GET", url: "/api/me" }),
      () => county.staff.inject({ method: "GET", url: `/api/plans/${planId}` }),
      () => ctx.app.inject({ method: "GET", url: "/api/me" }),
      () => county.staff.inject({ method: "GET", url: "/api/no-such-route" }),
    ]) {
      const response = await request();
      expect(response.headers["cache-control"], response.body.slice(0, 100)).toBe("no-store");
    }
  });
});

type OpenApiOperation = {
  operationId: string;
  requestBody?: { content?: Record<string, unknown> };
};

/** Operations whose cookie-authenticated writes need no CSRF token, and why. None today. */
const CSRF_EXEMPT: Record<string, string> = {};

/** A stand-in for each path parameter: CSRF is checked before the parameters are even validated. */
function fillPath(path: string) {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    name === "recordType" ? "closed_family" : name === "revision" ? "1" : randomUUID(),
  );
}

describe("CSRF on every cookie-authenticated write", () => {
  it("refuses every non-GET operation of the OpenAPI document without the token: 403, audited, nothing changed", async () => {
    const doc = (await ctx.app.inject({ method: "GET", url: "/api/openapi.json" })).json() as {
      paths: Record<string, Record<string, OpenApiOperation>>;
    };
    // An administrator of the organizations that own the fixtures: only the token is missing.
    const victim = county.admin;
    const writes: { operationId: string; request: InjectOptions }[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        if (["get", "head", "options"].includes(method) || op.operationId in CSRF_EXEMPT) continue;
        const types = Object.keys(op.requestBody?.content ?? {});
        const type = types.includes("application/json") ? "application/json" : types[0];
        const request: InjectOptions = {
          method: method.toUpperCase() as InjectOptions["method"],
          url: fillPath(path),
          headers: { cookie: victim.cookie, ...(type ? { "content-type": type } : {}) },
          ...(type ? { payload: type === "application/json" ? "{}" : "x" } : {}),
        };
        writes.push({ operationId: op.operationId, request });
      }
    }
    expect(writes.length).toBeGreaterThan(50);
    const before = await fingerprint();
    const auditedBefore = (await auditEventsFor(ctx, "auth.csrf_failed")).length;
    const wrong: string[] = [];
    for (const { operationId, request } of writes) {
      for (const token of [undefined, "forged-token-of-the-right-length-xx"]) {
        const headers = { ...(request.headers ?? {}), ...(token ? { "x-csrf-token": token } : {}) };
        const response = await ctx.app.inject({ ...request, headers });
        const code = response.json()?.error?.code;
        if (response.statusCode !== 403 || code !== "auth.csrf_failed") {
          wrong.push(`${operationId} ${request.method} ${request.url}: ${response.statusCode} ${code}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(await fingerprint()).toEqual(before);
    expect((await auditEventsFor(ctx, "auth.csrf_failed")).length - auditedBefore).toBe(writes.length * 2);
    // Sign-out was among the refused writes: the session still works.
    expect((await victim.inject({ method: "GET", url: "/api/me" })).statusCode).toBe(200);
  });
});

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const HTML = Buffer.from("<!doctype html><script>alert(document.cookie)</script>");

interface UploadCase {
  route: string;
  session: () => Session;
  /** A request of the right kind whose body exceeds the route's limit. */
  tooBig: () => InjectOptions;
  /** A request carrying a file of a type the route does not keep (or whose content is not its type). */
  wrongType: () => InjectOptions;
  /** Status and error code of the refusal of the wrong type. */
  wrongTypeAnswer: [number, string];
}

const json = (method: "POST" | "PATCH", url: string, body: unknown): InjectOptions => ({
  method,
  url,
  headers: { "content-type": "application/json" },
  payload: JSON.stringify(body),
});
const oversized = (bytes: number) => "A".repeat(bytes + 1);

const UPLOADS: UploadCase[] = [
  {
    route: "createConsent (signed consent form)",
    session: () => provider.staff,
    tooBig: () =>
      json("POST", `/api/families/${familyId}/consents`, {
        method: "signed_form",
        signedForm: {
          fileName: "c.pdf",
          contentType: "application/pdf",
          dataBase64: oversized(5 * 1024 * 1024),
        },
      }),
    wrongType: () =>
      json("POST", `/api/families/${familyId}/consents`, {
        givenByName: "Ana Lopez",
        receivingOrganizationIds: [county.org.id],
        categories: ["identity_contact"],
        purposes: ["service_coordination"],
        effectiveOn: "2020-01-01",
        method: "signed_form",
        signedForm: {
          fileName: "c.pdf",
          contentType: "application/pdf",
          dataBase64: HTML.toString("base64"),
        },
      }),
    wrongTypeAnswer: [422, "consent.invalid"],
  },
  {
    route: "addPartnershipDocument",
    session: () => taProvider.staff,
    tooBig: () =>
      json("POST", `/api/partnerships/${partnershipId}/documents`, {
        title: "Big",
        kind: "other",
        fileName: "big.pdf",
        contentType: "application/pdf",
        contentBase64: oversized(3 * 1024 * 1024),
      }),
    wrongType: () =>
      json("POST", `/api/partnerships/${partnershipId}/documents`, {
        title: "Minutes",
        kind: "minutes",
        fileName: "minutes.html",
        contentType: "text/html",
        contentBase64: HTML.toString("base64"),
      }),
    wrongTypeAnswer: [415, "request.unsupported_media_type"],
  },
  {
    route: "createResource (library file)",
    session: () => taProvider.staff,
    tooBig: () =>
      json("POST", "/api/library/resources", {
        title: "Big",
        kind: "guide",
        file: { fileName: "big.pdf", contentBase64: oversized(8 * 1024 * 1024) },
      }),
    wrongType: () =>
      json("POST", "/api/library/resources", {
        title: "Page",
        kind: "guide",
        file: { fileName: "page.pdf", contentBase64: HTML.toString("base64") },
      }),
    wrongTypeAnswer: [422, "library.file_rejected"],
  },
  {
    route: "importHsds (directory import)",
    session: () => county.manager,
    tooBig: () => ({
      method: "POST",
      url: "/api/directory/import",
      headers: { "content-type": "application/json" },
      payload: Buffer.alloc(100 * 1024 * 1024 + 1, 0x20),
    }),
    wrongType: () => ({
      method: "POST",
      url: "/api/directory/import",
      headers: { "content-type": "text/html" },
      payload: HTML,
    }),
    wrongTypeAnswer: [415, "request.unsupported_media_type"],
  },
  {
    route: "importPerformance (CSV/XLSX)",
    session: () => county.manager,
    tooBig: () => ({
      method: "POST",
      url: "/api/measures/performance/import",
      headers: { "content-type": "text/csv" },
      payload: Buffer.alloc(10 * 1024 * 1024 + 1, 0x61),
    }),
    wrongType: () => ({
      method: "POST",
      url: "/api/measures/performance/import",
      headers: { "content-type": "application/pdf" },
      payload: PDF,
    }),
    wrongTypeAnswer: [415, "request.unsupported_media_type"],
  },
  {
    route: "importActionSteps (CSV)",
    session: () => county.manager,
    tooBig: () => ({
      method: "POST",
      url: `/api/plans/${planId}/import`,
      headers: { "content-type": "text/csv" },
      payload: Buffer.alloc(5 * 1024 * 1024 + 1, 0x61),
    }),
    wrongType: () => ({
      method: "POST",
      url: `/api/plans/${planId}/import`,
      headers: { "content-type": "application/pdf" },
      payload: PDF,
    }),
    wrongTypeAnswer: [415, "request.unsupported_media_type"],
  },
];

describe("upload size and type checks", () => {
  for (const upload of UPLOADS) {
    it(`refuses a file too large (413) and one of the wrong type on ${upload.route}, storing nothing`, async () => {
      const before = await fingerprint();
      const big = await upload.session().inject(upload.tooBig());
      expect(big.statusCode, big.body.slice(0, 300)).toBe(413);
      expect(big.json().error.code).toBe("request.too_large");
      const wrong = await upload.session().inject(upload.wrongType());
      expect([wrong.statusCode, wrong.json().error.code], wrong.body.slice(0, 300)).toEqual(
        upload.wrongTypeAnswer,
      );
      expect(await fingerprint()).toEqual(before);
    });
  }
});
