/** Shapes of the SIP and measures API (src/features/sip/sip.routes.ts, src/features/measures/measures.routes.ts). */
import type { I18nText, PlanDocument } from "../plans/plans.types.ts";

export const SIP_STATUSES = [
  "draft",
  "team_review",
  "board_approval",
  "submitted",
  "state_review",
  "negotiation",
  "accepted",
] as const;
export type SipStatus = (typeof SIP_STATUSES)[number];

export type Severity = "error" | "warning" | "info";

export interface Finding {
  code: string;
  severity: Severity;
  message: I18nText;
  itemId: string | null;
  section: string | null;
  suggestion?: I18nText;
}

export interface CheckResult {
  findings: Finding[];
  errors: number;
}

export const TEAM_CATEGORIES = ["core", "must_consult", "may_consult"] as const;
export type TeamCategory = (typeof TEAM_CATEGORIES)[number];

export const CORE_REPRESENTATIVE_KINDS = [
  "cws_administrator",
  "cws_manager",
  "cws_social_worker",
  "probation",
  "probation_supervisor",
  "probation_officer",
  "california_youth_connection",
  "foster_parent",
  "adoptions_agency",
] as const;
export type CoreRepresentative = (typeof CORE_REPRESENTATIVE_KINDS)[number];

export interface TeamMember {
  id: string;
  name: string;
  affiliation: string;
  category: TeamCategory;
  representative: string | null;
  consulted: string | null;
}

export type TransitionField = "boardApprovalDate" | "agendaItem" | "note";

export interface AllowedTransition {
  to: SipStatus;
  requires: TransitionField[];
  requiresCleanChecks: boolean;
}

export interface WorkflowEvent {
  from: string;
  to: string;
  at: string;
  actorName: string | null;
  note: string | null;
  data: { boardApprovalDate?: string; agendaItem?: string } | null;
}

export interface PlanVersion {
  version: number;
  acceptedAt: string;
  annualUpdateDue: string;
}

export interface PublicPosting {
  slug: string;
  commentsOpenFrom: string;
  commentsOpenUntil: string;
}

export interface WorkflowState {
  status: SipStatus;
  allowed: AllowedTransition[];
  events: WorkflowEvent[];
  versions: PlanVersion[];
  posting: PublicPosting | null;
}

export interface ItemChange {
  itemId: string;
  level: string;
  number: string | null;
  title: string;
  change: "added" | "removed" | "changed";
  fields?: Record<string, [unknown, unknown]>;
}

export interface VersionDiff {
  from: number;
  to: number | "current";
  changes: ItemChange[];
}

export interface ReviewComment {
  id: string;
  itemId: string | null;
  parentId: string | null;
  authorName: string | null;
  organizationName: string | null;
  body: string;
  resolved: boolean;
  createdAt: string;
}

export interface SubmittedSip {
  id: string;
  title: string;
  status: SipStatus;
  organizationName: string;
  county: string;
  updatedAt: string;
}

export interface PublicComment {
  id: string;
  name: string | null;
  body: string;
  response: string | null;
  createdAt: string;
}

export interface ModeratedComment extends PublicComment {
  status: "pending" | "published" | "rejected";
}

export interface PublicPlan {
  plan: PlanDocument;
  commentsOpenFrom: string;
  commentsOpenUntil: string;
  commentsOpen: boolean;
  comments: PublicComment[];
}

export interface Measure {
  id: string;
  code: string;
  name: string;
  kind: "federal" | "state" | "systemic_factor";
  unit: string | null;
  better: "lower" | "higher" | null;
  nationalPerformance: number | null;
  safety: boolean;
  referenceVersion: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  /** Sent back with a correction; a stale one gets 409 conflict.stale_version. */
  version: number;
}

export interface NeedsImprovement {
  computed: boolean | null;
  override: { needsImprovement: boolean; reason: string; setAt: string } | null;
  effective: boolean;
}

export interface MeasureSummary {
  measure: Measure;
  latest: { periodEnd: string; periodLabel: string; value: number | null; masked: boolean } | null;
  needsImprovement: NeedsImprovement | null;
  /** The organization's SIP components that answer this measure. */
  components: { planId: string; planTitle: string; itemId: string; title: string }[];
}

export interface MeasureList {
  county: string | null;
  caveat: string;
  items: MeasureSummary[];
}

export interface SeriesPoint {
  periodEnd: string;
  periodLabel: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  masked: boolean;
}

export interface MeasureSeries {
  county: string;
  measure: Measure;
  needsImprovement: NeedsImprovement;
  caveat: string;
  points: SeriesPoint[];
}

export interface ProgressPoint {
  periodEnd: string;
  periodLabel: string;
  value: number | null;
  masked: boolean;
}

export interface ComponentProgress {
  itemId: string;
  title: string;
  measureCode: string | null;
  measure: {
    code: string;
    name: string;
    kind: string;
    unit: string | null;
    better: "lower" | "higher" | null;
    nationalPerformance: number | null;
  } | null;
  goals: { number: string | null; title: string }[];
  baseline: ProgressPoint | null;
  latest: ProgressPoint | null;
  later: ProgressPoint[];
  change: number | null;
  trend: "better" | "worse" | "same" | null;
}

export interface ComponentProgressList {
  county: string;
  acceptedAt: string | null;
  items: ComponentProgress[];
}
