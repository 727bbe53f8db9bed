import { type PlanDocument, type PlanItemNode, walkItems } from "../../plans/plans.presenter.ts";
import type { I18nText } from "./catalogue.ts";

/** An item of the plan with the component it belongs to and its place in document order. */
export interface SipItem {
  node: PlanItemNode;
  section: string;
  /** The root component above the item (the item itself for a component); null outside components. */
  component: PlanItemNode | null;
  /** Position in document order, over all item sections. */
  order: number;
}

export function sipItems(doc: PlanDocument): SipItem[] {
  const items: SipItem[] = [];
  for (const section of doc.sections) {
    if (section.kind !== "items") continue;
    let component: PlanItemNode | null = null;
    for (const { node, depth } of walkItems(section.items)) {
      if (depth === 0) component = node.level === "component" ? node : null;
      items.push({ node, section: section.key, component, order: items.length });
    }
  }
  return items;
}

export const ofLevel = (items: SipItem[], level: string) => items.filter((i) => i.node.level === level);

export const text = (value: unknown): string => (typeof value === "string" ? value.trim() : "");

export function componentName(component: PlanItemNode): string {
  return text(component.title) || text(component.fields.measure_code) || "(untitled)";
}

const NOUNS: Record<string, I18nText> = {
  component: { en: "Component", es: "El componente" },
  goal: { en: "Improvement goal", es: "La meta de mejora" },
  strategy: { en: "Strategy", es: "La estrategia" },
  milestone: { en: "Milestone", es: "El hito" },
};

/**
 * The subject of a sentence about an item: "Milestone 1.2.1", or "Milestone 1.2.1 in “Timely response”" when
 * the plan has several components (goal numbers restart in each component). Spanish carries its article.
 */
export function subject(item: SipItem, severalComponents: boolean): I18nText {
  const noun = NOUNS[item.node.level] ?? { en: "Item", es: "El elemento" };
  if (item.node.level === "component") {
    const name = item.component ? componentName(item.component) : "";
    return { en: `${noun.en} “${name}”`, es: `${noun.es} «${name}»` };
  }
  const id = item.node.number ?? `“${text(item.node.title)}”`;
  const where =
    severalComponents && item.component
      ? { en: ` in “${componentName(item.component)}”`, es: ` de «${componentName(item.component)}»` }
      : { en: "", es: "" };
  return { en: `${noun.en} ${id}${where.en}`, es: `${noun.es} ${id}${where.es}` };
}
