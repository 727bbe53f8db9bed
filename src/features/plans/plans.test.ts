import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  auditEventsFor,
  createOrganizationWithRoles,
  createTestApp,
  type Session,
  type TestContext,
} from "../../../test/helpers.ts";
import type { PlanDocument, PlanItemNode } from "./plans.presenter.ts";

let ctx: TestContext;
let county: Awaited<ReturnType<typeof createOrganizationWithRoles>>;
let calworks: Awaited<ReturnType<typeof createOrganizationWithRoles>>;
let stranger: Awaited<ReturnType<typeof createOrganizationWithRoles>>;

beforeAll(async () => {
  ctx = await createTestApp();
  county = await createOrganizationWithRoles(ctx);
  calworks = await createOrganizationWithRoles(ctx, "welfare_to_work");
  stranger = await createOrganizationWithRoles(ctx);
});
afterAll(() => ctx.close());

async function createLinkagesPlan(session: Session = county.manager): Promise<PlanDocument> {
  const response = await session.inject({
    method: "POST",
    url: "/api/plans",
    payload: {
      templateKey: "linkages-work-plan",
      title: "West County Linkages Work Plan",
      periodStart: "2026-01-01",
      header: {
        county: "Any County, CA",
        linkages_goal: "Enhance coordination between CalWORKs and Child Welfare.",
      },
    },
  });
  expect(response.statusCode).toBe(201);
  return response.json();
}

async function addItem(session: Session, planId: string, payload: Record<string, unknown>) {
  const response = await session.inject({ method: "POST", url: `/api/plans/${planId}/items`, payload });
  return response;
}

async function addTopicWithSteps(
  planId: string,
  steps: { title: string; dueDate?: string; assigneeText?: string; assigneeOrganizationId?: string }[],
) {
  const topic = await addItem(county.manager, planId, {
    section: "program_launch",
    level: "topic_area_program_launch",
    title: "Leadership actions are guided by a vision, mission & guiding principles.",
    fields: { topic: "strategic_direction" },
    dueDate: "2026-03-31",
  });
  expect(topic.statusCode).toBe(201);
  const topicId: string = topic.json().item.id;
  const stepIds: string[] = [];
  for (const step of steps) {
    const r = await addItem(county.manager, planId, { parentId: topicId, level: "action_step", ...step });
    expect(r.statusCode).toBe(201);
    stepIds.push(r.json().item.id);
  }
  return { topicId, stepIds };
}

function findItem(plan: PlanDocument, id: string): PlanItemNode | undefined {
  const walk = (nodes: PlanItemNode[]): PlanItemNode | undefined => {
    for (const n of nodes) {
      if (n.id === id) return n;
      const found = walk(n.children);
      if (found) return found;
    }
    return undefined;
  };
  for (const s of plan.sections) {
    const found = walk(s.items);
    if (found) return found;
  }
  return undefined;
}

const getPlan = async (session: Session, id: string) =>
  session.inject({ method: "GET", url: `/api/plans/${id}` });

describe("creating and editing plans", () => {
  it("lists the three templates", async () => {
    const response = await county.viewer.inject({ method: "GET", url: "/api/templates" });
    expect(
      response
        .json()
        .items.map((t: { key: string }) => t.key)
        .sort(),
    ).toEqual(["county-sip", "linkages-work-plan", "partnership-work-plan"]);
  });

  it("creates a Linkages plan whose 12-month period follows from its start, with the template stored in the plan", async () => {
    const plan = await createLinkagesPlan();
    expect(plan.periodEnd).toBe("2026-12-31");
    expect(plan.template.key).toBe("linkages-work-plan");
    expect(plan.access).toBe("owner");
    expect(plan.sections.map((s) => s.key)).toEqual([
      "program_launch",
      "practice_development",
      "administration",
    ]);
  });

  it("refuses an unknown template, unknown header fields and wrong field types, naming each field", async () => {
    const unknownTemplate = await county.manager.inject({
      method: "POST",
      url: "/api/plans",
      payload: { templateKey: "nope", title: "x" },
    });
    expect(unknownTemplate.statusCode).toBe(400);
    const badHeader = await county.manager.inject({
      method: "POST",
      url: "/api/plans",
      payload: {
        templateKey: "linkages-work-plan",
        title: "x",
        header: { county: 5, colour: "red", date: "2026-02-30" },
      },
    });
    expect(badHeader.statusCode).toBe(400);
    expect(
      badHeader
        .json()
        .error.details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(["/body/header/colour", "/body/header/county", "/body/header/date"]);
  });

  it("adds a topic area with numbered action steps; completing one moves progress to 50%", async () => {
    const plan = await createLinkagesPlan();
    const { topicId, stepIds } = await addTopicWithSteps(plan.id, [
      {
        title: "Engage with Planning Team to generate V/M/GP.",
        assigneeText: "M. Lopez & S. Adams (LCs)",
        dueDate: "2026-11-14",
      },
      {
        title: "Refine vision, mission and guiding principles.",
        assigneeText: "W. Smith & D. Fox",
        dueDate: "2027-01-15",
      },
    ]);
    let doc: PlanDocument = (await getPlan(county.staff, plan.id)).json();
    expect(findItem(doc, topicId)?.children.map((c) => c.number)).toEqual(["1", "2"]);
    expect(doc.progress).toEqual({ total: 2, completed: 0, percent: 0 });

    const first = findItem(doc, stepIds[0] ?? "");
    const done = await county.staff.inject({
      method: "PATCH",
      url: `/api/plans/${plan.id}/items/${stepIds[0]}`,
      payload: {
        version: first?.version,
        status: "completed",
        note: { text: "Planning team adopted the vision.", evidenceUrl: "https://example.org/minutes.pdf" },
      },
    });
    expect(done.statusCode).toBe(200);
    doc = done.json().plan;
    expect(doc.progress.percent).toBe(50);
    expect(doc.sections[0]?.progress.percent).toBe(50);
    const notes = await county.viewer.inject({
      method: "GET",
      url: `/api/plans/${plan.id}/items/${stepIds[0]}/notes`,
    });
    expect(notes.json().items[0]).toMatchObject({
      text: "Planning team adopted the vision.",
      statusFrom: "not_started",
      statusTo: "completed",
      evidenceUrl: "https://example.org/minutes.pdf",
    });
  });

  it("refuses an action step at the top of a section and a field the level does not have", async () => {
    const plan = await createLinkagesPlan();
    const topLevel = await addItem(county.manager, plan.id, {
      section: "program_launch",
      level: "action_step",
      title: "x",
    });
    expect(topLevel.statusCode).toBe(400);
    expect(topLevel.json().error.details[0].field).toBe("/body/level");
    const missingTopic = await addItem(county.manager, plan.id, {
      section: "program_launch",
      level: "topic_area_program_launch",
      title: "x",
    });
    expect(missingTopic.json().error.details).toEqual([
      { field: "/body/fields/topic", message: "is required" },
    ]);
    const badTopic = await addItem(county.manager, plan.id, {
      section: "program_launch",
      level: "topic_area_program_launch",
      title: "x",
      fields: { topic: "funding" },
    });
    expect(badTopic.statusCode).toBe(400);
  });

  it("answers a stale edit with 409 and the current version, losing nothing", async () => {
    const plan = await createLinkagesPlan();
    const { stepIds } = await addTopicWithSteps(plan.id, [{ title: "Original" }]);
    const url = `/api/plans/${plan.id}/items/${stepIds[0]}`;
    const first = await county.manager.inject({
      method: "PATCH",
      url,
      payload: { version: 1, title: "First edit" },
    });
    expect(first.statusCode).toBe(200);
    const second = await county.staff.inject({
      method: "PATCH",
      url,
      payload: { version: 1, title: "Second edit" },
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe("conflict.stale_version");
    expect(second.json().error.details[0].currentVersion).toBe(2);
    const doc: PlanDocument = (await getPlan(county.viewer, plan.id)).json();
    expect(findItem(doc, stepIds[0] ?? "")?.title).toBe("First edit");
  });

  it("renumbers when an item moves, and the move can be undone", async () => {
    const plan = await createLinkagesPlan();
    const { topicId, stepIds } = await addTopicWithSteps(plan.id, [
      { title: "A" },
      { title: "B" },
      { title: "C" },
    ]);
    const moved = await county.manager.inject({
      method: "POST",
      url: `/api/plans/${plan.id}/items/${stepIds[2]}/move`,
      payload: { version: 1, position: 0 },
    });
    expect(moved.statusCode).toBe(200);
    const titles = (doc: PlanDocument) =>
      findItem(doc, topicId)?.children.map((c) => `${c.number} ${c.title}`);
    expect(titles(moved.json())).toEqual(["1 C", "2 A", "3 B"]);
    const history = (
      await county.manager.inject({ method: "GET", url: `/api/plans/${plan.id}/history` })
    ).json().items;
    expect(history[0]).toMatchObject({ kind: "item.move", canUndo: true });
    const undone = await county.manager.inject({
      method: "POST",
      url: `/api/plans/${plan.id}/history/${history[0].id}/undo`,
    });
    expect(undone.statusCode).toBe(200);
    expect(titles(undone.json())).toEqual(["1 A", "2 B", "3 C"]);
  });

  it("undoes a mistaken status change and a deletion, keeping the history", async () => {
    const plan = await createLinkagesPlan();
    const { topicId, stepIds } = await addTopicWithSteps(plan.id, [{ title: "Keep me" }, { title: "Other" }]);
    const url = `/api/plans/${plan.id}/items/${stepIds[0]}`;
    await county.staff.inject({ method: "PATCH", url, payload: { version: 1, status: "dropped" } });
    let history = (await county.staff.inject({ method: "GET", url: `/api/plans/${plan.id}/history` })).json()
      .items;
    const statusChange = history.find((h: { kind: string }) => h.kind === "item.update");
    let doc: PlanDocument = (
      await county.staff.inject({
        method: "POST",
        url: `/api/plans/${plan.id}/history/${statusChange.id}/undo`,
      })
    ).json();
    expect(findItem(doc, stepIds[0] ?? "")?.status).toBe("not_started");

    const deleted = await county.manager.inject({
      method: "DELETE",
      url: `/api/plans/${plan.id}/items/${topicId}?version=1`,
    });
    expect(deleted.statusCode).toBe(200);
    expect(findItem(deleted.json(), topicId)).toBeUndefined();
    history = (await county.staff.inject({ method: "GET", url: `/api/plans/${plan.id}/history` })).json()
      .items;
    expect(history[0].kind).toBe("item.delete");
    doc = (
      await county.staff.inject({
        method: "POST",
        url: `/api/plans/${plan.id}/history/${history[0].id}/undo`,
      })
    ).json();
    expect(findItem(doc, topicId)?.children.map((c) => c.title)).toEqual(["Keep me", "Other"]);
    const again = await county.staff.inject({
      method: "POST",
      url: `/api/plans/${plan.id}/history/${history[0].id}/undo`,
    });
    expect(again.statusCode).toBe(400);
  });

  it("refuses to undo a change when the item changed again since", async () => {
    const plan = await createLinkagesPlan();
    const { stepIds } = await addTopicWithSteps(plan.id, [{ title: "v1" }]);
    const url = `/api/plans/${plan.id}/items/${stepIds[0]}`;
    await county.staff.inject({ method: "PATCH", url, payload: { version: 1, title: "v2" } });
    await county.staff.inject({ method: "PATCH", url, payload: { version: 2, title: "v3" } });
    const history = (
      await county.staff.inject({ method: "GET", url: `/api/plans/${plan.id}/history` })
    ).json().items;
    const firstEdit = history.find((h: { after: { title: string } }) => h.after?.title === "v2");
    const response = await county.staff.inject({
      method: "POST",
      url: `/api/plans/${plan.id}/history/${firstEdit.id}/undo`,
    });
    expect(response.statusCode).toBe(409);
  });

  it("edits header fields with optimistic concurrency", async () => {
    const plan = await createLinkagesPlan();
    const ok = await county.staff.inject({
      method: "PATCH",
      url: `/api/plans/${plan.id}`,
      payload: {
        version: 1,
        header: {
          contacts: [{ name: "Michael Lopez", phone: "615 321-4567", email: "mlopez@anycounty.gov" }],
        },
      },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().header.county).toBe("Any County, CA");
    expect(ok.json().header.contacts[0].name).toBe("Michael Lopez");
    const stale = await county.staff.inject({
      method: "PATCH",
      url: `/api/plans/${plan.id}`,
      payload: { version: 1, title: "x" },
    });
    expect(stale.statusCode).toBe(409);
  });
});

describe("sharing and access", () => {
  it("hides a plan from another organization (404) and audits the attempt", async () => {
    const plan = await createLinkagesPlan();
    const response = await getPlan(stranger.admin, plan.id);
    expect(response.statusCode).toBe(404);
    const denial = (await auditEventsFor(ctx, "plan.read")).at(-1);
    expect(denial).toMatchObject({
      outcome: "denied",
      resourceId: plan.id,
      actorUserId: stranger.admin.me.user.id,
    });
    const edit = await stranger.admin.inject({
      method: "PATCH",
      url: `/api/plans/${plan.id}`,
      payload: { version: 1, title: "hacked" },
    });
    expect(edit.statusCode).toBe(404);
    expect((await getPlan(county.viewer, plan.id)).json().title).toBe("West County Linkages Work Plan");
  });

  it("lets a viewer read but not edit", async () => {
    const plan = await createLinkagesPlan();
    expect((await getPlan(county.viewer, plan.id)).statusCode).toBe(200);
    const edit = await county.viewer.inject({
      method: "PATCH",
      url: `/api/plans/${plan.id}`,
      payload: { version: 1, title: "x" },
    });
    expect(edit.statusCode).toBe(403);
  });

  it("lets a contributor partner update only the status of items assigned to it", async () => {
    const plan = await createLinkagesPlan();
    const { stepIds } = await addTopicWithSteps(plan.id, [
      { title: "CalWORKs step", assigneeOrganizationId: calworks.org.id, dueDate: "2026-01-10" },
      { title: "County step" },
    ]);
    // Assigning to the partner shared the plan with it as contributor.
    const shares = (
      await county.manager.inject({ method: "GET", url: `/api/plans/${plan.id}/shares` })
    ).json().items;
    expect(shares).toEqual([
      expect.objectContaining({ organizationId: calworks.org.id, role: "contributor" }),
    ]);
    const listed = (await calworks.staff.inject({ method: "GET", url: "/api/plans" })).json().items;
    expect(listed.map((p: { id: string }) => p.id)).toContain(plan.id);

    const own = `/api/plans/${plan.id}/items/${stepIds[0]}`;
    expect(
      (
        await calworks.staff.inject({
          method: "PATCH",
          url: own,
          payload: { version: 1, status: "in_progress" },
        })
      ).statusCode,
    ).toBe(200);
    const retitle = await calworks.staff.inject({
      method: "PATCH",
      url: own,
      payload: { version: 2, title: "changed" },
    });
    expect(retitle.statusCode).toBe(403);
    const other = await calworks.staff.inject({
      method: "PATCH",
      url: `/api/plans/${plan.id}/items/${stepIds[1]}`,
      payload: { version: 1, status: "completed" },
    });
    expect(other.statusCode).toBe(403);
    const add = await addItem(calworks.staff, plan.id, {
      section: "administration",
      level: "topic_area_administration",
      title: "x",
      fields: { topic: "funding" },
    });
    expect(add.statusCode).toBe(403);

    const mine = (
      await calworks.staff.inject({ method: "GET", url: "/api/my/action-steps?scope=organizations" })
    ).json().items;
    expect(mine.map((i: { title: string }) => i.title)).toEqual(["CalWORKs step"]);
    expect(mine[0].dueState).toBe("overdue");
  });

  it("shares as editor and stops sharing; only owners may share", async () => {
    const plan = await createLinkagesPlan();
    const bySta = await county.staff.inject({
      method: "PUT",
      url: `/api/plans/${plan.id}/shares/${calworks.org.id}`,
      payload: { role: "editor" },
    });
    expect(bySta.statusCode).toBe(403);
    const shared = await county.manager.inject({
      method: "PUT",
      url: `/api/plans/${plan.id}/shares/${calworks.org.id}`,
      payload: { role: "editor" },
    });
    expect(shared.statusCode).toBe(200);
    const edit = await calworks.staff.inject({
      method: "PATCH",
      url: `/api/plans/${plan.id}`,
      payload: { version: 1, title: "Joint plan" },
    });
    expect(edit.statusCode).toBe(200);
    expect(
      (
        await calworks.viewer.inject({
          method: "PATCH",
          url: `/api/plans/${plan.id}`,
          payload: { version: 2, title: "x" },
        })
      ).statusCode,
    ).toBe(403);
    await county.manager.inject({ method: "DELETE", url: `/api/plans/${plan.id}/shares/${calworks.org.id}` });
    expect((await getPlan(calworks.staff, plan.id)).statusCode).toBe(404);
  });
});

describe("tracking", () => {
  it("lists my action steps and the organization's overdue and due-soon items", async () => {
    const plan = await createLinkagesPlan();
    await addTopicWithSteps(plan.id, [
      { title: "Long overdue", dueDate: "2020-01-01" },
      { title: "Far future", dueDate: "2099-01-01" },
    ]);
    const overdue = (
      await county.viewer.inject({ method: "GET", url: "/api/plans-due?state=overdue" })
    ).json().items;
    expect(overdue.map((i: { title: string }) => i.title)).toContain("Long overdue");
    expect(overdue.map((i: { title: string }) => i.title)).not.toContain("Far future");
    const foreign = (
      await stranger.admin.inject({ method: "GET", url: "/api/plans-due?state=overdue" })
    ).json().items;
    expect(foreign.map((i: { planId: string }) => i.planId)).not.toContain(plan.id);

    const me = county.staff.me.user.id;
    const doc = (await getPlan(county.manager, plan.id)).json() as PlanDocument;
    const far = doc.sections[0]?.items[0]?.children.find((c) => c.title === "Far future");
    await county.manager.inject({
      method: "PATCH",
      url: `/api/plans/${plan.id}/items/${far?.id}`,
      payload: { version: far?.version, assigneeUserId: me },
    });
    const mine = (await county.staff.inject({ method: "GET", url: "/api/my/action-steps" })).json().items;
    expect(mine.map((i: { title: string }) => i.title)).toContain("Far future");
    expect(mine.find((i: { title: string }) => i.title === "Far future").parentTitle).toMatch(/vision/);
  });

  it("offers the owner's and partners' people as assignees, and no one else", async () => {
    const plan = await createLinkagesPlan();
    await county.manager.inject({
      method: "PUT",
      url: `/api/plans/${plan.id}/shares/${calworks.org.id}`,
      payload: { role: "viewer" },
    });
    const { people } = (
      await county.staff.inject({ method: "GET", url: `/api/plans/${plan.id}/assignees` })
    ).json();
    const orgs = new Set(people.map((p: { organizationId: string }) => p.organizationId));
    expect([...orgs].sort()).toEqual([county.org.id, calworks.org.id].sort());
  });

  it("refuses to assign someone outside the plan's organizations", async () => {
    const plan = await createLinkagesPlan();
    const { stepIds } = await addTopicWithSteps(plan.id, [{ title: "x" }]);
    const response = await county.manager.inject({
      method: "PATCH",
      url: `/api/plans/${plan.id}/items/${stepIds[0]}`,
      payload: { version: 1, assigneeUserId: stranger.staff.me.user.id },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].field).toBe("/body/assigneeUserId");
  });

  it("finds plans by words in their items", async () => {
    const plan = await createLinkagesPlan();
    await addTopicWithSteps(plan.id, [{ title: "Design posters about the guiding principles" }]);
    const found = (await county.viewer.inject({ method: "GET", url: "/api/plans?q=posters" })).json().items;
    expect(found.map((p: { id: string }) => p.id)).toEqual([plan.id]);
    const none = (await county.viewer.inject({ method: "GET", url: "/api/plans?q=zzzzqqq" })).json().items;
    expect(none).toEqual([]);
  });
});
