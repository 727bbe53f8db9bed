import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, signIn, type TestContext } from "../../../test/helpers.ts";
import { seedDemo } from "../../cli/demo.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
  await seedDemo(ctx.database.db, { password: "trellis-demo" });
});
afterAll(() => ctx.close());

describe("demo families", () => {
  it("gives the family resource center's case manager families at every step", async () => {
    const rosa = await signIn(ctx, { email: "caseworker@frc.example", password: "trellis-demo" });
    const all = (await rosa.inject({ method: "GET", url: "/api/families?status=all" })).json().items;
    const byName = Object.fromEntries(all.map((f: { displayName: string }) => [f.displayName, f]));
    expect(byName["Nguyen family"]).toMatchObject({
      step: "intake",
      nextAction: "assess",
      childrenUnderFive: 1,
    });
    expect(byName["Morales family"]).toMatchObject({
      step: "monitoring",
      intensity: "intensive",
      inCrisis: true,
      // Intensive: a contact every 7 days; the last was 9 days ago.
      contactDue: expect.objectContaining({ overdue: true, daysOverdue: 2 }),
    });
    expect(byName["Johnson family"]).toMatchObject({ step: "monitoring", intensity: "standard" });
    expect(byName["Thompson family"]).toMatchObject({ step: "closed", status: "closed" });

    const thompson = (
      await rosa.inject({ method: "GET", url: `/api/families/${byName["Thompson family"].id}` })
    ).json();
    expect(
      thompson.assessments.map((a: { scores: { mental_health: number } }) => a.scores.mental_health),
    ).toEqual([2, 3, 4]);
    expect(thompson.closures).toHaveLength(1);

    const caseload = (await rosa.inject({ method: "GET", url: "/api/caseload" })).json();
    expect(caseload.counts).toMatchObject({ open: 3, inCrisis: 1 });
  });

  it("lets the supervisor see the worker's caseload", async () => {
    const supervisor = await signIn(ctx, { email: "supervisor@frc.example", password: "trellis-demo" });
    const view = (await supervisor.inject({ method: "GET", url: "/api/caseload?view=supervisor" })).json();
    expect(view.workers).toEqual([
      expect.objectContaining({ name: "Rosa Martinez", open: 3, intensive: 1, standard: 1, undecided: 1 }),
    ]);
  });
});
