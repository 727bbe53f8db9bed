/**
 * The consent matrix (issue 7): data category × purpose × consent state × organization, asserting allow or
 * deny for every route that reads family data from outside — the shared family view and a received
 * referral's payload — and that the family's own routes stay closed to other organizations whatever the
 * consents say. Families and consents are made with factories (one family per state, category and purpose).
 */
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrganizationWithRoles, createTestApp, type TestContext } from "../../../test/helpers.ts";
import {
  auditEvents,
  CONSENT_PURPOSES,
  type ConsentPurpose,
  consents,
  DATA_CATEGORIES,
  type DataCategory,
  families,
  familyContacts,
  familyMembers,
  familyProgramRecords,
  referrals,
  servicePlans,
} from "../../db/schema/index.ts";
import { verifyAuditChain } from "../audit/audit.service.ts";

type State = "none" | "valid" | "expired" | "revoked";
interface Case {
  familyId: string;
  referralId: string;
  state: State;
  category: DataCategory | null;
  purpose: ConsentPurpose | null;
  marker: string;
}

let ctx: TestContext;
let owner: Awaited<ReturnType<typeof createOrganizationWithRoles>>;
let reader: Awaited<ReturnType<typeof createOrganizationWithRoles>>;
let stranger: Awaited<ReturnType<typeof createOrganizationWithRoles>>;
const cases: Case[] = [];

/** A text only the given category's section would carry. */
const markerOf = (c: Case, category: DataCategory) => `${c.marker}-${category}`;

async function makeFamily(state: State, category: DataCategory | null, purpose: ConsentPurpose | null) {
  const db = ctx.database.db;
  const organizationId = owner.org.id;
  const marker = `m${cases.length}x${randomUUID().slice(0, 6)}`;
  const c = { state, category, purpose, marker } as Omit<Case, "familyId" | "referralId">;
  const mark = (k: DataCategory) => `${marker}-${k}`;
  const [family] = await db
    .insert(families)
    .values({ organizationId, displayName: mark("identity_contact"), phone: "555-0100" })
    .returning();
  const familyId = (family as { id: string }).id;
  await db.insert(familyMembers).values({
    organizationId,
    familyId,
    firstName: "Rosa",
    lastName: mark("identity_contact"),
    relationship: "parent",
  });
  await db.insert(servicePlans).values({
    organizationId,
    familyId,
    revision: 1,
    goals: [{ goal: mark("service_plan"), steps: [], servicesNeeded: [] }],
    disengagement: { when: "", how: "", needs: "" },
    status: "active",
  });
  await db.insert(familyContacts).values({
    organizationId,
    familyId,
    contactDate: "2026-01-05",
    kind: "phone",
    notes: mark("contact_notes"),
  });
  await db.insert(familyProgramRecords).values([
    {
      organizationId,
      familyId,
      kind: "welfare_to_work_eligibility",
      recordedOn: "2025-10-01",
      summary: mark("welfare_to_work_eligibility"),
    },
    {
      organizationId,
      familyId,
      kind: "child_welfare_history",
      recordedOn: "2024-03-01",
      summary: mark("child_welfare_history"),
    },
  ]);
  const [referral] = await db
    .insert(referrals)
    .values({
      organizationId,
      familyId,
      serviceId: randomUUID(),
      serviceName: "Child care",
      receivingOrganizationId: reader.org.id,
      sharedContactName: mark("identity_contact"),
      sharedLanguage: "es",
      sharedPhone: "555-0100",
      sharedReason: mark("referral_details"),
    })
    .returning();
  if (state !== "none" && category && purpose) {
    await db.insert(consents).values({
      organizationId,
      familyId,
      givenByName: "Rosa",
      receivingOrganizationIds: [reader.org.id],
      categories: [category],
      purposes: [purpose],
      effectiveOn: "2020-01-01",
      expiresOn: state === "expired" ? "2021-01-01" : null,
      method: "verbal",
      witnessName: "Ana",
      revokedAt: state === "revoked" ? new Date("2022-02-02T12:00:00Z") : null,
    });
  }
  cases.push({ ...c, familyId, referralId: (referral as { id: string }).id });
}

/** What the policy must answer for one category read for one purpose, by the named receiver. */
function expected(c: Case, category: DataCategory, purpose: ConsentPurpose) {
  if (c.category !== category) return { allowed: false, reason: "no_consent" };
  if (c.purpose !== purpose) return { allowed: false, reason: "purpose_not_covered" };
  if (c.state === "valid") return { allowed: true };
  return { allowed: false, reason: c.state };
}

beforeAll(async () => {
  ctx = await createTestApp();
  owner = await createOrganizationWithRoles(ctx);
  reader = await createOrganizationWithRoles(ctx, "welfare_to_work");
  stranger = await createOrganizationWithRoles(ctx, "community_provider");
  await makeFamily("none", null, null);
  for (const state of ["valid", "expired", "revoked"] as const) {
    for (const category of DATA_CATEGORIES) {
      for (const purpose of CONSENT_PURPOSES) await makeFamily(state, category, purpose);
    }
  }
}, 300_000);

afterAll(async () => {
  await ctx?.close();
});

describe("the shared family view", () => {
  it("shows the receiving organization exactly the consented category, for the consented purpose, while valid", async () => {
    let denials = 0;
    for (const c of cases) {
      for (const purpose of CONSENT_PURPOSES) {
        const response = await reader.staff.inject({
          method: "GET",
          url: `/api/shared/families/${c.familyId}?purpose=${purpose}`,
        });
        const text = response.body;
        const answers = DATA_CATEGORIES.map((category) => ({ category, ...expected(c, category, purpose) }));
        const allowed = answers.filter((a) => a.allowed).map((a) => a.category);
        const label = `${c.state}/${c.category}/${c.purpose} read for ${purpose}`;
        if (allowed.length === 0) {
          denials++;
          expect(response.statusCode, label).toBe(403);
          expect(response.json().error.code, label).toBe("consent.required");
          const reasons = Object.fromEntries(
            response
              .json()
              .error.details.map((d: { category: string; reason: string }) => [d.category, d.reason]),
          );
          for (const a of answers) expect(reasons[a.category], `${label}: ${a.category}`).toBe(a.reason);
        } else {
          expect(response.statusCode, label).toBe(200);
          const body = response.json();
          expect(Object.keys(body.sections).sort(), label).toEqual([...allowed].sort());
          expect(body.basis).toBe("consent");
          for (const a of answers.filter((x) => !x.allowed)) {
            expect(body.withheld, label).toContainEqual(
              expect.objectContaining({ category: a.category, reason: a.reason }),
            );
          }
        }
        for (const category of DATA_CATEGORIES) {
          // assessment carries no text marker; every other withheld category must not leak its words.
          if (!allowed.includes(category) && category !== "assessment") {
            expect(text.includes(markerOf(c, category)), `${label}: ${category} leaked`).toBe(false);
          }
        }
        if (allowed.length > 0 && allowed[0] !== "assessment") {
          expect(text, label).toContain(markerOf(c, allowed[0] as DataCategory));
        }
      }
    }
    const denied = await ctx.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "family.shared.read"), eq(auditEvents.outcome, "denied")));
    expect(denied.length).toBe(denials);
    expect(denied.every((e) => e.organizationId === owner.org.id)).toBe(true);
    expect(denied.every((e) => e.metadata?.actorOrganizationId === reader.org.id)).toBe(true);
  }, 300_000);

  it("gives an organization no consent names nothing, whatever the family's consents say", async () => {
    for (const c of cases) {
      const response = await stranger.staff.inject({
        method: "GET",
        url: `/api/shared/families/${c.familyId}`,
      });
      expect(response.statusCode).toBe(403);
      expect(response.json().error.details.every((d: { reason: string }) => d.reason === "no_consent")).toBe(
        true,
      );
    }
  }, 300_000);

  it("refuses viewers of the receiving organization and sends the family's own staff to its record", async () => {
    const valid = cases.find((c) => c.state === "valid") as Case;
    const viewer = await reader.viewer.inject({
      method: "GET",
      url: `/api/shared/families/${valid.familyId}`,
    });
    expect(viewer.statusCode).toBe(403);
    const own = await owner.staff.inject({ method: "GET", url: `/api/shared/families/${valid.familyId}` });
    expect(own.statusCode).toBe(422);
    expect(own.json().error.code).toBe("shared.own_family");
    const unknown = await reader.staff.inject({ method: "GET", url: `/api/shared/families/${randomUUID()}` });
    expect(unknown.statusCode).toBe(404);
  });

  it("lists for the receiver only the families with a valid consent, and their names only with identity consented", async () => {
    const response = await reader.staff.inject({ method: "GET", url: "/api/shared/families" });
    expect(response.statusCode).toBe(200);
    const items: { familyId: string; displayName: string | null; grants: unknown[] }[] =
      response.json().items;
    const validCases = cases.filter((c) => c.state === "valid");
    expect(items.map((i) => i.familyId).sort()).toEqual(validCases.map((c) => c.familyId).sort());
    for (const item of items) {
      const c = validCases.find((x) => x.familyId === item.familyId) as Case;
      expect(item.grants).toEqual([{ category: c.category, purpose: c.purpose }]);
      expect(item.displayName).toBe(
        c.category === "identity_contact" ? markerOf(c, "identity_contact") : null,
      );
    }
    const strangers = await stranger.staff.inject({ method: "GET", url: "/api/shared/families" });
    expect(strangers.json().items).toEqual([]);
  });
});

describe("a received referral's payload", () => {
  it("shows the receiver the contact only with identity consented and the reason only with referral details, for referral", async () => {
    for (const c of cases) {
      const response = await reader.staff.inject({ method: "GET", url: `/api/referrals/${c.referralId}` });
      expect(response.statusCode).toBe(200);
      const body = response.json();
      const identity = expected(c, "identity_contact", "referral");
      const details = expected(c, "referral_details", "referral");
      const label = `${c.state}/${c.category}/${c.purpose}`;
      expect(body.shared.contactName, label).toBe(identity.allowed ? markerOf(c, "identity_contact") : null);
      expect(body.shared.phone, label).toBe(identity.allowed ? "555-0100" : null);
      expect(body.shared.reason, label).toBe(details.allowed ? markerOf(c, "referral_details") : null);
      const withheld = Object.fromEntries(
        body.withheld.map((w: { category: string; reason: string }) => [w.category, w.reason]),
      );
      expect(withheld.identity_contact, label).toBe(identity.allowed ? undefined : identity.reason);
      expect(withheld.referral_details, label).toBe(details.allowed ? undefined : details.reason);
    }
  }, 300_000);
});

describe("the family's own routes", () => {
  it("stay closed to other organizations even with every category consented", async () => {
    const db = ctx.database.db;
    const c = cases[0] as Case;
    await db.insert(consents).values({
      organizationId: owner.org.id,
      familyId: c.familyId,
      givenByName: "Rosa",
      receivingOrganizationIds: [reader.org.id],
      categories: [...DATA_CATEGORIES],
      purposes: [...CONSENT_PURPOSES],
      effectiveOn: "2020-01-01",
      method: "verbal",
      witnessName: "Ana",
    });
    const paths = [
      "",
      "/consents",
      "/program-records",
      "/service-plan.pdf?locale=en",
      "/access-report?format=json",
      "/record?format=json",
    ];
    for (const path of paths) {
      const response = await reader.staff.inject({
        method: "GET",
        url: `/api/families/${c.familyId}${path}`,
      });
      expect([403, 404], path).toContain(response.statusCode);
    }
    const shared = await reader.staff.inject({ method: "GET", url: `/api/shared/families/${c.familyId}` });
    expect(Object.keys(shared.json().sections).sort()).toEqual([...DATA_CATEGORIES].sort());
  });

  it("leave the audit chain whole", async () => {
    const result = await verifyAuditChain(ctx.database.db);
    expect(result.ok).toBe(true);
    expect(result.checked).toBeGreaterThan(cases.length);
  });
});
