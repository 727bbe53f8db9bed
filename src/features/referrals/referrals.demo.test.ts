import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, signIn, type TestContext } from "../../../test/helpers.ts";
import { seedDemo } from "../../cli/demo.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
  await seedDemo(ctx.database.db, { password: "trellis-demo" });
}, 120_000);
afterAll(() => ctx.close());

describe("demo referrals", () => {
  it("gives the case manager referrals in several states, and the county a queue to answer", async () => {
    const rosa = await signIn(ctx, { email: "caseworker@frc.example", password: "trellis-demo" });
    const sent = (await rosa.inject({ method: "GET", url: "/api/referrals" })).json().items;
    const statuses = new Set(sent.map((r: { status: string }) => r.status));
    expect([...statuses].sort()).toEqual(["accepted", "completed", "declined", "not_completed", "sent"]);
    const onTrellis = sent.filter((r: { offTrellis: boolean }) => !r.offTrellis);
    expect(onTrellis.length).toBe(2);
    expect(sent.find((r: { status: string }) => r.status === "completed").history.at(-1).note).toMatch(
      /Enrolled/,
    );

    const county = await signIn(ctx, { email: "admin@anycounty.example", password: "trellis-demo" });
    const queue = (await county.inject({ method: "GET", url: "/api/referrals/inbound" })).json().items;
    expect(queue.map((r: { status: string }) => r.status).sort()).toEqual(["accepted", "sent"]);
    expect(queue.every((r: { family: unknown }) => r.family === null)).toBe(true);
    const figures = (await rosa.inject({ method: "GET", url: "/api/referral-figures" })).json();
    expect(figures.providers.length).toBeGreaterThan(3);
  });
});
