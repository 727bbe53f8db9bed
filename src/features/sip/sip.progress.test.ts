import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createOrganization,
  createTestApp,
  createUser,
  type Session,
  signIn,
  type TestContext,
} from "../../../test/helpers.ts";
import { measureProgress, type ProgressPoint } from "./sip.progress.ts";

const at = (iso: string) => new Date(`${iso}T12:00:00Z`);
const p = (periodEnd: string, value: number | null, imported: string): ProgressPoint => ({
  periodEnd,
  periodLabel: periodEnd,
  value,
  masked: value === null,
  importedAt: at(imported),
});

describe("measureProgress", () => {
  it("takes the latest value as the baseline before acceptance and reports no progress yet", () => {
    const result = measureProgress(
      [p("2025-09-30", 10.2, "2025-11-01"), p("2024-09-30", 11, "2025-11-01")],
      null,
      "lower",
    );
    expect(result.baseline?.value).toBe(10.2);
    expect(result.later).toEqual([]);
    expect(result.change).toBeNull();
  });

  it("compares later imports with the baseline in the measure's direction", () => {
    const points = [p("2025-09-30", 10.2, "2025-11-01"), p("2026-09-30", 9.1, "2026-11-01")];
    const lower = measureProgress(points, at("2026-01-15"), "lower");
    expect(lower).toMatchObject({ change: -1.1, trend: "better" });
    expect(lower.baseline?.periodEnd).toBe("2025-09-30");
    expect(lower.later.map((l) => l.periodEnd)).toEqual(["2026-09-30"]);
    expect(measureProgress(points, at("2026-01-15"), "higher").trend).toBe("worse");
  });

  it("gives no number when either end is masked", () => {
    const points = [p("2025-09-30", 10.2, "2025-11-01"), p("2026-09-30", null, "2026-11-01")];
    expect(measureProgress(points, at("2026-01-15"), "lower")).toMatchObject({ change: null, trend: null });
  });
});

let ctx: TestContext;
let county: Session;
let reviewer: Session;
let stranger: Session;

beforeAll(async () => {
  ctx = await createTestApp();
  const any = await createOrganization(ctx, {
    name: "Progress County CWS",
    type: "county_child_welfare",
    jurisdiction: "Progress County",
  });
  county = await signIn(ctx, await createUser(ctx, { organizationId: any.id, role: "manager" }));
  const state = await createOrganization(ctx, {
    name: "State SIP Review",
    type: "state_agency",
    jurisdiction: "California",
  });
  reviewer = await signIn(
    ctx,
    await createUser(ctx, { organizationId: state.id, role: "staff", capabilities: ["state_reviewer"] }),
  );
  const other = await createOrganization(ctx, {
    name: "Other County CWS",
    type: "county_child_welfare",
    jurisdiction: "Other County",
  });
  stranger = await signIn(ctx, await createUser(ctx, { organizationId: other.id, role: "admin" }));
});
afterAll(() => ctx.close());

const importCsv = (rows: string) =>
  county.inject({
    method: "POST",
    url: "/api/measures/performance/import",
    headers: { "content-type": "text/csv" },
    payload: `measure_code,county,period,numerator,denominator,value\n${rows}\n`,
  });

describe("GET /api/plans/:id/components/progress", () => {
  it("shows each component's baseline and goals, then the progress imported after acceptance", async () => {
    expect((await importCsv("S2,Progress County,2025-09-30,,,10.2")).statusCode).toBe(200);
    const plan = (
      await county.inject({
        method: "POST",
        url: "/api/plans",
        payload: {
          templateKey: "county-sip",
          title: "Progress County SIP",
          periodStart: "2026-01-01",
          header: { county: "Progress County", responsible_agency: "Progress County CWS" },
        },
      })
    ).json();
    const add = async (payload: Record<string, unknown>) =>
      (await county.inject({ method: "POST", url: `/api/plans/${plan.id}/items`, payload })).json().item.id;
    const component = await add({
      section: "components",
      level: "component",
      title: "Recurrence of maltreatment",
      fields: { measure_code: "S2" },
    });
    const goal = await add({
      parentId: component,
      level: "goal",
      title: "Reduce recurrence to 9.7% or less.",
    });
    const strategy = await add({
      parentId: goal,
      level: "strategy",
      title: "Expand Differential Response.",
      fields: { rationale: "Early help prevents re-referral." },
    });
    await add({
      parentId: strategy,
      level: "milestone",
      title: "Training for all staff completed.",
      timeframe: "6 months",
      assigneeText: "Program manager",
      dueDate: "2026-06-30",
    });
    for (const representative of [
      "cws_administrator",
      "cws_manager",
      "cws_social_worker",
      "probation",
      "probation_supervisor",
      "probation_officer",
      "foster_parent",
      "adoptions_agency",
    ]) {
      await county.inject({
        method: "POST",
        url: `/api/plans/${plan.id}/team`,
        payload: { name: representative, affiliation: "Progress County", category: "core", representative },
      });
    }
    const url = `/api/plans/${plan.id}/components/progress`;
    const before = (await county.inject({ method: "GET", url })).json();
    expect(before).toMatchObject({ county: "Progress County", acceptedAt: null });
    expect(before.items).toEqual([
      expect.objectContaining({
        itemId: component,
        measureCode: "S2",
        measure: expect.objectContaining({ code: "S2", better: "lower", nationalPerformance: 9.7 }),
        goals: [{ number: "1.0", title: "Reduce recurrence to 9.7% or less." }],
        baseline: expect.objectContaining({ periodEnd: "2025-09-30", value: 10.2 }),
        later: [],
        change: null,
      }),
    ]);

    const move = (session: Session, body: Record<string, unknown>) =>
      session.inject({ method: "POST", url: `/api/plans/${plan.id}/transitions`, payload: body });
    expect((await move(county, { to: "team_review" })).statusCode).toBe(200);
    expect((await move(county, { to: "board_approval" })).statusCode).toBe(200);
    expect(
      (await move(county, { to: "submitted", boardApprovalDate: "2026-05-12", agendaItem: "Item 14" }))
        .statusCode,
    ).toBe(200);
    expect((await move(reviewer, { to: "state_review" })).statusCode).toBe(200);
    expect((await move(reviewer, { to: "accepted" })).statusCode).toBe(200);

    expect((await importCsv("S2,Progress County,2026-09-30,,,9.1")).statusCode).toBe(200);
    const after = (await reviewer.inject({ method: "GET", url })).json();
    expect(after.acceptedAt).not.toBeNull();
    expect(after.items[0]).toMatchObject({
      baseline: { periodEnd: "2025-09-30", value: 10.2 },
      latest: { periodEnd: "2026-09-30", value: 9.1 },
      later: [{ periodEnd: "2026-09-30", value: 9.1, masked: false }],
      change: -1.1,
      trend: "better",
    });
    expect((await stranger.inject({ method: "GET", url })).statusCode).toBe(404);
  });
});
