/**
 * Rules on the shape of the plan (seed 002, "II. SIP Plan Components" and the SIP Component Template):
 * which components it has, and that every goal, strategy and milestone is complete.
 */
import type { PlanDocument } from "../../plans/plans.presenter.ts";
import { type Finding, finding, type SipCheckContext } from "./catalogue.ts";
import { type SipItem, subject, text } from "./items.ts";

const normalizeCode = (code: unknown) => text(code).toLowerCase();
const COMPONENTS_SECTION = "components";
const components = (items: SipItem[]) => items.filter((i) => i.node.level === "component");
const childrenOf = (item: SipItem, level: string) => item.node.children.filter((c) => c.level === level);
const several = (items: SipItem[]) => components(items).length > 1;

/** "All safety outcomes identified as an area needing improvement … are required to be addressed" (line 44). */
export function checkSafetyMeasuresAddressed(items: SipItem[], context: SipCheckContext): Finding[] {
  const addressed = new Set(components(items).map((c) => normalizeCode(c.node.fields.measure_code)));
  return context.measures
    .filter((m) => m.safety && m.needsImprovement && !addressed.has(normalizeCode(m.code)))
    .map((m) =>
      finding(
        "sip.safety_measure_without_component",
        {
          en: `Safety measure ${m.code} (${m.name}) needs improvement but no component addresses it; add a component with measure code ${m.code}.`,
          es: `La medida de seguridad ${m.code} (${m.name}) requiere mejora pero ningún componente la aborda; agregue un componente con el código de medida ${m.code}.`,
        },
        { section: COMPONENTS_SECTION },
      ),
    );
}

/** "CDSS recommends that each county address no more than 3 to 4 outcome indicators or systemic factors." */
export function checkComponentCount(items: SipItem[]): Finding[] {
  const count = components(items).length;
  if (count < 1) {
    return [
      finding(
        "sip.no_components",
        {
          en: "The plan has no component; add one per outcome indicator or systemic factor needing improvement.",
          es: "El plan no tiene componentes; agregue uno por cada indicador de resultado o factor sistémico que requiere mejora.",
        },
        { section: COMPONENTS_SECTION },
      ),
    ];
  }
  if (count > 4) {
    return [
      finding(
        "sip.too_many_components",
        {
          en: `The plan has ${count} components; the guide recommends no more than 3 to 4.`,
          es: `El plan tiene ${count} componentes; la guía recomienda no más de 3 o 4.`,
        },
        { section: COMPONENTS_SECTION },
      ),
    ];
  }
  return [];
}

export function checkComponentsHaveGoals(items: SipItem[]): Finding[] {
  return components(items)
    .filter((c) => childrenOf(c, "goal").length === 0)
    .map((c) => {
      const who = subject(c, true);
      return finding(
        "sip.component_without_goal",
        { en: `${who.en} has no improvement goal.`, es: `${who.es} no tiene ninguna meta de mejora.` },
        { itemId: c.node.id, section: c.section },
      );
    });
}

export function checkGoalsHaveStrategies(items: SipItem[]): Finding[] {
  return items
    .filter((i) => i.node.level === "goal" && childrenOf(i, "strategy").length === 0)
    .map((g) => {
      const who = subject(g, several(items));
      return finding(
        "sip.goal_without_strategy",
        { en: `${who.en} has no strategy.`, es: `${who.es} no tiene ninguna estrategia.` },
        { itemId: g.node.id, section: g.section },
      );
    });
}

export function checkStrategiesHaveRationale(items: SipItem[]): Finding[] {
  return items
    .filter((i) => i.node.level === "strategy" && text(i.node.fields.rationale) === "")
    .map((s) => {
      const who = subject(s, several(items));
      return finding(
        "sip.strategy_without_rationale",
        {
          en: `${who.en} has no rationale; explain how it builds on progress and improves the outcome.`,
          es: `${who.es} no tiene justificación; explique cómo aprovecha el progreso y mejora el resultado.`,
        },
        { itemId: s.node.id, section: s.section },
      );
    });
}

export function checkStrategiesHaveMilestones(items: SipItem[]): Finding[] {
  return items
    .filter((i) => i.node.level === "strategy" && childrenOf(i, "milestone").length === 0)
    .map((s) => {
      const who = subject(s, several(items));
      return finding(
        "sip.strategy_without_milestone",
        { en: `${who.en} has no milestone.`, es: `${who.es} no tiene ningún hito.` },
        { itemId: s.node.id, section: s.section },
      );
    });
}

export function checkMilestonesHaveTimeframe(items: SipItem[]): Finding[] {
  return items
    .filter((i) => i.node.level === "milestone" && text(i.node.timeframe) === "" && !i.node.dueDate)
    .map((m) => {
      const who = subject(m, several(items));
      return finding(
        "sip.milestone_without_timeframe",
        { en: `${who.en} has no timeframe.`, es: `${who.es} no tiene plazo.` },
        { itemId: m.node.id, section: m.section },
      );
    });
}

export function checkMilestonesHaveAssignee(items: SipItem[]): Finding[] {
  return items
    .filter((i) => i.node.level === "milestone" && i.node.assignee.display.trim() === "")
    .map((m) => {
      const who = subject(m, several(items));
      return finding(
        "sip.milestone_without_assignee",
        { en: `${who.en} is not assigned to anyone.`, es: `${who.es} no está asignado a nadie.` },
        { itemId: m.node.id, section: m.section },
      );
    });
}

/** Due dates are ISO dates (YYYY-MM-DD), so they compare as strings. */
export function checkMilestonesWithinPeriod(doc: PlanDocument, items: SipItem[]): Finding[] {
  const { periodStart, periodEnd } = doc;
  const findings: Finding[] = [];
  if (!periodStart || !periodEnd) {
    findings.push(
      finding("sip.plan_period_missing", {
        en: "Set the plan period (start and end dates) so milestone due dates can be checked against it.",
        es: "Defina el período del plan (fechas de inicio y fin) para poder verificar las fechas límite de los hitos.",
      }),
    );
  }
  for (const m of items) {
    const due = m.node.dueDate;
    if (m.node.level !== "milestone" || !due) continue;
    const early = periodStart !== null && due < periodStart;
    const late = periodEnd !== null && due > periodEnd;
    if (!early && !late) continue;
    const who = subject(m, several(items));
    const period = { start: periodStart ?? "…", end: periodEnd ?? "…" };
    findings.push(
      finding(
        "sip.milestone_outside_period",
        {
          en: `${who.en} is due ${due}, ${early ? "before the plan period starts" : "after the plan period ends"} (${period.start} to ${period.end}).`,
          es: `${who.es} vence el ${due}, ${early ? "antes del inicio" : "después del fin"} del período del plan (${period.start} a ${period.end}).`,
        },
        { itemId: m.node.id, section: m.section },
      ),
    );
  }
  return findings;
}
