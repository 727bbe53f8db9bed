import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createOrganization,
  createTestApp,
  createUser,
  type Session,
  signIn,
  type TestContext,
} from "../../../test/helpers.ts";
import {
  auditEvents,
  type OrganizationType,
  type Role,
  taOverlaps,
  trainings,
} from "../../db/schema/index.ts";

let ctx: TestContext;

interface Org {
  id: string;
  name: string;
  staff: Session;
  viewer: Session;
}

async function org(
  type: OrganizationType,
  stateCode: string,
  roles: Role[] = ["staff", "viewer"],
): Promise<Org> {
  const created = await createOrganization(ctx, { type, stateCode });
  const sessions: Partial<Record<Role, Session>> = {};
  for (const role of roles) {
    sessions[role] = await signIn(ctx, await createUser(ctx, { organizationId: created.id, role }));
  }
  return {
    id: created.id,
    name: created.name,
    staff: sessions.staff as Session,
    viewer: sessions.viewer as Session,
  };
}

let providerA: Org;
let providerB: Org;
let providerCa: Org;
let recipient: Org;
let unrelated: Org;
let partnershipId: string;

const window = { wantedFrom: "2026-03-01", wantedTo: "2026-04-30" };

function requestBody(overrides: Record<string, unknown> = {}) {
  return {
    recipientKind: "partnership",
    recipientName: "Rockford Early Childhood Collaborative",
    partnershipId,
    topic: "Family engagement strategies for home visiting",
    sectors: ["family_support"],
    level: "implementation",
    ...window,
    ...overrides,
  };
}

/** The audit position now: denials after it belong to the request that follows (clock time is too coarse). */
async function auditMark() {
  const rows = await ctx.database.db.select({ seq: auditEvents.seq }).from(auditEvents);
  return Math.max(0, ...rows.map((r) => Number(r.seq)));
}

async function deniedSince(mark: number, userId: string) {
  const rows = await ctx.database.db.select().from(auditEvents).where(eq(auditEvents.actorUserId, userId));
  return rows.filter((e) => e.outcome === "denied" && Number(e.seq) > mark);
}

beforeAll(async () => {
  ctx = await createTestApp();
  providerA = await org("ta_provider", "IL");
  providerB = await org("ta_provider", "IL");
  providerCa = await org("ta_provider", "CA");
  recipient = await org("county_child_welfare", "IL");
  unrelated = await org("county_child_welfare", "IL");
  const partnership = await providerA.staff.inject({
    method: "POST",
    url: "/api/partnerships",
    payload: {
      name: "Rockford Early Childhood Collaborative",
      geographyKind: "community",
      geographyName: "Rockford",
      county: "Winnebago",
      members: [{ name: "Rockford Public Schools", sector: "early_care_education" }],
    },
  });
  partnershipId = partnership.json().id;
});
afterAll(() => ctx.close());

describe("TA requests", () => {
  let firstId: string;
  let secondId: string;
  let ownId: string;
  let forRecipientId: string;

  it("logs a request with the active organization's state and no overlaps at first", async () => {
    const response = await providerA.staff.inject({
      method: "POST",
      url: "/api/ta/requests",
      payload: requestBody(),
    });
    expect(response.statusCode).toBe(201);
    const doc = response.json();
    expect(doc).toMatchObject({
      status: "open",
      stateCode: "IL",
      county: "Winnebago",
      organizationName: providerA.name,
      partnershipName: "Rockford Early Childhood Collaborative",
      possibleOverlaps: [],
      availableMoves: ["planned", "in_progress", "declined", "withdrawn"],
      canUpdate: true,
    });
    firstId = doc.id;
    const [audit] = await ctx.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "ta.request.create"), eq(auditEvents.resourceId, firstId)));
    expect(audit).toMatchObject({ organizationId: providerA.id, outcome: "success" });
  });

  it("shows the second provider the first one's overlapping request, to coordinate", async () => {
    const response = await providerB.staff.inject({
      method: "POST",
      url: "/api/ta/requests",
      payload: requestBody({
        recipientName: "RECC",
        topic: "Strategies to engage families in home visits",
        wantedFrom: "2026-04-15",
        wantedTo: "2026-06-30",
      }),
    });
    expect(response.statusCode).toBe(201);
    const doc = response.json();
    secondId = doc.id;
    expect(doc.possibleOverlaps).toHaveLength(1);
    expect(doc.possibleOverlaps[0]).toMatchObject({
      kind: "request",
      id: firstId,
      topic: "Family engagement strategies for home visiting",
      recipientName: "Rockford Early Childhood Collaborative",
      from: "2026-03-01",
      to: "2026-04-30",
      organizationName: providerA.name,
      reason: "same_partnership",
      status: "open",
    });
    expect(doc.possibleOverlaps[0].similarity).toBeGreaterThanOrEqual(0.35);
    // The first provider sees it too, from its own request.
    const first = (
      await providerA.staff.inject({ method: "GET", url: `/api/ta/requests/${firstId}` })
    ).json();
    expect(first.possibleOverlaps.map((o: { id: string }) => o.id)).toEqual([secondId]);
  });

  it("finds the overlap when two providers log at the same moment", async () => {
    const body = (topic: string) =>
      requestBody({
        recipientKind: "community",
        recipientName: "Loves Park",
        partnershipId: null,
        county: "Winnebago",
        topic,
        sectors: ["mental_health"],
        wantedFrom: "2027-01-01",
        wantedTo: "2027-01-31",
      });
    const [a, b] = await Promise.all([
      providerA.staff.inject({
        method: "POST",
        url: "/api/ta/requests",
        payload: body("Infant mental health consultation"),
      }),
      providerB.staff.inject({
        method: "POST",
        url: "/api/ta/requests",
        payload: body("Consultation on infant mental health"),
      }),
    ]);
    const found = [...a.json().possibleOverlaps, ...b.json().possibleOverlaps];
    expect(found).toHaveLength(1);
    const pairs = await ctx.database.db.select().from(taOverlaps);
    const pair = pairs.find((p) => p.aKey.endsWith(a.json().id) || p.bKey.endsWith(a.json().id));
    expect(pair?.reason).toBe("same_name");
    // Decided here so the board below shows only the partnership pair.
    await providerA.staff.inject({
      method: "POST",
      url: `/api/ta/overlaps/${pair?.id}`,
      payload: { decision: "dismiss" },
    });
  });

  it("does not flag a request in another window or for another recipient", async () => {
    const later = await providerB.staff.inject({
      method: "POST",
      url: "/api/ta/requests",
      payload: requestBody({ wantedFrom: "2026-09-01", wantedTo: "2026-09-30" }),
    });
    expect(later.json().possibleOverlaps).toEqual([]);
    const elsewhere = await providerB.staff.inject({
      method: "POST",
      url: "/api/ta/requests",
      payload: requestBody({
        recipientKind: "community",
        recipientName: "Pueblo Nuevo",
        partnershipId: null,
        county: "Cook",
      }),
    });
    expect(elsewhere.json().possibleOverlaps).toEqual([]);
  });

  it("lets a recipient log its own request and see those where it is the recipient", async () => {
    const own = await recipient.staff.inject({
      method: "POST",
      url: "/api/ta/requests",
      payload: requestBody({
        recipientKind: "county",
        recipientName: "Any County",
        recipientOrganizationId: recipient.id,
        partnershipId: null,
        county: "Any",
        topic: "Safety organized practice refresher",
        sectors: ["child_welfare"],
        level: "awareness",
      }),
    });
    expect(own.statusCode).toBe(201);
    ownId = own.json().id;
    const forRecipient = await providerA.staff.inject({
      method: "POST",
      url: "/api/ta/requests",
      payload: requestBody({
        recipientKind: "county",
        recipientName: "Any County child welfare",
        recipientOrganizationId: recipient.id,
        partnershipId: null,
        county: "Any",
        topic: "Data dashboard coaching",
        sectors: ["child_welfare"],
        wantedFrom: "2026-10-01",
        wantedTo: "2026-10-31",
      }),
    });
    forRecipientId = forRecipient.json().id;
    const items = (await recipient.viewer.inject({ method: "GET", url: "/api/ta/requests" })).json().items;
    expect(items.map((r: { id: string }) => r.id).sort()).toEqual([ownId, forRecipientId].sort());
    const seen = await recipient.viewer.inject({ method: "GET", url: `/api/ta/requests/${forRecipientId}` });
    expect(seen.statusCode).toBe(200);
    expect(seen.json().canUpdate).toBe(false);
    const byStaff = await recipient.staff.inject({
      method: "GET",
      url: `/api/ta/requests/${forRecipientId}`,
    });
    expect(byStaff.json().canUpdate).toBe(true);
  });

  it("shows the state's TA network every request of its state, and another state's none", async () => {
    const ids = (await providerB.staff.inject({ method: "GET", url: "/api/ta/requests" }))
      .json()
      .items.map((r: { id: string }) => r.id);
    expect(ids).toEqual(expect.arrayContaining([firstId, secondId, ownId, forRecipientId]));
    expect((await providerCa.staff.inject({ method: "GET", url: "/api/ta/requests" })).json().items).toEqual(
      [],
    );
    const filtered = (
      await providerB.staff.inject({
        method: "GET",
        url: "/api/ta/requests?sector=child_welfare&level=awareness",
      })
    ).json().items;
    expect(filtered.map((r: { id: string }) => r.id)).toEqual([ownId]);
    const searched = (
      await providerB.staff.inject({ method: "GET", url: "/api/ta/requests?q=engage" })
    ).json().items;
    expect(searched.map((r: { id: string }) => r.id)).toContain(secondId);
  });

  it("hides requests from an unrelated organization and another state's provider (404, audited)", async () => {
    expect((await unrelated.staff.inject({ method: "GET", url: "/api/ta/requests" })).json().items).toEqual(
      [],
    );
    const before = await auditMark();
    const stranger = await unrelated.staff.inject({ method: "GET", url: `/api/ta/requests/${ownId}` });
    expect(stranger.statusCode).toBe(404);
    const elsewhere = await providerCa.staff.inject({ method: "GET", url: `/api/ta/requests/${firstId}` });
    expect(elsewhere.statusCode).toBe(404);
    expect((await deniedSince(before, unrelated.staff.me.user.id))[0]).toMatchObject({
      action: "ta.request.read",
      organizationId: recipient.id,
      resourceId: ownId,
    });
    expect((await deniedSince(before, providerCa.staff.me.user.id))[0]).toMatchObject({
      organizationId: providerA.id,
    });
    const update = await unrelated.staff.inject({
      method: "PATCH",
      url: `/api/ta/requests/${ownId}`,
      payload: { version: 1, status: "withdrawn" },
    });
    expect(update.statusCode).toBe(404);
    expect(
      (await unrelated.staff.inject({ method: "GET", url: `/api/ta/requests/${randomUUID()}` })).statusCode,
    ).toBe(404);
  });

  it("refuses a viewer who tries to log a request (403, audited)", async () => {
    const before = await auditMark();
    const response = await recipient.viewer.inject({
      method: "POST",
      url: "/api/ta/requests",
      payload: requestBody(),
    });
    expect(response.statusCode).toBe(403);
    expect((await deniedSince(before, recipient.viewer.me.user.id))[0]).toMatchObject({
      action: "ta.request.create",
      organizationId: recipient.id,
    });
  });

  it("rejects bad input naming the field", async () => {
    const backwards = await providerA.staff.inject({
      method: "POST",
      url: "/api/ta/requests",
      payload: requestBody({ wantedFrom: "2026-05-01", wantedTo: "2026-04-01" }),
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.details[0].field).toBe("/body/wantedTo");
    const noPartnership = await providerA.staff.inject({
      method: "POST",
      url: "/api/ta/requests",
      payload: requestBody({ partnershipId: undefined }),
    });
    expect(noPartnership.json().error.details.map((d: { field: string }) => d.field)).toContain(
      "/body/partnershipId",
    );
    const unknownPartnership = await providerA.staff.inject({
      method: "POST",
      url: "/api/ta/requests",
      payload: requestBody({ partnershipId: randomUUID() }),
    });
    expect(unknownPartnership.statusCode).toBe(400);
    const badSector = await providerA.staff.inject({
      method: "POST",
      url: "/api/ta/requests",
      payload: requestBody({ sectors: ["astrology"] }),
    });
    expect(badSector.statusCode).toBe(400);
    expect(JSON.stringify(badSector.json().error.details)).toContain("/body/sectors/0");
  });

  it("moves status by the allowed transitions, with the loaded version", async () => {
    const planned = await recipient.staff.inject({
      method: "PATCH",
      url: `/api/ta/requests/${ownId}`,
      payload: { version: 1, status: "withdrawn" },
    });
    expect(planned.statusCode).toBe(200);
    expect(planned.json()).toMatchObject({ status: "withdrawn", version: 2, availableMoves: [] });
    const stale = await recipient.staff.inject({
      method: "PATCH",
      url: `/api/ta/requests/${ownId}`,
      payload: { version: 1, topic: "x" },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe("conflict.stale_version");
    const back = await recipient.staff.inject({
      method: "PATCH",
      url: `/api/ta/requests/${ownId}`,
      payload: { version: 2, status: "open" },
    });
    expect(back.statusCode).toBe(409);
    expect(back.json().error.code).toBe("ta.transition_invalid");
  });

  it("lets the state's network update a request it did not log", async () => {
    const response = await providerB.staff.inject({
      method: "PATCH",
      url: `/api/ta/requests/${firstId}`,
      payload: { version: 1, description: "Two sessions for home visitors" },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().description).toBe("Two sessions for home visitors");
  });

  describe("the overlaps board", () => {
    it("lists the open pairs of the state to its network only", async () => {
      const items = (await providerA.staff.inject({ method: "GET", url: "/api/ta/overlaps" })).json().items;
      expect(items).toHaveLength(1);
      const keys = [items[0].a.id, items[0].b.id].sort();
      expect(keys).toEqual([firstId, secondId].sort());
      expect(
        (await providerCa.staff.inject({ method: "GET", url: "/api/ta/overlaps" })).json().items,
      ).toEqual([]);
      expect((await recipient.staff.inject({ method: "GET", url: "/api/ta/overlaps" })).statusCode).toBe(403);
    });

    it("dismisses a pair once and does not flag it again", async () => {
      const [overlap] = (await providerA.staff.inject({ method: "GET", url: "/api/ta/overlaps" })).json()
        .items;
      const refused = await providerCa.staff.inject({
        method: "POST",
        url: `/api/ta/overlaps/${overlap.id}`,
        payload: { decision: "dismiss" },
      });
      expect(refused.statusCode).toBe(404);
      const dismissed = await providerB.staff.inject({
        method: "POST",
        url: `/api/ta/overlaps/${overlap.id}`,
        payload: { decision: "dismiss", note: "Different audiences: directors vs home visitors." },
      });
      expect(dismissed.statusCode).toBe(200);
      expect(dismissed.json()).toMatchObject({ status: "dismissed", decidedByName: expect.any(String) });
      const again = await providerA.staff.inject({
        method: "POST",
        url: `/api/ta/overlaps/${overlap.id}`,
        payload: { decision: "link" },
      });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe("ta.overlap_decided");
      const current = (
        await providerA.staff.inject({ method: "GET", url: `/api/ta/requests/${firstId}` })
      ).json();
      const touched = await providerA.staff.inject({
        method: "PATCH",
        url: `/api/ta/requests/${firstId}`,
        payload: { version: current.version, topic: "Family engagement strategies in home visiting" },
      });
      expect(touched.json().possibleOverlaps).toEqual([]);
      const pairs = await ctx.database.db.select().from(taOverlaps);
      expect(pairs.filter((p) => p.id === overlap.id)).toHaveLength(1);
      expect(pairs).toHaveLength(2);
      expect(
        (await providerA.staff.inject({ method: "GET", url: "/api/ta/overlaps?status=dismissed" })).json()
          .items,
      ).toHaveLength(2);
    });
  });
});

describe("TA engagements", () => {
  let requestId: string;
  let engagementId: string;

  it("answers a request: recipient fields come from it and it becomes planned", async () => {
    const request = await recipient.staff.inject({
      method: "POST",
      url: "/api/ta/requests",
      payload: {
        recipientKind: "county",
        recipientName: "Any County",
        recipientOrganizationId: recipient.id,
        county: "Any",
        topic: "Coaching on family team meetings",
        sectors: ["child_welfare", "family_support"],
        level: "implementation",
        wantedFrom: "2026-06-01",
        wantedTo: "2026-08-31",
      },
    });
    requestId = request.json().id;
    const response = await providerA.staff.inject({
      method: "POST",
      url: "/api/ta/engagements",
      payload: { requestId, startsOn: "2026-06-10", endsOn: "2026-07-15", hours: 12.5, participants: 18 },
    });
    expect(response.statusCode).toBe(201);
    const doc = response.json();
    engagementId = doc.id;
    expect(doc).toMatchObject({
      requestId,
      requestTopic: "Coaching on family team meetings",
      recipientName: "Any County",
      recipientOrganizationId: recipient.id,
      topic: "Coaching on family team meetings",
      level: "implementation",
      stateCode: "IL",
      hours: 12.5,
      participants: 18,
      status: "planned",
      providerOrganizationName: providerA.name,
      possibleOverlaps: [],
      canUpdate: true,
    });
    const after = (
      await recipient.staff.inject({ method: "GET", url: `/api/ta/requests/${requestId}` })
    ).json();
    expect(after).toMatchObject({ status: "planned", engagementCount: 1 });
  });

  it("is seen by the recipient and the network, not by others", async () => {
    expect(
      (await recipient.viewer.inject({ method: "GET", url: "/api/ta/engagements" }))
        .json()
        .items.map((e: { id: string }) => e.id),
    ).toEqual([engagementId]);
    expect(
      (await providerB.staff.inject({ method: "GET", url: `/api/ta/engagements/${engagementId}` }))
        .statusCode,
    ).toBe(200);
    expect(
      (await unrelated.staff.inject({ method: "GET", url: "/api/ta/engagements" })).json().items,
    ).toEqual([]);
    const before = await auditMark();
    expect(
      (await unrelated.staff.inject({ method: "GET", url: `/api/ta/engagements/${engagementId}` }))
        .statusCode,
    ).toBe(404);
    expect((await deniedSince(before, unrelated.staff.me.user.id))[0]).toMatchObject({
      action: "ta.engagement.read",
      organizationId: providerA.id,
    });
  });

  it("is logged by the TA network only and changed by its provider only", async () => {
    const byCounty = await recipient.staff.inject({
      method: "POST",
      url: "/api/ta/engagements",
      payload: { requestId, startsOn: "2026-06-10", endsOn: "2026-07-15" },
    });
    expect(byCounty.statusCode).toBe(403);
    const byOtherProvider = await providerB.staff.inject({
      method: "PATCH",
      url: `/api/ta/engagements/${engagementId}`,
      payload: { version: 1, hours: 1 },
    });
    expect(byOtherProvider.statusCode).toBe(404);
    const seenByOther = await providerB.staff.inject({
      method: "GET",
      url: `/api/ta/engagements/${engagementId}`,
    });
    expect(seenByOther.json().canUpdate).toBe(false);
  });

  it("records activities, hours, results and moves its status", async () => {
    const response = await providerA.staff.inject({
      method: "PATCH",
      url: `/api/ta/engagements/${engagementId}`,
      payload: {
        version: 1,
        status: "completed",
        activities: "Three coaching sessions",
        hours: 14,
        results: "Meetings now held within 30 days",
      },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: "completed", hours: 14, version: 2, availableMoves: [] });
    const reopen = await providerA.staff.inject({
      method: "PATCH",
      url: `/api/ta/engagements/${engagementId}`,
      payload: { version: 2, status: "planned" },
    });
    expect(reopen.json().error.code).toBe("ta.transition_invalid");
    const backwards = await providerA.staff.inject({
      method: "PATCH",
      url: `/api/ta/engagements/${engagementId}`,
      payload: { version: 2, endsOn: "2026-01-01" },
    });
    expect(backwards.json().error.details[0].field).toBe("/body/endsOn");
  });

  it("needs a recipient and topic when it answers no request", async () => {
    const response = await providerA.staff.inject({
      method: "POST",
      url: "/api/ta/engagements",
      payload: { startsOn: "2026-06-10", endsOn: "2026-07-15" },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.map((d: { field: string }) => d.field)).toEqual([
      "/body/recipientKind",
      "/body/recipientName",
      "/body/topic",
      "/body/sectors",
      "/body/level",
    ]);
  });

  it("links an overlapping engagement to the request it duplicates", async () => {
    const request = await providerB.staff.inject({
      method: "POST",
      url: "/api/ta/requests",
      payload: {
        recipientKind: "community",
        recipientName: "Belvidere",
        county: "Boone",
        topic: "Developmental screening awareness for child care providers",
        sectors: ["early_care_education", "health"],
        level: "awareness",
        wantedFrom: "2026-05-01",
        wantedTo: "2026-05-31",
      },
    });
    const engagement = await providerA.staff.inject({
      method: "POST",
      url: "/api/ta/engagements",
      payload: {
        recipientKind: "community",
        recipientName: "belvidere",
        county: "Boone",
        topic: "Awareness session: developmental screening in child care",
        sectors: ["early_care_education"],
        level: "awareness",
        startsOn: "2026-05-20",
        endsOn: "2026-05-20",
      },
    });
    const [overlap] = engagement.json().possibleOverlaps;
    expect(overlap).toMatchObject({ kind: "request", id: request.json().id, reason: "same_name" });
    const linked = await providerA.staff.inject({
      method: "POST",
      url: `/api/ta/overlaps/${overlap.overlapId}`,
      payload: { decision: "link" },
    });
    expect(linked.json().status).toBe("linked");
    const after = (
      await providerA.staff.inject({ method: "GET", url: `/api/ta/engagements/${engagement.json().id}` })
    ).json();
    expect(after.requestId).toBe(request.json().id);
  });
});

describe("the work group dashboard", () => {
  it("counts trainings held, communities reached, engagements and open requests of the state", async () => {
    await ctx.database.db.insert(trainings).values([
      {
        organizationId: providerA.id,
        title: "Protective factors awareness",
        level: "awareness",
        sectors: ["family_support"],
        startsAt: new Date("2026-01-15T15:00:00Z"),
        communities: ["Rockford", "Belvidere"],
        stateCode: "IL",
        survey: {
          key: "s",
          version: 1,
          title: { en: "", es: "" },
          scale: 5,
          anchors: { low: { en: "", es: "" }, high: { en: "", es: "" } },
          items: [],
        },
        surveyToken: randomUUID(),
      },
      {
        organizationId: providerA.id,
        title: "Future training",
        level: "awareness",
        sectors: ["family_support"],
        startsAt: new Date(Date.now() + 30 * 86_400_000),
        communities: ["Freeport"],
        survey: {
          key: "s",
          version: 1,
          title: { en: "", es: "" },
          scale: 5,
          anchors: { low: { en: "", es: "" }, high: { en: "", es: "" } },
          items: [],
        },
        surveyToken: randomUUID(),
      },
    ]);
    const response = await providerB.staff.inject({ method: "GET", url: "/api/ta/dashboard" });
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc).toMatchObject({
      stateCode: "IL",
      trainingsHeld: 1,
      communities: ["Belvidere", "Rockford"],
      communitiesReached: 2,
      engagementsByLevel: { awareness: 1, implementation: 1 },
      engagementsByStatus: { planned: 1, completed: 1, in_progress: 0, cancelled: 0 },
      engagementHours: 14,
      participants: 18,
    });
    expect(doc.openRequests.count).toBe(doc.openRequests.oldest.length);
    expect(doc.openRequests.oldest.every((r: { status: string }) => r.status === "open")).toBe(true);
    expect(
      (await providerCa.staff.inject({ method: "GET", url: "/api/ta/dashboard" })).json().trainingsHeld,
    ).toBe(0);
    expect((await recipient.staff.inject({ method: "GET", url: "/api/ta/dashboard" })).statusCode).toBe(403);
  });
});
