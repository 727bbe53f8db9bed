/**
 * County System Improvement Plan checks, from the SIP user's guide (seed 002). Pure: the service gathers the
 * plan document and the check context; every rule is a small function in `checks/`.
 */
import type { PlanDocument } from "../plans/plans.presenter.ts";
import type { Finding, SipCheckContext } from "./checks/catalogue.ts";
import { sipItems } from "./checks/items.ts";
import { checkLength } from "./checks/length.ts";
import { checkMilestoneWording } from "./checks/milestone-wording.ts";
import {
  checkComponentCount,
  checkComponentsHaveGoals,
  checkGoalsHaveStrategies,
  checkMilestonesHaveAssignee,
  checkMilestonesHaveTimeframe,
  checkMilestonesWithinPeriod,
  checkSafetyMeasuresAddressed,
  checkStrategiesHaveMilestones,
  checkStrategiesHaveRationale,
} from "./checks/structure.ts";
import { checkCoreRepresentatives } from "./checks/team.ts";
import { checkTimeframesPractical } from "./checks/timeframe.ts";

export {
  CHECKS,
  type CheckCode,
  CORE_REPRESENTATIVE_KINDS,
  CORE_REPRESENTATIVES,
  type CoreRepresentative,
  type CoreRepresentativeInfo,
  type Finding,
  type I18nText,
  type Severity,
  type SipCheckContext,
  type SipTeamMember,
} from "./checks/catalogue.ts";
export { NARRATIVE_MAX_PAGES, PLAN_MAX_PAGES, WORDS_PER_PAGE } from "./checks/length.ts";
export { assessMilestoneWording } from "./checks/milestone-wording.ts";
export { PRACTICAL_TIMEFRAME_MONTHS, parseTimeframeMonths } from "./checks/timeframe.ts";

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

/** Runs every SIP check; findings come errors first, then warnings, then infos, each in document order. */
export function checkSip(doc: PlanDocument, context: SipCheckContext): Finding[] {
  const items = sipItems(doc);
  const findings = [
    ...checkCoreRepresentatives(context),
    ...checkSafetyMeasuresAddressed(items, context),
    ...checkComponentCount(items),
    ...checkComponentsHaveGoals(items),
    ...checkGoalsHaveStrategies(items),
    ...checkStrategiesHaveRationale(items),
    ...checkStrategiesHaveMilestones(items),
    ...checkMilestonesHaveTimeframe(items),
    ...checkMilestonesHaveAssignee(items),
    ...checkMilestoneWording(items),
    ...checkMilestonesWithinPeriod(doc, items),
    ...checkTimeframesPractical(items),
    ...checkLength(doc, items),
  ];
  return sortFindings(doc, items, findings);
}

/**
 * Document order: plan-level findings without a section first (cover sheet, team), then by section in
 * template order, items by their place in the outline; ties keep the order the rules produced them in.
 */
function sortFindings(doc: PlanDocument, items: ReturnType<typeof sipItems>, findings: Finding[]): Finding[] {
  const itemOrder = new Map(items.map((i) => [i.node.id, i.order]));
  const sectionOrder = new Map(doc.sections.map((s, index) => [s.key, index]));
  const place = (f: Finding): [number, number] => {
    const section = f.section === null ? -1 : (sectionOrder.get(f.section) ?? doc.sections.length);
    const item = f.itemId === null ? -1 : (itemOrder.get(f.itemId) ?? items.length);
    return [section, item];
  };
  return findings
    .map((f, index) => ({ f, index, place: place(f) }))
    .sort(
      (a, b) =>
        SEVERITY_RANK[a.f.severity] - SEVERITY_RANK[b.f.severity] ||
        a.place[0] - b.place[0] ||
        a.place[1] - b.place[1] ||
        a.index - b.index,
    )
    .map(({ f }) => f);
}
