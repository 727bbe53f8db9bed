import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrganizationWithRoles, createTestApp, type TestContext } from "../../../test/helpers.ts";
import { outboxMessages, planVersions, users } from "../../db/schema/index.ts";
import { annualUpdateReminder, runAnnualUpdateReminders } from "./sip.reminders.ts";

let ctx: TestContext;
let county: Awaited<ReturnType<typeof createOrganizationWithRoles>>;

beforeAll(async () => {
  ctx = await createTestApp();
  county = await createOrganizationWithRoles(ctx);
});
afterAll(() => ctx.close());

describe("annualUpdateReminder", () => {
  it("reminds 30 and 7 days before, on the day and weekly while overdue", () => {
    const due = "2027-05-12";
    expect(annualUpdateReminder(due, "2027-04-12")).toBe("upcoming");
    expect(annualUpdateReminder(due, "2027-05-05")).toBe("upcoming");
    expect(annualUpdateReminder(due, "2027-04-13")).toBeNull();
    expect(annualUpdateReminder(due, "2027-05-12")).toBe("due");
    expect(annualUpdateReminder(due, "2027-05-13")).toBeNull();
    expect(annualUpdateReminder(due, "2027-05-19")).toBe("overdue");
    expect(annualUpdateReminder(due, "2027-06-16")).toBe("overdue");
  });
});

describe("runAnnualUpdateReminders", () => {
  it("writes the county's managers and admins once per day about the newest version's due date", async () => {
    const plan = (
      await county.manager.inject({
        method: "POST",
        url: "/api/plans",
        payload: {
          templateKey: "county-sip",
          title: "Reminder SIP",
          header: { county: "Any", responsible_agency: "Any CWS" },
        },
      })
    ).json();
    const version = (n: number, due: string) => ({
      organizationId: county.org.id,
      planId: plan.id,
      version: n,
      snapshot: {},
      acceptedAt: new Date(),
      annualUpdateDue: due,
    });
    // Version 2 supersedes version 1: only its due date counts.
    await ctx.database.db.insert(planVersions).values([version(1, "2026-05-12"), version(2, "2027-05-12")]);
    const deps = { db: ctx.database.db, mailer: ctx.app.mailer, publicUrl: "http://trellis.test" };
    const mail = () =>
      ctx.database.db.select().from(outboxMessages).where(eq(outboxMessages.organizationId, county.org.id));

    expect(await runAnnualUpdateReminders(deps, "2026-05-12")).toEqual({ ran: true, messages: 0 });
    const results = await Promise.all([
      runAnnualUpdateReminders(deps, "2027-04-12"),
      runAnnualUpdateReminders(deps, "2027-04-12"),
    ]);
    expect(results.filter((r) => r.ran)).toEqual([{ ran: true, messages: 2 }]);
    const sent = await mail();
    const managers = await ctx.database.db
      .select({ email: users.email })
      .from(users)
      .where(inArray(users.id, [county.manager.me.user.id, county.admin.me.user.id]));
    expect(sent.map((m) => m.to).sort()).toEqual(managers.map((u) => u.email).sort());
    expect(sent[0]?.subject).toBe("Trellis: the SIP annual update is due on 2027-05-12 (Reminder SIP)");
    expect(sent[0]?.body).toContain(`http://trellis.test/plans/${plan.id}/review`);

    expect(await runAnnualUpdateReminders(deps, "2027-05-19")).toEqual({ ran: true, messages: 2 });
    expect((await mail()).filter((m) => m.subject.includes("was due on 2027-05-12"))).toHaveLength(2);
  });
});
