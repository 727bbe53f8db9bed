import { count, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import {
  memberships,
  type OrganizationType,
  organizations,
  planShares,
  type Role,
  users,
} from "../db/schema/index.ts";
import { hashPassword } from "../features/accounts/passwords.ts";
import { recordAudit } from "../features/audit/audit.service.ts";
import { seedDemoConsents } from "../features/consent/consent.demo.ts";
import { seedDemoDirectory } from "../features/directory/directory.demo.ts";
import { seedDemoFamilies } from "../features/families/families.demo.ts";
import { seedDemoReferrals } from "../features/referrals/referrals.demo.ts";
import { seedDemoSip } from "../features/sip/sip.demo.ts";
import { seedDemoLearning } from "../features/ta/learning.demo.ts";
import { seedDemoTa } from "../features/ta/ta.demo.ts";
import { loadTemplates } from "../features/templates/templates.service.ts";
import { DEFAULT_TIME_ZONE, todayIn } from "../server/config.ts";
import { seedDemoPlans } from "./demo-plans.ts";

interface DemoOrganization {
  key: string;
  name: string;
  type: OrganizationType;
  jurisdiction: { kind: "county" | "region" | "state"; name: string };
}

/** Organizations drawn from the seed documents (Any County's Linkages plan, the state work group, TA). */
export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
  {
    key: "anycws",
    name: "Any County Child Welfare Services",
    type: "county_child_welfare",
    jurisdiction: { kind: "county", name: "Any County" },
  },
  {
    key: "anyprob",
    name: "Any County Probation Department",
    type: "probation",
    jurisdiction: { kind: "county", name: "Any County" },
  },
  {
    key: "westcw",
    name: "West County CalWORKs",
    type: "welfare_to_work",
    jurisdiction: { kind: "county", name: "West County" },
  },
  {
    key: "frc",
    name: "Harbor Family Resource Center",
    type: "community_provider",
    jurisdiction: { kind: "county", name: "Any County" },
  },
  {
    key: "strong",
    name: "Strong Foundations TA Network",
    type: "ta_provider",
    jurisdiction: { kind: "state", name: "California" },
  },
  {
    key: "state",
    name: "State Children and Family Services Review Team",
    type: "state_agency",
    jurisdiction: { kind: "state", name: "California" },
  },
  {
    key: "csdwg",
    name: "Community Systems Development Work Group",
    type: "partnership",
    jurisdiction: { kind: "state", name: "California" },
  },
  {
    key: "ecsta",
    name: "Early Childhood Systems TA Center",
    type: "ta_provider",
    jurisdiction: { kind: "state", name: "California" },
  },
];

interface DemoUser {
  email: string;
  name: string;
  memberships: {
    org: string;
    role: Role;
    title?: string;
    privacyOfficer?: boolean;
    stateReviewer?: boolean;
  }[];
}

export const DEMO_USERS: DemoUser[] = [
  {
    email: "admin@anycounty.example",
    name: "Alex Rivera",
    memberships: [{ org: "anycws", role: "admin", title: "Deputy Director" }],
  },
  {
    email: "planner@anycounty.example",
    name: "Michael Lopez",
    memberships: [
      { org: "anycws", role: "manager", title: "Linkages Coordinator" },
      { org: "westcw", role: "staff", title: "Linkages liaison" },
    ],
  },
  {
    email: "caseworker@frc.example",
    name: "Rosa Martinez",
    memberships: [{ org: "frc", role: "staff", title: "Family Support Coordinator" }],
  },
  {
    email: "supervisor@frc.example",
    name: "Teresa Okoye",
    // Also the resource center's privacy officer: reviews break-glass accesses, runs retention.
    memberships: [
      { org: "frc", role: "manager", title: "Family Support Program Supervisor", privacyOfficer: true },
    ],
  },
  {
    email: "calworks@westcounty.example",
    name: "Sheila Adams",
    memberships: [{ org: "westcw", role: "staff", title: "CalWORKs Employment Counselor" }],
  },
  {
    email: "probation@anycounty.example",
    name: "Dana Whitfield",
    memberships: [{ org: "anyprob", role: "manager", title: "Deputy Chief Probation Officer" }],
  },
  {
    email: "reviewer@state.example",
    name: "Jordan Lee",
    memberships: [{ org: "state", role: "staff", title: "SIP Consultant", stateReviewer: true }],
  },
  {
    email: "ta@strongfoundations.example",
    name: "Priya Natarajan",
    memberships: [
      { org: "strong", role: "staff", title: "TA Specialist" },
      { org: "csdwg", role: "staff" },
    ],
  },
  {
    email: "ta2@ecsta.example",
    name: "Sam Ortiz",
    memberships: [{ org: "ecsta", role: "staff", title: "Early Childhood Systems Consultant" }],
  },
  {
    email: "privacy@anycounty.example",
    name: "Morgan Ellis",
    memberships: [{ org: "anycws", role: "staff", title: "Privacy Officer", privacyOfficer: true }],
  },
];

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users);
  return (row?.n ?? 0) === 0;
}

const DEMO_AUDIT = {
  actorUserId: null,
  actorEmail: "trellis demo",
  organizationId: null,
  requestId: null,
  ip: null,
};

export async function seedDemo(
  db: Db,
  options: {
    password: string;
    onProgress?: (step: string) => void;
    /** The deployment's time zone: the demo's "today" must be the app's, not UTC's. */
    timeZone?: string;
  },
) {
  const passwordHash = await hashPassword(options.password);
  await db.transaction(async (tx) => {
    const orgIds = new Map<string, string>();
    for (const o of DEMO_ORGANIZATIONS) {
      const [row] = await tx
        .insert(organizations)
        .values({
          name: o.name,
          type: o.type,
          jurisdictionKind: o.jurisdiction.kind,
          jurisdictionName: o.jurisdiction.name,
          stateCode: "CA",
        })
        .returning({ id: organizations.id });
      if (!row) throw new Error(`could not create ${o.name}`);
      orgIds.set(o.key, row.id);
    }
    options.onProgress?.(`${DEMO_ORGANIZATIONS.length} organizations`);
    const userIds = new Map<string, string>();
    for (const u of DEMO_USERS) {
      const [user] = await tx
        .insert(users)
        .values({ email: u.email, name: u.name, passwordHash })
        .returning({ id: users.id });
      if (!user) throw new Error(`could not create ${u.email}`);
      userIds.set(u.email, user.id);
      for (const m of u.memberships) {
        const organizationId = orgIds.get(m.org);
        if (!organizationId) throw new Error(`unknown demo organization ${m.org}`);
        await tx.insert(memberships).values({
          organizationId,
          userId: user.id,
          role: m.role,
          title: m.title ?? null,
          privacyOfficer: m.privacyOfficer ?? false,
          stateReviewer: m.stateReviewer ?? false,
        });
      }
      // Someone in several organizations starts in the first one listed (their own agency).
      const home = u.memberships[0] ? orgIds.get(u.memberships[0].org) : undefined;
      if (u.memberships.length > 1 && home) {
        await tx.update(users).set({ lastActiveOrganizationId: home }).where(eq(users.id, user.id));
      }
    }
    options.onProgress?.(`${DEMO_USERS.length} users`);
    const demoPlans = await seedDemoPlans(tx, {
      templates: loadTemplates(),
      orgIds,
      userIds,
      year: new Date().getUTCFullYear(),
    });
    // The Linkages plan is a joint plan of Child Welfare and CalWORKs.
    const anyCws = orgIds.get("anycws");
    const westCalworks = orgIds.get("westcw");
    if (anyCws && westCalworks) {
      await tx.insert(planShares).values({
        organizationId: anyCws,
        planId: demoPlans.linkagesPlanId,
        partnerOrganizationId: westCalworks,
        role: "editor",
      });
    }
    options.onProgress?.("2 plans from the seed documents");
    const frc = orgIds.get("frc");
    const rosa = userIds.get("caseworker@frc.example");
    if (frc && rosa) {
      const n = await seedDemoFamilies(tx, {
        organizationId: frc,
        caseManagerUserId: rosa,
        today: todayIn(options.timeZone ?? DEFAULT_TIME_ZONE),
      });
      options.onProgress?.(`${n} families at the family resource center`);
    }
    // A draft County SIP (seed 002) with the county's performance on a few measures.
    if (anyCws) {
      await seedDemoSip(tx, {
        templates: loadTemplates(),
        organizationId: anyCws,
        userId: userIds.get("planner@anycounty.example") ?? null,
        year: new Date().getUTCFullYear(),
      });
      options.onProgress?.("a draft County SIP and county performance");
    }
    await recordAudit(tx, DEMO_AUDIT, { action: "demo.seed", outcome: "success" });
  });
  // The service directory: the official HSDS examples and Any County's services, kept by the county.
  await seedDemoDirectory(
    db,
    { organizationName: "Any County Child Welfare Services", userEmail: "admin@anycounty.example" },
    options.onProgress,
  );
  // Referrals from the resource center's families to those services, in every state (docs/referrals.md).
  const referralCount = await seedDemoReferrals(db, {
    senderOrganization: "Harbor Family Resource Center",
    caseManagerEmail: "caseworker@frc.example",
  });
  options.onProgress?.(`${referralCount} referrals from the family resource center`);
  // What those families agreed to share, and with whom (docs/consent.md).
  const consentCount = await seedDemoConsents(db, {
    organization: "Harbor Family Resource Center",
    caseManagerEmail: "caseworker@frc.example",
  });
  options.onProgress?.(`${consentCount} consents to share family information`);
  // TA coordination: the work group of seed 000, partnerships, TA requests (two overlapping), engagements.
  const ta = await seedDemoTa(db, {
    workGroup: "Community Systems Development Work Group",
    provider: { organization: "Strong Foundations TA Network", email: "ta@strongfoundations.example" },
    secondProvider: { organization: "Early Childhood Systems TA Center", email: "ta2@ecsta.example" },
    recipient: { organization: "Any County Child Welfare Services", email: "admin@anycounty.example" },
    memberOrganizations: {
      childWelfare: "Any County Child Welfare Services",
      familyResourceCenter: "Harbor Family Resource Center",
    },
  });
  options.onProgress?.(
    `${ta.partnerships} partnerships, ${ta.requests} TA requests (${ta.overlaps} overlap), ${ta.engagements} engagements`,
  );
  // The peer learning library (seed 000's toolkits) and trainings with evaluation results (docs/ta.md).
  const learning = await seedDemoLearning(db, {
    provider: { organization: "Strong Foundations TA Network", email: "ta@strongfoundations.example" },
    commenter: { organization: "Harbor Family Resource Center", email: "supervisor@frc.example" },
  });
  options.onProgress?.(
    `${learning.resources} library resources, ${learning.trainings} trainings (${learning.responses} survey responses)`,
  );
}

/** Every table of the public schema, for --reset (dropping data, not the schema). */
export async function truncateAll(db: Db): Promise<void> {
  const result = (await db.execute(
    sql`select tablename from pg_tables where schemaname = 'public'`,
  )) as unknown as { rows: { tablename: string }[] };
  const names = result.rows.map((r) => `"${r.tablename}"`);
  if (names.length > 0) await db.execute(sql.raw(`truncate ${names.join(", ")} restart identity cascade`));
}
