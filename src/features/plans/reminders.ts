import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { jobRuns, organizations, planItems, plans, users } from "../../db/schema/index.ts";
import type { Mailer } from "../../server/mailer.ts";
import { addDays } from "./plans.rules.ts";

export const REMINDER_JOB = "plan-reminders";
/** A digest lists what is overdue and what falls due within this many days. */
export const REMINDER_DAYS = 7;

interface DigestLine {
  planTitle: string;
  title: string;
  dueDate: string;
  overdue: boolean;
}

export function digestBody(name: string, lines: DigestLine[], publicUrl: string): string {
  const overdue = lines.filter((l) => l.overdue);
  const soon = lines.filter((l) => !l.overdue);
  const block = (heading: string, list: DigestLine[]) =>
    list.length === 0
      ? ""
      : `${heading}\n${list.map((l) => `  - ${l.dueDate}  ${l.title}  (${l.planTitle})`).join("\n")}\n\n`;
  return `Hello ${name},\n\n${block("Overdue:", overdue)}${block(`Due in the next ${REMINDER_DAYS} days:`, soon)}See all your action steps: ${publicUrl}/\n`;
}

/**
 * Sends each assignee one digest per owning organization of what is overdue or due soon. Runs once per
 * day whatever the number of app processes: the first to claim (job, day) in job_runs does the work.
 */
export async function runDailyReminders(deps: { db: Db; mailer: Mailer; publicUrl: string }, today: string) {
  const [claimed] = await deps.db
    .insert(jobRuns)
    .values({ job: REMINDER_JOB, runKey: today })
    .onConflictDoNothing()
    .returning({ job: jobRuns.job });
  if (!claimed) return { ran: false, digests: 0 };

  const rows = await deps.db
    .select({
      userId: planItems.assigneeUserId,
      email: users.email,
      name: users.name,
      organizationId: plans.organizationId,
      organizationName: organizations.name,
      planTitle: plans.title,
      title: planItems.title,
      dueDate: planItems.dueDate,
    })
    .from(planItems)
    .innerJoin(plans, and(eq(plans.organizationId, planItems.organizationId), eq(plans.id, planItems.planId)))
    .innerJoin(users, eq(users.id, planItems.assigneeUserId))
    .innerJoin(organizations, eq(organizations.id, plans.organizationId))
    .where(
      and(
        isNotNull(planItems.assigneeUserId),
        inArray(planItems.status, ["not_started", "in_progress"]),
        sql`${planItems.dueDate} <= ${addDays(today, REMINDER_DAYS)}::date`,
        sql`${plans.archivedAt} is null`,
      ),
    )
    .orderBy(planItems.dueDate);

  const digests = new Map<string, typeof rows>();
  for (const row of rows) {
    const key = `${row.userId}|${row.organizationId}`;
    digests.set(key, [...(digests.get(key) ?? []), row]);
  }
  for (const list of digests.values()) {
    const first = list[0];
    if (!first) continue;
    const lines = list.map((r) => ({
      planTitle: r.planTitle,
      title: r.title,
      dueDate: r.dueDate ?? "",
      overdue: (r.dueDate ?? "") < today,
    }));
    const id = await deps.mailer.enqueue(deps.db, {
      organizationId: first.organizationId,
      to: first.email,
      subject: `Trellis: ${lines.filter((l) => l.overdue).length} overdue, ${lines.filter((l) => !l.overdue).length} due soon (${first.organizationName})`,
      body: digestBody(first.name, lines, deps.publicUrl),
    });
    await deps.mailer.deliver(deps.db, id);
  }
  await deps.db
    .update(jobRuns)
    .set({ finishedAt: new Date(), result: { digests: digests.size, items: rows.length } })
    .where(and(eq(jobRuns.job, REMINDER_JOB), eq(jobRuns.runKey, today)));
  return { ran: true, digests: digests.size };
}
