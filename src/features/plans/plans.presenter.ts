import type { ItemStatus, PlanValues } from "../../db/schema/plans.ts";
import type { TemplateDefinition } from "../templates/template.schema.ts";
import {
  addDays,
  DUE_SOON_DAYS,
  type DueState,
  documentOrder,
  dueState,
  numberItems,
  type PlanAccess,
  type Progress,
  progressOf,
} from "./plans.rules.ts";

/** An item row with the names of its assignee, as the repository reads it. */
export interface ItemRow {
  id: string;
  parentId: string | null;
  section: string;
  level: string;
  position: number;
  title: string;
  fields: Record<string, unknown>;
  status: ItemStatus | null;
  assigneeUserId: string | null;
  assigneeUserName: string | null;
  assigneeOrganizationId: string | null;
  assigneeOrganizationName: string | null;
  assigneeText: string | null;
  dueDate: string | null;
  timeframe: string | null;
  completedAt: Date | null;
  version: number;
  updatedAt: Date;
}

export interface Assignee {
  userId: string | null;
  userName: string | null;
  organizationId: string | null;
  organizationName: string | null;
  text: string | null;
  /** One line for tables and documents: "Michael Lopez", "West County CalWORKs", or the free text. */
  display: string;
}

export interface PlanItemNode {
  id: string;
  parentId: string | null;
  section: string;
  level: string;
  position: number;
  /** "I", "1", "1.0", "1.1.1" or null when the level is unnumbered. */
  number: string | null;
  title: string;
  fields: Record<string, unknown>;
  status: ItemStatus | null;
  assignee: Assignee;
  dueDate: string | null;
  timeframe: string | null;
  dueState: DueState;
  completedAt: string | null;
  version: number;
  updatedAt: string;
  progress: Progress;
  children: PlanItemNode[];
}

export interface PlanSectionView {
  key: string;
  kind: "fields" | "items";
  /** For a fields section, its values. */
  values: Record<string, unknown>;
  /** For an items section, its root items with their children. */
  items: PlanItemNode[];
  progress: Progress;
}

/** The whole plan as the editor, the API and every export see it. */
export interface PlanDocument {
  id: string;
  organizationId: string;
  organizationName: string;
  title: string;
  status: string;
  version: number;
  templateKey: string;
  templateVersion: number;
  template: TemplateDefinition;
  periodStart: string | null;
  periodEnd: string | null;
  header: Record<string, unknown>;
  sections: PlanSectionView[];
  progress: Progress;
  access: PlanAccess;
  createdAt: string;
  updatedAt: string;
}

export interface PlanRow {
  id: string;
  organizationId: string;
  organizationName: string;
  title: string;
  status: string;
  version: number;
  templateKey: string;
  templateVersion: number;
  template: TemplateDefinition;
  values: PlanValues;
  periodStart: string | null;
  periodEnd: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export function presentAssignee(row: ItemRow): Assignee {
  const display = row.assigneeUserName ?? row.assigneeOrganizationName ?? row.assigneeText ?? "";
  return {
    userId: row.assigneeUserId,
    userName: row.assigneeUserName,
    organizationId: row.assigneeOrganizationId,
    organizationName: row.assigneeOrganizationName,
    text: row.assigneeText,
    display: row.assigneeText && display !== row.assigneeText ? `${display} (${row.assigneeText})` : display,
  };
}

export function presentPlan(
  plan: PlanRow,
  items: ItemRow[],
  access: PlanAccess,
  today: string,
): PlanDocument {
  const numbers = numberItems(plan.template, items);
  const soon = addDays(today, DUE_SOON_DAYS);
  const nodes = new Map<string, PlanItemNode>();
  for (const row of documentOrder(plan.template, items)) {
    nodes.set(row.id, {
      id: row.id,
      parentId: row.parentId,
      section: row.section,
      level: row.level,
      position: row.position,
      number: numbers.get(row.id) ?? null,
      title: row.title,
      fields: row.fields,
      status: row.status,
      assignee: presentAssignee(row),
      dueDate: row.dueDate,
      timeframe: row.timeframe,
      dueState: dueState(row.status, row.dueDate, today, soon),
      completedAt: row.completedAt?.toISOString() ?? null,
      version: row.version,
      updatedAt: row.updatedAt.toISOString(),
      progress: { total: 0, completed: 0, percent: null },
      children: [],
    });
  }
  const roots: PlanItemNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const trackedStatuses = (node: PlanItemNode): (ItemStatus | null)[] => {
    const level = plan.template.levels.find((l) => l.key === node.level);
    const own = level?.tracking.status ? [node.status ?? "not_started"] : [];
    return [...own, ...node.children.flatMap(trackedStatuses)];
  };
  for (const node of nodes.values()) node.progress = progressOf(trackedStatuses(node));

  const sections: PlanSectionView[] = plan.template.sections.map((section) => {
    const sectionRoots = roots.filter((r) => r.section === section.key);
    return {
      key: section.key,
      kind: section.kind,
      values: section.kind === "fields" ? (plan.values.sections[section.key] ?? {}) : {},
      items: sectionRoots,
      progress: progressOf(sectionRoots.flatMap(trackedStatuses)),
    };
  });
  return {
    id: plan.id,
    organizationId: plan.organizationId,
    organizationName: plan.organizationName,
    title: plan.title,
    status: plan.status,
    version: plan.version,
    templateKey: plan.templateKey,
    templateVersion: plan.templateVersion,
    template: plan.template,
    periodStart: plan.periodStart,
    periodEnd: plan.periodEnd,
    header: plan.values.header,
    sections,
    progress: progressOf(roots.flatMap(trackedStatuses)),
    access,
    createdAt: plan.createdAt.toISOString(),
    updatedAt: plan.updatedAt.toISOString(),
  };
}

/** Depth-first walk over a plan's items, in document order. */
export function* walkItems(
  nodes: PlanItemNode[],
  depth = 0,
): Generator<{ node: PlanItemNode; depth: number }> {
  for (const node of nodes) {
    yield { node, depth };
    yield* walkItems(node.children, depth + 1);
  }
}
