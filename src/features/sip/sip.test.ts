import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  auditEventsFor,
  createOrganization,
  createTestApp,
  createUser,
  type Session,
  signIn,
  type TestContext,
} from "../../../test/helpers.ts";
import { todayIn } from "../../server/config.ts";
import type { PlanDocument } from "../plans/plans.presenter.ts";
import { anniversary } from "./sip.workflow.ts";

let ctx: TestContext;
let county: Session;
let countyStaff: Session;
let reviewer: Session;
let otherStateReviewer: Session;
let stranger: Session;
const today = todayIn("America/Los_Angeles");

beforeAll(async () => {
  ctx = await createTestApp();
  const any = await createOrganization(ctx, {
    name: "Any County CWS",
    type: "county_child_welfare",
    jurisdiction: "Any County",
  });
  county = await signIn(ctx, await createUser(ctx, { organizationId: any.id, role: "manager" }));
  countyStaff = await signIn(ctx, await createUser(ctx, { organizationId: any.id, role: "staff" }));
  const state = await createOrganization(ctx, {
    name: "State SIP Review Team",
    type: "state_agency",
    jurisdiction: "California",
  });
  reviewer = await signIn(
    ctx,
    await createUser(ctx, { organizationId: state.id, role: "staff", capabilities: ["state_reviewer"] }),
  );
  const nevada = await createOrganization(ctx, {
    name: "Nevada Child and Family Services Review",
    type: "state_agency",
    jurisdiction: "Nevada",
    stateCode: "NV",
  });
  otherStateReviewer = await signIn(
    ctx,
    await createUser(ctx, { organizationId: nevada.id, role: "staff", capabilities: ["state_reviewer"] }),
  );
  const west = await createOrganization(ctx, {
    name: "West County CWS",
    type: "county_child_welfare",
    jurisdiction: "West County",
  });
  stranger = await signIn(ctx, await createUser(ctx, { organizationId: west.id, role: "admin" }));
});
afterAll(() => ctx.close());

const CORE = [
  "cws_administrator",
  "cws_manager",
  "cws_social_worker",
  "probation",
  "probation_supervisor",
  "probation_officer",
  "foster_parent",
  "adoptions_agency",
];

/** A SIP that meets the guide: one component, goal, strategy with rationale, milestone with timeframe and assignee. */
async function completeSip(session: Session = county) {
  const plan: PlanDocument = (
    await session.inject({
      method: "POST",
      url: "/api/plans",
      payload: {
        templateKey: "county-sip",
        title: "Any County SIP",
        periodStart: "2026-01-01",
        header: { county: "Any County", responsible_agency: "Any County Child Welfare Services" },
      },
    })
  ).json();
  const add = async (payload: Record<string, unknown>) => {
    const r = await session.inject({ method: "POST", url: `/api/plans/${plan.id}/items`, payload });
    expect(r.statusCode).toBe(201);
    return r.json().item.id as string;
  };
  const component = await add({
    section: "components",
    level: "component",
    title: "Recurrence of maltreatment",
    fields: { measure_code: "S2", current_performance: "10.2%" },
  });
  const goal = await add({
    parentId: component,
    level: "goal",
    title: "Reduce recurrence of maltreatment to 9.7% or less.",
  });
  const strategy = await add({
    parentId: goal,
    level: "strategy",
    title: "Expand Differential Response for families with a first referral.",
    fields: { rationale: "Families reached early are less likely to be re-referred." },
  });
  const milestone = await add({
    parentId: strategy,
    level: "milestone",
    title: "Training for all Differential Response staff completed.",
    timeframe: "6 months",
    assigneeText: "Program manager, Differential Response",
    dueDate: "2026-06-30",
  });
  for (const representative of CORE) {
    await session.inject({
      method: "POST",
      url: `/api/plans/${plan.id}/team`,
      payload: { name: `Rep ${representative}`, affiliation: "Any County", category: "core", representative },
    });
  }
  return { planId: plan.id, component, goal, strategy, milestone };
}

const move = (session: Session, planId: string, body: Record<string, unknown>) =>
  session.inject({ method: "POST", url: `/api/plans/${planId}/transitions`, payload: body });

describe("SIP life cycle", () => {
  it("goes from draft to accepted by role, hidden from the state until submitted, frozen under review, versioned at acceptance", async () => {
    const sip = await completeSip();
    const checks = (await county.inject({ method: "GET", url: `/api/plans/${sip.planId}/checks` })).json();
    expect(checks.findings.filter((f: { severity: string }) => f.severity === "error")).toEqual([]);

    // A state reviewer never sees a draft.
    expect((await reviewer.inject({ method: "GET", url: `/api/plans/${sip.planId}` })).statusCode).toBe(404);
    expect((await reviewer.inject({ method: "GET", url: "/api/state-review/sips" })).json().items).toEqual(
      [],
    );

    // Staff may edit but not move the plan; only the county's managers do.
    expect((await move(countyStaff, sip.planId, { to: "team_review" })).statusCode).toBe(403);
    expect((await move(county, sip.planId, { to: "submitted" })).statusCode).toBe(409);
    expect((await move(county, sip.planId, { to: "team_review" })).statusCode).toBe(200);
    expect((await move(county, sip.planId, { to: "board_approval" })).statusCode).toBe(200);
    const noBoard = await move(county, sip.planId, { to: "submitted" });
    expect(noBoard.statusCode).toBe(400);
    expect(noBoard.json().error.details.map((d: { field: string }) => d.field)).toEqual([
      "/body/boardApprovalDate",
      "/body/agendaItem",
    ]);
    const submitted = await move(county, sip.planId, {
      to: "submitted",
      boardApprovalDate: "2026-05-12",
      agendaItem: "Board agenda item 14, May 12",
    });
    expect(submitted.statusCode).toBe(200);

    // Now the state sees it, the county cannot start the state's review, and nothing can be edited.
    expect((await reviewer.inject({ method: "GET", url: `/api/plans/${sip.planId}` })).json().access).toBe(
      "viewer",
    );
    expect(
      (await reviewer.inject({ method: "GET", url: "/api/state-review/sips" }))
        .json()
        .items.map((p: { id: string }) => p.id),
    ).toEqual([sip.planId]);
    // A reviewer of another state neither lists nor opens it.
    expect(
      (await otherStateReviewer.inject({ method: "GET", url: "/api/state-review/sips" })).json().items,
    ).toEqual([]);
    expect(
      (await otherStateReviewer.inject({ method: "GET", url: `/api/plans/${sip.planId}` })).statusCode,
    ).toBe(404);
    expect((await move(otherStateReviewer, sip.planId, { to: "state_review" })).statusCode).toBe(404);
    expect((await move(county, sip.planId, { to: "state_review" })).statusCode).toBe(403);
    expect((await move(reviewer, sip.planId, { to: "state_review" })).statusCode).toBe(200);
    const locked = await county.inject({
      method: "PATCH",
      url: `/api/plans/${sip.planId}/items/${sip.milestone}`,
      payload: { version: 1, status: "in_progress" },
    });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error.code).toBe("plan.locked");

    // Threaded comments per component, resolved by either side.
    const comment = await reviewer.inject({
      method: "POST",
      url: `/api/plans/${sip.planId}/review-comments`,
      payload: { itemId: sip.component, body: "Please state the baseline period for 10.2%." },
    });
    expect(comment.statusCode).toBe(201);
    await county.inject({
      method: "POST",
      url: `/api/plans/${sip.planId}/review-comments`,
      payload: { parentId: comment.json().id, body: "Quarter ending June 30." },
    });
    await reviewer.inject({
      method: "PUT",
      url: `/api/plans/${sip.planId}/review-comments/${comment.json().id}/resolution`,
      payload: { resolved: true },
    });
    const thread = (
      await county.inject({ method: "GET", url: `/api/plans/${sip.planId}/review-comments` })
    ).json().items;
    expect(thread).toEqual([
      expect.objectContaining({ itemId: sip.component, resolved: true }),
      expect.objectContaining({ parentId: comment.json().id, body: "Quarter ending June 30." }),
    ]);
    expect(
      (await stranger.inject({ method: "GET", url: `/api/plans/${sip.planId}/review-comments` })).statusCode,
    ).toBe(404);

    expect((await move(reviewer, sip.planId, { to: "negotiation" })).statusCode).toBe(400);
    expect(
      (await move(reviewer, sip.planId, { to: "negotiation", note: "Baseline period to be added." }))
        .statusCode,
    ).toBe(200);
    expect((await move(county, sip.planId, { to: "state_review" })).statusCode).toBe(200);
    expect((await move(reviewer, sip.planId, { to: "accepted" })).statusCode).toBe(200);

    const versions = (await county.inject({ method: "GET", url: `/api/plans/${sip.planId}/versions` })).json()
      .items;
    expect(versions).toEqual([expect.objectContaining({ version: 1, annualUpdateDue: anniversary(today) })]);
    const workflow = (
      await county.inject({ method: "GET", url: `/api/plans/${sip.planId}/workflow` })
    ).json();
    expect(workflow.events.map((e: { to: string }) => e.to)).toEqual([
      "team_review",
      "board_approval",
      "submitted",
      "state_review",
      "negotiation",
      "state_review",
      "accepted",
    ]);
    expect(workflow.events[2].data).toEqual({
      boardApprovalDate: "2026-05-12",
      agendaItem: "Board agenda item 14, May 12",
    });
    expect((await auditEventsFor(ctx, "plan.transition")).length).toBeGreaterThanOrEqual(7);

    // Accepted: progress can be tracked, content cannot change until an annual update starts.
    const tracked = await county.inject({
      method: "PATCH",
      url: `/api/plans/${sip.planId}/items/${sip.milestone}`,
      payload: { version: 1, status: "completed" },
    });
    expect(tracked.statusCode).toBe(200);
    const retitle = await county.inject({
      method: "PATCH",
      url: `/api/plans/${sip.planId}/items/${sip.milestone}`,
      payload: { version: 2, title: "x" },
    });
    expect(retitle.statusCode).toBe(409);

    // The annual update: a new draft whose differences from version 1 are listed.
    expect(
      (await move(county, sip.planId, { to: "draft", note: "Annual SIP progress report" })).statusCode,
    ).toBe(200);
    await county.inject({
      method: "POST",
      url: `/api/plans/${sip.planId}/items`,
      payload: {
        parentId: sip.strategy,
        level: "milestone",
        title: "Differential Response available countywide.",
        timeframe: "12 months",
        assigneeText: "Deputy director",
        dueDate: "2027-06-30",
      },
    });
    const diff = (
      await county.inject({ method: "GET", url: `/api/plans/${sip.planId}/versions/diff?from=1&to=current` })
    ).json();
    expect(diff.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          change: "added",
          number: "1.1.2",
          title: "Differential Response available countywide.",
        }),
        expect.objectContaining({
          change: "changed",
          itemId: sip.milestone,
          fields: { status: ["not_started", "completed"] },
        }),
      ]),
    );
  });

  it("blocks submission while the guide's checks find errors, naming them", async () => {
    const sip = await completeSip();
    await county.inject({
      method: "POST",
      url: `/api/plans/${sip.planId}/items`,
      payload: {
        parentId: sip.strategy,
        level: "milestone",
        title: "Protocol adopted.",
        timeframe: "3 months",
      },
    });
    const checks = (await county.inject({ method: "GET", url: `/api/plans/${sip.planId}/checks` })).json();
    expect(checks.errors).toBeGreaterThan(0);
    await move(county, sip.planId, { to: "team_review" });
    await move(county, sip.planId, { to: "board_approval" });
    const blocked = await move(county, sip.planId, {
      to: "submitted",
      boardApprovalDate: "2026-05-12",
      agendaItem: "Item 3",
    });
    expect(blocked.statusCode).toBe(422);
    expect(blocked.json().error.code).toBe("workflow.checks_failing");
    expect(blocked.json().error.details.length).toBe(checks.errors);
  });

  it("refuses the SIP's checks, team and workflow to another county", async () => {
    const sip = await completeSip();
    for (const url of [
      `/api/plans/${sip.planId}/checks`,
      `/api/plans/${sip.planId}/team`,
      `/api/plans/${sip.planId}/workflow`,
    ]) {
      expect((await stranger.inject({ method: "GET", url })).statusCode).toBe(404);
    }
    expect((await move(stranger, sip.planId, { to: "team_review" })).statusCode).toBe(404);
    expect((await county.inject({ method: "GET", url: "/api/state-review/sips" })).statusCode).toBe(403);
  });
});

describe("public posting", () => {
  it("posts a plan for public comment; comments wait for moderation, and only posted plans are public", async () => {
    const sip = await completeSip();
    const early = await county.inject({
      method: "PUT",
      url: `/api/plans/${sip.planId}/public-posting`,
      payload: { commentsOpenFrom: today, commentsOpenUntil: anniversary(today) },
    });
    expect(early.statusCode).toBe(409);
    await move(county, sip.planId, { to: "team_review" });
    await move(county, sip.planId, { to: "board_approval" });
    const posted = await county.inject({
      method: "PUT",
      url: `/api/plans/${sip.planId}/public-posting`,
      payload: { commentsOpenFrom: today, commentsOpenUntil: anniversary(today) },
    });
    expect(posted.statusCode).toBe(200);
    const { slug } = posted.json();

    const page = await ctx.app.inject({ method: "GET", url: `/api/public/plans/${slug}` });
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ commentsOpen: true, comments: [] });
    expect(page.json().plan.title).toBe("Any County SIP");
    expect(
      (await ctx.app.inject({ method: "GET", url: "/api/public/plans/nonexistent-slug" })).statusCode,
    ).toBe(404);

    const comment = await ctx.app.inject({
      method: "POST",
      url: `/api/public/plans/${slug}/comments`,
      payload: { body: "Please add services in the east county." },
    });
    expect(comment.statusCode).toBe(201);
    expect(comment.json().status).toBe("pending");
    expect(
      (
        await ctx.app.inject({
          method: "POST",
          url: `/api/public/plans/${slug}/comments`,
          payload: { body: "x".repeat(2001) },
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (await ctx.app.inject({ method: "GET", url: `/api/public/plans/${slug}` })).json().comments,
    ).toEqual([]);

    const queue = (
      await county.inject({ method: "GET", url: `/api/plans/${sip.planId}/public-comments` })
    ).json().items;
    expect(queue[0]).toMatchObject({ status: "pending", name: null });
    await county.inject({
      method: "PUT",
      url: `/api/plans/${sip.planId}/public-comments/${queue[0].id}`,
      payload: { status: "published", response: "Strategy 1.1 now covers the east county." },
    });
    const published = (await ctx.app.inject({ method: "GET", url: `/api/public/plans/${slug}` })).json()
      .comments;
    expect(published).toEqual([
      expect.objectContaining({
        body: "Please add services in the east county.",
        response: "Strategy 1.1 now covers the east county.",
      }),
    ]);
    expect(
      (await stranger.inject({ method: "GET", url: `/api/plans/${sip.planId}/public-comments` })).statusCode,
    ).toBe(404);
  });

  it("closes comments outside the period and limits the rate of public comments", async () => {
    const sip = await completeSip();
    await move(county, sip.planId, { to: "team_review" });
    await move(county, sip.planId, { to: "board_approval" });
    const closed = (
      await county.inject({
        method: "PUT",
        url: `/api/plans/${sip.planId}/public-posting`,
        payload: { commentsOpenFrom: "2020-01-01", commentsOpenUntil: "2020-02-01" },
      })
    ).json();
    const late = await ctx.app.inject({
      method: "POST",
      url: `/api/public/plans/${closed.slug}/comments`,
      payload: { body: "Too late?" },
    });
    expect(late.statusCode).toBe(409);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      statuses.push(
        (
          await ctx.app.inject({
            method: "POST",
            url: `/api/public/plans/${closed.slug}/comments`,
            payload: { body: "again" },
          })
        ).statusCode,
      );
    }
    expect(statuses).toContain(429);
  });
});
