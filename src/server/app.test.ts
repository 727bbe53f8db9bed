import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrganizationWithRoles, createTestApp, type TestContext } from "../../test/helpers.ts";

let ctx: TestContext;
let home: Awaited<ReturnType<typeof createOrganizationWithRoles>>;

beforeAll(async () => {
  ctx = await createTestApp({ bodyLimitBytes: 10_000 });
  home = await createOrganizationWithRoles(ctx);
});
afterAll(() => ctx.close());

describe("HTTP platform", () => {
  it("reports health with the engine and applied migrations", async () => {
    const response = await ctx.app.inject({ method: "GET", url: "/api/health" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: "ok", engine: ctx.database.engine });
    expect(response.json().migrations.applied).toBeGreaterThan(0);
  });

  it("answers malformed JSON with 400 request.invalid_json", async () => {
    const response = await home.staff.inject({
      method: "PUT",
      url: "/api/me/locale",
      headers: { "content-type": "application/json" },
      payload: '{"locale": "es"',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe("request.invalid_json");
  });

  it("answers an oversized body with 413 and changes nothing", async () => {
    const response = await home.staff.inject({
      method: "PUT",
      url: "/api/me/locale",
      payload: { locale: "es", padding: "x".repeat(20_000) },
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe("request.too_large");
    expect((await home.staff.inject({ method: "GET", url: "/api/me" })).json().user.locale).toBe("en");
  });

  it("names unknown fields and wrong types, and changes nothing", async () => {
    const response = await home.staff.inject({
      method: "PUT",
      url: "/api/me/locale",
      payload: { locale: 7, admin: true },
    });
    expect(response.statusCode).toBe(400);
    expect(
      response
        .json()
        .error.details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(["/body/admin", "/body/locale"]);
    expect((await home.staff.inject({ method: "GET", url: "/api/me" })).json().user.locale).toBe("en");
  });

  it("answers unknown API routes with a JSON 404", async () => {
    const response = await ctx.app.inject({ method: "GET", url: "/api/no-such-thing" });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe("route.not_found");
  });

  it("sends security headers and a request id", async () => {
    const response = await ctx.app.inject({ method: "GET", url: "/api/health" });
    const csp = String(response.headers["content-security-policy"]);
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["x-frame-options"]).toBe("SAMEORIGIN");
    expect(response.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("hides internals in a 500 and gives the request id to quote", async () => {
    const broken = await createTestApp();
    try {
      broken.app.get("/api/test-explodes", { config: { public: true } }, async () => {
        throw new Error("secret database detail");
      });
      const response = await broken.app.inject({ method: "GET", url: "/api/test-explodes" });
      expect(response.statusCode).toBe(500);
      expect(response.body).not.toContain("secret database detail");
      expect(response.json().error.message).toContain(String(response.headers["x-request-id"]));
    } finally {
      await broken.close();
    }
  });
});

describe("OpenAPI", () => {
  it("serves an OpenAPI 3.1 document where every operation has an operationId", async () => {
    const doc = (await ctx.app.inject({ method: "GET", url: "/api/openapi.json" })).json();
    expect(doc.openapi).toBe("3.1.0");
    const operations = Object.values(
      doc.paths as Record<string, Record<string, { operationId?: string }>>,
    ).flatMap((p) => Object.values(p));
    expect(operations.length).toBeGreaterThan(10);
    expect(operations.filter((o) => !o.operationId)).toEqual([]);
    const ids = operations.map((o) => o.operationId);
    expect(ids).toEqual(
      expect.arrayContaining([
        "getHealth",
        "signIn",
        "signOut",
        "getMe",
        "listOrganizations",
        "listAuditEvents",
      ]),
    );
  });

  it("matches the committed docs/openapi.json (run `npm run openapi` after changing a route)", async () => {
    const served = (await ctx.app.inject({ method: "GET", url: "/api/openapi.json" })).json();
    const committed = JSON.parse(readFileSync("docs/openapi.json", "utf8"));
    expect(served).toEqual(committed);
  });

  it("serves Swagger UI at /api/docs", async () => {
    const response = await ctx.app.inject({ method: "GET", url: "/api/docs/" });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("swagger");
  });
});
