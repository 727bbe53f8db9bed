import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  auditEventsFor,
  createOrganizationWithRoles,
  createTestApp,
  type Session,
  type TestContext,
} from "../../../test/helpers.ts";
import { breakGlassAccesses, consents, outboxMessages } from "../../db/schema/index.ts";
import { verifyAuditChain } from "../audit/audit.service.ts";

let ctx: TestContext;
let owner: Awaited<ReturnType<typeof createOrganizationWithRoles>>;
let reader: Awaited<ReturnType<typeof createOrganizationWithRoles>>;
let stranger: Awaited<ReturnType<typeof createOrganizationWithRoles>>;
let familyId: string;
let memberId: string;

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

function consentBody(values: Record<string, unknown> = {}) {
  return {
    givenByName: "Rosa Garcia",
    receivingOrganizationIds: [reader.org.id],
    categories: ["identity_contact", "service_plan"],
    purposes: ["service_coordination"],
    effectiveOn: "2020-01-01",
    method: "typed_signature",
    typedSignature: "Rosa Garcia",
    signedOn: "2020-01-01",
    ...values,
  };
}

async function record(session: Session, values: Record<string, unknown> = {}, family = familyId) {
  return session.inject({
    method: "POST",
    url: `/api/families/${family}/consents`,
    payload: consentBody(values),
  });
}

beforeAll(async () => {
  ctx = await createTestApp();
  owner = await createOrganizationWithRoles(ctx);
  reader = await createOrganizationWithRoles(ctx, "welfare_to_work");
  stranger = await createOrganizationWithRoles(ctx, "community_provider");
  const created = await owner.staff.inject({
    method: "POST",
    url: "/api/families",
    payload: {
      displayName: "Garcia family",
      members: [{ firstName: "Rosa", lastName: "Garcia", dateOfBirth: "1992-04-01", relationship: "parent" }],
    },
  });
  familyId = created.json().id;
  memberId = created.json().members[0].id;
});

afterAll(async () => {
  await ctx?.close();
});

describe("recording consent", () => {
  it("records a typed signature with who gave it, and lists it as valid", async () => {
    const response = await record(owner.staff, { memberId });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      familyId,
      memberId,
      givenByName: "Rosa Garcia",
      receivingOrganizations: [{ id: reader.org.id, name: reader.org.name }],
      categories: ["identity_contact", "service_plan"],
      method: "typed_signature",
      typedSignature: "Rosa Garcia",
      state: "valid",
      version: 1,
    });
    const list = await owner.staff.inject({ method: "GET", url: `/api/families/${familyId}/consents` });
    expect(list.json().items.map((c: { id: string }) => c.id)).toContain(response.json().id);
    const [event] = (await auditEventsFor(ctx, "consent.create")).slice(-1);
    expect(event?.metadata).toMatchObject({ familyId, categories: ["identity_contact", "service_plan"] });
    expect(event?.organizationId).toBe(owner.org.id);
  });

  it("keeps an uploaded signed form and gives it back byte for byte", async () => {
    const response = await record(owner.staff, {
      method: "signed_form",
      typedSignature: null,
      signedOn: null,
      signedForm: {
        fileName: "consent.pdf",
        contentType: "application/pdf",
        dataBase64: PDF.toString("base64"),
      },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().signedForm).toMatchObject({ fileName: "consent.pdf", sizeBytes: PDF.length });
    const form = await owner.staff.inject({
      method: "GET",
      url: `/api/consents/${response.json().id}/signed-form`,
    });
    expect(form.statusCode).toBe(200);
    expect(form.headers["content-type"]).toContain("application/pdf");
    expect(form.rawPayload.equals(PDF)).toBe(true);
    const outsider = await reader.staff.inject({
      method: "GET",
      url: `/api/consents/${response.json().id}/signed-form`,
    });
    expect(outsider.statusCode).toBe(404);
  });

  it("records verbal consent only with a witness", async () => {
    const missing = await record(owner.staff, { method: "verbal", typedSignature: null, signedOn: null });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.details.map((d: { field: string }) => d.field)).toEqual([
      "/body/witnessName",
    ]);
    const ok = await record(owner.staff, {
      method: "verbal",
      typedSignature: null,
      witnessName: "Ana Lopez",
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ witnessName: "Ana Lopez", typedSignature: null });
  });

  it("refuses bad input with the field named, and records nothing", async () => {
    const before = (await ctx.database.db.select().from(consents).where(eq(consents.familyId, familyId)))
      .length;
    const cases: [Record<string, unknown>, number, string][] = [
      [{ categories: ["shoe_size"] }, 400, "/body/categories/0"],
      [{ purposes: [] }, 400, "/body/purposes"],
      [{ receivingOrganizationIds: [owner.org.id] }, 422, "/body/receivingOrganizationIds"],
      [{ receivingOrganizationIds: [randomUUID()] }, 422, "/body/receivingOrganizationIds"],
      [{ expiresOn: "2019-12-31" }, 422, "/body/expiresOn"],
      [{ memberId: randomUUID() }, 422, "/body/memberId"],
      [{ favouriteColour: "blue" }, 400, "/body"],
      [
        {
          method: "signed_form",
          signedForm: { fileName: "x.png", contentType: "image/png", dataBase64: PDF.toString("base64") },
        },
        422,
        "/body/signedForm/contentType",
      ],
    ];
    for (const [values, status, field] of cases) {
      const response = await record(owner.staff, values);
      expect(response.statusCode, JSON.stringify(values)).toBe(status);
      const fields = response.json().error.details.map((d: { field?: string }) => d.field ?? "");
      expect(
        fields.some((f: string) => f.startsWith(field)),
        `${JSON.stringify(values)} → ${fields}`,
      ).toBe(true);
    }
    const after = (await ctx.database.db.select().from(consents).where(eq(consents.familyId, familyId)))
      .length;
    expect(after).toBe(before);
  });

  it("refuses other organizations and viewers, and audits the refusals", async () => {
    expect((await record(reader.staff)).statusCode).toBe(404);
    expect((await record(owner.viewer)).statusCode).toBe(403);
    const list = await stranger.admin.inject({ method: "GET", url: `/api/families/${familyId}/consents` });
    expect(list.statusCode).toBe(404);
    const refused = [
      ...(await auditEventsFor(ctx, "family.edit")),
      ...(await auditEventsFor(ctx, "family.read")),
    ]
      .filter((e) => e.outcome === "denied" && e.resourceId === familyId)
      .map((e) => e.actorUserId);
    expect(refused.length).toBeGreaterThanOrEqual(3);
  });
});

describe("revocation", () => {
  it("ends access with the very next request and says why", async () => {
    const consent = (await record(owner.staff)).json();
    const before = await reader.staff.inject({ method: "GET", url: `/api/shared/families/${familyId}` });
    expect(before.statusCode).toBe(200);
    expect(before.json().sections.identity_contact.displayName).toBe("Garcia family");
    // Revoke every valid consent of this family so nothing else keeps the door open.
    const all = (
      await owner.staff.inject({ method: "GET", url: `/api/families/${familyId}/consents` })
    ).json().items;
    for (const c of all.filter((x: { state: string }) => x.state === "valid")) {
      const revoked = await owner.staff.inject({
        method: "POST",
        url: `/api/consents/${c.id}/revocation`,
        payload: { reason: "Rosa asked us to stop sharing.", version: c.version },
      });
      expect(revoked.statusCode).toBe(200);
      expect(revoked.json()).toMatchObject({
        state: "revoked",
        revocationReason: "Rosa asked us to stop sharing.",
      });
    }
    const after = await reader.staff.inject({ method: "GET", url: `/api/shared/families/${familyId}` });
    expect(after.statusCode).toBe(403);
    expect(after.json().error.code).toBe("consent.required");
    expect(after.json().error.details).toContainEqual(
      expect.objectContaining({ category: "identity_contact", reason: "revoked" }),
    );
    const again = await owner.staff.inject({
      method: "POST",
      url: `/api/consents/${consent.id}/revocation`,
      payload: { reason: "twice", version: 2 },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("consent.already_revoked");
  });

  it("answers 409 to a stale version and changes nothing", async () => {
    const consent = (await record(owner.staff)).json();
    const stale = await owner.staff.inject({
      method: "POST",
      url: `/api/consents/${consent.id}/revocation`,
      payload: { reason: "x", version: 7 },
    });
    expect(stale.statusCode).toBe(409);
    const [row] = await ctx.database.db.select().from(consents).where(eq(consents.id, consent.id));
    expect(row?.revokedAt).toBeNull();
    const outsider = await reader.admin.inject({
      method: "POST",
      url: `/api/consents/${consent.id}/revocation`,
      payload: { reason: "x", version: 1 },
    });
    expect(outsider.statusCode).toBe(404);
    await owner.staff.inject({
      method: "POST",
      url: `/api/consents/${consent.id}/revocation`,
      payload: { reason: "cleanup", version: 1 },
    });
  });
});

describe("program records", () => {
  it("records welfare-to-work and child-welfare history, shared only when consented", async () => {
    const created = await owner.staff.inject({
      method: "POST",
      url: `/api/families/${familyId}/program-records`,
      payload: {
        kind: "welfare_to_work_eligibility",
        recordedOn: "2025-09-01",
        summary: "Eligible for CalWORKs.",
      },
    });
    expect(created.statusCode).toBe(201);
    const future = await owner.staff.inject({
      method: "POST",
      url: `/api/families/${familyId}/program-records`,
      payload: { kind: "child_welfare_history", recordedOn: "2999-01-01", summary: "x" },
    });
    expect(future.statusCode).toBe(400);
    const list = await owner.staff.inject({
      method: "GET",
      url: `/api/families/${familyId}/program-records`,
    });
    expect(list.json().items).toEqual([expect.objectContaining({ summary: "Eligible for CalWORKs." })]);
    const outsider = await reader.staff.inject({
      method: "GET",
      url: `/api/families/${familyId}/program-records`,
    });
    expect(outsider.statusCode).toBe(404);
    await record(owner.staff, {
      categories: ["welfare_to_work_eligibility"],
      purposes: ["joint_case_planning"],
    });
    const shared = await reader.staff.inject({
      method: "GET",
      url: `/api/shared/families/${familyId}?purpose=joint_case_planning`,
    });
    expect(shared.json().sections).toEqual({
      welfare_to_work_eligibility: {
        records: [{ recordedOn: "2025-09-01", summary: "Eligible for CalWORKs." }],
      },
    });
  });
});

describe("break-glass", () => {
  it("refuses an organization with no tie to the family, audited against the family's organization", async () => {
    const response = await stranger.staff.inject({
      method: "POST",
      url: `/api/shared/families/${familyId}/break-glass`,
      payload: {
        reason: "A child may be in danger tonight; I need the address.",
        purpose: "service_coordination",
      },
    });
    expect(response.statusCode).toBe(404);
    const [denied] = (await auditEventsFor(ctx, "family.break_glass")).filter((e) => e.outcome === "denied");
    expect(denied).toMatchObject({ organizationId: owner.org.id, resourceId: familyId });
  });

  it("needs a typed reason of some length", async () => {
    const response = await reader.staff.inject({
      method: "POST",
      url: `/api/shared/families/${familyId}/break-glass`,
      payload: { reason: "urgent", purpose: "service_coordination" },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].field).toBe("/body/reason");
  });

  it("opens the whole record for four hours to a related organization, flagged for review", async () => {
    const reason = "Police called: child alone at home, need guardian contacts now.";
    const response = await reader.staff.inject({
      method: "POST",
      url: `/api/shared/families/${familyId}/break-glass`,
      payload: { reason, purpose: "service_coordination" },
    });
    expect(response.statusCode).toBe(201);
    const hours = (Date.parse(response.json().expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(3.9);
    expect(hours).toBeLessThanOrEqual(4);
    const view = await reader.staff.inject({ method: "GET", url: `/api/shared/families/${familyId}` });
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({ basis: "break_glass", withheld: [], breakGlass: { reason } });
    expect(Object.keys(view.json().sections)).toHaveLength(7);
    const [flagged] = (await auditEventsFor(ctx, "family.break_glass")).filter(
      (e) => e.outcome === "success",
    );
    expect(flagged?.metadata).toMatchObject({
      reason,
      flaggedForReview: true,
      actorOrganizationId: reader.org.id,
    });
    const [read] = (await auditEventsFor(ctx, "family.shared.read")).slice(-1);
    expect(read?.metadata).toMatchObject({ basis: "break_glass", breakGlassId: response.json().id });
    const [row] = await ctx.database.db
      .select()
      .from(breakGlassAccesses)
      .where(eq(breakGlassAccesses.id, response.json().id));
    expect(row).toMatchObject({
      organizationId: owner.org.id,
      reviewOutcome: null,
      userId: expect.any(String),
    });
    const mail = await ctx.database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.to, owner.admin.me.user.email));
    const flag = mail.find((m) => m.subject === "Break-glass access to review");
    expect(flag?.body).toContain(reason);
    expect(flag?.body).not.toContain("Garcia");
  });

  it("ends when it expires", async () => {
    await ctx.database.db
      .update(breakGlassAccesses)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(breakGlassAccesses.familyId, familyId));
    const view = await reader.staff.inject({ method: "GET", url: `/api/shared/families/${familyId}` });
    expect(view.statusCode).toBe(403);
    expect(view.json().error.code).toBe("consent.required");
  });

  it("leaves the audit chain verifiable", async () => {
    expect((await verifyAuditChain(ctx.database.db)).ok).toBe(true);
  });
});
