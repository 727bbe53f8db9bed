/** Rows in, API shapes out: never raw rows. Due dates and the step are computed here from the rules. */
import type { Static } from "typebox";
import { todayIn } from "../../server/config.ts";
import { findInstrument, STRENGTHS_AND_NEEDS_V1 } from "./families.instruments.ts";
import type {
  AssessmentRow,
  ClosureRow,
  ContactRow,
  FamilyRow,
  MemberRow,
  ServicePlanRow,
} from "./families.repository.ts";
import {
  ageOn,
  caseStep,
  contactDue,
  isUnderFive,
  reassessmentDue,
  scoreAssessment,
  suggestIntensity,
} from "./families.rules.ts";
import type {
  FamilyDocument as FamilyDocumentSchema,
  FamilySummary as FamilySummarySchema,
} from "./families.schema.ts";

export type FamilyDocument = Static<typeof FamilyDocumentSchema>;
export type FamilySummary = Static<typeof FamilySummarySchema>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);
/** The day a case opened: its enrollment or referral date, else the day it was created where the deployment is. */
const openedOn = (f: FamilyRow, timeZone: string) =>
  f.enrollmentDate ?? f.referralDate ?? todayIn(timeZone, f.createdAt);

interface CaseFacts {
  family: FamilyRow;
  members: MemberRow[];
  /** Oldest first. */
  assessments: AssessmentRow[];
  /** Newest revision first. */
  plans: ServicePlanRow[];
  lastContactOn: string | null;
  today: string;
  timeZone: string;
}

function dues(facts: CaseFacts) {
  const { family, assessments, today } = facts;
  if (family.status !== "open") return { contact: null, reassessment: null };
  const latest = assessments.at(-1);
  const instrument =
    (latest && findInstrument(latest.instrumentKey, latest.instrumentVersion)) ?? STRENGTHS_AND_NEEDS_V1;
  return {
    contact: contactDue({
      intensity: family.intensity,
      lastContactOn: facts.lastContactOn,
      openedOn: openedOn(family, facts.timeZone),
      today,
    }),
    reassessment: reassessmentDue({
      instrument,
      intensity: family.intensity,
      lastAssessedOn: latest?.assessedOn ?? null,
      openedOn: openedOn(family, facts.timeZone),
      today,
    }),
  };
}

function stepOf(facts: CaseFacts) {
  const plan = facts.plans[0];
  // The plan's day where the deployment is: a plan written at 5 pm in California is written on that day, not the
  // next (its UTC date), and a contact that afternoon counts.
  const planDay = plan ? todayIn(facts.timeZone, plan.createdAt) : null;
  return caseStep({
    closed: facts.family.status === "closed",
    assessments: facts.assessments.length,
    activePlan: plan !== undefined,
    contactsSincePlan: planDay && facts.lastContactOn && facts.lastContactOn >= planDay ? 1 : 0,
  });
}

/** What the case manager should do next, in order of urgency. */
function nextAction(facts: CaseFacts, d: ReturnType<typeof dues>): string {
  if (facts.family.status !== "open") return "none";
  if (facts.assessments.length === 0) return "assess";
  if (!facts.family.intensity) return "decide_intensity";
  if (facts.plans.length === 0) return "write_plan";
  if (facts.plans[0]?.status === "pending_approval") return "approve_plan";
  if (d.contact?.overdue) return "contact";
  if (d.reassessment?.overdue) return "reassess";
  return "contact";
}

export function presentSummary(facts: CaseFacts, names: Map<string, string>): FamilySummary {
  const { family, members, today } = facts;
  const d = dues(facts);
  const latest = facts.assessments.at(-1);
  return {
    id: family.id,
    displayName: family.displayName,
    memberNames: members.map((m) => `${m.firstName} ${m.lastName}`),
    phone: family.phone,
    preferredLanguage: family.preferredLanguage,
    status: family.status,
    step: stepOf(facts),
    intensity: family.intensity,
    inCrisis: family.status === "open" && (latest?.crisisKinds.length ?? 0) > 0,
    childrenUnderFive: members.filter((m) => isUnderFive(m.dateOfBirth, today)).length,
    caseManagerUserId: family.caseManagerUserId,
    caseManagerName: family.caseManagerUserId ? (names.get(family.caseManagerUserId) ?? null) : null,
    lastContactOn: facts.lastContactOn,
    contactDue: d.contact,
    reassessmentDue: d.reassessment,
    nextAction: nextAction(facts, d),
    version: family.version,
  };
}

function presentAssessment(row: AssessmentRow, names: Map<string, string>) {
  const instrument = findInstrument(row.instrumentKey, row.instrumentVersion) ?? STRENGTHS_AND_NEEDS_V1;
  const scored = scoreAssessment(instrument, row.scores, row.crisisKinds);
  const suggestion = suggestIntensity(instrument, row.scores, row.crisisKinds);
  return {
    id: row.id,
    instrumentKey: row.instrumentKey,
    instrumentVersion: row.instrumentVersion,
    assessedOn: row.assessedOn,
    scores: row.scores,
    crisisKinds: row.crisisKinds,
    total: row.total,
    average: scored.average,
    needs: scored.needs,
    suggestedIntensity: row.suggestedIntensity,
    suggestionReasons: suggestion.reasons,
    notes: row.notes,
    assessedByName: row.assessedBy ? (names.get(row.assessedBy) ?? null) : null,
  };
}

export function presentPlan(row: ServicePlanRow, names: Map<string, string>) {
  return {
    id: row.id,
    revision: row.revision,
    status: row.status,
    goals: row.goals,
    disengagement: row.disengagement,
    changeNote: row.changeNote,
    createdAt: row.createdAt.toISOString(),
    createdByName: row.createdBy ? (names.get(row.createdBy) ?? null) : null,
    approvedAt: iso(row.approvedAt),
    approvedByName: row.approvedBy ? (names.get(row.approvedBy) ?? null) : null,
  };
}

export function presentFamily(
  facts: CaseFacts & {
    organizationName: string;
    contacts: ContactRow[];
    closures: ClosureRow[];
    requirePlanApproval: boolean;
  },
  names: Map<string, string>,
): FamilyDocument {
  const { family, today } = facts;
  const d = dues(facts);
  const latest = facts.assessments.at(-1);
  const name = (id: string | null) => (id ? (names.get(id) ?? null) : null);
  const plans = facts.plans.map((p) => presentPlan(p, names));
  return {
    id: family.id,
    organizationId: family.organizationId,
    organizationName: facts.organizationName,
    displayName: family.displayName,
    preferredLanguage: family.preferredLanguage,
    phone: family.phone,
    email: family.email,
    address: family.address,
    referralSource: family.referralSource,
    referralDate: family.referralDate,
    program: family.program,
    enrollmentDate: family.enrollmentDate,
    caseManagerUserId: family.caseManagerUserId,
    caseManagerName: name(family.caseManagerUserId),
    status: family.status,
    step: stepOf(facts),
    intensity: family.intensity,
    intensityReason: family.intensityReason,
    intensityDecidedAt: iso(family.intensityDecidedAt),
    suggestedIntensity: latest
      ? suggestIntensity(
          findInstrument(latest.instrumentKey, latest.instrumentVersion) ?? STRENGTHS_AND_NEEDS_V1,
          latest.scores,
          latest.crisisKinds,
        )
      : null,
    contactDue: d.contact,
    reassessmentDue: d.reassessment,
    requirePlanApproval: facts.requirePlanApproval,
    members: facts.members.map((m) => ({
      id: m.id,
      firstName: m.firstName,
      lastName: m.lastName,
      dateOfBirth: m.dateOfBirth,
      age: m.dateOfBirth && m.dateOfBirth <= today ? ageOn(m.dateOfBirth, today) : null,
      underFive: isUnderFive(m.dateOfBirth, today),
      relationship: m.relationship,
      preferredLanguage: m.preferredLanguage,
      phone: m.phone,
    })),
    assessments: facts.assessments.map((a) => presentAssessment(a, names)),
    // The plan in force: the newest active revision, else the newest one (awaiting approval).
    servicePlan: plans.find((p) => p.status === "active") ?? plans[0] ?? null,
    planRevisions: plans,
    contacts: facts.contacts.map((c) => ({
      id: c.id,
      contactDate: c.contactDate,
      kind: c.kind,
      durationMinutes: c.durationMinutes,
      notes: c.notes,
      servicesReview: c.servicesReview,
      createdByName: name(c.createdBy),
    })),
    closures: facts.closures.map((c) => ({
      id: c.id,
      closedOn: c.closedOn,
      reason: c.reason,
      goalsMet: c.goalsMet,
      maintenancePlan: c.maintenancePlan,
      anticipatedNeeds: c.anticipatedNeeds,
      whereToSeekHelp: c.whereToSeekHelp,
      closedByName: name(c.closedBy),
      reopenedAt: iso(c.reopenedAt),
      reopenReason: c.reopenReason,
    })),
    version: family.version,
    createdAt: family.createdAt.toISOString(),
    updatedAt: family.updatedAt.toISOString(),
  };
}
