/**
 * Demo families of the family resource center, each at a different step of seed 003's five steps, with
 * dates relative to today so the caseload shows live overdue work: one just referred, one in intensive
 * case management after losing housing, one with a service plan under way, one closed.
 */
import type { Tx } from "../../db/client.ts";
import {
  type ContactKind,
  families,
  familyAssessments,
  familyClosures,
  familyContacts,
  familyMembers,
  type ServicePlanGoal,
  servicePlans,
} from "../../db/schema/index.ts";
import { addDays } from "../plans/plans.rules.ts";
import { STRENGTHS_AND_NEEDS_V1 } from "./families.instruments.ts";
import { phoneDigits, scoreAssessment, suggestIntensity } from "./families.rules.ts";

interface DemoMember {
  firstName: string;
  lastName: string;
  /** Days before today, or an ISO date. */
  born: number | string;
  relationship: string;
}

interface DemoFamily {
  displayName: string;
  preferredLanguage: string;
  phone: string;
  address: string;
  referralSource: string;
  referredDaysAgo: number;
  program: string;
  members: DemoMember[];
  assessments?: { daysAgo: number; scores: Record<string, number>; crisisKinds: string[]; notes: string }[];
  intensity?: { level: "standard" | "intensive"; reason: string };
  plan?: {
    daysAgo: number;
    goals: ServicePlanGoal[];
    disengagement: { when: string; how: string; needs: string };
  };
  contacts?: {
    daysAgo: number;
    kind: ContactKind;
    minutes: number;
    notes: string;
    review?: { service: string; appropriate: boolean; helpful: boolean; note?: string }[];
  }[];
  closure?: {
    daysAgo: number;
    goalsMet: string;
    maintenancePlan: string;
    anticipatedNeeds: string;
    whereToSeekHelp: string;
  };
}

const base = Object.fromEntries(STRENGTHS_AND_NEEDS_V1.domains.map((d) => [d.key, 3]));
const s = (overrides: Record<string, number>) => ({ ...base, ...overrides });

export const DEMO_FAMILIES: DemoFamily[] = [
  {
    displayName: "Nguyen family",
    preferredLanguage: "vi",
    phone: "(555) 201-3344",
    address: "418 Cannery Row Apt 3, Any County",
    referralSource: "Harbor Pediatrics (well-child visit)",
    referredDaysAgo: 2,
    program: "Family Support Coordination",
    members: [
      { firstName: "Linh", lastName: "Nguyen", born: "1995-09-12", relationship: "parent" },
      { firstName: "Bao", lastName: "Nguyen", born: 760, relationship: "child" },
    ],
  },
  {
    displayName: "Morales family",
    preferredLanguage: "es",
    phone: "(555) 307-8890",
    address: "Staying with a cousin, 22 Pine St, Any County",
    referralSource: "Any County CalWORKs",
    referredDaysAgo: 16,
    program: "Family Support Coordination",
    members: [
      { firstName: "Daniela", lastName: "Morales", born: "1993-02-27", relationship: "parent" },
      { firstName: "Luis", lastName: "Morales", born: "1990-06-05", relationship: "parent" },
      { firstName: "Sofía", lastName: "Morales", born: 1400, relationship: "child" },
      { firstName: "Andrés", lastName: "Morales", born: 300, relationship: "child" },
    ],
    assessments: [
      {
        daysAgo: 14,
        scores: s({ housing: 1, income_employment: 2, food: 2, child_care: 2, social_support: 4, legal: 4 }),
        crisisKinds: ["housing_loss", "job_loss"],
        notes:
          "Evicted after Luis lost his job at the cannery. The children are well cared for; Daniela is worried about the baby's sleep.",
      },
    ],
    intensity: {
      level: "intensive",
      reason: "Lost housing and income in the same month; staying with relatives for two more weeks at most.",
    },
    plan: {
      daysAgo: 12,
      goals: [
        {
          goal: "Tener nuestro propio lugar antes de que Andrés cumpla un año.",
          domain: "housing",
          steps: [
            { action: "Apply for rapid rehousing", who: "Daniela with Rosa", when: "This week" },
            {
              action: "Gather pay stubs and IDs for the application",
              who: "Luis",
              when: "Before the appointment",
            },
          ],
          servicesNeeded: ["Rapid rehousing", "Emergency rental assistance"],
        },
        {
          goal: "Luis vuelve a trabajar.",
          domain: "income_employment",
          steps: [
            { action: "Meet the CalWORKs employment counselor", who: "Luis", when: "Within two weeks" },
          ],
          servicesNeeded: ["CalWORKs Welfare-to-Work", "Food bank"],
        },
      ],
      disengagement: {
        when: "After three months in stable housing",
        how: "Visits every month, then a last visit to review the plan together",
        needs: "The list of contacts we made and how to call 211 in Spanish",
      },
    },
    contacts: [
      {
        daysAgo: 14,
        kind: "home_visit",
        minutes: 75,
        notes: "Assessment at the cousin's home. Crisis screen positive for housing and job loss.",
      },
      {
        daysAgo: 9,
        kind: "phone",
        minutes: 20,
        notes: "Rapid rehousing intake booked; Luis has an appointment with CalWORKs.",
        review: [
          { service: "Rapid rehousing", appropriate: true, helpful: true, note: "Intake booked quickly" },
        ],
      },
    ],
  },
  {
    displayName: "Johnson family",
    preferredLanguage: "en",
    phone: "(555) 412-0021",
    address: "77 Harbor View Dr, Any County",
    referralSource: "Self-referral (parenting class flyer)",
    referredDaysAgo: 50,
    program: "Family Support Coordination",
    members: [
      { firstName: "Keisha", lastName: "Johnson", born: "1998-12-01", relationship: "parent" },
      { firstName: "Amari", lastName: "Johnson", born: 1100, relationship: "child" },
      { firstName: "Zoe", lastName: "Johnson", born: 90, relationship: "child" },
    ],
    assessments: [
      {
        daysAgo: 45,
        scores: s({
          child_care: 2,
          transportation: 2,
          parenting_child_development: 3,
          physical_health: 4,
          social_support: 2,
        }),
        crisisKinds: [],
        notes: "New baby; no car since the spring. Keisha wants to go back to school.",
      },
    ],
    intensity: { level: "standard", reason: "No crisis; needs are child care and getting around." },
    plan: {
      daysAgo: 40,
      goals: [
        {
          goal: "I want Amari in preschool so I can finish my GED.",
          domain: "child_care",
          steps: [
            {
              action: "Apply for the state preschool program",
              who: "Keisha",
              when: "By the end of the month",
            },
            {
              action: "Ask the college about evening GED classes",
              who: "Keisha with Rosa",
              when: "Next visit",
            },
          ],
          servicesNeeded: ["State preschool", "Adult education (GED)"],
        },
        {
          goal: "Get to the baby's checkups without missing them.",
          domain: "transportation",
          steps: [{ action: "Sign up for Medi-Cal transportation", who: "Rosa", when: "This week" }],
          servicesNeeded: ["Medi-Cal non-emergency transportation"],
        },
      ],
      disengagement: {
        when: "When Amari starts preschool and the GED classes begin",
        how: "Close after a last visit; join the parent group at the resource center",
        needs: "Class schedule, preschool contact, the parent group's dates",
      },
    },
    contacts: [
      { daysAgo: 45, kind: "office", minutes: 60, notes: "Assessment at the resource center." },
      {
        daysAgo: 26,
        kind: "home_visit",
        minutes: 50,
        notes: "Preschool application sent; transportation works.",
        review: [
          { service: "Medi-Cal non-emergency transportation", appropriate: true, helpful: true },
          { service: "State preschool", appropriate: true, helpful: false, note: "Waiting list" },
        ],
      },
      { daysAgo: 12, kind: "text", minutes: 5, notes: "Reminder about the GED information night." },
    ],
  },
  {
    displayName: "Thompson family",
    preferredLanguage: "en",
    phone: "(555) 519-7788",
    address: "9 Orchard Ln, Any County",
    referralSource: "Any County Child Welfare Services (prevention)",
    referredDaysAgo: 190,
    program: "Family Support Coordination",
    members: [
      { firstName: "Marcus", lastName: "Thompson", born: "1989-04-18", relationship: "parent" },
      { firstName: "Lily", lastName: "Thompson", born: 1500, relationship: "child" },
    ],
    assessments: [
      {
        daysAgo: 185,
        scores: s({
          mental_health: 2,
          social_support: 1,
          parenting_child_development: 2,
          income_employment: 3,
        }),
        crisisKinds: ["separation", "behavioral_health"],
        notes: "Recently separated; Marcus reports feeling depressed and alone with Lily.",
      },
      {
        daysAgo: 95,
        scores: s({
          mental_health: 3,
          social_support: 3,
          parenting_child_development: 4,
          income_employment: 3,
        }),
        crisisKinds: [],
        notes: "Seeing a counselor; joined the dads' group.",
      },
      {
        daysAgo: 20,
        scores: s({
          mental_health: 4,
          social_support: 4,
          parenting_child_development: 4,
          income_employment: 4,
        }),
        crisisKinds: [],
        notes: "Steady; ready to move on.",
      },
    ],
    intensity: { level: "standard", reason: "Crisis has passed; counseling in place." },
    plan: {
      daysAgo: 180,
      goals: [
        {
          goal: "Feel like myself again and be the dad Lily needs.",
          domain: "mental_health",
          steps: [{ action: "Start counseling", who: "Marcus", when: "Within a month" }],
          servicesNeeded: ["Outpatient counseling", "Fathers' support group"],
        },
      ],
      disengagement: {
        when: "After six months, if counseling continues",
        how: "Space out visits, then a closing visit",
        needs: "Counselor's number, the group's schedule",
      },
    },
    contacts: [
      { daysAgo: 185, kind: "home_visit", minutes: 90, notes: "Assessment." },
      { daysAgo: 150, kind: "phone", minutes: 15, notes: "Counseling started." },
      { daysAgo: 95, kind: "home_visit", minutes: 60, notes: "Reassessment; much better." },
      { daysAgo: 20, kind: "home_visit", minutes: 45, notes: "Closing visit; plan reviewed together." },
    ],
    closure: {
      daysAgo: 18,
      goalsMet: "Counseling every two weeks; Marcus and Lily go to the dads' group every month.",
      maintenancePlan: "Keep counseling until the counselor says otherwise; keep the group.",
      anticipatedNeeds: "Preschool for Lily next fall; child care if work hours change.",
      whereToSeekHelp: "Harbor Family Resource Center front desk (555) 010-2000, or 211.",
    },
  },
];

export async function seedDemoFamilies(
  tx: Tx,
  options: { organizationId: string; caseManagerUserId: string; today: string },
): Promise<number> {
  const { organizationId, caseManagerUserId, today } = options;
  const ago = (days: number) => addDays(today, -days);
  for (const f of DEMO_FAMILIES) {
    const [row] = await tx
      .insert(families)
      .values({
        organizationId,
        displayName: f.displayName,
        preferredLanguage: f.preferredLanguage,
        phone: f.phone,
        phoneDigits: phoneDigits(f.phone),
        address: f.address,
        referralSource: f.referralSource,
        referralDate: ago(f.referredDaysAgo),
        program: f.program,
        enrollmentDate: ago(f.referredDaysAgo),
        caseManagerUserId,
        status: f.closure ? "closed" : "open",
        intensity: f.intensity?.level ?? null,
        intensityReason: f.intensity?.reason ?? null,
        intensityDecidedAt: f.intensity ? new Date(`${ago(f.referredDaysAgo - 3)}T17:00:00Z`) : null,
        createdBy: caseManagerUserId,
        createdAt: new Date(`${ago(f.referredDaysAgo)}T16:00:00Z`),
      })
      .returning({ id: families.id });
    if (!row) throw new Error(`could not create ${f.displayName}`);
    const familyId = row.id;
    await tx.insert(familyMembers).values(
      f.members.map((m, position) => ({
        organizationId,
        familyId,
        firstName: m.firstName,
        lastName: m.lastName,
        dateOfBirth: typeof m.born === "number" ? ago(m.born) : m.born,
        relationship: m.relationship,
        position,
      })),
    );
    for (const a of f.assessments ?? []) {
      const scored = scoreAssessment(STRENGTHS_AND_NEEDS_V1, a.scores, a.crisisKinds);
      await tx.insert(familyAssessments).values({
        organizationId,
        familyId,
        instrumentKey: STRENGTHS_AND_NEEDS_V1.key,
        instrumentVersion: STRENGTHS_AND_NEEDS_V1.version,
        assessedOn: ago(a.daysAgo),
        scores: a.scores,
        crisisKinds: a.crisisKinds,
        total: scored.total,
        suggestedIntensity: suggestIntensity(STRENGTHS_AND_NEEDS_V1, a.scores, a.crisisKinds).level,
        notes: a.notes,
        assessedBy: caseManagerUserId,
      });
    }
    if (f.plan) {
      await tx.insert(servicePlans).values({
        organizationId,
        familyId,
        revision: 1,
        goals: f.plan.goals,
        disengagement: f.plan.disengagement,
        status: "active",
        createdBy: caseManagerUserId,
        createdAt: new Date(`${ago(f.plan.daysAgo)}T18:00:00Z`),
      });
    }
    for (const c of f.contacts ?? []) {
      await tx.insert(familyContacts).values({
        organizationId,
        familyId,
        contactDate: ago(c.daysAgo),
        kind: c.kind,
        durationMinutes: c.minutes,
        notes: c.notes,
        servicesReview: c.review ?? [],
        createdBy: caseManagerUserId,
      });
    }
    if (f.closure) {
      const { daysAgo, ...closure } = f.closure;
      await tx.insert(familyClosures).values({
        organizationId,
        familyId,
        closedOn: ago(daysAgo),
        reason: "goals_met",
        ...closure,
        closedBy: caseManagerUserId,
      });
    }
  }
  return DEMO_FAMILIES.length;
}
