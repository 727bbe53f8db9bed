/**
 * Pure rules of family support coordination: assessment scoring, intensity suggestion, contact and
 * reassessment due dates, duplicate detection at intake, the step a family is at. No I/O.
 */
import { distance } from "fastest-levenshtein";
import type { IntensityLevel } from "../../db/schema/families.ts";
import { addDays } from "../plans/plans.rules.ts";
import type { Instrument } from "./families.instruments.ts";

export interface FieldProblem {
  field: string;
  message: string;
  [key: string]: unknown;
}

export interface DomainScore {
  key: string;
  score: number;
  need: boolean;
}

export interface ScoredAssessment {
  total: number;
  /** Average score, one decimal. */
  average: number;
  domains: DomainScore[];
  needs: string[];
  problems: FieldProblem[];
}

/** Checks every domain has one score on the scale and no unknown domain or crisis kind is given. */
export function scoreAssessment(
  instrument: Instrument,
  scores: Record<string, number>,
  crisisKinds: string[] = [],
): ScoredAssessment {
  const problems: FieldProblem[] = [];
  const known = new Set(instrument.domains.map((d) => d.key));
  for (const key of Object.keys(scores)) {
    if (!known.has(key)) problems.push({ field: `/body/scores/${key}`, message: `unknown domain "${key}"` });
  }
  const crisisKeys = new Set(instrument.crisisKinds.map((c) => c.key));
  crisisKinds.forEach((kind, i) => {
    if (!crisisKeys.has(kind))
      problems.push({ field: `/body/crisisKinds/${i}`, message: `unknown crisis kind "${kind}"` });
  });
  const domains: DomainScore[] = [];
  for (const domain of instrument.domains) {
    const score = scores[domain.key];
    if (score === undefined) {
      problems.push({ field: `/body/scores/${domain.key}`, message: "is required" });
      continue;
    }
    if (!Number.isInteger(score) || score < instrument.scale.min || score > instrument.scale.max) {
      problems.push({
        field: `/body/scores/${domain.key}`,
        message: `must be a whole number from ${instrument.scale.min} to ${instrument.scale.max}`,
      });
      continue;
    }
    domains.push({ key: domain.key, score, need: score <= instrument.needThreshold });
  }
  const total = domains.reduce((sum, d) => sum + d.score, 0);
  const average = domains.length === 0 ? 0 : Math.round((total / domains.length) * 10) / 10;
  return { total, average, domains, needs: domains.filter((d) => d.need).map((d) => d.key), problems };
}

export interface IntensitySuggestion {
  level: IntensityLevel;
  /** Machine-readable reasons: "crisis:<kind>" or "high_risk:<domain>". */
  reasons: string[];
}

/**
 * Seed 003: intensive case management for families whose assessment shows immediate need: a crisis, or
 * high risk of substance abuse or domestic violence (a low score on a high-risk domain).
 */
export function suggestIntensity(
  instrument: Instrument,
  scores: Record<string, number>,
  crisisKinds: string[],
): IntensitySuggestion {
  const reasons = crisisKinds.map((k) => `crisis:${k}`);
  for (const domain of instrument.domains) {
    const score = scores[domain.key];
    if (domain.highRisk && score !== undefined && score <= instrument.needThreshold) {
      reasons.push(`high_risk:${domain.key}`);
    }
  }
  return { level: reasons.length > 0 ? "intensive" : "standard", reasons };
}

/** Days between expected contacts per intensity level. */
export const CONTACT_EVERY_DAYS: Record<IntensityLevel, number> = { standard: 30, intensive: 7 };

export interface DueState {
  dueOn: string;
  overdue: boolean;
  daysOverdue: number;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The next contact is due a fixed number of days after the last one (or after the case opened when there
 * has been none). A family with no intensity decided yet is held to the standard frequency.
 */
export function contactDue(input: {
  intensity: IntensityLevel | null;
  lastContactOn: string | null;
  openedOn: string;
  today: string;
}): DueState {
  const every = CONTACT_EVERY_DAYS[input.intensity ?? "standard"];
  const dueOn = addDays(input.lastContactOn ?? input.openedOn, every);
  const late = daysBetween(dueOn, input.today);
  return { dueOn, overdue: late > 0, daysOverdue: Math.max(0, late) };
}

/** Reassessment is due at the instrument's interval for the level; without any assessment, at once. */
export function reassessmentDue(input: {
  instrument: Instrument;
  intensity: IntensityLevel | null;
  lastAssessedOn: string | null;
  openedOn: string;
  today: string;
}): DueState {
  const dueOn = input.lastAssessedOn
    ? addDays(input.lastAssessedOn, input.instrument.reassessEveryDays[input.intensity ?? "standard"])
    : input.openedOn;
  const late = daysBetween(dueOn, input.today);
  return { dueOn, overdue: late > 0, daysOverdue: Math.max(0, late) };
}

/** Lower case, accents and punctuation removed, spaces collapsed: "José  O'Neil" → "jose oneil". */
export function normalizeName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z\s-]/g, "")
    .replace(/[\s-]+/g, " ")
    .trim();
}

export function phoneDigits(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, "");
  // A US number typed with the country code matches the same number without it.
  const national = digits.length === 11 && digits.startsWith("1") ? digits.slice(1) : digits;
  return national.length > 0 ? national : null;
}

export interface PersonKey {
  firstName: string;
  lastName: string;
  dateOfBirth: string | null;
}

/** Names are similar when equal after normalizing, or within a small edit distance for their length. */
export function similarNames(a: string, b: string): boolean {
  const x = normalizeName(a);
  const y = normalizeName(b);
  if (x === "" || y === "") return false;
  if (x === y) return true;
  // A swapped pair of letters is two edits; names of four letters or fewer must match exactly.
  const allowed = Math.max(x.length, y.length) <= 4 ? 0 : 2;
  return distance(x, y) <= allowed;
}

/**
 * A person at intake is a possible duplicate of an existing one when the dates of birth are equal and
 * the first and last names are similar (typos, accents), or when first and last names were swapped.
 */
export function isPossibleDuplicate(candidate: PersonKey, existing: PersonKey): boolean {
  if (!candidate.dateOfBirth || candidate.dateOfBirth !== existing.dateOfBirth) return false;
  const straight =
    similarNames(candidate.firstName, existing.firstName) &&
    similarNames(candidate.lastName, existing.lastName);
  const swapped =
    similarNames(candidate.firstName, existing.lastName) &&
    similarNames(candidate.lastName, existing.firstName);
  return straight || swapped;
}

export type CaseStep = "intake" | "assessment" | "service_plan" | "monitoring" | "closed";

/**
 * The step a family is at: intake (not yet assessed), assessment done (no plan yet), service plan in
 * place and monitored, or closed. Linkage (step 3) runs alongside monitoring through referrals.
 */
export function caseStep(input: {
  closed: boolean;
  assessments: number;
  activePlan: boolean;
  contactsSincePlan: number;
}): CaseStep {
  if (input.closed) return "closed";
  if (input.assessments === 0) return "intake";
  if (!input.activePlan) return "assessment";
  return input.contactsSincePlan > 0 ? "monitoring" : "service_plan";
}

/** Age in whole years on a date; children under 5 are the focus of the strategy (seed 003). */
export function ageOn(dateOfBirth: string, today: string): number {
  const [by, bm, bd] = dateOfBirth.split("-").map(Number) as [number, number, number];
  const [ty, tm, td] = today.split("-").map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

export function isUnderFive(dateOfBirth: string | null, today: string): boolean {
  return dateOfBirth !== null && dateOfBirth <= today && ageOn(dateOfBirth, today) < 5;
}
