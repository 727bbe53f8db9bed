/**
 * Demo consents of the resource center's families (docs/consent.md): one that lets the county read what a
 * referral needs, one for joint case planning with CalWORKs (with the family's welfare-to-work record), and
 * one that has expired, so the shared view shows each way a category can be withheld.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import {
  type ConsentMethod,
  type ConsentPurpose,
  consents,
  type DataCategory,
  families,
  familyProgramRecords,
  organizations,
  users,
} from "../../db/schema/index.ts";

interface DemoConsent {
  family: string;
  givenBy: string;
  receivers: string[];
  categories: DataCategory[];
  purposes: ConsentPurpose[];
  effectiveDaysAgo: number;
  /** Days from today; negative: already expired. Absent: until revoked. */
  expiresInDays?: number;
  method: ConsentMethod;
  witness?: string;
}

const DEMO_CONSENTS: DemoConsent[] = [
  {
    family: "Nguyen family",
    givenBy: "Linh Nguyen",
    receivers: ["Any County Child Welfare Services"],
    categories: ["identity_contact", "referral_details", "service_plan"],
    purposes: ["referral", "service_coordination"],
    effectiveDaysAgo: 40,
    expiresInDays: 325,
    method: "typed_signature",
  },
  {
    family: "Morales family",
    givenBy: "Daniela Morales",
    receivers: ["West County CalWORKs"],
    categories: ["identity_contact", "service_plan", "welfare_to_work_eligibility"],
    purposes: ["joint_case_planning", "service_coordination"],
    effectiveDaysAgo: 20,
    expiresInDays: 345,
    method: "verbal",
    witness: "Teresa Okoye",
  },
  {
    family: "Johnson family",
    givenBy: "Keisha Johnson",
    receivers: ["Any County Child Welfare Services"],
    categories: ["identity_contact", "referral_details"],
    purposes: ["referral"],
    effectiveDaysAgo: 400,
    expiresInDays: -35,
    method: "typed_signature",
  },
];

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

export async function seedDemoConsents(db: Db, options: { organization: string; caseManagerEmail: string }) {
  const orgId = async (name: string) => {
    const [row] = await db
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.name, name));
    if (!row) throw new Error(`demo consents: organization ${name} missing`);
    return row.id;
  };
  const owner = await orgId(options.organization);
  const [caseManager] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, options.caseManagerEmail));
  // Looked up before the transaction: PGlite has one connection, a query outside the transaction would wait.
  const receiverIds = await Promise.all(DEMO_CONSENTS.map((c) => Promise.all(c.receivers.map(orgId))));
  return db.transaction(async (tx) => {
    for (const [index, c] of DEMO_CONSENTS.entries()) {
      const [family] = await tx
        .select({ id: families.id })
        .from(families)
        .where(and(eq(families.organizationId, owner), eq(families.displayName, c.family)));
      if (!family) throw new Error(`demo consents: ${c.family} missing`);
      const receivers = receiverIds[index] ?? [];
      const effectiveOn = day(-c.effectiveDaysAgo);
      await tx.insert(consents).values({
        organizationId: owner,
        familyId: family.id,
        givenByName: c.givenBy,
        receivingOrganizationIds: receivers,
        categories: c.categories,
        purposes: c.purposes,
        effectiveOn,
        expiresOn: c.expiresInDays === undefined ? null : day(c.expiresInDays),
        method: c.method,
        typedSignature: c.method === "typed_signature" ? c.givenBy : null,
        signedOn: c.method === "typed_signature" ? effectiveOn : null,
        witnessName: c.witness ?? null,
        recordedBy: caseManager?.id ?? null,
        recordedAt: new Date(`${effectiveOn}T16:00:00Z`),
      });
      if (c.categories.includes("welfare_to_work_eligibility")) {
        await tx.insert(familyProgramRecords).values({
          organizationId: owner,
          familyId: family.id,
          kind: "welfare_to_work_eligibility",
          recordedOn: day(-60),
          summary:
            "Eligible for CalWORKs; enrolled in Welfare-to-Work with a signed welfare-to-work plan (job search, child care).",
          recordedBy: caseManager?.id ?? null,
        });
      }
    }
    return DEMO_CONSENTS.length;
  });
}
