import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  auditEventsFor,
  createOrganizationWithRoles,
  createTestApp,
  type Session,
  type TestContext,
} from "../../../test/helpers.ts";
import {
  auditEvents,
  breakGlassAccesses,
  consentDocuments,
  consents,
  familyProgramRecords,
  referralEvents,
  referrals,
  users,
} from "../../db/schema/index.ts";
import { readPdfText } from "../../exports/test-readers.ts";
import { todayIn } from "../../server/config.ts";
import { recordAudit } from "../audit/audit.service.ts";
import type { AccessReport } from "./access-report.ts";
import type { FamilyRecord } from "./family-record.schema.ts";

type Org = Awaited<ReturnType<typeof createOrganizationWithRoles>>;

let ctx: TestContext;
let owner: Org;
let partner: Org;
let stranger: Org;
let today: string;
let familyId: string;
let consentId: string;
let revokedConsentId: string;

const FAMILY_NAME = "Quintero family";

const pdfText = async (body: Buffer) => (await readPdfText(body)).join(" ").replace(/\s+/g, " ");
const userName = async (session: Session) => {
  const [row] = await ctx.database.db.select().from(users).where(eq(users.id, session.me.user.id));
  return row?.name ?? "";
};
/** The events recorded after `seq`, for asserting what a request audited. */
const eventsAfter = async (seq: number) =>
  (await ctx.database.db.select().from(auditEvents).orderBy(auditEvents.seq)).filter((e) => e.seq > seq);
const lastSeq = async () => {
  const all = await ctx.database.db.select({ seq: auditEvents.seq }).from(auditEvents);
  return Math.max(0, ...all.map((e) => e.seq));
};

beforeAll(async () => {
  ctx = await createTestApp();
  owner = await createOrganizationWithRoles(ctx, "community_provider");
  partner = await createOrganizationWithRoles(ctx, "community_provider");
  stranger = await createOrganizationWithRoles(ctx, "community_provider");
  today = todayIn(ctx.app.config.timeZone);
  const created = await owner.staff.inject({
    method: "POST",
    url: "/api/families",
    payload: {
      displayName: FAMILY_NAME,
      preferredLanguage: "en",
      phone: "(555) 010-4242",
      members: [
        { firstName: "Lucía", lastName: "Quintero", dateOfBirth: "1988-04-02", relationship: "parent" },
        { firstName: "Tomás", lastName: "Quintero", dateOfBirth: "2019-09-15", relationship: "child" },
      ],
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  familyId = created.json().id;
  const db = ctx.database.db;
  // The consent routes are written alongside; the rows are what they would store.
  const [consent] = await db
    .insert(consents)
    .values({
      organizationId: owner.org.id,
      familyId,
      givenByName: "Lucía Quintero",
      receivingOrganizationIds: [partner.org.id],
      categories: ["identity_contact", "assessment"],
      purposes: ["service_coordination"],
      effectiveOn: today,
      method: "typed_signature",
      typedSignature: "Lucía Quintero",
      signedOn: today,
      recordedBy: owner.staff.me.user.id,
    })
    .returning();
  consentId = consent?.id ?? "";
  const [revoked] = await db
    .insert(consents)
    .values({
      organizationId: owner.org.id,
      familyId,
      givenByName: "Lucía Quintero",
      receivingOrganizationIds: [partner.org.id],
      categories: ["contact_notes"],
      purposes: ["referral"],
      effectiveOn: "2025-01-01",
      method: "signed_form",
      revokedAt: new Date(),
      revokedBy: owner.staff.me.user.id,
      revocationReason: "We no longer work with them",
    })
    .returning();
  revokedConsentId = revoked?.id ?? "";
  await db.insert(consentDocuments).values({
    organizationId: owner.org.id,
    consentId: revokedConsentId,
    fileName: "signed-consent.pdf",
    contentType: "application/pdf",
    content: Buffer.from("%PDF-1.4 signed form bytes"),
    sizeBytes: 26,
  });
  await db.insert(breakGlassAccesses).values({
    organizationId: owner.org.id,
    familyId,
    accessingOrganizationId: partner.org.id,
    userId: partner.staff.me.user.id,
    reason: "The child was brought to our shelter at night",
    expiresAt: new Date(Date.now() + 3_600_000),
  });
  await db.insert(familyProgramRecords).values({
    organizationId: owner.org.id,
    familyId,
    kind: "welfare_to_work_eligibility",
    recordedOn: today,
    summary: "Eligible for CalWORKs since March",
  });
  const [referral] = await db
    .insert(referrals)
    .values({
      organizationId: owner.org.id,
      familyId,
      serviceId: crypto.randomUUID(),
      serviceName: "Evening GED classes",
      receivingOrganizationId: partner.org.id,
      sharedContactName: "Lucía",
      sharedLanguage: "es",
      sharedReason: "Wants to finish school",
    })
    .returning();
  await db.insert(referralEvents).values({
    organizationId: owner.org.id,
    referralId: referral?.id ?? "",
    toStatus: "sent",
    side: "sender",
    actorUserId: owner.staff.me.user.id,
  });
  // A shared read by the partner under consent and an action the report has no words for, as the
  // consent feature records them (docs/consent.md, "Audit conventions").
  await recordAudit(
    db,
    {
      actorUserId: partner.staff.me.user.id,
      actorEmail: null,
      organizationId: partner.org.id,
      requestId: null,
      ip: null,
    },
    {
      action: "family.shared.read",
      outcome: "success",
      resourceType: "family",
      resourceId: familyId,
      organizationId: owner.org.id,
      metadata: { familyId, actorOrganizationId: partner.org.id, basis: "consent", consentIds: [consentId] },
    },
  );
  await recordAudit(
    db,
    {
      actorUserId: owner.manager.me.user.id,
      actorEmail: null,
      organizationId: owner.org.id,
      requestId: null,
      ip: null,
    },
    {
      action: "family.something_new",
      outcome: "success",
      resourceType: "thing",
      resourceId: "x",
      organizationId: owner.org.id,
      metadata: { familyId },
    },
  );
  // The receiving side updates a referral: filed under the family's organization, done by the partner.
  await recordAudit(
    db,
    {
      actorUserId: partner.staff.me.user.id,
      actorEmail: null,
      organizationId: partner.org.id,
      requestId: null,
      ip: null,
    },
    {
      action: "referral.status.update",
      outcome: "success",
      resourceType: "referral",
      resourceId: referral?.id ?? "",
      organizationId: owner.org.id,
      metadata: { familyId, side: "receiver", from: "sent", to: "accepted" },
    },
  );
  // A staff member opens the record; an outsider tries to.
  expect((await owner.staff.inject({ method: "GET", url: `/api/families/${familyId}` })).statusCode).toBe(
    200,
  );
  expect((await stranger.admin.inject({ method: "GET", url: `/api/families/${familyId}` })).statusCode).toBe(
    404,
  );
});
afterAll(() => ctx.close());

describe("GET /api/families/:id/access-report", () => {
  it("lists a staff member's read, an outsider's refused attempt and another organization's shared read", async () => {
    const response = await owner.staff.inject({
      method: "GET",
      url: `/api/families/${familyId}/access-report`,
    });
    expect(response.statusCode, response.body).toBe(200);
    const report: AccessReport = response.json();
    expect(report).toMatchObject({ familyId, familyName: FAMILY_NAME, organizationName: owner.org.name });
    const read = report.entries.find((e) => e.action === "family.read" && e.outcome === "success");
    expect(read).toMatchObject({
      who: await userName(owner.staff),
      organizationName: owner.org.name,
      what: "Opened the family's record",
      kind: "read",
      basis: "own_organization",
    });
    const denied = report.entries.find((e) => e.outcome === "denied");
    expect(denied).toMatchObject({
      action: "family.read",
      who: await userName(stranger.admin),
      // Filed under the family's organization, but the report names the outsider's.
      organizationName: stranger.org.name,
      basis: null,
    });
    expect(report.entries.find((e) => e.action === "family.shared.read")).toMatchObject({
      who: await userName(partner.staff),
      organizationName: partner.org.name,
      basis: "consent",
      kind: "shared_read",
    });
    expect(report.entries.find((e) => e.action === "family.something_new")).toMatchObject({
      what: "Other activity (family.something_new)",
      kind: "other",
    });
    expect(report.entries.find((e) => e.action === "family.create")).toMatchObject({ kind: "change" });
    expect(report.entries.find((e) => e.action === "referral.status.update")).toMatchObject({
      organizationName: partner.org.name,
      basis: null,
      kind: "change",
      what: "Updated a referral",
    });
    // Newest first: the refused attempt came after the read.
    expect(report.entries.indexOf(denied as never)).toBeLessThan(report.entries.indexOf(read as never));
  });

  it("is audited against the family's organization", async () => {
    const seq = await lastSeq();
    await owner.staff.inject({ method: "GET", url: `/api/families/${familyId}/access-report?format=json` });
    const [event] = (await eventsAfter(seq)).filter((e) => e.action === "family.access_report");
    expect(event).toMatchObject({
      outcome: "success",
      resourceType: "family",
      resourceId: familyId,
      organizationId: owner.org.id,
      actorUserId: owner.staff.me.user.id,
    });
  });

  it("speaks Spanish with locale=es, as JSON and as a PDF", async () => {
    const json: AccessReport = (
      await owner.staff.inject({ method: "GET", url: `/api/families/${familyId}/access-report?locale=es` })
    ).json();
    expect(json.locale).toBe("es");
    expect(json.entries.map((e) => e.what)).toContain("Abrió el expediente de la familia");
    const response = await owner.staff.inject({
      method: "GET",
      url: `/api/families/${familyId}/access-report?format=pdf&locale=es`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("application/pdf");
    expect(response.headers["content-disposition"]).toMatch(/^attachment; filename=".+-es\.pdf"$/);
    expect(response.rawPayload.subarray(0, 4).toString()).toBe("%PDF");
    const text = await pdfText(response.rawPayload);
    expect(text).toContain("Quién ha visto el expediente de su familia");
    expect(text).toContain(FAMILY_NAME);
    expect(text).toContain(stranger.org.name);
    expect(text).toContain("Rechazado");
  });

  it("refuses another organization with 404 and audits it; a viewer of the family's organization gets 403", async () => {
    const seq = await lastSeq();
    const response = await stranger.staff.inject({
      method: "GET",
      url: `/api/families/${familyId}/access-report?format=pdf`,
    });
    expect(response.statusCode).toBe(404);
    expect((await eventsAfter(seq)).find((e) => e.outcome === "denied")).toMatchObject({
      action: "family.read",
      resourceId: familyId,
      organizationId: owner.org.id,
      actorUserId: stranger.staff.me.user.id,
    });
    const viewer = await owner.viewer.inject({
      method: "GET",
      url: `/api/families/${familyId}/access-report`,
    });
    expect(viewer.statusCode).toBe(403);
    expect((await eventsAfter(seq)).filter((e) => e.action === "family.access_report")).toEqual([]);
  });

  it("rejects unknown formats, locales and parameters with 400", async () => {
    for (const query of ["format=docx", "locale=fr", "familyId=x"]) {
      const response = await owner.staff.inject({
        method: "GET",
        url: `/api/families/${familyId}/access-report?${query}`,
      });
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error.code).toBe("validation.failed");
    }
    const badId = await owner.staff.inject({ method: "GET", url: "/api/families/not-a-uuid/access-report" });
    expect(badId.statusCode).toBe(400);
  });
});

describe("GET /api/families/:id/record", () => {
  it("holds everything Trellis keeps on the family, without the signed form's bytes", async () => {
    const response = await owner.staff.inject({ method: "GET", url: `/api/families/${familyId}/record` });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers["content-disposition"]).toMatch(
      /^attachment; filename="family-record-.+-en\.json"$/,
    );
    const record: FamilyRecord = response.json();
    expect(record.family).toMatchObject({ displayName: FAMILY_NAME, phone: "(555) 010-4242" });
    expect(record.members.map((m) => m.firstName)).toEqual(["Lucía", "Tomás"]);
    expect(record.programRecords).toMatchObject([{ summary: "Eligible for CalWORKs since March" }]);
    expect(record.referrals).toMatchObject([
      {
        serviceName: "Evening GED classes",
        receivingOrganizationName: partner.org.name,
        events: [{ toStatus: "sent" }],
      },
    ]);
    const revoked = record.consents.find((c) => c.id === revokedConsentId);
    expect(revoked).toMatchObject({
      state: "revoked",
      revocationReason: "We no longer work with them",
      signedForm: { fileName: "signed-consent.pdf", sizeBytes: 26, contentType: "application/pdf" },
    });
    expect(record.consents.find((c) => c.id === consentId)).toMatchObject({
      state: "valid",
      receivingOrganizations: [{ id: partner.org.id, name: partner.org.name }],
    });
    expect(response.body).not.toContain("signed form bytes");
    expect(response.body).not.toContain(Buffer.from("%PDF-1.4 signed form bytes").toString("base64"));
    expect(record.breakGlassAccesses).toMatchObject([
      {
        accessingOrganizationName: partner.org.name,
        reason: "The child was brought to our shelter at night",
      },
    ]);
    expect(record.accessLog.some((e) => e.action === "family.read" && e.outcome === "denied")).toBe(true);
    for (const key of ["assessments", "servicePlanRevisions", "contacts", "closures"] as const) {
      expect(Array.isArray(record[key]), key).toBe(true);
    }
    const [event] = (await auditEventsFor(ctx, "family.record_export")).slice(-1);
    expect(event).toMatchObject({ resourceId: familyId, organizationId: owner.org.id, outcome: "success" });
  });

  it("prints the record as a PDF in English and Spanish", async () => {
    const en = await owner.staff.inject({
      method: "GET",
      url: `/api/families/${familyId}/record?format=pdf`,
    });
    expect(en.statusCode).toBe(200);
    expect(en.rawPayload.subarray(0, 4).toString()).toBe("%PDF");
    const text = await pdfText(en.rawPayload);
    for (const wanted of [
      "Everything Trellis holds on your family",
      FAMILY_NAME,
      "Lucía Quintero",
      "Eligible for CalWORKs since March",
      "Evening GED classes",
      "signed-consent.pdf",
      "The child was brought to our shelter at night",
      "Who has seen the record",
    ]) {
      expect(text).toContain(wanted);
    }
    const es = await owner.staff.inject({
      method: "GET",
      url: `/api/families/${familyId}/record?format=pdf&locale=es`,
    });
    expect(es.headers["content-disposition"]).toMatch(/^attachment; filename="expediente-.+-es\.pdf"$/);
    const spanish = await pdfText(es.rawPayload);
    expect(spanish).toContain("Todo lo que Trellis guarda sobre su familia");
    expect(spanish).toContain("Miembros del hogar");
  });

  it("refuses another organization with 404 and audits it", async () => {
    const seq = await lastSeq();
    const response = await stranger.admin.inject({ method: "GET", url: `/api/families/${familyId}/record` });
    expect(response.statusCode).toBe(404);
    const events = await eventsAfter(seq);
    expect(events.find((e) => e.outcome === "denied")).toMatchObject({
      resourceId: familyId,
      organizationId: owner.org.id,
      actorUserId: stranger.admin.me.user.id,
    });
    expect(events.filter((e) => e.action === "family.record_export")).toEqual([]);
  });

  it("rejects bad query values with 400", async () => {
    const response = await owner.staff.inject({
      method: "GET",
      url: `/api/families/${familyId}/record?format=xml`,
    });
    expect(response.statusCode).toBe(400);
  });
});

describe("GET /api/consents/:id/pdf", () => {
  it("prints the consent with its categories, purposes and the right to revoke", async () => {
    const response = await owner.staff.inject({ method: "GET", url: `/api/consents/${consentId}/pdf` });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers["content-type"]).toContain("application/pdf");
    const text = await pdfText(response.rawPayload);
    for (const wanted of [
      "Consent to share information",
      FAMILY_NAME,
      "Lucía Quintero",
      owner.org.name,
      partner.org.name,
      "Identity and contact details",
      "Coordinating services",
      "Typed signature",
      "revoke",
      "case manager",
    ]) {
      expect(text).toContain(wanted);
    }
    const [event] = (await auditEventsFor(ctx, "consent.pdf")).slice(-1);
    expect(event).toMatchObject({
      resourceType: "consent",
      resourceId: consentId,
      organizationId: owner.org.id,
      metadata: { familyId, locale: "en" },
    });
  });

  it("shows a revocation, in Spanish with locale=es", async () => {
    const response = await owner.staff.inject({
      method: "GET",
      url: `/api/consents/${revokedConsentId}/pdf?locale=es`,
    });
    expect(response.statusCode).toBe(200);
    const text = await pdfText(response.rawPayload);
    expect(text).toContain("Consentimiento para compartir información");
    expect(text).toContain("Revocación");
    expect(text).toContain("We no longer work with them");
    expect(text).toContain("signed-consent.pdf");
  });

  it("answers 404 to a receiving organization and to an unknown id, and audits both", async () => {
    const seq = await lastSeq();
    const receiving = await partner.staff.inject({ method: "GET", url: `/api/consents/${consentId}/pdf` });
    expect(receiving.statusCode).toBe(404);
    const unknown = await owner.staff.inject({
      method: "GET",
      url: `/api/consents/${crypto.randomUUID()}/pdf`,
    });
    expect(unknown.statusCode).toBe(404);
    const denials = (await eventsAfter(seq)).filter((e) => e.outcome === "denied");
    expect(denials).toMatchObject([
      { action: "consent.read", resourceId: consentId, organizationId: owner.org.id },
      { action: "consent.read", resourceType: "consent", organizationId: null },
    ]);
  });

  it("rejects bad ids and locales with 400", async () => {
    expect((await owner.staff.inject({ method: "GET", url: "/api/consents/nope/pdf" })).statusCode).toBe(400);
    const badLocale = await owner.staff.inject({
      method: "GET",
      url: `/api/consents/${consentId}/pdf?locale=de`,
    });
    expect(badLocale.statusCode).toBe(400);
  });
});

describe("GET /api/consent-form", () => {
  it("prints a blank form for the pair, every category and purpose unchecked, with signature lines", async () => {
    const response = await owner.staff.inject({
      method: "GET",
      url: `/api/consent-form?receivingOrganizationId=${partner.org.id}`,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.rawPayload.subarray(0, 4).toString()).toBe("%PDF");
    const text = await pdfText(response.rawPayload);
    for (const wanted of [
      owner.org.name,
      partner.org.name,
      "Child welfare history",
      "Program records of the family's history with child welfare services.",
      "Planning the case together",
      "Signature",
      "Witness",
      "revoke",
    ]) {
      expect(text).toContain(wanted);
    }
    const es = await owner.staff.inject({
      method: "GET",
      url: `/api/consent-form?receivingOrganizationId=${partner.org.id}&locale=es`,
    });
    expect(await pdfText(es.rawPayload)).toContain("Consentimiento para compartir información (formulario)");
  });

  it("answers 422 for the organization itself and 404 for an unknown one", async () => {
    const same = await owner.staff.inject({
      method: "GET",
      url: `/api/consent-form?receivingOrganizationId=${owner.org.id}`,
    });
    expect(same.statusCode).toBe(422);
    const unknown = await owner.staff.inject({
      method: "GET",
      url: `/api/consent-form?receivingOrganizationId=${crypto.randomUUID()}`,
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe("organization.not_found");
  });

  it("refuses a viewer and audits it", async () => {
    const seq = await lastSeq();
    const response = await owner.viewer.inject({
      method: "GET",
      url: `/api/consent-form?receivingOrganizationId=${partner.org.id}`,
    });
    expect(response.statusCode).toBe(403);
    expect((await eventsAfter(seq)).find((e) => e.outcome === "denied")).toMatchObject({
      action: "consent.manage",
      resourceType: "consent_form",
      organizationId: owner.org.id,
    });
  });

  it("rejects a missing or malformed organization id with 400", async () => {
    for (const url of ["/api/consent-form", "/api/consent-form?receivingOrganizationId=abc"]) {
      expect((await owner.staff.inject({ method: "GET", url })).statusCode, url).toBe(400);
    }
  });
});
