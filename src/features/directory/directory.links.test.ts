import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrganizationWithRoles, createTestApp, type TestContext } from "../../../test/helpers.ts";

let ctx: TestContext;
let steward: Awaited<ReturnType<typeof createOrganizationWithRoles>>;

beforeAll(async () => {
  ctx = await createTestApp();
  steward = await createOrganizationWithRoles(ctx);
});
afterAll(() => ctx.close());

const ORG = "5b0c4e0a-6f58-4d2c-9f0e-1a2b3c4d5e6f";
const service = (id: string, url: string) => ({
  id,
  organization_id: ORG,
  name: `Service ${id}`,
  url,
  status: "active",
});

describe("directory service links (found by test/e2e/xss.e2e.ts)", () => {
  it("offers an imported service's url as a link only when it is a web address", async () => {
    const web = "6c1d5f1b-7a69-4e3d-8a1f-2b3c4d5e6f70";
    const script = "6c1d5f1b-7a69-4e3d-8a1f-2b3c4d5e6f71";
    const imported = await steward.manager.inject({
      method: "POST",
      url: "/api/directory/import",
      payload: {
        organization: [{ id: ORG, name: "Provider", description: "d" }],
        service: [service(web, "https://provider.example/help"), service(script, "javascript:alert(1)")],
      },
    });
    expect(imported.statusCode, imported.body).toBe(200);
    const url = async (id: string) =>
      (await steward.staff.inject({ method: "GET", url: `/api/directory/services/${id}` })).json().summary
        .url;
    expect(await url(web)).toBe("https://provider.example/help");
    expect(await url(script)).toBeNull();
  });
});
