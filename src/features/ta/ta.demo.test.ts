import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, signIn, type TestContext } from "../../../test/helpers.ts";
import { seedDemo } from "../../cli/demo.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
  await seedDemo(ctx.database.db, { password: "trellis-demo" });
}, 120_000);
afterAll(() => ctx.close());

describe("demo TA coordination", () => {
  it("has the work group's partnerships, four requests with one overlap, and engagements", async () => {
    const priya = await signIn(ctx, { email: "ta@strongfoundations.example", password: "trellis-demo" });
    const sam = await signIn(ctx, { email: "ta2@ecsta.example", password: "trellis-demo" });
    // Priya also belongs to the work group (a partnership, not a TA provider) — listed first, so active first.
    const strong = (
      priya.me as unknown as { memberships: { organizationId: string; organizationName: string }[] }
    ).memberships.find((m) => m.organizationName === "Strong Foundations TA Network");
    const switched = await priya.inject({
      method: "PUT",
      url: "/api/me/active-organization",
      payload: { organizationId: strong?.organizationId },
    });
    expect(switched.statusCode).toBe(200);
    const partnerships = (await sam.inject({ method: "GET", url: "/api/partnerships" })).json().items;
    expect(partnerships.map((p: { name: string }) => p.name)).toEqual([
      "Any County Home Visiting Partnership",
      "Community Systems Development Work Group",
      "Harbor Early Childhood Collaborative",
    ]);
    const homeVisiting = partnerships[0];
    expect(homeVisiting).toMatchObject({ currentLevel: "cooperation", memberCount: 6 });
    expect(homeVisiting.sectors).toHaveLength(6);

    const requests = (await priya.inject({ method: "GET", url: "/api/ta/requests" })).json().items;
    expect(requests).toHaveLength(4);
    const overlaps = (await sam.inject({ method: "GET", url: "/api/ta/overlaps" })).json().items;
    expect(overlaps).toHaveLength(1);
    expect(overlaps[0]).toMatchObject({ reason: "same_partnership", status: "open" });
    expect([overlaps[0].a.organizationName, overlaps[0].b.organizationName].sort()).toEqual([
      "Early Childhood Systems TA Center",
      "Strong Foundations TA Network",
    ]);

    const engagements = (await priya.inject({ method: "GET", url: "/api/ta/engagements" })).json().items;
    expect(engagements.map((e: { status: string }) => e.status).sort()).toEqual(["completed", "in_progress"]);
    const dashboard = (await priya.inject({ method: "GET", url: "/api/ta/dashboard" })).json();
    expect(dashboard).toMatchObject({ stateCode: "CA", overlapsOpen: 1 });
    expect(dashboard.openRequests.count).toBe(3);
    expect(dashboard.communities).toContain("Harbor");

    // The county sees the request it logged for itself, not the providers' others.
    const county = await signIn(ctx, { email: "admin@anycounty.example", password: "trellis-demo" });
    const own = (await county.inject({ method: "GET", url: "/api/ta/requests" })).json().items;
    expect(own.map((r: { topic: string }) => r.topic)).toEqual([
      "Trauma-informed practice awareness for child welfare staff",
    ]);
  });
});
