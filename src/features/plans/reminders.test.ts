import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrganizationWithRoles, createTestApp, type TestContext } from "../../../test/helpers.ts";
import { outboxMessages } from "../../db/schema/index.ts";
import { runDailyReminders } from "./reminders.ts";

let ctx: TestContext;
let county: Awaited<ReturnType<typeof createOrganizationWithRoles>>;

beforeAll(async () => {
  ctx = await createTestApp();
  county = await createOrganizationWithRoles(ctx);
});
afterAll(() => ctx.close());

describe("daily reminders", () => {
  it("sends each assignee one digest of overdue and due-soon steps, once per day however often it runs", async () => {
    const plan = (
      await county.manager.inject({
        method: "POST",
        url: "/api/plans",
        payload: { templateKey: "linkages-work-plan", title: "Reminder plan", header: { county: "Any" } },
      })
    ).json();
    const topic = (
      await county.manager.inject({
        method: "POST",
        url: `/api/plans/${plan.id}/items`,
        payload: {
          section: "administration",
          level: "topic_area_administration",
          title: "t",
          fields: { topic: "funding" },
        },
      })
    ).json();
    const staffId = county.staff.me.user.id;
    const add = (title: string, dueDate: string, status = "not_started") =>
      county.manager.inject({
        method: "POST",
        url: `/api/plans/${plan.id}/items`,
        payload: {
          parentId: topic.item.id,
          level: "action_step",
          title,
          dueDate,
          assigneeUserId: staffId,
          status,
        },
      });
    await add("Late step", "2026-03-01");
    await add("Tomorrow step", "2026-03-11");
    await add("Next month step", "2026-04-30");
    await add("Finished step", "2026-03-02", "completed");

    const deps = { db: ctx.database.db, mailer: ctx.app.mailer, publicUrl: "http://trellis.test" };
    const results = await Promise.all([
      runDailyReminders(deps, "2026-03-10"),
      runDailyReminders(deps, "2026-03-10"),
    ]);
    expect(results.filter((r) => r.ran)).toHaveLength(1);
    expect((await runDailyReminders(deps, "2026-03-10")).ran).toBe(false);

    const staffEmail = (await county.staff.inject({ method: "GET", url: "/api/me" })).json().user.email;
    const mails = await ctx.database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.to, staffEmail));
    expect(mails).toHaveLength(1);
    const body = mails[0]?.body ?? "";
    expect(body).toMatch(/Overdue:\n {2}- 2026-03-01 {2}Late step/);
    expect(body).toMatch(/Due in the next 7 days:\n {2}- 2026-03-11 {2}Tomorrow step/);
    expect(body).not.toContain("Next month step");
    expect(body).not.toContain("Finished step");
    expect(mails[0]?.subject).toContain("1 overdue, 1 due soon");
  });
});
