/**
 * Demo referrals: the families of the Harbor Family Resource Center (caseworker@frc.example) referred to
 * Any County services, in every state. Any County Child Welfare Services is on Trellis and answers for its
 * own directory organization, so its referrals arrive in its queue (admin@anycounty.example); the others
 * are off Trellis and the case manager records the providers' answers.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import {
  families,
  organizations,
  type ReferralStatus,
  referralEvents,
  referralProviderLinks,
  referrals,
  users,
} from "../../db/schema/index.ts";
import { demoId } from "../directory/directory.demo.ts";
import { findServiceForReferral, loadPlanGoals } from "./referrals.repository.ts";

interface DemoStep {
  status: Exclude<ReferralStatus, "sent">;
  hoursLater: number;
  note?: string;
}

interface DemoReferral {
  family: string;
  service: string;
  goalIndex?: number;
  sentDaysAgo: number;
  reason: string;
  steps: DemoStep[];
}

export const DEMO_RECEIVER = {
  trellisOrganization: "Any County Child Welfare Services",
  directoryOrganization: "Any County Child Welfare Services",
  userEmail: "admin@anycounty.example",
};

const DEMO_REFERRALS: DemoReferral[] = [
  {
    family: "Morales family",
    service: "Bringing Families Home",
    goalIndex: 0,
    sentDaysAgo: 12,
    reason: "Family lost their apartment and is staying with relatives; two young children.",
    steps: [{ status: "accepted", hoursLater: 20 }],
  },
  {
    family: "Morales family",
    service: "Family Emergency Shelter",
    goalIndex: 0,
    sentDaysAgo: 14,
    reason: "Needs a family room for a few nights while housing is arranged.",
    steps: [
      { status: "declined", hoursLater: 3, note: "No family rooms open this week; placed on the waitlist." },
    ],
  },
  {
    family: "Morales family",
    service: "CalWORKs Welfare-to-Work",
    goalIndex: 1,
    sentDaysAgo: 2,
    reason: "Father lost his job and wants help finding work and child care.",
    steps: [],
  },
  {
    family: "Johnson family",
    service: "State Preschool and Head Start Enrollment",
    goalIndex: 0,
    sentDaysAgo: 40,
    reason: "Mother wants her 4-year-old in preschool so she can finish her GED.",
    steps: [
      { status: "accepted", hoursLater: 50 },
      {
        status: "completed",
        hoursLater: 400,
        note: "Enrolled in the morning class at Eastside; started last week.",
      },
    ],
  },
  {
    family: "Johnson family",
    service: "Healthy Families Home Visiting",
    goalIndex: 1,
    sentDaysAgo: 20,
    reason: "Help getting to the baby's well-child checkups.",
    steps: [
      { status: "accepted", hoursLater: 30 },
      { status: "not_completed", hoursLater: 200, note: "The family moved outside the program's area." },
    ],
  },
  {
    family: "Nguyen family",
    service: "Linkages Case Coordination",
    sentDaysAgo: 1,
    reason: "Family receives CalWORKs and has an open child welfare referral; coordinate the two plans.",
    steps: [],
  },
];

const HOUR = 3_600_000;

/** Seeds the demo referrals; answers how many. Needs the demo families and the demo directory. */
export async function seedDemoReferrals(
  db: Db,
  options: { senderOrganization: string; caseManagerEmail: string },
) {
  const orgId = async (name: string) => {
    const [row] = await db
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.name, name));
    if (!row) throw new Error(`demo referrals: organization ${name} missing`);
    return row.id;
  };
  const userId = async (email: string) => {
    const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (!row) throw new Error(`demo referrals: user ${email} missing`);
    return row.id;
  };
  const sender = await orgId(options.senderOrganization);
  const receiver = await orgId(DEMO_RECEIVER.trellisOrganization);
  const caseManager = await userId(options.caseManagerEmail);
  const receiverUser = await userId(DEMO_RECEIVER.userEmail);
  return db.transaction(async (tx) => {
    await tx.insert(referralProviderLinks).values({
      organizationId: receiver,
      hsdsOrganizationId: demoId(`org:${DEMO_RECEIVER.directoryOrganization}`),
      linkedBy: receiverUser,
    });
    for (const r of DEMO_REFERRALS) {
      const [family] = await tx
        .select({
          id: families.id,
          phone: families.phone,
          language: families.preferredLanguage,
          contactName: sql<string>`(select first_name || ' ' || last_name from family_members m
            where m.organization_id = "families"."organization_id" and m.family_id = "families"."id"
            order by m.position limit 1)`,
        })
        .from(families)
        .where(and(eq(families.organizationId, sender), eq(families.displayName, r.family)));
      const service = await findServiceForReferral(tx, demoId(`service:${r.service}`));
      if (!family || !service) throw new Error(`demo referrals: ${r.family} or ${r.service} missing`);
      const goals = r.goalIndex === undefined ? undefined : await loadPlanGoals(tx, sender, family.id, 1);
      const goal = r.goalIndex === undefined ? null : (goals?.[r.goalIndex]?.goal ?? null);
      const sentAt = new Date(Date.now() - r.sentDaysAgo * 24 * HOUR);
      const onTrellis = service.receivingOrganizationId ?? null;
      let status: ReferralStatus = "sent";
      let acceptedAt: Date | null = null;
      let closedAt: Date | null = null;
      for (const step of r.steps) {
        status = step.status;
        const at = new Date(sentAt.getTime() + step.hoursLater * HOUR);
        if (step.status === "accepted") acceptedAt = at;
        else closedAt = at;
      }
      const [row] = await tx
        .insert(referrals)
        .values({
          organizationId: sender,
          familyId: family.id,
          planRevision: goal === null ? null : 1,
          goalIndex: goal === null ? null : (r.goalIndex ?? null),
          goalText: goal,
          serviceId: service.id,
          serviceName: service.name,
          providerName: service.providerName ?? null,
          hsdsOrganizationId: service.hsdsOrganizationId ?? null,
          receivingOrganizationId: onTrellis,
          status,
          sharedContactName: family.contactName,
          sharedLanguage: family.language,
          sharedPhone: family.phone,
          sharedReason: r.reason,
          sentBy: caseManager,
          sentAt,
          acceptedAt,
          closedAt,
          version: 1 + r.steps.length,
        })
        .returning({ id: referrals.id });
      if (!row) throw new Error("demo referral insert returned nothing");
      let from: ReferralStatus | null = null;
      const events = [
        { status: "sent" as ReferralStatus, hoursLater: 0, note: undefined as string | undefined },
        ...r.steps,
      ];
      for (const step of events) {
        await tx.insert(referralEvents).values({
          organizationId: sender,
          referralId: row.id,
          fromStatus: from,
          toStatus: step.status,
          note: step.note ?? null,
          // Off Trellis, the case manager records the provider's answers.
          side: step.status === "sent" || !onTrellis ? "sender" : "receiver",
          actorUserId: step.status === "sent" || !onTrellis ? caseManager : receiverUser,
          occurredAt: new Date(sentAt.getTime() + step.hoursLater * HOUR),
        });
        from = step.status;
      }
    }
    return DEMO_REFERRALS.length;
  });
}
