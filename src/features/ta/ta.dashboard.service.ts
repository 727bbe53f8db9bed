/**
 * The work group dashboard (seed 000, issue 8 item 6): for the TA network's state, trainings held,
 * communities reached, engagements by level and status, open requests and overlaps still to decide.
 */
import { and, count, eq, lt, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { organizations, taEngagements, taOverlaps, taRequests, trainings } from "../../db/schema/index.ts";
import type { Actor } from "../../server/authorization.ts";
import { requireNetwork } from "./ta-requests.access.ts";
import { presentRequests } from "./ta-requests.presenter.ts";
import { listRequests } from "./ta-requests.repository.ts";
import type { TaDashboardDocument } from "./ta-requests.schema.ts";

export async function getTaDashboard(
  deps: { db: Db },
  actor: Actor,
  now = new Date(),
): Promise<TaDashboardDocument> {
  const stateCode = requireNetwork(actor);
  // A training belongs to its own state, or else to its organizing organization's state.
  const trainingState = sql`coalesce(${trainings.stateCode}, ${organizations.stateCode})`;
  const held = and(sql`${trainingState} = ${stateCode}`, lt(trainings.startsAt, now));
  const [trainingCount, trainingCommunities, engagementRows, openCount, oldest, overlapCount] =
    await Promise.all([
      deps.db
        .select({ n: count() })
        .from(trainings)
        .innerJoin(organizations, eq(organizations.id, trainings.organizationId))
        .where(held),
      deps.db
        .select({ communities: trainings.communities })
        .from(trainings)
        .innerJoin(organizations, eq(organizations.id, trainings.organizationId))
        .where(held),
      deps.db
        .select({
          level: taEngagements.level,
          status: taEngagements.status,
          recipientKind: taEngagements.recipientKind,
          recipientName: taEngagements.recipientName,
          hours: taEngagements.hours,
          participants: taEngagements.participants,
        })
        .from(taEngagements)
        .where(eq(taEngagements.stateCode, stateCode)),
      deps.db
        .select({ n: count() })
        .from(taRequests)
        .where(and(eq(taRequests.stateCode, stateCode), eq(taRequests.status, "open"))),
      listRequests(
        deps.db,
        { kind: "state", stateCode },
        { status: "open" },
        { limit: 10, oldestFirst: true },
      ),
      deps.db
        .select({ n: count() })
        .from(taOverlaps)
        .where(and(eq(taOverlaps.stateCode, stateCode), eq(taOverlaps.status, "open"))),
    ]);
  // Communities reached: by trainings held and by engagements with a community, counted once by name.
  const communities = new Map<string, string>();
  const reach = (name: string) => {
    const key = name.trim().toLowerCase();
    if (key && !communities.has(key)) communities.set(key, name.trim());
  };
  for (const t of trainingCommunities) for (const c of t.communities) reach(c);
  const engagementsByLevel = { awareness: 0, implementation: 0 };
  const engagementsByStatus = { planned: 0, in_progress: 0, completed: 0, cancelled: 0 };
  let engagementHours = 0;
  let participants = 0;
  for (const e of engagementRows) {
    engagementsByStatus[e.status] += 1;
    if (e.status === "cancelled") continue;
    engagementsByLevel[e.level] += 1;
    engagementHours += Number(e.hours ?? 0);
    participants += e.participants ?? 0;
    if (e.recipientKind === "community") reach(e.recipientName);
  }
  const names = [...communities.values()].sort((a, b) => a.localeCompare(b));
  return {
    stateCode,
    trainingsHeld: Number(trainingCount[0]?.n ?? 0),
    communitiesReached: names.length,
    communities: names,
    engagementsByLevel,
    engagementsByStatus,
    engagementHours: Math.round(engagementHours * 100) / 100,
    participants,
    openRequests: {
      count: Number(openCount[0]?.n ?? 0),
      oldest: await presentRequests(deps.db, actor, oldest),
    },
    overlapsOpen: Number(overlapCount[0]?.n ?? 0),
  };
}
