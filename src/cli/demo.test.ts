import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, signIn, type TestContext } from "../../test/helpers.ts";
import type { PlanDocument } from "../features/plans/plans.presenter.ts";
import { walkItems } from "../features/plans/plans.presenter.ts";
import { seedDemo } from "./demo.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
  await seedDemo(ctx.database.db, { password: "trellis-demo" });
});
afterAll(() => ctx.close());

const demo = (email: string) => signIn(ctx, { email, password: "trellis-demo" });

describe("demo data", () => {
  it("signs in every demo account named in the README", async () => {
    for (const email of [
      "admin@anycounty.example",
      "planner@anycounty.example",
      "caseworker@frc.example",
      "calworks@westcounty.example",
      "probation@anycounty.example",
      "reviewer@state.example",
      "ta@strongfoundations.example",
      "privacy@anycounty.example",
    ]) {
      const session = await demo(email);
      expect(session.me.activeOrganizationId).not.toBeNull();
    }
  });

  it("has the West County Linkages plan of seed 004 with its six topic areas and their action steps", async () => {
    const planner = await demo("planner@anycounty.example");
    const plans = (await planner.inject({ method: "GET", url: "/api/plans" })).json().items;
    const summary = plans.find((p: { title: string }) => p.title === "West County Linkages Work Plan");
    const plan: PlanDocument = (
      await planner.inject({ method: "GET", url: `/api/plans/${summary.id}` })
    ).json();
    expect(plan.header.linkages_goal).toMatch(
      /^To enhance service coordination between CalWORKs and Child Welfare/,
    );
    const topics = plan.sections.flatMap((s) => s.items.map((i) => i.fields.topic));
    expect(topics).toEqual([
      "strategic_direction",
      "target_population",
      "client_identification",
      "coordinated_case_planning_protocols",
      "confidentiality",
      "staff_training",
    ]);
    const steps = plan.sections
      .flatMap((s) => [...walkItems(s.items)])
      .filter((e) => e.node.level === "action_step");
    expect(steps).toHaveLength(32);
    expect(steps[0]?.node).toMatchObject({
      number: "1",
      assignee: expect.objectContaining({ text: "M. Lopez & S. Adams (LCs)" }),
    });
    const mine = (await planner.inject({ method: "GET", url: "/api/my/action-steps?state=all" })).json()
      .items;
    expect(mine.length).toBeGreaterThanOrEqual(5);
    // Shared with West County CalWORKs as a joint plan.
    const calworks = await demo("calworks@westcounty.example");
    expect((await calworks.inject({ method: "GET", url: `/api/plans/${summary.id}` })).json().access).toBe(
      "editor",
    );
  });

  it("has the work group plan of seed 000 with objectives I–III, action steps and deliverables", async () => {
    const ta = await demo("ta@strongfoundations.example");
    const memberships = (await ta.inject({ method: "GET", url: "/api/me" })).json().memberships;
    const workGroup = memberships.find(
      (m: { organizationType: string }) => m.organizationType === "partnership",
    );
    await ta.inject({
      method: "PUT",
      url: "/api/me/active-organization",
      payload: { organizationId: workGroup.organizationId },
    });
    const plans = (await ta.inject({ method: "GET", url: "/api/plans" })).json().items;
    const summary = plans.find(
      (p: { title: string }) => p.title === "Community Systems Development Work Group Work Plan",
    );
    const plan: PlanDocument = (await ta.inject({ method: "GET", url: `/api/plans/${summary.id}` })).json();
    const all = [...walkItems(plan.sections[0]?.items ?? [])].map((e) => e.node);
    expect(all.filter((n) => n.level === "objective").map((n) => n.number)).toEqual(["I", "II", "III"]);
    const deliverable = all.find((n) => n.title.startsWith("Statewide awareness level trainings"));
    expect(deliverable?.fields.result).toBe("7 completed");
    expect(all.find((n) => n.title.startsWith("Develop shared/common language"))?.timeframe).toBe(
      "March/April 2011",
    );
  });
});
