import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { calendarFeeds } from "../../db/schema/index.ts";
import { renderCalendar } from "../../exports/ics/calendar.ts";
import type { Actor } from "../../server/authorization.ts";
import { randomToken, sha256 } from "../../server/tokens.ts";
import { type AuditContext, recordAudit } from "../audit/audit.service.ts";
import { listTrackedItems } from "./plan-tracking.service.ts";

export async function calendarFeedStatus(db: Db, actor: Actor) {
  const [feed] = await db.select().from(calendarFeeds).where(eq(calendarFeeds.userId, actor.userId));
  return { exists: feed !== undefined, createdAt: feed?.createdAt.toISOString() ?? null };
}

/** A new secret feed URL; the old one stops working. */
export async function createCalendarFeed(db: Db, actor: Actor, publicUrl: string, audit: AuditContext) {
  const token = randomToken();
  await db.transaction(async (tx) => {
    await tx
      .insert(calendarFeeds)
      .values({ userId: actor.userId, tokenHash: sha256(token) })
      .onConflictDoUpdate({
        target: calendarFeeds.userId,
        set: { tokenHash: sha256(token), createdAt: new Date() },
      });
    await recordAudit(tx, audit, {
      action: "calendar_feed.create",
      outcome: "success",
      resourceType: "user",
      resourceId: actor.userId,
    });
  });
  return { url: `${publicUrl}/calendar/${token}.ics` };
}

/** The iCalendar of a feed's owner: their open action steps with a due date. Null for an unknown token. */
export async function calendarForToken(
  db: Db,
  token: string,
  publicUrl: string,
  today: string,
): Promise<string | null> {
  const [feed] = await db
    .select()
    .from(calendarFeeds)
    .where(eq(calendarFeeds.tokenHash, sha256(token)));
  if (!feed) return null;
  const items = await listTrackedItems(db, { userId: feed.userId, state: "open", today, limit: 1000 });
  return renderCalendar(
    items
      .filter((i) => i.dueDate)
      .map((i) => ({
        uid: `${i.id}@trellis`,
        title: i.title.length > 120 ? `${i.title.slice(0, 117)}…` : i.title,
        date: i.dueDate ?? "",
        description: `${i.planTitle}${i.parentTitle ? ` — ${i.parentTitle}` : ""}\n${i.title}`,
        url: `${publicUrl}/plans/${i.planId}`,
      })),
    "Trellis — my action steps",
  );
}
