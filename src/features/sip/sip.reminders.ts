/**
 * Reminders of the SIP annual update (progress report), due on the anniversary of acceptance: the owning
 * county's managers and admins are written 30 days and 7 days before, on the day, and weekly while overdue —
 * until a newer version is accepted. Once per day whatever the number of app processes (job_runs).
 */
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { jobRuns, memberships, plans, planVersions, users } from "../../db/schema/index.ts";
import type { Mailer } from "../../server/mailer.ts";
import { addDays } from "../plans/plans.rules.ts";

export const ANNUAL_UPDATE_REMINDER_JOB = "sip-annual-update-reminders";

/** Pure: whether a reminder goes out today for an update due on `due`, and in which words. */
export function annualUpdateReminder(due: string, today: string): "upcoming" | "due" | "overdue" | null {
  if (today === addDays(due, -30) || today === addDays(due, -7)) return "upcoming";
  if (today === due) return "due";
  if (today > due) {
    const days = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${due}T00:00:00Z`)) / 86_400_000);
    return days % 7 === 0 ? "overdue" : null;
  }
  return null;
}

export async function runAnnualUpdateReminders(
  deps: { db: Db; mailer: Mailer; publicUrl: string },
  today: string,
) {
  const [claimed] = await deps.db
    .insert(jobRuns)
    .values({ job: ANNUAL_UPDATE_REMINDER_JOB, runKey: today })
    .onConflictDoNothing()
    .returning({ job: jobRuns.job });
  if (!claimed) return { ran: false, messages: 0 };

  // The newest accepted version of each SIP carries the due date of the next update.
  const latest = await deps.db
    .select({
      organizationId: planVersions.organizationId,
      planId: planVersions.planId,
      title: plans.title,
      version: planVersions.version,
      due: planVersions.annualUpdateDue,
    })
    .from(planVersions)
    .innerJoin(
      plans,
      and(eq(plans.organizationId, planVersions.organizationId), eq(plans.id, planVersions.planId)),
    )
    .where(
      and(
        isNull(plans.archivedAt),
        sql`${planVersions.version} = (select max(v.version) from plan_versions v where v.organization_id = ${planVersions.organizationId} and v.plan_id = ${planVersions.planId})`,
      ),
    );
  let messages = 0;
  for (const plan of latest) {
    const kind = annualUpdateReminder(plan.due, today);
    if (!kind) continue;
    const recipients = await deps.db
      .select({ email: users.email, name: users.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(
        and(
          eq(memberships.organizationId, plan.organizationId),
          inArray(memberships.role, ["admin", "manager"]),
        ),
      );
    const link = `${deps.publicUrl.replace(/\/$/, "")}/plans/${plan.planId}/review`;
    const when =
      kind === "overdue"
        ? `was due on ${plan.due}`
        : kind === "due"
          ? "is due today"
          : `is due on ${plan.due}`;
    for (const person of recipients) {
      const id = await deps.mailer.enqueue(deps.db, {
        organizationId: plan.organizationId,
        to: person.email,
        subject: `Trellis: the SIP annual update ${when} (${plan.title})`,
        body: `Hello ${person.name},\n\nThe annual update (SIP progress report) of "${plan.title}" ${when}, one year after version ${plan.version} was accepted. Start it from the plan's review page: ${link}\n`,
      });
      await deps.mailer.deliver(deps.db, id);
      messages += 1;
    }
  }
  await deps.db
    .update(jobRuns)
    .set({ finishedAt: new Date(), result: { messages } })
    .where(and(eq(jobRuns.job, ANNUAL_UPDATE_REMINDER_JOB), eq(jobRuns.runKey, today)));
  return { ran: true, messages };
}
