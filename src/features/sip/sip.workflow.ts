/**
 * The SIP life cycle as pure rules: which move is allowed to whom, and what each needs.
 * draft → team_review → board_approval → submitted → state_review ⇄ negotiation → accepted,
 * and from accepted an annual update starts a new draft (version n + 1) of the same plan.
 */
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

/** Who acts: the county (owner of the plan) or the state review team. */
export type SipRole = "county" | "state_reviewer";

export interface Transition {
  from: SipStatus;
  to: SipStatus;
  by: SipRole;
  /** Needs no error findings from the guide's checks. */
  requiresCleanChecks?: boolean;
  /** Data the step records. */
  requires?: ("boardApprovalDate" | "agendaItem" | "note")[];
}

export const TRANSITIONS: Transition[] = [
  { from: "draft", to: "team_review", by: "county" },
  { from: "team_review", to: "draft", by: "county" },
  { from: "team_review", to: "board_approval", by: "county" },
  { from: "board_approval", to: "team_review", by: "county" },
  {
    from: "board_approval",
    to: "submitted",
    by: "county",
    requiresCleanChecks: true,
    requires: ["boardApprovalDate", "agendaItem"],
  },
  { from: "submitted", to: "state_review", by: "state_reviewer" },
  { from: "state_review", to: "negotiation", by: "state_reviewer", requires: ["note"] },
  { from: "negotiation", to: "state_review", by: "county", requiresCleanChecks: true },
  { from: "state_review", to: "accepted", by: "state_reviewer", requiresCleanChecks: true },
  { from: "negotiation", to: "accepted", by: "state_reviewer", requiresCleanChecks: true },
  // The annual update (progress report): a new draft of the accepted plan.
  { from: "accepted", to: "draft", by: "county", requires: ["note"] },
];

export function findTransition(from: string, to: string): Transition | undefined {
  return TRANSITIONS.find((t) => t.from === from && t.to === to);
}

export function allowedTransitions(from: string, roles: SipRole[]): Transition[] {
  return TRANSITIONS.filter((t) => t.from === from && roles.includes(t.by));
}

/** State reviewers see a SIP once the county has submitted it, never a draft. */
export const REVIEWABLE: ReadonlySet<string> = new Set([
  "submitted",
  "state_review",
  "negotiation",
  "accepted",
]);

/** What may change in each status: content (text, structure), tracking (status, progress notes), or nothing. */
export function editability(status: string): "content" | "tracking" | "none" {
  if (status === "submitted" || status === "state_review") return "none";
  if (status === "accepted") return "tracking";
  return "content";
}

/** The annual update is due on the anniversary of acceptance. */
export function anniversary(isoDate: string, years = 1): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
}
