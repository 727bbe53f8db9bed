import { randomUUID } from "node:crypto";
import { and, eq, gt } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createOrganizationWithRoles,
  createTestApp,
  type Session,
  type TestContext,
} from "../../../test/helpers.ts";
import {
  auditEvents,
  hsdsOrganizations,
  hsdsServiceAtLocations,
  hsdsServices,
  outboxMessages,
  referralProviderLinks,
} from "../../db/schema/index.ts";

let ctx: TestContext;
let sender: Awaited<ReturnType<typeof createOrganizationWithRoles>>;
let receiver: Awaited<ReturnType<typeof createOrganizationWithRoles>>;
let outsider: Awaited<ReturnType<typeof createOrganizationWithRoles>>;
let familyId: string;
const linkedProvider = randomUUID();
const offTrellisProvider = randomUUID();
const linkedService = randomUUID();
const offTrellisService = randomUUID();
const inactiveService = randomUUID();
const otherServiceAtLocation = randomUUID();

const shared = {
  contactName: "Rosa Garcia",
  preferredLanguage: "es",
  phone: "555-0100",
  reason: "Needs child care to start a job on Monday.",
};

async function refer(session: Session, body: Record<string, unknown> = {}) {
  return session.inject({
    method: "POST",
    url: "/api/referrals",
    payload: { familyId, serviceId: linkedService, shared, ...body },
  });
}

async function move(session: Session, id: string, version: number, status: string, note?: string) {
  return session.inject({
    method: "PUT",
    url: `/api/referrals/${id}/status`,
    payload: note === undefined ? { version, status } : { version, status, note },
  });
}

async function eventsSince(seq: number) {
  return ctx.database.db.select().from(auditEvents).where(gt(auditEvents.seq, seq)).orderBy(auditEvents.seq);
}
async function lastSeq() {
  const all = await ctx.database.db.select({ seq: auditEvents.seq }).from(auditEvents);
  return Math.max(0, ...all.map((e) => Number(e.seq)));
}
async function mailTo(session: Session) {
  const me = (await session.inject({ method: "GET", url: "/api/me" })).json();
  return ctx.database.db.select().from(outboxMessages).where(eq(outboxMessages.to, me.user.email));
}

beforeAll(async () => {
  ctx = await createTestApp();
  sender = await createOrganizationWithRoles(ctx);
  receiver = await createOrganizationWithRoles(ctx);
  outsider = await createOrganizationWithRoles(ctx);
  const db = ctx.database.db;
  const steward = sender.org.id;
  await db.insert(hsdsOrganizations).values([
    { id: linkedProvider, steward_organization_id: steward, name: "Linked Child Care", record: {} },
    { id: offTrellisProvider, steward_organization_id: steward, name: "Paper Pantry", record: {} },
  ]);
  await db.insert(hsdsServices).values([
    {
      id: linkedService,
      steward_organization_id: steward,
      organization_id: linkedProvider,
      name: "Child care subsidy",
      status: "active",
      record: {},
    },
    {
      id: offTrellisService,
      steward_organization_id: steward,
      organization_id: offTrellisProvider,
      name: "Emergency food",
      status: "active",
      record: {},
    },
    {
      id: inactiveService,
      steward_organization_id: steward,
      organization_id: offTrellisProvider,
      name: "Closed program",
      status: "inactive",
      record: {},
    },
  ]);
  await db.insert(hsdsServiceAtLocations).values({
    id: otherServiceAtLocation,
    steward_organization_id: steward,
    service_id: offTrellisService,
    location_id: randomUUID(),
    record: {},
  });
  await db
    .insert(referralProviderLinks)
    .values({ organizationId: receiver.org.id, hsdsOrganizationId: linkedProvider });
  const family = await sender.staff.inject({
    method: "POST",
    url: "/api/families",
    payload: {
      displayName: "Garcia family",
      phone: "555-0100",
      members: [{ firstName: "Rosa", lastName: "Garcia", dateOfBirth: "1992-04-01", relationship: "parent" }],
    },
  });
  familyId = family.json().id;
  const planned = await sender.staff.inject({
    method: "POST",
    url: `/api/families/${familyId}/service-plans`,
    payload: {
      basedOnRevision: null,
      goals: [
        { goal: "We want child care so I can work.", steps: [], servicesNeeded: ["Child care"] },
        { goal: "Enough food every week.", steps: [], servicesNeeded: ["Food"] },
      ],
      disengagement: { when: "In six months", how: "Monthly calls", needs: "211" },
    },
  });
  expect(planned.statusCode, planned.body).toBe(201);
});
afterAll(() => ctx.close());

describe("sending a referral", () => {
  it("sends to the provider's Trellis organization, for a goal, audits it and mails the receiver's staff", async () => {
    const response = await refer(sender.staff, { goal: { planRevision: 1, goalIndex: 0 } });
    expect(response.statusCode, response.body).toBe(201);
    const referral = response.json();
    expect(referral).toMatchObject({
      status: "sent",
      side: "sender",
      offTrellis: false,
      receivingOrganizationName: receiver.org.name,
      service: { id: linkedService, name: "Child care subsidy", providerName: "Linked Child Care" },
      family: { id: familyId, displayName: "Garcia family" },
      goal: { planRevision: 1, goalIndex: 0, text: "We want child care so I can work." },
      shared,
      availableMoves: ["cancelled"],
      history: [{ fromStatus: null, toStatus: "sent", side: "sender" }],
    });
    const audited = await ctx.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "referral.create"), eq(auditEvents.resourceId, referral.id)));
    expect(audited).toHaveLength(1);
    const mail = await mailTo(receiver.staff);
    expect(mail.some((m) => m.body.includes(`/referrals/${referral.id}`))).toBe(true);
    // No family data in the mail: only the service and a link.
    expect(mail.every((m) => !m.body.includes("Garcia") && !m.body.includes("555-0100"))).toBe(true);
  });

  it("withholds the shared snapshot from the receiver until the family consents, and again once revoked", async () => {
    const before = (await receiver.staff.inject({ method: "GET", url: "/api/referrals/inbound" })).json()
      .items[0];
    expect(before.shared).toEqual({ contactName: null, preferredLanguage: null, phone: null, reason: null });
    expect(before.withheld).toEqual([
      { category: "identity_contact", reason: "no_consent", since: null },
      { category: "referral_details", reason: "no_consent", since: null },
    ]);
    expect(JSON.stringify(before)).not.toContain("Rosa");
    const senderView = (
      await sender.staff.inject({ method: "GET", url: `/api/referrals/${before.id}` })
    ).json();
    expect(senderView.shared).toEqual(shared);
    expect(senderView.withheldFromReceiver.map((w: { category: string }) => w.category)).toEqual([
      "identity_contact",
      "referral_details",
    ]);
    const consent = await sender.staff.inject({
      method: "POST",
      url: `/api/families/${familyId}/consents`,
      payload: {
        givenByName: "Rosa Garcia",
        receivingOrganizationIds: [receiver.org.id],
        categories: ["identity_contact"],
        purposes: ["referral"],
        effectiveOn: "2020-01-01",
        method: "verbal",
        witnessName: "Ana Lopez",
      },
    });
    expect(consent.statusCode).toBe(201);
    const partly = await receiver.staff.inject({ method: "GET", url: `/api/referrals/${before.id}` });
    expect(partly.json().shared).toEqual({ ...shared, reason: null });
    expect(partly.json().withheld).toEqual([
      { category: "referral_details", reason: "no_consent", since: null },
    ]);
    const revoked = await sender.staff.inject({
      method: "POST",
      url: `/api/consents/${consent.json().id}/revocation`,
      payload: { reason: "Rosa asked us to stop sharing.", version: 1 },
    });
    expect(revoked.statusCode).toBe(200);
    const after = await receiver.staff.inject({ method: "GET", url: `/api/referrals/${before.id}` });
    expect(after.json().shared.contactName).toBeNull();
    expect(after.json().withheld[0]).toMatchObject({ category: "identity_contact", reason: "revoked" });
  });

  it("shows the receiver only the shared snapshot, never the family or its goal", async () => {
    await sender.staff.inject({
      method: "POST",
      url: `/api/families/${familyId}/consents`,
      payload: {
        givenByName: "Rosa Garcia",
        receivingOrganizationIds: [receiver.org.id],
        categories: ["identity_contact", "referral_details"],
        purposes: ["referral"],
        effectiveOn: "2020-01-01",
        method: "typed_signature",
        typedSignature: "Rosa Garcia",
        signedOn: "2020-01-01",
      },
    });
    const inbound = await receiver.staff.inject({ method: "GET", url: "/api/referrals/inbound" });
    expect(inbound.statusCode).toBe(200);
    const [first] = inbound.json().items;
    expect(first).toMatchObject({ side: "receiver", family: null, goal: null, shared, withheld: [] });
    expect(first.availableMoves).toEqual(["accepted", "declined"]);
    expect(JSON.stringify(first)).not.toContain(familyId);
    expect(JSON.stringify(first)).not.toContain("Garcia family");
  });

  it("lists the family's referrals for the sender, and nothing inbound for the sender", async () => {
    const list = await sender.staff.inject({ method: "GET", url: `/api/referrals?familyId=${familyId}` });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.length).toBeGreaterThan(0);
    const inbound = await sender.staff.inject({ method: "GET", url: "/api/referrals/inbound" });
    expect(inbound.json().items).toEqual([]);
  });

  it("refuses bad input with the field named", async () => {
    const unknown = await refer(sender.staff, { serviceId: randomUUID() });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0].field).toBe("/body/serviceId");
    const inactive = await refer(sender.staff, { serviceId: inactiveService });
    expect(inactive.statusCode).toBe(400);
    const wrongPlace = await refer(sender.staff, { serviceAtLocationId: otherServiceAtLocation });
    expect(wrongPlace.json().error.details[0].field).toBe("/body/serviceAtLocationId");
    const noGoal = await refer(sender.staff, { goal: { planRevision: 1, goalIndex: 7 } });
    expect(noGoal.json().error.details[0].field).toBe("/body/goal");
    const noReason = await refer(sender.staff, { shared: { ...shared, reason: "" } });
    expect(noReason.statusCode).toBe(400);
    const extra = await refer(sender.staff, { shared: { ...shared, dateOfBirth: "1992-04-01" } });
    expect(extra.statusCode).toBe(400);
    const badStatus = await move(sender.staff, randomUUID(), 1, "lost");
    expect(badStatus.statusCode).toBe(400);
  });

  it("refuses viewers of the sending organization", async () => {
    expect((await refer(sender.viewer)).statusCode).toBe(403);
  });
});

describe("closing the loop over HTTP", () => {
  it("lets the receiver accept and complete with an outcome, and the sender see it, with mail both ways", async () => {
    const sent = (await refer(sender.staff)).json();
    const senderAccept = await move(sender.staff, sent.id, 1, "accepted");
    expect(senderAccept.statusCode).toBe(403);
    const viewer = await move(receiver.viewer, sent.id, 1, "accepted");
    expect(viewer.statusCode).toBe(403);

    const accepted = await move(receiver.staff, sent.id, 1, "accepted");
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: "accepted", version: 2, side: "receiver" });
    expect(accepted.json().acceptedAt).not.toBeNull();

    const noOutcome = await move(receiver.staff, sent.id, 2, "completed", " ");
    expect(noOutcome.statusCode).toBe(400);
    expect(noOutcome.json().error.details[0].field).toBe("/body/note");

    const completed = await move(receiver.manager, sent.id, 2, "completed", "Enrolled; starts Monday.");
    expect(completed.statusCode).toBe(200);

    const seen = (await sender.staff.inject({ method: "GET", url: `/api/referrals/${sent.id}` })).json();
    expect(seen).toMatchObject({ status: "completed", side: "sender", availableMoves: [] });
    expect(seen.history.map((h: { toStatus: string }) => h.toStatus)).toEqual([
      "sent",
      "accepted",
      "completed",
    ]);
    expect(seen.history[2]).toMatchObject({ side: "receiver", note: "Enrolled; starts Monday." });
    expect(seen.closedAt).not.toBeNull();

    const senderMail = await mailTo(sender.staff);
    expect(senderMail.filter((m) => m.body.includes(sent.id)).map((m) => m.subject)).toEqual(
      expect.arrayContaining([expect.stringContaining("accepted"), expect.stringContaining("completed")]),
    );
    const audits = await ctx.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "referral.status.update"), eq(auditEvents.resourceId, sent.id)));
    expect(audits).toHaveLength(2);
  });

  it("requires a reason to decline, and refuses moves out of a final state", async () => {
    const sent = (await refer(sender.staff)).json();
    expect((await move(receiver.staff, sent.id, 1, "declined")).statusCode).toBe(400);
    const declined = await move(receiver.staff, sent.id, 1, "declined", "No openings until June.");
    expect(declined.statusCode).toBe(200);
    const again = await move(receiver.staff, sent.id, 2, "accepted");
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("workflow.transition_invalid");
  });

  it("lets only the sender cancel, and answers 409 to a stale version", async () => {
    const sent = (await refer(sender.staff)).json();
    expect((await move(receiver.staff, sent.id, 1, "cancelled")).statusCode).toBe(403);
    expect((await move(receiver.staff, sent.id, 1, "accepted")).statusCode).toBe(200);
    const stale = await move(sender.staff, sent.id, 1, "cancelled");
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe("conflict.stale_version");
    const cancelled = await move(sender.staff, sent.id, 2, "cancelled", "The family moved away.");
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().status).toBe("cancelled");
    const receiverMail = await mailTo(receiver.staff);
    expect(receiverMail.some((m) => m.body.includes(sent.id) && m.subject.includes("cancelled"))).toBe(true);
  });

  it("lets the sender record the answers of a provider that is not on Trellis, without mail", async () => {
    const before = (await ctx.database.db.select().from(outboxMessages)).length;
    const sent = await refer(sender.staff, { serviceId: offTrellisService });
    expect(sent.json()).toMatchObject({ offTrellis: true, receivingOrganizationName: null });
    expect(sent.json().availableMoves).toEqual(["accepted", "declined", "cancelled"]);
    const id = sent.json().id;
    expect((await move(sender.staff, id, 1, "accepted")).statusCode).toBe(200);
    const completed = await move(sender.staff, id, 2, "completed", "Picked up a food box.");
    expect(completed.json()).toMatchObject({ status: "completed" });
    expect((await ctx.database.db.select().from(outboxMessages)).length).toBe(before);
  });

  it("answers per-provider figures", async () => {
    const figures = await sender.manager.inject({ method: "GET", url: "/api/referral-figures" });
    expect(figures.statusCode).toBe(200);
    const linked = figures
      .json()
      .providers.find((p: { providerKey: string }) => p.providerKey === linkedProvider);
    expect(linked).toMatchObject({ acceptanceRate: 2 / 3, completionRate: 1 });
    expect(linked.sent).toBe(4);
    expect(linked.medianHoursToAccept).toBeGreaterThanOrEqual(0);
    const own = (await receiver.staff.inject({ method: "GET", url: "/api/referral-figures" })).json();
    expect(own.asReceiver).toMatchObject({ providerKey: receiver.org.id, acceptanceRate: 2 / 3 });
  });
  it("e-mails an off-Trellis referral to the provider once the family agreed, and audits it", async () => {
    const sent = (await refer(sender.staff, { serviceId: offTrellisService })).json();
    const url = `/api/referrals/${sent.id}/email`;
    const refused = await sender.staff.inject({
      method: "POST",
      url,
      payload: { to: "intake@pantry.example", familyAgreed: false },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details[0].field).toBe("/body/familyAgreed");
    const badAddress = await sender.staff.inject({
      method: "POST",
      url,
      payload: { to: "nope", familyAgreed: true },
    });
    expect(badAddress.statusCode).toBe(400);
    const mailed = await sender.staff.inject({
      method: "POST",
      url,
      payload: { to: "intake@pantry.example", familyAgreed: true },
    });
    expect(mailed.statusCode).toBe(200);
    const [message] = await ctx.database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.to, "intake@pantry.example"));
    // The family's language is Spanish: so is the e-mail.
    expect(message?.subject).toBe("Referencia a Emergency food");
    expect(message?.body).toContain("Rosa Garcia");
    expect(message?.body).toContain(shared.reason);
    const doc = (await sender.staff.inject({ method: "GET", url: `/api/referrals/${sent.id}` })).json();
    expect(doc.emailedTo).toBe("intake@pantry.example");
    const [event] = (await eventsSince(0)).filter((e) => e.action === "referral.email");
    expect(event?.metadata).toMatchObject({ familyId, basis: "family_agreed_at_referral" });
    const onTrellis = (await refer(sender.staff)).json();
    const conflict = await sender.staff.inject({
      method: "POST",
      url: `/api/referrals/${onTrellis.id}/email`,
      payload: { to: "x@y.example", familyAgreed: true },
    });
    expect(conflict.statusCode).toBe(409);
    const stranger = await outsider.staff.inject({
      method: "POST",
      url,
      payload: { to: "x@y.example", familyAgreed: true },
    });
    expect(stranger.statusCode).toBe(404);
  });

  it("lets a receiving organization's managers choose which providers' referrals it receives", async () => {
    const list = await receiver.staff.inject({ method: "GET", url: "/api/referral-provider-links" });
    expect(list.json().items.map((l: { hsdsOrganizationId: string }) => l.hsdsOrganizationId)).toEqual([
      linkedProvider,
    ]);
    const byStaff = await receiver.staff.inject({
      method: "POST",
      url: "/api/referral-provider-links",
      payload: { hsdsOrganizationId: offTrellisProvider },
    });
    expect(byStaff.statusCode).toBe(403);
    const taken = await outsider.manager.inject({
      method: "POST",
      url: "/api/referral-provider-links",
      payload: { hsdsOrganizationId: linkedProvider },
    });
    expect(taken.statusCode).toBe(409);
    const unknown = await receiver.manager.inject({
      method: "POST",
      url: "/api/referral-provider-links",
      payload: { hsdsOrganizationId: randomUUID() },
    });
    expect(unknown.statusCode).toBe(400);
    const linked = await receiver.manager.inject({
      method: "POST",
      url: "/api/referral-provider-links",
      payload: { hsdsOrganizationId: offTrellisProvider },
    });
    expect(linked.statusCode).toBe(201);
    expect(linked.json()).toMatchObject({ hsdsOrganizationId: offTrellisProvider, name: "Paper Pantry" });
    const nowOnTrellis = (await refer(sender.staff, { serviceId: offTrellisService })).json();
    expect(nowOnTrellis).toMatchObject({ offTrellis: false, receivingOrganizationName: receiver.org.name });
    const notMine = await outsider.manager.inject({
      method: "DELETE",
      url: `/api/referral-provider-links/${offTrellisProvider}`,
    });
    expect(notMine.statusCode).toBe(404);
    const removed = await receiver.manager.inject({
      method: "DELETE",
      url: `/api/referral-provider-links/${offTrellisProvider}`,
    });
    expect(removed.statusCode).toBe(204);
    const offAgain = (await refer(sender.staff, { serviceId: offTrellisService })).json();
    expect(offAgain.offTrellis).toBe(true);
  });
});

describe("other organizations", () => {
  it("refuses another organization's staff with 404 everywhere, and audits each refusal", async () => {
    const sent = (await refer(sender.staff)).json();
    const seq = await lastSeq();
    const attempts = [
      await outsider.admin.inject({ method: "GET", url: `/api/referrals/${sent.id}` }),
      await move(outsider.admin, sent.id, 1, "accepted"),
      await move(outsider.admin, sent.id, 1, "cancelled"),
      await refer(outsider.admin),
      await outsider.admin.inject({ method: "GET", url: `/api/referrals?familyId=${familyId}` }),
    ];
    expect(attempts.map((r) => r.statusCode)).toEqual([404, 404, 404, 404, 404]);
    const denials = (await eventsSince(seq)).filter((e) => e.outcome === "denied");
    expect(denials).toHaveLength(5);
    expect(denials.every((d) => d.organizationId === sender.org.id)).toBe(true);
    const unknown = await sender.staff.inject({ method: "GET", url: `/api/referrals/${randomUUID()}` });
    expect(unknown.statusCode).toBe(404);
    const theirs = (await outsider.admin.inject({ method: "GET", url: "/api/referrals" })).json();
    expect(theirs.items).toEqual([]);
  });
});
