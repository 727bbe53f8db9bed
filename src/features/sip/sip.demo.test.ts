import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, signIn, type TestContext } from "../../../test/helpers.ts";
import { seedDemo } from "../../cli/demo.ts";
import { DEMO_SIP_TITLE } from "./sip.demo.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
  await seedDemo(ctx.database.db, { password: "trellis-demo" });
});
afterAll(() => ctx.close());

const demo = (email: string) => signIn(ctx, { email, password: "trellis-demo" });

describe("demo SIP", () => {
  it("is a draft of Any County whose checks find what the e2e fixes", async () => {
    const planner = await demo("planner@anycounty.example");
    const list = (await planner.inject({ method: "GET", url: "/api/plans?templateKey=county-sip" })).json()
      .items;
    const sip = list.find((p: { title: string }) => p.title === DEMO_SIP_TITLE);
    expect(sip).toMatchObject({ status: "draft" });
    const checks = (await planner.inject({ method: "GET", url: `/api/plans/${sip.id}/checks` })).json();
    const codes = checks.findings.map((f: { code: string }) => f.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        "sip.core_representative_missing",
        "sip.strategy_without_rationale",
        "sip.milestone_without_assignee",
        "sip.milestone_not_completed_action",
      ]),
    );
    // No other error: fixing those three leaves the plan ready to submit.
    expect(checks.errors).toBe(3);
    const workflow = (await planner.inject({ method: "GET", url: `/api/plans/${sip.id}/workflow` })).json();
    expect(workflow).toMatchObject({ status: "draft", posting: null, versions: [] });
  });

  it("gives Any County performance with a masked period and P1 needing improvement", async () => {
    const planner = await demo("planner@anycounty.example");
    const measures = (await planner.inject({ method: "GET", url: "/api/measures" })).json();
    expect(measures.county).toBe("Any County");
    const byCode = new Map(
      measures.items.map((m: { measure: { code: string } }) => [m.measure.code, m] as const),
    );
    expect(byCode.get("P1")).toMatchObject({ needsImprovement: { computed: true, effective: true } });
    expect(byCode.get("S2")).toMatchObject({ needsImprovement: { computed: false, effective: false } });
    // Which of the organization's SIP components answers each measure; none of another organization's.
    expect(byCode.get("P1")).toMatchObject({
      components: [
        expect.objectContaining({
          planTitle: DEMO_SIP_TITLE,
          title: "P1 Permanency in 12 months for children entering care",
        }),
      ],
    });
    expect(byCode.get("S2")).toMatchObject({ components: [] });
    const outsider = await demo("calworks@westcounty.example");
    const seen = (await outsider.inject({ method: "GET", url: "/api/measures?county=Any%20County" })).json();
    expect(seen.items.flatMap((m: { components: unknown[] }) => m.components)).toEqual([]);
    const s1 = (await planner.inject({ method: "GET", url: "/api/measures/S1/series" })).json();
    expect(s1.points).toHaveLength(4);
    expect(s1.points[2]).toMatchObject({ masked: true, value: null });
    // The latest value (7.9) is better than national (9.07): a safety measure that needs no component.
    expect(s1.needsImprovement.computed).toBe(false);
  });
});
