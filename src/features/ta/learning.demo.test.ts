import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, signIn, type TestContext } from "../../../test/helpers.ts";
import { seedDemo } from "../../cli/demo.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
  await seedDemo(ctx.database.db, { password: "trellis-demo" });
}, 180_000);
afterAll(() => ctx?.close());

describe("demo library and trainings", () => {
  it("shares seed 000's toolkits and shows a past awareness training with its evaluation", async () => {
    const priya = await signIn(ctx, { email: "ta@strongfoundations.example", password: "trellis-demo" });
    const toolkits = (
      await priya.inject({ method: "GET", url: "/api/library/resources?kind=toolkit" })
    ).json();
    expect(toolkits.items.map((r: { title: string }) => r.title).sort()).toEqual([
      "The Early Childhood Community Systems Development Toolkit",
      "The Resource Toolkit for Home Visiting Programs Serving Infants, Toddlers and Their Families: Implementing a Research-Based Model",
    ]);
    const homeVisiting = (
      await priya.inject({ method: "GET", url: "/api/library/resources?audience=home%20visiting%20programs" })
    ).json();
    expect(homeVisiting.items).toHaveLength(1);

    // Priya works for the TA network and the work group; trainings are organized as the TA network.
    const orgs = (await priya.inject({ method: "GET", url: "/api/organizations" })).json();
    const strong = (orgs.items ?? orgs).find(
      (o: { name: string }) => o.name === "Strong Foundations TA Network",
    );
    await priya.inject({
      method: "PUT",
      url: "/api/me/active-organization",
      payload: { organizationId: strong.id },
    });
    const list = (await priya.inject({ method: "GET", url: "/api/trainings" })).json().items;
    expect(list.map((t: { level: string }) => t.level).sort()).toEqual(["awareness", "implementation"]);
    const past = list.find((t: { level: string }) => t.level === "awareness");
    expect(past).toMatchObject({ registered: 20, attended: 16, responses: 12 });
    const results = (await priya.inject({ method: "GET", url: `/api/trainings/${past.id}/results` })).json();
    expect(results.responseRatePercent).toBe(75);
    expect(results.likert).toHaveLength(6);
    expect(results.meanOfItemMeans).toBeGreaterThan(3.5);
    const training = (await priya.inject({ method: "GET", url: `/api/trainings/${past.id}` })).json();
    const token = training.surveyUrl.split("/survey/")[1];
    expect(
      (await ctx.app.inject({ method: "GET", url: `/api/public/surveys/${token}?locale=es` })).statusCode,
    ).toBe(200);
  });
});
