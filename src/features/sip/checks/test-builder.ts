/**
 * Builds SIP plan documents for the rule tests from a nested outline, through the real presenter, so item
 * numbers ("1.0", "1.1.1") and assignee display are what the app shows. Item ids follow the outline: "c1",
 * "c1.g1", "c1.g1.s1", "c1.g1.s1.m1".
 */
import { type ItemRow, type PlanDocument, type PlanRow, presentPlan } from "../../plans/plans.presenter.ts";
import { loadTemplates } from "../../templates/templates.service.ts";
import { CORE_REPRESENTATIVE_KINDS, type SipCheckContext } from "./catalogue.ts";

export interface MilestoneSpec {
  title: string;
  timeframe?: string | null;
  dueDate?: string | null;
  assignee?: string | null;
}
export interface StrategySpec {
  title: string;
  rationale?: string;
  milestones: MilestoneSpec[];
}
export interface GoalSpec {
  title: string;
  strategies: StrategySpec[];
}
export interface ComponentSpec {
  title: string;
  measureCode?: string;
  goals: GoalSpec[];
}
export interface SipSpec {
  components: ComponentSpec[];
  periodStart?: string | null;
  periodEnd?: string | null;
  header?: Record<string, unknown>;
  narrative?: Record<string, unknown>;
  closing?: Record<string, unknown>;
}

const template = loadTemplates().latest("county-sip");
const at = new Date("2026-11-23T12:00:00Z");

export const milestone = (overrides: Partial<MilestoneSpec> = {}): MilestoneSpec => ({
  title: "Training for all staff completed.",
  timeframe: "6 months",
  dueDate: "2027-06-30",
  assignee: "Program manager",
  ...overrides,
});

export const strategy = (overrides: Partial<StrategySpec> = {}): StrategySpec => ({
  title: "Expand Differential Response for families with a first referral.",
  rationale: "Families reached early are less likely to be re-referred.",
  milestones: [milestone()],
  ...overrides,
});

/** A complete component: one goal, one strategy with a rationale, one well-formed milestone. */
export const component = (measureCode: string, overrides: Partial<ComponentSpec> = {}): ComponentSpec => ({
  title: `Measure ${measureCode}`,
  measureCode,
  goals: [{ title: `Improve measure ${measureCode} by 5%.`, strategies: [strategy()] }],
  ...overrides,
});

function row(
  id: string,
  parentId: string | null,
  level: string,
  position: number,
  title: string,
  fields: Record<string, unknown> = {},
): ItemRow {
  return {
    id,
    parentId,
    section: "components",
    level,
    position,
    title,
    fields,
    status: level === "milestone" ? "not_started" : null,
    assigneeUserId: null,
    assigneeUserName: null,
    assigneeOrganizationId: null,
    assigneeOrganizationName: null,
    assigneeText: null,
    dueDate: null,
    timeframe: null,
    completedAt: null,
    version: 1,
    updatedAt: at,
  };
}

export function buildSip(spec: SipSpec): PlanDocument {
  if (!template) throw new Error("the county-sip template is missing");
  const rows: ItemRow[] = [];
  spec.components.forEach((c, ci) => {
    const cId = `c${ci + 1}`;
    rows.push(row(cId, null, "component", ci, c.title, c.measureCode ? { measure_code: c.measureCode } : {}));
    c.goals.forEach((g, gi) => {
      const gId = `${cId}.g${gi + 1}`;
      rows.push(row(gId, cId, "goal", gi, g.title));
      g.strategies.forEach((s, si) => {
        const sId = `${gId}.s${si + 1}`;
        rows.push(row(sId, gId, "strategy", si, s.title, s.rationale ? { rationale: s.rationale } : {}));
        s.milestones.forEach((m, mi) => {
          rows.push({
            ...row(`${sId}.m${mi + 1}`, sId, "milestone", mi, m.title),
            assigneeText: m.assignee ?? null,
            dueDate: m.dueDate ?? null,
            timeframe: m.timeframe ?? null,
          });
        });
      });
    });
  });
  const plan: PlanRow = {
    id: "plan-1",
    organizationId: "org-1",
    organizationName: "Any County CWS",
    title: "Any County SIP 2026–2031",
    status: "draft",
    version: 1,
    templateKey: template.key,
    templateVersion: template.version,
    template,
    values: {
      header: spec.header ?? { county: "Any County" },
      sections: { narrative: spec.narrative ?? {}, closing: spec.closing ?? {} },
    },
    periodStart: spec.periodStart === undefined ? "2026-07-01" : spec.periodStart,
    periodEnd: spec.periodEnd === undefined ? "2031-06-30" : spec.periodEnd,
    createdAt: at,
    updatedAt: at,
  };
  return presentPlan(plan, rows, "owner", "2026-11-23");
}

/** A context with every core representative on the team and no safety measure needing improvement. */
export function context(overrides: Partial<SipCheckContext> = {}): SipCheckContext {
  return {
    measures: [],
    team: CORE_REPRESENTATIVE_KINDS.map((representative) => ({
      name: `Rep ${representative}`,
      affiliation: "Any County",
      category: "core" as const,
      representative,
    })),
    youthConnectionAvailable: true,
    ...overrides,
  };
}
