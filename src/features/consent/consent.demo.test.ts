import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, signIn, type TestContext } from "../../../test/helpers.ts";
import { seedDemo } from "../../cli/demo.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
  await seedDemo(ctx.database.db, { password: "trellis-demo" });
}, 120_000);
afterAll(() => ctx.close());

describe("demo consents", () => {
  it("shares the Morales family with CalWORKs for joint case planning, and nothing else", async () => {
    const calworks = await signIn(ctx, { email: "calworks@westcounty.example", password: "trellis-demo" });
    const list = (await calworks.inject({ method: "GET", url: "/api/shared/families" })).json().items;
    expect(list.map((f: { displayName: string }) => f.displayName)).toEqual(["Morales family"]);
    const view = await calworks.inject({
      method: "GET",
      url: `/api/shared/families/${list[0].familyId}?purpose=joint_case_planning`,
    });
    expect(Object.keys(view.json().sections).sort()).toEqual([
      "identity_contact",
      "service_plan",
      "welfare_to_work_eligibility",
    ]);
    expect(view.json().sections.welfare_to_work_eligibility.records[0].summary).toMatch(/CalWORKs/);
    expect(view.json().withheld).toContainEqual({
      category: "child_welfare_history",
      reason: "no_consent",
      since: null,
    });
  });

  it("lets the county read the referral it received for a consenting family, and not an expired one", async () => {
    const county = await signIn(ctx, { email: "admin@anycounty.example", password: "trellis-demo" });
    const shared = (await county.inject({ method: "GET", url: "/api/shared/families" })).json().items;
    expect(shared.map((f: { displayName: string }) => f.displayName)).toEqual(["Nguyen family"]);
    const queue = (await county.inject({ method: "GET", url: "/api/referrals/inbound" })).json().items;
    const readable = queue.filter(
      (r: { shared: { contactName: string | null } }) => r.shared.contactName !== null,
    );
    expect(readable.map((r: { shared: { contactName: string } }) => r.shared.contactName)).toContain(
      "Linh Nguyen",
    );
  });
});
