import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrganizationWithRoles, createTestApp, type TestContext } from "../../../test/helpers.ts";
import { families, libraryComments } from "../../db/schema/index.ts";
import { boundIntegers, INTEGER_RANGE, jsonBodyProblems, MAX_JSON_DEPTH } from "./validation.ts";

let ctx: TestContext;
let home: Awaited<ReturnType<typeof createOrganizationWithRoles>>;

beforeAll(async () => {
  ctx = await createTestApp();
  home = await createOrganizationWithRoles(ctx);
});
afterAll(() => ctx.close());

const nested = (levels: number) => `${"[".repeat(levels)}${"]".repeat(levels)}`;

describe("JSON bodies PostgreSQL or the stack cannot take (found by test/fuzz.test.ts)", () => {
  it("names every NUL in strings and keys, and nesting past the limit", () => {
    expect(jsonBodyProblems({ a: "ok", b: ["x\u0000"], "c\u0000": 1 })).toEqual([
      { field: "/body/c\u0000", message: "must not contain the NUL character" },
      { field: "/body/b/0", message: "must not contain the NUL character" },
    ]);
    expect(jsonBodyProblems(JSON.parse(nested(MAX_JSON_DEPTH)))).toEqual([]);
    expect(jsonBodyProblems(JSON.parse(nested(MAX_JSON_DEPTH + 1)))).toHaveLength(1);
    expect(jsonBodyProblems({ text: "emoji 👨‍👩‍👧 and RTL \u202E are fine" })).toEqual([]);
  });

  it("refuses a NUL in a text field with 400 instead of failing at the insert", async () => {
    const response = await home.staff.inject({
      method: "POST",
      url: "/api/families",
      payload: { displayName: "Ana\u0000", members: [] },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code: "validation.failed",
      details: [{ field: "/body/displayName", message: "must not contain the NUL character" }],
    });
    expect(await ctx.database.db.select().from(families)).toEqual([]);
  });

  it("refuses a NUL in a nested field of a library comment", async () => {
    const resource = await home.admin.inject({
      method: "POST",
      url: "/api/library/resources",
      payload: { title: "Toolkit", kind: "toolkit", url: "https://example.org/toolkit" },
    });
    expect(resource.statusCode).toBe(201);
    const response = await home.staff.inject({
      method: "POST",
      url: `/api/library/resources/${resource.json().id}/comments`,
      payload: { body: "\u0000hello" },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].field).toBe("/body/body");
    expect(await ctx.database.db.select().from(libraryComments)).toEqual([]);
  });

  it("refuses deeply nested JSON, even on a route without a body schema (the HSDS import)", async () => {
    const response = await home.admin.inject({
      method: "POST",
      url: "/api/directory/import",
      headers: { "content-type": "application/json" },
      payload: nested(20_000),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe("validation.failed");
  });

  it("bounds integers a schema leaves unbounded to what a PostgreSQL integer holds, and keeps bounds it sets", () => {
    const schema = {
      type: "object",
      properties: {
        version: { type: "integer" },
        page: { type: "integer", minimum: 1, maximum: 500 },
        maybe: { anyOf: [{ type: "integer" }, { type: "null" }] },
        share: { type: "number" },
      },
    };
    const bounded = boundIntegers(schema);
    expect(bounded.properties.version).toEqual({ type: "integer", ...INTEGER_RANGE });
    expect(bounded.properties.page).toEqual({ type: "integer", minimum: 1, maximum: 500 });
    expect(bounded.properties.maybe.anyOf[0]).toEqual({ type: "integer", ...INTEGER_RANGE });
    expect(bounded.properties.share).toEqual({ type: "number" });
    expect(schema.properties.version).toEqual({ type: "integer" });
  });

  it("refuses a version too large for the database with 400 instead of a 500 (found on PostgreSQL)", async () => {
    const created = await home.staff.inject({
      method: "POST",
      url: "/api/families",
      payload: {
        displayName: "Rivera",
        members: [
          { firstName: "Elena", lastName: "Rivera", dateOfBirth: "1980-01-01", relationship: "parent" },
        ],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const response = await home.staff.inject({
      method: "PATCH",
      url: `/api/families/${created.json().id}`,
      headers: { "content-type": "application/json" },
      payload: '{"version":1e+308,"displayName":"call"}',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: "validation.failed" });
    expect(response.json().error.details).toContainEqual(expect.objectContaining({ field: "/body/version" }));
    const [stored] = await ctx.database.db.select().from(families);
    expect(stored?.displayName).toBe("Rivera");
  });
});
