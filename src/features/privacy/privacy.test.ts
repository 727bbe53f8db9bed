import { parse } from "csv-parse/sync";
import { and, eq } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  auditEventsFor,
  createOrganizationWithRoles,
  createTestApp,
  createUser,
  type Session,
  signIn,
  type TestContext,
} from "../../../test/helpers.ts";
import {
  auditEvents,
  breakGlassAccesses,
  consentDocuments,
  consents,
  families,
  familyAnonymizations,
  familyAssessments,
  familyClosures,
  familyContacts,
  familyMembers,
  familyProgramRecords,
  referrals,
  servicePlans,
} from "../../db/schema/index.ts";
import { todayIn } from "../../server/config.ts";
import { AUDIT_CSV_COLUMNS } from "../audit/audit.routes.ts";
import { allAuditEvents, recordAudit, verifyAuditChain } from "../audit/audit.service.ts";
import { STRENGTHS_AND_NEEDS_V1 } from "../families/families.instruments.ts";
import { addDays, shiftMonths } from "./retention.rules.ts";
import { runDailyRetention } from "./retention.service.ts";

let ctx: TestContext;
let home: Awaited<ReturnType<typeof createOrganizationWithRoles>>;
let other: Awaited<ReturnType<typeof createOrganizationWithRoles>>;
let officer: Session;
let otherOfficer: Session;
let today: string;

let seq = 0;
async function intake(overrides: Record<string, unknown> = {}): Promise<{ id: string; version: number }> {
  seq++;
  const response = await home.staff.inject({
    method: "POST",
    url: "/api/families",
    payload: {
      displayName: `Moreno family ${seq}`,
      phone: `(555) 020-${String(1000 + seq)}`,
      email: `moreno${seq}@example.org`,
      address: `${seq} Elm Street, Harbor City`,
      referralSource: "School nurse",
      members: [
        {
          firstName: "Lucia",
          lastName: "Moreno",
          dateOfBirth: `198${seq % 10}-02-0${1 + (seq % 8)}`,
          relationship: "parent",
        },
      ],
      ...overrides,
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function close(family: { id: string; version: number }, closedOn: string) {
  const response = await home.staff.inject({
    method: "POST",
    url: `/api/families/${family.id}/closure`,
    payload: {
      version: family.version,
      closedOn: today,
      reason: "goals_met",
      goalsMet: "Lucia found work at the bakery.",
      maintenancePlan: "Keep the budget.",
      anticipatedNeeds: "Preschool for Tomas.",
      whereToSeekHelp: "Harbor FRC, 211.",
    },
  });
  expect(response.statusCode, response.body).toBe(200);
  // Closed long ago: the closure is backdated, as if years had passed.
  await ctx.database.db
    .update(familyClosures)
    .set({ closedOn })
    .where(eq(familyClosures.familyId, family.id));
}

const monthsAgo = (n: number) => shiftMonths(today, -n);
const instantMonthsAgo = (n: number) => new Date(`${monthsAgo(n)}T12:00:00Z`);

async function addConsentWithForm(familyId: string, ended: { revokedAt?: Date; expiresOn?: string }) {
  const [consent] = await ctx.database.db
    .insert(consents)
    .values({
      organizationId: home.org.id,
      familyId,
      givenByName: "Lucia Moreno",
      receivingOrganizationIds: [other.org.id],
      categories: ["identity_contact"],
      purposes: ["referral"],
      effectiveOn: monthsAgo(60),
      expiresOn: ended.expiresOn ?? null,
      revokedAt: ended.revokedAt ?? null,
      method: "signed_form",
      notes: "Signed at the kitchen table.",
    })
    .returning({ id: consents.id });
  if (!consent) throw new Error("no consent");
  await ctx.database.db.insert(consentDocuments).values({
    organizationId: home.org.id,
    consentId: consent.id,
    fileName: "consent.pdf",
    contentType: "application/pdf",
    content: Buffer.from("%PDF-1.4 signed"),
    sizeBytes: 15,
  });
  return consent.id;
}

async function addReferral(familyId: string, values: { status: "sent" | "completed"; closedAt?: Date }) {
  const [referral] = await ctx.database.db
    .insert(referrals)
    .values({
      organizationId: home.org.id,
      familyId,
      serviceId: "00000000-0000-4000-8000-000000000001",
      serviceName: "Harbor Food Pantry",
      sharedContactName: "Lucia Moreno",
      sharedLanguage: "es",
      sharedPhone: "(555) 020-9999",
      sharedReason: "Needs groceries for three children.",
      goalText: "Enough food every week",
      status: values.status,
      closedAt: values.closedAt ?? null,
    })
    .returning({ id: referrals.id });
  if (!referral) throw new Error("no referral");
  return referral.id;
}

// Family A: closed seven and a half years ago, with everything a record holds. Family B: open, with a
// referral finished three and a half years ago and a consent revoked as long ago. Family C: closed last month.
let familyA: { id: string; version: number };
let familyB: { id: string; version: number };
let familyC: { id: string; version: number };
let referralA: string;
let referralB: string;
let oldConsentB: string;
let recentConsentB: string;
let consentA: string;

beforeAll(async () => {
  ctx = await createTestApp();
  today = todayIn(ctx.app.config.timeZone);
  home = await createOrganizationWithRoles(ctx, "community_provider");
  other = await createOrganizationWithRoles(ctx, "community_provider");
  officer = await signIn(
    ctx,
    await createUser(ctx, { organizationId: home.org.id, role: "viewer", capabilities: ["privacy_officer"] }),
  );
  otherOfficer = await signIn(
    ctx,
    await createUser(ctx, {
      organizationId: other.org.id,
      role: "viewer",
      capabilities: ["privacy_officer"],
    }),
  );

  familyA = await intake();
  const assessed = await home.staff.inject({
    method: "POST",
    url: `/api/families/${familyA.id}/assessments`,
    payload: {
      assessedOn: today,
      scores: Object.fromEntries(STRENGTHS_AND_NEEDS_V1.domains.map((d) => [d.key, 3])),
      crisisKinds: [],
      notes: "Lucia worries about her brother.",
    },
  });
  expect(assessed.statusCode, assessed.body).toBe(201);
  const planned = await home.staff.inject({
    method: "POST",
    url: `/api/families/${familyA.id}/service-plans`,
    payload: {
      basedOnRevision: null,
      goals: [{ goal: "Lucia wants a job", domain: "employment", steps: [], servicesNeeded: ["Job club"] }],
      disengagement: { when: "When working", how: "Check-ins", needs: "211" },
    },
  });
  expect(planned.statusCode, planned.body).toBe(201);
  const contacted = await home.staff.inject({
    method: "POST",
    url: `/api/families/${familyA.id}/contacts`,
    payload: {
      contactDate: today,
      kind: "home_visit",
      notes: "Met Lucia and Tomas at home.",
      servicesReview: [{ service: "Job club", appropriate: true, helpful: true }],
    },
  });
  expect(contacted.statusCode, contacted.body).toBe(201);
  familyA = contacted.json();
  await ctx.database.db.insert(familyProgramRecords).values({
    organizationId: home.org.id,
    familyId: familyA.id,
    kind: "child_welfare_history",
    recordedOn: today,
    summary: "One prior referral in 2015.",
  });
  referralA = await addReferral(familyA.id, { status: "sent" });
  consentA = await addConsentWithForm(familyA.id, {});
  await close(familyA, monthsAgo(90));

  familyB = await intake();
  referralB = await addReferral(familyB.id, { status: "completed", closedAt: instantMonthsAgo(42) });
  oldConsentB = await addConsentWithForm(familyB.id, { revokedAt: instantMonthsAgo(42) });
  recentConsentB = await addConsentWithForm(familyB.id, { expiresOn: monthsAgo(2) });

  familyC = await intake();
  await close(familyC, monthsAgo(1));
});
afterAll(() => ctx.close());

async function preview(session: Session = officer) {
  const response = await session.inject({ method: "GET", url: "/api/privacy/retention/preview" });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as {
    previewId: string;
    asOf: string;
    counts: Record<string, number>;
    items: { recordType: string; recordId: string; familyId: string; label: string; enabled: boolean }[];
  };
}

async function setRule(recordType: string, afterMonths: number, enabled: boolean, session = officer) {
  const rules = (await session.inject({ method: "GET", url: "/api/privacy/retention-rules" })).json();
  const version = rules.items.find((r: { recordType: string }) => r.recordType === recordType).version;
  const response = await session.inject({
    method: "PUT",
    url: `/api/privacy/retention-rules/${recordType}`,
    payload: { afterMonths, enabled, version },
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

describe("retention rules", () => {
  it("lists every record type with disabled defaults until the organization sets them", async () => {
    const response = await officer.inject({ method: "GET", url: "/api/privacy/retention-rules" });
    expect(response.statusCode).toBe(200);
    expect(response.json().items).toEqual([
      { recordType: "closed_family", afterMonths: 84, enabled: false, version: 0 },
      { recordType: "finished_referral", afterMonths: 36, enabled: false, version: 0 },
      { recordType: "ended_consent_form", afterMonths: 36, enabled: false, version: 0 },
    ]);
  });

  it("refuses staff without the privacy officer capability, and audits the refusal", async () => {
    for (const request of [
      { method: "GET" as const, url: "/api/privacy/retention-rules" },
      { method: "GET" as const, url: "/api/privacy/retention/preview" },
      { method: "POST" as const, url: "/api/privacy/retention/apply", payload: { previewId: "x" } },
      {
        method: "PUT" as const,
        url: "/api/privacy/retention-rules/closed_family",
        payload: { afterMonths: 1, enabled: true, version: 0 },
      },
    ]) {
      const response = await home.staff.inject(request);
      expect(response.statusCode, request.url).toBe(403);
    }
    const denials = (await auditEventsFor(ctx, "retention.manage")).filter(
      (e) => e.outcome === "denied" && e.actorUserId === home.staff.me.user.id,
    );
    expect(denials).toHaveLength(4);
    expect(denials.every((e) => e.organizationId === home.org.id)).toBe(true);
  });

  it("refuses a rule change made on a stale version with 409, changing nothing", async () => {
    // Another organization's rules, so the audit counts of this organization's rules stay as they are.
    await setRule("finished_referral", 40, false, otherOfficer);
    const second = await setRule("finished_referral", 41, false, otherOfficer);
    const stored = second.items.find((r: { recordType: string }) => r.recordType === "finished_referral");
    expect(stored).toMatchObject({ afterMonths: 41, version: 2 });
    const stale = await otherOfficer.inject({
      method: "PUT",
      url: "/api/privacy/retention-rules/finished_referral",
      payload: { afterMonths: 12, enabled: false, version: stored.version - 1 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe("conflict.stale_version");
    const after = (await otherOfficer.inject({ method: "GET", url: "/api/privacy/retention-rules" })).json();
    expect(after.items.find((r: { recordType: string }) => r.recordType === "finished_referral")).toEqual(
      stored,
    );
  });

  it("validates the months of a rule", async () => {
    const response = await officer.inject({
      method: "PUT",
      url: "/api/privacy/retention-rules/closed_family",
      payload: { afterMonths: 0, enabled: true, version: 0 },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].field).toBe("/body/afterMonths");
  });
});

describe("retention preview and apply", () => {
  it("previews what every rule reaches, marking the disabled ones", async () => {
    const result = await preview();
    expect(result.asOf).toBe(today);
    expect(result.counts).toEqual({ closed_family: 1, finished_referral: 1, ended_consent_form: 1 });
    expect(result.items).toEqual([
      expect.objectContaining({
        recordType: "closed_family",
        recordId: familyA.id,
        familyId: familyA.id,
        label: expect.stringMatching(/^Moreno family/),
        eligibleSince: addDays(shiftMonths(monthsAgo(90), 84), 1),
        enabled: false,
      }),
      expect.objectContaining({ recordType: "finished_referral", recordId: referralB, familyId: familyB.id }),
      expect.objectContaining({
        recordType: "ended_consent_form",
        recordId: oldConsentB,
        familyId: familyB.id,
      }),
    ]);
    // Family C closed last month, the consent that expired two months ago: not yet.
    expect(result.items.map((i) => i.recordId)).not.toContain(familyC.id);
    expect(result.items.map((i) => i.recordId)).not.toContain(recentConsentB);
  });

  it("records each rule change in the audit log", async () => {
    await setRule("closed_family", 84, true);
    await setRule("finished_referral", 36, true);
    const rules = await setRule("ended_consent_form", 36, true);
    expect(rules.items.every((r: { enabled: boolean }) => r.enabled)).toBe(true);
    const changes = (await auditEventsFor(ctx, "retention.rule.update")).filter(
      (e) => e.organizationId === home.org.id,
    );
    expect(changes).toHaveLength(3);
    expect(changes[0]).toMatchObject({
      organizationId: home.org.id,
      actorUserId: officer.me.user.id,
      metadata: { recordType: "closed_family", after: { afterMonths: 84, enabled: true } },
    });
  });

  it("refuses a preview that is no longer current, and changes nothing", async () => {
    const seen = await preview();
    // Something changed since: another consent's form became due.
    const lateConsent = await addConsentWithForm(familyB.id, { expiresOn: monthsAgo(40) });
    const response = await officer.inject({
      method: "POST",
      url: "/api/privacy/retention/apply",
      payload: { previewId: seen.previewId },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe("retention.preview_stale");
    const [family] = await ctx.database.db.select().from(families).where(eq(families.id, familyA.id));
    expect(family?.displayName).toMatch(/^Moreno family/);
    expect(await ctx.database.db.select().from(familyAnonymizations)).toEqual([]);
    expect(await auditEventsFor(ctx, "retention.anonymize_family")).toEqual([]);
    const fresh = await preview();
    expect(fresh.previewId).not.toBe(seen.previewId);
    expect(fresh.items.map((i) => i.recordId)).toContain(lateConsent);
  });

  it("does not let another organization's privacy officer see or apply ours", async () => {
    const ours = await preview();
    const theirs = await preview(otherOfficer);
    expect(theirs.items).toEqual([]);
    const response = await otherOfficer.inject({
      method: "POST",
      url: "/api/privacy/retention/apply",
      payload: { previewId: ours.previewId },
    });
    expect(response.statusCode).toBe(409);
    const [family] = await ctx.database.db.select().from(families).where(eq(families.id, familyA.id));
    expect(family?.displayName).toMatch(/^Moreno family/);
  });

  it("anonymizes the closed family, redacts the finished referral and deletes the ended consent's form", async () => {
    const seen = await preview();
    const response = await officer.inject({
      method: "POST",
      url: "/api/privacy/retention/apply",
      payload: { previewId: seen.previewId },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().counts).toEqual({ closed_family: 1, finished_referral: 1, ended_consent_form: 2 });

    const db = ctx.database.db;
    const inA = (t: { familyId: AnyPgColumn }) => eq(t.familyId, familyA.id);
    const [family] = await db.select().from(families).where(eq(families.id, familyA.id));
    expect(family).toMatchObject({
      displayName: "Anonymized family",
      phone: null,
      phoneDigits: null,
      email: null,
      address: null,
      referralSource: null,
      status: "closed",
    });
    const members = await db.select().from(familyMembers).where(inA(familyMembers));
    expect(members).toEqual([
      expect.objectContaining({ firstName: "Anonymized", lastName: "", dateOfBirth: null, phone: null }),
    ]);
    const [contact] = await db.select().from(familyContacts).where(inA(familyContacts));
    expect(contact).toMatchObject({ notes: "", servicesReview: [], kind: "home_visit", contactDate: today });
    const [assessment] = await db.select().from(familyAssessments).where(inA(familyAssessments));
    expect(assessment).toMatchObject({ notes: null, total: STRENGTHS_AND_NEEDS_V1.domains.length * 3 });
    const [plan] = await db.select().from(servicePlans).where(inA(servicePlans));
    expect(plan).toMatchObject({
      goals: [],
      disengagement: { when: "", how: "", needs: "" },
      status: "active",
    });
    const [closure] = await db.select().from(familyClosures).where(inA(familyClosures));
    expect(closure).toMatchObject({
      closedOn: monthsAgo(90),
      reason: "goals_met",
      goalsMet: "",
      maintenancePlan: "",
      anticipatedNeeds: "",
      whereToSeekHelp: "",
    });
    const [program] = await db.select().from(familyProgramRecords).where(inA(familyProgramRecords));
    expect(program?.summary).toBe("");
    const [referral] = await db.select().from(referrals).where(eq(referrals.id, referralA));
    expect(referral).toMatchObject({
      sharedContactName: "Anonymized",
      sharedPhone: null,
      sharedReason: "",
      goalText: null,
      serviceName: "Harbor Food Pantry",
    });
    const [consent] = await db.select().from(consents).where(eq(consents.id, consentA));
    expect(consent).toMatchObject({
      givenByName: "Anonymized",
      typedSignature: null,
      witnessName: null,
      notes: null,
    });
    expect(await db.select().from(consentDocuments).where(eq(consentDocuments.consentId, consentA))).toEqual(
      [],
    );
    expect(await db.select().from(familyAnonymizations)).toEqual([
      expect.objectContaining({ organizationId: home.org.id, familyId: familyA.id, ruleAfterMonths: 84 }),
    ]);

    const [redacted] = await db.select().from(referrals).where(eq(referrals.id, referralB));
    expect(redacted).toMatchObject({
      sharedContactName: "Redacted",
      sharedPhone: null,
      sharedReason: "",
      goalText: null,
      status: "completed",
    });
    expect(
      await db.select().from(consentDocuments).where(eq(consentDocuments.consentId, oldConsentB)),
    ).toEqual([]);
    // The consent itself stays (its dates and categories are the family's history); only the form goes.
    expect(await db.select().from(consents).where(eq(consents.id, oldConsentB))).toHaveLength(1);
    expect(
      await db.select().from(consentDocuments).where(eq(consentDocuments.consentId, recentConsentB)),
    ).toHaveLength(1);
    // Family B is open and C recent: untouched.
    const [b] = await db.select().from(families).where(eq(families.id, familyB.id));
    expect(b?.displayName).toMatch(/^Moreno family/);

    const [anonymized] = await auditEventsFor(ctx, "retention.anonymize_family");
    expect(anonymized).toMatchObject({
      organizationId: home.org.id,
      actorUserId: officer.me.user.id,
      resourceType: "family",
      resourceId: familyA.id,
      metadata: { familyId: familyA.id, afterMonths: 84 },
    });
    // No name is written to the append-only log.
    expect(JSON.stringify(anonymized?.metadata)).not.toContain("Moreno");
    expect(await auditEventsFor(ctx, "retention.redact_referral")).toEqual([
      expect.objectContaining({
        resourceType: "referral",
        resourceId: referralB,
        metadata: expect.objectContaining({ familyId: familyB.id }),
      }),
    ]);
    const deleted = await auditEventsFor(ctx, "retention.delete_consent_form");
    expect(deleted.map((e) => e.resourceId).sort()).toContain(oldConsentB);
    expect(deleted.every((e) => e.resourceType === "consent" && e.metadata?.familyId === familyB.id)).toBe(
      true,
    );
  });

  it("leaves an audit chain that still verifies", async () => {
    const result = await verifyAuditChain(ctx.database.db);
    expect(result).toMatchObject({ ok: true, firstBroken: null });
    expect(result.checked).toBeGreaterThan(10);
  });

  it("finds nothing more to do afterwards", async () => {
    const after = await preview();
    expect(after.items).toEqual([]);
    const response = await officer.inject({
      method: "POST",
      url: "/api/privacy/retention/apply",
      payload: { previewId: after.previewId },
    });
    expect(response.json().counts).toEqual({ closed_family: 0, finished_referral: 0, ended_consent_form: 0 });
  });

  it("runs the daily job once per day, as the system", async () => {
    const familyD = await intake();
    await close(familyD, monthsAgo(100));
    const deps = { db: ctx.database.db, timeZone: ctx.app.config.timeZone };
    const first = await runDailyRetention(deps, today);
    expect(first).toMatchObject({ ran: true, failed: 0, counts: { closed_family: 1 } });
    const again = await runDailyRetention(deps, today);
    expect(again.ran).toBe(false);
    const event = (await auditEventsFor(ctx, "retention.anonymize_family")).find(
      (e) => e.resourceId === familyD.id,
    );
    expect(event).toMatchObject({
      actorUserId: null,
      actorEmail: "system:retention",
      organizationId: home.org.id,
    });
    const [d] = await ctx.database.db.select().from(families).where(eq(families.id, familyD.id));
    expect(d?.displayName).toBe("Anonymized family");
    expect((await verifyAuditChain(ctx.database.db)).ok).toBe(true);
  });
});

describe("audit for privacy officers", () => {
  type Item = {
    action: string;
    outcome: string;
    resourceId: string | null;
    metadata: Record<string, unknown> | null;
  };

  it("filters by family: the family's own events and those of things inside it", async () => {
    const response = await officer.inject({
      method: "GET",
      url: `/api/audit-events?familyId=${familyB.id}&limit=500`,
    });
    expect(response.statusCode).toBe(200);
    const items: Item[] = response.json().items;
    expect(items.map((e) => e.action)).toEqual(
      expect.arrayContaining(["family.create", "retention.redact_referral"]),
    );
    expect(items.every((e) => e.resourceId === familyB.id || e.metadata?.familyId === familyB.id)).toBe(true);
  });

  it("filters by outcome", async () => {
    const response = await officer.inject({
      method: "GET",
      url: "/api/audit-events?outcome=denied&limit=500",
    });
    const items: Item[] = response.json().items;
    expect(items.length).toBeGreaterThanOrEqual(4);
    expect(items.every((e) => e.outcome === "denied")).toBe(true);
    expect(items.map((e) => e.action)).toContain("retention.manage");
  });

  it("filters by the organization the actor acted for", async () => {
    await recordAudit(
      ctx.database.db,
      {
        actorUserId: null,
        actorEmail: "reader@other.example",
        organizationId: home.org.id,
        requestId: null,
        ip: null,
      },
      {
        action: "family.shared.read",
        outcome: "success",
        resourceType: "family",
        resourceId: familyB.id,
        metadata: { familyId: familyB.id, actorOrganizationId: other.org.id, basis: "consent" },
      },
    );
    const theirs: Item[] = (
      await officer.inject({ method: "GET", url: `/api/audit-events?actorOrganizationId=${other.org.id}` })
    ).json().items;
    expect(theirs.map((e) => e.action)).toEqual(["family.shared.read"]);
    const ours: Item[] = (
      await officer.inject({
        method: "GET",
        url: `/api/audit-events?actorOrganizationId=${home.org.id}&limit=500`,
      })
    ).json().items;
    expect(ours.map((e) => e.action)).toContain("family.create");
    expect(ours.map((e) => e.action)).not.toContain("family.shared.read");
  });

  it("exports every matching event as CSV, and audits the export", async () => {
    // A value that a spreadsheet would run as a formula.
    await recordAudit(
      ctx.database.db,
      {
        actorUserId: null,
        actorEmail: '=HYPERLINK("http://x")',
        organizationId: home.org.id,
        requestId: null,
        ip: null,
      },
      { action: "test.formula", outcome: "failure", resourceType: "family", resourceId: familyB.id },
    );
    const listed: Item[] = (
      await officer.inject({ method: "GET", url: `/api/audit-events?familyId=${familyB.id}&limit=500` })
    ).json().items;
    const response = await officer.inject({
      method: "GET",
      url: `/api/audit-events.csv?familyId=${familyB.id}`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^text\/csv/);
    expect(response.headers["content-disposition"]).toMatch(/^attachment; filename="audit-events-.*\.csv"$/);
    const [header, ...rows] = parse(response.body) as string[][];
    expect(header).toEqual([...AUDIT_CSV_COLUMNS]);
    expect(rows).toHaveLength(listed.length);
    const column = (name: (typeof AUDIT_CSV_COLUMNS)[number]) => AUDIT_CSV_COLUMNS.indexOf(name);
    expect(rows.every((r) => r[column("familyId")] === familyB.id)).toBe(true);
    const shared = rows.find((r) => r[column("action")] === "family.shared.read");
    expect(shared?.[column("actorOrganizationId")]).toBe(other.org.id);
    expect(shared?.[column("basis")]).toBe("consent");
    expect(JSON.parse(shared?.[column("metadata")] ?? "")).toMatchObject({ basis: "consent" });
    const formula = rows.find((r) => r[column("action")] === "test.formula");
    expect(formula?.[column("actorEmail")]).toBe('\'=HYPERLINK("http://x")');

    const [exported] = (await auditEventsFor(ctx, "audit.export")).slice(-1);
    expect(exported).toMatchObject({
      actorUserId: officer.me.user.id,
      organizationId: home.org.id,
      metadata: { filters: { familyId: familyB.id } },
    });
  });

  it("reads the whole log in batches, leaving nothing out", async () => {
    const all = await ctx.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.organizationId, home.org.id));
    let count = 0;
    for await (const batch of allAuditEvents(ctx.database.db, { organizationId: home.org.id }, 7)) {
      expect(batch.length).toBeLessThanOrEqual(7);
      count += batch.length;
    }
    expect(count).toBe(all.length);
  });

  it("refuses staff the export, and gives another organization none of ours", async () => {
    expect((await home.staff.inject({ method: "GET", url: "/api/audit-events.csv" })).statusCode).toBe(403);
    const theirs = await other.admin.inject({ method: "GET", url: "/api/audit-events.csv" });
    expect(theirs.statusCode).toBe(200);
    expect(theirs.body).not.toContain(home.org.id);
    expect(theirs.body).not.toContain(familyB.id);
  });
});

describe("break-glass review", () => {
  let accessId: string;

  beforeAll(async () => {
    const [access] = await ctx.database.db
      .insert(breakGlassAccesses)
      .values({
        organizationId: home.org.id,
        familyId: familyB.id,
        accessingOrganizationId: other.org.id,
        userId: other.staff.me.user.id,
        reason: "Police called: child alone at home, need guardian contacts now.",
        expiresAt: new Date(Date.now() + 4 * 3_600_000),
      })
      .returning({ id: breakGlassAccesses.id });
    accessId = access?.id ?? "";
  });

  it("lists the accesses to the organization's families awaiting review", async () => {
    const response = await officer.inject({ method: "GET", url: "/api/privacy/break-glass?status=pending" });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().items).toEqual([
      expect.objectContaining({
        id: accessId,
        familyId: familyB.id,
        familyName: expect.stringMatching(/^Moreno family/),
        user: expect.objectContaining({ id: other.staff.me.user.id, email: expect.stringContaining("@") }),
        accessingOrganization: { id: other.org.id, name: other.org.name },
        reason: expect.stringContaining("Police called"),
        open: true,
        review: null,
      }),
    ]);
    // The accessing organization's privacy officer does not review it.
    const theirs = await otherOfficer.inject({ method: "GET", url: "/api/privacy/break-glass?status=all" });
    expect(theirs.json().items).toEqual([]);
    expect((await home.staff.inject({ method: "GET", url: "/api/privacy/break-glass" })).statusCode).toBe(
      403,
    );
  });

  it("hides another organization's access (404) and audits the attempt against the family's organization", async () => {
    const response = await otherOfficer.inject({
      method: "POST",
      url: `/api/privacy/break-glass/${accessId}/review`,
      payload: { outcome: "justified", note: "Looks fine to me." },
    });
    expect(response.statusCode).toBe(404);
    const unknown = await officer.inject({
      method: "POST",
      url: "/api/privacy/break-glass/00000000-0000-4000-8000-00000000abcd/review",
      payload: { outcome: "justified", note: "x" },
    });
    expect(unknown.statusCode).toBe(404);
    const [denied] = (await auditEventsFor(ctx, "privacy.review")).filter(
      (e) => e.outcome === "denied" && e.actorUserId === otherOfficer.me.user.id,
    );
    expect(denied).toMatchObject({
      organizationId: home.org.id,
      resourceType: "break_glass",
      resourceId: accessId,
    });
    const staff = await home.staff.inject({
      method: "POST",
      url: `/api/privacy/break-glass/${accessId}/review`,
      payload: { outcome: "justified", note: "x" },
    });
    expect(staff.statusCode).toBe(403);
  });

  it("records the review once, audited with the family", async () => {
    const response = await officer.inject({
      method: "POST",
      url: `/api/privacy/break-glass/${accessId}/review`,
      payload: { outcome: "not_justified", note: "No emergency: the guardian was reachable by phone." },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().review).toMatchObject({
      outcome: "not_justified",
      note: "No emergency: the guardian was reachable by phone.",
      reviewedBy: { id: officer.me.user.id },
    });
    const [reviewed] = await auditEventsFor(ctx, "break_glass.review");
    expect(reviewed).toMatchObject({
      outcome: "success",
      organizationId: home.org.id,
      resourceType: "break_glass",
      resourceId: accessId,
      metadata: expect.objectContaining({ familyId: familyB.id, reviewOutcome: "not_justified" }),
    });

    const again = await officer.inject({
      method: "POST",
      url: `/api/privacy/break-glass/${accessId}/review`,
      payload: { outcome: "justified", note: "Changed my mind." },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("break_glass.already_reviewed");
    const [row] = await ctx.database.db
      .select()
      .from(breakGlassAccesses)
      .where(and(eq(breakGlassAccesses.organizationId, home.org.id), eq(breakGlassAccesses.id, accessId)));
    expect(row?.reviewOutcome).toBe("not_justified");

    const pending = await officer.inject({ method: "GET", url: "/api/privacy/break-glass" });
    expect(pending.json().items).toEqual([]);
    const done = await officer.inject({ method: "GET", url: "/api/privacy/break-glass?status=reviewed" });
    expect(done.json().items.map((i: { id: string }) => i.id)).toEqual([accessId]);
  });
});
