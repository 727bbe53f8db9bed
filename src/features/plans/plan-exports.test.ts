import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  auditEventsFor,
  createOrganizationWithRoles,
  createTestApp,
  type TestContext,
} from "../../../test/helpers.ts";
import type { PlanDocument } from "./plans.presenter.ts";

let ctx: TestContext;
let county: Awaited<ReturnType<typeof createOrganizationWithRoles>>;
let stranger: Awaited<ReturnType<typeof createOrganizationWithRoles>>;
let plan: PlanDocument;
let topicId: string;

beforeAll(async () => {
  ctx = await createTestApp();
  county = await createOrganizationWithRoles(ctx);
  stranger = await createOrganizationWithRoles(ctx);
  plan = (
    await county.manager.inject({
      method: "POST",
      url: "/api/plans",
      payload: {
        templateKey: "linkages-work-plan",
        title: "West County Linkages Work Plan",
        periodStart: "2026-01-01",
        header: { county: "Any County, CA" },
      },
    })
  ).json();
  topicId = (
    await county.manager.inject({
      method: "POST",
      url: `/api/plans/${plan.id}/items`,
      payload: {
        section: "program_launch",
        level: "topic_area_program_launch",
        title: "Vision adopted.",
        fields: { topic: "strategic_direction" },
        dueDate: "2026-03-31",
      },
    })
  ).json().item.id;
  await county.manager.inject({
    method: "POST",
    url: `/api/plans/${plan.id}/items`,
    payload: {
      parentId: topicId,
      level: "action_step",
      title: "Engage with Planning Team.",
      assigneeText: "M. Lopez & S. Adams (LCs)",
      dueDate: "2026-11-14",
      assigneeUserId: county.staff.me.user.id,
    },
  });
});
afterAll(() => ctx.close());

const exportAs = (format: string, session = county.viewer, locale = "en") =>
  session.inject({ method: "GET", url: `/api/plans/${plan.id}/export?format=${format}&locale=${locale}` });

describe("plan exports", () => {
  it("exports Word with the plan's values in the document, and audits the export", async () => {
    const response = await exportAs("docx");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("wordprocessingml");
    expect(response.headers["content-disposition"]).toBe(
      'attachment; filename="West-County-Linkages-Work-Plan.docx"',
    );
    const xml = await (await JSZip.loadAsync(response.rawPayload)).file("word/document.xml")?.async("string");
    expect(xml).toContain("Engage with Planning Team.");
    expect(xml).toContain("M. Lopez &amp; S. Adams (LCs)");
    expect((await auditEventsFor(ctx, "plan.export")).at(-1)).toMatchObject({
      outcome: "success",
      resourceId: plan.id,
    });
  });

  it("exports PDF, Excel and CSV", async () => {
    const pdf = await exportAs("pdf");
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    const xlsx = await exportAs("xlsx");
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe("PK");
    const csv = await exportAs("csv");
    expect(csv.body).toContain("Engage with Planning Team.");
    expect(csv.headers["content-disposition"]).toContain("-action-steps.csv");
  });

  it("refuses an unknown format and another organization", async () => {
    expect((await exportAs("rtf")).statusCode).toBe(400);
    expect((await exportAs("docx", stranger.admin)).statusCode).toBe(404);
  });
});

describe("CSV import of action steps", () => {
  it("imports the rows of an exported file under their topic area, all of them", async () => {
    const csv = (await exportAs("csv")).body.replace(/^\uFEFF/, "");
    const [header = "", line = ""] = csv.split(/\r?\n/);
    const copy = line.replace("Engage with Planning Team.", "Second step from CSV.");
    const response = await county.staff.inject({
      method: "POST",
      url: `/api/plans/${plan.id}/import`,
      headers: { "content-type": "text/csv" },
      payload: `${header}\n${copy}\n`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().imported).toBe(1);
    const topic = (response.json().plan as PlanDocument).sections[0]?.items.find((i) => i.id === topicId);
    expect(topic?.children.map((c) => `${c.number} ${c.title}`)).toEqual([
      "1 Engage with Planning Team.",
      "2 Second step from CSV.",
    ]);
  });

  it("reports errors per line and imports nothing when any row is wrong", async () => {
    const csv = (await exportAs("csv")).body.replace(/^\uFEFF/, "");
    const [header = "", line = ""] = csv.split(/\r?\n/);
    const bad = line.replace(/2026-11-14/, "2026-02-30");
    const before = (
      await county.viewer.inject({ method: "GET", url: `/api/plans/${plan.id}` })
    ).json() as PlanDocument;
    const response = await county.staff.inject({
      method: "POST",
      url: `/api/plans/${plan.id}/import`,
      headers: { "content-type": "text/csv" },
      payload: `${header}\n${line.replace("Engage", "Fine")}\n${bad}\n`,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toEqual([expect.objectContaining({ field: "line 3: due_date" })]);
    const after = (
      await county.viewer.inject({ method: "GET", url: `/api/plans/${plan.id}` })
    ).json() as PlanDocument;
    expect(after.version).toBe(before.version);
    expect(JSON.stringify(after.sections)).toBe(JSON.stringify(before.sections));
  });

  it("refuses viewers and non-CSV bodies", async () => {
    const viewer = await county.viewer.inject({
      method: "POST",
      url: `/api/plans/${plan.id}/import`,
      headers: { "content-type": "text/csv" },
      payload: "a",
    });
    expect(viewer.statusCode).toBe(403);
    const json = await county.staff.inject({
      method: "POST",
      url: `/api/plans/${plan.id}/import`,
      payload: { rows: [] },
    });
    expect(json.statusCode).toBe(415);
  });
});

describe("calendar feed", () => {
  it("serves my due dates at a secret URL that a new URL replaces", async () => {
    const first = (await county.staff.inject({ method: "POST", url: "/api/calendar-feed" })).json()
      .url as string;
    const path = new URL(first).pathname;
    const ics = await ctx.app.inject({ method: "GET", url: path });
    expect(ics.statusCode).toBe(200);
    expect(ics.headers["content-type"]).toContain("text/calendar");
    expect(ics.body).toContain("BEGIN:VCALENDAR");
    expect(ics.body).toMatch(/DTSTART;VALUE=DATE:20261114/);
    expect(ics.body).toContain("Engage with Planning Team.");
    const second = (await county.staff.inject({ method: "POST", url: "/api/calendar-feed" })).json()
      .url as string;
    expect(second).not.toBe(first);
    expect((await ctx.app.inject({ method: "GET", url: path })).statusCode).toBe(404);
    expect((await county.staff.inject({ method: "GET", url: "/api/calendar-feed" })).json().exists).toBe(
      true,
    );
  });
});
